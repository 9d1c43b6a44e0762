"""External links over HTTP: each distinct URL asked once, politely, with bounded retries.

HEAD first (no body), GET when a server refuses HEAD (its body is never read: the response is
closed after the headers). Redirects are followed by hand so that a permanent one can be
reported with its target and a loop is caught. A global and a per-host limit keep the
number of open requests small; 429 and 503 answers are retried after `Retry-After`.
"""

from __future__ import annotations

import asyncio
import email.utils
import errno
import random
import socket
import ssl
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Iterable

import httpx

from .. import __version__
from .outcome import Outcome
from .settings import LinkSettings

USER_AGENT = f"notelint/{__version__} (link checker; +https://pypi.org/project/notelint/)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_GONE = frozenset({404, 410})
_RETRY = frozenset({429, 503})
# Answers to HEAD that often mean "this server does not do HEAD", not "this page is broken".
_HEAD_REFUSED = frozenset({400, 403, 405, 406, 501})


class _Answer(Exception):
    """A request ended without an HTTP answer; carries the outcome to report."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.reason)
        self.outcome = outcome


def _retry_delay(headers: httpx.Headers, attempt: int) -> float:
    value = headers.get("retry-after", "").strip()
    if value.isascii() and value.isdigit():  # not `²`, which isdigit() also takes
        return float(value)
    if value:
        try:
            when = email.utils.parsedate_to_datetime(value)
            return max(0.0, when.timestamp() - time.time())
        except (TypeError, ValueError):
            pass
    return float(2 ** attempt)


def _failure(exc: httpx.HTTPError, timeout: float) -> Outcome:
    if isinstance(exc, httpx.TimeoutException):
        return Outcome("error", None, f"no answer within {timeout:g} s")
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return Outcome("error", None, f"TLS failure: {cause.reason or cause}")
        if isinstance(cause, socket.gaierror):
            return Outcome("error", None, "host name not found", network=True)
        if isinstance(cause, OSError) and cause.errno is not None:
            return Outcome("error", None, cause.strerror or str(cause),
                           network=cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH))
        cause = cause.__cause__ or cause.__context__
    text = str(exc) or type(exc).__name__
    if "name resolution" in text.lower() or "name or service not known" in text.lower():
        return Outcome("error", None, "host name not found", network=True)
    return Outcome("error", None, text)


class ExternalChecker:
    def __init__(self, settings: LinkSettings, *,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self.transport = transport
        self.requests = 0

    def check(self, urls: Iterable[str],
              progress: Callable[[int, int], None] | None = None) -> dict[str, Outcome]:
        """The outcome of each URL (fragments already removed by the caller)."""
        todo = sorted(set(urls))
        if not todo:
            return {}
        return asyncio.run(self._check_all(todo, progress))

    async def _check_all(self, urls: list[str],
                         progress: Callable[[int, int], None] | None) -> dict[str, Outcome]:
        settings = self.settings
        limits = httpx.Limits(max_connections=settings.concurrency,
                              max_keepalive_connections=settings.concurrency)
        self._global = asyncio.Semaphore(settings.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(settings.per_host))
        results: dict[str, Outcome] = {}
        done = 0
        self._deadline = time.monotonic() + settings.run_timeout
        async with httpx.AsyncClient(timeout=settings.timeout, limits=limits,
                                     follow_redirects=False, transport=self.transport,
                                     headers={"User-Agent": USER_AGENT}) as client:

            async def one(url: str) -> None:
                nonlocal done
                results[url] = await self._check_one(client, url)
                done += 1
                if progress is not None:
                    progress(done, len(urls))

            await asyncio.gather(*(one(url) for url in urls))
        return results

    async def _check_one(self, client: httpx.AsyncClient, url: str) -> Outcome:
        current, seen, permanent = url, {url}, False
        try:
            for hop in range(self.settings.max_redirects + 1):
                status, headers = await self._fetch(client, current)
                location = headers.get("location")
                if status not in _REDIRECTS or not location:
                    return self._outcome(status, current if permanent else None, hop)
                permanent = permanent or (hop == 0 and status in _PERMANENT)
                current = _redirect_target(current, location)
                if current in seen:
                    return Outcome("error", status, f"redirect loop at {current}")
                seen.add(current)
        except _Answer as answer:
            return answer.outcome
        return Outcome("error", None, f"more than {self.settings.max_redirects} redirects")

    def _outcome(self, status: int, target: str | None, hops: int) -> Outcome:
        after = f" (after {hops} redirect{'s' * (hops > 1)})" if hops else ""
        if status < 400:
            return Outcome("redirected", status, "", target) if target else Outcome("ok", status)
        if status in _GONE:
            return Outcome("broken", status, f"HTTP {status}{after}", target)
        if status in _RETRY:
            return Outcome("error", status, f"HTTP {status}: the server asks to come back "
                           "later", target)
        return Outcome("error", status, f"HTTP {status}{after}", target)

    async def _fetch(self, client: httpx.AsyncClient, url: str) -> tuple[int, httpx.Headers]:
        attempt = 0
        while True:
            status, headers = await self._send(client, "HEAD", url)
            if status in _HEAD_REFUSED:
                status, headers = await self._send(client, "GET", url)
            if status not in _RETRY or attempt >= self.settings.retries:
                return status, headers
            delay = _retry_delay(headers, attempt)
            if delay > self.settings.retry_after_max or delay > self._left():
                return status, headers
            attempt += 1
            # Jitter keeps many links to one host from coming back all at once.
            await asyncio.sleep(min(delay + random.uniform(0, 0.1 + delay / 4), self._left()))

    def _left(self) -> float:
        """Seconds left of the run's time for external links."""
        return max(0.0, self._deadline - time.monotonic())

    async def _send(self, client: httpx.AsyncClient, method: str,
                    url: str) -> tuple[int, httpx.Headers]:
        host = urllib.parse.urlsplit(url).netloc.lower()
        async with self._hosts[host], self._global:
            left = self._left()
            if left <= 0:
                raise _Answer(Outcome("error", None, "not checked: the run's "
                                      f"{self.settings.run_timeout:g} s for external links "
                                      "ran out", unchecked=True))
            self.requests += 1
            # httpx's timeout is per step (connect, each read): a server sending its headers
            # a byte a second, or `102 Processing` forever, never trips it. This bounds the
            # whole exchange up to the headers.
            limit = min(self.settings.timeout, left)
            try:
                request = client.build_request(method, url)
                response = await asyncio.wait_for(client.send(request, stream=True), limit)
            except (asyncio.TimeoutError, httpx.TimeoutException):
                raise _Answer(Outcome("error", None, f"no answer within {limit:g} s")) from None
            except httpx.HTTPError as exc:
                raise _Answer(_failure(exc, self.settings.timeout)) from None
            except Exception as exc:  # httpx rejects some URLs and redirects this way
                raise _Answer(Outcome("error", None,
                                      f"not a usable URL or redirect: {exc}")) from None
            # Only the status and headers matter: the body is never read.
            await response.aclose()
            return response.status_code, response.headers


def _redirect_target(current: str, location: str) -> str:
    """Where a `Location:` leads, when it is an http(s) URL a browser would follow."""
    try:
        target = urllib.parse.urljoin(current, location.strip())
        parts = urllib.parse.urlsplit(target)
        port = parts.port  # raises on a port that is not a number below 65536
    except ValueError as exc:
        raise _Answer(Outcome("error", None, f"redirects to an invalid URL ({exc})")) from None
    if parts.scheme not in ("http", "https") or not parts.hostname or port == 0:
        shown = target if len(target) <= 80 else target[:77] + "..."
        raise _Answer(Outcome("error", None, f"redirects to {shown}, which is not a web "
                              "address"))
    return target


def network_down(outcomes: dict[str, Outcome]) -> bool:
    """Every host failed before answering: the machine is offline, not the links broken."""
    hosts = {urllib.parse.urlsplit(u).netloc.lower() for u in outcomes}
    return len(hosts) >= 2 and all(o.network for o in outcomes.values())



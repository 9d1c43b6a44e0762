"""A small HTTP server on 127.0.0.1 that plays every kind of web server a link meets.

Paths: /page (200), /gone (404), /removed (410), /server-error (500), /forbidden (403),
/moved (301 -> /page), /temporary (302 -> /page), /chain/N (301 -> /chain/N-1 ... -> /page),
/loop-a <-> /loop-b, /moved-gone (308 -> /gone), /no-head (405 to HEAD, 200 to GET),
/busy (429 with Retry-After: 1 the first time, then 200), /always-busy (429, Retry-After: 3600),
/slow (answers after 4 s), /huge (405 to HEAD; GET streams 200 MB unless the client hangs up).
Every request is counted by (method, path).
"""

from __future__ import annotations

import collections
import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TypeVar

import httpx

from notelint import CheckOptions, CheckResult
from notelint.engine import check_paths
from notelint.fix import FixReport, fix_paths
from notelint.rules import Rule

T = TypeVar("T")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LinkServer

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")

    def _send(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def _answer(self, method: str) -> None:
        path = self.path.split("?")[0]
        with self.server.lock:
            self.server.requests[(method, path)] += 1
            seen = self.server.requests[(method, path)]
        if self.server.delay:
            time.sleep(self.server.delay)
        simple = {"/gone": 404, "/removed": 410, "/server-error": 500, "/forbidden": 403}
        moves = {"/moved": (301, "/page"), "/temporary": (302, "/page"),
                 "/loop-a": (301, "/loop-b"), "/loop-b": (301, "/loop-a"),
                 "/moved-gone": (308, "/gone")}
        if path in simple:
            self._send(simple[path], body=b"no")
        elif path in moves:
            status, target = moves[path]
            self._send(status, {"Location": target})
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            self._send(301, {"Location": f"/chain/{left - 1}" if left > 1 else "/page"})
        elif path == "/no-head" and method == "HEAD":
            self._send(405)
        elif path == "/busy" and seen == 1 and method == "HEAD":
            self._send(429, {"Retry-After": "1"})
        elif path == "/always-busy":
            self._send(429, {"Retry-After": "3600"})
        elif path == "/slow":
            time.sleep(4)
            self._send(200)
        elif path == "/huge":
            self._huge(method)
        else:
            self._send(200, {"Content-Type": "text/html"}, b"<p>ok</p>")

    def _huge(self, method: str) -> None:
        if method == "HEAD":
            self._send(405)
            return
        chunk = b"x" * 65536
        total = 200 * 1024 * 1024
        self.send_response(200)
        self.send_header("Content-Length", str(total))
        self.end_headers()
        try:
            for _ in range(total // len(chunk)):
                self.wfile.write(chunk)
                self.server.huge_sent += len(chunk)
        except OSError:
            return  # the client hung up, as it should


class LinkServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str = "127.0.0.1", delay: float = 0.0) -> None:
        super().__init__((host, 0), _Handler)
        self.lock = threading.Lock()
        self.requests: collections.Counter[tuple[str, str]] = collections.Counter()
        self.delay = delay
        self.huge_sent = 0

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


@contextmanager
def serving(delay: float = 0.0) -> Iterator[LinkServer]:
    server = LinkServer(delay=delay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class ToServer(httpx.AsyncHTTPTransport):
    """Sends every request, whatever its host, to the local server (same path and query),
    so documentation examples can keep readable `https://example.org/...` URLs."""

    def __init__(self, server: LinkServer) -> None:
        super().__init__()
        self.target = httpx.URL(server.base)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(scheme=self.target.scheme, host=self.target.host,
                                            port=self.target.port)
        return await super().handle_async_request(request)


EXTERNAL_RULES = ("NL510", "NL511", "NL512")


def check_with_server(rule: Rule, path: Path) -> CheckResult:
    """Check `path` with one rule; the external-link rules send every request, whatever its
    host, to a local server (tests/linkserver.py), so examples keep `https://example.org`."""
    return with_server(rule, lambda options: check_paths([path], options))


def fix_with_server(rule: Rule, path: Path, unsafe: bool = True) -> tuple[CheckResult, FixReport]:
    """`check --fix` on `path` with one rule, as check_with_server checks."""
    return with_server(rule, lambda options: fix_paths([path], options, unsafe))


def with_server(rule: Rule, run: Callable[[CheckOptions], T]) -> T:
    now = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.timezone.utc)
    if rule.scope == "after":
        # Unused suppressions are judged against the rules that ran: the link rules here.
        return run(CheckOptions(select=(rule.code, "NL5"), now=now,
                                report_unused_suppressions=True))
    if rule.code not in EXTERNAL_RULES:
        return run(CheckOptions(select=(rule.code,), now=now))
    with serving() as server:
        return run(CheckOptions(select=(rule.code,), now=now, external=True, use_cache=False,
                                transport=ToServer(server)))

"""External links against a server the test starts on 127.0.0.1 (nothing else is reached)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import httpx
import pytest

from notelint import CheckOptions, check_paths
from notelint.cli import main

from .linkserver import serving

PATHS = ["/page", "/gone", "/removed", "/server-error", "/moved", "/temporary", "/chain/3",
         "/loop-a", "/no-head", "/busy", "/huge", "/slow", "/moved-gone"]


def _site(root: Path, base: str, extra: str = "") -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: t\n" + extra, encoding="utf-8")
    links = "\n".join(f"- [link {i}]({base}{path})" for i, path in enumerate(PATHS))
    # The same URL twice, and once with a fragment: still one request.
    (root / "_posts" / "2024-01-01-a.md").write_text(
        f"---\ntitle: a\n---\n{links}\n\n[again]({base}/page) [part]({base}/page#x)\n",
        encoding="utf-8")
    (root / ".notelint.toml").write_text("[links]\ntimeout = 2\nretry-after-max = 2\n",
                                         encoding="utf-8")
    return root


def _by_path(result, base: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    found = {}
    for d in result.diagnostics:
        url = d.message.split()[1].removeprefix(base)
        found[url] = d.code
    return found


def test_every_kind_of_answer(tmp_path: Path) -> None:
    with serving() as server:
        site = _site(tmp_path, server.base)
        result = check_paths([site], CheckOptions(select=("NL510", "NL511", "NL512"),
                                                  external=True))
        requests = server.requests.copy()
        huge_sent = server.huge_sent
    assert _by_path(result, server.base) == {
        "/gone": "NL510", "/removed": "NL510", "/moved-gone": "NL510",
        "/server-error": "NL511", "/loop-a": "NL511", "/slow": "NL511",
        "/moved": "NL512", "/chain/3": "NL512"}
    slow = next(d for d in result.diagnostics if "/slow" in d.message)
    assert "no answer within 2 s" in slow.message
    # One HEAD per URL; GET only where HEAD was refused; 429 retried once after Retry-After.
    # /page itself, and the end of /moved, /temporary and /chain/3.
    assert requests[("HEAD", "/page")] == 4
    assert requests[("GET", "/page")] == 0
    assert requests[("HEAD", "/no-head")] == 1 and requests[("GET", "/no-head")] == 1
    assert requests[("HEAD", "/busy")] == 2
    # The 200 MB body was never read: the client hung up after the headers.
    assert requests[("GET", "/huge")] == 1
    assert huge_sent < 20 * 1024 * 1024
    assert result.external is not None and result.external.requests == sum(requests.values())


def test_cache_makes_a_second_run_ask_nothing(tmp_path: Path) -> None:
    with serving() as server:
        site = _site(tmp_path, server.base)
        options = CheckOptions(select=("NL51",), external=True)
        first = check_paths([site], options)
        asked = sum(server.requests.values())
        second = check_paths([site], options)
        assert sum(server.requests.values()) == asked  # zero new requests
        third = check_paths([site], CheckOptions(select=("NL51",), external=True,
                                                 use_cache=False))
        assert sum(server.requests.values()) > asked
    assert first.diagnostics == second.diagnostics == third.diagnostics
    assert second.external is not None and second.external.cached == len(PATHS)
    assert second.external.checked == 0
    cache = json.loads((site / ".notelint-cache" / "external-links.json").read_text())
    assert len(cache["results"]) == len(PATHS)
    assert (site / ".notelint-cache" / ".gitignore").read_text().endswith("*\n")


def test_expired_results_are_asked_again(tmp_path: Path) -> None:
    with serving() as server:
        site = _site(tmp_path, server.base)
        (site / ".notelint.toml").write_text(
            "[links]\ntimeout = 2\n[links.cache-lifetime]\nok = 0\n", encoding="utf-8")
        check_paths([site], CheckOptions(select=("NL510",), external=True))
        before = server.requests.copy()
        check_paths([site], CheckOptions(select=("NL510",), external=True))
        assert server.requests[("HEAD", "/page")] > before[("HEAD", "/page")]  # expired
        assert server.requests[("HEAD", "/gone")] == before[("HEAD", "/gone")]  # cached


def test_offline_exclude_and_include(tmp_path: Path) -> None:
    with serving() as server:
        site = _site(tmp_path, server.base)
        offline = check_paths([site], CheckOptions(select=("NL51",), external=True,
                                                   offline=True))
        assert offline.diagnostics == [] and sum(server.requests.values()) == 0
        (site / ".notelint.toml").write_text(
            "[links]\nexternal = true\ntimeout = 2\nexclude = ['/gone$']\n"
            "include = ['/(gone|removed|page)$']\n", encoding="utf-8")
        result = check_paths([site], CheckOptions(select=("NL51",), use_cache=False))
        assert _by_path(result, server.base) == {"/removed": "NL510"}
        assert set(server.requests) == {("HEAD", "/removed"), ("HEAD", "/page")}


class _NoNetwork(httpx.AsyncBaseTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution") from \
            socket.gaierror(-3, "Temporary failure in name resolution")


def test_no_network_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path, "https://example.org")
    (site / "_posts" / "2024-01-02-b.md").write_text("---\ntitle: b\n---\n"
                                                     "[x](https://example.net/)\n")
    result = check_paths([site], CheckOptions(select=("NL51",), external=True,
                                              transport=_NoNetwork()))
    assert result.diagnostics == []
    assert result.external is not None and result.external.network_down
    assert not (site / ".notelint-cache" / "external-links.json").exists()


def test_cli_summary_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    with serving() as server:
        site = _site(tmp_path, server.base)
        monkeypatch.chdir(site)
        with pytest.raises(SystemExit) as exit_info:
            main(["check", "--select", "NL51", "--external", "--no-cache"])
    out, err = capsys.readouterr()
    assert exit_info.value.code == 1
    assert " NL510 " in out
    assert "External links: 13 checked, 0 cached, 3 broken, 2 redirected, 3 failed, " \
           "0 skipped." in err

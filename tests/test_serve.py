"""`notelint serve`: the preview server, driven over HTTP and in a real headless browser
(Debian's chromium and chromium-driver, through Selenium; `.ci/run` installs them, elsewhere
the browser tests are skipped with the reason shown)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ASSETS = HERE / "sites" / "assets"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
needs_browser = pytest.mark.skipif(
    not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()),
    reason="no headless browser: install Debian's chromium and chromium-driver "
           "(apt install chromium chromium-driver), as .ci/run does")

POST = """---
layout: default
title: Hello
---
A picture: ![dot](/images/dot.png)

See [the archive](/archive/).
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(ASSETS, root)
    (root / "_posts/2024-03-01-hello.md").write_text(POST)
    return root


@pytest.fixture
def server(site: Path) -> Iterator[str]:
    """The preview of `site` on a free port; its address."""
    process = subprocess.Popen([sys.executable, "-m", "notelint", "serve", "--port", "0",
                                str(site)], stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "NOTELINT_CACHE_DIR": str(site.parent /
                                                                            "cache")})
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        found = re.search(r"at (http://\S+) ", line)
        assert found, line
        yield found.group(1)
    finally:
        process.terminate()
        process.wait(10)


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.headers["Content-Type"], answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def _files(root: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size)
            for p in root.rglob("*")}


def test_pages_stylesheets_and_files_are_served_and_nothing_is_written(
        site: Path, server: str) -> None:
    before = _files(site)
    status, kind, page = _get(server + "2024/03/01/hello.html")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert b'<link href="/css/site.css" rel="stylesheet" />' in page
    assert b'id="notelint-panel" data-source="_posts/2024-03-01-hello.md"' in page
    assert _get(server + "css/site.css")[2].startswith(b"body { color: #222; }")
    assert _get(server + "images/dot.png")[2] == (site / "images/dot.png").read_bytes()
    assert _get(server + "robots.txt")[:2] == (200, "text/plain; charset=utf-8")
    # Only what the site publishes: no source file, nothing outside it.
    for missing in ("_posts/2024-03-01-hello.md", "_config.yml", "../../etc/passwd",
                    "%2e%2e/%2e%2e/etc/passwd", "css/site.scss"):
        assert _get(server + missing)[0] == 404, missing
    status, _, findings = _get(server + "__notelint/findings?source=_posts/"
                               "2024-03-01-hello.md")
    assert status == 200 and b'"code": "NL501"' in findings
    assert _get(server + "__notelint/findings?source=../../etc/passwd")[2] == b"[]"
    assert _files(site) == before


@needs_browser
def test_the_browser_shows_the_page_its_findings_and_each_save(site: Path,
                                                              server: str) -> None:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1000,700",
                 f"--user-data-dir={site.parent / 'browser'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    # The live reload replaces the page while a wait looks at it: an element found just
    # before is then stale, and the wait tries again.
    wait = WebDriverWait(driver, 30, ignored_exceptions=(StaleElementReferenceException,))
    try:
        driver.get(server + "2024/03/01/hello.html")
        # The stylesheet compiled from the site's Sass applies.
        body = driver.find_element(By.TAG_NAME, "body")
        assert body.value_of_css_property("color") == "rgba(34, 34, 34, 1)"
        # The image, copied from the site, loads.
        assert driver.execute_script("return document.querySelector('img').naturalWidth") == 1
        # The page's findings show in the panel.
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".notelint-finding"))
        findings = [e.text for e in driver.find_elements(By.CSS_SELECTOR,
                                                         ".notelint-finding")]
        assert len(findings) == 1 and findings[0].startswith("7:19 NL501 link /archive/ is broken")
        # Saving the post updates the open page, and its findings, with no reload asked.
        post = site / "_posts/2024-03-01-hello.md"
        time.sleep(0.05)  # a new modification time even on a coarse clock
        post.write_text(POST.replace("A picture", "An edited picture")
                        .replace("/archive/", "/2024/03/01/hello.html"))
        wait.until(lambda d: "An edited picture" in d.find_element(By.TAG_NAME, "body").text)
        wait.until(lambda d: d.find_element(By.ID, "notelint-status").text ==
                   "no problems in _posts/2024-03-01-hello.md")
        assert driver.find_elements(By.CSS_SELECTOR, ".notelint-finding") == []
    finally:
        driver.quit()


def test_a_page_the_build_stops_on_says_why(site: Path, server: str) -> None:
    (site / "_posts/2024-03-01-hello.md").write_text(POST + "{% if %}\n")
    deadline = time.monotonic() + 20
    while True:  # the server reads the site again once it sees the save
        status, _, page = _get(server + "2024/03/01/hello.html")
        if b"The build stops on this page" in page or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert status == 200
    assert b"The build stops on this page:</p><ul><li>8:4: error: " in page
    assert b'id="notelint-panel"' in page


def test_an_internal_error_is_one_line_and_500_not_a_traceback(
        site: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    import threading
    from http.server import ThreadingHTTPServer

    from notelint import serve

    def broken(self: serve.Preview) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(serve.Preview, "_read", broken)
    handler = type("H", (serve.Handler,), {"preview": serve.Preview(site)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        status, kind, body = _get(f"http://127.0.0.1:{server.server_address[1]}/x.html")
    finally:
        server.shutdown()
        server.server_close()
    assert (status, kind) == (500, "text/plain; charset=utf-8")
    assert body == b"notelint: internal error on /x.html: RuntimeError: a bug"
    assert "Traceback" not in capfd.readouterr().err

"""`notelint serve`: how soon the preview answers, on the benchmark corpus.

    python benchmarks/bench_serve.py            # 1,000 posts
    python benchmarks/bench_serve.py 10000      # other sizes

Printed per size, best of three runs: seconds from starting `notelint serve` until it
listens, and until the first post's whole page (layouts, panel) has arrived; with the site
index cold (no cache folder) and warm (the index a previous run left). Then the seconds
from saving a post to the reload event reaching an open page, and the time to render one
more page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench_check import corpus

RUNS = 3


def first_page(site: Path, cache: Path, url_path: str) -> tuple[float, float, str]:
    """(seconds to listening, seconds to the page, the address) of one start."""
    start = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "notelint", "serve", "--port", "0",
                               str(site)], stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "NOTELINT_CACHE_DIR": str(cache)})
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        listening = time.perf_counter() - start
        found = re.search(r"at (http://\S+) ", line)
        assert found, line
        address = found.group(1)
        with urllib.request.urlopen(address + url_path, timeout=60) as answer:
            assert b"notelint-panel" in answer.read()
        return listening, time.perf_counter() - start, address
    finally:
        server.terminate()
        server.wait()


def reload_delay(site: Path, cache: Path, url_path: str, post: Path) -> tuple[float, float]:
    """(seconds from a save to the reload event, seconds to render the page again)."""
    server = subprocess.Popen([sys.executable, "-m", "notelint", "serve", "--port", "0",
                               str(site)], stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "NOTELINT_CACHE_DIR": str(cache)})
    try:
        assert server.stderr is not None
        found = re.search(r"at (http://\S+) ", server.stderr.readline())
        assert found
        address = found.group(1)
        events = urllib.request.urlopen(address + "__notelint/events", timeout=60)
        assert events.readline().startswith(b"data: ")
        events.readline()
        saved = time.perf_counter()
        post.write_text(post.read_text() + "\nOne more line.\n")
        while not events.readline().startswith(b"data: "):
            pass
        notified = time.perf_counter() - saved
        start = time.perf_counter()
        with urllib.request.urlopen(address + url_path, timeout=60) as answer:
            answer.read()
        return notified, time.perf_counter() - start
    finally:
        server.terminate()
        server.wait()


def main(sizes: list[int]) -> None:
    print(f"{'posts':>7}  {'what':<40} {'seconds':>8}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            site = Path(scratch) / "site"
            shutil.copytree(corpus(size), site)
            posts = sorted((site / "_posts").iterdir())
            post = posts[len(posts) // 2]
            cache = Path(scratch) / "cache"
            # The post's URL, as the preview publishes it: from its page's canonical path.
            url_path = _url(site, post)
            cold = []
            for _ in range(RUNS):
                shutil.rmtree(cache, ignore_errors=True)
                cold.append(first_page(site, cache, url_path))
            warm = [first_page(site, cache, url_path) for _ in range(RUNS)]
            notified, again = reload_delay(site, cache, url_path, post)
        rows = [("listening, index cold", min(c[0] for c in cold)),
                ("first page, index cold", min(c[1] for c in cold)),
                ("listening, index warm", min(w[0] for w in warm)),
                ("first page, index warm", min(w[1] for w in warm)),
                ("save -> reload event", notified),
                ("the page rendered again", again)]
        for what, seconds in rows:
            print(f"{size:>7,}  {what:<40} {seconds:>8.2f}")


def _url(site: Path, post: Path) -> str:
    from notelint.engine import load_site
    loaded = load_site(site)
    found = next(p for p in loaded.all_posts if p.path == post)
    assert found.output_path is not None
    return found.output_path


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [1000])

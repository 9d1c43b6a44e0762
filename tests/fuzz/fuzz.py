"""Fuzz `check` and `render` with mutated real posts; every crash or hang is kept.

    python tests/fuzz/fuzz.py 100000 --jobs 2 --seed 1 --out fuzz-crashes

Each input is a post of the corpora (tests/shared/corpus, tests/sites) with a few mutations:
bytes flipped, a stretch cut or repeated, lines swapped, Markdown/Liquid/YAML/HTML tokens
inserted. It is checked (every rule, offline) and rendered with the site's layouts
in-process, in a small site with a layout, an include and data, under a deadline. An
exception, a deadline missed, or a traceback-shaped message is a failure: the input is
saved to OUT with what happened, and the run goes on. Exit status 1 when anything failed.
The same seed gives the same inputs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOKENS = [
    b"---\n", b"---", b"{{", b"}}", b"{%", b"%}", b"{% raw %}", b"{% endraw %}",
    b"{% if x %}", b"{% endif %}", b"{% for i in (1..3) %}", b"{% endfor %}",
    b"{% include x.html %}", b"{% include_relative ../x %}", b"{% post_url 2024-01-01-x %}",
    b"{% highlight ruby %}", b"{% endhighlight %}", b"{{ page | jsonify }}",
    b"{{ site.posts | map: 'title' }}", b"{% capture c %}", b"{% endcapture %}",
    b"{% break %}", b"{% comment %}", b"{{ 'x' | date: '%Y' }}", b"{:", b"{: .x #y}",
    b"{::nomarkdown}", b"{:/}", b"{::options auto_ids=\"false\" /}", b"```", b"~~~",
    b"    ", b"\t", b"> ", b"- ", b"1. ", b"* ", b"# ", b"#", b"|", b"|---|", b"[", b"]",
    b"](", b"![", b"[^1]", b"[^1]: ", b"*", b"**", b"_", b"`", b"$$", b"\\", b"<", b">",
    b"<div>", b"</div>", b"<div markdown=\"1\">", b"<a href=\"", b"</a>", b"<span>",
    b"<!--", b"-->", b"<script>", b"</script>", b"&#", b"&amp;", b"\r\n", b"\r", b"\0",
    b"\xff", b"\xef\xbb\xbf", b"\xe2\x80\xa8", b"title: ", b"date: ", b"date: 2024-13-45\n",
    b"date: 2024-01-01 10:00:00 +25:00\n", b"permalink: ", b"permalink: /%2e%2e/x\n",
    b"layout: ", b"tags: [", b"categories: ", b"&a ", b"*a", b"<<: *a\n", b"!!binary ",
    b"? ", b": ", b"- - ", b"'", b'"', b"%00", b"../", b"/etc/passwd", b"javascript:",
    b"http://", b"https://example.org/", b"mailto:", b"#fragment", b"{#id}",
]


@dataclass(frozen=True)
class Failure:
    index: int
    kind: str  # "crash" or "hang"
    detail: str


def seeds() -> list[bytes]:
    """Every post of the repository's corpora and sample sites, in a stable order."""
    found = []
    for base in (REPO / "tests" / "shared" / "corpus", REPO / "tests" / "sites",
                 REPO / "posts"):
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.suffix in (".md", ".markdown", ".html") and \
                    "_posts" in path.parts and path.stat().st_size < 200_000:
                found.append(path.read_bytes())
    return found


def make_input(corpus: list[bytes], seed: int, index: int) -> bytes:
    """Input `index` of the run with `seed`: the same bytes for the same corpus."""
    rng = random.Random(f"{seed}:{index}")
    return mutate(rng.choice(corpus), rng)


def mutate(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        at = rng.randint(0, len(buffer)) if buffer else 0
        if choice < 0.25 and buffer:  # flip a byte
            at = min(at, len(buffer) - 1)
            buffer[at] = rng.randint(0, 255)
        elif choice < 0.4 and buffer:  # cut a stretch
            del buffer[at:at + rng.randint(1, 200)]
        elif choice < 0.5 and buffer:  # repeat a stretch
            stretch = buffer[at:at + rng.randint(1, 100)]
            buffer[at:at] = stretch * rng.randint(1, 50)
        elif choice < 0.6:  # swap two lines
            lines = bytes(buffer).split(b"\n")
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                buffer = bytearray(b"\n".join(lines))
        else:  # insert tokens, sometimes many
            token = rng.choice(TOKENS)
            buffer[at:at] = token * (1 if rng.random() < 0.9 else rng.randint(2, 2000))
    return bytes(buffer)


class Deadline(BaseException):  # not an Exception: nothing may catch it on the way
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    # CPU time (SIGPROF), leaving the wall-clock timer to notelint's own per-post budget:
    # a post that runs past that budget is a finding (NL902), not a hang; one that runs
    # past this deadline got stuck where the budget could not stop it.
    def expire(signum: int, frame: object) -> None:
        raise Deadline(f"no result within {seconds:g} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _site(root: Path) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_layouts").mkdir()
    (root / "_includes").mkdir()
    (root / "_data").mkdir()
    (root / "_config.yml").write_text("title: Fuzz\ntimezone: UTC\nurl: https://example.org\n"
                                      "plugins: [jekyll-feed, jekyll-seo-tag]\n")
    (root / "Gemfile").write_text('source "https://rubygems.org"\ngem "jekyll", "~> 4.3"\n')
    (root / "_layouts" / "post.html").write_text(
        "<html><head>{% seo %}</head><body>{% include x.html %}{{ content }}</body></html>\n")
    (root / "_includes" / "x.html").write_text("<nav>{{ site.title }}</nav>\n")
    (root / "_data" / "d.yml").write_text("a: [1, 2]\n")
    (root / ".notelint.toml").write_text("post-time-limit = 10\n")
    (root / "_posts" / "2024-01-01-x.md").write_text("---\ntitle: X\n---\nThe other post.\n")
    return root


def run_one(site: Path, data: bytes, limit: float, budget: float = 10.0) -> str | None:
    """What went wrong with one input, or None."""
    from notelint import CheckOptions, check_paths
    from notelint.jekyll.site import Site
    from notelint.render import Renderer
    from notelint.render.jobs import RenderOptions, render_job

    post = site / "_posts" / "2024-02-02-fuzz.md"
    post.write_bytes(data)
    try:
        with deadline(limit):
            result = check_paths([post], CheckOptions(offline=True, use_cache=False))
            for diagnostic in result.diagnostics:
                if "Traceback" in diagnostic.message or "internal error" in diagnostic.message:
                    return f"crash: {diagnostic.code} {diagnostic.message}"
            loaded = Site.load(site)
            found = next((p for p in loaded.all_posts if p.path == post), None)
            if found is not None and found.read_ok and not found.fatal:
                render_job(Renderer(loaded, publish=True), found, RenderOptions(layouts=True),
                           budget)
    except Deadline as exc:
        return f"hang: {exc}"
    except Exception:
        return "crash: " + traceback.format_exc(limit=-8)
    return None


def _worker(job: tuple[int, int, int, float, str]) -> list[Failure]:
    start, stop, seed, limit, out = job
    corpus = seeds()
    failures = []
    with tempfile.TemporaryDirectory(prefix="notelint-fuzz-") as folder:
        site = _site(Path(folder) / "site")
        for index in range(start, stop):
            data = make_input(corpus, seed, index)
            problem = run_one(site, data, limit)
            if problem is not None:
                kind, _, detail = problem.partition(": ")
                failures.append(Failure(index, kind, detail))
                saved = Path(out)
                saved.mkdir(parents=True, exist_ok=True)
                (saved / f"{index:07d}.md").write_bytes(data)
                (saved / f"{index:07d}.txt").write_text(problem, encoding="utf-8")
    return failures


def fuzz(count: int, seed: int, jobs: int, limit: float, out: str) -> list[Failure]:
    """Run `count` inputs; the failures, in input order."""
    size = max(1, min(500, count // max(jobs, 1) or 1))
    chunks = [(start, min(start + size, count), seed, limit, out)
              for start in range(0, count, size)]
    if jobs <= 1:
        results = [_worker(chunk) for chunk in chunks]
    else:
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            results = pool.map(_worker, chunks, chunksize=1)
    return sorted((f for chunk in results for f in chunk), key=lambda f: f.index)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--deadline", type=float, default=60.0,
                        help="seconds of CPU time per input (the post budget is 10 s)")
    parser.add_argument("--out", default="fuzz-crashes", help="where failing inputs go")
    options = parser.parse_args()
    started = time.monotonic()
    failures = fuzz(options.count, options.seed, options.jobs, options.deadline, options.out)
    elapsed = time.monotonic() - started
    crashes = sum(f.kind == "crash" for f in failures)
    hangs = sum(f.kind == "hang" for f in failures)
    print(f"{options.count} inputs (seed {options.seed}, {options.jobs} jobs) in "
          f"{elapsed:.0f} s: {crashes} crashes, {hangs} hangs")
    for failure in failures[:20]:
        print(f"  #{failure.index} {failure.kind}: {failure.detail.strip().splitlines()[-1]}")
    if failures:
        print(f"inputs saved in {options.out}/")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

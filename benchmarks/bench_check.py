"""`notelint check` beside the floor, in one run, on the benchmark corpus.

    python benchmarks/bench_check.py            # 1,000 and 10,000 posts
    python benchmarks/bench_check.py 1000       # other sizes
    python benchmarks/bench_check.py 10000 --runs 1

The corpus is gen_corpus.py's (seed 1: realistic posts with code, tables, links and
images); the floor is floor_render.py with its plugins, one HTML parse per page and 2
processes: the least a Python renderer and link checker can do. Both are the copies of
../shared/tools/ in tests/shared/tools/. Printed per size: wall seconds, the ratio to the
floor, and the peak resident memory of the largest process, for
- the floor;
- `check --no-cache` cold, in one process (-j 1) and in two (-j 2);
- `check` again with its cache (the site index) and nothing changed;
- `check` again with one post changed;
- `render -o OUT` of the whole site (standalone pages), in one process and in two.
Each figure is the best of three runs (`--runs N`), as times vary on a shared 2-core machine;
the two cached rows take seconds, and are the best of at least three whatever `--runs` says.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = HERE.parent / "tests" / "shared" / "tools"  # copies of ../shared/tools
RUNS = 3
CACHED_RUNS = 3


def measure(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, peak RSS in MiB of the largest process) of one run of `command`."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=sink,
                                 env={**os.environ, **(env or {})})
        _, _status, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def best(command: list[str], env: dict[str, str] | None = None, runs: int = 0
         ) -> tuple[float, float]:
    return min(measure(command, env) for _ in range(runs or RUNS))


def corpus(size: int) -> Path:
    site = HERE / "_sites" / f"corpus-{size}"
    if not (site / "_config.yml").exists():
        subprocess.run([sys.executable, str(TOOLS / "gen_corpus.py"), str(size), str(site),
                        "--seed", "1"], check=True, capture_output=True)
    return site


def main(sizes: list[int]) -> None:
    notelint = [sys.executable, "-m", "notelint", "check", "--format", "json"]
    print(f"{'posts':>7}  {'what':<32} {'seconds':>8} {'x floor':>8} {'peak MiB':>9}")
    for size in sizes:
        site = corpus(size)
        cache = {"NOTELINT_CACHE_DIR": str(HERE / "_sites" / f"cache-{size}")}
        floor, floor_rss = best([sys.executable, str(TOOLS / "floor_render.py"), str(site),
                                 "--plugins", "--parse-html", "--jobs", "2"])
        rows = [("floor (2 processes, +HTML parse)", floor, floor_rss)]
        for jobs in ("1", "2"):
            seconds, rss = best([*notelint, "--no-cache", "-j", jobs, str(site)])
            rows.append((f"check --no-cache -j {jobs}", seconds, rss))
        measure([*notelint, str(site)], cache)  # fills the cache
        cached_runs = max(RUNS, CACHED_RUNS)
        seconds, rss = best([*notelint, str(site)], cache, cached_runs)
        rows.append(("check, nothing changed", seconds, rss))
        post = sorted((site / "_posts").glob("*.md"))[size // 2]
        original = post.read_bytes()
        runs = []
        try:
            for run in range(cached_runs):
                post.write_bytes(original + f"\nEdited, run {run}.\n".encode())
                runs.append(measure([*notelint, str(site)], cache))
        finally:
            post.write_bytes(original)
        seconds, rss = min(runs)
        rows.append(("check, one post changed", seconds, rss))
        out = HERE / "_sites" / f"render-{size}"
        for jobs in ("1", "2"):
            runs = []
            for _ in range(RUNS):
                shutil.rmtree(out, ignore_errors=True)  # every page written anew
                runs.append(measure([sys.executable, "-m", "notelint", "render", "-j", jobs,
                                     "-o", str(out), str(site)]))
            seconds, rss = min(runs)
            rows.append((f"render -o -j {jobs}", seconds, rss))
        shutil.rmtree(out, ignore_errors=True)
        for what, seconds, rss in rows:
            print(f"{size:>7}  {what:<32} {seconds:>8.2f} {seconds / floor:>8.2f} {rss:>9.1f}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if "--runs" in arguments:
        at = arguments.index("--runs")
        RUNS = int(arguments[at + 1])
        del arguments[at:at + 2]
    main([int(a) for a in arguments] or [1000, 10000])

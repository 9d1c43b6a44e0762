"""The pre-commit case: one changed post checked in a 10,000-post site, cold and warm.

    python benchmarks/bench_precommit.py          # 10,000 posts
    python benchmarks/bench_precommit.py 1000     # another size

Each run is the real command line in a child process (start-up included), as pre-commit
runs it: `notelint check <the changed post>`. The site is a copy of the synthetic site in a
temporary folder; the site index goes to a temporary cache folder.

- cold: no index yet (every post is read; the index is written)
- warm, post changed: the post was edited since the last run (the pre-commit case)
- warm, nothing changed: the same post again
- no index (`--no-cache`): what the hook would cost without the index

Wall time is the best of three runs; memory is the child's peak resident set. pre-commit
runs hooks from a virtual environment where notelint is pip-installed; run this script with
such an environment's python for the same start-up cost.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate_site import generate

HERE = Path(__file__).resolve().parent
RUNS = 3


def measure(post: Path, cache: Path, *extra: str) -> tuple[float, float, int]:
    """(seconds, peak RSS in MiB, exit code) of one `notelint check` run."""
    env = {**os.environ, "NOTELINT_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "notelint", "check", *extra, str(post)]
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=sink, env=env)
        _, status, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main(size: int) -> None:
    source = HERE / "_sites" / str(size)
    if not (source / "_config.yml").exists():
        generate(size, source)
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        shutil.copytree(source, site)
        post = sorted((site / "_posts").rglob("*.md"))[size // 2]
        caches = [Path(scratch) / f"cache-{i}" for i in range(RUNS)]
        rows = [("cold (no index yet)", min(measure(post, c) for c in caches))]
        cache = caches[0]
        changed = []
        for i in range(RUNS):
            with open(post, "a", encoding="utf-8") as stream:
                stream.write(f"\nEdited {i}.\n")
            changed.append(measure(post, cache))
        rows.append(("warm, post changed", min(changed)))
        rows.append(("warm, nothing changed", min(measure(post, cache) for _ in range(RUNS))))
        rows.append(("no index (--no-cache)",
                     min(measure(post, cache, "--no-cache") for _ in range(RUNS))))
    print(f"one post of {size:,} checked, as pre-commit runs it")
    print(f"{'case':<24} {'best s':>7} {'peak MiB':>9} {'exit':>5}")
    for name, (seconds, peak, code) in rows:
        print(f"{name:<24} {seconds:>7.2f} {peak:>9.1f} {code:>5}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)

"""Time `notelint check` on synthetic sites of 1,000 and 10,000 posts.

    python benchmarks/bench_check.py            # sizes 1000 and 10000
    python benchmarks/bench_check.py 500 2000   # other sizes

Each run is the real command line in a child process (start-up included); the figures are
wall time, posts per second and the child's peak resident memory. The best of three runs
is reported, as times vary on a shared 2-core machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from generate_site import generate

HERE = Path(__file__).resolve().parent
RUNS = 3


def measure(site: Path) -> tuple[float, float, int]:
    """(seconds, peak RSS in MiB, exit code) of one `notelint check` run."""
    command = [sys.executable, "-m", "notelint", "check", "--format", "json", str(site)]
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=sink)
        _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main(sizes: list[int]) -> None:
    print(f"{'posts':>7} {'best s':>8} {'posts/s':>9} {'peak MiB':>9} {'exit':>5}")
    for size in sizes:
        site = HERE / "_sites" / str(size)
        if not (site / "_config.yml").exists():
            generate(size, site)
        runs = [measure(site) for _ in range(RUNS)]
        seconds, peak, code = min(runs)
        print(f"{size:>7} {seconds:>8.2f} {size / seconds:>9.0f} {peak:>9.1f} {code:>5}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])

"""Checking a site's posts on every core.

The site is read once, in the parent, each post kept light (`Post.lighten`); worker
processes are then forked, so each starts with the whole site model (and the site-wide
facts already gathered) without reading or sending it again. Each worker checks slices of
the posts, each post made whole for its own check, and sends back only its findings and ids
(`engine._Checker.check`); the parent keeps them in the order of the slices, so the report
is the same whatever the number of workers. A slice is small enough that the work spreads
evenly, large enough that sending results back costs little.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

# Below this many posts per worker, starting workers costs more than it saves.
MIN_POSTS_PER_WORKER = 100
SLICE = 50

T = TypeVar("T")

# What the forked workers run: set by the parent just before it forks them.
_work: Callable[[range], Any] | None = None


def default_jobs() -> int:
    """One worker per core the process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def workers_for(jobs: int, posts: int) -> int:
    """How many workers are worth starting for this many posts (1: none)."""
    if jobs <= 1 or posts < 2 * MIN_POSTS_PER_WORKER:
        return 1
    import multiprocessing  # here: a run that checks a few posts starts no process

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(jobs, posts // MIN_POSTS_PER_WORKER)


def _run(part: range) -> Any:
    assert _work is not None
    return _work(part)


def map_slices(work: Callable[[range], T], total: int, workers: int) -> Iterator[
        tuple[range, T]]:
    """`work` on consecutive slices of range(total), in order: in `workers` forked
    processes, or here when that is 1."""
    global _work
    parts: Sequence[range] = [range(i, min(i + SLICE, total)) for i in range(0, total, SLICE)]
    if workers <= 1:
        for part in parts:
            yield part, work(part)
        return
    import multiprocessing

    _work = work
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from zip(parts, pool.imap(_run, parts), strict=True)
    finally:
        _work = None

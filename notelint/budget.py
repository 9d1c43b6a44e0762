"""A time budget for work on one post, so one hostile post cannot hold up a whole run.

POSIX only, and only in the main thread (where signals are delivered): elsewhere the work
simply runs to its end. The budget is far beyond what any real post needs (a 100 KB post
renders in well under a second); what exceeds it is reported, and the run goes on.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

POST_SECONDS = 20.0


class OverBudget(BaseException):
    """The work ran past its budget (a BaseException: no `except Exception` may swallow it
    on the way out)."""


@contextmanager
def time_budget(seconds: float = POST_SECONDS) -> Iterator[None]:
    if not hasattr(signal, "setitimer") or \
            threading.current_thread() is not threading.main_thread() or \
            signal.getitimer(signal.ITIMER_REAL)[0] > 0:  # someone else's timer runs
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

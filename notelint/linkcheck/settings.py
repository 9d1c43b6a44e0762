"""How links are checked: from `[links]` in the configuration and the command line."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DAY = 86400.0
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": DAY, "w": 7 * DAY}


def parse_duration(value: object) -> float:
    """Seconds from `90`, `"45s"`, `"30m"`, `"12h"`, `"7d"` or `"2w"` (ValueError if not)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"expected a duration such as 90, \"30m\", \"12h\" or \"7d\", "
                         f"got {value!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


@dataclass(frozen=True)
class CacheLifetimes:
    """How long a result stays true enough not to ask again."""

    ok: float = 7 * DAY
    redirected: float = 7 * DAY
    broken: float = 1 * DAY
    error: float = 3600.0  # timeouts, 5xx, rate limits: often gone within the hour


@dataclass(frozen=True)
class LinkSettings:
    exclude: tuple[str, ...] = ()  # regular expressions: links never checked
    include: tuple[str, ...] = ()  # when given, only external links matching one are checked
    external: bool = False
    concurrency: int = 32
    per_host: int = 8
    timeout: float = 10.0
    max_redirects: int = 10
    retries: int = 2
    retry_after_max: float = 30.0
    run_timeout: float = 300.0  # all external links of a run, waits for Retry-After included
    cache: bool = True
    cache_dir: str = ".notelint-cache"
    lifetimes: CacheLifetimes = field(default_factory=CacheLifetimes)
    # Runtime only: called with (done, total) while external links are checked.
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)
    # Runtime only: an httpx transport to send requests through (tests, proxies).
    transport: Any = field(default=None, compare=False)

    def excluded(self, url: str) -> bool:
        return any(re.search(pattern, url) for pattern in self.exclude)

    def included(self, url: str) -> bool:
        return not self.include or any(re.search(pattern, url) for pattern in self.include)

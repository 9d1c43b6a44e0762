"""What checking an external link found, and the counts of a run (no HTTP imports here:
`check` loads httpx only when it asks the network)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Outcome:
    kind: str  # "ok", "redirected" (permanently, target fine), "broken" (404/410), "error"
    status: int | None = None
    reason: str = ""
    target: str | None = None  # where a permanent redirect leads
    network: bool = False  # nothing answered: the host's name or network was unreachable
    unchecked: bool = False  # never asked (the run's time ran out): not worth keeping


@dataclass
class Summary:
    checked: int = 0  # asked over the network in this run
    cached: int = 0
    broken: int = 0
    redirected: int = 0
    errors: int = 0
    skipped: int = 0  # excluded, or not asked (offline)
    requests: int = 0
    unchecked: int = 0  # left when the run's time for external links ran out
    network_down: bool = False
    cache_problem: str = ""  # why the cache could not be written

    def merge(self, other: Summary) -> Summary:
        """The two runs' counts together (two sites in one run)."""
        total = Summary(network_down=self.network_down or other.network_down,
                        cache_problem=self.cache_problem or other.cache_problem)
        for item in fields(self):
            if item.type == "int":
                setattr(total, item.name, getattr(self, item.name) + getattr(other, item.name))
        return total

    def count(self, outcome: Outcome) -> None:
        if outcome.kind == "broken":
            self.broken += 1
        elif outcome.kind == "redirected":
            self.redirected += 1
        elif outcome.unchecked:
            self.unchecked += 1
        elif outcome.kind == "error":
            self.errors += 1

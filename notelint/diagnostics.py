"""Plain frozen data shared by rules, the engine and the output formats."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Severity(enum.IntEnum):
    """Ordered, so "fail at warning or above" is a comparison."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"expected error, warning or info, got {text!r}") from None


@dataclass(frozen=True, order=True, slots=True)
class Position:
    line: int  # 1-based line of the file
    column: int  # 1-based, in Unicode code points

    def __reduce__(self) -> tuple[type[Position], tuple[int, int]]:
        # Kept results hold 100,000 positions: the slotted dataclass's generic state
        # would cost a field walk each.
        return Position, (self.line, self.column)


@dataclass(frozen=True, order=True)
class Edit:
    """Replace `text[start:end]` of the file's text (BOM removed) by `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """What a rule offers to change for a finding; `fix.py` applies it, never the rule.

    A fix is either edits on the file's text or a new file name (in the same folder).
    Unsafe fixes change what the blog publishes beyond the problem itself (other tags,
    another URL) and are applied only with `--unsafe-fixes`.
    """

    title: str
    edits: tuple[Edit, ...] = ()
    rename: str | None = None
    safe: bool = True

    def __post_init__(self) -> None:
        if not self.edits and not self.rename:
            raise ValueError(f"fix {self.title!r} changes nothing")


@dataclass(frozen=True)
class Finding:
    """What a rule yields; the engine stamps identity and severity on it."""

    start: Position | None
    message: str
    end: Position | None = None
    fix: Fix | None = None
    path: str | None = None  # site-scope rules name the file they report on
    # (a post's file, ids): the finding stands only if that post has none of these ids.
    # Posts are checked in separate processes, so the engine decides once all are rendered.
    unless_id: tuple[str, tuple[str, ...]] | None = None


@dataclass(frozen=True, slots=True)  # 74,000 held at once for 100,000 posts: no dict each
class Diagnostic:
    path: str
    start: Position | None
    code: str
    name: str
    severity: Severity
    message: str
    end: Position | None = None
    fix: Fix | None = None

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[Any, ...]]:
        # The kept report and results hold 10,000s: the dataclass's generic state would be a
        # dict built and read back for each.
        return Diagnostic, (self.path, self.start, self.code, self.name, self.severity,
                            self.message, self.end, self.fix)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        line, column = (self.start.line, self.start.column) if self.start else (0, 0)
        return (self.path, line, column, self.code, self.message)


@dataclass(frozen=True)
class RuleInfo:
    """What an output format may know of a rule."""

    code: str
    name: str
    severity: Severity  # the default one
    summary: str
    doc: str


@dataclass(frozen=True)
class Report:
    """Everything an output format is given."""

    diagnostics: tuple[Diagnostic, ...]
    files: tuple[str, ...]  # every file checked, as displayed
    rules: tuple[RuleInfo, ...] = ()
    fail_on: Severity = Severity.WARNING
    tool_version: str = ""
    # Per site checked: {"site", "build", "jekyll", "reason"}, the Jekyll build assumed.
    builds: tuple[dict[str, str], ...] = ()
    notes: tuple[dict[str, str], ...] = ()  # {"site", "note"}: what notelint could not see

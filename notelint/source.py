"""A file's text as Jekyll reads it, with offset <-> line:column mapping."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Position

BOM = "\ufeff"


class SourceError(ValueError):
    """A file could not be decoded as text."""


@dataclass(slots=True)
class SourceText:
    """Decoded text (BOM removed, newlines untouched) and its line index."""

    text: str
    had_bom: bool = False
    _starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def from_bytes(cls, data: bytes) -> SourceText:
        """Decode as Jekyll does (`bom|utf-8`); raise SourceError on bad bytes."""
        if b"\x00" in data:
            raise SourceError("it contains NUL bytes (a binary file?)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise SourceError(f"invalid UTF-8 byte sequence on line {line}") from None
        had_bom = text.startswith(BOM)
        return cls(text[1:] if had_bom else text, had_bom)

    @property
    def line_starts(self) -> list[int]:
        if not self._starts:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._starts = starts
        return self._starts

    def position(self, offset: int) -> Position:
        """1-based line and column of a character offset."""
        starts = self.line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return Position(index + 1, offset - starts[index] + 1)


@dataclass(frozen=True)
class SourceMap:
    """Where each stretch of a Liquid output came from in its template.

    Text outside Liquid maps character for character; what a tag or `{{ }}` wrote maps to
    the tag's own stretch of the template (a block's content may be literal inside it).
    """

    # (output start, template start, template end, literal), sorted by output start
    spans: tuple[tuple[int, int, int, bool], ...] = ()

    def span_at(self, offset: int) -> tuple[int, int, int, bool] | None:
        """The span an output offset falls in (None when the output is the template)."""
        if not self.spans:
            return None
        index = bisect.bisect_right(self.spans, (offset, float("inf"))) - 1
        return self.spans[max(index, 0)]

    def to_template(self, offset: int) -> int:
        """Where an output offset came from: the same character, or the start of the tag
        that wrote it."""
        span = self.span_at(offset)
        if span is None:
            return offset
        out_start, start, _end, literal = span
        return start + (offset - out_start) if literal else start


class DeferredSource(SourceText):
    """The text of a file the site index vouches for, read only if someone asks for it.

    Posts restored from the index are context for the posts being checked; most are never
    rendered, so reading 10,000 files up front would be wasted.
    """

    __slots__ = ("path",)  # no dict: one is kept for each of 100,000 light posts

    def __init__(self, path: str | None, had_bom: bool) -> None:
        self.path = path
        self.had_bom = had_bom

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not set yet: `text` before the first read, the line
        # index before it is made (none is kept for the 100,000 posts never asked for one).
        if name == "_starts":
            return []
        if name != "text":
            raise AttributeError(name)
        if self.path is None:  # not given back to a post yet
            return ""
        try:
            self.text = SourceText.from_bytes(Path(self.path).read_bytes()).text
        except (OSError, SourceError):
            self.text = ""
        return self.text

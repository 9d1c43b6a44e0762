"""Inline suppressions: HTML comments in a post (YAML comments in its front matter).

    <!-- notelint-disable NL501 link-text-whitespace -->   from this line on
    <!-- notelint-enable NL501 -->                          and back on
    <!-- notelint-disable-line NL501 -->                    this line only
    <!-- notelint-disable-next-line NL501 -->               the line after the comment
    <!-- notelint-disable-file NL206 -->                    the whole file
    # notelint-disable-next-line misspelled-key             the same, inside front matter

Rules are named by code, name or prefix, separated by spaces or commas; no rule at all
means every rule, as in markdownlint. Comments inside fenced code blocks are examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic
from .rules import RULES, Rule, matches
from .source import SourceText

if TYPE_CHECKING:
    from .jekyll.post import Post
    from .jekyll.site import Site

_KINDS = "disable-next-line|disable-line|disable-file|disable|enable"
_HTML = re.compile(rf"<!--\s*notelint-(?P<kind>{_KINDS})(?![\w-])(?P<rules>.*?)-->", re.S)
_YAML = re.compile(rf"#[ \t]*notelint-(?P<kind>{_KINDS})(?![\w-])(?P<rules>[^\n]*)")


@dataclass
class Directive:
    kind: str
    selectors: tuple[str, ...]  # empty: every rule
    line: int  # where the comment starts
    column: int
    end_line: int  # where it ends
    used: bool = False

    def names(self, rule: Rule) -> bool:
        return not self.selectors or any(matches(rule, s) for s in self.selectors)


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)

    def covers(self, rule: Rule, line: int) -> Directive | None:
        """The directive that silences `rule` on `line` (0: no line), if one does."""
        found = None
        for directive in self.directives:
            if not directive.names(rule):
                continue
            if directive.kind == "disable-file":
                return directive
            if not line:
                continue
            if directive.kind == "disable-line" and directive.line <= line <= directive.end_line:
                return directive
            if directive.kind == "disable-next-line" and line == directive.end_line + 1:
                return directive
            if directive.line <= line and directive.kind in ("disable", "enable"):
                found = directive if directive.kind == "disable" else None
        return found


def parse(source: SourceText, body_offset: int = 0) -> Suppressions:
    """The directives written in a post (`body_offset`: where its front matter ends)."""
    text = source.text
    if "notelint-" not in text:
        return Suppressions()
    fenced = _fenced_code(text, body_offset)
    found = [m for m in _HTML.finditer(text) if m.start() >= body_offset
             and not any(start <= m.start() < end for start, end in fenced)]
    found += _YAML.finditer(text, 0, body_offset)
    directives = []
    for match in sorted(found, key=lambda m: m.start()):
        start = source.position(match.start())
        selectors = tuple(s for s in re.split(r"[\s,]+", match.group("rules")) if s)
        directives.append(Directive(match.group("kind"), selectors, start.line, start.column,
                                    source.position(match.end() - 1).line))
    return Suppressions(directives)


# A fenced code block's opening line: up to three spaces, then ``` or ~~~ (CommonMark).
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})", re.M)


def _fenced_code(text: str, start: int) -> list[tuple[int, int]]:
    """Where fenced code blocks are: a comment shown in one is an example, not a directive.
    (Only fences are looked for: what else could hold `<!--` as text is rare in posts.)"""
    spans = []
    at = start
    while (opening := _FENCE.search(text, at)) is not None:
        fence = opening.group("fence")
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        line_end = text.find("\n", opening.end())
        body = len(text) if line_end < 0 else line_end + 1
        end = closing.search(text, body)
        stop = end.end() if end is not None else len(text)
        spans.append((opening.start(), stop))
        at = stop
    return spans


def unused(suppressions: Suppressions, ran: Sequence[Rule]) -> list[tuple[Directive, str]]:
    """Directives that name no rule, or silenced nothing although every rule they name
    was run; each with the reason."""
    found = []
    for directive in suppressions.directives:
        unknown = [s for s in directive.selectors if not any(matches(r, s) for r in RULES)]
        comment = f"notelint-{directive.kind}"
        if unknown:
            found.append((directive, f"`{comment}` names no rule: {', '.join(unknown)}"))
            continue
        if directive.used or directive.kind == "enable":
            continue
        if all(r in ran for r in RULES if directive.names(r)):
            what = " ".join(directive.selectors) or "every rule"
            found.append((directive, f"`{comment} {what}` suppresses nothing: remove it"))
    return found


class SiteSuppressions:
    """Each post's directives, read when a finding on it first asks."""

    def __init__(self, site: Site, pages: Iterable[Post] = ()) -> None:
        self.site = site
        self.pages = {page.file: page for page in pages}  # pages and documents checked
        self.parsed: dict[Path, Suppressions] = {}

    def of(self, path: Path) -> Suppressions:
        if path not in self.parsed:
            post = self.site.by_path.get(str(path)) or self.pages.get(str(path))
            source = post.source if post is not None else None
            self.parsed[path] = Suppressions() if post is None or source is None \
                else parse(source, post.front_matter.body_offset)
        return self.parsed[path]


def suppressed(diagnostic: Diagnostic, rule: Rule, suppressions: Suppressions) -> bool:
    """Whether a directive silences the diagnostic (and mark that directive used)."""
    line = diagnostic.start.line if diagnostic.start else 0
    directive = suppressions.covers(rule, line)
    if directive is None:
        return False
    directive.used = True
    return True

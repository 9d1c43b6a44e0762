"""Edits on a post's Markdown or HTML that the link rules offer as fixes."""

from __future__ import annotations

import re
import urllib.parse

from ..diagnostics import Edit, Fix
from ._facts import Link

_MARKDOWN_OPENER = re.compile(r"\]\([ \t]*<?\Z")
# After an inline link's URL: `>`, an optional title, then the closing parenthesis.
_MARKDOWN_CLOSER = re.compile(r""">?(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*\)""")
_HTML_START = re.compile(r"<a\s", re.I)
_HTML_END = re.compile(r"</a\s*>", re.I)


def trim_text(text: str, link: Link) -> Fix | None:
    """Move whitespace at the ends of a link's text out of the link."""
    span = _markdown_text(text, link) if link.form == "markdown" else \
        _html_text(text, link) if link.form == "html" else None
    if span is None:
        return None
    opener, inner_start, inner_end, closer = span
    inner = text[inner_start:inner_end]
    stripped = inner.strip()
    if not stripped or stripped == inner:
        return None
    before = " " if inner[0].isspace() and opener > 0 and _joins(text[opener - 1], _OPENING) \
        else ""
    after = " " if inner[-1].isspace() and closer < len(text) and _joins(text[closer], _CLOSING) \
        else ""
    edits = [Edit(inner_start, inner_end, stripped)]
    if before:
        edits.insert(0, Edit(opener, opener, before))
    if after:
        edits.append(Edit(closer, closer, after))
    return Fix("move the whitespace out of the link text", tuple(edits))


# Where no space is wanted between a link and its neighbour: `(link`, `link.`, `<td>link`.
_OPENING = frozenset("([{<>\"'«“‘¿¡")
_CLOSING = frozenset(".,;:!?)]}<>\"'»”’…")


def _joins(neighbour: str, exempt: frozenset[str]) -> bool:
    """The link's moved-out space is needed next to this character."""
    return not neighbour.isspace() and neighbour not in exempt


def _markdown_text(text: str, link: Link) -> tuple[int, int, int, int] | None:
    """(start of `[`, text start, text end, end of the link) of an inline Markdown link."""
    head = _MARKDOWN_OPENER.search(text, max(0, link.offset - 8), link.offset)
    tail = _MARKDOWN_CLOSER.match(text, link.offset + link.length)
    if head is None or tail is None or not link.length:
        return None
    close = head.start()
    depth, at = 0, close - 1
    while at >= 0:
        char = text[at]
        escaped = at > 0 and text[at - 1] == "\\"
        if char == "]" and not escaped:
            depth += 1
        elif char == "[" and not escaped:
            if depth == 0:
                return at, at + 1, close, tail.end()
            depth -= 1
        elif char == "\n" and not text[text.rfind("\n", 0, at) + 1:at].strip():
            return None  # a blank line ends the paragraph: no link text here
        at -= 1
    return None


def _html_text(text: str, link: Link) -> tuple[int, int, int, int] | None:
    """(start of `<a`, text start, text end, end of `</a>`) of an HTML link."""
    opener = text.rfind("<", 0, link.offset)
    if opener < 0 or not _HTML_START.match(text, opener) or not link.length:
        return None
    gt = text.find(">", link.offset + link.length)
    end = _HTML_END.search(text, gt + 1) if gt >= 0 else None
    if end is None or "<a" in text[gt:end.start()].lower():
        return None
    return opener, gt + 1, end.start(), end.end()


def replace_url(text: str, link: Link, target: str) -> Fix | None:
    """Write `target` in place of the URL, keeping the old URL's fragment."""
    written = text[link.offset:link.offset + link.length]
    if not link.length or written != link.ref.url or \
            urllib.parse.urlsplit(target).scheme not in ("http", "https"):
        return None
    fragment = urllib.parse.urldefrag(written).fragment
    if fragment and not urllib.parse.urldefrag(target).fragment:
        target = f"{target}#{fragment}"
    return Fix(f"link to {target}", (Edit(link.offset, link.offset + link.length, target),),
               safe=False)

"""Trace each URL of the rendered HTML back to where the author wrote it.

mistune's tokens carry no source positions, so a URL is found again in the Markdown the
converter read (the body after Liquid), in document order, preferring places where Markdown
or HTML puts a URL; the Liquid source map then leads from there to the body as written.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from ..source import SourceMap
from .extract import HtmlRef

# What comes right before a URL in Markdown or HTML, and the kind of link it makes.
_CONTEXT = re.compile(r"(?:(?P<markdown>\]\(\s*<?|\]:[ \t]*<?)|(?P<html>=\s*[\"']?)"
                      r"|(?P<autolink><))\Z")
_LOOKBEHIND = 8
_URL_CHARS = frozenset("-._~/?#@!$&*+;=%:[")
_EMPTY = re.compile(r"\]\(\s*\)|\b(?:href|src)\s*=\s*(?:\"\"|'')")


@dataclass(frozen=True)
class Located:
    ref: HtmlRef
    offset: int  # in the body as written (after the front matter)
    length: int  # of the URL there; 0 when it came out of a Liquid tag
    form: str  # "markdown", "html", "autolink", or "other" (generated, or not found)


def _forms(url: str) -> list[str]:
    forms = [url]
    if "&" in url:
        forms.append(url.replace("&", "&amp;"))
    decoded = urllib.parse.unquote(url)
    if decoded != url:
        forms.append(decoded)
    if url.startswith("mailto:"):
        forms.append(url[len("mailto:"):])
    return [f for f in forms if f]


def _continues(markdown: str, end: int) -> bool:
    return end < len(markdown) and (markdown[end].isalnum() or markdown[end] in _URL_CHARS)


def _context(markdown: str, at: int) -> str | None:
    match = _CONTEXT.search(markdown, max(0, at - _LOOKBEHIND), at)
    if match is None:
        return None
    return match.lastgroup


# How far from the cursor a URL is looked for: all of any real post. A hostile one with
# 50,000 URLs would otherwise be searched end to end for each (quadratic).
_WINDOW = 256 * 1024
_NEARBY = 4096


def _find(markdown: str, url: str, cursor: int) -> tuple[int, str, str] | None:
    """The first place from `cursor` (else from the start) where `url` is written as a
    URL; failing that, where it occurs at all."""
    plain: tuple[int, str, str] | None = None
    ranges = [(cursor, cursor + _WINDOW)] if cursor else []
    ranges.append((0, len(markdown)) if len(markdown) <= _WINDOW else
                  (max(0, cursor - _WINDOW), cursor + _WINDOW))
    for start, stop in ranges:
        for form in _forms(url):
            at = markdown.find(form, start, stop)
            while at >= 0:
                if _continues(markdown, at + len(form)):
                    at = markdown.find(form, at + 1, stop)  # a longer URL, starting the same
                    continue
                kind = _context(markdown, at)
                if kind is not None:
                    return at, form, kind
                if plain is None:
                    plain = (at, form, "other")
                    # Written as a link close after it, or else this is the place.
                    stop = min(stop, at + _NEARBY)
                at = markdown.find(form, at + 1, stop)
        if plain is not None:
            return plain
    return None


def _to_body(offset: int, form: str, origin: SourceMap, body: str) -> tuple[int, int]:
    span = origin.span_at(offset)
    if span is None:
        return offset, len(form)
    out_start, src_start, src_end, literal = span
    if literal:
        return src_start + (offset - out_start), len(form)
    # Written by a tag: the URL may still be literal inside it (an `if` block's content).
    found = body.find(form, src_start, src_end)
    return (found, len(form)) if found >= 0 else (src_start, 0)


def locate(refs: tuple[HtmlRef, ...], markdown: str, origin: SourceMap,
           body: str) -> list[Located]:
    """Where in `body` each of `refs` was written (its best guess for generated URLs)."""
    located = []
    cursor = 0
    for ref in refs:
        if not ref.url:
            empty = _EMPTY.search(markdown, cursor) or _EMPTY.search(markdown)
            found = (empty.start(), empty.group(0), "other") if empty else None
        else:
            found = _find(markdown, ref.url, cursor)
        if found is None:
            at = _to_body(cursor, "", origin, body)[0] if markdown else 0
            located.append(Located(ref, min(at, len(body)), 0, "other"))
            continue
        at, form, kind = found
        cursor = max(cursor, at + len(form))
        offset, length = _to_body(at, form, origin, body)
        located.append(Located(ref, offset, length, kind if length else "other"))
    return located

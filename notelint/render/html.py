"""kramdown's block-level HTML: a block tag at a line start runs to its own end tag, raw."""

from __future__ import annotations

import html
import re
from typing import Any

from ..jekyll.kramdown_html import SPAN_CONTENT, SPAN_ELEMENTS, VOID_ELEMENTS

_NAME = r"[A-Za-z_:][\w:.-]*"
_ATTRIBUTE = r"""\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?"""
BLOCK_HTML_START = re.compile(r" {0,3}<(" + _NAME + r"|\?|!--|/)")
_START_TAG = re.compile(r" {0,3}<(" + _NAME + r")((?:" + _ATTRIBUTE + r")*)\s*(/)?>", re.S)
_COMMENT = re.compile(r" {0,3}<!--.*?-->", re.S)
_PI = re.compile(r" {0,3}<\?.*?\?>", re.S)
_TRAILING = re.compile(r"[ \t]*\n")
_MARKDOWN_ATTR = re.compile(r"""\s+markdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


_SERIALIZED = re.compile(
    r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<(" + _NAME + r")((?:" + _ATTRIBUTE +
    r")*)\s*(/?)>", re.S | re.I)
_ONE_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_BARE_AMP = re.compile(r"&(?!#?\w+;)")


def _attribute_value(value: str) -> str:
    value = _BARE_AMP.sub("&amp;", value)
    return value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def reserialize(raw: str) -> str:
    """Start tags as kramdown writes them back: `name="value"` pairs, ` />` on void tags."""
    def tag(m: re.Match[str]) -> str:
        if m.group(2) is None:
            return m.group(0)  # a comment, or a script/style kept whole
        attrs = "".join(
            f' {a.group(1)}="{_attribute_value(a.group(2) or a.group(3) or a.group(4) or "")}"'
            for a in _ONE_ATTRIBUTE.finditer(m.group(3)))
        closed = m.group(4) or m.group(2).lower() in VOID_ELEMENTS
        return f"<{m.group(2)}{attrs}{' />' if closed else '>'}"
    return _SERIALIZED.sub(tag, raw)


def _after(src: str, pos: int) -> int:
    trailing = _TRAILING.match(src, pos)
    return trailing.end() if trailing else pos


def _find_close(src: str, name: str, pos: int) -> tuple[int, int] | None:
    """The span of the end tag that closes `name`, counting nested tags of the same name."""
    pattern = re.compile(r"<!--.*?-->|<(/?)" + re.escape(name) + r"(?=[\s/>])[^>]*>",
                         re.S | re.I)
    depth = 1
    for m in pattern.finditer(src, pos):
        if m.group(0).startswith("<!--"):
            continue
        if m.group(1):
            depth -= 1
            if depth == 0:
                return m.start(), m.end()
        elif not m.group(0).endswith("/>"):
            depth += 1
    return None


Container = tuple[str, str, str, str]  # open tag, inner text, close tag, "block" or "span"

# The elements whose content kramdown's HTML parser takes as it is, up to their end tag.
RAW_CONTENT = frozenset(("script", "style"))
_ANY_TAG = re.compile(r"<!--.*?-->|<\?.*?\?>|<(/?)(" + _NAME + r")((?:" + _ATTRIBUTE +
                      r")*)\s*(/?)>", re.S)
# (what, the tag as written, its offset in the document): "stray" (an end tag printed as
# text) or "unclosed" (an element kramdown closes at the end of the document).
RawProblem = tuple[str, str, int]


def _raw_element(src: str, pos: int, name: str
                 ) -> tuple[int, list[tuple[int, int]], list[RawProblem], list[str]]:
    """Where the raw block element opened just before `pos` ends, as kramdown's HTML parser
    matches tags: an end tag closes only the innermost open element (no end tag is
    optional to it); any other end tag is text. Returns (its end, the spans of the end tags
    printed as text, the problems, the elements still open): the end of `src` when elements
    are left open, which kramdown closes at the end of the document."""
    opening = src.rfind("<", 0, pos)
    # [name, offset of its start tag, whether its end tag was written out of order]
    stack: list[list[Any]] = [[name.lower(), opening, False]]
    strays: list[tuple[int, int]] = []
    problems: list[RawProblem] = []
    pending: list[tuple[RawProblem, set[int]]] = []
    cursor = pos
    while stack:
        top = stack[-1][0]
        if top in RAW_CONTENT:
            close = re.compile(r"</" + re.escape(top) + r"\s*>", re.I).search(src, cursor)
            if close is None:
                break
            stack.pop()
            cursor = close.end()
            if not stack:
                return close.end(), strays, problems, []
            continue
        m = _ANY_TAG.search(src, cursor)
        if m is None:
            break
        cursor = m.end()
        if m.group(2) is None:
            continue  # a comment or processing instruction
        tag = m.group(2).lower()
        if not m.group(1):
            if not m.group(4) and tag not in VOID_ELEMENTS:
                stack.append([tag, m.start(), False])
            continue
        if tag == top:
            stack.pop()
            if not stack:
                return m.end(), strays, problems, []
            continue
        strays.append((m.start(), m.end()))
        names = [entry[0] for entry in stack]
        if tag in names:
            index = len(names) - 1 - names[::-1].index(tag)
            stack[index][2] = True
            pending.append((("stray", m.group(0), m.start()),
                            {entry[1] for entry in stack[index + 1:]}))
        else:
            problems.append(("stray", m.group(0), m.start()))
    left_open = set()
    for _name, at, closed in stack:
        if not closed:
            problems.append(("unclosed", src[at:src.find(">", at) + 1], at))
            left_open.add(at)
    # An end tag written while elements inside it were open: the cause is those, when they
    # are never closed (reported above); else it is the order of the end tags.
    problems += [problem for problem, inside in pending if not inside & left_open]
    return len(src), strays, sorted(problems, key=lambda p: p[2]), \
        [entry[0] for entry in stack]


def scan_html_block(src: str, pos: int, problems: list[RawProblem] | None = None
                    ) -> tuple[str, int, Container | None] | None:
    """(raw text, end, the container to parse when `markdown="1"`) or None; what kramdown
    mends in a raw block is added to `problems`."""
    for pattern in (_COMMENT, _PI):
        m = pattern.match(src, pos)
        if m:
            return m.group(0).lstrip(" "), _after(src, m.end()), None
    tag = _START_TAG.match(src, pos)
    if not tag or tag.group(1).lower() in SPAN_ELEMENTS:
        return None
    name = tag.group(1).lower()
    if tag.group(3) or name in VOID_ELEMENTS:
        return tag.group(0).lstrip(" "), _after(src, tag.end()), None
    close = _find_close(src, name, tag.end())
    inner_end, end = close if close else (len(src), len(src))
    markdown = _MARKDOWN_ATTR.search(tag.group(2))
    if markdown:
        value = next(v for v in markdown.groups() if v is not None)
        open_tag = "<" + tag.group(1) + _MARKDOWN_ATTR.sub("", tag.group(2), count=1) + ">"
        if value in ("1", "block", "span"):
            mode = value if value != "1" else ("span" if name in SPAN_CONTENT else "block")
            inner = src[tag.end():inner_end]
            return "", _after(src, end), (open_tag, inner, f"</{tag.group(1)}>", mode)
        raw = open_tag + src[tag.end():end]
        return raw, _after(src, end), None
    end, strays, found, still_open = _raw_element(src, tag.end(), name)
    if problems is not None:
        problems += found
    parts, last = [], pos
    for start, stop in strays:
        parts += [src[last:start], html.escape(src[start:stop], quote=False)]
        last = stop
    parts.append(src[last:end])
    raw = "".join(parts).lstrip(" ")
    closers = [f"</{left}>" for left in reversed(still_open)]
    return raw + "".join(closers), _after(src, end), None

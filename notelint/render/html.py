"""kramdown's block-level HTML: a block tag at a line start runs to its own end tag, raw."""

from __future__ import annotations

import re

SPAN_ELEMENTS = frozenset((
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn",
    "em", "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc", "rp",
    "rt", "rtc", "ruby", "samp", "select", "small", "span", "strong", "sub", "sup", "tt", "u",
    "var"
))
VOID_ELEMENTS = frozenset((
    "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr"
))
# kramdown's HTML_BLOCK_ELEMENTS: a start tag of one inside a line of text is text.
TEXT_BLOCK_ELEMENTS = frozenset((
    "address", "article", "aside", "applet", "body", "blockquote", "caption", "col",
    "colgroup", "dd", "div", "dl", "dt", "fieldset", "figcaption", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "head", "iframe", "legend",
    "menu", "li", "main", "map", "nav", "ol", "optgroup", "p", "pre", "section", "summary",
    "table", "tbody", "td", "th", "thead", "tfoot", "tr", "ul"
))
SPAN_CONTENT = frozenset((
    "a", "abbr", "acronym", "b", "bdo", "big", "button", "cite", "caption", "del", "dfn", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "ins", "label", "legend", "optgroup", "p",
    "q", "rb", "rbc", "rp", "rt", "rtc", "ruby", "select", "small", "span", "strong", "sub",
    "sup", "th", "tt"
))

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


def scan_html_block(src: str, pos: int) -> tuple[str, int, Container | None] | None:
    """(raw text, end, the container to parse when `markdown="1"`) or None."""
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
    raw = src[pos:end].lstrip(" ")
    if not close:
        raw += f"</{tag.group(1)}>"
    return raw, _after(src, end), None

"""One stable serialization of rendered HTML (BeautifulSoup), DOM-equivalent to the input.

BeautifulSoup parses with html5lib, the HTML5 algorithm browsers use, so the tree is the one
a browser (and Jekyll's reader) gets: `<video />` is an open tag, stray end tags vanish.
Attributes are sorted, void elements written `<br />`, character references decoded (only
`&`, `<`, `>` and `"` in attributes are escaped), and text is kept exactly. Normalizing a
normalized fragment changes nothing.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag
from bs4.element import CData, ProcessingInstruction

_VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr"
))
_RAW = frozenset((
    "script", "style", "iframe", "noembed", "noframes", "noscript", "xmp", "plaintext"))


# The HTML parser drops a newline right after these start tags (HTML's serializing
# algorithm writes one back for the same reason).
_LEADING_NEWLINE_DROPPED = frozenset(("pre", "textarea", "listing"))


_DEEPEST = 500
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)[^<>]*?(/?)>")


def _max_depth(html: str) -> int:
    """How deep elements nest at most, counted from the tags alone (an over-estimate where
    end tags are left out, which is all it needs to be)."""
    if html.count("<") <= _DEEPEST:
        return 0
    depth = deepest = 0
    for match in _TAG.finditer(html):
        if match.group(1):
            depth = max(depth - 1, 0)
        elif not match.group(3) and match.group(2).lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: object) -> str:
    text = " ".join(value) if isinstance(value, list) else str(value)
    return _escape(text).replace('"', "&quot;")


def _serialize(root: object, out: list[str]) -> None:
    # Iterative: a post may nest thousands of elements, deeper than Python's recursion.
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, raw = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            out.append(node)  # an end tag left on the stack
        elif isinstance(node, Comment):
            out.append(f"<!--{node}-->")
        elif isinstance(node, Doctype):
            out.append(f"<!DOCTYPE {node}>")
        elif isinstance(node, (Declaration, CData, ProcessingInstruction)):
            out.append(node.output_ready())
        elif isinstance(node, NavigableString):
            out.append(str(node) if raw else _escape(str(node)))
        elif isinstance(node, Tag):
            attrs = "".join(f' {k}="{_attr(v)}"' for k, v in sorted(node.attrs.items()))
            if node.name in _VOID and not node.contents:
                out.append(f"<{node.name}{attrs} />")
                continue
            out.append(f"<{node.name}{attrs}>")
            first = node.contents[0] if node.contents else None
            if node.name in _LEADING_NEWLINE_DROPPED and isinstance(first, NavigableString) \
                    and str(first).startswith("\n"):
                out.append("\n")  # the parser drops one: without it, a second pass loses one
            stack.append((f"</{node.name}>", False))
            inner = raw or node.name in _RAW
            stack.extend((child, inner) for child in reversed(node.contents))


def normalize(html: str) -> str:
    """The normalized form of an HTML fragment (a post's content)."""
    # Parsed as the content of <body>, the way a fragment sits in a page: the doctype keeps
    # html5lib out of quirks mode (where `<table>` would not close a `<p>`), and the open
    # <body> keeps leading whitespace, comments and <script> where they are.
    # html5lib looks through every open element for each start tag: thousands of nested
    # elements (hostile, never written by hand) would take it minutes. Those pages are
    # parsed by Python's linear html.parser instead, which agrees on well-formed nesting.
    parser = "html5lib" if _max_depth(html) <= _DEEPEST else "html.parser"
    soup = BeautifulSoup("<!DOCTYPE html><html><head></head><body>" + html, parser)
    out: list[str] = []
    body = soup.find("body")
    if isinstance(body, Tag):
        for node in body.children:
            _serialize(node, out)
    return "".join(out)


# A layout chain's output that is a whole document: a doctype or an <html> first (after
# comments and blank space).
_DOCUMENT = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\b|html\b)", re.I | re.S)


def normalize_page(html: str) -> str:
    """The normalized form of a page a layout wrote: a whole document (doctype, head,
    body) as a browser parses it; anything less as a fragment of a body."""
    if not _DOCUMENT.match(html):
        return normalize(html)
    parser = "html5lib" if _max_depth(html) <= _DEEPEST else "html.parser"
    soup = BeautifulSoup(html, parser)
    out: list[str] = []
    for node in soup.contents:
        _serialize(node, out)
    return "".join(out) + "\n"

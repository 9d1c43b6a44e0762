"""One stable serialization of rendered HTML (BeautifulSoup), DOM-equivalent to the input.

BeautifulSoup parses with html5lib, the HTML5 algorithm browsers use, so the tree is the one
a browser (and Jekyll's reader) gets: `<video />` is an open tag, stray end tags vanish.
Attributes are sorted, void elements written `<br />`, character references decoded (only
`&`, `<`, `>` and `"` in attributes are escaped), and text is kept exactly. Normalizing a
normalized fragment changes nothing.
"""

from __future__ import annotations

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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: object) -> str:
    text = " ".join(value) if isinstance(value, list) else str(value)
    return _escape(text).replace('"', "&quot;")


def _serialize(node: object, out: list[str], raw: bool = False) -> None:
    if isinstance(node, Comment):
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
            return
        out.append(f"<{node.name}{attrs}>")
        first = node.contents[0] if node.contents else None
        if node.name in _LEADING_NEWLINE_DROPPED and isinstance(first, NavigableString) \
                and str(first).startswith("\n"):
            out.append("\n")  # the parser drops one: without it, a second pass loses one
        for child in node.children:
            _serialize(child, out, raw or node.name in _RAW)
        out.append(f"</{node.name}>")


def normalize(html: str) -> str:
    """The normalized form of an HTML fragment (a post's content)."""
    # Parsed as the content of <body>, the way a fragment sits in a page: the doctype keeps
    # html5lib out of quirks mode (where `<table>` would not close a `<p>`), and the open
    # <body> keeps leading whitespace, comments and <script> where they are.
    soup = BeautifulSoup("<!DOCTYPE html><html><head></head><body>" + html, "html5lib")
    out: list[str] = []
    body = soup.find("body")
    if isinstance(body, Tag):
        for node in body.children:
            _serialize(node, out)
    return "".join(out)

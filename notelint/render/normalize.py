"""One stable serialization of rendered HTML, DOM-equivalent to the input.

The HTML is parsed with lexbor (through selectolax), an implementation of the HTML5 parsing
algorithm browsers use, so the tree is the one a browser gets: `<video />` is an open tag,
stray end tags vanish, a `<template>`'s content is its own. Attributes are sorted (their
values kept as written), void elements written `<br />`, character references decoded (only
`&`, `<`, `>` and `"` in attributes are escaped), and text is kept exactly. Normalizing a
normalized fragment changes nothing. Pages nested thousands of elements deep (hostile, never
written by hand) go through Python's linear html.parser instead (BeautifulSoup).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag
from bs4.element import CData, ProcessingInstruction
from selectolax.lexbor import LexborHTMLParser, LexborNode

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


def _serialize_tree(root: LexborNode | None, out: list[str]) -> None:
    """`_serialize` for lexbor's tree: the nodes from `root` on, and their siblings."""
    stack: list[tuple[LexborNode | str, bool]] = []
    node: LexborNode | None = root
    while node is not None:  # the siblings, pushed last first
        stack.append((node, False))
        node = node.next
    stack.reverse()
    while stack:
        item, raw = stack.pop()
        if isinstance(item, str):
            out.append(item)  # an end tag left on the stack
            continue
        tag = item.tag
        if tag == "-text":
            text = item.text_content or ""
            out.append(text if raw else _escape(text))
        elif tag == "-comment":
            out.append(item.html or "<!---->")  # lexbor trims comment_content; not html
        elif tag == "-doctype":
            out.append(item.html or "<!DOCTYPE html>")
        elif tag is not None and not tag.startswith("-"):
            attrs = "".join(f' {k}="{_attr(v or "")}"'
                            for k, v in sorted(item.attributes.items()))
            first = item.child
            if tag in _VOID and first is None:
                out.append(f"<{tag}{attrs} />")
                continue
            out.append(f"<{tag}{attrs}>")
            if tag in _LEADING_NEWLINE_DROPPED and first is not None and \
                    first.tag == "-text" and (first.text_content or "").startswith("\n"):
                out.append("\n")  # the parser drops one: without it, a second pass loses one
            stack.append((f"</{tag}>", False))
            inner = raw or tag in _RAW
            if tag == "template":  # its content is a fragment of its own, not its children
                fragments = item.template_fragments()
                first = fragments[0].child if fragments else None
            children = []
            while first is not None:
                children.append((first, inner))
                first = first.next
            stack.extend(reversed(children))


def normalize(html: str) -> str:
    """The normalized form of an HTML fragment (a post's content)."""
    # Parsed as the content of <body>, the way a fragment sits in a page: the doctype keeps
    # the parser out of quirks mode (where `<table>` would not close a `<p>`), and the open
    # <body> keeps leading whitespace, comments and <script> where they are.
    # A parser looks through every open element for each start tag: thousands of nested
    # elements (hostile, never written by hand) would take it minutes. Those pages are
    # parsed by Python's linear html.parser instead, which agrees on well-formed nesting.
    if _max_depth(html) > _DEEPEST:
        return _normalize_deep("<!DOCTYPE html><html><head></head><body>" + html, True)
    tree = LexborHTMLParser("<!DOCTYPE html><html><head></head><body>" + html)
    out: list[str] = []
    if tree.body is not None:
        _serialize_tree(tree.body.child, out)
    return "".join(out)


def _normalize_deep(html: str, fragment: bool) -> str:
    soup = BeautifulSoup(html, "html.parser")
    out: list[str] = []
    body = soup.find("body") if fragment else soup
    if isinstance(body, Tag):
        for node in body.children:
            _serialize(node, out)
    elif not fragment:
        for node in soup.contents:
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
    if _max_depth(html) > _DEEPEST:
        return _normalize_deep(html, False) + "\n"
    tree = LexborHTMLParser(html)
    out: list[str] = []
    first = tree.root
    while first is not None and first.prev is not None:  # the doctype and comments before
        first = first.prev
    _serialize_tree(first, out)
    return "".join(out) + "\n"

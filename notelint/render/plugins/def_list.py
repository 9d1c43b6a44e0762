"""kramdown's definition lists: a paragraph of terms, then `: definition` items."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..blocks import (
    BLANK_LINE,
    DEFINITION_START,
    EOB_MARKER,
    first_list_line,
    item_patterns,
)
from ..renderer import attributes

if TYPE_CHECKING:
    from mistune import Markdown
    from mistune.core import BlockState

    from ..blocks import KramdownBlockParser


def _terms_before(state: BlockState) -> tuple[dict[str, Any], bool] | None:
    """The paragraph of terms (and whether a blank line followed it), as kramdown wants."""
    tokens = state.tokens
    if not tokens:
        return None
    if tokens[-1]["type"] == "paragraph":
        return tokens.pop(), False
    if len(tokens) >= 2 and tokens[-1]["type"] == "blank_line" and \
            tokens[-1]["raw"] == "\n" and tokens[-2]["type"] == "paragraph":
        tokens.pop()
        return tokens.pop(), True
    return None


def parse_definition_list(parser: KramdownBlockParser, m: re.Match[str],
                          state: BlockState) -> bool:
    found = _terms_before(state)
    if found is None:
        return False
    para, first_as_para = found
    items: list[dict[str, Any]] = [{"type": "def_term", "text": term}
                                   for term in para["text"].split("\n")]
    src, pos = state.src, state.cursor
    start_re = DEFINITION_START
    parts: list[dict[str, Any]] = []
    content_re = lazy_re = indent_re = None
    last_blank = False
    while pos < len(src):
        if (item := start_re.match(src, pos)):
            marker_len = len(item.group(0)) - len(item.group(1))
            value, indentation = first_list_line(marker_len, item.group(1))
            content_re, lazy_re, indent_re = item_patterns(indentation)
            parts.append({"value": value, "first_as_para": first_as_para})
            start_re = re.compile(r" {0," + str(max(0, min(indentation, 4) - 1)) +
                                  r"}:([\t ].*?\n)")
            first_as_para = last_blank = False
            pos = item.end()
        elif EOB_MARKER.match(src, pos) or content_re is None:
            break
        elif (line := content_re.match(src, pos) or
              (None if last_blank else lazy_re.match(src, pos))):  # type: ignore[union-attr]
            text = re.sub(r"^(\t+)", lambda t: " " * 4 * len(t.group(1)), line.group(0))
            parts[-1]["value"] += indent_re.sub("", text, count=1)  # type: ignore[union-attr]
            first_as_para = last_blank = False
            pos = line.end()
        elif (blank := BLANK_LINE.match(src, pos)) and blank.end() > pos:
            first_as_para = last_blank = True
            parts[-1]["value"] += blank.group(0)
            pos = blank.end()
        else:
            break
    trailing = None
    for part in parts:
        children = parser.parse_child(part["value"], state)
        trailing = children.pop() if children and children[-1]["type"] == "blank_line" \
            else None
        if children and children[0]["type"] == "paragraph" and not part["first_as_para"]:
            children[0]["transparent"] = True
        items.append({"type": "def_definition", "children": children})
    tokens = state.tokens
    if tokens and tokens[-1]["type"] == "def_list":
        tokens[-1]["children"].extend(items)
    elif len(tokens) >= 2 and tokens[-1]["type"] == "blank_line" and \
            tokens[-2]["type"] == "def_list":
        tokens.pop()
        tokens[-1]["children"].extend(items)
    else:
        tokens.append({"type": "def_list", "children": items, "ial": para.get("ial", {})})
    if trailing is not None:
        tokens.append(trailing)
    state.cursor = pos
    return True


def render_def_list(renderer: Any, token: dict[str, Any], state: BlockState) -> str:
    return f"<dl{attributes(token.get('ial', {}))}>\n{renderer.children(token, state)}</dl>\n"


def render_def_term(renderer: Any, token: dict[str, Any], state: BlockState) -> str:
    return f"<dt>{renderer.children(token, state)}</dt>\n"


def render_def_definition(renderer: Any, token: dict[str, Any], state: BlockState) -> str:
    return f"<dd>{renderer.children(token, state)}</dd>\n"


def def_list(md: Markdown) -> None:
    md.block.add_rule("definition_list", DEFINITION_START, parse_definition_list,  # type: ignore
                      before="list")
    for name, func in (("def_list", render_def_list), ("def_term", render_def_term),
                       ("def_definition", render_def_definition)):
        md.renderer.token_renderers[name] = func  # type: ignore[attr-defined]

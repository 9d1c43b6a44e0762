"""kramdown's tables: any line with an unescaped `|` starts one; no separator row needed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..blocks import add_block, after_block_boundary, before_block_boundary

if TYPE_CHECKING:
    from mistune import Markdown
    from mistune.core import BlockState

    from ..blocks import KramdownBlockParser

_PIPE_CHECK = r"(?:\||.*?[^\\\n]\|)"
TABLE_START = re.compile(r" {0,3}(?=\S)" + _PIPE_CHECK + r".*?\n")
_LINE = re.compile(_PIPE_CHECK + r".*?\n")
_SEP_LINE = re.compile(r"([+|: \t-]*?-[+|: \t-]*?)[ \t]*\n")
_HSEP_ALIGN = re.compile(r"[ \t]?(:?)-+(:?)[ \t]?")
_FSEP_LINE = re.compile(r"[+|: \t]*?=[+|: \t=]*?[ \t]*\n")
_ROW_LINE = re.compile(r"(.*?)[ \t]*\n")
_CODESPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)


def _cells(line: str) -> list[str]:
    """Split a row on unescaped pipes outside code spans."""
    cells = [""]
    pos = 0
    for code in _CODESPAN.finditer(line):
        _split_into(cells, line[pos:code.start()])
        cells[-1] += code.group(0)
        pos = code.end()
    _split_into(cells, line[pos:])
    return cells


def _split_into(cells: list[str], text: str) -> None:
    first, *rest = re.split(r"(?<!\\)\|", text)
    cells[-1] += first.replace("\\|", "|")
    cells.extend(part.replace("\\|", "|") for part in rest)


def _align(left: str, right: str) -> str:
    if left and right:
        return "center"
    if right:
        return "right"
    return "left" if left else "default"


def parse_table(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    if not after_block_boundary(state):
        return False
    src, pos = state.src, state.cursor
    leading_pipe = bool(re.match(r"\s*\|", src[pos:src.find("\n", pos)]))
    sections: list[tuple[str, list[list[str]]]] = []
    rows: list[list[str]] = []
    alignment: list[str] = []
    has_footer = False
    columns = 0

    def close(kind: str, force: bool = False) -> None:
        nonlocal rows
        if not has_footer or kind != "tbody" or force:
            sections.append((kind, rows))
            rows = []

    first = _ROW_LINE.match(src, pos)
    if first is None or len(_cells(first.group(1))) < 2:
        return False  # its only pipes are escaped or inside code spans
    sep = _SEP_LINE.match(src, pos)
    if sep and _LINE.match(src, pos):
        pos = sep.end()
    while pos < len(src) and _LINE.match(src, pos):
        if (sep := _SEP_LINE.match(src, pos)):
            if rows and not alignment and not has_footer:
                close("thead")
                alignment = [_align(a, b) for a, b in _HSEP_ALIGN.findall(sep.group(1))]
            elif rows:
                close("tbody")
            pos = sep.end()
        elif (foot := _FSEP_LINE.match(src, pos)):
            if rows:
                close("tbody", True)
            has_footer = True
            pos = foot.end()
        else:
            row = _ROW_LINE.match(src, pos)
            assert row is not None
            cells = _cells(row.group(1).lstrip(" ") if leading_pipe else row.group(1))
            if leading_pipe and cells and not cells[0].strip():
                cells.pop(0)
            if cells and not cells[-1].strip():
                cells.pop()
            columns = max(columns, len(cells))
            rows.append([c.strip() for c in cells])
            pos = row.end()
    if not before_block_boundary(state, pos):
        return False
    if rows:
        close("tfoot" if has_footer else "tbody")
    if not any(kind == "tbody" for kind, _ in sections):
        return False
    alignment = (alignment + ["default"] * columns)[:columns]
    children = []
    for kind, section_rows in sections:
        cell_type = "table_head_cell" if kind == "thead" else "table_cell"
        children.append({"type": kind, "children": [
            {"type": "table_row", "children": [
                {"type": cell_type, "text": cell, "align": alignment[i]}
                for i, cell in enumerate(row + [""] * (columns - len(row)))]}
            for row in section_rows]})
    add_block(state, {"type": "table", "children": children})
    state.cursor = pos
    return True


def _container(tag: str) -> Any:
    def render(renderer: Any, token: dict[str, Any], state: BlockState) -> str:
        attrs = token.get("ial", {}) if tag == "table" else {}
        from ..renderer import attributes
        return f"<{tag}{attributes(attrs)}>\n{renderer.children(token, state)}</{tag}>\n"
    return render


def _cell(tag: str) -> Any:
    def render(renderer: Any, token: dict[str, Any], state: BlockState) -> str:
        align = token.get("align", "default")
        style = f' style="text-align: {align}"' if align != "default" else ""
        return f"<{tag}{style}>{renderer.children(token, state)}</{tag}>\n"
    return render


def table(md: Markdown) -> None:
    md.block.add_rule("table", TABLE_START, parse_table,  # type: ignore[attr-defined]
                      before="link_definition")
    for tag in ("table", "thead", "tbody", "tfoot"):
        md.renderer.token_renderers[tag] = _container(tag)  # type: ignore[attr-defined]
    md.renderer.token_renderers["table_row"] = _container("tr")  # type: ignore[attr-defined]
    md.renderer.token_renderers["table_head_cell"] = _cell("th")  # type: ignore[attr-defined]
    md.renderer.token_renderers["table_cell"] = _cell("td")  # type: ignore[attr-defined]

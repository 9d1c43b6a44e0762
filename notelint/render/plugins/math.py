"""kramdown's `$$` math with its default MathJax engine: `\\(...\\)` inline, `\\[...\\]` block."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from ..blocks import after_block_boundary, before_block_boundary

if TYPE_CHECKING:
    from mistune import Markdown
    from mistune.core import BlockState, InlineState
    from mistune.inline_parser import InlineParser

    from ..blocks import KramdownBlockParser

BLOCK_MATH = re.compile(r" {0,3}(\\)?\$\$(.*?)\$\$([ \t]*\n)?", re.S)
INLINE_MATH = r"\$\$(?P<math_text>.*?)\$\$"


def parse_block_math(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    if not after_block_boundary(state) or m.group(1):
        return False
    if not before_block_boundary(state, m.end()):
        return False
    state.append_token({"type": "block_math", "raw": m.group(2).strip()})
    state.cursor = m.end()
    return True


def parse_inline_math(inline: InlineParser, m: re.Match[str], state: InlineState) -> int:
    state.append_token({"type": "math", "raw": m.group("math_text").strip()})
    return m.end()


def render_block_math(renderer: Any, token: dict[str, Any], state: BlockState) -> str:
    return f"\\[{html.escape(token['raw'], quote=False)}\\]\n"


def render_math(renderer: Any, token: dict[str, Any], state: BlockState) -> str:
    return f"\\({html.escape(token['raw'], quote=False)}\\)"


def math(md: Markdown) -> None:
    md.block.add_rule("block_math", BLOCK_MATH, parse_block_math,  # type: ignore[attr-defined]
                      before="list")
    md.inline.register("inline_math", INLINE_MATH, parse_inline_math, before="escape",
                       start_chars=tuple("$"))
    md.renderer.token_renderers["block_math"] = render_block_math  # type: ignore
    md.renderer.token_renderers["math"] = render_math  # type: ignore

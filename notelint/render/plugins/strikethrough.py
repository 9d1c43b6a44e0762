"""GFM's `~~strikethrough~~` as kramdown-parser-gfm reads it: two tildes, no spaces inside."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mistune import Markdown
    from mistune.core import BlockState, InlineState
    from mistune.inline_parser import InlineParser

STRIKETHROUGH = r"~~(?!\s|~)(?P<strike_text>.*?[^\s~])~~"


def parse_strikethrough(inline: InlineParser, m: re.Match[str], state: InlineState) -> int:
    child = state.copy()
    child.src = m.group("strike_text")
    state.append_token({"type": "strikethrough", "children": inline.render(child)})
    return m.end()


def render_strikethrough(renderer: Any, token: dict[str, Any], state: BlockState) -> str:
    return f"<del>{renderer.children(token, state)}</del>"


def strikethrough(md: Markdown) -> None:
    if not md.renderer.options.input_gfm:  # type: ignore[union-attr]
        return  # a GFM extension: kramdown's own parser leaves `~~` alone
    md.inline.register("strikethrough", STRIKETHROUGH, parse_strikethrough, before="link",
                       start_chars=tuple("~"))
    md.renderer.token_renderers["strikethrough"] = render_strikethrough  # type: ignore

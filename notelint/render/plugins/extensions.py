"""kramdown's block extensions: `{::comment}`, `{::nomarkdown}` and `{::options /}`."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from ..blocks import add_block

if TYPE_CHECKING:
    from mistune import Markdown
    from mistune.core import BlockState

    from ..blocks import KramdownBlockParser

EXTENSION = re.compile(r" {0,3}\{::(comment|nomarkdown|options)((?:\s(?:\\\}|[^}])*?)?)(/)?\}"
                       r"[ \t]*\n")
_OPTION = re.compile(r"""([\w-]+)=("|')(.*?)\2""")


def parse_extension(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    name, args, closed = m.group(1), m.group(2), m.group(3)
    if name == "options":
        options = {k: v for k, _q, v in _OPTION.findall(args)}
        state.append_token({"type": "options", "options": options})
        state.cursor = m.end()
        return True
    if closed:
        state.cursor = m.end()
        return True
    end = re.compile(r"^ {0,3}\{:/(?:" + name + r")?\}[ \t]*(?:\n|\Z)", re.M)
    close = end.search(state.src, m.end())
    stop = close.start() if close else len(state.src)
    body = state.src[m.end():stop]
    if name == "comment":
        add_block(state, {"type": "block_html",
                          "raw": f"<!-- {html.escape(body.rstrip(), quote=False)} -->"})
    else:
        add_block(state, {"type": "nomarkdown", "raw": body})
    state.cursor = close.end() if close else len(state.src)
    return True


def render_nomarkdown(renderer: object, token: dict[str, Any], state: BlockState) -> str:
    return str(token["raw"])


def extensions(md: Markdown) -> None:
    md.block.add_rule("extension", EXTENSION, parse_extension,  # type: ignore[attr-defined]
                      before="ald")
    md.renderer.token_renderers["nomarkdown"] = render_nomarkdown  # type: ignore[attr-defined]

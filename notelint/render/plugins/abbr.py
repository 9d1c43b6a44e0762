"""kramdown's abbreviations: `*[HTML]: Hyper Text Markup Language` marks every `HTML`."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mistune import Markdown
    from mistune.core import BlockState

    from ..blocks import KramdownBlockParser

DEFINITION = re.compile(r" {0,3}\*\[(.+?)\]:(.*?)\n")


def parse_abbreviation(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    state.env.setdefault("abbreviations", {})[m.group(1)] = m.group(2).strip()
    state.cursor = m.end()
    return True


def mark(text: str, abbreviations: dict[str, str]) -> str:
    """Escaped `text` with each abbreviation (on word boundaries) wrapped in <abbr>."""
    names = sorted(abbreviations, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos:m.start()], quote=False))
        title = html.escape(abbreviations[m.group(1)])
        out.append(f'<abbr title="{title}">{html.escape(m.group(1), quote=False)}</abbr>')
        pos = m.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def _remember(md: Markdown, state: BlockState) -> None:
    md.renderer.abbreviations = state.env.get("abbreviations", {})  # type: ignore[union-attr]


def abbr(md: Markdown) -> None:
    md.block.add_rule("abbreviation", DEFINITION, parse_abbreviation,  # type: ignore
                      before="link_definition")
    md.before_render_hooks.append(_remember)


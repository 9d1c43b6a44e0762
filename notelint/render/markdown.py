"""The Markdown stage: mistune configured as kramdown with `input: GFM`."""

from __future__ import annotations

import re
from typing import Any

import mistune
from mistune.inline_parser import InlineParser

from .blocks import KramdownBlockParser
from .plugins import PLUGINS
from .plugins.span_ial import attach_span_ials
from .plugins.typography import quote_chars
from .renderer import JekyllHTMLRenderer, KramdownOptions


class KramdownInlineParser(InlineParser):
    """mistune's span rules, with kramdown's code spans and line ends."""

    def finalize_tokens(self, tokens: list[dict[str, Any]], depth: int) -> list[dict[str, Any]]:
        return attach_span_ials(super().finalize_tokens(tokens, depth))

    def parse_codespan(self, m: re.Match[str], state: mistune.core.InlineState) -> int:
        # kramdown: up to the next same delimiter, newlines kept, one space trimmed when the
        # delimiter is longer than one backtick.
        marker = m.group(0)
        end = state.src.find(marker, m.end())
        if end < 0:
            state.append_token({"type": "text", "raw": marker})
            return m.end()
        code = state.src[m.end():end]
        if len(marker) > 1:
            code = code[1:] if code.startswith(" ") else code
            code = code[:-1] if code.endswith(" ") else code
        state.append_token({"type": "codespan", "raw": code})
        return end + len(marker)

    def parse_softbreak(self, m: re.Match[str], state: mistune.core.InlineState) -> int:
        # kramdown keeps the spaces around a line end as text; mistune would drop them.
        state.append_token({"type": "softbreak", "raw": m.group(0)})
        return m.end()

    def parse_linebreak(self, m: re.Match[str], state: mistune.core.InlineState) -> int:
        state.append_token({"type": "linebreak", "raw": m.group(0).lstrip(" \\")})
        return m.end()


class Converter:
    """Renders Markdown bodies for one site; one instance is reused for every post."""

    def __init__(self, options: KramdownOptions) -> None:
        self.options = options
        self.quotes = quote_chars(options.smart_quotes)
        self.renderer = JekyllHTMLRenderer(options)
        # Built once: mistune compiles its rule regexes per parser instance.
        self.md = mistune.Markdown(renderer=self.renderer,
                                   block=KramdownBlockParser(gfm=options.input_gfm),
                                   inline=KramdownInlineParser(hard_wrap=False))
        for plugin in PLUGINS:
            plugin(self.md)

    def convert(self, text: str) -> tuple[str, JekyllHTMLRenderer]:
        """The HTML of one Markdown text, and the renderer holding its heading ids."""
        self.renderer.reset()
        state = self.md.block.state_cls()
        state.env["quotes"] = self.quotes
        html, _state = self.md.parse(text.replace("\r\n", "\n").replace("\r", "\n"), state)
        return self.renderer.finish(str(html)), self.renderer

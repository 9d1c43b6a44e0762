"""kramdown's footnotes: `[^name]` markers numbered by first use, definitions at the end."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mistune import Markdown
    from mistune.core import BlockState, InlineState
    from mistune.inline_parser import InlineParser

    from ..blocks import KramdownBlockParser

DEFINITION = re.compile(r" {0,3}\[\^(\w[\w-]*)\]:[ \t]*(.*\n(?:(?:[ \t]*\n)*(?:\t| {4}).*\n)*)")
MARKER = r"\[\^(?P<footnote_name>\w[\w-]*)\]"
BACKLINK = '<a href="#fnref:{0}" class="reversefootnote" role="doc-backlink">&#8617;</a>'


def parse_definition(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    text = re.sub(r"^(?:\t| {4})", "", m.group(2), flags=re.M)
    notes = state.env.setdefault("footnotes", {})
    if m.group(1) not in notes:
        notes[m.group(1)] = parser.parse_child(text, state)
    state.cursor = m.end()
    return True


def parse_marker(inline: InlineParser, m: re.Match[str], state: InlineState) -> int | None:
    name = m.group("footnote_name")
    if name not in state.env.get("footnotes", {}):
        return None
    order = state.env.setdefault("footnote_order", [])
    if name not in order:
        order.append(name)
    state.append_token({"type": "footnote_ref", "raw": name, "number": order.index(name) + 1})
    return m.end()


def render_footnote_ref(renderer: Any, token: dict[str, Any], state: BlockState) -> str:
    name = token["raw"]
    seen = renderer.footnote_refs.setdefault(name, 0)
    renderer.footnote_refs[name] = seen + 1
    ref_id = f"fnref:{name}" + (f":{seen}" if seen else "")
    return (f'<sup id="{ref_id}" role="doc-noteref"><a href="#fn:{name}" class="footnote" '
            f'rel="footnote">{token["number"]}</a></sup>')


def render_footnotes(renderer: Any, token: dict[str, Any], state: BlockState) -> str:
    order = state.env.get("footnote_order", [])
    if not order:
        return ""
    items = []
    index = 0
    while index < len(order):  # a note may refer to a later note: the order grows
        name = order[index]
        index += 1
        tokens = state.env["footnotes"][name]
        _parse_inline(renderer.inline_parser, tokens, state)
        body = renderer.render_tokens(tokens, state).rstrip("\n")
        backlink = "\u00a0" + BACKLINK.format(name)
        if body.endswith("</p>"):
            body = body[:-4] + backlink + "</p>"
        else:
            body += f"\n<p>{backlink}</p>"
        items.append(f'<li id="fn:{name}" role="doc-endnote">\n{body}\n</li>\n')
    return ('<div class="footnotes" role="doc-endnotes">\n<ol>\n' + "".join(items) +
            "</ol>\n</div>\n")


def _append_footnotes(md: Markdown, state: BlockState) -> None:
    if state.env.get("footnotes"):
        state.tokens.append({"type": "footnotes"})


def _parse_inline(inline: InlineParser, tokens: list[dict[str, Any]], state: BlockState) -> None:
    """Definitions are rendered at the end, outside mistune's pass over the document."""
    for token in tokens:
        if "children" in token:
            _parse_inline(inline, token["children"], state)
        elif "text" in token:
            token["children"] = inline(token.pop("text").strip(" \r\n\t\f"), state.env)


def footnotes(md: Markdown) -> None:
    md.block.add_rule("footnote_definition", DEFINITION, parse_definition,  # type: ignore
                      before="link_definition")
    md.inline.register("footnote_ref", MARKER, parse_marker, before="link", start_chars=tuple("["))
    md.before_render_hooks.append(_append_footnotes)
    md.renderer.token_renderers["footnote_ref"] = render_footnote_ref  # type: ignore
    md.renderer.token_renderers["footnotes"] = render_footnotes  # type: ignore
    md.renderer.inline_parser = md.inline  # type: ignore

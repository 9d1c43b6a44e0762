"""kramdown's span attribute lists: `*em*{: .x}`, `[a](/b){:target="_blank"}`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..ial import add_attribute, parse_attribute_list

if TYPE_CHECKING:
    from mistune import Markdown
    from mistune.core import InlineState
    from mistune.inline_parser import InlineParser

# kramdown's own pattern has no bound; with one, a post of 50,000 unclosed `{:` is read in
# linear time instead of quadratic (no real attribute list is near 500 characters).
SPAN_IAL = r"\{:(?P<ial_body>(?:\\\}|[^}]){1,500})\}"
_TAKES_ATTRIBUTES = frozenset(("emphasis", "strong", "link", "image", "codespan",
                               "strikethrough"))


def parse_span_ial(inline: InlineParser, m: re.Match[str], state: InlineState) -> int:
    # Emphasis is only resolved when the paragraph is finished: attach the attributes then.
    attrs: dict[str, str] = {}
    parse_attribute_list(m.group("ial_body"), attrs, state.env.get("alds", {}))
    state.append_token({"type": "span_ial", "attrs": attrs, "raw": m.group(0)})
    return m.end()


def attach_span_ials(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each `{: ...}` to the element right before it (after text it stays text)."""
    out: list[dict[str, Any]] = []
    for token in tokens:
        if "children" in token:
            token["children"] = attach_span_ials(token["children"])
        if token["type"] != "span_ial":
            out.append(token)
        elif out and out[-1]["type"] in _TAKES_ATTRIBUTES:
            target = out[-1].setdefault("ial", {})
            for key, value in token["attrs"].items():
                add_attribute(target, key, value)
        else:
            out.append({"type": "text", "raw": token["raw"]})
    return out


def span_ial(md: Markdown) -> None:
    md.inline.register("span_ial", SPAN_IAL, parse_span_ial, before="escape",
                       start_chars=tuple("{"))

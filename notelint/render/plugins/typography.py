"""kramdown's smart quotes and typographic symbols, as inline rules.

kramdown decides each quote from the character before it and what follows (rules taken over
from RubyPants), so the rule's pattern starts one character early, as kramdown's does.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mistune import Markdown
    from mistune.core import InlineState
    from mistune.inline_parser import InlineParser

SMART_QUOTES = r"""["']"""
TYPOGRAPHIC = r"\\<<|\\>>|---|--|\.\.\.|<< |<<|>>"
# kramdown's quote rule starts one character early; that character is already text here
# unless it closed another span.
_NOT_CONTEXT = frozenset("\"'*_`)]>$~\\")

_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
_CLOSE = r"""[^ \\\t\r\n\[{(-]"""
_RULES: list[tuple[re.Pattern[str], tuple[object, ...]]] = [
    (re.compile(r"""("|')(?=[_*]{1,2}\S)"""), ("lquote1",)),
    (re.compile(r"""("|')(?=""" + _PUNCT + r"""(?!\.\.)\B)"""), ("rquote1",)),
    (re.compile(r"""(\s?)"'(?=\w)"""), (1, "ldquo", "lsquo")),
    (re.compile(r"""(\s?)'"(?=\w)"""), (1, "lsquo", "ldquo")),
    (re.compile(r"""(\s?)'(?=\d\ds)"""), (1, "rsquo")),
    (re.compile(r"""(\s)('|")(?=\w)"""), (1, "lquote2")),
    (re.compile("(" + _CLOSE + r"""\s*?)('|")"""), (1, "rquote2")),
    (re.compile(r"""("|')(?=\s|s\b|$)""", re.M), ("rquote1",)),
    (re.compile(r"(.?)'", re.S), (1, "lsquo")),
    (re.compile(r'(.?)"', re.S), (1, "ldquo")),
]
_QUOTE_GROUP = {"lquote1": 1, "rquote1": 1, "lquote2": 2, "rquote2": 2}
_NAMES = {"ldquo": 0, "rdquo": 1, "lsquo": 2, "rsquo": 3}
_SIDE = {("rquote", '"'): "rdquo", ("rquote", "'"): "rsquo", ("lquote", '"'): "ldquo",
         ("lquote", "'"): "lsquo"}
SYMBOLS = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "\\<<": "<<", "\\>>": ">>",
           "<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb", "<<": "\u00ab", ">>": "\u00bb"}
DEFAULT_QUOTES = ("lsquo", "rsquo", "ldquo", "rdquo")
ENTITY_CHARS = {"lsquo": "\u2018", "rsquo": "\u2019", "ldquo": "\u201c", "rdquo": "\u201d",
                "apos": "'", "quot": '"', "laquo": "\u00ab", "raquo": "\u00bb"}


def quote_chars(setting: object) -> dict[str, str]:
    """kramdown's `smart_quotes` option: four entity names for lsquo, rsquo, ldquo, rdquo."""
    names = DEFAULT_QUOTES
    if isinstance(setting, str):
        names = tuple(n.strip() for n in setting.split(","))  # type: ignore[assignment]
    elif isinstance(setting, list):
        names = tuple(str(n) for n in setting)  # type: ignore[assignment]
    if len(names) != 4:
        names = DEFAULT_QUOTES
    return {kind: ENTITY_CHARS.get(name, name) for kind, name in
            zip(("lsquo", "rsquo", "ldquo", "rdquo"), names, strict=True)}


def parse_smart_quote(inline: InlineParser, m: re.Match[str], state: InlineState) -> int:
    src, pos = state.src, m.start()
    if pos > 0 and src[pos - 1] not in _NOT_CONTEXT:
        pos -= 1
    for pattern, substs in _RULES:
        found = pattern.match(src, pos)
        if not found or found.end() <= m.start():
            continue
        for subst in substs:
            if isinstance(subst, int):
                text = src[max(found.start(subst), m.start()):found.end(subst)]
                if text:
                    state.append_token({"type": "text", "raw": text})
                continue
            name = str(subst)
            if name in _QUOTE_GROUP:
                name = _SIDE[(name[:6], found.group(_QUOTE_GROUP[name]))]
            # `source`: the character as typed, which an image's alt text keeps.
            state.append_token({"type": "smart_quote", "raw": state.env["quotes"][name],
                                "source": "'" if "squo" in name else '"'})
        return found.end()
    return m.end()


def parse_typographic(inline: InlineParser, m: re.Match[str], state: InlineState) -> int:
    symbol = m.group(0)
    last = state.tokens[-1] if state.tokens else None
    if symbol == ">>" and last and last["type"] == "text" and last["raw"].endswith(" "):
        last["raw"] = last["raw"][:-1]  # ` >>` is one symbol, space included
        symbol = " >>"
    state.append_token({"type": "typographic_sym", "raw": SYMBOLS[symbol], "source": symbol})
    return m.end()


def typography(md: Markdown) -> None:
    md.inline.register("smart_quote", SMART_QUOTES, parse_smart_quote, before="linebreak",
                       start_chars=("\"", "'"))
    # gfm_quirks: no_auto_typographic turns the symbols off, never the quotes.
    if md.renderer.options.typographic:  # type: ignore[union-attr]
        md.inline.register("typographic_sym", TYPOGRAPHIC, parse_typographic,
                           before="linebreak", start_chars=tuple("\\-.<>"))

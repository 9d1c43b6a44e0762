"""Liquid 4's lax reading of tag markup, which Jekyll falls back on in its default
`error_mode: warn` (with a `Liquid Warning`) and in `lax` (silently), spec §11.3.

Where python-liquid's strict parser refuses a tag, `rewrite` gives markup it accepts that
means what Liquid 4's lax parser makes of the original (`i in (1..3) junk` is
`i in (1..3)`; `capture /dev/null` captures into `dev`), or None where Liquid 4 fails too.
The patterns are Liquid 4.0.4's (`lib/liquid.rb`, the tags' `Syntax` and `lax_parse`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_QUOTED_STRING = r"\"[^\"]*\"|'[^']*'"
_QUOTED_FRAGMENT = rf"(?:{_QUOTED_STRING}|(?:[^\s,|'\"]|{_QUOTED_STRING})+)"
_VARIABLE_SIGNATURE = r"(?:\(?[\w\-.\[\]]\)?)"

_FOR = re.compile(rf"\A\s*([\w-]+)\s+in\s+({_QUOTED_FRAGMENT}+)\s*(reversed)?")
_ATTRIBUTES = re.compile(rf"(\w+)\s*:\s*({_QUOTED_FRAGMENT})")
_ASSIGN = re.compile(rf"({_VARIABLE_SIGNATURE}+)\s*=\s*(.*)\s*", re.S)
_CAPTURE = re.compile(rf"({_VARIABLE_SIGNATURE}+)")
_VARIABLE = re.compile(rf"({_QUOTED_FRAGMENT})(.*)", re.S)
_FILTER_PARTS = re.compile(rf"(?:\s+|{_QUOTED_FRAGMENT}|,)+")
_FILTER_ARGS = re.compile(rf"(?::|,)\s*((?:\w+\s*:\s*)?{_QUOTED_FRAGMENT})")
_CONDITION = re.compile(rf"({_QUOTED_FRAGMENT})\s*([=!<>a-z_]+)?\s*({_QUOTED_FRAGMENT})?")
_BOOLEAN = re.compile(r"\s+(and|or)\s+")
_OPERATORS = {"==", "!=", "<>", "<", ">", ">=", "<=", "contains"}
# What python-liquid reads as an expression; anything else Liquid 4 looks up as a variable
# that does not exist (`.ID`), which renders as nothing.
_SIMPLE = re.compile(rf"\A(?:{_QUOTED_STRING}|-?\d+(?:\.\d+)?|\(\S+\.\.\S+\)|"
                     r"[A-Za-z_][\w-]*(?:\.[\w-]+|\[[^\]]*\])*)\Z")


# Words python-liquid's expressions reserve, so that none can name a filter there; no
# Liquid or Jekyll filter has one of these names, and Liquid 4 ignores an unknown filter
# (`| offset:1` leaves the value as it is).
_NOT_FILTERS = frozenset({"offset", "limit", "reversed", "cols", "with", "for", "as", "in",
                          "and", "or", "not", "contains", "true", "false", "nil", "null",
                          "empty", "blank", "continue", "if", "else", "required"})

# Tags Liquid 4 reads with its lax pattern in every error mode, without a warning.
ALWAYS_LAX = frozenset({"capture"})


_KEYWORD_FILTER = re.compile(r"\|\s*(?:" + "|".join(sorted(_NOT_FILTERS)) +
                             rf")\b(?:\s*:\s*{_QUOTED_FRAGMENT}(?:\s*,\s*{_QUOTED_FRAGMENT})*)?")


def without_keyword_filters(markup: str) -> str:
    """`markup` without the filters named by a word python-liquid reserves (`| offset:1`):
    Liquid 4's strict parser takes such a name as any other, so if what is left parses
    strictly, Liquid 4 parsed the original strictly too, and Jekyll says nothing."""
    return _KEYWORD_FILTER.sub("", markup)


def rewrite(name: str, markup: str) -> str | None:
    """What Liquid 4's lax parser reads `{% name markup %}` as, in strict syntax."""
    handler = _REWRITERS.get(name)
    return handler(markup) if handler is not None else None


def output(markup: str) -> str:
    """`{{ markup }}` as Liquid 4's lax parser reads it (never fails: `nil` at worst)."""
    return _variable(markup)


def _for(markup: str) -> str | None:
    match = _FOR.match(markup)
    if match is None:
        return None
    parts = [match.group(1), "in", _expression(match.group(2))]
    if match.group(3):
        parts.append("reversed")
    parts += [f"{key}:{_expression(value)}" for key, value in _ATTRIBUTES.findall(markup)
              if key in ("limit", "offset")]
    return " ".join(parts)


def _assign(markup: str) -> str | None:
    match = _ASSIGN.search(markup)
    if match is None:
        return None
    return f"{match.group(1)}={_variable(match.group(2))}"


def _capture(markup: str) -> str | None:
    match = _CAPTURE.search(markup)
    return match.group(1) if match is not None else None


def _condition(markup: str) -> str | None:
    pieces = _BOOLEAN.split(markup.strip())
    out = []
    for index, piece in enumerate(pieces):
        if index % 2:
            out.append(piece)
            continue
        match = _CONDITION.search(piece)
        if match is None:
            return None
        left, operator, right = match.groups()
        if operator is None:
            out.append(_expression(left))
        elif operator not in _OPERATORS or right is None:
            return None  # Liquid 4 fails too: `Unknown operator`, at render time
        else:
            out.append(f"{_expression(left)} {operator} {_expression(right)}")
    return " ".join(out)


def _variable(markup: str) -> str:
    match = _VARIABLE.search(markup)
    if match is None:
        return "nil"
    text = _expression(match.group(1))
    rest = match.group(2)
    if "|" not in rest:
        return text
    # Written without spaces: the rewritten tag must not be longer than the original.
    for part in _FILTER_PARTS.findall(rest.split("|", 1)[1]):
        name = re.search(r"\w+", part)
        if name is None or name.group(0) in _NOT_FILTERS:
            continue
        args = [_argument(a) for a in _FILTER_ARGS.findall(part[name.end():])]
        text += f"|{name.group(0)}" + (":" + ",".join(args) if args else "")
    return text


def _argument(text: str) -> str:
    keyword = re.match(r"(\w+)\s*:\s*(.*)", text, re.S)
    if keyword is not None:
        return f"{keyword.group(1)}:{_expression(keyword.group(2))}"
    return _expression(text)


def _expression(text: str) -> str:
    return text if _SIMPLE.match(text) else "nil"


_REWRITERS: dict[str, Callable[[str], str | None]] = {
    "for": _for, "assign": _assign, "capture": _capture,
    "if": _condition, "elsif": _condition, "unless": _condition,
}

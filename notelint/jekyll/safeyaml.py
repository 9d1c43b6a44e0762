"""How SafeYAML 1.0.5 types a YAML scalar: the loader of the released Jekyll gem and of
GitHub Pages, for front matter, `_config.yml` and `_data` files alike.

SafeYAML guesses a plain scalar's type from its text, in the order of
`SafeYAML::Transform::DEFAULT_TRANSFORMERS`: integer, float, nil, boolean, date or time
(symbols are off by default, so `:title` stays the string `:title`). A quoted scalar stays a
string; a tagged one is guessed from its text like a plain one (only `!!binary` is honoured).
Each rule below was recorded with the reference Jekyll (spec §11.1, cases `sy-*`).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import re
from typing import Any

from .dates import roll_over

_DECIMAL = re.compile(r"\A[-+]?(?:0|[1-9][0-9]*)\Z")  # after `_` and `,` are removed
_OCTAL = re.compile(r"\A0[0-7]+\Z")
_HEX = re.compile(r"\A[-+]?0x[0-9a-f]+\Z", re.I)
_BINARY = re.compile(r"\A0b[01]+\Z")
# Ruby's Float() wants digits after the dot (`1.` is not a float) and a signed exponent.
_FLOAT = re.compile(r"\A[-+]?(?:[0-9]+(?:_[0-9]+)*)?\.[0-9]+(?:_[0-9]+)*(?:[eE][-+][0-9]+)?\Z")
_BASE60 = re.compile(r"\A([-+]?)([0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)\Z")
_SPECIAL_FLOATS = {".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
                   "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
                   ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan")}
_BOOLEANS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}
_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")
_TIME = re.compile(r"\A(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d)"
                   r"(?:\.(\d*))?(?:\s*(Z|[-+]\d{1,2}(?::?\d\d)?))?\Z")


_MAX_DIGITS = 4000


def guess(text: str) -> Any:
    """The value SafeYAML gives a plain (or tagged) scalar written as `text`."""
    for transform in (_integer, _float, _nil_or_boolean, _date_or_time):
        found, value = transform(text)
        if found:
            return value
    return text


def binary(text: str) -> str:
    """`!!binary`: the decoded text, when it is valid UTF-8 (else the text as written)."""
    try:
        return base64.b64decode("".join(text.split())).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return text


def _integer(text: str) -> tuple[bool, Any]:
    cleaned = text.replace("_", "").replace(",", "")
    if len(cleaned) > _MAX_DIGITS:
        # Ruby reads any length; Python refuses over 4,300 digits (quadratic to convert).
        # No post uses such a number as a number: it stays the text it is.
        return False, None
    if _DECIMAL.match(cleaned):
        return True, int(cleaned)
    if _OCTAL.match(cleaned):
        return True, int(cleaned, 8)
    if _BINARY.match(cleaned):
        return True, int(cleaned[2:], 2)
    if _HEX.match(cleaned):
        sign = -1 if cleaned.startswith("-") else 1
        return True, sign * int(cleaned.lstrip("+-")[2:], 16)
    return False, None


def _float(text: str) -> tuple[bool, Any]:
    if _FLOAT.match(text):
        return True, float(text.replace("_", ""))
    if text in _SPECIAL_FLOATS:
        return True, _SPECIAL_FLOATS[text]
    match = _BASE60.match(text)
    if match is not None:
        # Parse::Sexagesimal negates the first part and then the whole: `-1:30` is 30.0.
        sign = -1.0 if match.group(1) == "-" else 1.0
        parts = match.group(2).replace("_", "").split(":")
        total = sign * float(parts[0])
        for part in parts[1:]:
            total = total * 60 + float(part)
        return True, sign * total
    return False, None


def _nil_or_boolean(text: str) -> tuple[bool, Any]:
    lowered = text.lower()
    if text in ("", "~") or lowered == "null":
        return True, None
    if lowered in _BOOLEANS:
        return True, _BOOLEANS[lowered]
    return False, None


def _date_or_time(text: str) -> tuple[bool, Any]:
    match = _DATE.match(text)
    if match is not None:
        try:
            return True, dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return True, text  # `2020-02-30`: Date.parse fails, the text is kept
    match = _TIME.match(text)
    if match is not None:
        return True, _time(match) or text
    return False, None


def _time(match: re.Match[str]) -> dt.datetime | None:
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    micro = int((match.group(7) or "0")[:6].ljust(6, "0"))
    second = min(second, 59)  # a leap second `:60` reads as `:59`
    zone = match.group(8)
    offset = dt.timedelta(0)
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        hours, _, minutes = zone[1:].partition(":")
        if not minutes and len(hours) > 2:
            hours, minutes = hours[:-2], hours[-2:]
        offset = sign * dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    if abs(offset) >= dt.timedelta(hours=24):
        return None
    base = roll_over(year, month, day, hour, minute, second, micro)
    return base.replace(tzinfo=_zone(offset)) if base is not None else None


@functools.cache
def _zone(offset: dt.timedelta) -> dt.timezone:
    # A site's posts are written in a few zones: one object for each, not one per post.
    return dt.timezone(offset)

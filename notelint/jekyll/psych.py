"""Ruby Psych's typing of plain YAML scalars, which Jekyll's front matter follows.

PyYAML resolves `2020-3-4`, `1,000`, `:sym` and `yes` differently from Psych; the order of the
tests below is Psych::ScalarScanner#tokenize's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any


class RubySymbol(str):
    """A plain scalar like `:foo`: a Symbol, which Debian's Jekyll refuses to load."""


_ALPHA_START = re.compile(r"^[^\d.:-]?(?:[^\W\d_]|[_\s!@#$%^&*(){}<>|/\\~;=])")
_TIME = re.compile(r"^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?"
                   r"(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$")
_DATE = re.compile(r"^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$")
_SEXAGESIMAL_INT = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?$")
_INT = re.compile(r"^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)"
                  r"|[-+]?0x[0-9a-fA-F_,]+)$")


def psych_scalar(text: str) -> Any:
    """Type a plain YAML scalar the way Ruby's Psych does."""
    if text == "":
        return None
    if _ALPHA_START.match(text) or "\n" in text:
        if len(text) > 5 or re.match(r"^[^ytonf~]", text, re.I):
            return text
        lowered = text.lower()
        if text == "~" or lowered == "null":
            return None
        if lowered in ("yes", "true", "on"):
            return True
        if lowered in ("no", "false", "off"):
            return False
        return text
    if _TIME.match(text):
        return _parse_time(text) or text
    if _DATE.match(text):
        year, month, day = (int(p) for p in text.split("-"))
        try:
            return dt.date(year, month, day)
        except ValueError:
            return text
    lowered = text.lower()
    if re.match(r"^\+?\.inf$", lowered):
        return float("inf")
    if lowered == "-.inf":
        return float("-inf")
    if lowered == ".nan":
        return float("nan")
    if text.startswith(":") and len(text) > 1:
        return RubySymbol(text)
    if _SEXAGESIMAL_INT.match(text):
        total = 0
        for part in text.lstrip("+-").replace("_", "").split(":"):
            total = total * 60 + int(part)
        return -total if text.startswith("-") else total
    if _FLOAT.match(text):
        if re.match(r"^[-+]?\.$", text):
            return text
        try:
            return float(re.sub(r"\.([Ee]|$)", r"\1", text.replace(",", "").replace("_", "")))
        except ValueError:
            return text
    if _INT.match(text):
        return _parse_int(text)
    return text


def _parse_int(text: str) -> int | str:
    cleaned = text.replace(",", "").replace("_", "")
    sign = -1 if cleaned.startswith("-") else 1
    digits = cleaned.lstrip("+-")
    try:
        if digits.startswith(("0b", "0B")):
            return sign * int(digits[2:], 2)
        if digits.startswith(("0x", "0X")):
            return sign * int(digits[2:], 16)
        if len(digits) > 1 and digits.startswith("0"):
            return sign * int(digits, 8)
        return sign * int(digits)
    except ValueError:
        return text


_TIME_PARTS = re.compile(r"^(-?\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d)"
                         r"(?:\.(\d*))?\s*(Z|[-+]\d{1,2}(?::?\d\d)?)?$")


def _parse_time(text: str) -> dt.datetime | None:
    """Psych's parse_time: no offset means UTC; out-of-range parts leave a string."""
    m = _TIME_PARTS.match(text)
    if m is None:
        return None
    year, month, day, hour, minute, second = (int(m.group(i)) for i in range(1, 7))
    micro = int((m.group(7) or "0")[:6].ljust(6, "0"))
    zone = m.group(8)
    offset = dt.timedelta(0)
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        hours, _, minutes = zone[1:].partition(":")
        if not minutes and len(hours) > 2:
            hours, minutes = hours[:-2], hours[-2:]
        offset = sign * dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    base = roll_over(year, month, day, hour, minute, second, micro)
    if base is None:
        return None
    return base.replace(tzinfo=dt.timezone(offset))


def roll_over(year: int, month: int, day: int, hour: int = 0, minute: int = 0,
              second: int = 0, micro: int = 0) -> dt.datetime | None:
    """Ruby's Time.local/Time.utc arithmetic: days up to 31 and hour 24 roll over."""
    if not (1 <= month <= 12 and 1 <= day <= 31 and 0 <= hour <= 24 and 0 <= minute <= 59
            and 0 <= second <= 60) or not 1 <= year <= 9999:
        return None
    if hour == 24 and (minute or second):
        return None
    try:
        start = dt.datetime(year, month, 1)
    except ValueError:
        return None
    return start + dt.timedelta(days=day - 1, hours=hour, minutes=minute, seconds=second,
                                microseconds=micro)

"""Dates as Jekyll 4.3 computes them: Ruby's lenient `Time.parse`, then the site's zone.

Jekyll turns every `date` value back into text and calls `Time.parse(text).localtime`.
`Time.parse` sits on `Date._parse`, a cascade of patterns (day-first for `04/03/2020`,
two-digit years completed, days up to 31 rolling over into the next month). The cascade
is reproduced here for the forms that occur in front matter; dateutil reads several of
them differently.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = dt.timezone.utc

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MON = "(" + "|".join(_MONTHS) + ")"
_ZONES = {"UTC": 0, "Z": 0, "UT": 0, "GMT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
          "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}
_ZONES.update({chr(c): -(c - 64) for c in range(ord("A"), ord("I") + 1)})
_ZONES.update({chr(c): -(c - 65) for c in range(ord("K"), ord("M") + 1)})
_ZONES.update({chr(c): c - 77 for c in range(ord("N"), ord("Y") + 1)})

_CLEAN = re.compile(r"[^-+',./:@0-9A-Za-z\u00c0-\uffff\[\]]+")
_DAY = re.compile(r"\b(sun|mon|tue|wed|thu|fri|sat)[^-/\d\s]*", re.I)
_TIME = re.compile(
    r"((?:\d+\s*:\s*\d+(?:\s*:\s*\d+(?:[,.]\d*)?)?|\d+\s*h(?:\s*\d+m?(?:\s*\d+s?)?)?)"
    r"(?:\s*[ap](?:m\b|\.m\.))?|\d+\s*[ap](?:m\b|\.m\.))"
    r"(?:\s*((?:gmt|utc?)?[-+]\d+(?:[,.:]\d+(?::\d+)?)?|[A-Za-z.\s]+(?:standard|daylight)\stime\b"
    r"|[A-Za-z]+(?:\sdst)?\b))?", re.I)
_TIME_PARTS = re.compile(r"\A(\d+)h?(?:\s*:?\s*(\d+)m?(?:\s*:?\s*(\d+)(?:[,.](\d+))?s?)?)?"
                         r"(?:\s*([ap])(?:m\b|\.m\.))?", re.I)
_ERA = r"(c(?:e|\.e\.)|b(?:ce|\.c\.e\.)|a(?:d|\.d\.)|b(?:c|\.c\.))"
_EU = re.compile(r"'?\b(\d+)[^-\d\s']*\s*" + _MON + r"[^-\d\s']*(?:\s*" + _ERA
                 + r"?\s*('?-?\d+(?:(?:st|nd|rd|th)\b)?))?", re.I)
_US = re.compile(r"\b" + _MON + r"[^-\d\s']*\s*('?\d+)[^-\d\s']*(?:\s*,?\s*" + _ERA
                 + r"?\s*('?-?\d+))?", re.I)
_ISO = re.compile(r"('?[-+]?\d+)-(\d+)-('?-?\d+)")
_VMS = re.compile(r"('?-?\d+)-" + _MON + r"[^-/.]*-('?-?\d+)", re.I)
_SLA = re.compile(r"('?-?\d+)/\s*('?\d+)(?:\D\s*('?-?\d+))?")
_DOT = re.compile(r"('?-?\d+)\.\s*('?\d+)\.\s*('?-?\d+)")
_MON_ONLY = re.compile(r"\b" + _MON + r"\S*", re.I)
_MDAY = re.compile(r"(\d+)(st|nd|rd|th)\b", re.I)
_DDD = re.compile(r"([-+]?)(\d{2,14})(?:\s*t?\s*(\d{2,6})?(?:[,.](\d*))?)?"
                  r"(?:\s*(z\b|[-+]\d{1,4}\b))?", re.I)


@dataclass
class _Parts:
    year: int | None = None
    mon: int | None = None
    mday: int | None = None
    hour: int | None = None
    min: int | None = None
    sec: int | None = None
    usec: int | None = None
    zone: str | None = None
    complete_year: bool = True


def _blank(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end():]


def _s3e(parts: _Parts, y: str | None, m: str | int | None, d: str | None) -> None:
    """Date._parse's guess of which of three numbers is the year, month and day."""
    if y is not None and m is not None and d is None:
        y, m, d = d, y, m
    if y is None and d is not None and (len(d) > 2 or d.startswith("'")):
        y, d = d, None
    if y is not None:
        digits = re.match(r"^[^-+\d]*([-+]?\d+)(.*)$", y)
        if digits and digits.group(2):
            y, d = d, digits.group(1)
    if isinstance(m, str) and (m.startswith("'") or len(m) > 2):
        y, m, d = m, d, y
    if d is not None and (d.startswith("'") or len(d) > 2):
        y, d = d, y
    if y is not None:
        raw = y
        y_digits = re.sub(r"[^-+\d]", "", y)
        if y_digits and y_digits not in "+-":
            parts.year = int(y_digits)
            if raw.startswith("'") or raw.lstrip("'")[:1] in "+-" or len(y_digits.lstrip("+-")) > 2:
                parts.complete_year = False
    if m is not None:
        parts.mon = m if isinstance(m, int) else _int(m)
    if d is not None:
        parts.mday = _int(d)


def _int(text: str) -> int | None:
    digits = re.sub(r"[^\d]", "", text)
    return int(digits) if digits else None


def _parse_time(text: str, parts: _Parts) -> str:
    match = _TIME.search(text)
    if match is None:
        return text
    inner = _TIME_PARTS.match(match.group(1))
    if inner:
        hour = int(inner.group(1))
        if inner.group(5):
            hour = hour % 12 + (12 if inner.group(5).lower() == "p" else 0)
        parts.hour = hour
        parts.min = int(inner.group(2)) if inner.group(2) else None
        parts.sec = int(inner.group(3)) if inner.group(3) else None
        if inner.group(4):
            parts.usec = int(inner.group(4)[:6].ljust(6, "0"))
    parts.zone = match.group(2)
    return _blank(text, match)


def _parse_date(text: str, parts: _Parts) -> None:
    if m := _EU.search(text):
        _s3e(parts, m.group(4), _MONTHS.index(m.group(2).lower()[:3]) + 1, m.group(1))
    elif m := _US.search(text):
        _s3e(parts, m.group(4), _MONTHS.index(m.group(1).lower()[:3]) + 1, m.group(2))
    elif m := _ISO.search(text):
        _s3e(parts, m.group(1), m.group(2), m.group(3))
    elif m := _VMS.search(text):
        _s3e(parts, m.group(3), _MONTHS.index(m.group(2).lower()[:3]) + 1, m.group(1))
    elif (m := _SLA.search(text)) or (m := _DOT.search(text)):
        _s3e(parts, m.group(1), m.group(2), m.group(3))
    elif m := _MON_ONLY.search(text):
        parts.mon = _MONTHS.index(m.group(1).lower()[:3]) + 1
    elif m := _MDAY.search(text):
        parts.mday = int(m.group(1))
    elif m := _DDD.search(text):
        _parse_ddd(m, parts)


def _parse_ddd(match: re.Match[str], parts: _Parts) -> None:
    digits = match.group(2)
    size = len(digits)
    if size == 2:
        parts.mday = int(digits)
    elif size == 4:
        parts.mon, parts.mday = int(digits[:2]), int(digits[2:])
    elif size == 6:
        parts.year, parts.mon, parts.mday = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    elif size in (8, 10, 12, 14):
        parts.year, parts.mon, parts.mday = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
        parts.complete_year = False
        rest = [int(digits[i : i + 2]) for i in range(8, size, 2)]
        parts.hour, parts.min, parts.sec = [*rest, None, None, None][:3]
    if match.group(5):
        parts.zone = match.group(5)


def _zone_offset(zone: str, tz: dt.tzinfo, year: int) -> dt.timedelta | None:
    """Ruby's Time.zone_offset: numeric offsets, a few US names, and the local zone's name."""
    upper = zone.upper()
    if m := re.fullmatch(r"([+-])(\d\d)(:?)(\d\d)(?:\3(\d\d))?", upper):
        sign = -1 if m.group(1) == "-" else 1
        return sign * dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(4)),
                                   seconds=int(m.group(5) or 0))
    if re.fullmatch(r"[+-]\d\d", upper):
        return dt.timedelta(hours=int(upper))
    if upper in _ZONES:
        return dt.timedelta(hours=_ZONES[upper])
    for month in (1, 7):
        local = dt.datetime(year, month, 1, tzinfo=tz)
        if (local.tzname() or "").upper() == upper:
            return local.utcoffset()
    return None


def ruby_time_parse(text: str, tz: dt.tzinfo, now: dt.datetime) -> dt.datetime | None:
    """`Time.parse(text).localtime` in zone `tz`; None where Ruby raises ArgumentError."""
    parts = _Parts()
    work = _CLEAN.sub(" ", text)
    work = _DAY.sub(lambda m: " " * len(m.group(0)), work)
    work = _parse_time(work, parts)
    _parse_date(work, parts)
    if parts.year is not None and parts.complete_year and 0 <= parts.year <= 99:
        parts.year += 1900 if parts.year >= 69 else 2000
    fields = (parts.year, parts.mon, parts.mday, parts.hour, parts.min, parts.sec, parts.usec)
    if all(f is None for f in fields):
        return None
    offset = None
    if parts.zone:
        offset = _zone_offset(parts.zone.strip(), tz, parts.year or now.year)
        if offset is not None and abs(offset) >= dt.timedelta(hours=24):
            offset = None  # Ruby's Time drops an offset of a day or more: local time
    local_now = now.astimezone(dt.timezone(offset) if offset is not None else tz)
    filled = list(fields)
    defaults = (local_now.year, local_now.month, local_now.day, local_now.hour,
                local_now.minute, local_now.second, local_now.microsecond)
    for i, value in enumerate(fields):  # Ruby fills from `now` up to the first given field
        if value is not None:
            break
        filled[i] = defaults[i]
    year, mon, mday, hour, minute, sec, usec = (
        v if v is not None else d for v, d in zip(filled, (1970, 1, 1, 0, 0, 0, 0), strict=True))
    naive = roll_over(year, mon, mday, hour, minute, sec, usec)
    if naive is None:
        return None
    try:
        if offset is not None:
            return naive.replace(tzinfo=dt.timezone(offset)).astimezone(tz)
        return naive.replace(tzinfo=tz).astimezone(tz)
    except (OverflowError, ValueError):  # within hours of year 1 or 9999: out of range here
        return None


def ruby_to_s(value: Any) -> str:
    """What Ruby's `to_s` gives for a value YAML can produce."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "[" + ", ".join(_inspect(v) for v in value) + "]"
    if isinstance(value, dt.datetime):
        return format_ruby(value)
    return str(value)


def _inspect(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "nil"
    return ruby_to_s(value)


@dataclass(frozen=True, slots=True)
class DateResult:
    """A resolved date, or the text Jekyll could not parse."""

    value: dt.datetime | None
    text: str

    def __reduce__(self) -> tuple[type[DateResult], tuple[dt.datetime | None, str]]:
        # The site index holds two per post: not the slotted dataclass's field walk.
        return DateResult, (self.value, self.text)


def resolve_date(value: Any, tz: dt.tzinfo, now: dt.datetime) -> DateResult:
    """Jekyll's `Utils.parse_date(value.to_s)` for a front-matter or file-name date."""
    if isinstance(value, dt.datetime):  # a YAML timestamp keeps its instant
        try:
            return DateResult(value.astimezone(tz), value.isoformat(" "))
        except (OverflowError, ValueError):
            return DateResult(None, value.isoformat(" "))
    text = value.isoformat() if isinstance(value, dt.date) else ruby_to_s(value)
    parsed = ruby_time_parse(text, tz, now)
    return DateResult(parsed, text)


def impossible_day(text: str) -> bool:
    """`2020-02-30`: a day the month does not have, which Ruby rolls into the next month."""
    m = re.search(r"(\d{2,4})-(\d{1,2})-(\d{1,2})", text)
    if m is None:
        return False
    year, month, day = (int(g) for g in m.groups())
    if len(m.group(1)) == 2:
        year += 1900 if year >= 69 else 2000
    return 1 <= month <= 12 and 28 < day <= 31 and day > calendar.monthrange(year, month)[1]


def names_instant(value: Any) -> bool:
    """A YAML timestamp, or text with an offset or zone: the same moment in every zone."""
    if isinstance(value, dt.datetime):
        return True
    return isinstance(value, str) and any(z in value.upper()
                                          for z in ("+", " -", "Z", "UTC", "GMT"))


def site_timezone(name: Any) -> tuple[dt.tzinfo, bool]:
    """The zone Jekyll would build in: `timezone:` from the config, else $TZ, else UTC.

    Returns the zone and whether the name given was usable.
    """
    if name is None:
        name = os.environ.get("TZ") or None
        if name is None:
            return UTC, True
    try:
        return ZoneInfo(str(name).lstrip(":")), True
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return UTC, False


def format_ruby(value: dt.datetime) -> str:
    """`Time#to_s` in the local zone: `2020-03-04 09:20:30 +0000`."""
    return f"{iso_day(value)} {value:%H:%M:%S %z}"


def iso_day(value: dt.date) -> str:
    """`2020-03-04`, zero-padded for every year (strftime prints year 1 as `1`)."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


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

"""Jekyll's Liquid filters (Jekyll::Filters and Jekyll::Filters::URLFilters), in Python."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import urllib.parse
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from liquid.exceptions import FilterArgumentError
from liquid.undefined import Undefined

from .dates import format_ruby, ruby_time_parse, ruby_to_s
from .filenames import slugify as _slugify

if TYPE_CHECKING:
    from .liquid import JekyllEnvironment

_WORDS = re.compile(r"\S+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class RubyTime(dt.datetime):
    """A datetime that prints like Ruby's Time#to_s, as Liquid shows `{{ page.date }}`."""

    def __str__(self) -> str:
        return format_ruby(self)

    def __liquid__(self) -> float:
        # Liquid compares Ruby times (`{% if a.date < b.date %}`); python-liquid only
        # compares numbers and strings.
        return self.timestamp()

    @classmethod
    def of(cls, value: dt.datetime) -> RubyTime:
        return cls(value.year, value.month, value.day, value.hour, value.minute, value.second,
                   value.microsecond, value.tzinfo)


class RubyDate(dt.date):
    """A YAML date (SafeYAML's Date) that Liquid can compare with another."""

    def __liquid__(self) -> float:
        return float(self.toordinal())


class RubyFloat(float):
    """A float that prints like Ruby's Float#to_s (`Infinity`, `NaN`, `1.0e+16`)."""

    def __str__(self) -> str:
        if self != self:
            return "NaN"
        if self in (float("inf"), float("-inf")):
            return "Infinity" if self > 0 else "-Infinity"
        text = repr(float(self))
        mantissa, e, exponent = text.partition("e")
        if e and "." not in mantissa:
            return f"{mantissa}.0e{exponent}"
        return text


def to_liquid(value: Any, _done: dict[int, Any] | None = None) -> Any:
    """A YAML value as Liquid shows it: times and floats print as Ruby prints them. A list
    or mapping that holds itself (`a: &a [*a]`, which YAML allows) is converted once, into
    a value that holds itself the same way."""
    if isinstance(value, (dict, list)):
        done = {} if _done is None else _done
        if id(value) in done:
            return done[id(value)]
        if isinstance(value, dict):
            converted: Any = done.setdefault(id(value), {})
            converted.update((k, to_liquid(v, done)) for k, v in value.items())
        else:
            converted = done.setdefault(id(value), [])
            converted.extend(to_liquid(v, done) for v in value)
        return converted
    if isinstance(value, dt.datetime):
        return value if isinstance(value, RubyTime) else RubyTime.of(value)
    if isinstance(value, dt.date) and not isinstance(value, RubyDate):
        return RubyDate(value.year, value.month, value.day)
    if isinstance(value, float) and not isinstance(value, RubyFloat):
        return RubyFloat(value)
    return value


def _blank(value: Any) -> bool:
    return value is None or isinstance(value, Undefined) or value == ""


def _text(value: Any) -> str:
    return "" if _blank(value) else ruby_to_s(value)


def _as_time(value: Any, env: JekyllEnvironment) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=env.site.timezone)
    if _blank(value):
        return None
    return ruby_time_parse(str(value), env.site.timezone, env.site.time)


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def _date_string(value: dt.datetime, month: str, kind: str | None, style: str | None) -> str:
    if kind == "ordinal":
        day = _ordinal(value.day)
        if style == "US":
            return f"{month} {day}, {value.year}"
        return f"{day} {month} {value.year}"
    return f"{value.day:02d} {month} {value.year}"


def _item(obj: Any, key: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, key, None)


def _path(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = _item(obj, part)
        if obj is None:
            return None
    return obj


def _sequence(value: Any) -> list[Any]:
    if _blank(value):
        return []
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return (1, str(value))
    if isinstance(value, (int, float)):
        return (0, value)
    if isinstance(value, dt.datetime):
        return (2, value.timestamp())
    return (3, str(value))


def make_filters(env: JekyllEnvironment) -> dict[str, Callable[..., Any]]:
    """The filters Jekyll adds to Liquid, bound to one site."""
    config = env.site.config

    def relative_url(value: Any) -> Any:
        if value is None or isinstance(value, Undefined):
            return value
        text = str(value)
        if _SCHEME.match(text):
            return text
        base = _text(config.get("baseurl")).strip("/")
        joined = "/".join(p for p in (base, text.lstrip("/")) if p)
        url = "/" + joined
        if text.endswith("/") and not url.endswith("/"):
            url += "/"
        return urllib.parse.quote(url, safe="/:?#[]@!$&'()*+,;=%-._~") if " " in url else url

    def absolute_url(value: Any) -> Any:
        if value is None or isinstance(value, Undefined):
            return value
        text = str(value)
        if _SCHEME.match(text):
            return text
        site_url = _text(config.get("url"))
        return site_url.rstrip("/") + relative_url(text) if site_url else relative_url(text)

    def default(value: Any, fallback: Any = "", *more: Any, **named: Any) -> Any:
        """Liquid 4's `default`: one argument (Liquid 5's `allow_false:` is an error)."""
        if more or named:
            given = 2 + len(more) + (1 if named else 0)
            raise FilterArgumentError(
                f"wrong number of arguments (given {given}, expected 1..2)", token=None)
        empty = value is None or value is False or isinstance(value, Undefined) or (
            hasattr(value, "__len__") and len(value) == 0)
        return fallback if empty else value

    def date(value: Any, fmt: Any = None) -> Any:
        """Liquid 4's `date`: text is read by Ruby's Time.parse (`2020-02-30` is March 1),
        digits are seconds since the epoch, `now`/`today` the build time."""
        if _blank(fmt) or isinstance(value, Undefined):
            return value
        if isinstance(value, (dt.date, dt.datetime)):
            time: Any = value
        elif isinstance(value, bool) or value is None:
            return value
        elif isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            time = dt.datetime.fromtimestamp(int(value), env.site.timezone)
        elif isinstance(value, str) and value.lower() in ("now", "today"):
            time = env.site.time
        else:
            time = ruby_time_parse(str(value), env.site.timezone, env.site.time)
        if time is None:
            return value
        return time.strftime(str(fmt))

    def date_to_xmlschema(value: Any) -> Any:
        time = _as_time(value, env)
        if time is None:
            return value
        return time.isoformat(timespec="seconds")

    def date_to_rfc822(value: Any) -> Any:
        time = _as_time(value, env)
        return value if time is None else time.strftime("%a, %d %b %Y %H:%M:%S %z")

    def date_to_string(value: Any, kind: Any = None, style: Any = None) -> Any:
        time = _as_time(value, env)
        if time is None:
            return value
        return _date_string(time, _MONTHS_SHORT[time.month - 1], kind, style)

    def date_to_long_string(value: Any, kind: Any = None, style: Any = None) -> Any:
        time = _as_time(value, env)
        return value if time is None else _date_string(time, time.strftime("%B"), kind, style)

    def xml_escape(value: Any) -> str:
        return html.escape(_text(value), quote=True).replace("&#x27;", "&#39;")

    def cgi_escape(value: Any) -> str:
        return urllib.parse.quote_plus(_text(value), safe="*")

    def uri_escape(value: Any) -> str:
        return urllib.parse.quote(_text(value), safe="!#$&'()*+,/:;=?@[]~-._%")

    def slugify(value: Any, mode: Any = None) -> str:
        return _slugify(_text(value), _text(mode) or "default") or ""

    def markdownify(value: Any) -> str:
        return env.highlighter.markdownify(_text(value))

    def smartify(value: Any) -> str:
        return env.highlighter.smartify(_text(value))

    def jsonify(value: Any) -> str:
        return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"), default=str)

    def number_of_words(value: Any, mode: Any = None) -> int:
        return len(_WORDS.findall(_text(value)))

    def normalize_whitespace(value: Any) -> str:
        return re.sub(r"\s+", " ", _text(value)).strip()

    def array_to_sentence_string(value: Any, connector: Any = "and") -> str:
        items = [_text(v) for v in _sequence(value)]
        if len(items) <= 1:
            return "".join(items)
        if len(items) == 2:
            return f"{items[0]} {connector} {items[1]}"
        return f"{', '.join(items[:-1])}, {connector} {items[-1]}"

    def where(value: Any, prop: Any, target: Any) -> list[Any]:
        wanted = _text(target)
        out = []
        for item in _sequence(_values(value)):
            got = _path(item, _text(prop))
            if isinstance(got, (list, tuple)):
                if wanted in [_text(g) for g in got]:
                    out.append(item)
            elif _text(got) == wanted:
                out.append(item)
        return out

    def where_exp(value: Any, variable: Any, expression: Any) -> list[Any]:
        test = env.condition(_text(expression))
        return [item for item in _sequence(_values(value)) if test({_text(variable): item})]

    def find_exp(value: Any, variable: Any, expression: Any) -> Any:
        found = where_exp(value, variable, expression)
        return found[0] if found else None

    def find(value: Any, prop: Any, target: Any) -> Any:
        found = where(value, prop, target)
        return found[0] if found else None

    def group_by(value: Any, prop: Any) -> list[dict[str, Any]]:
        groups: dict[str, list[Any]] = {}
        for item in _sequence(_values(value)):
            groups.setdefault(_text(_path(item, _text(prop))), []).append(item)
        return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]

    def group_by_exp(value: Any, variable: Any, expression: Any) -> list[dict[str, Any]]:
        evaluate = env.expression(_text(expression))
        groups: dict[str, list[Any]] = {}
        for item in _sequence(_values(value)):
            groups.setdefault(evaluate({_text(variable): item}), []).append(item)
        return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]

    def sort(value: Any, prop: Any = None, nils: Any = "first") -> list[Any]:
        items = _sequence(_values(value))
        if prop is None or isinstance(prop, Undefined):
            return sorted(items, key=_sort_key)
        present = [i for i in items if _path(i, _text(prop)) is not None]
        missing = [i for i in items if _path(i, _text(prop)) is None]
        present.sort(key=lambda i: _sort_key(_path(i, _text(prop))))
        return present + missing if nils == "last" else missing + present

    def sample(value: Any, count: Any = None) -> Any:
        items = _sequence(value)
        return items[0] if count is None and items else items[: int(count or 0)]

    def push(value: Any, item: Any) -> list[Any]:
        return [*_sequence(value), item]

    def pop(value: Any, count: Any = 1) -> list[Any]:
        items = _sequence(value)
        return items[: max(len(items) - int(count), 0)]

    def shift(value: Any, count: Any = 1) -> list[Any]:
        return _sequence(value)[int(count):]

    def unshift(value: Any, item: Any) -> list[Any]:
        return [item, *_sequence(value)]

    def to_integer(value: Any) -> int:
        if value is True or value is False:
            return int(value)
        try:
            return int(float(_text(value) or 0))
        except ValueError:
            return 0

    def inspect(value: Any) -> str:
        return html.escape(json.dumps(_plain(value), ensure_ascii=False, default=str),
                           quote=False)

    return {f.__name__: f for f in (
        relative_url, absolute_url, default, date, date_to_xmlschema, date_to_rfc822,
        date_to_string, date_to_long_string, xml_escape, cgi_escape, uri_escape, slugify,
        markdownify, smartify, jsonify, number_of_words, normalize_whitespace,
        array_to_sentence_string, where, where_exp, find, find_exp, group_by, group_by_exp,
        sort, sample, push, pop, shift, unshift, to_integer, inspect)}


def _values(value: Any) -> Any:
    """Jekyll's filters treat a hash as the list of its values."""
    if isinstance(value, Mapping) and not hasattr(value, "jekyll_drop"):
        return list(value.values())
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Undefined):
        return None
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return format_ruby(value)
    return value

"""Plain YAML scalars typed as Ruby's Psych types them (not as PyYAML does)."""

from __future__ import annotations

import datetime as dt

import pytest

from notelint.jekyll.psych import RubySymbol, psych_scalar

UTC = dt.timezone.utc


@pytest.mark.parametrize(("text", "expected"), [
    ("2020-03-04", dt.date(2020, 3, 4)),
    ("2020-3-4", dt.date(2020, 3, 4)),                  # PyYAML: a string
    ("2020-02-30", "2020-02-30"),                       # not a Date: Jekyll re-parses the text
    ("2020-03-04 10:20:30", dt.datetime(2020, 3, 4, 10, 20, 30, tzinfo=UTC)),  # no offset: UTC
    ("2020-03-04 25:00:00", "2020-03-04 25:00:00"),
    ("2020-03-04 10:20", "2020-03-04 10:20"),           # no seconds: not a timestamp
    ("2015-10-20 11:59:00-0400",
     dt.datetime(2015, 10, 20, 11, 59, tzinfo=dt.timezone(dt.timedelta(hours=-4)))),
    ("yes", True), ("Off", False), ("null", None), ("~", None), ("", None),
    ("1,000", 1000), ("012", 10), ("0x1F", 31), ("1:30", 90), ("3.14", 3.14),
    ("hello", "hello"), ("true story", "true story"), ("2020", 2020),
])
def test_plain_scalars(text: str, expected: object) -> None:
    value = psych_scalar(text)
    assert value == expected and type(value) is type(expected)


def test_symbols_are_marked() -> None:
    assert isinstance(psych_scalar(":sym"), RubySymbol)
    assert not isinstance(psych_scalar("a:b"), RubySymbol)

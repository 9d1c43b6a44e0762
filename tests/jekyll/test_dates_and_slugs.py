"""Ruby's Time.parse and Jekyll's slugify, against the spec's verified tables (§2.2, §5.4)."""

from __future__ import annotations

import datetime as dt

import pytest

from notelint.jekyll.dates import format_ruby, ruby_time_parse
from notelint.jekyll.filenames import slugify

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [
    ("2020/03/04", "2020-03-04 00:00:00"), ("04-03-2020", "2020-03-04 00:00:00"),
    ("04.03.2020", "2020-03-04 00:00:00"), ("20200304", "2020-03-04 00:00:00"),
    ("3/4/20", "2003-04-20 00:00:00"), ("4 March 2020", "2020-03-04 00:00:00"),
    ("Mar 4 2020 5pm", "2020-03-04 17:00:00"), ("March 4, 2020", "2020-03-04 00:00:00"),
    ("04/03/2020", "2020-03-04 00:00:00"),
    ("Wed, 04 Mar 2020 10:20:30 +0100", "2020-03-04 09:20:30"),
    ("2020-03-04 10:20:30 EST", "2020-03-04 15:20:30"),
    ("2020-03-04 10:20:30 PST", "2020-03-04 18:20:30"),
    ("2020-03-04 10:20:30 CET", "2020-03-04 10:20:30"),
    ("2020-03-04 24:00:00", "2020-03-05 00:00:00"), ("2020-02-31", "2020-03-02 00:00:00"),
    ("2020-02-30", "2020-03-01 00:00:00"), ("12:30", "2026-11-24 12:30:00"),
    ("2020-03-04T10:20:30.123+01:00", "2020-03-04 09:20:30"),
    ("2020-03-04 23:30:00 -0500", "2020-03-05 04:30:00"),
    ("2020-03-04 10:20:30 +05:30", "2020-03-04 04:50:30"),
    ("20-01-02", "2020-01-02 00:00:00"), ("2020-1-2", "2020-01-02 00:00:00"),
])
def test_time_parse(text: str, expected: str) -> None:
    parsed = ruby_time_parse(text, UTC, NOW)
    assert parsed is not None and format_ruby(parsed) == expected + " +0000"


@pytest.mark.parametrize("text", ["2020-13-01", "2020", "2020-03", "tomorrow", "Wed", "",
                                  "not a date", "2020-03-04 25:00:00", "1583317200",
                                  "2020-13-45"])
def test_time_parse_errors(text: str) -> None:
    assert ruby_time_parse(text, UTC, NOW) is None


SAMPLE = "  Héllo, Wörld! C++ & ünïcode_x.y  "


@pytest.mark.parametrize(("mode", "expected"), [
    ("default", "héllo-wörld-c-ünïcode-x-y"), ("raw", "héllo,-wörld!-c++-&-ünïcode_x.y"),
    ("pretty", "héllo,-wörld!-c++-&-ünïcode_x.y"), ("ascii", "h-llo-w-rld-c-n-code-x-y"),
    ("latin", "hello-world-c-unicode-x-y"), ("none", SAMPLE.lower()), ("bogus", SAMPLE.lower()),
])
def test_slugify_modes(mode: str, expected: str) -> None:
    assert slugify(SAMPLE, mode) == expected


def test_slugify_keeps_case_when_asked() -> None:
    assert slugify("My Custom Slug!", "pretty", cased=True) == "My-Custom-Slug!"
    assert slugify("c# 100%") == "c-100"

"""Property tests: whatever the front matter holds, checking it never raises."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notelint import CheckOptions, check_paths

KEYS = ["title", "date", "tags", "tag", "categories", "category", "layout", "slug",
        "permalink", "published"]
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
           | st.text(max_size=30) | st.dates() | st.datetimes(timezones=st.just(dt.timezone.utc))
           | st.sampled_from(["2020-02-30", ":sym", "0001-01-01 00:00:00", "9999-12-31",
                              "a, b", "/:year/:nope/", "post.html", "", "~", "12:30",
                              dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc),
                              dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone.utc),
                              dt.date(1, 1, 1)]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
CONFIGS = st.sampled_from(["", "timezone: America/New_York\n", "timezone: Pacific/Kiritimati\n",
                           "timezone: Asia/Tokyo\npermalink: pretty\n", "future: true\n",
                           "permalink: /:categories/:slug/:i_day/\n"])
NAMES = st.sampled_from(["2024-01-05-x.md", "2024-02-30-y.md", "99-1-1-z.markdown",
                         "2024-01-05-.md", "hello.md", "2024-13-01-w.md"])
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def _check(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for relative, data in files.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(data)
        result = check_paths([root], CheckOptions())
        assert all(d.code.startswith("NL") for d in result.diagnostics)


@SETTINGS
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6), NAMES, CONFIGS)
@example({"date": dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc)}, "2024-01-05-x.md",
         "timezone: America/New_York\n")
@example({"date": dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone.utc)}, "2024-01-05-x.md",
         "timezone: Pacific/Kiritimati\n")
@example({"date": "0001-01-01 00:00:00 +0100"}, "2024-01-05-x.md", "")
def test_any_front_matter_values(data: dict[str, object], name: str, config: str) -> None:
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\nBody.\n"
    _check({"_config.yml": config.encode(), f"_posts/{name}": text.encode("utf-8",
                                                                         "surrogatepass")})


@SETTINGS
@given(st.text(max_size=300), st.text(max_size=100))
def test_any_text_as_front_matter_and_config(front: str, config: str) -> None:
    post = ("---\n" + front + "\n---\nBody.\n").encode("utf-8", "surrogatepass")
    _check({"_config.yml": config.encode("utf-8", "surrogatepass"),
            "_posts/2024-01-05-x.md": post})

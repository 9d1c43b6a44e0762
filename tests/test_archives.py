"""jekyll-archives: its tag and year pages are published targets (checked against the
reference build: `tag/hello-world/index.html` and `2024/index.html`)."""

from __future__ import annotations

from notelint import check_paths

from .conftest import REPO


def test_archive_pages_are_targets() -> None:
    result = check_paths([REPO / "tests" / "sites" / "archives"])
    assert [(d.code, d.message.split(" is ")[0]) for d in result.diagnostics] == [
        ("NL501", "link /tag/nope/")]

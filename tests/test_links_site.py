"""tests/sites/links: one post with every kind of broken internal link, each at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint import CheckOptions, check_paths

from .golden import as_text, assert_golden

SITE = Path(__file__).parent / "sites" / "links"


def test_every_broken_internal_link_is_reported(update_goldens: bool,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SITE)
    result = check_paths(["."], CheckOptions(select=("NL501", "NL502", "NL503")))
    assert_golden(SITE / "expected.txt", as_text(result.diagnostics), update_goldens)
    lines = {d.start.line for d in result.diagnostics if d.start}
    # Line 10 holds only links that work; a reference link is reported at its definition.
    assert lines == {4, 5, 6, 7, 8, 9, 12}


def test_a_link_an_include_holds_is_reported_once_at_the_include(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """tests/sites/include-links: two posts include `nav.html`. Its own `/missing/` is
    reported once, at the include; what the include makes from its parameters (`/gone/`) or
    from the page (`{{ page.url }}#nope`) is judged in each post, where it is made."""
    monkeypatch.chdir(Path(__file__).parent / "sites" / "include-links")
    result = check_paths(["."], CheckOptions(select=("NL501", "NL502", "NL503")))
    found = [(d.path, d.start.line if d.start else 0, d.code, d.message.split(":")[0])
             for d in result.diagnostics]
    assert found == [
        ("_includes/nav.html", 1, "NL501", "link /missing/ is broken"),
        ("_posts/2024-01-01-p.md", 7, "NL502", "link /2024/01/01/p.html#nope"),
        ("_posts/2024-01-01-p.md", 7, "NL501", "link /gone/ is broken"),
        ("_posts/2024-01-02-p.md", 7, "NL502", "link /2024/01/02/p.html#nope"),
        ("_posts/2024-01-02-p.md", 7, "NL501", "link /gone/ is broken"),
    ]
    alone = check_paths(["_posts/2024-01-01-p.md"], CheckOptions(select=("NL501",)))
    assert [(d.start.line if d.start else 0, d.message.split(":")[0])
            for d in alone.diagnostics] == [(7, "link /gone/ is broken")]


def test_a_fragment_of_a_post_this_run_does_not_check_is_judged_against_its_ids(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the linking post is checked: the post its links go to is rendered for its ids
    all the same, and only the fragment it lacks is reported, at its line and column."""
    monkeypatch.chdir(SITE)
    result = check_paths(["_posts/2024-01-02-every-kind.md"],
                         CheckOptions(select=("NL502",), use_cache=False))
    found = [(d.path, d.start.line, d.start.column, d.message.split(":")[0])
             for d in result.diagnostics if d.start and "target.html" in d.message]
    assert found == [("_posts/2024-01-02-every-kind.md", 9, 12,
                      "link /blog/2024/01/01/target.html#result")]
    assert result.files == ("_posts/2024-01-02-every-kind.md",)

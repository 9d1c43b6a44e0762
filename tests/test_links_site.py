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

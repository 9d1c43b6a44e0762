"""A post's findings do not depend on how it is checked: alone (as the pre-commit hook checks
a staged post) or in a run over the whole site (as CI does), and whatever rules are
selected. Checked on every post of every corpus site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notelint.diagnostics import Diagnostic, Position
from notelint.engine import CheckOptions, check_paths

from .conftest import SHARED

SITES = sorted(p.name for p in (SHARED / "corpus").iterdir() if p.is_dir())
NOW = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.timezone.utc)


def _key(d: Diagnostic) -> tuple[str, object, str, str]:
    return (str(Path(d.path).resolve()), d.start, d.code, d.message)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The hook's way: a site index in the user's cache (here a fresh one) feeds the site.
    monkeypatch.setenv("NOTELINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("TZ", "UTC")


def _posts(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()
                  and {"_posts", "_drafts"} & set(p.relative_to(root).parts))


@pytest.mark.parametrize("name", SITES)
def test_every_post_alone_as_in_the_site_run(name: str) -> None:
    root = SHARED / "corpus" / name
    options = CheckOptions(select=("ALL",), offline=True, now=NOW)
    whole = check_paths([root], options)
    by_file: dict[str, list[tuple[str, object, str, str]]] = {}
    for d in whole.diagnostics:
        by_file.setdefault(_key(d)[0], []).append(_key(d))
    posts = _posts(root)
    assert posts
    differ = []
    for post in posts:
        # Findings on the post itself (a run of one post also reports on `_config.yml`).
        alone = sorted(k for d in check_paths([post], options).diagnostics
                       if (k := _key(d))[0] == str(post.resolve()))
        if alone != sorted(by_file.get(str(post.resolve()), [])):
            differ.append(post.relative_to(root).as_posix())
    assert differ == []


@pytest.mark.parametrize("name", SITES)
def test_a_rule_reports_the_same_whatever_else_is_selected(name: str) -> None:
    root = SHARED / "corpus" / name
    whole = check_paths([root], CheckOptions(select=("ALL",), offline=True, now=NOW))
    for code in sorted({d.code for d in whole.diagnostics}):
        only = check_paths([root], CheckOptions(select=(code,), offline=True, now=NOW))
        assert sorted(map(_key, only.diagnostics)) == \
            sorted(_key(d) for d in whole.diagnostics if d.code == code), code


def test_an_include_problem_is_reported_on_every_post_that_includes_it() -> None:
    """A broken include stops Jekyll at whichever post it renders first; each post that
    includes it gets the finding, alone or in the whole site's run, at its include tag."""
    root = Path(__file__).parent / "sites" / "shared-include"
    options = CheckOptions(offline=True, now=NOW)
    whole = check_paths([root], options).diagnostics
    assert [(Path(d.path).name, d.start, d.code) for d in whole] == [
        ("2024-02-01-first.md", Position(7, 4), "NL601"),
        ("2024-02-02-second.md", Position(7, 4), "NL601")]
    # Jekyll: "Liquid syntax error (.../_includes/figure.html line 4): 'if' tag was never
    # closed included in .../_posts/2024-02-01-first.md".
    assert all("(in _includes/figure.html line 4, included here)" in d.message for d in whole)
    for post in _posts(root):
        alone = check_paths([post], options).diagnostics
        assert list(map(_key, alone)) == [_key(d) for d in whole if d.path == alone[0].path]

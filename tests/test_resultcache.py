"""The last report of a site, given again when nothing it was made from has changed (and
only then): a rerun of an unchanged site does not read it again."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest

from notelint import engine, resultcache
from notelint.engine import CheckOptions, check_paths

SITE = Path(__file__).parent / "sites" / "links"


def _age(root: Path, seconds: float = 60) -> None:
    """Every file's time moved back (what a fresh checkout changes)."""
    past = time.time() - seconds
    for path in root.rglob("*"):
        os.utime(path, (past, past))


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    _age(root)
    monkeypatch.chdir(root)
    return root


def _not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the site was read again")
    monkeypatch.setattr(engine, "_load", refuse)


def test_an_unchanged_site_gets_its_last_report(site: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    first = check_paths(["."])
    assert first.diagnostics
    with monkeypatch.context() as patch:
        _not_read(patch)
        again = check_paths(["."])
    assert again == first
    # Without the cache, or with other rules, the site is read and checked.
    assert check_paths(["."], CheckOptions(use_cache=False)) == first
    assert check_paths(["."], CheckOptions(select=("NL501",))).diagnostics != first.diagnostics


def test_a_changed_file_is_checked_again(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = check_paths(["."])
    post = next(site.glob("_posts/*.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\n[new](/missing-page/)\n",
                    encoding="utf-8")
    _age(site)
    again = check_paths(["."])
    assert len(again.diagnostics) == len(first.diagnostics) + 1
    assert any("/missing-page/" in d.message for d in again.diagnostics)


def test_a_new_checkout_of_the_same_files_gets_the_report(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Content decides, not times: CI's fresh checkout of unchanged files reuses it."""
    first = check_paths(["."])
    _age(site, seconds=3600)
    with monkeypatch.context() as patch:
        _not_read(patch)
        assert check_paths(["."]) == first


def test_a_report_is_not_given_once_a_future_post_is_due(tmp_path: Path) -> None:
    due = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
    report = resultcache.Report((), ("a.md",), (), ("jekyll-4", "4.3", "as its Gemfile asks"))
    key = resultcache.ReportKey("key", "options", {})
    resultcache.store(tmp_path, key, report, due)
    last = resultcache.load(tmp_path, key, due - dt.timedelta(seconds=1))
    assert last is not None and last.same and last.report == report
    assert resultcache.load(tmp_path, key, due) is None
    other = resultcache.ReportKey("other key", "options", {})
    assert resultcache.load(tmp_path, other, due - dt.timedelta(days=1)) is None

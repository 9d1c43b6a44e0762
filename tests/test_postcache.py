"""Each post's kept findings (postcache.py): a rerun checks only the posts whose findings may
have changed, and reports exactly what a run without the cache reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from notelint import engine
from notelint.engine import CheckOptions, check_paths
from notelint.siteindex import cache_folder


def _post(site: Path, name: str, body: str, title: str = "T") -> Path:
    path = site / "_posts" / name
    path.write_text(f"---\nlayout: post\ntitle: {title}\n---\n{body}\n")
    return path


@pytest.fixture(autouse=True, params=["kept results", "patched report"])
def reuse(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each test twice: with the posts' kept results alone (the last report never given
    again), and with the last report patched where only posts' bodies changed
    (engine._patch_plan). Records, for each run that had a last report to patch, whether
    it was patched."""
    patched: list[bool] = []
    if request.param == "kept results":
        request.getfixturevalue("no_report_reuse")  # (conftest.py)
        return patched
    original = engine._patch_plan

    def plan(*args: Any) -> frozenset[str] | None:
        redo = original(*args)
        patched.append(redo is not None)
        return redo

    monkeypatch.setattr(engine, "_patch_plan", plan)
    return patched


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The posts each run checks (rules run on them), in order."""
    names: list[str] = []
    original = engine._Checker.check

    def check(self: engine._Checker, post: engine.Post, rules: list[engine.Rule]
              ) -> engine._Checked:
        if post.path.parent.name == "_posts":
            names.append(post.path.name)
        return original(self, post, rules)

    monkeypatch.setattr(engine._Checker, "check", check)
    return names


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    (root / "_posts").mkdir(parents=True)
    (root / "_layouts").mkdir()
    (root / "_layouts" / "post.html").write_text("<article>{{ content }}</article>\n")
    (root / "_config.yml").write_text("permalink: /:title/\n")
    _post(root, "2024-01-01-guide.md", "## Intro\n\nText.\n\n## Usage\n\nMore.")
    _post(root, "2024-01-02-links.md", "See [the intro](/guide/#intro).")
    _post(root, "2024-01-03-broken.md", "A [dead link](/nowhere/).")
    _post(root, "2024-01-04-plain.md", "Nothing to see.")
    return root


def _run(site: Path, cache: bool = True) -> list[tuple[str, int, str]]:
    result = check_paths([site], CheckOptions(select=("ALL",), use_cache=cache))
    return [(Path(d.path).name, d.start.line if d.start else 0, d.code)
            for d in result.diagnostics]


def _same_as_without_cache(site: Path, checked: list[str]) -> list[tuple[str, int, str]]:
    found = _run(site)
    names = list(checked)
    assert found == _run(site, cache=False)
    checked[:] = names
    return found


POSTS = ["2024-01-01-guide.md", "2024-01-02-links.md", "2024-01-03-broken.md",
         "2024-01-04-plain.md"]


def test_a_rerun_checks_only_the_post_that_changed(site: Path, checked: list[str],
                                                   reuse: list[bool]) -> None:
    first = _same_as_without_cache(site, checked)
    assert ("2024-01-03-broken.md", 5, "NL501") in first
    assert sorted(checked) == POSTS
    checked.clear()
    assert _same_as_without_cache(site, checked) == first and checked == []
    _post(site, "2024-01-04-plain.md", "Now [dead](/gone/) too.")
    found = _same_as_without_cache(site, checked)
    assert checked == ["2024-01-04-plain.md"]
    assert ("2024-01-04-plain.md", 5, "NL501") in found
    assert reuse in ([], [True])  # (empty: the kept results alone)


def test_a_fragment_is_judged_against_the_target_as_it_is_now(
        site: Path, checked: list[str], reuse: list[bool]) -> None:
    assert not [f for f in _same_as_without_cache(site, checked) if f[2] == "NL502"]
    checked.clear()
    # The heading the other post links to is renamed: only that post is checked again,
    # and the link in the unchanged post is judged against its new ids.
    _post(site, "2024-01-01-guide.md", "## Overview\n\nText.\n\n## Usage\n\nMore.")
    found = _same_as_without_cache(site, checked)
    assert checked == ["2024-01-01-guide.md"]
    assert ("2024-01-02-links.md", 5, "NL502") in found
    checked.clear()
    _post(site, "2024-01-01-guide.md", "## Intro\n\nText.")
    assert not [f for f in _same_as_without_cache(site, checked) if f[2] == "NL502"]
    assert checked == ["2024-01-01-guide.md"]
    assert reuse in ([], [True, True])


@pytest.mark.parametrize("change", ["layout", "config", "front matter", "new post"])
def test_a_change_to_the_rest_of_the_site_checks_every_post_again(
        site: Path, checked: list[str], change: str, reuse: list[bool]) -> None:
    _same_as_without_cache(site, checked)
    checked.clear()
    if change == "layout":
        (site / "_layouts" / "post.html").write_text("<main>{{ content }}</main>\n")
    elif change == "config":
        (site / "_config.yml").write_text("permalink: /:title/\nbaseurl: /blog\n")
    elif change == "front matter":  # a title other posts' pages may show (`site.posts`)
        _post(site, "2024-01-04-plain.md", "Nothing to see.", title="Renamed")
    else:  # /nowhere/ now exists: the unchanged post's link is no longer broken
        _post(site, "2024-01-05-nowhere.md", "Here.")
    found = _same_as_without_cache(site, checked)
    assert sorted(checked) == sorted(POSTS + (["2024-01-05-nowhere.md"]
                                              if change == "new post" else []))
    if change == "new post":
        assert ("2024-01-03-broken.md", 5, "NL501") not in found
    assert True not in reuse  # the last report is not patched: all of it is made again


def test_a_post_showing_other_posts_text_is_checked_when_they_change(
        site: Path, checked: list[str], reuse: list[bool]) -> None:
    _post(site, "2024-01-04-plain.md",
          "Lately:\n\n{% for other in site.posts %}{{ other.excerpt }}{% endfor %}")
    _same_as_without_cache(site, checked)
    checked.clear()
    # The excerpt it shows now holds a broken link: the post showing it is checked again.
    _post(site, "2024-01-03-broken.md", "A [dead link](/elsewhere/).")
    found = _same_as_without_cache(site, checked)
    assert sorted(checked) == ["2024-01-03-broken.md", "2024-01-04-plain.md"]
    assert [f for f in found if f[0] == "2024-01-04-plain.md" and f[2] == "NL501"]
    checked.clear()
    _post(site, "2024-01-02-links.md", "See [the intro](/guide/#intro) again.")
    _same_as_without_cache(site, checked)
    assert sorted(checked) == ["2024-01-02-links.md", "2024-01-04-plain.md"]
    assert reuse in ([], [True, True])


def test_damaged_results_are_ignored(site: Path, checked: list[str]) -> None:
    first = _same_as_without_cache(site, checked)
    kept = list(cache_folder().glob("post-results-*/*.pickle"))
    assert kept
    kept += cache_folder().glob("reports/*.pickle")  # (with the patched report)
    for damage in (b"not a pickle", b"\x80\x05N."):
        for path in kept:
            path.write_bytes(damage)
        checked.clear()
        assert _same_as_without_cache(site, checked) == first
        assert sorted(checked) == POSTS


def test_a_run_that_checks_one_post_writes_only_the_file_that_keeps_it(
        site: Path, checked: list[str]) -> None:
    _same_as_without_cache(site, checked)
    files = sorted(cache_folder().glob("post-results-*/*.pickle"))
    assert len(files) > 1  # four posts and the site-wide findings, spread over the files
    before = {path: path.read_bytes() for path in files}
    _post(site, "2024-01-04-plain.md", "Nothing to see, still.")
    checked.clear()
    _same_as_without_cache(site, checked)
    assert checked == ["2024-01-04-plain.md"]
    after = {path: path.read_bytes() for path in files}
    assert [path for path in files if after[path] != before[path]] == \
        [path for path in files if b"2024-01-04-plain.md" in before[path]]
    # A post that is gone is dropped from its file.
    (site / "_posts" / "2024-01-04-plain.md").unlink()
    _same_as_without_cache(site, checked)
    assert not [path for path in cache_folder().glob("post-results-*/*.pickle")
                if b"2024-01-04-plain.md" in path.read_bytes()]


def test_a_patched_report_keeps_what_the_site_wide_rules_and_other_files_found(
        site: Path, checked: list[str], reuse: list[bool]) -> None:
    # A site-wide finding on the post that changes (its URL taken twice), a page that links
    # to a fragment of it, and a file Jekyll skips: none of them in the posts' own checks.
    (site / "_posts" / "2024-01-05-twice.md").write_text(
        "---\nlayout: post\npermalink: /guide/\n---\nSame place.\n")
    (site / "about.md").write_text("---\ntitle: About\n---\nSee [usage](/guide/#usage).\n")
    (site / "_posts" / "my-trip.md").write_text("---\ntitle: Skipped\n---\nNo.\n")
    first = _same_as_without_cache(site, checked)
    assert {("2024-01-01-guide.md", "NL304"), ("my-trip.md", "NL208")} <= \
        {(name, code) for name, _, code in first}
    checked.clear()
    _post(site, "2024-01-01-guide.md", "## Intro\n\nText, and no usage section.")
    found = _same_as_without_cache(site, checked)
    assert checked == ["2024-01-01-guide.md"]
    assert ("about.md", 4, "NL502") in found
    assert {("2024-01-01-guide.md", "NL304"), ("my-trip.md", "NL208")} <= \
        {(name, code) for name, _, code in found}
    checked.clear()
    _post(site, "2024-01-01-guide.md", "## Intro\n\nText.\n\n## Usage\n\nBack.")
    assert _same_as_without_cache(site, checked) == first
    assert reuse in ([], [True, True])

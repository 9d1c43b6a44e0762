"""Which Jekyll builds a site, from its files (spec §11.9), and what that changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notelint import CheckOptions, check_paths
from notelint.jekyll.build import GEM, GITHUB_PAGES, detect
from notelint.jekyll.site import Site

from .conftest import GEMFILE, SHARED

LOCK = "GEM\n  specs:\n    jekyll (4.3.3)\n      addressable (~> 2.4)\n"


@pytest.mark.parametrize(("files", "kind", "jekyll"), [
    ({}, GITHUB_PAGES, "3.10.0"),
    ({"Gemfile": "source 'https://rubygems.org'\ngem 'github-pages', group: :jekyll_plugins\n"},
     GITHUB_PAGES, "3.10.0"),
    ({"Gemfile": GEMFILE}, GEM, "4.3"),
    ({"Gemfile": GEMFILE, "Gemfile.lock": LOCK}, GEM, "4.3.3"),
])
def test_detected_from_the_gemfile(files: dict[str, str], kind: str, jekyll: str,
                                   tmp_path: Path) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    build = detect(tmp_path)
    assert (build.kind, build.jekyll) == (kind, jekyll)


def test_the_setting_wins(tmp_path: Path) -> None:
    (tmp_path / "Gemfile").write_text(GEMFILE, encoding="utf-8")
    assert detect(tmp_path, GITHUB_PAGES).kind == GITHUB_PAGES
    assert detect(tmp_path, GEM).kind == GEM


def _site(root: Path, gemfile: str | None, config: str = "") -> Site:
    (root / "_posts").mkdir()
    (root / "_layouts").mkdir()
    (root / "_layouts" / "post.html").write_text("{{ content }}", encoding="utf-8")
    (root / "_config.yml").write_text(config, encoding="utf-8")
    if gemfile is not None:
        (root / "Gemfile").write_text(gemfile, encoding="utf-8")
    (root / "_posts" / "2099-01-02-later.md").write_text("Soon.\n", encoding="utf-8")
    return Site.load(root, now=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))


def test_github_pages_defaults(tmp_path: Path) -> None:
    site = _site(tmp_path, None)
    [post] = site.posts
    assert post.layout == "post"  # jekyll-default-layout is always on
    assert post.skip_reason(site) is None  # future: true
    assert "jekyll-relative-links" in site.plugin_names
    assert site.theme.name == "jekyll-theme-primer"


def test_github_pages_respects_the_site(tmp_path: Path) -> None:
    site = _site(tmp_path, None, "future: false\ntheme: null\nplugins: [jekyll-archives]\n")
    [post] = site.posts
    assert post.skip_reason(site) == "future"
    assert site.theme.name is None
    assert "jekyll-archives" not in site.plugin_names  # not on GitHub Pages' list


def test_the_gem_runs_only_what_the_site_lists(tmp_path: Path) -> None:
    site = _site(tmp_path, GEMFILE)
    [post] = site.posts
    assert post.layout is None
    assert post.skip_reason(site) == "future"
    assert site.plugin_names == frozenset()


def test_the_corpora_builds() -> None:
    assert detect(SHARED / "corpus" / "indigo").kind == GITHUB_PAGES
    assert detect(SHARED / "corpus" / "hydejack").jekyll == "3.8.6"
    assert detect(SHARED / "corpus" / "swift-org").jekyll == "4.3.3"


def test_a_site_without_config_is_a_site(tmp_path: Path) -> None:
    """Jekyll builds a folder with `_posts/` and no `_config.yml` with its defaults: its posts
    are checked, and README.md or CNAME beside them are not posts (spec §11.8). README.md is
    checked as the page GitHub Pages publishes at `/` (jekyll-readme-index)."""
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2020-01-02-hello.md").write_text(
        "---\ntitle: Hello\ndate: 2020-01-03\n---\nHi\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# My blog\n", encoding="utf-8")
    (tmp_path / "CNAME").write_text("blog.example.org\n", encoding="utf-8")
    result = check_paths([tmp_path])
    assert sorted(Path(f).relative_to(tmp_path).as_posix() for f in result.files) == [
        "README.md", "_posts/2020-01-02-hello.md"]
    assert {(Path(d.path).name, d.code) for d in result.diagnostics} == {
        ("2020-01-02-hello.md", "NL206")}
    assert result.builds[0][1].github_pages  # no Gemfile either


def test_github_pages_jekyll_3_10(tmp_path: Path) -> None:
    """Jekyll 3.10: `{% post_url %}` adds no `baseurl` (so the link misses it: NL503), and a
    placeholder Jekyll 4 added (`:long_month`) is unknown (NL306, the build stops)."""
    (tmp_path / "_config.yml").write_text("baseurl: /blog\n", encoding="utf-8")
    (tmp_path / "_layouts").mkdir()
    (tmp_path / "_layouts" / "post.html").write_text("{{ content }}", encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-04-first.md").write_text("First.\n", encoding="utf-8")
    (tmp_path / "_posts" / "2024-01-05-link.md").write_text(
        "---\ntitle: Link\n---\n[first]({% post_url 2024-01-04-first %})\n", encoding="utf-8")
    (tmp_path / "_posts" / "2024-01-06-month.md").write_text(
        "---\ntitle: Month\npermalink: /:long_month/:title/\n---\nx\n", encoding="utf-8")
    only = CheckOptions(select=("NL306", "NL503"), use_cache=False)
    on_pages = {(d.path.rsplit("/", 1)[1], d.code)
                for d in check_paths([tmp_path], only).diagnostics}
    assert on_pages == {("2024-01-05-link.md", "NL503"), ("2024-01-06-month.md", "NL306")}
    messages = " ".join(d.message for d in check_paths([tmp_path], only).diagnostics)
    assert "Jekyll 3.10 does not know (Jekyll 4 added it)" in messages
    assert "post_url and link do not add it on GitHub Pages" in messages
    (tmp_path / "Gemfile").write_text(GEMFILE, encoding="utf-8")
    assert check_paths([tmp_path], only).diagnostics == []

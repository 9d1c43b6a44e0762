"""Gem themes: a known theme's layouts and includes are the site's (a typo is still found);
with a theme notelint does not know, nothing missing is asserted. Checked against the
reference Jekyll with minima 2.5.1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from notelint.cli import cli

from .conftest import REPO

SITES = REPO / "tests" / "sites"


def _codes(site: str) -> set[tuple[str, str]]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-cache",
                                       str(SITES / site)])
    assert result.exit_code in (0, 1), result.output
    return {(d["path"].rsplit("/", 1)[1], d["code"])
            for d in json.loads(result.output)["diagnostics"]}


def test_minima_supplies_its_layouts_and_includes() -> None:
    assert _codes("theme-minima") == {("2024-01-06-layout-typo.md", "NL302"),
                                      ("2024-01-07-missing-include.md", "NL602")}


def test_an_unknown_theme_may_supply_anything() -> None:
    # The same posts: the layout and the include may both come from the theme.
    assert _codes("theme-unknown") == set()


def test_what_is_not_checked_is_said_once() -> None:
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-cache",
                                      str(SITES / "theme-unknown")])
    [note] = json.loads(result.output)["not_checked"]
    assert "jekyll-theme-unknown-to-notelint is not known" in note["note"]


def test_a_theme_bundler_installed_inside_the_site() -> None:
    """`vendor/bundle/ruby/*/gems/<theme>-<version>/`: its layouts and includes are read."""
    assert _codes("theme-vendored") == {("2024-01-06-layout-typo.md", "NL302"),
                                        ("2024-01-07-missing-include.md", "NL602")}


def test_github_pages_themes_are_known(tmp_path: Path) -> None:
    """jekyll-theme-cayman 0.2.0 (GitHub Pages' pin) has one layout, `default`, and the two
    `head-custom` includes: a `post` layout is missing there, its include is not."""
    (tmp_path / "_config.yml").write_text("theme: jekyll-theme-cayman\n", encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-05-x.md").write_text(
        "---\nlayout: post\ntitle: T\n---\n{% include head-custom.html %}\n", encoding="utf-8")
    (tmp_path / "_posts" / "2024-01-06-y.md").write_text(
        "---\nlayout: default\ntitle: T\n---\n{% include nav.html %}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-cache", str(tmp_path)])
    found = {(d["path"].rsplit("/", 1)[1], d["code"])
             for d in json.loads(result.output)["diagnostics"]}
    assert found == {("2024-01-05-x.md", "NL302"), ("2024-01-06-y.md", "NL602")}


GEM_HOME = SITES / "theme-gem" / "gem-home"
PAPER = SITES / "theme-gem" / "site"


def _render(site: Path) -> str:
    result = CliRunner().invoke(cli, ["render", "--layouts",
                                      str(site / "_posts" / "2024-01-05-hello.md")])
    assert result.exit_code == 0, result.output
    return result.output


def test_an_installed_theme_gem_is_rendered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The theme gem in GEM_PATH (its newest version there): its layouts wrap the post, its
    includes render, and the site's own `_includes/footer.html` replaces the theme's."""
    monkeypatch.setenv("GEM_PATH", str(GEM_HOME))
    page = _render(PAPER)
    assert '<article class="paper-1.1"><p>Hello from the site.</p>' in page
    assert '<nav><a href="/">Home</a></nav>' in page
    assert "<footer>my own footer</footer>" in page and "theme footer" not in page


def test_gemfile_lock_chooses_the_theme_version(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(PAPER, site)
    (site / "Gemfile.lock").write_text(
        "GEM\n  remote: https://rubygems.org/\n  specs:\n    jekyll (4.3.1)\n"
        "    jekyll-theme-paper (1.0.0)\n", encoding="utf-8")
    monkeypatch.setenv("GEM_PATH", str(GEM_HOME))
    assert '<article class="paper-1.0">' in _render(site)


def test_an_installed_theme_is_checked_as_known(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its layouts and includes exist, so nothing is said about them; the theme's own Liquid
    (careless markup in its `careless.html`) is not the blogger's to mend and is not reported."""
    monkeypatch.setenv("GEM_PATH", str(GEM_HOME))
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-cache", str(PAPER)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["diagnostics"] == [] and report["not_checked"] == []


def test_the_same_markup_in_the_sites_own_include_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(PAPER, site)
    shutil.copy(GEM_HOME / "gems" / "jekyll-theme-paper-1.1.0" / "_includes" / "careless.html",
                site / "_includes" / "careless.html")
    monkeypatch.setenv("GEM_PATH", str(GEM_HOME))
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-cache", str(site)])
    found = [(d["line"], d["code"], d["message"]) for d in
             json.loads(result.output)["diagnostics"]]
    assert found == [
        (7, "NL604", "expected a primitive expression, found dot "
                     "(in _includes/careless.html line 3, included here)"),
        (7, "NL604", "expected word, found end of expression "
                     "(in _includes/careless.html line 1, included here)")]


def test_without_the_gem_installed_the_theme_is_opaque() -> None:
    """The tests' GEM_PATH holds no gem: the theme is unknown, which is said once."""
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-cache", str(PAPER)])
    report = json.loads(result.output)
    assert report["diagnostics"] == []
    assert ["jekyll-theme-paper is not known" in n["note"] for n in report["not_checked"]] \
        == [True]


def test_render_with_layouts_writes_the_whole_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """The layout's doctype, <html>, <head> and <body> are kept (issue 17): a browser opens
    the page in standards mode with the site's <head>."""
    monkeypatch.setenv("GEM_PATH", str(GEM_HOME))
    page = _render(PAPER)
    assert page.startswith('<!DOCTYPE html><html lang="en"><head><title>Hello</title></head>')
    assert page.rstrip().endswith("</body></html>")

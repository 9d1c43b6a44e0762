"""Gem themes: a known theme's layouts and includes are the site's (a typo is still found);
with a theme notelint does not know, nothing missing is asserted. Checked against the
reference Jekyll with minima 2.5.1."""

from __future__ import annotations

import json
from pathlib import Path

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

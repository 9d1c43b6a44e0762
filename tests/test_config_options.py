"""NL311/NL312 on each build: what the gem's Jekyll 4 and GitHub Pages (Jekyll 3.10) do with
options of `_config.yml` (checked with the reference Jekyll 4.3 and pages-gem's overrides)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from notelint.cli import cli

JEKYLL4 = 'source "https://rubygems.org"\ngem "jekyll", "~> 4.3"\n'
JEKYLL3 = 'source "https://rubygems.org"\ngem "jekyll", "~> 3.9"\n'
LOCK3 = "GEM\n  specs:\n    jekyll (3.9.3)\n"


def _findings(root: Path, config: str, gemfile: str | None, lock: str | None = None,
              plugin: str | None = None) -> list[tuple[int, str, str]]:
    (root / "_posts").mkdir(parents=True)
    (root / "_posts" / "2024-01-05-a.md").write_text(
        "---\nlayout: post\ntitle: A\n---\nText.\n", encoding="utf-8")
    (root / "_config.yml").write_text(config, encoding="utf-8")
    if gemfile is not None:
        (root / "Gemfile").write_text(gemfile, encoding="utf-8")
    if lock is not None:
        (root / "Gemfile.lock").write_text(lock, encoding="utf-8")
    if plugin is not None:
        (root / "_plugins").mkdir()
        (root / "_plugins" / "md.rb").write_text(plugin, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-cache",
                                      "--select", "NL311,NL312", str(root)])
    return [(d["line"], d["code"], d["message"]) for d in
            json.loads(result.output)["diagnostics"]]


@pytest.mark.parametrize(("config", "gemfile", "expected"), [
    # GitHub Pages converts with kramdown (or its `gfm`), highlights with Rouge, builds safe.
    ("markdown: redcarpet\n", None, [(1, "NL312", "GitHub Pages ignores `markdown: redcarpet` "
                                              "and converts Markdown with kramdown")]),
    ("markdown: gfm\n", None, []),
    ("markdown: GFM\n", JEKYLL4, [(1, "NL311", 'Jekyll stops the build: "GFM" is not a '
                                  "Markdown processor it has (only kramdown: Redcarpet, "
                                  "RDiscount and Maruku were removed in Jekyll 3.0)")]),
    ("markdown: Kramdown\n", JEKYLL4, []),
    ("highlighter: pygments\n", None, [(1, "NL312", "GitHub Pages ignores `highlighter: "
                                                    "pygments` and highlights with Rouge")]),
    ("safe: false\nlsi: true\n", None, [
        (1, "NL312", "GitHub Pages ignores `safe: false`: it always builds in safe mode (only "
                     "its allowed plugins, no `_plugins`)"),
        (2, "NL312", "GitHub Pages ignores `lsi: true`: related posts are the most recent "
                     "ones")]),
    ("safe: false\nlsi: true\n", JEKYLL4, []),
    ("relative_permalinks: true\n", None, [
        (1, "NL311", "Jekyll stops the build: `relative_permalinks` is gone since Jekyll 3.0 "
                     "(a page's permalink is relative to the site's folder); remove it")]),
    ("relative_permalinks: false\n", JEKYLL4, []),
    # Jekyll 3 (GitHub Pages, or the gem at 3.x) still reads `gems:`.
    ("gems: [jekyll-feed]\n", None, []),
    # A processor a plugin adds.
    ("markdown: CommonMark\nplugins: [jekyll-commonmark]\n", JEKYLL4, []),
])
def test_options_by_build(tmp_path: Path, config: str, gemfile: str | None,
                          expected: list[tuple[int, str, str]]) -> None:
    assert _findings(tmp_path / "site", config, gemfile) == expected


def test_jekyll_3_gem_reads_gems(tmp_path: Path) -> None:
    assert _findings(tmp_path / "site", "gems: [jekyll-feed]\nhighlighter: pygments\n",
                     JEKYLL3, LOCK3) == []


def test_a_site_plugin_may_define_the_processor(tmp_path: Path) -> None:
    plugin = "class Jekyll::Converters::Markdown::Fancy\n  def initialize(config); end\nend\n"
    assert _findings(tmp_path / "site", "markdown: Fancy\nplugins: []\n", JEKYLL4,
                     plugin=plugin) == []


def test_gems_are_not_loaded_by_jekyll_4(tmp_path: Path) -> None:
    """Jekyll 4 ignores `gems:`: `{% seo %}` is then a tag no plugin defines (the reference
    build stops with "Unknown tag 'seo'")."""
    root = tmp_path / "site"
    _findings(root, "gems: [jekyll-seo-tag]\n", JEKYLL4)
    (root / "_posts" / "2024-01-05-a.md").write_text(
        "---\nlayout: post\ntitle: A\n---\n{% seo %}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-cache", str(root)])
    codes = [d["code"] for d in json.loads(result.output)["diagnostics"]]
    assert codes == ["NL312", "NL603"]

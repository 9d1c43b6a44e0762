"""Plugins as data: tags of an enabled plugin are not unknown; the same tag without the
plugin is (Jekyll aborts on it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint import CheckOptions, check_paths

from .conftest import GEMFILE

POST = "---\ntitle: T\n---\nAs shown {% cite knuth1984 %}, and {% last_modified_at %}.\n"


@pytest.mark.parametrize(("plugins", "unknown"), [
    ("plugins: [jekyll-scholar, jekyll-last-modified-at]\n", set()),
    ("plugins: [jekyll-scholar]\n", {"last_modified_at"}),
    ("", {"cite", "last_modified_at"}),
])
def test_tags_of_enabled_plugins_are_known(plugins: str, unknown: set[str],
                                           tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text(plugins, encoding="utf-8")
    (tmp_path / "Gemfile").write_text(GEMFILE, encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-05-x.md").write_text(POST, encoding="utf-8")
    result = check_paths([tmp_path])
    found = {d.message.split("'")[1] for d in result.diagnostics if d.code == "NL603"}
    assert found == unknown


def test_site_plugins_register_tags(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("", encoding="utf-8")
    (tmp_path / "Gemfile").write_text(GEMFILE, encoding="utf-8")
    (tmp_path / "_plugins").mkdir()
    (tmp_path / "_plugins" / "video.rb").write_text(
        "module Jekyll\n  class Video < Liquid::Tag\n  end\nend\n"
        "Liquid::Template.register_tag('video', Jekyll::Video)\n", encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-05-x.md").write_text(
        "---\ntitle: T\n---\n{% video clip.mp4 %}\n", encoding="utf-8")
    only = CheckOptions(select=("NL603",), use_cache=False)
    assert [d.code for d in check_paths([tmp_path], only).diagnostics] == []
    # GitHub Pages never runs `_plugins`: there the tag stops the build.
    (tmp_path / "Gemfile").unlink()
    assert [d.code for d in check_paths([tmp_path], only).diagnostics] == ["NL603"]


@pytest.mark.parametrize(("config", "codes"), [
    ("plugins: [jekyll-titles-from-headings]\ntitles_from_headings: {collections: true}\n", []),
    ("plugins: [jekyll-titles-from-headings]\n", ["NL110"]),  # pages only, by default
])
def test_titles_from_headings(config: str, codes: list[str], tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text(config, encoding="utf-8")
    (tmp_path / "Gemfile").write_text(GEMFILE, encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-05-x.md").write_text("\n# The *real* title\n\nText.\n",
                                                         encoding="utf-8")
    only = CheckOptions(select=("NL110",), use_cache=False)
    assert [d.code for d in check_paths([tmp_path], only).diagnostics] == codes


def test_a_plugin_notelint_does_not_know_may_define_any_tag(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("plugins: [jekyll-twitter-plugin]\n", encoding="utf-8")
    (tmp_path / "Gemfile").write_text(GEMFILE, encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-05-x.md").write_text(
        "---\ntitle: T\n---\n{% twitter https://twitter.com/jekyllrb %}\n", encoding="utf-8")
    result = check_paths([tmp_path], CheckOptions(select=("NL6",), use_cache=False))
    assert result.diagnostics == []
    [(_, note)] = result.notes
    assert note.startswith("notelint does not know the plugin jekyll-twitter-plugin")

"""`.notelint.toml` and `[tool.notelint]`: found upward, validated, applied."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notelint import CheckOptions, check_paths
from notelint.config import ConfigError, find_config, load_config

from .conftest import GEMFILE

NOW = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)
POST = "---\nlayout: post\ntitle: T\ntags: a, b\nlayout: post\n---\nBody.\n"


def _site(root: Path, config: str | None = None, name: str = ".notelint.toml") -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("", encoding="utf-8")
    (root / "Gemfile").write_text(GEMFILE, encoding="utf-8")
    (root / "_posts" / "2024-01-05-x.md").write_text(POST, encoding="utf-8")
    (root / "_posts" / "2024-01-06-y.md").write_text(POST, encoding="utf-8")
    if config is not None:
        (root / name).write_text(config, encoding="utf-8")
    return root


def _codes(root: Path) -> list[tuple[str, str, str]]:
    result = check_paths([root], CheckOptions(now=NOW))
    return [(Path(d.path).name, d.code, d.severity.label) for d in result.diagnostics]


def test_defaults_without_config(tmp_path: Path) -> None:
    codes = {c for _, c, _ in _codes(_site(tmp_path))}
    assert codes == {"NL106", "NL402"}


def test_select_ignore_severity_and_per_file_ignores(tmp_path: Path) -> None:
    root = _site(tmp_path, """
select = ["NL1", "comma-separated-taxonomy"]
ignore = ["NL110"]
per-file-ignores = { "_posts/2024-01-06-*.md" = ["NL106"] }
[rules.duplicate-key]
severity = "error"
""")
    assert _codes(root) == [("2024-01-05-x.md", "NL402", "warning"),
                            ("2024-01-05-x.md", "NL106", "error"),
                            ("2024-01-06-y.md", "NL402", "warning")]


def test_exclude_and_pyproject_table(tmp_path: Path) -> None:
    root = _site(tmp_path, '[tool.notelint]\nexclude = ["_posts/2024-01-06-*"]\n',
                 name="pyproject.toml")
    assert {name for name, _, _ in _codes(root)} == {"2024-01-05-x.md"}


def test_config_found_above_the_site(tmp_path: Path) -> None:
    (tmp_path / ".notelint.toml").write_text('ignore = ["NL4"]\n', encoding="utf-8")
    root = _site(tmp_path / "blog")
    assert find_config(root) == tmp_path / ".notelint.toml"
    assert {c for _, c, _ in _codes(root)} == {"NL106"}


def test_rule_options_and_theme_layouts(tmp_path: Path) -> None:
    root = _site(tmp_path, """
theme-layouts = ["post"]
[rules.misspelled-key]
known-keys = ["tittle"]
""")
    (root / "_posts" / "2024-01-05-x.md").write_text(
        "---\nlayout: nosuch\ntittle: T\ntitle: T\n---\n", encoding="utf-8")
    codes = {c for _, c, _ in _codes(root)}
    assert "NL302" in codes and "NL107" not in codes


@pytest.mark.parametrize(("text", "message"), [
    ('colour = "red"\n', "unknown key 'colour'"),
    ('select = "NL1"\n', "select: expected a list of strings"),
    ('select = ["NL999"]\n', "no rule is called 'NL999'"),
    ('fail-on = "fatal"\n', "fail-on: expected error, warning or info"),
    ('[rules.NL999]\nseverity = "error"\n', "rules.NL999: no rule is called"),
    ('[rules.NL201]\nseverity = "loud"\n', "rules.NL201.severity"),
    ('[rules.NL107]\nknown-keys = "x"\n', "rules.NL107.known-keys: expected a list"),
    ('[rules.NL107]\nmax = 3\n', "rules.NL107: unknown key 'max'"),
    ('[vocabulary]\ntopics = []\n', "vocabulary: unknown key 'topics'"),
    ("select = [\n", "invalid TOML"),
    ('build = "gh"\n', "build: expected one of 'github-pages', 'jekyll-4', got 'gh'"),
])
def test_invalid_config_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / ".notelint.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value).startswith(str(path)) and message in str(error.value)


def test_an_unreadable_site_config_is_one_finding(tmp_path: Path) -> None:
    """Jekyll stops on a `_config.yml` it cannot read: NL307, the posts' own front matter
    problems, and nothing computed from defaults the build never uses."""
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_config.yml").write_text("title: My blog: notes\n", encoding="utf-8")
    (tmp_path / "Gemfile").write_text(GEMFILE, encoding="utf-8")
    (tmp_path / "_posts" / "2099-01-05-x.md").write_text(
        "---\nlayout: nosuch\ntitle: A\ntitle: B\n---\n[x](/missing/)\n", encoding="utf-8")
    result = check_paths([tmp_path], CheckOptions(now=NOW))
    assert {d.code for d in result.diagnostics} == {"NL307", "NL106"}
    assert any("cannot read the site's configuration" in note for _, note in result.notes)

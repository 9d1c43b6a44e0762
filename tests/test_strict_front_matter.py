"""With `strict_front_matter`, broken front matter stops Jekyll's build, and NL102 says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint import CheckOptions, check_paths


@pytest.mark.parametrize(("config", "consequence"), [
    ("", "publish this post without its front matter"),
    ("strict_front_matter: true\n", "stop the build"),
    ("strict_front_matter: yes please\n", "stop the build"),  # any value but nil/false
])
def test_consequence_follows_the_setting(tmp_path: Path, config: str, consequence: str) -> None:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_config.yml").write_text(config, encoding="utf-8")
    (tmp_path / "_posts" / "2024-01-05-x.md").write_text(
        "---\ntitle: A: B\n---\n", encoding="utf-8")
    result = check_paths([tmp_path], CheckOptions(select=("NL102",)))
    assert [d.code for d in result.diagnostics] == ["NL102"]
    assert consequence in result.diagnostics[0].message

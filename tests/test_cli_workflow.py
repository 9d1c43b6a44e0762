"""`check` in its workflows: --fix, --diff, --output-file, --statistics, CI formats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .test_cli import RULES_DIR, run


@pytest.fixture
def blog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the NL509 and NL402 rule folders' posts in one site; the cwd."""
    site = tmp_path / "blog"
    shutil.copytree(RULES_DIR / "NL509-link-text-whitespace", site,
                    ignore=shutil.ignore_patterns("_fixed", "expected.txt"))
    for post in (RULES_DIR / "NL402-comma-separated-taxonomy" / "_posts").glob("*bad*"):
        shutil.copy(post, site / "_posts" / post.name)
    monkeypatch.chdir(site)
    monkeypatch.setenv("TZ", "UTC")
    return site


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file()}


def test_diff_prints_and_writes_nothing(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(blog)
    code, out, err = run(["check", "--select", "NL509,NL402", "--diff"], capsys)
    assert code == 1 and _snapshot(blog) == before
    assert out.startswith("--- a/_posts/2024-01-02-bad-text.md\n")
    assert "-[ The guide](https://example.org/guide)" in out
    assert "tags: [jekyll, ruby]" not in out  # unsafe fixes need --unsafe-fixes
    assert "(nothing written)" in err
    code, out, _ = run(["check", "--select", "NL509,NL402", "--diff", "--unsafe-fixes"], capsys)
    assert "+tags: [jekyll, ruby]" in out


def test_fix_writes_then_has_nothing_left(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", "--select", "NL509,NL402", "--fix"], capsys)
    assert code == 1  # the unsafe NL402 findings remain
    assert {line.split()[1] for line in out.splitlines()} == {"NL402"}
    assert err.startswith("Fixed 5 problems in 2 files.") and "with --fix --unsafe-fixes" in err
    code, out, err = run(["check", "--select", "NL509,NL402", "--fix", "--unsafe-fixes"], capsys)
    assert code == 0 and out == ""
    after = _snapshot(blog)
    code, _, err = run(["check", "--select", "NL509,NL402", "--fix", "--unsafe-fixes"], capsys)
    assert code == 0 and _snapshot(blog) == after and not err.startswith("Fixed")


def test_output_file_statistics_and_github(blog: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["check", "--select", "NL509,NL402", "--format", "json",
                        "-o", "report.json"], capsys)
    assert code == 1 and out == ""
    document = json.loads((blog / "report.json").read_text(encoding="utf-8"))
    assert len(document["diagnostics"]) == 8
    assert document["diagnostics"][0]["fix"]["edits"]
    code, out, _ = run(["check", "--select", "NL509,NL402", "--statistics"], capsys)
    assert out.splitlines() == ["5  NL509  * link-text-whitespace",
                                "3  NL402  * comma-separated-taxonomy"]
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(["check", "--select", "NL402"], capsys)
    assert out.startswith("::warning file=_posts/2024-01-05-bad-tags.md,line=4,col=1,")
    code, _, err = run(["check", "--statistics", "--format", "sarif"], capsys)
    assert code == 2 and err.startswith("notelint: error: --statistics")

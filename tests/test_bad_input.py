"""Hostile and broken input gives diagnostics or one-line errors, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from notelint import CheckOptions, check_paths, sitefs

SITE = Path(__file__).parent / "sites" / "bad-inputs"


def _codes_by_file(path: Path) -> dict[str, set[str]]:
    result = check_paths([path], CheckOptions())
    found: dict[str, set[str]] = {}
    for d in result.diagnostics:
        found.setdefault(Path(d.path).name, set()).add(d.code)
    return found


@pytest.fixture
def site(tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(SITE, copy, symlinks=True)
    return copy


def test_each_bad_file_gets_the_right_diagnostic(site: Path) -> None:
    found = _codes_by_file(site)
    assert "NL109" in found["2024-01-01-latin1.md"]
    assert "NL109" in found["2024-01-04-nul.md"]
    assert "NL109" in found["2024-01-05-binary.md"]
    assert "NL102" in found["2024-01-07-deep-yaml-list.md"]
    assert "NL102" in found["2024-01-08-deep-yaml-block.md"]
    assert "NL102" in found["2024-01-10-alias-bomb.md"]
    # SafeYAML ignores the tag: the title is the list `["touch ..."]`, nothing is run.
    assert "NL111" in found["2024-01-11-python-object.md"]
    assert "NL102" in found["2024-01-12-control-char.md"]
    assert "NL101" in found["2024-01-13-only-dashes.md"]
    # A BOM and CRLF line endings are fine for Jekyll, so nothing but the missing layout.
    assert "2024-01-02-bom.md" not in found
    assert "2024-01-03-crlf.md" not in found
    # An empty post is published as an empty page without a layout (and without a title,
    # which only the opt-in style rule NL110 reports).
    assert found["2024-01-06-empty.md"] == {"NL301"}


def test_yaml_is_never_executed(site: Path) -> None:
    marker = Path("/tmp/notelint-pwned")
    marker.unlink(missing_ok=True)
    check_paths([site], CheckOptions())
    assert not marker.exists()


def test_twenty_megabyte_post(site: Path) -> None:
    body = ("A paragraph of text that goes on for a while. " * 20 + "\n\n") * 22000
    post = site / "_posts" / "2024-02-01-huge.md"
    post.write_text("---\nlayout: post\ntitle: Huge\n---\n" + body, encoding="utf-8")
    assert post.stat().st_size > 20_000_000
    assert "2024-02-01-huge.md" not in _codes_by_file(post)


def test_symlink_loop_and_dangling_link(site: Path) -> None:
    (site / "_posts" / "loop").symlink_to(site / "_posts", target_is_directory=True)
    (site / "loop").symlink_to(site, target_is_directory=True)
    (site / "_posts" / "2024-02-02-dangling.md").symlink_to(site / "nowhere.md")
    found = _codes_by_file(site)
    assert "NL109" in found["2024-02-02-dangling.md"]


def test_unreadable_file(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root can read a mode-000 file: the refusal is made where notelint reads site files.
    target = site / "_posts" / "2024-01-02-bom.md"
    real = sitefs.read_bytes

    def refuse(path: Path, root: Path | None) -> bytes:
        if path == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, root)

    monkeypatch.setattr(sitefs, "read_bytes", refuse)
    assert "NL109" in _codes_by_file(site)["2024-01-02-bom.md"]


def test_directory_named_like_a_post(site: Path) -> None:
    (site / "_posts" / "2024-02-03-folder.md").mkdir()
    found = _codes_by_file(site)
    assert found["2024-02-03-folder.md"] == {"NL208"}


def test_command_line_never_shows_a_traceback(site: Path) -> None:
    (site / "_posts" / "2024-02-03-folder.md").mkdir()
    (site / "_posts" / "loop").symlink_to(site / "_posts", target_is_directory=True)
    run = subprocess.run([sys.executable, "-m", "notelint", "check", str(site)],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "TZ": "UTC"})
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert "2024-01-01-latin1.md:1:1: NL109" in run.stdout

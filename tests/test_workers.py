"""`check -j N`: the post rules run in forked worker processes, and the report is the same
bytes whatever N is (on a generated site with broken links, fragments and images, from
tests/shared/tools/gen_corpus.py, the benchmarks' own corpus)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from notelint import workers
from notelint.cli import main

from .conftest import SHARED


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "site"
    subprocess.run([sys.executable, str(SHARED / "tools" / "gen_corpus.py"), "250",
                    str(root), "--seed", "3", "--defects", "0.1"], check=True,
                   capture_output=True)
    return root


def _report(capsys: pytest.CaptureFixture[str], site: Path, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--no-cache", "--format", "json", *args, str(site)])
    out, err = capsys.readouterr()
    return int(exit_info.value.code), out or err


def test_the_report_is_the_same_for_any_number_of_workers(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert workers.workers_for(2, 250) == 2  # so -j 2 really forks here
    one = _report(capsys, site, "-j", "1")
    assert one[0] == 1 and '"NL501"' in one[1] and '"NL502"' in one[1]
    assert _report(capsys, site, "-j", "2") == one
    assert _report(capsys, site, "-j", "3") == one


def test_jobs_from_the_configuration(site: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "notelint.toml"
    config.write_text("jobs = 2\n", encoding="utf-8")
    assert _report(capsys, site, "--config", str(config)) == _report(capsys, site, "-j", "1")
    config.write_text("jobs = 0\n", encoding="utf-8")
    code, output = _report(capsys, site, "--config", str(config))
    assert code == 2 and "expected a number of processes" in output


def test_small_runs_stay_in_one_process() -> None:
    assert workers.workers_for(2, 150) == 1
    assert workers.workers_for(1, 10_000) == 1
    assert workers.workers_for(8, 450) == 4


def _render(site: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "notelint", "render", "-o", str(out), *args,
                           str(site)], capture_output=True, text=True, check=False)


def _written(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_render_writes_the_same_files_for_any_number_of_workers(
        site: Path, tmp_path: Path) -> None:
    """`render -o` in 2 processes writes the bytes one process writes and says the same;
    where two posts have one URL, the later one's page is the one left (as in one process);
    a file it did not write is refused the same way."""
    duplicate = sorted((site / "_posts").glob("*.md"))[7]
    twin = duplicate.with_name(duplicate.name.replace(".md", ".markdown"))
    twin.write_text(duplicate.read_text() + "\nThe twin's own line.\n")
    try:
        first = _render(site, tmp_path / "first", "-j", "1")
        taken = sorted(p for p in _written(tmp_path / "first") if p.endswith(".html"))[3]
        for name in ("one", "two"):
            (tmp_path / name / taken).parent.mkdir(parents=True)
            (tmp_path / name / taken).write_text("mine")
        one = _render(site, tmp_path / "one", "-j", "1")
        two = _render(site, tmp_path / "two", "-j", "2")
    finally:
        twin.unlink()
    assert first.returncode == 0
    assert (one.returncode, one.stderr) == (two.returncode, two.stderr) != (0, "")
    assert f"{taken} already exists and was not written by notelint" in two.stderr
    assert _written(tmp_path / "one") == _written(tmp_path / "two")
    assert (tmp_path / "two" / taken).read_text() == "mine"

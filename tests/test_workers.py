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

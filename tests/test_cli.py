"""The command line: exit codes, one-line errors, output formats, selection."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from notelint.cli import _emit, main
from notelint.rules import RULES

from .conftest import REPO

RULES_DIR = Path(__file__).parent / "rules"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code), out, err


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")


def test_sample_posts_check_clean(capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, out, err = run(["check", "posts"], capsys)
    assert code == 0
    # An info note only: the seed's time-zone-dependent URL (the spaces inside one link are a
    # style rule's, not run by default).
    assert {line.split()[1] for line in out.splitlines()} == {"NL207"}
    assert "in 4 files" in err


def test_text_format_and_sorting(capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "NL102-yaml-syntax-error")
    code, out, err = run(["check", "--select", "NL102"], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("_posts/2024-01-05-bad-colon-in-title.md:3:14: NL102 ")
    assert lines[0].endswith("[yaml-syntax-error]")
    assert lines == sorted(lines, key=lambda line: line.split(":")[0])
    assert "\x1b[" not in out
    assert err.startswith("Found 8 problems (8 errors)")


def test_json_document(capsys: pytest.CaptureFixture[str],
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "NL208-filename-skipped")
    code, out, _ = run(["check", "--format", "json", "--select", "filename-skipped"], capsys)
    assert code == 1
    document = json.loads(out)
    assert set(document) == {"version", "files_checked", "builds", "not_checked",
                             "diagnostics"}
    assert document["not_checked"] == []
    assert document["builds"] == [{"site": ".", "build": "jekyll-4", "jekyll": "4.3",
                                   "reason": "as its Gemfile asks for Jekyll"}]
    assert document["version"] == 1
    assert document["files_checked"] == 5
    fields = {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
              "message", "fix"}
    for d in document["diagnostics"]:
        assert set(d) == fields
        assert d["rule"] == "filename-skipped" and d["severity"] == "warning"
        assert not d["path"].startswith("/")
    folder = [d for d in document["diagnostics"] if d["path"].endswith("bad-folder.md")]
    assert folder[0]["line"] is None and folder[0]["column"] is None


def test_fail_on_levels(capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "NL106-duplicate-key")
    assert run(["check", "--select", "NL106"], capsys)[0] == 1
    assert run(["check", "--select", "NL106", "--fail-on", "error"], capsys)[0] == 0
    monkeypatch.chdir(RULES_DIR / "NL210-unpublished")
    assert run(["check", "--select", "NL210"], capsys)[0] == 0
    assert run(["check", "--select", "NL210", "--fail-on", "info"], capsys)[0] == 1


def test_select_and_ignore_by_code_name_and_prefix(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "NL206-date-mismatch")
    by_code = run(["check", "--select", "NL206"], capsys)[1]
    by_name = run(["check", "--select", "date-mismatch"], capsys)[1]
    by_prefix = run(["check", "--select", "NL2", "--ignore", "NL207,NL201"], capsys)[1]
    assert by_code == by_name
    assert by_code and set(by_prefix.splitlines()) >= set(by_code.splitlines())
    assert run(["check", "--ignore", "NL2"], capsys)[1].count(" NL2") == 0


@pytest.mark.parametrize("args", [
    ["check", "no/such/path"],
    ["check", "--bogus"],
    ["check", "--select", "NL999"],
    ["check", "--format", "xml"],
    ["check", "--config", "missing.toml"],
    ["rules", "no-such-rule"],
    ["frobnicate"],
])
def test_usage_errors_are_one_line_and_exit_2(args: list[str],
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, out, err = run(args, capsys)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("notelint: error: ")


def test_rules_listing_and_documentation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules"], capsys)
    assert code == 0 and len(out.splitlines()) == len(RULES)
    code, out, _ = run(["rules", "future-date"], capsys)
    assert code == 0 and out.startswith("NL201 future-date (default severity: warning)")
    assert "## Bad" in out
    assert run(["rules", "nl201"], capsys)[1] == out


def test_color_only_when_asked(capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "NL106-duplicate-key")
    assert "\x1b[" in run(["check", "--color"], capsys)[1]
    assert "\x1b[" not in run(["check"], capsys)[1]


def test_output_is_deterministic(capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR)
    first = run(["check", "--format", "json", "."], capsys)[1]
    second = run(["check", "--format", "json", "."], capsys)[1]
    assert first == second and len(json.loads(first)["diagnostics"]) > 50


def test_checking_one_file_uses_the_whole_site(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "NL304-url-conflict")
    code, out, _ = run(["check", "--select", "NL304", "_posts/2024-01-06-bad-same.md"], capsys)
    assert code == 1
    assert out.splitlines() == [line for line in out.splitlines()
                                if line.startswith("_posts/2024-01-06-bad-same.md:")]
    assert "2024-01-06-bad-same.markdown" in out


def test_python_dash_m_and_version() -> None:
    run_ = subprocess.run([sys.executable, "-m", "notelint", "--version"], capture_output=True,
                          text=True, check=False, env={**os.environ})
    assert run_.returncode == 0 and run_.stdout.startswith("notelint, version ")


def test_the_command_leaves_with_its_whole_report_and_exit_code(tmp_path: Path) -> None:
    # `notelint` leaves without tearing its objects down (os._exit): what it printed must
    # all be there, in a pipe and in a file, with the exit code; a pipe nobody reads is no
    # traceback.
    site = RULES_DIR / "NL304-url-conflict"
    command = [sys.executable, "-m", "notelint", "check", "--select", "NL304", "--no-cache",
               "--format", "json", str(site)]
    env = {**os.environ, "NOTELINT_CACHE_DIR": str(tmp_path)}
    whole = subprocess.run(command, capture_output=True, check=False, env=env)
    assert whole.returncode == 1, whole.stderr
    assert whole.stderr == b""
    assert json.loads(whole.stdout)["diagnostics"]
    with (tmp_path / "report.json").open("wb") as out:
        to_file = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, check=False,
                                 env=env)
    assert to_file.returncode == 1
    assert (tmp_path / "report.json").read_bytes() == whole.stdout
    unread, write_end = os.pipe()
    os.close(unread)  # a reader that has gone, as `notelint check | head` leaves it
    try:
        closed = subprocess.run(command, stdout=write_end, stderr=subprocess.PIPE,
                                check=False, env=env)
    finally:
        os.close(write_end)
    assert closed.returncode == 1
    assert b"Traceback" not in closed.stderr


def test_invalid_configuration_is_one_line_and_exit_2(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "_config.yml").write_text("", encoding="utf-8")
    (tmp_path / ".notelint.toml").write_text("[rules.NL201]\nsevere = true\n", encoding="utf-8")
    code, out, err = run(["check", str(tmp_path)], capsys)
    assert code == 2 and out == ""
    assert err.strip() == (f"notelint: error: {tmp_path / '.notelint.toml'}: rules.NL201: "
                           "unknown key 'severe' (valid keys: severity)")


def test_quiet_leaves_out_the_summary(capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "NL106-duplicate-key")
    code, out, err = run(["check", "-q"], capsys)
    assert code == 1 and out and err == ""


def test_a_report_larger_than_a_piece_is_written_whole(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    # Written a megabyte at a time, to a file and to stdout: nothing lost or doubled where
    # a piece ends inside a run of multi-byte characters.
    report = "".join(f"{n}: ü€🙂 a finding\n" for n in range(150_000))
    assert len(report) > 3 * (1 << 20)
    _emit(report, tmp_path / "report.txt")
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == report
    _emit(report, None)
    assert capsys.readouterr().out == report

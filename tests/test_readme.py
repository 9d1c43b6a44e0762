"""README.md: the rules table matches the registry, and .ci/run runs README's test command."""

from __future__ import annotations

import re

import pytest

from notelint.rules import RULES

from .conftest import REPO

README = REPO / "README.md"
START, END = "<!-- rules-table:start -->\n", "<!-- rules-table:end -->"


def rules_table() -> str:
    rows = ["| code | name | severity | group | pages | what it reports |",
            "| --- | --- | --- | --- | --- | --- |"]
    rows += [f"| {r.code} | `{r.name}` | {r.severity.label} | {r.group} | "
             f"{'yes' if r.pages else ''} | {r.summary} |" for r in RULES]
    return "\n".join(rows) + "\n"


def test_rules_table_is_generated_from_the_registry(update_goldens: bool) -> None:
    text = README.read_text(encoding="utf-8")
    before, rest = text.split(START)
    _, after = rest.split(END)
    expected = before + START + rules_table() + END + after
    if update_goldens:
        README.write_text(expected, encoding="utf-8")
    assert text == expected or update_goldens, "README rules table is stale (--update-goldens)"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.+?)\n```", README.read_text(encoding="utf-8"),
                      re.M | re.S)


def _ci_commands() -> list[str]:
    return [line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("#", "set ", "cd "))]


def test_the_two_commands_install_into_a_virtual_environment() -> None:
    install_and_check, install_and_test = _blocks("sh")[:2]
    for command in (install_and_check, install_and_test):
        assert "\n" not in command
        assert command.startswith("python3 -m venv .venv && .venv/bin/python -m pip install ")
    assert install_and_check.endswith(" && .venv/bin/notelint check posts")
    assert install_and_test.endswith(" && .venv/bin/python -m pytest")


def test_ci_runs_exactly_the_readme_test_command_then_the_lowest_releases() -> None:
    install_and_test = _blocks("sh")[1]
    browser, fresh, newest, lowest = _ci_commands()
    assert browser == ".ci/browser"  # the headless browser of tests/test_serve.py
    assert fresh == "rm -rf .venv .venv-lowest"
    assert newest == install_and_test
    assert lowest == install_and_test.replace(".venv", ".venv-lowest").replace(
        "pip install ", "pip install -c .ci/lowest-constraints.txt ")


def test_python_api_example_runs(monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    [example] = _blocks("python")
    monkeypatch.chdir(REPO)
    exec(compile(example, "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("posts/2023-06-01-deep-learning-model-deployment.md:4:1: NL207")
    assert "/note-posts/2024/03/10/profiling-python-code.html " \
        '<h4 id="start-with-a-question">Start with a question</h4>' in lines
    assert lines[-1] == "Profiling Python code: a short field guide 2024-03-10 " \
        "['python', 'performance', 'notes']"

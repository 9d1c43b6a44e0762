"""README.md: the rules table matches the registry, and .ci/run runs README's test command."""

from __future__ import annotations

import re

from notelint.rules import RULES

from .conftest import REPO

README = REPO / "README.md"
START, END = "<!-- rules-table:start -->\n", "<!-- rules-table:end -->"


def rules_table() -> str:
    rows = ["| code | name | severity | what it reports |", "| --- | --- | --- | --- |"]
    rows += [f"| {r.code} | `{r.name}` | {r.severity.label} | {r.summary} |" for r in RULES]
    return "\n".join(rows) + "\n"


def test_rules_table_is_generated_from_the_registry(update_goldens: bool) -> None:
    text = README.read_text(encoding="utf-8")
    before, rest = text.split(START)
    _, after = rest.split(END)
    expected = before + START + rules_table() + END + after
    if update_goldens:
        README.write_text(expected, encoding="utf-8")
    assert text == expected or update_goldens, "README rules table is stale (--update-goldens)"


def _commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(r"^```sh\n(.+?)\n```", text, re.M)[:2]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    install_and_check, install_and_test = _commands()
    assert install_and_check.endswith("notelint check posts")
    assert "pytest" in install_and_test
    lines = [line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#") and not line.startswith("set ")
             and not line.startswith("cd ")]
    assert lines == [install_and_test]

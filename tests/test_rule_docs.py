"""The Bad and Good examples of every rule's documentation, run as checks."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from notelint.rules import RULES, Rule

from .conftest import GEMFILE
from .linkserver import check_with_server

NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.timezone.utc)
_BLOCK = re.compile(r"^## (Bad|Good)\n+```markdown(?: encoding=(\S+))?\n(.*?)^```",
                    re.M | re.S)
_FILE = re.compile(r"^==> (.+?) <==\n", re.M)
DEFAULT_NAME = "_posts/2024-01-05-example.md"


def examples(rule: Rule) -> list[tuple[str, str, dict[str, str]]]:
    """(kind, encoding, {path: text}) for each example block of the rule's doc."""
    found = []
    for kind, encoding, body in _BLOCK.findall(rule.doc):
        parts = _FILE.split(body)
        files = {DEFAULT_NAME: parts[0]} if parts[0].strip() else {}
        files.update(zip(parts[1::2], parts[2::2], strict=True))
        found.append((kind, encoding or "utf-8", files))
    return found


CASES = [(rule, kind, encoding, files) for rule in RULES
         for kind, encoding, files in examples(rule)]


def test_every_rule_has_a_bad_and_a_good_example() -> None:
    for rule in RULES:
        assert sorted({kind for kind, _, _ in examples(rule)}) == ["Bad", "Good"], rule.code


@pytest.mark.parametrize(("rule", "kind", "encoding", "files"), CASES,
                         ids=[f"{r.code}-{k}" for r, k, _, _ in CASES])
def test_documented_example(rule: Rule, kind: str, encoding: str, files: dict[str, str],
                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    files = {"_config.yml": "", "Gemfile": GEMFILE, **files}
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding))
    result = check_with_server(rule, tmp_path)
    codes = [d.code for d in result.diagnostics]
    if kind == "Bad":
        assert rule.code in codes
    else:
        assert codes == []

"""Each rule against its folder of good and bad posts under tests/rules/."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from notelint.rules import RULES

from .golden import as_text, assert_golden
from .linkserver import check_with_server

RULES_DIR = Path(__file__).parent / "rules"
NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.timezone.utc)


def _folder(code: str, name: str) -> Path:
    return RULES_DIR / f"{code}-{name}"


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_folder(rule, update_goldens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(rule.code, rule.name)
    monkeypatch.chdir(folder)
    result = check_with_server(rule, Path("."))
    assert {d.code for d in result.diagnostics} <= {rule.code}
    assert_golden(folder / "expected.txt", as_text(result.diagnostics), update_goldens)
    reported = {d.path for d in result.diagnostics}
    files = [p for p in folder.rglob("*") if "_fixed" not in p.relative_to(folder).parts]
    names = {p.relative_to(folder).as_posix(): p.name for p in files}
    good = [rel for rel, name in names.items() if "-good-" in name]
    bad = [rel for rel, name in names.items() if "-bad-" in name]
    assert good, "a rule folder needs -good- files"
    assert result.diagnostics, "a rule folder needs files the rule reports"
    assert not [g for g in good if g in reported], "a good file was reported"
    assert sorted(b for b in bad if b not in reported) == [], "a bad file was not reported"


def test_every_rule_has_exactly_one_folder() -> None:
    folders = {p.name for p in RULES_DIR.iterdir() if p.is_dir()}
    assert folders == {f"{r.code}-{r.name}" for r in RULES}


def test_codes_and_names_are_unique_and_consistent() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    assert [r.code for r in RULES] == sorted(r.code for r in RULES)
    for r in RULES:
        assert r.func.__name__.removesuffix("_rule") == r.name.replace("-", "_")
        assert r.summary and r.summary.endswith("."), r.code
        assert "## Why" in r.doc and "## Bad" in r.doc and "## Good" in r.doc, r.code


def test_one_cause_is_one_finding_on_the_cause(tmp_path: Path) -> None:
    """With a `_config.yml`, the missing `timezone:` is reported once, there, with the count
    of posts whose URL it moves; adding `timezone:` clears it."""
    from notelint.engine import CheckOptions, check_paths

    shutil.copytree(_folder("NL207", "timezone-dependent-url"), tmp_path / "site")
    config = tmp_path / "site" / "_config.yml"
    config.write_text("title: A blog\n", encoding="utf-8")
    found = check_paths([tmp_path / "site"], CheckOptions(select=("NL207",), now=NOW)).diagnostics
    assert [(Path(d.path).name, d.start.line) for d in found] == [("_config.yml", 1)]
    assert "the URLs of 2 posts depend on the build machine's time zone" in found[0].message
    config.write_text("title: A blog\ntimezone: Asia/Tokyo\n", encoding="utf-8")
    assert check_paths([tmp_path / "site"], CheckOptions(select=("NL207",), now=NOW)
                       ).diagnostics == []

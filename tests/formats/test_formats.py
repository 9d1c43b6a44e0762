"""Every output format against its golden, from one fixed list of diagnostics whose messages
and paths hold unicode, `%`, `:`, `,` and a line break; the SARIF document checked for
what GitHub code scanning needs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from notelint.diagnostics import (
    Diagnostic,
    Edit,
    Fix,
    Position,
    Report,
    RuleInfo,
    Severity,
)
from notelint.formats import FORMATS

from ..golden import assert_golden

HERE = Path(__file__).parent
RULES = (
    RuleInfo("NL201", "future-date", Severity.WARNING, "The post is dated in the future.",
             "The post is dated in the future.\n\n## Why\nJekyll skips it."),
    RuleInfo("NL501", "link-target-missing", Severity.ERROR, "A link leads to nothing.",
             "A link leads to nothing.\n\n## Why\nReaders get a 404."),
    RuleInfo("NL509", "link-text-whitespace", Severity.INFO, "A link's text has spaces.",
             "A link's text has spaces."),
)
DIAGNOSTICS = (
    Diagnostic("_posts/2024-01-05-café.md", Position(3, 1), "NL201", "future-date",
               Severity.WARNING, "dated 2999-01-01 00:00:00 +0000, after the build: 100% "
               "sure, Jekyll will skip it", Position(3, 17)),
    Diagnostic("_posts/2024-01-05-café.md", Position(7, 12), "NL501", "link-target-missing",
               Severity.ERROR, "link /a,b:c/ leads to nothing\nsecond line: «ü» 🙂",
               Position(7, 19)),
    Diagnostic("_posts/dir with space/2024-02-01-x.md", Position(1, 1), "NL509",
               "link-text-whitespace", Severity.INFO, "the text of link https://e.org/%20 "
               "starts with whitespace: ' a'", None,
               Fix("move the whitespace out of the link text", (Edit(4, 5, ""),))),
    Diagnostic("_config.yml", None, "NL201", "future-date", Severity.WARNING,
               "no position: a, b: c % d"),
)
REPORT = Report(DIAGNOSTICS, ("_posts/2024-01-05-café.md", "_posts/2024-01-06-clean.md",
                              "_posts/dir with space/2024-02-01-x.md"), RULES,
                Severity.WARNING, "9.9.9")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_format_golden(name: str, update_goldens: bool) -> None:
    output = FORMATS[name](REPORT)
    assert output == FORMATS[name](REPORT)  # deterministic
    assert_golden(HERE / f"golden.{name}", output, update_goldens)


def test_github_escapes_values_and_messages() -> None:
    lines = FORMATS["github"](REPORT).splitlines()
    assert len(lines) == len(DIAGNOSTICS)  # the newline in a message stays inside its line
    assert lines[1].startswith("::error file=_posts/2024-01-05-café.md,line=7,col=12,"
                               "endLine=7,endColumn=19,title=NL501 link-target-missing::")
    assert lines[1].endswith("link /a,b:c/ leads to nothing%0Asecond line: «ü» 🙂")
    assert "100%25 sure" in lines[0]
    assert lines[2].startswith("::notice ")
    assert lines[3] == ("::warning file=_config.yml,title=NL201 future-date::"
                        "no position: a, b: c %25 d")


def test_sarif_structure() -> None:
    document = json.loads(FORMATS["sarif"](REPORT))
    assert document["version"] == "2.1.0" and document["$schema"].endswith("sarif-2.1.0.json")
    (run,) = document["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["NL201", "NL501", "NL509"]
    assert [r["defaultConfiguration"]["level"] for r in rules] == ["warning", "error", "note"]
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert len(results) == len(DIAGNOSTICS)
    fingerprints = set()
    for result, diagnostic in zip(results, DIAGNOSTICS, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == diagnostic.code
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert not artifact["uri"].startswith(("/", "file:")) and " " not in artifact["uri"]
        region = location["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region.get("startColumn", 1) >= 1
        if diagnostic.start is not None:
            assert (region["startLine"], region["startColumn"]) == (diagnostic.start.line,
                                                                    diagnostic.start.column)
        fingerprints.add(result["partialFingerprints"]["notelint/v1"])
    assert len(fingerprints) == len(results)
    assert results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "_posts/dir%20with%20space/2024-02-01-x.md"


def test_junit_has_one_case_per_file() -> None:
    root = ET.fromstring(FORMATS["junit"](REPORT).encode())
    (suite,) = root
    cases = {case.get("name"): case for case in suite}
    assert sorted(cases) == sorted({*REPORT.files, "_config.yml"})
    assert suite.get("tests") == "4" and suite.get("failures") == "2"
    failure = cases["_posts/2024-01-05-café.md"].find("failure")
    assert failure is not None and "second line: «ü»" in (failure.text or "")
    assert cases["_posts/2024-01-06-clean.md"].find("failure") is None
    spaced = cases["_posts/dir with space/2024-02-01-x.md"]
    assert spaced.find("failure") is None and "NL509" in (spaced.findtext("system-out") or "")


def test_junit_survives_control_characters() -> None:
    broken = Diagnostic("_posts/2024-01-05-x.md", Position(1, 1), "NL501",
                        "link-target-missing", Severity.ERROR, "bad \x01 byte")
    report = Report((broken,), ("_posts/2024-01-05-x.md",), RULES)
    root = ET.fromstring(FORMATS["junit"](report).encode())
    assert "bad \\x01 byte" in root.findtext("testsuite/testcase/failure", "")


@pytest.mark.parametrize("name", ["json", "sarif"])
def test_json_text_is_what_the_standard_library_writes(name: str) -> None:
    # Written by orjson for speed; the text must stay the json module's, byte for byte, with
    # control characters, a lone surrogate (an undecodable file name), emoji and U+2028.
    odd = Diagnostic("_posts/2024-01-05-\udcff\u2028.md", Position(1, 1), "NL501",
                     "link-target-missing", Severity.ERROR, "bad \x01 \x7f \"q\" \\ 🙂 \u2028")
    report = Report((*DIAGNOSTICS, odd), REPORT.files, RULES, Severity.WARNING, "9.9.9")
    output = FORMATS[name](report)
    assert output == json.dumps(json.loads(output), ensure_ascii=False, indent=2) + "\n"
    assert "link-target-missing" in output

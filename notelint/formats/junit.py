"""JUnit XML: one test case per checked file, failed when it has a finding at or above the
`fail-on` severity (lesser findings are listed in the case's output)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from ..diagnostics import Diagnostic, Report
from . import text
from .escape import visible

# Characters XML 1.0 cannot hold at all, even escaped (a post's control characters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _lines(found: list[Diagnostic]) -> str:
    return _NOT_XML.sub("\ufffd", "".join(text.line(d) + "\n" for d in found))


def _case(path: str, found: list[Diagnostic], report: Report) -> tuple[ET.Element, bool]:
    name = visible(path)
    case = ET.Element("testcase", {"name": name, "classname": "notelint", "file": name})
    failing = [d for d in found if d.severity >= report.fail_on]
    if failing:
        plural = "s" if len(failing) != 1 else ""
        failure = ET.SubElement(case, "failure", {"message": f"{len(failing)} problem{plural}",
                                                  "type": "notelint"})
        failure.text = _lines(failing)
    others = [d for d in found if d.severity < report.fail_on]
    if others:
        ET.SubElement(case, "system-out").text = _lines(others)
    return case, bool(failing)


def render(report: Report) -> str:
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in report.diagnostics:
        by_file[d.path].append(d)
    paths = sorted(set(report.files) | set(by_file))
    cases = [_case(path, by_file.get(path, []), report) for path in paths]
    counts = {"tests": str(len(cases)), "failures": str(sum(failed for _, failed in cases)),
              "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": "notelint", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "notelint", **counts})
    suite.extend(case for case, _ in cases)
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'

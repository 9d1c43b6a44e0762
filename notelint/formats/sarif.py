"""SARIF 2.1.0 (what GitHub code scanning reads), built from plain dicts.

Every rule is listed, so `ruleIndex` is stable across runs; columns count Unicode code
points (declared in `columnKind`); files are URIs relative to the directory notelint ran
in (`%SRCROOT%`). The fingerprint leaves out line numbers, so a finding keeps its identity
when lines are added above it.
"""

from __future__ import annotations

import hashlib
import os
import urllib.parse
from collections import Counter
from typing import Any

from ..diagnostics import Diagnostic, Report, RuleInfo, Severity
from .escape import encodable
from .json import indented

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule(info: RuleInfo) -> dict[str, Any]:
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.summary},
        "help": {"text": info.doc, "markdown": info.doc},
        "defaultConfiguration": {"level": _LEVELS[info.severity]},
        "properties": {"tags": [info.name]},
    }


def _uri(path: str) -> dict[str, str]:
    # The name's own bytes, percent-encoded: an undecodable name stays the same file.
    quoted = urllib.parse.quote(os.fsencode(path))
    if path.startswith("/"):
        return {"uri": "file://" + quoted}
    return {"uri": quoted, "uriBaseId": "%SRCROOT%"}


def _region(d: Diagnostic) -> dict[str, int]:
    if d.start is None:
        return {"startLine": 1}
    region = {"startLine": d.start.line, "startColumn": d.start.column}
    if d.end is not None:
        region.update(endLine=d.end.line, endColumn=d.end.column)
    return region


def _result(d: Diagnostic, index: dict[str, int], seen: Counter[str]) -> dict[str, Any]:
    identity = f"{encodable(d.path)}\0{d.code}\0{encodable(d.message)}"
    seen[identity] += 1
    digest = hashlib.sha256(f"{identity}\0{seen[identity]}".encode()).hexdigest()[:32]
    result: dict[str, Any] = {
        "ruleId": d.code,
        "level": _LEVELS[d.severity],
        "message": {"text": encodable(d.message)},
        "locations": [{"physicalLocation": {"artifactLocation": _uri(d.path),
                                            "region": _region(d)}}],
        "partialFingerprints": {"notelint/v1": digest},
    }
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    return result


def render(report: Report) -> str:
    index = {info.code: i for i, info in enumerate(report.rules)}
    seen: Counter[str] = Counter()
    run = {
        "tool": {"driver": {"name": "notelint", "version": report.tool_version,
                            "rules": [_rule(info) for info in report.rules]}},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {
            "text": "The directory notelint was run in."}}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, index, seen) for d in report.diagnostics],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return indented(document)

"""One JSON object: `{"version": 1, "files_checked": N, "builds": [...],
"not_checked": [...], "diagnostics": [...]}`; `builds` says, per site, which Jekyll build
notelint assumed, `not_checked` what it could not see."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..diagnostics import Diagnostic, Report
from .escape import encodable
from .text import statistics_rows


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    fix = None
    if d.fix is not None:
        fix = {"title": d.fix.title, "safe": d.fix.safe, "rename": d.fix.rename,
               "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement}
                         for e in d.fix.edits]}
    return {
        "path": encodable(d.path),
        "line": d.start.line if d.start else None,
        "column": d.start.column if d.start else None,
        "end_line": d.end.line if d.end else None,
        "end_column": d.end.column if d.end else None,
        "code": d.code,
        "rule": d.name,
        "severity": d.severity.label,
        "message": encodable(d.message),
        "fix": fix,
    }


def statistics(diagnostics: Sequence[Diagnostic]) -> str:
    """`--statistics --format json`: `[{"code", "name", "count", "fixable"}]`."""
    rows = [{"code": code, "name": name, "count": n, "fixable": fixable}
            for code, name, n, fixable in statistics_rows(diagnostics)]
    return json.dumps(rows, indent=2) + "\n"


def render(report: Report) -> str:
    document = {"version": 1, "files_checked": len(report.files),
                "builds": [{k: encodable(v) if isinstance(v, str) else v for k, v in b.items()}
                           for b in report.builds],
                "not_checked": [{k: encodable(v) for k, v in n.items()} for n in report.notes],
                "diagnostics": [_diagnostic(d) for d in report.diagnostics]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

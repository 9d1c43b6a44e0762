"""One JSON object: `{"version": 1, "files_checked": N, "diagnostics": [...]}`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..diagnostics import Diagnostic


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.start.line if d.start else None,
        "column": d.start.column if d.start else None,
        "end_line": d.end.line if d.end else None,
        "end_column": d.end.column if d.end else None,
        "code": d.code,
        "rule": d.name,
        "severity": d.severity.label,
        "message": d.message,
        "fix": {"title": d.fix.title, "safe": d.fix.safe} if d.fix else None,
    }


def render(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    document = {"version": 1, "files_checked": files_checked,
                "diagnostics": [_diagnostic(d) for d in diagnostics]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

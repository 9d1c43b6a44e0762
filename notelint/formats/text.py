"""`path:line:col: CODE message [name]`, one line per diagnostic."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..diagnostics import Diagnostic, Report, Severity
from .escape import visible

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def line(diagnostic: Diagnostic, color: bool = False) -> str:
    where = visible(diagnostic.path)
    if diagnostic.start is not None:
        where += f":{diagnostic.start.line}:{diagnostic.start.column}"
    code = diagnostic.code
    message = visible(diagnostic.message.replace("\r", " ").replace("\n", " "))
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        code = f"{_COLORS[diagnostic.severity]}{code}{_RESET}"
    return f"{where}: {code} {message} [{diagnostic.name}]"


def render(report: Report, color: bool = False) -> str:
    return "".join(line(d, color) + "\n" for d in report.diagnostics)


def statistics(diagnostics: Sequence[Diagnostic]) -> str:
    """Counts per rule, most frequent first; `*` marks rules whose findings can be fixed."""
    counts = Counter((d.code, d.name) for d in diagnostics)
    fixable = {d.code for d in diagnostics if d.fix is not None}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "".join(f"{n:>{width}}  {code}  {'*' if code in fixable else ' '} {name}\n"
                   for (code, name), n in rows)


def summary(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    counts = {s: sum(1 for d in diagnostics if d.severity == s) for s in Severity}
    files = f"{files_checked} file{'s' if files_checked != 1 else ''}"
    if not diagnostics:
        return f"No problems found in {files}."
    parts = [f"{n} {s.label}{'s' if n != 1 else ''}" for s, n in
             sorted(counts.items(), reverse=True) if n]
    total = len(diagnostics)
    return f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {files}."

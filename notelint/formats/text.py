"""`path:line:col: CODE message [name]`, one line per diagnostic."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..diagnostics import Diagnostic, Report, Severity
from .escape import visible

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def line(diagnostic: Diagnostic, color: bool = False, unsafe: bool = False) -> str:
    """One finding; `[*]` before the message when `--fix` (with `unsafe`: `--fix
    --unsafe-fixes`) would fix it, as in ruff."""
    where = visible(diagnostic.path)
    if diagnostic.start is not None:
        where += f":{diagnostic.start.line}:{diagnostic.start.column}"
    code = diagnostic.code
    message = visible(diagnostic.message.replace("\r", " ").replace("\n", " "))
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        code = f"{_COLORS[diagnostic.severity]}{code}{_RESET}"
    fix = diagnostic.fix
    marker = "[*] " if fix is not None and (fix.safe or unsafe) else ""
    return f"{where}: {code} {marker}{message} [{diagnostic.name}]"


def render(report: Report, color: bool = False, unsafe: bool = False,
           show_fixes: bool = False) -> str:
    """The findings, one a line; `show_fixes`: each fix offered, below its finding."""
    out = []
    for d in report.diagnostics:
        out.append(line(d, color, unsafe) + "\n")
        if show_fixes and d.fix is not None:
            kind = "fix" if d.fix.safe else "unsafe fix (--unsafe-fixes)"
            out.append(f"    {kind}: {visible(d.fix.title)}\n")
    return "".join(out)


def statistics_rows(diagnostics: Sequence[Diagnostic]) -> list[tuple[str, str, int, bool]]:
    """(code, name, count, fixable) per rule, most frequent first."""
    counts = Counter((d.code, d.name) for d in diagnostics)
    fixable = {d.code for d in diagnostics if d.fix is not None}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(code, name, n, code in fixable) for (code, name), n in rows]


def statistics(diagnostics: Sequence[Diagnostic]) -> str:
    """Counts per rule, most frequent first; `*` marks rules whose findings can be fixed."""
    rows = statistics_rows(diagnostics)
    width = max((len(str(n)) for _, _, n, _ in rows), default=1)
    return "".join(f"{n:>{width}}  {code}  {'*' if fixable else ' '} {name}\n"
                   for code, name, n, fixable in rows)


def summary(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    counts = {s: sum(1 for d in diagnostics if d.severity == s) for s in Severity}
    files = f"{files_checked} file{'s' if files_checked != 1 else ''}"
    if not diagnostics:
        return f"No problems found in {files}."
    parts = [f"{n} {s.label}{'s' if n != 1 else ''}" for s, n in
             sorted(counts.items(), reverse=True) if n]
    total = len(diagnostics)
    return f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {files}."

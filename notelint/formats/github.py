"""GitHub Actions workflow commands: each diagnostic becomes an annotation on the diff.

`::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message`; info findings are
notices. GitHub's runner reads `%`, CR and LF escaped in both parts, and `:` and `,` too in
property values (actions/toolkit, `command.ts`).
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Report, Severity
from .escape import visible

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(text)


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(d: Diagnostic) -> str:
    properties = [("file", d.path)]
    if d.start is not None:
        properties += [("line", str(d.start.line)), ("col", str(d.start.column))]
        if d.end is not None:
            properties += [("endLine", str(d.end.line)), ("endColumn", str(d.end.column))]
    properties.append(("title", f"{d.code} {d.name}"))
    written = ",".join(f"{key}={_property(value)}" for key, value in properties)
    return f"::{_COMMANDS[d.severity]} {written}::{_data(d.message)}"


def render(report: Report) -> str:
    return "".join(_annotation(d) + "\n" for d in report.diagnostics)

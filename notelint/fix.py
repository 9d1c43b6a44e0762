"""Apply the fixes rules offer: ordered, never overlapping, written atomically.

Edits are offsets in a file's text as it was checked (UTF-8, BOM removed). The BOM and the
file's line endings are kept; a fix whose edits overlap an earlier one waits for the next
pass, which checks the files again, so fixing twice changes nothing the second time.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import sitefs
from .diagnostics import Diagnostic, Edit
from .engine import CheckOptions, CheckResult, check_paths
from .files import NotChanged, rename_no_clobber, rewrite_user_file

_BOM = b"\xef\xbb\xbf"
MAX_PASSES = 10


@dataclass(frozen=True)
class FilePlan:
    """The new text and name of one file, and the diagnostics whose fixes make them."""

    path: Path
    before: bytes
    after: bytes
    rename: Path | None
    fixed: tuple[Diagnostic, ...]

    @property
    def changes(self) -> bool:
        return self.after != self.before or self.rename is not None


@dataclass
class FixReport:
    fixed: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # changed files, by their last name
    passes: int = 0
    refused: list[str] = field(default_factory=list)  # files left alone, and why


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    return fix is not None and (fix.safe or unsafe)


def plan_fixes(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[FilePlan]:
    """What the applicable fixes would make of each file (files that cannot be read as
    they were checked are left alone)."""
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        if applicable(diagnostic, unsafe):
            by_path.setdefault(diagnostic.path, []).append(diagnostic)
    plans = []
    for name, found in sorted(by_path.items()):
        plan = _plan_file(Path(name), found)
        if plan is not None and plan.changes:
            plans.append(plan)
    return plans


def _plan_file(path: Path, diagnostics: list[Diagnostic]) -> FilePlan | None:
    try:
        data = sitefs.read_bytes(path, None)
        bom = data.startswith(_BOM)
        text = data[len(_BOM) if bom else 0:].decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    taken: list[Edit] = []
    rename: str | None = None
    fixed = []
    for diagnostic in sorted(diagnostics, key=_first_offset):
        fix = diagnostic.fix
        assert fix is not None
        if any(_overlap(e, t) for e in fix.edits for t in taken) or \
                (fix.rename and rename) or any(e.end > len(text) for e in fix.edits):
            continue
        taken.extend(fix.edits)
        rename = rename or fix.rename
        fixed.append(diagnostic)
    after = apply_edits(text, taken).encode("utf-8")
    return FilePlan(path, data, (_BOM if bom else b"") + after,
                    path.with_name(rename) if rename else None, tuple(fixed))


def _first_offset(diagnostic: Diagnostic) -> tuple[int, tuple[int, int, str, str, str]]:
    edits = diagnostic.fix.edits if diagnostic.fix else ()
    return (min((e.start for e in edits), default=-1), diagnostic.sort_key())


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end == b.start == b.end:
        return True  # two insertions at one place: their order would be a guess
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """`text` with non-overlapping `edits` made; new line breaks follow the file's own."""
    crlf = "\r\n" in text
    parts = []
    last = 0
    for edit in sorted(edits):
        replacement = edit.replacement
        if crlf:
            replacement = replacement.replace("\r\n", "\n").replace("\n", "\r\n")
        parts += [text[last:edit.start], replacement]
        last = edit.end
    parts.append(text[last:])
    return "".join(parts)


def write_plan(plan: FilePlan) -> Path:
    """Write one file's fixes; returns the file's (new) path. Raises NotChanged (an
    OSError) for a file it will not change."""
    if plan.after != plan.before:
        rewrite_user_file(plan.path, plan.after)
    if plan.rename is not None:
        rename_no_clobber(plan.path, plan.rename)
        return plan.rename
    return plan.path


def unified_diff(plans: Iterable[FilePlan]) -> str:
    """The changes as a unified diff (renames written the way git writes them)."""
    out = []
    for plan in plans:
        old = plan.path.as_posix()
        new = (plan.rename or plan.path).as_posix()
        if plan.rename is not None:
            out.append(f"diff --git a/{old} b/{new}\nrename from {old}\nrename to {new}\n")
        before = plan.before.decode("utf-8", "replace").splitlines(keepends=True)
        after = plan.after.decode("utf-8", "replace").splitlines(keepends=True)
        for line in difflib.unified_diff(before, after, f"a/{old}", f"b/{new}"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def fix_paths(paths: Sequence[str | os.PathLike[str]], options: CheckOptions | None = None,
              unsafe: bool = False) -> tuple[CheckResult, FixReport]:
    """Check, apply the fixes, check again until nothing is left to fix; the result is the
    last check's (what remains)."""
    current = [os.fspath(p) for p in paths]
    report = FixReport()
    result = check_paths(current, options)
    refused: set[Path] = set()
    while report.passes < MAX_PASSES:
        plans = [p for p in plan_fixes(result.diagnostics, unsafe) if p.path not in refused]
        if not plans:
            break
        report.passes += 1
        for plan in plans:
            try:
                new = write_plan(plan)
            except NotChanged as exc:
                refused.add(plan.path)
                report.refused.append(str(exc))
                continue
            report.fixed.extend(plan.fixed)
            if plan.rename is not None:
                current = [_renamed(p, plan.path, new) for p in current]
                report.files = [new if f == plan.path else f for f in report.files]
            if new not in report.files:
                report.files.append(new)
        result = check_paths(current, options)
    return result, report


def _renamed(argument: str, old: Path, new: Path) -> str:
    return os.fspath(new) if os.path.abspath(argument) == os.path.abspath(old) else argument

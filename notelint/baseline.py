"""A baseline: today's findings, recorded so that only new ones are reported.

A finding is matched by its file, its rule and the text of the line it points at (spaces at
either end ignored), never by line number: editing a post above an old finding does not
revive it, and changing the line itself does. Each recorded finding hides one finding, so
a second copy of an accepted problem on an identical line is still reported.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import sitefs
from .diagnostics import Diagnostic
from .files import write_atomically

VERSION = 1
Key = tuple[str, str, str]  # (file relative to the baseline's folder, rule code, line text)


class BaselineError(Exception):
    """The baseline file cannot be read or is not one; the message names it."""


@dataclass(frozen=True)
class Filtered:
    kept: list[Diagnostic]
    hidden: int


class _Lines:
    """The text of lines of the files findings point at, each file read once."""

    def __init__(self) -> None:
        self.files: dict[str, list[str]] = {}

    def text(self, path: str, line: int) -> str:
        if path not in self.files:
            try:
                # A file notelint has just checked: read it with the same limits.
                text = sitefs.read_bytes(Path(path), None).decode("utf-8", "replace")
            except OSError:
                text = ""
            self.files[path] = text.lstrip("\ufeff").splitlines()
        lines = self.files[path]
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def _keys(diagnostics: Iterable[Diagnostic], folder: Path) -> list[tuple[Key, Diagnostic]]:
    lines = _Lines()
    keyed = []
    for d in diagnostics:
        relative = Path(os.path.relpath(os.path.abspath(d.path), folder)).as_posix()
        text = lines.text(d.path, d.start.line) if d.start is not None else ""
        keyed.append(((relative, d.code, text), d))
    return keyed


def write(path: Path, diagnostics: Iterable[Diagnostic]) -> int:
    """Record `diagnostics` in the baseline file `path` (replaced whole); how many."""
    folder = Path(os.path.abspath(path)).parent
    counts = Counter(key for key, _ in _keys(diagnostics, folder))
    entries = [{"file": file, "rule": code, "line": text, "count": count}
               for (file, code, text), count in sorted(counts.items())]
    data = json.dumps({"notelint-baseline": VERSION, "findings": entries}, indent=1,
                      ensure_ascii=False, sort_keys=True) + "\n"
    write_atomically(Path(os.path.abspath(path)), data.encode("utf-8"))
    return sum(counts.values())


def read(path: Path) -> Counter[Key]:
    """The findings a baseline file accepts (BaselineError when it is not a baseline)."""
    try:
        raw = json.loads(sitefs.read_bytes(Path(os.path.abspath(path)), None))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (write one with "
                            "--write-baseline)") from None
    except (OSError, ValueError) as exc:
        raise BaselineError(f"{path}: not a notelint baseline: {exc}") from None
    if not isinstance(raw, dict) or raw.get("notelint-baseline") != VERSION or \
            not isinstance(raw.get("findings"), list):
        raise BaselineError(f"{path}: not a notelint baseline (version {VERSION})")
    accepted: Counter[Key] = Counter()
    for entry in raw["findings"]:
        try:
            key = (entry["file"], entry["rule"], entry["line"])
            count = entry.get("count", 1)
        except (TypeError, KeyError):
            raise BaselineError(f"{path}: an entry is not a finding: {entry!r}") from None
        if not all(isinstance(k, str) for k in key) or isinstance(count, bool) or \
                not isinstance(count, int) or count < 1:
            raise BaselineError(f"{path}: an entry is not a finding: {entry!r}")
        accepted[key] += count
    return accepted


def apply(path: Path, diagnostics: Iterable[Diagnostic]) -> Filtered:
    """The findings the baseline `path` does not accept, and how many it hid."""
    accepted = read(path)
    folder = Path(os.path.abspath(path)).parent
    kept, hidden = [], 0
    for key, diagnostic in _keys(diagnostics, folder):
        if accepted[key] > 0:
            accepted[key] -= 1
            hidden += 1
        else:
            kept.append(diagnostic)
    return Filtered(kept, hidden)

"""Compare text with a golden file; `pytest --update-goldens` rewrites it instead."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from notelint.diagnostics import Diagnostic
from notelint.formats import text


def assert_golden(path: Path, actual: str, update: bool) -> None:
    if update:
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        raise AssertionError(f"missing golden file {path} (run pytest --update-goldens)")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(path), "actual"))
        raise AssertionError(f"output differs from {path}:\n{diff}")


def as_text(diagnostics: Sequence[Diagnostic]) -> str:
    """Diagnostics in the text format, as the goldens hold them."""
    return "".join(text.line(d) + "\n" for d in diagnostics)

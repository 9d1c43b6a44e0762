"""Compare text with a golden file; `pytest --update-goldens` rewrites it instead."""

from __future__ import annotations

import difflib
from pathlib import Path


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

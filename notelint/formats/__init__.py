"""Output formats: pure functions from diagnostics to text, chosen by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..diagnostics import Diagnostic
from . import json, text

Formatter = Callable[[Sequence[Diagnostic], int], str]

FORMATS: dict[str, Formatter] = {"text": text.render, "json": json.render}

__all__ = ["FORMATS", "Formatter"]

"""Output formats: pure functions from a report to text, chosen by name."""

from __future__ import annotations

from collections.abc import Callable

from ..diagnostics import Report
from . import github, json, junit, sarif, text

Formatter = Callable[[Report], str]

FORMATS: dict[str, Formatter] = {"text": text.render, "json": json.render,
                                 "github": github.render, "sarif": sarif.render,
                                 "junit": junit.render}

__all__ = ["FORMATS", "Formatter"]

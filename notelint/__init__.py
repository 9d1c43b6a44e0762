"""notelint: check a Jekyll blog's posts exactly as Jekyll 4.3 reads them."""

from __future__ import annotations

from .diagnostics import Diagnostic, Position, Severity
from .engine import CheckOptions, CheckResult, check_paths
from .render import RenderResult, render_post

__version__ = "0.1.0"

__all__ = ["CheckOptions", "CheckResult", "Diagnostic", "Position", "RenderResult", "Severity",
           "__version__", "check_paths", "render_post"]

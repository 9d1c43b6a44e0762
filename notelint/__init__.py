"""notelint: check a Jekyll blog's posts exactly as Jekyll 4.3 reads them."""

from __future__ import annotations

__version__ = "0.1.0"  # before the imports: the site index keys itself by it

from .diagnostics import Diagnostic, Position, Severity
from .engine import CheckOptions, CheckResult, check_paths
from .render import RenderResult, render_post

__all__ = ["CheckOptions", "CheckResult", "Diagnostic", "Position", "RenderResult", "Severity",
           "__version__", "check_paths", "render_post"]

"""notelint: check a Jekyll blog's posts exactly as its real build (GitHub Pages or the
Jekyll gem) reads them."""

from __future__ import annotations

__version__ = "0.1.0"  # before the imports: the site index keys itself by it

from .diagnostics import Diagnostic, Position, Severity
from .engine import CheckOptions, CheckResult, check_paths
from .handler import JekyllHandler, read_post
from .jekyll.site import Site
from .render import RenderResult, render_post
from .source import SourceError

__all__ = ["CheckOptions", "CheckResult", "Diagnostic", "JekyllHandler", "Position",
           "RenderResult", "Severity", "Site", "SourceError", "__version__", "check_paths",
           "read_post", "render_post"]

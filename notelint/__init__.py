"""notelint: check a Jekyll blog's posts exactly as its real build (GitHub Pages or the
Jekyll gem) reads them."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"  # before the imports: the site index keys itself by it

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Position, Severity
    from .engine import CheckOptions, CheckResult, check_paths
    from .handler import JekyllHandler, read_post
    from .jekyll.site import Site
    from .render import RenderResult, render_post
    from .source import SourceError

# The API, imported when first used: `notelint check` giving its last report again must not
# pay for the renderer and Liquid at start-up.
_EXPORTS = {
    "Diagnostic": "diagnostics", "Position": "diagnostics", "Severity": "diagnostics",
    "CheckOptions": "engine", "CheckResult": "engine", "check_paths": "engine",
    "JekyllHandler": "handler", "read_post": "handler", "Site": "jekyll.site",
    "RenderResult": "render", "render_post": "render", "SourceError": "source",
}

__all__ = ["CheckOptions", "CheckResult", "Diagnostic", "JekyllHandler", "Position",
           "RenderResult", "Severity", "Site", "SourceError", "__version__", "check_paths",
           "read_post", "render_post"]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'notelint' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)

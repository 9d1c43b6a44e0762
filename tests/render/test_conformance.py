"""Rendering a conformance case, and the canonical form its HTML is compared in.

HTML is compared after fidelity.py's canonicalization with the token <span>s inside <pre>
flattened (Pygments and Rouge split code into tokens differently; code text, wrappers and
classes still count). The cases run in tests/jekyll/test_conformance.py.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from notelint.jekyll.post import Post
from notelint.jekyll.site import Site
from notelint.render import Renderer

from ..conftest import SHARED
from ..jekyll.conformance import build_site


def _fidelity() -> Any:
    spec = importlib.util.spec_from_file_location("fidelity", SHARED / "tools" / "fidelity.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIDELITY = _fidelity()


def canonical(html: str) -> str:
    tree = FIDELITY.canonicalize(FIDELITY.parse_fragment(html))
    return FIDELITY.serialize(FIDELITY.flatten_highlighting(tree))


def read_case_file(site: Site, relative: str) -> Post | None:
    """The case's file as notelint reads it: a post or draft, or a page or document
    (None for a file Jekyll copies as it is, or does not read)."""
    post = next((p for p in site.all_posts if p.relative_path == relative), None)
    if post is not None:
        return post
    found = site.entry_at(relative)
    if found is None or found[0].kind == "static":
        return None
    return site.read_entry(*found)


def render_case(case: dict[str, Any], root: Path) -> tuple[bool, str]:
    build_site(case, root)
    site = Site.load(root)
    post = read_case_file(site, case["filename"])
    assert post is not None
    renderer = Renderer(site, publish=True)
    result = renderer.render(post)
    if result.fatal:
        return True, ""
    return False, renderer.apply_layouts(post, result.html)

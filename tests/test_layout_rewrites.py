"""A layout that rewrites its content's image URLs (as Chirpy prefixes `baseurl` and
`img_path`): images are not judged, other links are. Checked against the reference build:
the image became `/blog/assets/a.png`, the link stayed `/assets/a.png`."""

from __future__ import annotations

from notelint import CheckOptions, check_paths

from .conftest import REPO


def test_images_a_layout_rewrites_are_not_judged() -> None:
    site = REPO / "tests" / "sites" / "theme-rewrites-images"
    result = check_paths([site], CheckOptions(use_cache=False))
    assert [(d.code, d.start.line if d.start else 0) for d in result.diagnostics] == [
        ("NL503", 7)]

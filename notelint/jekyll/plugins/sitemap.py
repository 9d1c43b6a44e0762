"""jekyll-sitemap 1.4: `sitemap.xml` and `robots.txt`, each unless the source has its own
(spec §11.6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..site import Site


def outputs(site: Site) -> list[str]:
    return ["sitemap.xml", "robots.txt"]

"""jekyll-seo-tag 2.8: `{% seo %}` writes the page's title, meta and JSON-LD block.

notelint writes the block's frame and `<title>` (what links and ids can depend on), not
the meta tags, whose values need the site's whole metadata (spec §11.6).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ..liquid_tags import MarkupTag

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.token import Token


class SeoTag(MarkupTag):
    name = "seo"

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        page = context.resolve("page", default=None) or {}
        site = context.resolve("site", default=None) or {}
        title = _text(page.get("title")) if hasattr(page, "get") else ""
        site_title = _text(site.get("title")) if hasattr(site, "get") else ""
        full = " | ".join(t for t in (title, site_title) if t)
        lines = ["<!-- Begin Jekyll SEO tag v2.8.0 -->"]
        if "title=false" not in markup.replace(" ", "") and full:
            lines.append(f"<title>{html.escape(full, quote=False)}</title>")
        lines.append("<!-- End Jekyll SEO tag -->")
        return "\n".join(lines) + "\n"


def _text(value: object) -> str:
    return "" if value is None else str(value)


TAGS = (SeoTag,)

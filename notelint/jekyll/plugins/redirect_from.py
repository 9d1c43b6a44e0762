"""jekyll-redirect-from 0.16: a small redirect page at every `redirect_from:` URL of a post,
page or document (`/old/` is `old/index.html`, `old` is `old.html`), and `redirects.json`
unless `redirect_from: {json: false}` (spec §11.6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import urls

if TYPE_CHECKING:
    from ..site import Site


def outputs(site: Site) -> list[str]:
    settings = site.config.get("redirect_from")
    json_file = not (isinstance(settings, dict) and settings.get("json") is False)
    found = ["redirects.json"] if json_file else []
    for post in site.published_posts():
        sources = post.data.get("redirect_from") or []
        for source in [sources] if isinstance(sources, str) else sources:
            found.append(urls.output_path(str(source), ".html"))
    for entry in site.entries:
        found += [urls.output_path(source, ".html") for source in entry.redirect_from]
    return found

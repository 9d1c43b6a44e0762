"""jekyll-feed 0.17: `feed.xml` (or `feed: path:`), per-category, per-tag and
per-collection feeds, and the `{% feed_meta %}` tag (spec §11.6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..liquid_tags import MarkupTag

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.token import Token

    from ..site import Site


def _settings(site: Site) -> dict[str, object]:
    feed = site.config.get("feed")
    return feed if isinstance(feed, dict) else {}


def _path(site: Site) -> str:
    return str(_settings(site).get("path") or "feed.xml").lstrip("/")


def outputs(site: Site) -> list[str]:
    settings = _settings(site)
    found = [_path(site)]
    categories = settings.get("categories")
    if isinstance(categories, list):
        found += [f"feed/{c}.xml" for c in categories]
    collections = settings.get("collections")
    if isinstance(collections, list):
        found += [f"feed/{c}.xml" for c in collections]
    if settings.get("tags") is True:
        tags = {str(t) for post in site.published_posts() for t in post.tags}
        found += [f"feed/by_tag/{t}.xml" for t in sorted(tags) if " " not in t]
    return found


class FeedMetaTag(MarkupTag):
    name = "feed_meta"

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        env = self.env
        site: Site = env.site  # type: ignore[attr-defined]
        base = str(site.config.get("url") or "").rstrip("/")
        baseurl = str(site.config.get("baseurl") or "").strip("/")
        href = "/".join(p for p in (base, baseurl, _path(site)) if p)
        if not base:
            href = "/" + href
        title = site.config.get("title")
        title_attr = f' title="{title}"' if title else ""
        return f'<link type="application/atom+xml" rel="alternate" href="{href}"{title_attr} />'


TAGS = (FeedMetaTag,)

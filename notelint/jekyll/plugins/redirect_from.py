"""jekyll-redirect-from 0.16: a small redirect page at every `redirect_from:` URL of a post,
page or document (`/old/` is `old/index.html`, `old` is `old.html`), and `redirects.json`
unless `redirect_from: {json: false}` (spec §11.6)."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from .. import urls

if TYPE_CHECKING:
    from ..site import Site


def sources(data: dict[str, Any]) -> tuple[str, ...]:
    """The URLs a post, page or document lists in `redirect_from:` (a string or a list)."""
    value = data.get("redirect_from") or ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(s) for s in value) if isinstance(value, list) else ()


def outputs(site: Site) -> list[str]:
    found = ["redirects.json"] if writes_json(site) else []
    return found + [urls.output_path(source, ".html") for source, _ in redirects(site)]


def writes_json(site: Site) -> bool:
    settings = site.config.get("redirect_from")
    return not (isinstance(settings, dict) and settings.get("json") is False)


def redirects(site: Site) -> list[tuple[str, str]]:
    """(URL listed in `redirect_from:`, the absolute URL it sends readers to), for every
    redirect page the plugin writes, in the order of `redirects.json`."""
    base = str(site.config.get("url") or "").rstrip("/") + \
        str(site.config.get("baseurl") or "").rstrip("/")
    found = []
    for post in site.published_posts():
        found += [(source, base + (post.url or "")) for source in sources(post.data)]
    for entry in site.entries:
        found += [(source, base + entry.url) for source in entry.redirect_from]
    return found


def json_file(site: Site) -> str:
    """`redirects.json`: each redirect's URL and target, as Ruby's `to_json` writes them."""
    return json.dumps(dict(redirects(site)), ensure_ascii=False, separators=(",", ":"))


def target(data: dict[str, Any], site: Site) -> str | None:
    """Where `redirect_to:` sends a post's readers (a site path made absolute with `url` and
    `baseurl`), or None when it has none or the site does not run the plugin."""
    if "jekyll-redirect-from" not in site.plugin_names:
        return None
    value = data.get("redirect_to")
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str) or not value:
        return None
    if value.startswith("/"):
        base = str(site.config.get("baseurl") or "").rstrip("/")
        return str(site.config.get("url") or "").rstrip("/") + base + value
    return value


def page(url: str) -> str:
    """The page the plugin writes in place of the post (its built-in `redirect` layout)."""
    href = html.escape(url)
    return ('<!DOCTYPE html>\n<html lang="en-US">\n  <meta charset="utf-8">\n'
            '  <title>Redirecting&hellip;</title>\n'
            f'  <link rel="canonical" href="{href}">\n'
            f'  <script>location="{href}"</script>\n'
            f'  <meta http-equiv="refresh" content="0; url={href}">\n'
            '  <meta name="robots" content="noindex">\n'
            '  <h1>Redirecting&hellip;</h1>\n'
            f'  <a href="{href}">Click here if you are not redirected.</a>\n</html>\n')

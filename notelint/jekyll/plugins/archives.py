"""jekyll-archives 2.2: year, month, day, tag and category pages, once `jekyll-archives:
enabled:` lists them (or says `all`), at `/:year/`, `/:year/:month/`, `/:year/:month/:day/`,
`/tag/:name/`, `/category/:name/` unless `permalinks:` says otherwise; `:name` is the slugified
tag or category (spec §11.6). Not allowed on GitHub Pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import urls
from ..filenames import slugify

if TYPE_CHECKING:
    from ..site import Site

_DEFAULTS = {"year": "/:year/", "month": "/:year/:month/", "day": "/:year/:month/:day/",
             "tag": "/tag/:name/", "category": "/category/:name/"}
_KINDS = {"year": "year", "month": "month", "day": "day", "tags": "tag",
          "categories": "category"}


def outputs(site: Site) -> list[str]:
    settings: Any = site.config.get("jekyll-archives")
    if not isinstance(settings, dict):
        return []
    enabled = settings.get("enabled")
    kinds = set(_KINDS.values()) if enabled == "all" else {
        _KINDS[e] for e in enabled if e in _KINDS} if isinstance(enabled, list) else set()
    given = settings.get("permalinks")
    templates = {**_DEFAULTS, **({k: str(v) for k, v in given.items()}
                                 if isinstance(given, dict) else {})}
    found: set[str] = set()
    for post in site.published_posts():
        if post.date is None:
            continue
        values = {"year": f"{post.date.year:04d}", "month": f"{post.date.month:02d}",
                  "day": f"{post.date.day:02d}"}
        for kind in ("year", "month", "day"):
            if kind in kinds:
                found.add(_fill(templates[kind], values))
        for kind, names in (("tag", post.tags), ("category", post.categories)):
            if kind in kinds:
                found.update(_fill(templates[kind], {"name": slugify(str(n)) or ""})
                             for n in names)
    return sorted(found)


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace(f":{key}", value)
    return urls.output_path(template, ".html")

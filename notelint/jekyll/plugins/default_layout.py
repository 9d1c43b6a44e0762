"""jekyll-default-layout 0.1.5: a Markdown page or post whose front matter (defaults
included) has no `layout` key at all gets the first existing of `home` (the page at `/`),
`page` (pages), `post` (posts), `default` (spec §11.5). `layout: null` is left alone."""

from __future__ import annotations

from collections.abc import Iterable


def layout_for(kind: str, url: str, existing: Iterable[str]) -> str | None:
    names = set(existing)
    wanted = (["home"] if url == "/" else []) + (["page"] if kind == "page" else []) + \
        (["post"] if kind == "post" else []) + ["default"]
    return next((name for name in wanted if name in names), None)

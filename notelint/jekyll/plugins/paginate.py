"""jekyll-paginate 1.1: with `paginate: N`, the posts (newest first, without `hidden: true`
ones) are split N to a page. Page 1 is the template page, the `index.html` in the folder of
`paginate_path` (default `/page:num`) or above it, the deepest such; pages 2, 3, ... are
copies of it at `paginate_path` (`/page2/index.html`). Liquid sees `paginator` there
(spec §11.6). jekyll-paginate-v2 writes the same default paths."""

from __future__ import annotations

import dataclasses
import math
import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import urls

if TYPE_CHECKING:
    from ..post import Post
    from ..site import Site


@dataclass(frozen=True)
class Pager:
    """What `paginator` holds on page `page` (posts: indexes into the paginated list)."""

    page: int
    per_page: int
    first: int
    last: int  # exclusive
    total_posts: int
    total_pages: int
    previous_page_path: str | None
    next_page_path: str | None

    @property
    def previous_page(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next_page(self) -> int | None:
        return self.page + 1 if self.page < self.total_pages else None


def per_page(site: Site) -> int | None:
    value = site.config.get("paginate")
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        return None
    return value


def _format(site: Site) -> str:
    return str(site.config.get("paginate_path") or "/page:num")


def template_page(site: Site) -> str | None:
    """The relative path of the page that paginates, or None."""
    wanted = posixpath.dirname(posixpath.normpath("/" + _format(site).lstrip("/")))
    candidates = []
    for entry in site.entries:
        folder, _, name = entry.relative_path.rpartition("/")
        if entry.kind != "page" or name != "index.html":
            continue
        where = "/" + folder if folder else "/"
        if wanted == where or wanted.startswith(where.rstrip("/") + "/"):
            candidates.append(entry.relative_path)
    return max(candidates, key=len, default=None)


def paginated(site: Site) -> list[Post]:
    """The posts being paginated, newest first."""
    posts = [p for p in site.published_posts() if not p.draft and p.date is not None]
    posts.sort(key=lambda p: (p.date, p.relative_path), reverse=True)
    return [p for p in posts if p.data.get("hidden") is not True]


def page_path(site: Site, number: int, template_url: str) -> str:
    if number <= 1:
        return template_url
    return "/" + _format(site).replace(":num", str(number), 1).lstrip("/")


def pager(site: Site, page: Post, number: int = 1) -> Pager | None:
    """`paginator` of the page `page` at page `number`, or None where there is none."""
    size = per_page(site)
    if size is None or "jekyll-paginate" not in site.plugin_names or \
            page.relative_path != template_page(site) or page.url is None:
        return None
    total = len(paginated(site))
    pages = math.ceil(total / size)
    if not 1 <= number <= pages:
        return None
    first = (number - 1) * size
    return Pager(number, size, first, min(first + size, total), total, pages,
                 page_path(site, number - 1, page.url) if number > 1 else None,
                 page_path(site, number + 1, page.url) if number < pages else None)


def copies(site: Site, page: Post) -> list[Post]:
    """Pages 2, 3, ... of the paginated page `page`, each at its own URL."""
    first = pager(site, page)
    if first is None or page.url is None:
        return []
    found = []
    for number in range(2, first.total_pages + 1):
        url = page_path(site, number, page.url).rstrip("/") + "/"
        found.append(dataclasses.replace(page, url=url, page_number=number,
                                         output_path=urls.output_path(url, ".html")))
    return found


def outputs(site: Site) -> list[str]:
    size = per_page(site)
    # jekyll-paginate-v2 is read by this module's `paginate:` paths only: it paginates pages
    # that ask for it in their front matter, which are not looked for here.
    if size is None or ("jekyll-paginate" in site.plugin_names and
                        template_page(site) is None):
        return []
    count = math.ceil(len(paginated(site)) / size)
    return [urls.output_path(page_path(site, n, "/").rstrip("/") + "/index.html", ".html")
            for n in range(2, count + 1)]

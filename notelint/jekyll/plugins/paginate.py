"""jekyll-paginate 1.1: with `paginate: N`, pages 2, 3, ... of the posts at `paginate_path`
(default `/page:num/`), spec §11.6. jekyll-paginate-v2 writes the same default paths."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .. import urls

if TYPE_CHECKING:
    from ..site import Site


def outputs(site: Site) -> list[str]:
    per_page = site.config.get("paginate")
    if not isinstance(per_page, int) or isinstance(per_page, bool) or per_page < 1:
        return []
    template = str(site.config.get("paginate_path", "/page:num/"))
    count = math.ceil(len(site.published_posts()) / per_page)
    return [urls.output_path(template.replace(":num", str(n)), ".html")
            for n in range(2, count + 1)]

"""jekyll-include-cache 0.2: `{% include_cached %}` renders an include once per file and
parameters for the whole build, and every later use gets that first rendering (spec §11.6).

So an include that reads `page.*` shows, on every page, what it showed on the first page
Jekyll rendered with it. Jekyll renders posts first, by date; notelint renders the include in
the context of the first post whose own text uses `include_cached` of the same file. Uses
written in layouts, or only in pages and other collections, are rendered in the current page's
context (which of those Jekyll rendered first is not modelled).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..drops import PostDrop
from ..liquid_tags import IncludeTag

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.token import Token

    from ..liquid import JekyllEnvironment
    from ..post import Post


class IncludeCachedTag(IncludeTag):
    name = "include_cached"

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        env = self.env
        current = getattr(env, "_post", None)
        words = markup.split(None, 1)
        first = _first_users(env).get(words[0]) if words else None
        if first is None or current is None or first.path == current.path:
            return super().run(context, markup, token)
        with context.extend({"page": PostDrop(first, env)}):
            return super().run(context, markup, token)


def _first_users(env: JekyllEnvironment) -> dict[str, Post]:
    """Each include's first user: kept on the environment, which lives as long as its site."""
    found: dict[str, Post] | None = getattr(env, "_include_cached_users", None)
    if found is None:
        found = {}
        for post in sorted(env.site.published_posts(),
                           key=lambda p: (p.date is None, p.date or 0, p.relative_path)):
            for name in _CACHED.findall(post.body):
                found.setdefault(name, post)
        env._include_cached_users = found  # type: ignore[attr-defined]
    return found


_CACHED = re.compile(r"\{%-?\s*include_cached\s+([^\s%}]+)")


TAGS = (IncludeCachedTag,)

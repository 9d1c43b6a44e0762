"""jekyll-gist 1.5: `{% gist user/id [file] %}` writes the gist's script tag (spec §11.6).

GitHub Pages forces `gist: noscript: false`; without it the plugin fetches the gist over the
network for a `<noscript>` block, which notelint does not do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..liquid_tags import MarkupTag, render_vars

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.token import Token


class GistTag(MarkupTag):
    name = "gist"

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        parts = render_vars(context, markup).split()
        if not parts:
            return ""
        gist, *rest = (_value(context, p) for p in parts)
        query = f"?file={rest[0]}" if rest else ""
        return f'<script src="https://gist.github.com/{gist}.js{query}"> </script>'


def _value(context: RenderContext, word: str) -> str:
    # Either argument may be a variable (`{% gist page.gist %}`).
    if "/" in word or word.isdigit() or not word[0].isalpha():
        return word
    value = context.resolve(word, default=None)
    return word if value is None else str(value)


TAGS = (GistTag,)

"""jekyll-github-metadata 2.16: `site.github`, and the `{% github_edit_link %}` tag.

The link needs the repository's default branch, which only GitHub's API knows; notelint
writes the link with the `branch` it can read from `_config.yml` (`github: branch:`), else
`master`, as the plugin does offline.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ..liquid_tags import MarkupTag, render_vars

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.token import Token


class GithubEditLinkTag(MarkupTag):
    name = "github_edit_link"

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        site = self.env.site  # type: ignore[attr-defined]
        repository = site.config.get("repository")
        page = context.resolve("page", default=None) or {}
        path = page.get("path") if hasattr(page, "get") else None
        if not repository or not path:
            return ""
        github = site.config.get("github")
        branch = github.get("branch") if isinstance(github, dict) else None
        url = f"https://github.com/{repository}/edit/{branch or 'master'}/{path}"
        text = render_vars(context, markup).strip("\"' ") or url
        return f'<a href="{html.escape(url)}">{html.escape(text, quote=False)}</a>'


TAGS = (GithubEditLinkTag,)

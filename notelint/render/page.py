"""The standalone HTML page `notelint render POST` prints around a post's content."""

from __future__ import annotations

import html

from ..jekyll.post import Post
from . import highlight

_STYLE = """body{max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222;
font:17px/1.6 system-ui,sans-serif}
pre{overflow:auto;padding:.75rem;background:#f6f8fa;border-radius:4px}
code{font-size:.9em}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.25rem .5rem}img{max-width:100%}
blockquote{margin-left:0;padding-left:1rem;border-left:3px solid #ccc;color:#555}"""


def standalone(post: Post, content: str) -> str:
    title = post.title if isinstance(post.title, str) else post.name.slug
    description = post.data.get("description") or post.data.get("excerpt") or ""
    meta = (f'<meta name="description" content="{html.escape(str(description))}">\n'
            if description else "")
    return (f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(str(title))}</title>\n{meta}"
            f"<style>\n{_STYLE}\n{highlight.stylesheet()}\n</style>\n</head>\n<body>\n"
            f"<article>\n<h1>{html.escape(str(title))}</h1>\n{content}</article>\n"
            "</body>\n</html>\n")

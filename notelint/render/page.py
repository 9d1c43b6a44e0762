"""The standalone HTML page `notelint render POST` prints around a post's content.

Opened from a file, the page must still show the post's images and its math: an image the
site publishes is linked to where it can be opened from the page (the site's own file, or
its copy beside the page in `render -o DIR`), and math is typeset by the script the site's
layouts use (MathJax or KaTeX, linked from their CDN, not bundled).
"""

from __future__ import annotations

import html
import posixpath
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from ..jekyll.post import Post
from ..jekyll.site import Site
from . import highlight

_IMG_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")')
_MATH = re.compile(r"\\[(\[]")  # kramdown's MathJax output: \( ... \) and \[ ... \]
_SCRIPTS = {
    "mathjax": '<script async src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/'
               'tex-mml-chtml.js"></script>\n',
    "katex": '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/katex@0.16/dist/'
             'katex.min.css">\n<script defer src="https://cdn.jsdelivr.net/npm/katex@0.16/'
             'dist/katex.min.js"></script>\n<script defer src="https://cdn.jsdelivr.net/npm/'
             'katex@0.16/dist/contrib/auto-render.min.js" onload="renderMathInElement('
             'document.body)"></script>\n',
}

_STYLE = """body{max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222;
font:17px/1.6 system-ui,sans-serif}
pre{overflow:auto;padding:.75rem;background:#f6f8fa;border-radius:4px}
code{font-size:.9em}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.25rem .5rem}img{max-width:100%}
blockquote{margin-left:0;padding-left:1rem;border-left:3px solid #ccc;color:#555}"""


def standalone(post: Post, content: str, math: str | None = None,
               image: Callable[[str], str | None] = lambda _url: None) -> str:
    """`math`: the engine the site's layouts load ("mathjax", "katex"), if any; `image`:
    where the page opens an image it links (None: as written)."""
    title = post.title if isinstance(post.title, str) else post.name.slug
    description = post.data.get("description") or post.data.get("excerpt") or ""
    meta = (f'<meta name="description" content="{html.escape(str(description))}">\n'
            if description else "")
    content = _IMG_SRC.sub(lambda m: m.group(1) + html.escape(
        image(html.unescape(m.group(2))) or html.unescape(m.group(2))) + m.group(3), content)
    script = _SCRIPTS[math] if math in _SCRIPTS and _MATH.search(content) else ""
    return (f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(str(title))}</title>\n{meta}{script}"
            f"<style>\n{_STYLE}\n{highlight.stylesheet()}\n</style>\n</head>\n<body>\n"
            f"<article>\n<h1>{html.escape(str(title))}</h1>\n{content}</article>\n"
            "</body>\n</html>\n")


def math_engine(site: Site, texts: Callable[[], list[str]]) -> str | None:
    """The math script the site's layouts and includes (`texts`) load, if any."""
    found = " ".join(texts()).lower()
    return next((name for name in ("katex", "mathjax") if name in found), None)


def image_resolver(site: Site, post: Post, files: dict[str, Path],
                   copied: bool) -> Callable[[str], str | None]:
    """Where the standalone page of `post` opens the image at a URL: the published file's
    copy, relative to the page, when `render -o` copied the site's files (`copied`); else
    the site's own file. `files` maps the site's published paths to their sources."""
    base = "/" + str(site.config.get("baseurl") or "").strip("/")
    here = posixpath.dirname(post.output_path or "")

    def resolve(url: str) -> str | None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        path = urllib.parse.unquote(parts.path)
        if path.startswith("/"):
            if base != "/" and not (path + "/").startswith(base + "/"):
                return None
            path = path[len(base):] if base != "/" else path
        else:
            path = posixpath.join(posixpath.dirname("/" + (post.url or "/").lstrip("/")), path)
        published = posixpath.normpath(path).lstrip("/")
        source = files.get(published)
        if source is None:
            return None
        if copied:
            return urllib.parse.quote(posixpath.relpath(published, here or "."))
        return source.as_uri()

    return resolve

"""jekyll-relative-links 0.7 (GitHub Pages pins 0.6.1): in Markdown pages, and in posts and
documents with `relative_links: {collections: true}`, a link to a source file (`writing.md`,
`../docs/README.md`, `_posts/2020-01-01-old.md`) becomes that file's URL (spec §11.5).

notelint applies it when judging links: a relative link naming a source file that has a URL
leads there.
"""

from __future__ import annotations

import posixpath
import urllib.parse
from typing import Any


def applies(config: Any, kind: str) -> bool:
    if kind == "page":
        return True
    settings = config.get("relative_links")
    return isinstance(settings, dict) and settings.get("collections") is True


def source_path(link: str, source: str) -> str | None:
    """The site-relative source path a relative link names, from the file at `source`."""
    parts = urllib.parse.urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = urllib.parse.unquote(parts.path)
    folder = "" if path.startswith("/") else posixpath.dirname(source)
    joined = posixpath.normpath(posixpath.join(folder, path.lstrip("/")))
    return None if joined.startswith("..") else joined

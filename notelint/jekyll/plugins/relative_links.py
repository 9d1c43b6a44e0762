"""jekyll-relative-links 0.7 (GitHub Pages pins 0.6.1): in Markdown pages, and in posts and
documents with `relative_links: {collections: true}`, a link to a source file (`writing.md`,
`../docs/README.md`, `_posts/2020-01-01-old.md`) becomes that file's URL (spec §11.5).

notelint applies it when judging links (a relative link naming a source file that has a URL
leads there) and when rendering, where it rewrites the Markdown source as the plugin does,
before Liquid runs: inside code too, as the plugin's regular expression does not know code.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from collections.abc import Callable
from typing import Any

_TEXT = r"(.*?)"
_FRAGMENT = r"(#.+?|)?"
# As the plugin spells it, the second alternative's odd quotes included.
_TITLE = r"""(\s+"(?:\\"|[^"])*(?<!\\)"|\s+"(?:\\'|[^'])*(?<!\\)')?"""
_INLINE = rf"\[{_TEXT}\]\(([^)]+?){_FRAGMENT}{_TITLE}\)"
_REFERENCE = rf"^\s*?\[{_TEXT}\]: (.+?){_FRAGMENT}{_TITLE}\s*?$"
_LINK = re.compile(rf"({_INLINE}|{_REFERENCE})", re.M)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def applies(config: Any, kind: str) -> bool:
    settings = config.get("relative_links")
    settings = settings if isinstance(settings, dict) else {}
    if settings.get("enabled") is False:
        return False
    return kind == "page" or settings.get("collections") is True


def rewrite(content: str, source: str, url_of: Callable[[str], str | None]) -> str:
    """`content` of the file at `source` with each link to a source file that has a URL
    (`url_of(site-relative path)`, baseurl included) rewritten to that URL."""
    base = posixpath.dirname(source)

    def replace(match: re.Match[str]) -> str:
        inline = match.group(2) is not None
        text, path, fragment, title = match.group(*((2, 3, 4, 5) if inline else (6, 7, 8, 9)))
        if path.startswith("#") or _SCHEME.match(path):
            return match.group(0)
        absolute = path.startswith("/")
        joined = posixpath.normpath(posixpath.join("" if absolute else base, path.lstrip("/")))
        url = None if joined.startswith("..") else url_of(urllib.parse.unquote_plus(joined))
        if url is None:
            return match.group(0)
        target = url + (fragment or "") + (title or "")
        return f"[{text}]({target})" if inline else f"\n[{text}]: {target}"

    return _LINK.sub(replace, content)


def source_path(link: str, source: str) -> str | None:
    """The site-relative source path a relative link names, from the file at `source`."""
    parts = urllib.parse.urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = urllib.parse.unquote(parts.path)
    folder = "" if path.startswith("/") else posixpath.dirname(source)
    joined = posixpath.normpath(posixpath.join(folder, path.lstrip("/")))
    return None if joined.startswith("..") else joined

"""jekyll-titles-from-headings 0.5.3: a Markdown page without `title` takes it from a heading
on its first non-blank line (ATX levels 1-3 or setext), inline Markdown stripped. Posts and
other documents only with `titles_from_headings: {collections: true}`, and then the heading
replaces even a `title:` of the front matter (spec §11.5). With `strip_title: true` (in the
config or the front matter) the heading it took a title from is cut from the content."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..site import Site

_ATX = re.compile(r"\A {0,3}#{1,3}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\Z")
_SETEXT = re.compile(r"\A {0,3}(?:=+|-+)[ \t]*\Z")
_INLINE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]+")
# The plugin's TITLE_REGEX, which strip_title cuts (Ruby's `$` is Python's MULTILINE `$`).
_TITLE = re.compile(r"\A\s*(?:#{1,3}\s+(.*)(?:\s+#{1,3})?|(.*)\r?\n[-=]+\s*)$", re.M)


def for_documents(config: Any) -> bool:
    settings = config.get("titles_from_headings")
    return isinstance(settings, dict) and settings.get("collections") is True


def title(body: str) -> str | None:
    lines = body.lstrip("\r\n").splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return None
    atx = _ATX.match(lines[0])
    if atx is not None:
        text = atx.group(1)
    elif len(lines) > 1 and _SETEXT.match(lines[1]) and lines[0].strip():
        text = lines[0].strip()
    else:
        return None
    return _INLINE.sub(lambda m: m.group(1) or "", text).strip() or None


def runs_on(site: Site, ext: str) -> bool:
    """Whether the plugin runs on a file with this extension (pages; Markdown only)."""
    settings = site.config.get("titles_from_headings")
    return "jekyll-titles-from-headings" in site.plugin_names and \
        ext.lower() in site.markdown_exts and \
        not (isinstance(settings, dict) and settings.get("enabled") is False)


def strips(config: Any, data: dict[str, Any]) -> bool:
    """Whether the content loses its title heading (front matter beats the config)."""
    if "strip_title" in data:
        return data["strip_title"] is True
    settings = config.get("titles_from_headings")
    return isinstance(settings, dict) and settings.get("strip_title") is True


def strip(content: str) -> str:
    return _TITLE.sub("", content).strip()

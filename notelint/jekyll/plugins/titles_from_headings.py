"""jekyll-titles-from-headings 0.5.3: a Markdown page without `title` takes it from a heading
on its first non-blank line (ATX levels 1-3 or setext), inline Markdown stripped. Posts and
other documents only with `titles_from_headings: {collections: true}`, and then the heading
replaces even a `title:` of the front matter (spec §11.5)."""

from __future__ import annotations

import re
from typing import Any

_ATX = re.compile(r"\A {0,3}#{1,3}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\Z")
_SETEXT = re.compile(r"\A {0,3}(?:=+|-+)[ \t]*\Z")
_INLINE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]+")


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

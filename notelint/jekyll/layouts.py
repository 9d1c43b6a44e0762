"""A layout file: its front matter (for `layout.*` and the parent layout) and its body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import frontmatter


@dataclass(frozen=True)
class Layout:
    data: dict[str, Any]
    body: str


def read_layout(path: Path) -> Layout:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Layout({}, "")
    front = frontmatter.parse(text)
    if not front.present:
        return Layout({}, text)
    return Layout(front.mapping, text[front.body_offset:])

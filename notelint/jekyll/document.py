"""A file as Jekyll reads it: text decoded as `bom|utf-8`, then front matter and content.

Posts, layouts and the pages whose ids or permalinks notelint needs are all read here, and so
is every post read through notelint's python-frontmatter handler (`notelint.read_post`): one
reader, one set of rules for where front matter starts and ends and how its YAML is typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import sitefs
from ..source import SourceText
from . import frontmatter


@dataclass
class Document:
    source: SourceText
    front_matter: frontmatter.FrontMatter

    @property
    def content(self) -> str:
        """Jekyll's `content`: the text after the front matter (all of it without one)."""
        if not self.front_matter.present:
            return self.source.text
        return self.source.text[self.front_matter.body_offset:]

    @property
    def metadata(self) -> dict[Any, Any]:
        """The front matter Jekyll uses: empty when there is none or Jekyll drops it."""
        return self.front_matter.mapping


def from_bytes(data: bytes, *, load: bool = True) -> Document:
    """Decode and split a file's bytes; `load=False` leaves the YAML for the caller to load
    (`frontmatter.load_yaml`) only if it needs it. Raises SourceError on undecodable bytes."""
    source = SourceText.from_bytes(data)
    front_matter = frontmatter.split(source.text)
    if load and front_matter.present:
        frontmatter.load_yaml(front_matter)
    return Document(source, front_matter)


def read(path: Path, root: Path | None, *, load: bool = True) -> Document:
    """Read a file as Jekyll does, only inside the site `root` (None: a file the user named);
    raises OSError or SourceError."""
    return from_bytes(sitefs.read_bytes(path, root), load=load)

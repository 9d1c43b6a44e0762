"""Jekyll's reading of front matter, for python-frontmatter users.

`JekyllHandler` plugs notelint's reader into python-frontmatter's handler interface;
`read_post` reads a file exactly as Jekyll does and returns the same `frontmatter.Post`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler

from .jekyll import document
from .jekyll.frontmatter import FRONT_MATTER_RE, FrontMatter, load_yaml, split
from .jekyll.safeyaml import guess

__all__ = ["JekyllHandler", "read_post"]


class JekyllHandler(BaseHandler):
    """Splits and loads front matter as Jekyll does, and writes YAML Jekyll reads back.

    - Front matter is found only where Jekyll finds it: a first line `---`, closed by a line
      `---` or `...`.
    - Values are typed as Jekyll's YAML loader types them (`2020-3-4` is a date, `1,000` the
      integer 1000, `yes` true), not as PyYAML's YAML 1.1 rules do.
    - Front matter Jekyll cannot read gives no metadata, as Jekyll publishes such a page
      without its front matter (`notelint check` says why).
    - Keys that are not strings become strings (python-frontmatter passes metadata as keyword
      arguments).
    - `export` quotes every string Jekyll would read back as something else.

    python-frontmatter strips the text before a handler sees it, so through
    `frontmatter.load`/`loads`, blank lines before the opening `---` are lost: Jekyll would
    read such a file as having no front matter. `read_post` reads the file as it is.
    """

    FM_BOUNDARY = FRONT_MATTER_RE
    START_DELIMITER = END_DELIMITER = "---"

    def detect(self, text: str) -> bool:
        return split(text).present

    def split(self, text: str) -> tuple[str, str]:
        fm = split(text)
        if not fm.present:
            # python-frontmatter's cue for "no front matter": the whole text is the content.
            raise ValueError("no front matter where Jekyll looks for it")
        return fm.text, text[fm.body_offset:]

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        front = FrontMatter(present=True, text=fm)
        load_yaml(front)
        return _string_keys(front.mapping)

    def export(self, metadata: dict[str, object], **kwargs: Any) -> str:
        kwargs.setdefault("Dumper", _JekyllDumper)
        kwargs.setdefault("default_flow_style", False)
        kwargs.setdefault("allow_unicode", True)
        kwargs.setdefault("sort_keys", False)
        return yaml.dump(metadata, **kwargs).strip()


def read_post(path: str | os.PathLike[str]) -> frontmatter.Post:
    """Read a post, page or layout exactly as Jekyll does.

    Returns a `frontmatter.Post` whose `metadata` is the front matter Jekyll uses and whose
    `content` is Jekyll's `content` (the text after the front matter, unstripped). Raises
    OSError when the file cannot be read and `notelint.SourceError` (a ValueError) when it
    is not UTF-8 text.
    """
    read = document.read(Path(path), None)
    post = frontmatter.Post(read.content, JekyllHandler())
    post.metadata.update(_string_keys(read.metadata))
    return post


def _string_keys(mapping: dict[Any, Any]) -> dict[str, Any]:
    return {key if isinstance(key, str) else str(key): value for key, value in mapping.items()}


class _JekyllDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting the strings SafeYAML would type otherwise."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    typed = guess(value)
    style = "'" if type(typed) is not str or typed != value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_JekyllDumper.add_representer(str, _represent_str)
_JekyllDumper.add_multi_representer(str, _represent_str)

"""Edits on front-matter YAML that rules offer as fixes.

PyYAML's marks count code points from the start of the YAML text, which starts at the
file's first character (the opening `---`), so a node's marks are offsets in the file text.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import Node, ScalarNode

from ..diagnostics import Edit

_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_ .+#/-]*(?<! )")
_RESOLVER = yaml.resolver.Resolver()


def yaml_string(text: str) -> str:
    """`text` as a YAML scalar that reads back as this very string."""
    if _PLAIN.fullmatch(text) and " #" not in text \
            and _RESOLVER.resolve(ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str":
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def replace_scalar(node: Node, text: str) -> Edit | None:
    """Write `text` in place of a one-line scalar, keeping its quotes; None for other nodes."""
    if not isinstance(node, ScalarNode) or node.style not in (None, "", "'", '"') \
            or node.start_mark.line != node.end_mark.line:
        return None
    start, end = node.start_mark.index, node.end_mark.index
    if node.style == "'":
        written = "'" + text.replace("'", "''") + "'"
    elif node.style == '"':
        written = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    else:
        written = yaml_string(text)
    return Edit(start, end, written)


def replace_node(node: Node, written: str) -> Edit | None:
    """Write YAML text in place of a one-line node; None when the node spans lines."""
    if node.start_mark.line != node.end_mark.line:
        return None
    return Edit(node.start_mark.index, node.end_mark.index, written)

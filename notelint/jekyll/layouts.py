"""A layout file: its front matter (for `layout.*` and the parent layout) and its body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..source import SourceError
from . import document


@dataclass(frozen=True)
class Layout:
    data: dict[str, Any]
    body: str
    problem: str | None = None  # why it could not be read (then data and body are empty)


def read_layout(path: Path, root: Path) -> Layout:
    try:
        read = document.read(path, root)
    except OSError as exc:
        return Layout({}, "", exc.strerror or str(exc))
    except SourceError as exc:
        return Layout({}, "", str(exc))
    return Layout(read.metadata, read.content)

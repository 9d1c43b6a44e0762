"""The mistune plugins that make mistune parse like kramdown, in the order they register."""

from __future__ import annotations

from collections.abc import Callable

from mistune import Markdown

from .typography import typography

PLUGINS: tuple[Callable[[Markdown], None], ...] = (typography,)

"""The mistune plugins that make mistune parse like kramdown, in the order they register."""

from __future__ import annotations

from collections.abc import Callable

from mistune import Markdown

from .abbr import abbr
from .def_list import def_list
from .extensions import extensions
from .footnotes import footnotes
from .math import math
from .span_ial import span_ial
from .strikethrough import strikethrough
from .table import table
from .typography import typography

PLUGINS: tuple[Callable[[Markdown], None], ...] = (
    extensions, table, footnotes, abbr, math, def_list, strikethrough, span_ial, typography)

"""jekyll-include-cache 0.2: `{% include_cached %}` renders like `{% include %}` (cached per
file and parameters for the whole build, spec §11.6)."""

from __future__ import annotations

from ..liquid_tags import IncludeTag


class IncludeCachedTag(IncludeTag):
    name = "include_cached"


TAGS = (IncludeCachedTag,)

"""jekyll-readme-index 0.3.0: in a folder with no index page, a `README` with a Markdown
extension becomes the folder's index (`docs/README.md` is `docs/index.html`, URL `/docs/`).
A README with front matter does so only with `readme_index: {with_frontmatter: true}`; the
README itself is still copied unless `remove_originals: true` (spec §11.5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

_INDEXES = ("index.md", "index.markdown", "index.html", "index.htm")


def _settings(config: Any) -> dict[str, Any]:
    settings = config.get("readme_index")
    return settings if isinstance(settings, dict) else {}


def is_index(path: Path, stem: str, has_front_matter: bool, config: Any) -> bool:
    """Whether this file becomes its folder's index page."""
    if stem.lower() != "readme" or _settings(config).get("enabled") is False:
        return False
    if has_front_matter and _settings(config).get("with_frontmatter") is not True:
        return False
    return not any((path.parent / name).is_file() for name in _INDEXES)


def keeps_original(config: Any) -> bool:
    return _settings(config).get("remove_originals") is not True

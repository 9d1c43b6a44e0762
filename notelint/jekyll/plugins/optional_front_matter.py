"""jekyll-optional-front-matter 0.3.2: a Markdown file without front matter becomes a page
(spec §11.5), except README, LICENSE, LICENCE, COPYING, CODE_OF_CONDUCT, CONTRIBUTING,
ISSUE_TEMPLATE and PULL_REQUEST_TEMPLATE, which stay plain copies unless the site lists them
in `include:`. The original is still
copied unless `optional_front_matter: {remove_originals: true}`."""

from __future__ import annotations

from typing import Any

_KEPT = {"readme", "license", "licence", "copying", "code_of_conduct", "contributing",
         "issue_template", "pull_request_template"}


def _settings(config: Any) -> dict[str, Any]:
    settings = config.get("optional_front_matter")
    return settings if isinstance(settings, dict) else {}


def active(config: Any) -> bool:
    settings = _settings(config)
    return settings.get("enabled") is not False and config.get("require_front_matter") \
        is not True


def becomes_page(stem: str, rel: str, config: Any) -> bool:
    # A file the site lists in `include:` is converted even with one of those names (the
    # plugin's `whitelisted?`): hydejack's LICENSE.md becomes /LICENSE/.
    return stem.lower() not in _KEPT or rel in config.include


def keeps_original(config: Any) -> bool:
    return _settings(config).get("remove_originals") is not True

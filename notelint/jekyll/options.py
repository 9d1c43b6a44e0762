"""Options of `_config.yml` that the site's build rejects or does not do what they say.

Each was checked against the reference Jekyll 4.3 (the gem's behaviour) and GitHub Pages'
configuration (`github/pages-gem`, lib/github-pages/configuration.rb, spec §11.9):

- `markdown:` other than kramdown: the gem's build stops ("Invalid Markdown processor given")
  unless a plugin defines that processor; GitHub Pages converts with kramdown whatever it says
  (but `gfm`, its CommonMark).
- `relative_permalinks: true`: gone since Jekyll 3.0; every build stops on it.
- `gems:`: renamed `plugins:` in Jekyll 3.5; Jekyll 4 no longer reads it, so its plugins are
  not loaded.
- `highlighter: pygments`: Jekyll 4 has no Pygments: fenced code blocks are published without
  highlighting (the `{% highlight %}` tag falls back to Rouge, with a warning). GitHub Pages
  always highlights with Rouge.
- `safe: false` and `lsi: true`: GitHub Pages always builds in safe mode, without LSI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .build import Build


@dataclass(frozen=True)
class OptionProblem:
    key: str
    fatal: bool  # the build stops on it
    message: str


# Markdown processors plugins define (Jekyll looks the name up among its converters' classes).
_PROCESSORS = {"jekyll-commonmark": "CommonMark", "jekyll-commonmark-ghpages": "CommonMarkGhPages"}


def problems(data: dict[str, Any], build: Build, plugin_names: Iterable[str],
             plugins_unknown: bool) -> list[OptionProblem]:
    """What the build does with the site's options, where it is not what they say.
    `plugins_unknown`: the site runs code notelint does not know (which may define a Markdown
    processor)."""
    found = []
    names = set(plugin_names)
    jekyll4 = not build.github_pages and build.major >= 4
    if _truthy(data.get("relative_permalinks")):
        found.append(OptionProblem("relative_permalinks", True, (
            "Jekyll stops the build: `relative_permalinks` is gone since Jekyll 3.0 (a page's "
            "permalink is relative to the site's folder); remove it")))
    markdown = data.get("markdown")
    if isinstance(markdown, str) and markdown.lower() != "kramdown":
        if build.github_pages:
            if markdown.lower() != "gfm":
                found.append(OptionProblem("markdown", False, (
                    f"GitHub Pages ignores `markdown: {markdown}` and converts Markdown with "
                    "kramdown")))
        elif markdown not in {_PROCESSORS[n] for n in names if n in _PROCESSORS} and \
                not plugins_unknown:
            found.append(OptionProblem("markdown", True, (
                f'Jekyll stops the build: "{markdown}" is not a Markdown processor it has '
                "(only kramdown: Redcarpet, RDiscount and Maruku were removed in Jekyll 3.0)")))
    if jekyll4 and "gems" in data:
        listed = data.get("gems")
        which = ", ".join(str(g) for g in listed) if isinstance(listed, list) and listed \
            else "nothing"
        found.append(OptionProblem("gems", False, (
            f"Jekyll {build.jekyll} ignores `gems:` (renamed `plugins:` in Jekyll 3.5), so it "
            f"does not load {which}; list them under `plugins:`")))
    highlighter = data.get("highlighter")
    if isinstance(highlighter, str) and highlighter.lower().startswith("pygments"):
        if jekyll4:
            found.append(OptionProblem("highlighter", False, (
                f"Jekyll {build.jekyll} has no Pygments: fenced code blocks are published "
                "without highlighting; use `highlighter: rouge`")))
        elif build.github_pages:
            found.append(OptionProblem("highlighter", False, (
                f"GitHub Pages ignores `highlighter: {highlighter}` and highlights with Rouge")))
    if build.github_pages:
        if data.get("safe") is False:
            found.append(OptionProblem("safe", False, (
                "GitHub Pages ignores `safe: false`: it always builds in safe mode (only its "
                "allowed plugins, no `_plugins`)")))
        if _truthy(data.get("lsi")):
            found.append(OptionProblem("lsi", False, (
                "GitHub Pages ignores `lsi: true`: related posts are the most recent ones")))
    return found


def _truthy(value: object) -> bool:
    return value is not None and value is not False

"""Which Jekyll builds a site: GitHub Pages, or the Jekyll gem through Bundler.

Read from the site's files (spec §11.9): a Gemfile that asks for the `github-pages` gem, or
no Gemfile at all, means GitHub Pages (Jekyll 3.10.0 in safe mode, its pinned plugins, its
default plugins always on, `future: true`, the primer theme unless `theme:` says otherwise,
`_plugins/*.rb` never run). Otherwise the Jekyll gem named in the Gemfile, at the version
`Gemfile.lock` pins. The `build` setting of notelint's configuration overrides both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

GITHUB_PAGES = "github-pages"
GEM = "jekyll-4"
KINDS = (GITHUB_PAGES, GEM)

# github/pages-gem, lib/github-pages/plugins.rb: always on, and the only ones loaded.
DEFAULT_PLUGINS = ("jekyll-coffeescript", "jekyll-commonmark-ghpages", "jekyll-gist",
                   "jekyll-github-metadata", "jekyll-paginate", "jekyll-default-layout",
                   "jekyll-titles-from-headings", "jekyll-optional-front-matter",
                   "jekyll-relative-links", "jekyll-readme-index")
ALLOWED_PLUGINS = frozenset(DEFAULT_PLUGINS) | {
    "jekyll-feed", "jekyll-redirect-from", "jekyll-seo-tag", "jekyll-sitemap", "jekyll-avatar",
    "jemoji", "jekyll-mentions", "jekyll-include-cache", "jekyll-octicons",
    "jekyll-remote-theme"}

_GITHUB_PAGES_GEM = re.compile(r"""^\s*gem\s+['"]github-pages['"]""", re.M)
_LOCKED_JEKYLL = re.compile(r"^    jekyll \(([\d.]+)\)$", re.M)


@dataclass(frozen=True)
class Build:
    kind: str  # GITHUB_PAGES or GEM
    jekyll: str  # the Jekyll version, as far as the files tell
    reason: str  # how notelint knows, for the report

    @property
    def github_pages(self) -> bool:
        return self.kind == GITHUB_PAGES

    @property
    def major(self) -> int:
        """The Jekyll major version (4 when the files do not tell)."""
        head = self.jekyll.split(".", 1)[0]
        return int(head) if head.isdigit() else 4

    def describe(self) -> str:
        if self.github_pages:
            return f"GitHub Pages (Jekyll {self.jekyll}, safe mode), {self.reason}"
        return f"the Jekyll gem ({self.jekyll}), {self.reason}"


def detect(root: Path, setting: str | None = None) -> Build:
    if setting == GITHUB_PAGES:
        return Build(GITHUB_PAGES, "3.10.0", "as the configuration says")
    if setting == GEM:
        return Build(GEM, _locked(root) or "4.3", "as the configuration says")
    gemfile = _read(root / "Gemfile")
    if gemfile is None:
        return Build(GITHUB_PAGES, "3.10.0", "as the site has no Gemfile")
    if _GITHUB_PAGES_GEM.search(gemfile):
        return Build(GITHUB_PAGES, "3.10.0", "as its Gemfile asks for github-pages")
    locked = _locked(root)
    if locked:
        return Build(GEM, locked, "as Gemfile.lock pins it")
    return Build(GEM, "4.3", "as its Gemfile asks for Jekyll")


def _locked(root: Path) -> str | None:
    text = _read(root / "Gemfile.lock")
    match = _LOCKED_JEKYLL.search(text) if text else None
    return match.group(1) if match else None


def _read(path: Path) -> str | None:
    try:
        # A Gemfile is small; a huge or unreadable one tells nothing.
        if not path.is_file() or path.stat().st_size > 1_000_000:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None

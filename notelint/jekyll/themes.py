"""Gem themes: the layouts and includes a site gets from `theme:` without having the files.

notelint ships the file names of the themes it knows (read from the released gems). A site
whose theme it does not know, or that uses `remote_theme:`, may get any layout or include
from it, so nothing missing is asserted there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import Build


@dataclass(frozen=True)
class Theme:
    name: str
    layouts: frozenset[str]
    includes: frozenset[str] | None  # None: not known, any include may come from it
    plugins: tuple[str, ...] = ()  # gems the theme depends on, loaded whatever `plugins:` says
    assets: tuple[str, ...] = ()  # files it publishes (a stylesheet compiled from its Sass)


KNOWN = {theme.name: theme for theme in (
    # minima 2.5.1, GitHub Pages' pinned version (spec §11.7).
    Theme("minima", frozenset({"default", "home", "page", "post"}),
          frozenset({"disqus_comments.html", "footer.html", "google-analytics.html", "head.html",
                     "header.html", "icon-github.html", "icon-github.svg", "icon-twitter.html",
                     "icon-twitter.svg", "social.html"}),
          ("jekyll-feed", "jekyll-seo-tag"),
          ("assets/main.css", "assets/minima-social-icons.svg")),
    # GitHub Pages' default theme (spec §11.9): one layout.
    Theme("jekyll-theme-primer", frozenset({"default"}), None, ("jekyll-seo-tag",)),
)}

_GEM_NAME = re.compile(r"\A[A-Za-z0-9][\w.-]*\Z")


def outputs(theme: Theme | None, build: Build) -> list[str]:
    """Files the theme publishes; the gem's sass-converter 2 adds a source map (GitHub
    Pages' 1.5 does not, spec §11.9)."""
    if theme is None:
        return []
    maps = [f"{a}.map" for a in theme.assets if a.endswith(".css") and not build.github_pages]
    return [*theme.assets, *maps]


@dataclass(frozen=True)
class SiteTheme:
    """The theme a site's build uses: None when it has none."""

    name: str | None
    known: Theme | None

    @property
    def opaque(self) -> bool:
        """A theme whose files notelint cannot list: anything may come from it."""
        return self.name is not None and self.known is None


def site_theme(config: Any, build: Build, root: Path | None = None) -> SiteTheme:
    remote = config.get("remote_theme")
    if remote:
        return SiteTheme(str(remote), None)
    if build.github_pages and "theme" not in config.data:
        return SiteTheme("jekyll-theme-primer", KNOWN["jekyll-theme-primer"])
    theme = config.get("theme")
    if not isinstance(theme, str) or not _GEM_NAME.match(theme):
        return SiteTheme(None, None) if not theme else SiteTheme(str(theme), None)
    installed = vendored(root, theme) if root is not None else None
    return SiteTheme(theme, installed or KNOWN.get(theme))


def vendored(root: Path, name: str) -> Theme | None:
    """The theme gem as Bundler installed it inside the site (`vendor/bundle`): the names of
    its layouts and includes. Nothing outside the site is read."""
    site = root.resolve()
    folders = sorted(root.glob(f"vendor/bundle/ruby/*/gems/{name}-[0-9]*"))
    for folder in reversed(folders):  # the newest version Bundler kept
        if not folder.resolve().is_relative_to(site):
            continue
        layouts = _names(folder / "_layouts", site, strip=True)
        includes = _names(folder / "_includes", site, strip=False)
        known = KNOWN.get(name)
        return Theme(name, layouts, includes, known.plugins if known else ())
    return None


def _names(folder: Path, site: Path, *, strip: bool) -> frozenset[str]:
    if not folder.is_dir() or not folder.resolve().is_relative_to(site):
        return frozenset()
    found = set()
    for path in folder.rglob("*"):
        if path.is_file():
            relative = path.relative_to(folder).as_posix()
            found.add(relative.rpartition(".")[0] or relative if strip else relative)
    return frozenset(found)

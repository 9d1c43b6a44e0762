"""Gem themes: the layouts and includes a site gets from `theme:` without having the files.

notelint ships the file names of the themes it knows (`themes.json`: minima and GitHub
Pages' supported themes, at the versions GitHub Pages pins). A site
whose theme it does not know, or that uses `remote_theme:`, may get any layout or include
from it, so nothing missing is asserted there.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import Build


@dataclass(frozen=True)
class Theme:
    name: str
    layouts: frozenset[str]
    includes: frozenset[str]
    plugins: tuple[str, ...] = ()  # gems the theme depends on, loaded whatever `plugins:` says
    assets: tuple[str, ...] = ()  # files it publishes (a stylesheet compiled from its Sass)


@cache
def known(name: str) -> Theme | None:
    """A theme notelint ships the file names of (themes.json: read from each theme's
    repository at the version GitHub Pages pins; minima from the spec, §11.7)."""
    return _data().get(name)


@cache
def _data() -> dict[str, Theme]:
    # Read on first use, not at start-up: most runs never ask.
    raw = json.loads(resources.files(__package__).joinpath("themes.json").read_text("utf-8"))
    return {name: Theme(name, frozenset(t["layouts"]), frozenset(t["includes"]),
                        tuple(t["plugins"]), tuple(t["assets"])) for name, t in raw.items()}

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
        return SiteTheme("jekyll-theme-primer", known("jekyll-theme-primer"))
    theme = config.get("theme")
    if not isinstance(theme, str) or not _GEM_NAME.match(theme):
        return SiteTheme(None, None) if not theme else SiteTheme(str(theme), None)
    installed = vendored(root, theme) if root is not None else None
    return SiteTheme(theme, installed or known(theme))


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
        listed = known(name)
        return Theme(name, layouts, includes, listed.plugins if listed else ())
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

"""Gem themes: the layouts and includes a site gets from `theme:` without having the files.

Where the theme gem is installed (Bundler's `vendor/bundle` in the site, the site's
`.bundle/config` path, GEM_HOME, GEM_PATH, the user's and the system's gem folders), notelint
reads its layouts and includes from there, as Jekyll does, and renders them (and, to publish
the site, its `assets/` and `_sass`); it reads nothing else outside the site, and nothing in the
gem's folder that leads out of it. Otherwise it
knows the file names of the themes it ships (`themes.json`: minima and GitHub Pages' supported
themes, at the versions GitHub Pages pins). A site whose theme it does not know, or that uses
`remote_theme:`, may get any layout or include from it, so nothing missing is asserted there.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import sitefs

if TYPE_CHECKING:
    from .build import Build


@dataclass(frozen=True)
class Theme:
    name: str
    layouts: frozenset[str]
    includes: frozenset[str]
    plugins: tuple[str, ...] = ()  # gems the theme depends on, loaded whatever `plugins:` says
    assets: tuple[str, ...] = ()  # files it publishes (a stylesheet compiled from its Sass)
    folder: Path | None = None  # the installed gem, when notelint found it

    def layout_path(self, name: str) -> Path | None:
        """The installed theme's file for layout `name` (`_layouts/name.*`)."""
        if self.folder is None or name not in self.layouts:
            return None
        return _layout_file(self.folder, name)

    def include_path(self, name: str) -> Path | None:
        """The installed theme's include `name`."""
        if self.folder is None or name not in self.includes:
            return None
        return self.folder / "_includes" / name


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
    found = installed(root, theme) if root is not None else None
    return SiteTheme(theme, found or known(theme))


@cache
def _layout_file(folder: Path, name: str) -> Path | None:
    # Looked up for every post rendered with the layout: the folder is listed once.
    return next(iter(sorted((folder / "_layouts").glob(f"{glob_escape(name)}.*"))), None)


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def installed(root: Path, name: str) -> Theme | None:
    """The theme gem where Bundler or RubyGems installed it: its layouts and includes, read
    from the first gem folder that has it, at the version `Gemfile.lock` pins if it says."""
    pinned = _locked_version(root, name)
    for gems in gem_folders(root):
        versions = [f for f in gems.glob(f"{glob_escape(name)}-[0-9]*") if f.is_dir()
                    and _version(f.name[len(name) + 1:]) is not None]
        if pinned is not None:
            versions = [f for f in versions if f.name == f"{name}-{pinned}"]
        if not versions:
            continue
        folder = max(versions, key=lambda f: _version(f.name[len(name) + 1:]) or ())
        boundary = folder.resolve()
        listed = known(name)
        return Theme(name, _names(folder / "_layouts", boundary, strip=True),
                     _names(folder / "_includes", boundary, strip=False),
                     listed.plugins if listed else (), listed.assets if listed else (),
                     folder)
    return None


def gem_folders(root: Path) -> list[Path]:
    """Where Bundler and RubyGems look for gems, in their order: Bundler's install paths,
    then RubyGems' path. As in RubyGems, a GEM_PATH replaces the default folders (unless it
    ends with a separator), and GEM_HOME is searched last."""
    bundles = [root / "vendor/bundle"]
    configured = _bundle_config(root)
    if configured:
        bundles.append(root / configured)
    if os.environ.get("BUNDLE_PATH"):
        bundles.append(Path(os.environ["BUNDLE_PATH"]).expanduser())
    found = [gems for base in bundles for gems in sorted(base.glob("ruby/*/gems"))]
    gem_path = os.environ.get("GEM_PATH", "")
    homes = [Path(p).expanduser() for p in gem_path.split(os.pathsep) if p]
    if not gem_path or gem_path.endswith(os.pathsep):
        homes += default_gem_homes()
    if os.environ.get("GEM_HOME"):
        homes.append(Path(os.environ["GEM_HOME"]).expanduser())
    found += [home / "gems" for home in homes]
    return [f for f in dict.fromkeys(found) if f.is_dir()]


def default_gem_homes() -> list[Path]:
    """RubyGems' default folders: the user's, then the system's (as Debian and others lay
    them out), newest Ruby first."""
    user = Path("~").expanduser()
    homes = [*sorted(user.glob(".gem/ruby/*"), reverse=True),
             *sorted(user.glob(".local/share/gem/ruby/*"), reverse=True)]
    for base in ("/var/lib/gems", "/usr/local/lib/ruby/gems", "/usr/lib/ruby/gems"):
        homes += sorted(Path(base).glob("*"), reverse=True)
    homes.append(Path("/usr/share/rubygems-integration/all"))
    return homes


def _bundle_config(root: Path) -> str | None:
    try:
        text = (root / ".bundle/config").read_text("utf-8", errors="replace")
    except OSError:
        return None
    match = re.search(r"^BUNDLE_PATH:\s*[\"']?([^\"'\n]+)", text, re.M)
    return match.group(1).strip() if match else None


def _locked_version(root: Path, name: str) -> str | None:
    try:
        text = (root / "Gemfile.lock").read_text("utf-8", errors="replace")
    except OSError:
        return None
    match = re.search(rf"^    {re.escape(name)} \(([^)\s]+)\)", text, re.M)
    return match.group(1) if match else None


def _version(text: str) -> tuple[int, ...] | None:
    return tuple(int(p) for p in text.split(".")) if re.fullmatch(r"\d+(\.\d+)*", text) \
        else None


def _names(folder: Path, site: Path, *, strip: bool) -> frozenset[str]:
    if not folder.is_dir() or not folder.resolve().is_relative_to(site):
        return frozenset()
    found = set()
    for path in folder.rglob("*"):
        if path.is_file():
            relative = path.relative_to(folder).as_posix()
            found.add(relative.rpartition(".")[0] or relative if strip else relative)
    return frozenset(found)


@dataclass(frozen=True)
class ThemeAsset:
    """A file of the installed theme's `assets/` folder, which Jekyll publishes as the site's
    own unless the site has a file at the same path."""

    relative_path: str  # as the site would hold it: `assets/main.scss`
    path: Path
    front_matter: bool  # a page (Sass compiled, Liquid run); else copied as it is


def assets(theme: Theme | None, taken: set[str]) -> list[ThemeAsset]:
    """The theme's assets the site does not override (Jekyll's ThemeAssetsReader), sorted;
    symbolic links are skipped, as Jekyll skips them."""
    if theme is None or theme.folder is None:
        return []
    base = theme.folder / "assets"
    found = []
    for folder, dirs, files in os.walk(base):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            relative = path.relative_to(theme.folder).as_posix()
            if path.is_symlink() or relative in taken:
                continue
            try:
                head = sitefs.head(path, theme.folder, 5)
            except OSError:
                continue
            found.append(ThemeAsset(relative, path, head.startswith(
                (b"---\n", b"---\r\n", b"--- ", b"---\t"))))
    return sorted(found, key=lambda a: a.relative_path)

"""The Jekyll plugins notelint models, one small module each, as data about a site.

A plugin module says what the plugin adds: Liquid tags (`TAGS`), files it publishes
(`outputs(site)`), and the like. `enabled(config)` is the list a site's build loads: its
`plugins:` (or the older `gems:`, which only Jekyll 3 reads), plus the plugins its theme
depends on. Tags that a site's own `_plugins/*.rb` registers are read by name
(`local_tags`), so they are not "unknown".
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from .. import themes
from ..build import ALLOWED_PLUGINS, DEFAULT_PLUGINS

if TYPE_CHECKING:
    from ..build import Build
    from ..config import SiteConfig
    from ..site import Site

# The modelled plugins' modules, imported when a site enables them: those with Liquid tags
# import Liquid, which a run that reuses its last report never needs.
MODULES: dict[str, str] = {
    "jekyll-archives": "archives",
    "jekyll-feed": "feed",
    "jekyll-paginate": "paginate",
    "jekyll-paginate-v2": "paginate",
    "jekyll-redirect-from": "redirect_from",
    "jekyll-sitemap": "sitemap",
    "jekyll-gist": "gist",
    "jekyll-github-metadata": "github_metadata",
    "jekyll-include-cache": "include_cache",
    "jekyll-seo-tag": "seo_tag",
}

# Tags of plugins notelint knows by name but does not run: not "unknown" when the plugin is
# on; `render` writes a stub marker where they stand.
KNOWN_TAGS: dict[str, tuple[str, ...]] = {
    "jekyll-avatar": ("avatar",),
    "jekyll-last-modified-at": ("last_modified_at",),
    "jekyll-polyglot": ("static_href", "I18n_Headers"),
    "jekyll-scholar": ("bibliography", "bibliography_count", "bibtex", "cite", "cite_details",
                       "details", "nocite", "quote", "reference"),
    "jekyll-toc": ("toc",),
    "jekyll-octicons": ("octicon",),
}
# Plugins known to add no Liquid tag.
TAGLESS = frozenset({
    "jekyll-coffeescript", "jekyll-commonmark-ghpages", "jekyll-default-layout", "jemoji",
    "jekyll-mentions", "jekyll-optional-front-matter", "jekyll-readme-index",
    "jekyll-relative-links", "jekyll-remote-theme", "jekyll-titles-from-headings",
    "jekyll-sass-converter", "jekyll-compose", "jekyll-minifier", "jekyll-target-blank",
})

_REGISTER = re.compile(r"""register_(?:tag|block)\s*\(?\s*['":]([\w-]+)""")
_GENERATOR = re.compile(r"<\s*(?:Jekyll::)?Generator\b")
# `Page.new(site, base, "dir", name)` / `PageWithoutAFile.new(...)`: the folder it writes to.
_PAGE_DIR = re.compile(
    r"""Page(?:WithoutAFile)?\.new\(\s*site\s*,\s*[^,()]+,\s*(?:['"]([^'"#]*)['"]|)""")


@dataclass(frozen=True)
class LocalPlugins:
    """What notelint can tell of a site's own `_plugins/*.rb` without running them."""

    tags: frozenset[str] = frozenset()  # Liquid tags and blocks they register
    generators: tuple[str, ...] = ()  # files with a Generator: pages notelint cannot see
    generated_folders: frozenset[str] = frozenset()  # top-level folders they write pages to
    generated_anywhere: bool = False  # a generator whose folder cannot be read
    present: bool = False  # the site runs Ruby of its own (which may define anything)

    def may_generate(self, path: str) -> bool:
        """Whether a page at this site path may be one the site's own generators make."""
        if self.generated_anywhere:
            return True
        top = path.strip("/").split("/", 1)[0]
        return top in self.generated_folders


def names(config: SiteConfig, build: Build, theme: themes.SiteTheme) -> list[str]:
    """Every plugin the site's build loads, by gem name, in a stable order."""
    listed = config.get("plugins")
    if listed is None and (build.github_pages or build.major < 4):
        listed = config.get("gems")  # Jekyll 4 no longer reads it
    found = [str(p) for p in listed] if isinstance(listed, list) else []
    found += theme.known.plugins if theme.known is not None else ()  # its own dependencies
    if build.github_pages:
        found = [name for name in found if name in ALLOWED_PLUGINS] + list(DEFAULT_PLUGINS)
    return list(dict.fromkeys(found))


# Converter gems and the extensions they convert (a post in one of these is not published as
# it is when the gem is on).
CONVERTERS: dict[str, tuple[str, ...]] = {
    "jekyll-asciidoc": (".adoc", ".asciidoc", ".ad"),
    "jekyll-textile-converter": (".textile",),
    "jekyll-coffeescript": (".coffee",),
    "jekyll-sass-converter": (".scss", ".sass"),
    "jekyll-pandoc": (".pandoc",),
    "jekyll-org": (".org",),
    "jekyll-rst": (".rst",),
}


def converted(ext: str, names: Iterable[str]) -> bool | None:
    """Whether a converter plugin of the site converts files with extension `ext`: None
    when a plugin notelint does not know might."""
    names = list(names)
    if any(ext in CONVERTERS.get(name, ()) for name in names):
        return True
    return None if unknown(names) else False


def modules(names: Iterable[str]) -> list[ModuleType]:
    """The modelled plugins among them (each once)."""
    return [importlib.import_module(f"{__name__}.{module}")
            for module in dict.fromkeys(MODULES[name] for name in names if name in MODULES)]


def unknown(names: Iterable[str]) -> list[str]:
    """Enabled plugins notelint knows nothing of: any tag may be theirs."""
    return sorted(name for name in names if name not in MODULES and name not in KNOWN_TAGS
                  and name not in TAGLESS)


def known_tags(names: Iterable[str]) -> frozenset[str]:
    """Tag names of the enabled plugins notelint knows only by name."""
    return frozenset(tag for name in names for tag in KNOWN_TAGS.get(name, ()))


def outputs(site: Site) -> list[str]:
    """Files the site's plugins write that no source file stands for."""
    found: list[str] = []
    for module in modules(sorted(site.plugin_names)):
        found += getattr(module, "outputs", lambda _site: [])(site)
    return found


def local(root: Path, plugins_dir: str = "_plugins") -> LocalPlugins:
    """Read a site's own Ruby plugins for the names they register and the pages they make."""
    folder = root / plugins_dir
    if not folder.is_dir():
        return LocalPlugins()
    tags: set[str] = set()
    generators: list[str] = []
    folders: set[str] = set()
    anywhere = present = False
    site = root.resolve()
    for path in sorted(folder.rglob("*.rb")):
        try:
            # Only the site's own files, and no more than a plugin could sensibly be.
            if not path.resolve().is_relative_to(site) or path.stat().st_size > 1_000_000:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        present = True
        tags.update(_REGISTER.findall(text))
        if _GENERATOR.search(text):
            generators.append(path.relative_to(root).as_posix())
            found = _PAGE_DIR.findall(text)
            folders.update(f.strip("/").split("/", 1)[0] for f in found if f)
            # A generator that makes pages in a folder built at run time, or in ways this
            # cannot read: any missing page may be one of its.
            anywhere = anywhere or not found or any(not f for f in found)
    return LocalPlugins(frozenset(tags), tuple(generators), frozenset(folders) - {""}, anywhere,
                        present)

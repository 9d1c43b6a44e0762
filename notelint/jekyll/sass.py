"""Stylesheets from Sass, as jekyll-sass-converter compiles them.

Both builds compile with LibSass, as the `libsass` package does: GitHub Pages' converter 1.5
through Ruby Sass's compatible output, the gem's converter 2 through sassc. Their default
style is `compact`; `sass: style:` chooses another. A page's imports are looked up beside it,
then in the configured `load_paths` (not on GitHub Pages, whose safe mode drops them), the
site's `_sass` (`sass_dir`), then the theme gem's `_sass`. Only files inside the site or the
theme's folder are read: an import that leads elsewhere is an error, not a read.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import sitefs

if TYPE_CHECKING:
    from .site import Site

STYLES = ("nested", "expanded", "compact", "compressed")
PAGE_EXTS = (".scss", ".sass")  # a page of these (with front matter) becomes a stylesheet
_SASS_EXTS = (".scss", ".sass", ".css")


@dataclass(frozen=True)
class Stylesheet:
    css: str
    source_map: str | None  # the `.map` written beside it, when the build writes one


class SassError(Exception):
    """What stops the build on this stylesheet, in Sass's own words."""


def is_page(relative_path: str) -> bool:
    return relative_path.lower().endswith(PAGE_EXTS)


def options(site: Site) -> dict[str, Any]:
    value = site.config.get("sass")
    return value if isinstance(value, dict) else {}


def style(site: Site) -> str:
    chosen = str(options(site).get("style", "compact")).lstrip(":")
    return chosen if chosen in STYLES else "compact"


def writes_source_map(site: Site) -> bool:
    """The gem's converter 2 writes `<name>.css.map` unless `sourcemap: never` (or
    `development` outside development); GitHub Pages' 1.5 writes none."""
    if site.build.github_pages:
        return False
    chosen = str(options(site).get("sourcemap", "always")).lstrip(":")
    if chosen == "never":
        return False
    return chosen != "development" or os.environ.get("JEKYLL_ENV", "development") == \
        "development"


def load_paths(site: Site) -> list[Path]:
    """Where imports are looked up after the importing file's own folder."""
    found: list[Path] = []
    if not site.build.github_pages:
        configured = options(site).get("load_paths")
        for item in configured if isinstance(configured, list) else [configured] \
                if isinstance(configured, str) else []:
            folder = site.root / str(item)
            if sitefs.is_inside(folder, site.root):
                found.append(folder)
    found.append(site.root / str(options(site).get("sass_dir") or "_sass"))
    theme = site.theme.known
    if theme is not None and theme.folder is not None:
        found.append(theme.folder / "_sass")
    return found


def compile_stylesheet(site: Site, text: str, source: Path, output: str) -> Stylesheet:
    """Compile `text` (the page after Liquid) of the Sass page at `source`, written to
    `output` (its path under `_site`); raises SassError."""
    import sass  # libsass: imported only when a stylesheet is written

    roots = [site.root]
    theme = site.theme.known
    if theme is not None and theme.folder is not None:
        roots.append(theme.folder)
    with_map = writes_source_map(site)
    with tempfile.TemporaryDirectory(prefix="notelint-sass-") as scratch:
        # LibSass writes a source map only for a file: the page after Liquid is one here.
        entry = Path(scratch) / source.name
        entry.write_text(text, encoding="utf-8")
        missing: list[str] = []
        importer = _importer(source.parent, str(entry), load_paths(site), roots, missing)
        out = Path(scratch) / "out" / Path(output).name
        # The scratch file keeps the page's name: its extension tells `.sass` syntax.
        maps = {"source_map_filename": f"{out}.map", "output_filename_hint": str(out),
                "source_map_contents": True} if with_map else {}
        try:
            compiled = sass.compile(filename=str(entry), output_style=style(site),
                                    importers=[(0, importer)], **maps)
        except sass.CompileError as exc:
            raise SassError(missing[0] if missing else _message(str(exc), entry)) from None
    if not with_map:
        return Stylesheet(str(compiled), None)
    css, source_map = compiled
    return Stylesheet(css, _named_map(source_map, source.name))


def _importer(folder: Path, entry: str, paths: list[Path], roots: list[Path],
              missing: list[str]) -> Callable[[str, str], Any]:
    def find(path: str, prev: str) -> list[tuple[str, str]] | None:
        if path.endswith(".css") or path.startswith(("http://", "https://", "//", "url(")):
            return None  # a CSS import, written as it is: LibSass reads nothing for it
        here = folder if prev in (entry, "stdin") else Path(prev).parent
        for base in (here, *paths):
            for candidate in _candidates(base / path):
                if candidate.is_file():
                    root = next((r for r in roots if sitefs.is_inside(candidate, r)), None)
                    if root is None:
                        continue  # never read outside the site and the theme
                    text = sitefs.read_bytes(candidate, root).decode("utf-8", "replace")
                    return [(str(candidate), text)]
        missing.append(f'cannot import "{path}": no such file beside the stylesheet, in '
                       "_sass or in the theme's _sass")
        raise LookupError(path)
    return find


def _candidates(path: Path) -> list[Path]:
    """The files Sass tries for `@import "path"`: partials first, then index files."""
    if path.suffix.lower() in _SASS_EXTS:
        return [path.with_name("_" + path.name), path]
    found = [path.parent / f"{prefix}{path.name}{ext}" for ext in _SASS_EXTS
             for prefix in ("_", "")]
    found += [path / f"{prefix}index{ext}" for ext in _SASS_EXTS[:2] for prefix in ("_", "")]
    return found


def _message(text: str, entry: Path) -> str:
    """Sass's first line, and where: a line of the page's text after Liquid, or of the
    partial it imports."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    message = (lines[0] if lines else "Sass could not compile it").removeprefix("Error: ")
    place = next((line for line in lines if line.startswith("on line ")), None)
    if place is None:
        return message
    where, _, name = place.removeprefix("on line ").partition(" of ")
    if name == "stdin" or (Path(name).name == entry.name and entry.parent.name in name):
        return f"{message} (line {where} of the stylesheet after Liquid)"
    return f"{message} (in {name} line {where})"


def _named_map(source_map: str, name: str) -> str:
    # The map names the page as Jekyll does (`main.scss`), not the scratch file compiled.
    data = json.loads(source_map)
    sources = data.get("sources") or []
    if sources:
        sources[0] = name
    return json.dumps(data, indent="\t")

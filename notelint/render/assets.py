"""`render -o`: what a site needs besides its pages to be browsed from the output folder.

The site's static files are copied (again only when they changed), its Sass pages and the
installed theme's are compiled to the stylesheets Jekyll writes, and the theme's other
assets are copied, all at their paths under `_site/` below the site's `baseurl`. What
notelint cannot produce (a plugin's feed or sitemap, the assets of a theme that is not
installed) is named in one line instead of going missing silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..jekyll import page as pages
from ..jekyll import plugins, sass, themes, urls
from ..jekyll.plugins import redirect_from
from ..jekyll.post import Post
from . import Renderer
from .jobs import OutputFolder, published_path


@dataclass
class AssetReport:
    written: int = 0
    problems: list[tuple[Path, str]] = field(default_factory=list)  # (source, why not written)
    missing: list[str] = field(default_factory=list)  # outputs notelint does not produce


def write_assets(renderer: Renderer, folder: OutputFolder, written: set[str],
                 browsable: bool) -> AssetReport:
    """Copy and compile the site's assets into `folder`; `written` holds the output paths
    the pages took, so that what is still missing can be named; `browsable`: below the
    site's `baseurl` (see `published_path`)."""
    site = renderer.site
    if site.loose:  # a folder of posts, not a site: it has no assets, nor a theme's
        return AssetReport()
    writer = _Writer(renderer, folder, browsable, set(written))
    for entry in site.entries:
        if entry.kind == "static" and not _source_map(entry.relative_path, entry.output_path):
            writer.copy(site.root / entry.relative_path, site.root, entry.output_path)
        elif entry.kind == "page" and sass.is_page(entry.relative_path):
            writer.stylesheet(site.read_entry(entry))
    theme = site.theme.known
    for asset in themes.assets(theme, {e.relative_path for e in site.entries}):
        assert theme is not None and theme.folder is not None  # assets come from it
        if not asset.front_matter:
            writer.copy(asset.path, theme.folder, asset.relative_path)
        elif sass.is_page(asset.relative_path):
            writer.stylesheet(pages.read_theme_page(site, theme.folder, asset.relative_path,
                                                    ".css"))
    if "jekyll-redirect-from" in site.plugin_names:
        for source, target in redirect_from.redirects(site):
            output = urls.output_path(source, ".html")
            if output not in writer.done:  # a page of the site's own at that URL wins
                writer.write(output, site.root, redirect_from.page(target))
        if redirect_from.writes_json(site) and "redirects.json" not in writer.done:
            writer.write("redirects.json", site.root, redirect_from.json_file(site))
    expected = plugins.outputs(site) + themes.outputs(theme, site.build)
    writer.report.missing = sorted({path for path in expected if path not in writer.done})
    return writer.report


def stylesheet(renderer: Renderer, page: Post) -> sass.Stylesheet:
    """The stylesheet a Sass page publishes: its Liquid, then Sass; raises SassError with
    what stops the build on it."""
    if page.read_error is not None or page.output_path is None:
        raise sass.SassError(page.read_error or "it has no URL")
    result = renderer.render(page)
    problem = next((p for p in result.problems if p.fatal), None)
    if problem is not None:
        raise sass.SassError(f"Liquid: {problem.message}")
    try:
        return sass.compile_stylesheet(renderer.site, result.html, page.path,
                                       page.output_path)
    except sass.SassError as exc:
        raise sass.SassError(f"Sass: {exc}") from None


def _source_map(source: str, output: str) -> bool:
    # The site model lists a Sass page's map as a static file: it is written with the CSS.
    return output.endswith(".map") and sass.is_page(source)


@dataclass
class _Writer:
    renderer: Renderer
    folder: OutputFolder
    browsable: bool
    done: set[str]  # output paths written (as under `_site`)
    report: AssetReport = field(default_factory=AssetReport)

    def copy(self, source: Path, root: Path, output: str) -> None:
        self._record(output, source, self.folder.copy(source, root, self._placed(output)))

    def write(self, output: str, source: Path, text: str) -> None:
        self._record(output, source, self.folder.write(self._placed(output), text))

    def stylesheet(self, page: Post) -> None:
        try:
            sheet = stylesheet(self.renderer, page)
        except sass.SassError as exc:
            self.report.problems.append((page.path, str(exc)))
            return
        assert page.output_path is not None  # a page without one raised above
        self.write(page.output_path, page.path, sheet.css)
        if sheet.source_map is not None:
            self.write(page.output_path + ".map", page.path, sheet.source_map)

    def _placed(self, output: str) -> str:
        return published_path(self.renderer.site, output, self.browsable)

    def _record(self, output: str, source: Path, refused: str | None) -> None:
        if refused is not None:
            self.report.problems.append((source, refused))
        else:
            self.report.written += 1
            self.done.add(output)

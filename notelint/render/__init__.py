"""Rendering a post as Jekyll 4.3 publishes it: Liquid, then kramdown-GFM, then normalized."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .. import sitefs
from ..jekyll.layouts import Layout, read_layout
from ..jekyll.liquid import Highlighter, JekyllEnvironment, LiquidProblem
from ..jekyll.plugins import redirect_from, relative_links, titles_from_headings
from ..jekyll.post import Post
from ..jekyll.site import Site
from ..source import SourceMap
from .limits import PageTooLarge

if TYPE_CHECKING:
    from .markdown import Converter

# mistune, Pygments and the HTML parser are imported when first needed: `check` runs
# only the Liquid stage, and a pre-commit hook pays for every import at start-up.


@dataclass(frozen=True)
class RenderResult:
    html: str  # as the converter wrote it; `normalized` is the published form
    heading_ids: tuple[str, ...] = ()
    problems: tuple[LiquidProblem, ...] = field(default_factory=tuple)
    markdown: str = ""  # the body after Liquid: what the converter read
    origin: SourceMap = field(default_factory=SourceMap)  # markdown offsets -> body offsets
    renamed_ids: tuple[tuple[str, str], ...] = ()  # (id the text gives, numbered id it got)
    raw_blocks: tuple[tuple[int, str], ...] = ()  # see JekyllHTMLRenderer.raw_blocks
    html_problems: tuple[tuple[str, str, int, int | None], ...] = ()  # JekyllHTMLRenderer's

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.problems)

    @cached_property
    def normalized(self) -> str:
        from .normalize import normalize
        return normalize(self.html)


class _SiteHighlighter(Highlighter):
    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer

    def highlight_figure(self, code: str, lang: str, linenos: bool) -> str:
        from . import highlight
        return highlight.figure(code, lang, linenos, colour=self.renderer.highlight)

    def markdownify(self, text: str) -> str:
        return self.renderer.converter.convert(text)[0]

    def smartify(self, text: str) -> str:
        html = self.renderer.converter.convert(text)[0].strip()
        return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html


class Renderer:
    """Everything needed to render the posts of one site, built once."""

    def __init__(self, site: Site, *, publish: bool = False, highlight: bool = True) -> None:
        """`publish`: render as Jekyll writes the page, with the plugins that rewrite a
        file's source before Liquid (titles-from-headings' strip_title, relative-links)
        applied. Checking leaves the source as written, so positions stay true; the link
        rules model those plugins themselves. `highlight`: colour code with Pygments (what
        checking reads of a page holds no code colours: it leaves them out, a tenth of its
        time)."""
        self.site = site
        self.publish = publish
        self.highlight = highlight
        self._layouts: dict[str, Layout] = {}  # read once, used for every post

    @cached_property
    def converter(self) -> Converter:
        from .markdown import Converter
        from .renderer import KramdownOptions
        options = KramdownOptions.from_config(self.site.config.get("kramdown"))
        if not self.highlight:
            options = dataclasses.replace(options, highlight_disabled=True)
        return Converter(options)

    @cached_property
    def published_files(self) -> dict[str, Path]:
        """The site's static files by the path they are published at."""
        return {e.output_path: self.site.root / e.relative_path for e in self.site.entries
                if e.kind == "static"}

    @cached_property
    def math(self) -> str | None:
        """The math engine the site's layouts and includes load ("mathjax", "katex")."""
        from .page import math_engine
        return math_engine(self.site, self._template_texts)

    def _template_texts(self) -> list[str]:
        site = self.site
        files = [(path, site.root) for path in site.layouts.values()]
        includes = site.folder("includes_dir", "_includes")
        files += [(includes / name, site.root) for name in sorted(site.includes)]
        theme = site.theme.known
        if theme is not None and theme.folder is not None:
            files += [(path, theme.folder) for folder in ("_layouts", "_includes")
                      for path in sorted((theme.folder / folder).glob("*"))]
        texts = []
        for path, root in files:
            try:
                texts.append(sitefs.read_bytes(path, root).decode("utf-8", "replace"))
            except OSError:
                continue
        return texts

    @cached_property
    def liquid(self) -> JekyllEnvironment:
        return JekyllEnvironment(self.site, _SiteHighlighter(self))

    def source_body(self, post: Post) -> str:
        """What Liquid reads: the body, rewritten by generator plugins when publishing."""
        body = post.body
        if not self.publish:
            return body
        if post.strip_title:
            body = titles_from_headings.strip(body)
        if "jekyll-relative-links" in self.site.plugin_names and \
                post.name.ext.lower() in self.site.markdown_exts and \
                relative_links.applies(self.site.config, "page" if post.is_page else "post"):
            relative_url = self.liquid.filters["relative_url"]
            urls = self.site.source_urls
            body = relative_links.rewrite(
                body, post.relative_path,
                lambda path: relative_url(urls[path]) if path in urls else None)
        return body

    def liquid_body(self, post: Post) -> tuple[str, tuple[LiquidProblem, ...], SourceMap]:
        """The body after Liquid, the problems met, and where the output came from."""
        body = self.source_body(post)
        if post.data.get("render_with_liquid") is False or ("{{" not in body and
                                                             "{%" not in body):
            return body, (), SourceMap()
        text, problems, origin = self.liquid.render_post(post, body)
        return text, tuple(problems), origin

    def render(self, post: Post) -> RenderResult:
        body, problems, origin = self.liquid_body(post)
        if any(p.fatal and p.kind in ("syntax", "runtime") for p in problems):
            return RenderResult("", (), problems)
        redirect = redirect_from.target(post.data, self.site)
        if redirect is not None:
            # The plugin publishes its redirect page instead; Liquid ran all the same.
            return RenderResult(redirect_from.page(redirect), (), problems)
        if post.name.ext.lower() in self.site.markdown_exts:
            try:
                html, renderer = self.converter.convert(body)
            except PageTooLarge:
                return RenderResult("", (), (*problems, LiquidProblem(
                    "runtime", "the page would be larger than 32 MB (links written again and "
                    "again with a huge URL); notelint stopped rendering it", 1, 1, True)))
            ids = tuple(renderer.heading_ids)
            renamed, raw = tuple(renderer.renamed_ids), tuple(renderer.raw_blocks)
            broken = tuple(renderer.html_problems)
        else:
            html, ids, renamed, raw, broken = body, (), (), (), ()
        return RenderResult(html, ids, problems, body, origin, renamed, raw, broken)


    def layout(self, name: str) -> Layout:
        """The layout `name` of the site (read once)."""
        if name not in self._layouts:
            own = self.site.layouts.get(name)
            theme = self.site.theme.known
            themed = theme.layout_path(name) if own is None and theme is not None else None
            if own is not None:
                self._layouts[name] = read_layout(own, self.site.root)
            elif themed is not None and theme is not None and theme.folder is not None:
                self._layouts[name] = read_layout(themed, theme.folder)
            else:
                raise KeyError(name)
        return self._layouts[name]

    def _has_layout(self, name: str) -> bool:
        theme = self.site.theme.known
        return name in self.site.layouts or (theme is not None and
                                             theme.layout_path(name) is not None)

    def layout_chain(self, name: object) -> Iterator[tuple[str, Layout]]:
        """The layout `name` and the ones it sits in, innermost first, each once; the chain
        ends at a layout the site does not have or one that cannot be read (yielded)."""
        seen: set[str] = set()
        while isinstance(name, str) and self._has_layout(name) and name not in seen:
            seen.add(name)
            layout = self.layout(name)
            yield name, layout
            if layout.problem is not None:
                return
            name = layout.data.get("layout")

    def apply_layouts(self, post: Post, content: str) -> str:
        """Wrap `content` in the post's layout chain, as Jekyll's Renderer#place_in_layouts
        (up to a layout that cannot be read: Jekyll stops there, see `unreadable_layout`)."""
        for _name, layout in self.layout_chain(post.layout):
            if layout.problem is not None:
                break
            content, _problems, _origin = self.liquid.render_post(
                post, layout.body, content=content, layout=layout.data)
        return content

    def unreadable_layout(self, post: Post) -> str | None:
        """Why a layout of the post's chain cannot be read (Jekyll stops the build), or None."""
        return next((f"the layout '{name}' cannot be read: {layout.problem}"
                     for name, layout in self.layout_chain(post.layout)
                     if layout.problem is not None), None)


def render_post(post: Post, site: Site) -> RenderResult:
    """The HTML Jekyll publishes as this post's `{{ content }}`."""
    return Renderer(site).render(post)

"""What the rules learn by rendering a site's posts: computed once per post, shared by rules.

The Liquid rules need each post's Liquid problems, the link rules its links and every
target's ids. Rendered HTML is not kept (10,000 pages would not fit comfortably); only these
facts are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .. import sitefs
from ..budget import POST_SECONDS, OverBudget, time_budget
from ..diagnostics import Position
from ..jekyll.plugins import redirect_from
from ..jekyll.post import Post
from ..jekyll.site import Entry, Site
from ..linkcheck.extract import HtmlRef, extract
from ..linkcheck.internal import SiteUrls
from ..linkcheck.locate import locate
from ..linkcheck.outcome import Outcome, Summary
from ._registry import RuleContext

if TYPE_CHECKING:
    from ..jekyll.liquid import LiquidProblem
    from ..render import Renderer

_LAYOUT_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"'{}<>\s]+)["']""")
_LAYOUT_INCLUDE = re.compile(r"\{%-?\s*include\s+([\w./-]+)")
_HTML_EXTS = (".html", ".htm", ".xhtml")
# `content` handed to a filter or an include in a layout, not just printed: `{{ content }}`.
_CONTENT_PROCESSED = re.compile(r"\{\{-?\s*content\s*\||\{%-?[^%]*\bcontent\s*[=|]|"
                                r"\{%-?\s*(?:include|assign|capture)\b[^%]*\bcontent\b")


@dataclass(frozen=True, slots=True)  # thousands per site: no __dict__ each
class Link:
    ref: HtmlRef
    kind: str  # SiteUrls.classify
    start: Position
    end: Position
    form: str  # "markdown", "html", "autolink" or "other"
    offset: int = 0  # of the URL in the file's text
    length: int = 0  # of the URL as written there; 0 when a Liquid tag wrote it


@dataclass(frozen=True)
class PostLinks:
    links: tuple[Link, ...]
    ids: frozenset[str]  # what `#fragment` can point at: the content's ids and the layout's
    renamed_ids: tuple[tuple[str, str], ...] = ()  # see RenderResult.renamed_ids
    # Paragraphs of one line that start with `#`: headings written without the space.
    hash_paragraphs: frozenset[str] = frozenset()
    # Block HTML kramdown left raw, as (offset in the post's body, its text).
    raw_blocks: tuple[tuple[int, str], ...] = ()
    # HTML kramdown does not publish as written: (what, the tag, its offset in the body).
    html_problems: tuple[tuple[str, str, int], ...] = ()


_HASH_PARAGRAPH = re.compile(r"<p>(#[^<\n]*)</p>")


def _placed(problems: tuple[tuple[str, str, int, int | None], ...], markdown: str
            ) -> Iterator[tuple[str, str, int]]:
    """Each tag the converter met, at its offset in the Markdown it read: where the
    converter says, else the n-th time that text was written outside code (a tag not found
    is left out)."""
    code = _code_ranges(markdown) if problems else []
    for kind, tag, nth, offset in problems:
        if offset is not None:
            yield kind, tag, offset
            continue
        at, left = -1, nth
        while left:
            at = markdown.find(tag, at + 1)
            if at < 0:
                break
            if not any(start <= at < end for start, end in code):
                left -= 1
        if at >= 0:
            yield kind, tag, at


_FENCED = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:.+?)(?<!`)\1(?!`)", re.S)
_INDENTED = re.compile(r"(?:\A|\n[ \t]*\n)((?:(?: {4}|\t)[^\n]*\n?(?:[ \t]*\n)*)+)")
_LIST_ITEM = re.compile(r"^\s*(?:[*+-]|\d+\.)\s", re.M)


def _code_ranges(markdown: str) -> list[tuple[int, int]]:
    """Where the Markdown holds code (fenced and indented blocks, code spans), whose tags
    are text: a light reading, enough to count the tags the converter met."""
    ranges = [(m.start(), m.end()) for m in _FENCED.finditer(markdown)]
    for match in _INDENTED.finditer(markdown):
        before = markdown[:match.start(1)].rstrip().rpartition("\n")[2]
        if not _LIST_ITEM.match(before) and not before.startswith((" " * 4, "\t")):
            ranges.append((match.start(1), match.end(1)))
    ranges += [(m.start(), m.end()) for m in _CODE_SPAN.finditer(markdown)
               if not any(s <= m.start() < e for s, e in ranges)]
    return ranges


class SiteFacts:
    def __init__(self, site: Site) -> None:
        self.site = site
        # Imported here: a run that gives its last report again never renders.
        from ..render import Renderer
        self.renderer: Renderer = Renderer(site, highlight=False)
        self.urls = SiteUrls(site)
        self._liquid: dict[str, tuple[LiquidProblem, ...]] = {}  # by `Post.file`
        self._links: dict[str, PostLinks] = {}
        self._target_ids: dict[str, frozenset[str] | None] = {}
        self._layout_ids: dict[str, frozenset[str]] = {}
        self._template_texts: dict[Path, str | None] = {}
        self.external: dict[str, Outcome] | None = None  # by URL without its fragment
        self.external_summary: Summary | None = None
        self.over_budget: set[str] = set()  # the files of posts whose rendering ran out of time
        self.time_limit = POST_SECONDS

    @classmethod
    def of(cls, ctx: RuleContext[object]) -> SiteFacts:
        facts = ctx.cache.get("facts")
        if facts is None:
            facts = ctx.cache["facts"] = cls(ctx.site)
            facts.time_limit = ctx.settings.post_time_limit
        return facts  # type: ignore[no-any-return]

    def warm(self) -> None:
        """Gather the site-wide facts every post's check reads, before workers fork."""
        _ = self.urls.outputs, self.urls.unpublished, self._templates

    def forget(self, post: Post) -> frozenset[str] | None:
        """Drop what rendering `post` left here, once its rules have run; its ids, if it
        was rendered (the fragments of links to it are judged with them)."""
        self._liquid.pop(post.file, None)
        links = self._links.pop(post.file, None)
        return links.ids if links is not None else None

    @cached_property
    def _templates(self) -> frozenset[Path]:
        return frozenset(self.site.templates())

    def template_text(self, path: Path) -> str | None:
        """The text of one of the site's own layouts or includes (checked as files of their
        own), None for anything else."""
        if path not in self._templates:
            return None
        if path not in self._template_texts:
            try:
                self._template_texts[path] = sitefs.read_text(path, self.site.root)
            except (OSError, UnicodeDecodeError):
                self._template_texts[path] = None
        return self._template_texts[path]

    def liquid_problems(self, post: Post) -> tuple[LiquidProblem, ...]:
        if post.file not in self._liquid:
            try:
                with time_budget(self.time_limit):
                    self._liquid[post.file] = self.renderer.liquid_body(post)[1]
            except OverBudget:
                self.over_budget.add(post.file)
                self._liquid[post.file] = ()
        return self._liquid[post.file]

    def links(self, post: Post) -> PostLinks:
        """The post's links, each at the file position it was written, and its ids (none
        when rendering it ran past the time budget)."""
        if post.file in self._links:
            return self._links[post.file]
        try:
            with time_budget(self.time_limit):
                return self._read_links(post)
        except OverBudget:
            self.over_budget.add(post.file)
            self._liquid.setdefault(post.file, ())
            self._links[post.file] = PostLinks((), frozenset())
            return self._links[post.file]

    def _read_links(self, post: Post) -> PostLinks:
        result = self.renderer.render(post)
        self._liquid.setdefault(post.file, result.problems)
        found = extract(result.html) if result.html else None
        links: list[Link] = []
        redirect = _redirect_value(post) if redirect_from.target(post.data, self.site) else None
        if found is not None and redirect is not None:
            # A `redirect_to:` post is published as the plugin's redirect page: its links are
            # the target, written once in the front matter.
            assert post.source is not None
            at, length = redirect
            seen: set[str] = set()
            # Its <a> first: the canonical <link> to the same URL is no stylesheet.
            for ref in sorted(found.refs, key=lambda r: r.tag != "a"):
                if ref.url not in seen:
                    seen.add(ref.url)
                    links.append(Link(ref, self.urls.classify(ref.url), post.source.position(at),
                                      post.source.position(at + length), "other", at, length))
        elif found is not None:
            body = post.body
            start = post.front_matter.body_offset if post.front_matter.present else 0
            assert post.source is not None
            for item in locate(found.refs, result.markdown, result.origin, body):
                at = start + item.offset
                links.append(Link(item.ref, self.urls.classify(item.ref.url),
                                  post.source.position(at),
                                  post.source.position(at + item.length), item.form, at,
                                  item.length))
        ids = (found.ids if found is not None else frozenset()) | self.layout_ids(post.layout)
        hashed = frozenset(html.unescape(m) for m in _HASH_PARAGRAPH.findall(result.html))
        raw = tuple((result.origin.to_template(at), text) for at, text in result.raw_blocks)
        broken = tuple((kind, tag, result.origin.to_template(at))
                       for kind, tag, at in _placed(result.html_problems, result.markdown))
        facts = self._links[post.file] = PostLinks(tuple(links), ids, result.renamed_ids,
                                                   hashed, raw, broken)
        return facts

    def layout_ids(self, name: object) -> frozenset[str]:
        """Ids written literally in a layout chain and the includes it names."""
        key = str(name)
        if key in self._layout_ids:
            return self._layout_ids[key]
        ids: set[str] = set()
        includes = self.site.folder("includes_dir", "_includes")
        for _name, layout in self.renderer.layout_chain(name):
            ids.update(_LAYOUT_ID.findall(layout.body))
            for include in _LAYOUT_INCLUDE.findall(layout.body):
                path = sitefs.join_inside(includes, include)
                if path is not None:
                    ids.update(_LAYOUT_ID.findall(_read(path, self.site.root)))
        self._layout_ids[key] = frozenset(ids)
        return self._layout_ids[key]

    def layout_rewrites_images(self, post: Post) -> bool:
        """Whether the post's layouts may rewrite the image URLs of its content: a layout
        that passes `content` through a filter or an include (themes such as Chirpy prefix
        every image with `baseurl` and `img_path` so), or one a theme notelint does not
        know provides."""
        name, seen = post.layout, set()
        while isinstance(name, str) and name not in seen:
            seen.add(name)
            if name not in self.site.layouts:
                return self.site.theme.opaque and name not in self.site.theme_layouts
            layout = self.renderer.layout(name)
            if _CONTENT_PROCESSED.search(layout.body):
                return True
            name = layout.data.get("layout")
        return False

    def target_ids(self, target: Post | Entry) -> frozenset[str] | None:
        """The ids a published file offers, None when notelint cannot know (a PDF...)."""
        if isinstance(target, Post):
            return self.links(target).ids
        if not self.urls.complete:
            return None  # maybe a placeholder of a page kept elsewhere
        if target.output_path not in self._target_ids:
            self._target_ids[target.output_path] = self._entry_ids(target)
        return self._target_ids[target.output_path]

    def _entry_ids(self, entry: Entry) -> frozenset[str] | None:
        if not entry.output_path.endswith(_HTML_EXTS):
            return None
        path = self.site.root / entry.relative_path
        if entry.kind == "static":
            return extract(_read(path, self.site.root)).ids
        if not path.is_file():
            return frozenset()
        # Read and rendered as a checked page is, so that its ids are the same whether the
        # page is checked in this run or only linked to.
        return self.links(self.site.read_entry(entry)).ids


def pack_ids(ids: frozenset[str]) -> str:
    """A page's ids in one string: a site of 100,000 posts keeps every post's ids until all
    links to them are judged, and a set of strings per post would take ten times more."""
    return "\0" + "\0".join(sorted(ids)) + "\0"


def has_id(packed: str, name: str) -> bool:
    """Whether `pack_ids` packed `name` (an id holds no NUL: HTML parsers replace it)."""
    return "\0" not in name and f"\0{name}\0" in packed


def _redirect_value(post: Post) -> tuple[int, int] | None:
    """Where the `redirect_to:` value is written in the front matter (offset, length)."""
    node = post.front_matter.value_node("redirect_to")
    if node is None:
        return None
    return node.start_mark.index, node.end_mark.index - node.start_mark.index


def _read(path: Path, root: Path) -> str:
    try:
        return sitefs.read_text(path, root, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""

"""A post (or another collection's document) as Jekyll 4.3's Document#read sees it: data,
date, slug, taxonomy, URL. Pages are read into the same shape by `jekyll/page.py`."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from .. import sitefs
from ..source import DeferredSource, SourceError, SourceText
from . import document, frontmatter, urls
from .config import deep_merge
from .dates import DateResult, resolve_date, ruby_to_s
from .filenames import PostName, clean_slug, output_ext, titleize_slug
from .plugins import default_layout, redirect_from, titles_from_headings

if TYPE_CHECKING:
    from .site import Site


@dataclass(frozen=True)
class DateProblem:
    """A date Jekyll cannot parse: a fatal error of the whole build."""

    text: str
    where: str  # "YAML front matter", "filename" or "front matter defaults"


@dataclass(slots=True)  # 100,000 are held at once: no dict of 24 fields each (832 bytes)
class Post:
    # The file, as text: a Path object (its parts, its cached string and hash) would take
    # 430 bytes a post, 43 MB of a 100,000-post site. `path` makes one when asked.
    file: str
    relative_path: str  # to the site source, e.g. `blog/_posts/2020-01-02-x.md`
    collection_path: str  # relative to its `_posts` (or `_drafts`) folder
    name: PostName
    draft: bool = False
    source: SourceText | None = None
    read_error: str | None = None
    front_matter: frontmatter.FrontMatter = field(default_factory=frontmatter.FrontMatter)
    defaults: dict[str, Any] = field(default_factory=dict)  # shared by posts: never changed
    data: dict[str, Any] = field(default_factory=dict)
    date: dt.datetime | None = None
    date_problem: DateProblem | None = None
    filename_date: DateResult | None = None
    front_matter_date: DateResult | None = None
    url: str | None = None
    output_path: str | None = None
    permalink_error: str | None = None
    url_problem: urls.UnbuildableURL | None = None  # a value Jekyll's URL escaping crashes on
    heading_title: str | None = None  # jekyll-titles-from-headings' title, when it gives one
    collection: str = "posts"  # a document's collection label; "" for a page
    strip_title: bool = False  # jekyll-titles-from-headings cuts the title heading
    page_number: int = 1  # which of jekyll-paginate's pages this copy of a page shows
    is_layout: bool = False  # a file of `_layouts`, checked once for what it links to
    # Without its text and YAML node tree: what a site of 10,000 posts keeps of each post
    # while one worker at a time checks it whole (see `lighten`, `make_whole`).
    light: bool = False

    def lighten(self) -> None:
        """Drop what only the post's own check reads (its text, read again from the file
        if asked for; its YAML node tree, which places findings): what other posts and
        site-wide rules need stays."""
        if self.source is not None and not isinstance(self.source, DeferredSource):
            self.source = DeferredSource(self.file, self.source.had_bom)
        if self.front_matter.root is not None or self.front_matter.text:
            self.front_matter = self.front_matter.without_nodes()
        # Read only by the post's own date rules, on the whole post: 16 MB of 100,000 posts.
        self.filename_date = None
        self.light = True

    def make_whole(self, site: Site) -> None:
        """Read a light post's file again, in place (layouts and `page.previous` know a
        post by identity), so that rules see all of it."""
        if not self.light:
            return
        whole = read_post(site, self.path, self.relative_path, self.collection_path,
                          self.name, self.draft, collection=self.collection)
        for name in POST_FIELDS:
            setattr(self, name, getattr(whole, name))

    @contextlib.contextmanager
    def whole_for_now(self, site: Site) -> Iterator[Post]:
        """The post made whole for one check or render, then light again as it was: its
        light fields are put back, not made anew from the whole post, so that a worker
        which checks 50,000 posts keeps no second light copy of each."""
        if not self.light:
            yield self
            return
        light = [getattr(self, name) for name in POST_FIELDS]
        self.make_whole(site)
        try:
            yield self
        finally:
            for name, value in zip(POST_FIELDS, light, strict=True):
                setattr(self, name, value)
            if self.source is not None:  # without the text another post's check read
                self.source = DeferredSource(self.file, self.source.had_bom)

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def is_page(self) -> bool:
        return not self.collection

    # How many times a light post's text was read in this process: a post whose check reads
    # another post's text (an excerpt shown in a layout) depends on it (engine._Checker).
    light_reads: ClassVar[int] = 0

    @property
    def text(self) -> str:
        if self.light:
            Post.light_reads += 1
        return self.source.text if self.source is not None else ""

    @property
    def body(self) -> str:
        """The text after the front matter (all of it when there is none)."""
        if not self.front_matter.present:
            return self.text
        return self.text[self.front_matter.body_offset:]

    @property
    def body_line(self) -> int:
        """The file line where the body starts (Jekyll's Liquid counts lines from here)."""
        if self.source is None or not self.front_matter.present:
            return 1
        return self.source.position(self.front_matter.body_offset).line

    @property
    def basename_without_ext(self) -> str:
        name = os.path.basename(self.file)
        return name[: len(name) - len(self.name.ext)]

    @property
    def read_ok(self) -> bool:
        """Jekyll read this post's front matter without a read error."""
        return self.read_error is None and not self.front_matter.broken

    @property
    def fatal(self) -> bool:
        """Reading or placing this post aborts the whole `jekyll build`."""
        return self.date_problem is not None or self.permalink_error is not None \
            or self.url_problem is not None

    @property
    def categories(self) -> list[str]:
        """`page.categories` as the URL sees them (folder and `defaults:` ones if unread)."""
        return [ruby_to_s(c) for c in self.data.get("categories") or []]

    @property
    def tags(self) -> list[Any]:
        return list(self.data.get("tags") or [])

    @property
    def layout(self) -> Any:
        return self.data.get("layout")

    @property
    def slug(self) -> Any:
        return self.data.get("slug")

    @property
    def title(self) -> Any:
        return self.data.get("title")

    def skip_reason(self, site: Site) -> str | None:
        """Why Jekyll would not publish this post, or None when it would."""
        if self.read_error is not None:
            return "unreadable"
        if self.fatal:
            return "fatal"
        if self.draft and not site.show_drafts:
            return "draft"
        if "published" in self.data and self.data["published"] in (None, False) \
                and not site.unpublished:
            return "unpublished"
        if self.date is not None and not site.future and self.date > site.time:
            return "future"
        return None


POST_FIELDS = tuple(f.name for f in fields(Post))  # in order, as Post() takes them


def read_post(site: Site, path: Path, relative_path: str, collection_path: str,
              name: PostName, draft: bool = False, content: bytes | None = None,
              collection: str = "posts") -> Post:
    """Read one post the way Document#read does, step by step (`content`: the file's
    bytes, when the caller has read them already). A document of another `collection` is
    read the same way, without folder categories, default layout or a posts' URL: the
    caller places it."""
    post = Post(str(path), relative_path, collection_path, name, draft, collection=collection)
    is_post = collection == "posts"
    data: dict[str, Any] = {"categories": _categories_from_path(relative_path) if is_post
                            else []}
    post.defaults = site.defaults.all(relative_path, collection)
    if post.defaults:
        data = _merge(data, post.defaults, post, site, "front matter defaults")
    if load_file(post, None if site.loose else site.root, content):
        own = post.front_matter.mapping
        categories = own.get("categories")
        if not isinstance(categories, (str, list, type(None))):
            # Ruby's `[] | 2020` raises "no implicit conversion of Integer into Array".
            post.front_matter.type_error = frontmatter.YamlProblem(
                f"categories is {type(categories).__name__}, not a string or a list",
                post.front_matter.key_position("categories") or frontmatter.Position(1, 1))
        elif own:
            data = _merge(data, own, post, site, "YAML front matter")
    if post.read_ok and titles_from_headings.runs_on(site, name.ext) and \
            titles_from_headings.for_documents(site.config):
        post.heading_title = titles_from_headings.title(post.body)
        if post.heading_title is not None:
            data["title"] = post.heading_title
        post.strip_title = titles_from_headings.strips(site.config, data)
    if redirect_from.target(data, site):
        data["layout"] = "redirect"  # the plugin's own layout: the post becomes a redirect
    if is_post and "layout" not in data and "jekyll-default-layout" in site.plugin_names:
        chosen = default_layout.layout_for("post", "", site.layout_names())
        if chosen is not None:
            data["layout"] = chosen
    if post.read_ok:
        _populate(post, data, site)
    post.data = data
    if post.date_problem is None:
        if post.date is None:
            post.date = site.time if not draft else _mtime(path, site)
        if is_post:
            _place(post, site)
    return post


def light_reader(read: Callable[..., Post]) -> Callable[..., Post]:
    """`read` (a post reader for `Site`), each post it gives kept light: a site of 10,000
    posts keeps only what site-wide rules, `site.posts` and links to a post need of it; each
    post is made whole again for its own check or render."""

    def light(*args: Any) -> Post:
        post = read(*args)
        post.lighten()
        return post

    return light


def load_file(post: Post, root: Path | None, content: bytes | None = None) -> bool:
    """Give `post` its text and front matter from its file (inside `root`), or the reason
    it cannot be read; whether it was read."""
    try:
        read = document.from_bytes(content if content is not None else
                                   sitefs.read_bytes(post.path, root))
    except SourceError as exc:
        post.read_error = str(exc)
    except OSError as exc:
        post.read_error = exc.strerror or str(exc)
    else:
        post.source, post.front_matter = read.source, read.front_matter
        return True
    return False


def _categories_from_path(relative_path: str) -> list[str]:
    parts = relative_path.split("/")
    for marker in ("_posts", "_drafts"):
        if marker in parts:
            return [p for p in parts[: parts.index(marker)] if p]
    return []


def _merge(data: dict[str, Any], other: dict[str, Any], post: Post, site: Site,
           where: str) -> dict[str, Any]:
    """Document#merge_data!: categories union, deep merge, then the date re-parsed."""
    other = dict(other)
    categories = other.get("categories")
    if categories is not None:
        if isinstance(categories, str):
            categories = categories.split()
        merged = list(data.get("categories") or [])
        for c in categories if isinstance(categories, list) else []:
            if c not in merged:
                merged.append(c)
        other["categories"] = merged
    data = deep_merge(data, other)
    if "date" in data and post.date_problem is None and "date" in other:
        result = resolve_date(data["date"], site.timezone, site.time)
        if where == "YAML front matter":
            post.front_matter_date = result
        if result.value is None:
            post.date_problem = DateProblem(result.text, where)
        else:
            post.date = result.value
    return data


def _populate(post: Post, data: dict[str, Any], site: Site) -> None:
    """Document#read_post_data: title, slug, categories and tags."""
    slug = clean_slug(post.name.slug)
    if post.name.date is not None:
        post.filename_date = resolve_date(post.name.date, site.timezone, site.time)
        if not data.get("date"):
            if post.filename_date.value is None:
                post.date_problem = DateProblem(post.name.date, "filename")
            else:
                post.date = post.filename_date.value
    if data.get("title") in (None, False):
        data["title"] = titleize_slug(slug)
    if data.get("slug") in (None, False):
        data["slug"] = slug
    data["categories"] = _categories(data)
    data["tags"] = _pluralized(data, "tag", "tags")


def _pluralized(data: dict[str, Any], singular: str, plural: str) -> list[Any]:
    """Utils.pluralized_array_from_hash."""
    value = data.get(singular)
    if value is None:
        raw = data.get(plural)
        if isinstance(raw, str):
            value = raw.split()
        elif isinstance(raw, list):
            value = [v for v in raw if v is not None]
    return [v for v in _flatten([value]) if v is not None]


def _flatten(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for value in values:
        if isinstance(value, list):
            out.extend(_flatten(value))
        else:
            out.append(value)
    return out


def _categories(data: dict[str, Any]) -> list[str]:
    raw = data.get("categories")
    base = raw if isinstance(raw, list) else ([] if raw is None else [raw])
    combined = [ruby_to_s(v) for v in base + _pluralized(data, "category", "categories")]
    unique: list[str] = []
    for value in combined:
        if value not in unique:
            unique.append(value)
    return unique


def _mtime(path: Path, site: Site) -> dt.datetime:
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return site.time
    return dt.datetime.fromtimestamp(stamp, tz=site.timezone)


def _place(post: Post, site: Site) -> None:
    """Document#url and #destination."""
    assert post.date is not None
    try:
        post.url = url_for_date(post, site, post.date)
    except urls.UnbuildableURL as exc:
        post.url_problem = exc
        return
    except urls.PermalinkError as exc:
        post.permalink_error = exc.name
        return
    post.output_path = urls.output_path(post.url, output_ext(post.name.ext, site.markdown_exts))


def url_for_date(post: Post, site: Site, date: dt.datetime) -> str:
    """The URL this post would have if Jekyll dated it `date`."""
    return urls_for_dates(post, site, [date])[0]


def permalink_template(post: Post, site: Site) -> str:
    own = post.data.get("permalink")
    return str(own) if own else urls.style_template(site.config.posts_permalink)


def urls_for_dates(post: Post, site: Site, dates: Sequence[dt.datetime]) -> list[str]:
    """The URLs this post would have if Jekyll dated it each of `dates`."""
    template = permalink_template(post, site)
    stem = post.collection_path[: len(post.collection_path) - len(post.name.ext)]
    placeholders = urls.post_placeholders(
        date=dates[0],
        slug=post.data.get("slug"),
        basename=post.basename_without_ext,
        categories=post.categories,
        output_ext=output_ext(post.name.ext, site.markdown_exts),
        path="/" + stem,
    )
    found = []
    for date in dates:
        placeholders.update(urls.date_placeholders(date))
        used = placeholders if not site.build.github_pages else \
            {k: v for k, v in placeholders.items() if k not in urls.JEKYLL4_ONLY}
        found.append(urls.expand(template, used, addressable=True))
    return found

"""`site` and `page` as Liquid sees them in a post: front matter plus what Jekyll derives."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import sitefs
from .config import JEKYLL_DEFAULTS
from .filters import RubyTime, to_liquid
from .frontmatter import load_document
from .plugins import paginate

if TYPE_CHECKING:
    from .liquid import JekyllEnvironment
    from .post import Post
    from .site import Entry


class PostDrop(Mapping[str, Any]):
    """`page` / an item of `site.posts`: front matter plus what Jekyll derives (for a page,
    Jekyll::Page's few attributes; for another collection's document, its label)."""

    jekyll_drop = True

    def __init__(self, post: Post, env: JekyllEnvironment) -> None:
        self.post = post
        self.env = env
        # While the excerpt renders: Jekyll renders it as a document of its own, whose
        # excerpt is nil (what {% seo %} reads there).
        self.rendering_excerpt = False

    @cached_property
    def _data(self) -> dict[str, Any]:
        post = self.post
        url = post.url or ""
        data = to_liquid(post.data)
        if post.is_page:
            folder = url if url.endswith("/") else url.rpartition("/")[0] + "/"
            data.update({"content": post.body, "dir": folder, "name": post.path.name,
                         "path": post.relative_path, "url": url})
            data.setdefault("excerpt", None)
            return data
        date = RubyTime.of(post.date) if post.date is not None else None
        data.update({
            "url": url, "date": date, "id": url.rpartition(".")[0] if "." in url.rpartition(
                "/")[2] else url, "slug": post.slug or post.name.slug,
            "categories": self.taxonomy("categories"), "tags": self.taxonomy("tags"),
            "path": post.relative_path,
            "relative_path": post.relative_path, "name": post.path.name,
            "ext": post.name.ext, "collection": post.collection, "draft": post.draft,
            "content": None, "output": None,  # content: read when asked (`__getitem__`)
        })
        data.setdefault("title", post.title)
        data["excerpt"] = None  # computed on demand: it needs a render
        return data

    def taxonomy(self, key: str) -> Any:
        """`tags` or `categories` of a post, without building the rest of its mapping."""
        post = self.post
        if key == "categories":
            return post.categories
        # a post whose front matter could not be read never got its tags: nil
        return post.tags if "tags" in post.data else None

    def __getitem__(self, key: str) -> Any:
        if key in ("previous", "next"):
            return self.env.site_drop.neighbour(self.post, -1 if key == "previous" else 1)
        if key == "excerpt" and not self.post.is_page:
            return self._excerpt
        if key == "content":
            # Not read up front: `site.tags` makes a drop of each of 10,000 posts, and few
            # of them are ever asked for their text.
            return self.post.body
        if key in ("url", "title") and not self.post.is_page and "_data" not in vars(self):
            # What an archive page asks of each of 100,000 posts, given as `_data` would
            # give it, without building (and keeping) all of the post's mapping.
            if key == "url":
                return self.post.url or ""
            title = self.post.data.get("title")
            if title is None or type(title) is str:
                return title
        return self._data[key]

    @cached_property
    def _excerpt(self) -> str | None:
        """Jekyll's excerpt: front matter `excerpt:` as is, else the rendered first part."""
        if "excerpt" in self.post.data:
            return self.post.data["excerpt"]
        separator = self.post.data.get("excerpt_separator",
                                       self.env.site.config.get("excerpt_separator", "\n\n"))
        if not separator:
            return None
        head = self.post.body.split(str(separator), 1)[0]
        if "{{" in head or "{%" in head:
            self.rendering_excerpt = True
            try:
                head = self.env.render_fragment(head, {"page": self, "site": self.env.site_drop})
            finally:
                self.rendering_excerpt = False
        if self.post.name.ext.lower() in self.env.site.markdown_exts:
            return self.env.highlighter.markdownify(head)
        return head

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __str__(self) -> str:
        return self.post.body


class SiteDrop(Mapping[str, Any]):
    """`site`: the config plus posts, tags, categories and data."""

    jekyll_drop = True

    def __init__(self, env: JekyllEnvironment) -> None:
        self.env = env
        self.site = env.site

    @cached_property
    def _posts(self) -> list[Post]:
        posts = [p for p in self.site.published_posts() if not p.draft and p.date is not None]
        return sorted(posts, key=lambda p: (p.date, p.relative_path))

    @cached_property
    def _data(self) -> dict[str, Any]:
        """The config's values, then each derived key, built when first asked for: a post
        that reads `site.title` must not index 10,000 posts by tag."""
        data: dict[str, Any] = {**JEKYLL_DEFAULTS, **to_liquid(self.site.config.data)}
        for key in ("posts", "tags", "categories", "data", "time"):
            data[key] = _UNBUILT
        data.setdefault("baseurl", None)
        data.setdefault("url", None)
        for key in ("pages", "html_pages", "static_files", "documents", *self._labels):
            data[key] = _UNBUILT
        return data

    @cached_property
    def _labels(self) -> list[str]:
        return [label for label in self.site.config.collections if label != "posts"]

    def _build(self, key: str) -> Any:
        site = self.site
        if key in self._labels:  # `site.<label>`: a collection's documents, front matter too
            return [{**to_liquid(dict(e.data)), **_entry(e)}
                    for e in (*site.entries, *site.unwritten) if e.collection == key]
        if key == "posts":
            return [PostDrop(p, self.env) for p in reversed(self._posts)]
        if key in ("tags", "categories"):
            return _index(self["posts"], key)
        if key == "data":
            return _read_data(site.folder("data_dir", "_data"), site.root)
        if key == "time":
            return RubyTime.of(site.time)
        if key == "pages":
            return [{**to_liquid(site.front_matter(e)), **_entry(e)}
                    for e in site.entries if e.kind == "page"]
        if key == "html_pages":
            return [p for p in self["pages"] if str(p["url"]).endswith(("/", ".html"))]
        kind = "static" if key == "static_files" else "document"
        return [_entry(e) for e in site.entries if e.kind == kind]

    def paginator(self, page: Post, number: int = 1) -> dict[str, Any] | None:
        """`paginator` on page `number` of the page that jekyll-paginate paginates."""
        pager = paginate.pager(self.site, page, number)
        if pager is None:
            return None
        shown = [d for d in self["posts"] if d.post.data.get("hidden") is not True]
        return {"page": pager.page, "per_page": pager.per_page,
                "posts": shown[pager.first:pager.last], "total_posts": pager.total_posts,
                "total_pages": pager.total_pages, "previous_page": pager.previous_page,
                "previous_page_path": pager.previous_page_path,
                "next_page": pager.next_page, "next_page_path": pager.next_page_path}

    @cached_property
    def _places(self) -> dict[int, int]:
        # By identity: a post is the same object to every page of one run.
        return {id(post): index for index, post in enumerate(self._posts)}

    def neighbour(self, post: Post, step: int) -> PostDrop | None:
        index = self._places.get(id(post))
        if index is None:
            return None
        posts, other = self._posts, index + step
        return PostDrop(posts[other], self.env) if 0 <= other < len(posts) else None

    def __getitem__(self, key: str) -> Any:
        value = self._data[key]
        if value is _UNBUILT:
            value = self._data[key] = self._build(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


_UNBUILT = object()  # a key of `site` whose value is built when first read


def _entry(entry: Entry) -> dict[str, Any]:
    """What Liquid sees of a page, document or static file (no content: not rendered here)."""
    name = entry.relative_path.rpartition("/")[2]
    stem, dot, ext = name.rpartition(".")
    return {"url": entry.url, "path": entry.relative_path if entry.kind != "static"
            else "/" + entry.relative_path, "relative_path": entry.relative_path,
            "name": name, "basename": stem if dot else name, "extname": dot + ext if dot else ""}


def _index(drops: list[PostDrop], key: str) -> dict[str, list[PostDrop]]:
    index: dict[str, list[PostDrop]] = {}
    for drop in drops:
        # Not drop[key]: `site.tags` of 100,000 posts would keep every post's front matter
        # converted for Liquid.
        for value in drop.taxonomy(key) or []:
            index.setdefault(str(value), []).append(drop)
    return index


def _read_data(folder: Path, root: Path) -> dict[str, Any]:
    """`site.data`: YAML, JSON, CSV and TSV files of `_data`, nested by sub-folder (files
    notelint will not read, or cannot parse, are left out)."""
    data: dict[str, Any] = {}
    if not folder.is_dir() or not sitefs.is_inside(folder, root):
        return data
    for path in sorted(folder.iterdir()):
        key = path.stem
        try:
            if path.is_dir():
                if not path.is_symlink():  # a link could loop back up
                    data[path.name] = _read_data(path, root)
            elif path.suffix in (".yml", ".yaml"):
                document = load_document(sitefs.read_text(path, root))
                if document.error is None and not document.rejected:
                    data[key] = to_liquid(document.data)
            elif path.suffix == ".json":
                data[key] = json.loads(sitefs.read_text(path, root))
            elif path.suffix in (".csv", ".tsv"):
                text = sitefs.read_text(path, root)
                data[key] = list(csv.DictReader(
                    io.StringIO(text, newline=""),
                    delimiter="\t" if path.suffix == ".tsv" else ","))
        except (OSError, ValueError, RecursionError, csv.Error):
            continue
    return data

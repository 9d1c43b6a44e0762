"""Pages and collection documents read for rendering and checking, in the shape of a post.

The site index (`Site.entries`) knows every page's and document's URL without reading more
than their permalink; this reads one of them whole: front matter over `defaults:`, then what
the plugins add (a title from the first heading, the default layout, a redirect), placed at
the URL the index gave it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import deep_merge
from .filenames import PostName, parse_draft_name
from .plugins import default_layout, redirect_from, titles_from_headings
from .post import Post, load_file, read_post

if TYPE_CHECKING:
    from .site import Entry, Site


def read_entry(site: Site, entry: Entry, written: bool = True) -> Post:
    """The page or document `entry` of `site` (not a static file), read whole; `written`
    False for a document of a collection Jekyll reads but does not write."""
    path = site.root / entry.relative_path
    name = _name(entry.relative_path)
    if entry.kind == "document":
        inside = entry.relative_path.split(f"_{entry.collection}/", 1)[-1]
        post = read_post(site, path, entry.relative_path, inside, name,
                         collection=entry.collection)
    else:
        post = _read_page(site, path, entry, name)
    post.url = entry.url
    post.output_path = entry.output_path if written else None
    return post


def _name(relative: str) -> PostName:
    """The file name's date, slug and extension, as for a draft (any name, dated or not)."""
    filename = relative.rpartition("/")[2]
    return parse_draft_name(filename) or PostName(None, filename, "")


def _read_page(site: Site, path: Path, entry: Entry, name: PostName) -> Post:
    """Jekyll::Page: front matter over `defaults:` for type `pages`; no date, slug or
    taxonomy of its own."""
    page = Post(str(path), entry.relative_path, entry.relative_path, name, collection="")
    page.defaults = site.defaults.all(entry.relative_path, "pages")
    data: dict[str, Any] = dict(page.defaults)
    if load_file(page, site.root):
        data = deep_merge(data, page.front_matter.mapping)
    markdown = name.ext.lower() in site.markdown_exts
    if page.read_ok and titles_from_headings.runs_on(site, name.ext) and \
            data.get("title") is None:
        page.heading_title = titles_from_headings.title(page.body)
        if page.heading_title is not None:
            data["title"] = page.heading_title
        page.strip_title = titles_from_headings.strips(site.config, data)
    if redirect_from.target(data, site):
        data["layout"] = "redirect"
    if markdown and "layout" not in data and "jekyll-default-layout" in site.plugin_names:
        chosen = default_layout.layout_for("page", entry.url, site.layout_names())
        if chosen is not None:
            data["layout"] = chosen
    page.data = data
    return page


def read_layout(site: Site, path: Path, relative: str) -> Post:
    """A layout or include file in the shape of a page, to check the links written in it
    once: its own front matter, no URL (a link relative to the page would differ on each
    page using it)."""
    layout = Post(str(path), relative, relative, _name(relative), collection="", is_layout=True)
    if load_file(layout, site.root):
        layout.data = dict(layout.front_matter.mapping)
    return layout


def read_theme_page(site: Site, folder: Path, relative: str, output_ext: str) -> Post:
    """A page of the theme gem's `assets/` (a stylesheet with front matter): read from the
    theme's folder, placed where the site's own page at `relative` would be."""
    page = Post(str(folder / relative), relative, relative, _name(relative), collection="")
    page.defaults = site.defaults.all(relative, "pages")
    data: dict[str, Any] = dict(page.defaults)
    if load_file(page, folder):
        data = deep_merge(data, page.front_matter.mapping)
    page.data = data
    stem = relative.rpartition("/")[2].rpartition(".")[0]
    page.url = f"/{relative.rpartition('/')[0]}/{stem}{output_ext}".replace("//", "/")
    page.output_path = page.url.lstrip("/")
    return page

"""A Jekyll site read once per run: config, posts, drafts, pages, files and URLs."""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .. import sitefs
from ..source import SourceError
from . import document, frontmatter, page, plugins, sass, themes, urls
from .build import GEM, Build
from .build import detect as detect_build
from .config import Defaults, SiteConfig, find_config, load_config
from .dates import resolve_date, site_timezone
from .filenames import (
    PostName,
    markdown_extensions,
    output_ext,
    parse_draft_name,
    parse_post_name,
    skipped_entry,
)
from .plugins import optional_front_matter, readme_index, redirect_from
from .post import Post, read_post

_SPECIAL = (".", "_", "#", "~")
_CONVERTED_EXT = {".scss": ".css", ".sass": ".css", ".coffee": ".js"}


@dataclass(frozen=True)
class Entry:
    """A page, collection document or static file: something else with a URL."""

    kind: str  # "page", "document" or "static"
    relative_path: str
    url: str
    output_path: str
    redirect_from: tuple[str, ...] = ()  # jekyll-redirect-from's other URLs for it
    collection: str = ""  # the label, for a collection document
    data: tuple[tuple[str, object], ...] = ()  # a document's front matter, for `site.<label>`


@dataclass(frozen=True)
class SkippedFile:
    """A file inside `_posts` (or a loose folder) that Jekyll will not read as a post."""

    path: Path
    relative_path: str
    is_dir: bool = False


@dataclass(frozen=True)
class Listing:
    """What a folder holds, relative to it: files as Ruby's `Dir["**/*"]` lists them minus
    Jekyll's skips, every folder below it (not descending into dot-folders or symlinks),
    and each descended folder's modification time (to know when the listing is stale)."""

    files: tuple[str, ...]
    folders: tuple[str, ...]
    mtimes: tuple[tuple[str, int], ...]


def list_folder(base: Path, *, strict: bool = False) -> Listing:
    """`strict`: a folder that may not be read stops the run (a folder of posts: it stops
    Jekyll's build); else it is listed as empty."""
    files: list[str] = []
    folders: list[str] = []
    mtimes: list[tuple[str, int]] = []
    _scan(base, "", files, folders, mtimes, strict)
    return Listing(tuple(files), tuple(folders), tuple(mtimes))


def list_posts_folder(base: Path) -> Listing:
    return list_folder(base, strict=True)


def _scan(folder: Path, rel_dir: str, files: list[str], folders: list[str],
          mtimes: list[tuple[str, int]], strict: bool) -> None:
    # os.scandir knows each entry's type without a stat call per file.
    try:
        mtimes.append((rel_dir, folder.stat().st_mtime_ns))
        with os.scandir(folder) as entries:
            listed = sorted(entries, key=lambda e: e.name)
    except PermissionError as exc:
        # Jekyll stops the build on a folder of posts it may not read; so does the check,
        # rather than report "no problems" in none of them.
        if strict:
            raise PermissionError(f"cannot read the folder {folder}: {exc.strerror}") from None
        return
    except OSError:
        return
    for entry in listed:
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file() or entry.is_symlink()
        except OSError:  # a symbolic link loop: listed, and unreadable when read
            is_dir, is_file = False, True
        if is_dir:
            if not entry.name.startswith("."):
                folders.append(rel_dir + entry.name)
                if not entry.is_symlink():
                    _scan(folder / entry.name, f"{rel_dir}{entry.name}/", files, folders, mtimes,
                          strict)
            continue
        relative = rel_dir + entry.name
        if not skipped_entry(relative) and is_file:
            files.append(relative)


FolderLister = Callable[[Path, Callable[[Path], Listing]], Listing]


def _list_directly(base: Path, lister: Callable[[Path], Listing]) -> Listing:
    return lister(base)


class Site:
    """Everything Jekyll would read from one source folder."""

    def __init__(self, root: Path, config: SiteConfig | None = None, *, loose: bool = False,
                 now: dt.datetime | None = None, show_drafts: bool = False,
                 future: bool = False, unpublished: bool = False,
                 theme_layouts: Iterable[str] = (), build: Build | None = None,
                 read: Callable[[Site, Path, str, str, PostName, bool], Post] = read_post,
                 list_posts: FolderLister = _list_directly) -> None:
        self.root = root
        self._read_post = read
        self._list_folder = list_posts
        self.loose = loose
        self.config = config if config is not None else SiteConfig()
        self.timezone, self.timezone_valid = site_timezone(self.config.data.get("timezone"))
        self.time = (now or dt.datetime.now(dt.timezone.utc)).astimezone(self.timezone)
        self.build = build or (Build(GEM, "4.3", "as a folder without _config.yml") if loose
                               else detect_build(root))
        self.show_drafts = show_drafts or self.config.enabled("show_drafts")
        # GitHub Pages publishes future-dated posts unless the site says `future: false`.
        self.future = future or self.config.enabled("future") or (
            self.build.github_pages and self.config.data.get("future") is None)
        self.unpublished = unpublished or self.config.enabled("unpublished")
        self.markdown_exts = markdown_extensions(self.config.get("markdown_ext"))
        self.theme = themes.site_theme(self.config, self.build, None if loose else root)
        self.plugin_names = frozenset(plugins.names(self.config, self.build, self.theme))
        self.defaults = Defaults(self.config.defaults, self.config.collections_dir)
        known = self.theme.known
        self.theme_layouts = frozenset(theme_layouts) | (known.layouts if known else frozenset())
        self.posts: list[Post] = []
        self.drafts: list[Post] = []
        # Plugins ask for the published posts while the site is read; once it is, the list is
        # kept (asked for several times a run, of 10,000 posts).
        self._read = False
        self._published: list[Post] | None = None
        self.entries: list[Entry] = []
        self.unwritten: list[Entry] = []  # documents of collections without `output: true`
        self.skipped: list[SkippedFile] = []
        self.layouts: dict[str, Path] = {}
        self.includes: set[str] = set()
        self._includes = self.config.include
        self._excludes = [p for p in self.config.exclude if p not in self._includes]
        if loose:
            self._read_loose()
        else:
            self._read_site()
        self.posts.sort(key=lambda p: p.relative_path)
        self.drafts.sort(key=lambda p: p.relative_path)
        self._read = True

    @classmethod
    def load(cls, root: Path, **options: object) -> Site:
        """The site whose source is `root`: a folder with `_config.yml`, or with `_posts/`
        and no configuration (Jekyll's defaults), else a loose folder of posts."""
        config_path = find_config(root)
        loose = config_path is None and not (root / "_posts").is_dir()
        return cls(root, load_config(config_path), loose=loose,
                   **options)  # type: ignore[arg-type]

    @property
    def all_posts(self) -> list[Post]:
        return self.posts + self.drafts

    @property
    def layouts_known(self) -> bool:
        """Whether every layout this site can use is visible to notelint."""
        if self.theme_layouts:
            return True
        if self.loose or self.theme.opaque:
            return False
        return self.folder("layouts_dir", "_layouts").is_dir()

    def folder(self, setting: str, default: str) -> Path:
        """A folder `_config.yml` names (`includes_dir`, ...), kept inside the site as
        Jekyll's in_source_dir keeps it."""
        return sitefs.in_source(self.root, self.config.get(setting), default)

    @cached_property
    def local_plugins(self) -> plugins.LocalPlugins:
        """What the site's own `_plugins/*.rb` register and generate."""
        if self.loose or self.build.github_pages:  # GitHub Pages never runs them
            return plugins.LocalPlugins()
        return plugins.local(self.root, self._plugins_dir)

    @property
    def _plugins_dir(self) -> str:
        return str(self.config.get("plugins_dir") or "_plugins")

    def unseen(self) -> list[str]:
        """What notelint cannot see of this site, said once in the report."""
        notes = []
        if self.config.problems:
            notes.append("Jekyll cannot read the site's configuration, so it builds nothing; "
                         "only the posts' own front matter was checked")
        local = self.local_plugins
        for generator in local.generators:
            where = "" if local.generated_anywhere else " under " + ", ".join(
                f"/{f}/" for f in sorted(local.generated_folders))
            notes.append(f"{generator} generates pages notelint cannot run: links to pages "
                         f"it does not find{where} are not reported")
        strangers = plugins.unknown(self.plugin_names)
        if strangers:
            notes.append(f"notelint does not know the plugin{'s' if len(strangers) > 1 else ''} "
                         f"{', '.join(strangers)}: a Liquid tag it does not know is not "
                         "reported, as it may be theirs")
        if self.theme.opaque:
            notes.append(f"the theme {self.theme.name} is not known to notelint: layouts and "
                         "includes it may provide are not reported missing")
        if self.builds_assets:
            notes.append(f"the site builds assets of its own ({self.builds_assets}): scripts "
                         "and stylesheets notelint does not find are not reported")
        if self.build.github_pages and not self.loose and (
                self.root / self._plugins_dir).is_dir():
            notes.append("GitHub Pages does not run the site's own _plugins/*.rb: their tags "
                         "stop the build there")
        return notes

    def templates(self) -> list[Path]:
        """The site's own layouts and includes (HTML or Markdown), from the listings the
        site was read with, each once."""
        includes = self.folder("includes_dir", "_includes")
        kinds = (".html", ".htm", *self.markdown_exts)
        found = [path for _, path in sorted(self.layouts.items())]
        found += [includes / rel for rel in sorted(self.includes)
                  if Path(rel).suffix.lower() in kinds]
        return [p for p in found if p.is_relative_to(self.root)]

    @cached_property
    def builds_assets(self) -> str | None:
        """The file of a build of the site's own besides Jekyll's (a package.json, a webpack
        or gulp configuration), which may write scripts and stylesheets into the output."""
        if self.loose:
            return None
        return next((name for name in _ASSET_BUILDS if (self.root / name).is_file()), None)

    def layout_names(self) -> frozenset[str]:
        # jekyll-redirect-from brings its own `redirect` layout.
        builtin = {"redirect"} if "jekyll-redirect-from" in self.plugin_names else set()
        return frozenset(self.layouts) | self.theme_layouts | builtin

    def front_matter(self, entry: Entry) -> dict[str, object]:
        """A page's or document's front matter, as `site.pages` shows it."""
        if entry.data or entry.kind == "static":
            return dict(entry.data)
        return _front_matter_data(self.root / entry.relative_path, self.root, everything=True)

    def published_posts(self) -> list[Post]:
        published = self._published
        if published is None:
            published = [p for p in self.posts + self.drafts if p.skip_reason(self) is None]
            if self._read:
                self._published = published
        return list(published)

    @cached_property
    def by_path(self) -> dict[str, Post]:
        """Every post and draft by its file (`Post.file`)."""
        return {p.file: p for p in self.all_posts}

    @property
    def by_url(self) -> dict[str, list[Post | Entry]]:
        """Everything Jekyll publishes (posts, pages, documents, files) by URL (made again
        when asked: kept, it would be a list for each of 100,000 posts)."""
        index: dict[str, list[Post | Entry]] = defaultdict(list)
        for post in self.published_posts():
            if post.url is not None:
                index[post.url].append(post)
        for entry in self.entries:
            index[entry.url].append(entry)
        return dict(index)

    @cached_property
    def by_output(self) -> dict[str, list[Post | Entry]]:
        """The same, by the file written under `_site` (two URLs can share one file)."""
        index: dict[str, list[Post | Entry]] = defaultdict(list)
        for items in self.by_url.values():
            for item in items:
                if item.output_path is not None:
                    index[item.output_path].append(item)
        return dict(index)

    @cached_property
    def source_urls(self) -> dict[str, str]:
        """jekyll-relative-links' targets: the URL of each page, static file and written
        document by its source path (the page first, where a README is both)."""
        found: dict[str, str] = {}
        for kind in ("page", "static", "document"):
            for entry in self.entries:
                if entry.kind == kind:
                    found.setdefault(entry.relative_path, entry.url)
        for post in self.published_posts():
            if post.url is not None:
                found.setdefault(post.relative_path, post.url)
        return found

    def entry_at(self, relative_path: str) -> tuple[Entry, bool] | None:
        """The page, document or file read from this source path, and whether Jekyll
        writes it."""
        for entry in self.entries:
            if entry.relative_path == relative_path and entry.kind != "static":
                return entry, True
        for entry in self.unwritten:
            if entry.relative_path == relative_path:
                return entry, False
        return next(((e, True) for e in self.entries if e.relative_path == relative_path),
                    None)

    def read_entry(self, entry: Entry, written: bool = True) -> Post:
        """A page or collection document read whole, for rendering and checking."""
        return page.read_entry(self, entry, written)

    # -- reading ---------------------------------------------------------------------------

    def _read_loose(self) -> None:
        # Read as if the files were in `_posts/`, but reported where they are.
        self._read_folder(self.root, "", "_posts/", draft=False)

    def _meant_as_post(self, relative: str) -> bool:
        """Markdown, HTML or extension-less files are posts-to-be; images are not."""
        suffix = Path(relative).suffix.lower()
        return not suffix or suffix in self.markdown_exts | {".html", ".htm"}

    def _read_site(self) -> None:
        self._read_layouts()
        includes = self.folder("includes_dir", "_includes")
        self.includes = {rel for _, rel in self._files(includes, "")}
        self._read_collections()
        self._walk("")

    def _walk(self, rel_dir: str) -> None:
        base = self.root / rel_dir if rel_dir else self.root
        if not self.config.collections_dir or rel_dir == self.config.collections_dir:
            self._read_posts(rel_dir)
        try:
            names = sorted(os.listdir(base))
        except OSError:
            return
        for name in names:
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if self._filtered(name, rel):
                continue
            path = base / name
            if path.is_dir():
                if not path.is_symlink():
                    self._walk(rel)
            elif path.is_file():
                self._read_other(path, rel)

    def _filtered(self, name: str, rel: str) -> bool:
        """Jekyll's EntryFilter for an entry of a walked folder."""
        if name.endswith("."):
            return True
        included = any(fnmatch.fnmatchcase(rel, p) or rel.startswith(p)
                       for p in self._includes)
        if self._excluded(rel) and not included:
            return True
        if included:
            return False
        return name.startswith(_SPECIAL) or name.endswith("~")

    def _excluded(self, rel: str) -> bool:
        return rel.startswith(self._exclude_prefixes) or self._exclude_re.match(rel) is not None

    @cached_property
    def _exclude_prefixes(self) -> tuple[str, ...]:
        return tuple(self._excludes)

    @cached_property
    def _exclude_re(self) -> re.Pattern[str]:
        # One pattern instead of a glob match per pattern per file (10,000 posts, ~10
        # patterns); a pattern `dir/` also names the folder itself (`p == rel + "/"`).
        forms = [fnmatch.translate(p) for p in self._excludes]
        forms += [re.escape(p[:-1]) + r"\Z" for p in self._excludes if p.endswith("/")]
        return re.compile("|".join(f"(?:{f})" for f in forms) or r"(?!)")

    def _read_posts(self, rel_dir: str) -> None:
        prefix = f"{rel_dir}/" if rel_dir else ""
        for folder, draft in (("_posts", False), ("_drafts", True)):
            base = self.root / prefix / folder
            if base.is_dir():
                self._read_folder(base, f"{prefix}{folder}/", f"{prefix}{folder}/", draft)

    def _read_folder(self, base: Path, shown: str, as_post: str, draft: bool) -> None:
        """Posts (or drafts) below `base`: `shown` prefixes the paths Jekyll would name in
        its messages, `as_post` the path the post gets in the site."""
        listing = self._list_folder(base, list_posts_folder)
        for relative in listing.folders:
            name = relative.rsplit("/", 1)[-1]
            if parse_post_name(name) is not None and not skipped_entry(relative):
                self.skipped.append(SkippedFile(base / relative, shown + relative, is_dir=True))
        for relative in listing.files:
            if self._excluded(shown + relative):
                continue
            name = parse_draft_name(relative) if draft else parse_post_name(relative)
            if name is None:
                if self._meant_as_post(relative):
                    self.skipped.append(SkippedFile(base / relative, shown + relative))
                continue
            # Not `base / relative`: a Path interns its parts, and `relative` lives on as the
            # post's `collection_path`; the table of interned strings would hold it too.
            post = self._read_post(self, Path(f"{base}/{relative}"), as_post + relative,
                                   relative, name, draft)
            (self.drafts if draft else self.posts).append(post)

    def _files(self, base: Path, prefix: str) -> Iterable[tuple[Path, str]]:
        """Files below `base` as Ruby's `Dir["**/*"]` lists them, minus Jekyll's skips."""
        if not base.is_dir():
            return
        for relative in list_folder(base).files:
            yield base / relative, prefix + relative

    def _read_layouts(self) -> None:
        base = self.folder("layouts_dir", "_layouts")
        for path, relative in self._files(base, ""):
            stem, _, _ = relative.rpartition(".")
            self.layouts[stem or relative] = path

    def _read_collections(self) -> None:
        for label, meta in sorted(self.config.collections.items()):
            if label == "posts":
                continue
            prefix = f"{self.config.collections_dir}/" if self.config.collections_dir else ""
            base = self.root / f"{prefix}_{label}"
            # Without `output`, documents are read and have URLs (`site.<label>`), but are
            # not written.
            kept = self.entries if meta.get("output") not in (None, False) else self.unwritten
            for path, relative in self._files(base, ""):
                entry = self._document(label, meta, path, f"{prefix}_{label}/{relative}",
                                       relative)
                if entry is not None:
                    kept.append(entry)

    def _document(self, label: str, meta: dict[str, object], path: Path, full: str,
                  relative: str) -> Entry | None:
        stem, dot, ext = relative.rpartition(".")
        ext = dot + ext if dot else ""
        stem = stem if dot else relative
        out_ext = output_ext(ext, self.markdown_exts)
        # Front matter beats `defaults:`, which beat the collection's own `permalink:`.
        data = {**self.defaults.all(full, label),
                **_front_matter_data(path, self.root, everything=True)}
        template = str(data.get("permalink") or meta.get("permalink") or
                       urls.page_template(self.config.permalink, html=True, index=False)
                       .replace(":path/:basename", ":collection/:path"))
        basename = Path(stem).name
        dated = parse_post_name(basename + ext)
        date = resolve_date(data["date"] if data.get("date") else dated.date if dated else "",
                            self.timezone, self.time).value or self.time
        if dated is not None:
            basename = dated.slug  # the date is cut from the slug, as for posts
        placeholders = {**urls.date_placeholders(date), "collection": label, "path": "/" + stem,
                        "output_ext": out_ext, "categories": "", "basename": basename,
                        **urls.name_placeholders(data.get("slug") or None, basename)}
        return self._entry("document", full, template, placeholders, out_ext, data, label)

    def _read_other(self, path: Path, rel: str) -> None:
        stem, dot, ext = rel.rpartition("/")[2].rpartition(".")
        ext = "." + ext if dot else ""
        folder = rel.rpartition("/")[0]
        basename = stem if dot else rel.rpartition("/")[2]
        front_matter = _has_yaml_header(path, self.root)
        markdown = ext.lower() in self.markdown_exts
        if markdown and "jekyll-readme-index" in self.plugin_names and \
                readme_index.is_index(path, basename, front_matter, self.config):
            self._add_page(rel, folder, "index", ".html", path if front_matter else None)
            if readme_index.keeps_original(self.config):
                self._add_static(rel)
        elif front_matter:
            out_ext = _CONVERTED_EXT.get(ext.lower(), output_ext(ext, self.markdown_exts))
            page = self._add_page(rel, folder, basename, out_ext, path)
            if page is not None and sass.is_page(rel) and \
                    sass.writes_source_map(self):
                # The gem's jekyll-sass-converter 2 writes a source map beside the CSS.
                self.entries.append(Entry("static", rel, page.url + ".map",
                                          page.output_path + ".map"))
        elif markdown and "jekyll-optional-front-matter" in self.plugin_names and \
                optional_front_matter.active(self.config) and \
                optional_front_matter.becomes_page(basename, rel, self.config):
            self._add_page(rel, folder, basename, ".html", None)
            if optional_front_matter.keeps_original(self.config):
                self._add_static(rel)
        else:
            self._add_static(rel)

    def _add_page(self, rel: str, folder: str, basename: str, out_ext: str,
                  path: Path | None) -> Entry | None:
        data = _front_matter_data(path, self.root) if path is not None else {}
        template = str(data.get("permalink") or urls.page_template(
            self.config.permalink, html=out_ext == ".html", index=basename == "index"))
        placeholders = {"path": folder, "basename": basename, "output_ext": out_ext}
        page = self._entry("page", rel, template, placeholders, out_ext, data)
        if page is not None:
            self.entries.append(page)
        return page

    def _add_static(self, rel: str) -> None:
        url = urls.sanitize(urls.escape_path(rel))
        self.entries.append(Entry("static", rel, url, rel))

    def _entry(self, kind: str, rel: str, template: str, placeholders: dict[str, str],
               ext: str, data: dict[str, object], collection: str = "") -> Entry | None:
        """The entry for a file, None when Jekyll cannot make its URL."""
        try:
            url = urls.expand(template, placeholders)
        except urls.PermalinkError:
            return None
        kept = tuple((str(k), v) for k, v in data.items()) if collection else ()
        return Entry(kind, rel, url, urls.output_path(url, ext), redirect_from.sources(data),
                     collection, kept)


def _has_yaml_header(path: Path, root: Path) -> bool:
    try:
        head = sitefs.head(path, root, 5)
    except OSError:
        return False
    return head.startswith((b"---\n", b"---\r\n", b"--- ", b"---\t"))


def _front_matter_data(path: Path, root: Path, everything: bool = False) -> dict[str, object]:
    try:
        read = document.read(path, root, load=False)
    except (OSError, SourceError):
        return {}
    fm = read.front_matter
    # Only the URL and redirects are wanted: most pages need no YAML loaded at all.
    if not fm.present or (not everything and not any(
            key in fm.text for key in ("permalink", "slug", "redirect_from"))):
        return {}
    frontmatter.load_yaml(fm)
    return fm.mapping


_ASSET_BUILDS = ("package.json", "webpack.config.js", "gulpfile.js", "Gruntfile.js",
                 "vite.config.js", "vite.config.ts", "rollup.config.js")


def find_site_root(path: Path) -> tuple[Path, bool]:
    """The folder holding `_config.yml` at or above `path`; else one holding `_posts/` (a
    site Jekyll builds with its defaults); else a loose folder of posts.

    Returns the root and whether it is loose.
    """
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if find_config(folder) is not None:
            return folder, False
    for folder in (start, *start.parents):
        if (folder / "_posts").is_dir():
            return folder, False
    return start, True

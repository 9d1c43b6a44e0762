"""`notelint render`: which posts and pages, what HTML, where it goes."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import sitefs, workers
from ..budget import POST_SECONDS, OverBudget, time_budget
from ..config import find_config, load_config
from ..engine import Targets, load_site, site_groups
from ..files import write_atomically
from ..jekyll import sass
from ..jekyll.build import detect as detect_build
from ..jekyll.plugins import paginate
from ..jekyll.post import Post, light_reader, read_post
from ..jekyll.site import Site
from ..sitefs import OutputRefused, output_file
from . import Renderer
from .normalize import normalize_page
from .page import image_resolver, standalone


@dataclass(frozen=True)
class RenderOptions:
    fragment: bool = False
    layouts: bool = False
    copied: bool = False  # `-o`: the site's files are copied beside the pages


@dataclass(frozen=True)
class RenderJob:
    post: Post
    html: str
    output_path: str | None
    messages: tuple[str, ...]
    failed: bool


def plan_renders(paths: Sequence[str | os.PathLike[str]],
                 config_file: Path | None = None) -> list[tuple[Renderer, Post]]:
    """The posts, pages and collection documents Jekyll publishes as HTML under `paths` (a
    file named alone always renders), each with its site's renderer; rendering them is left
    to the caller, one at a time. notelint's configuration (`config_file`, else the site's)
    says the build and theme."""
    plan = []
    for root, targets in site_groups(paths):
        config = load_config(config_file or find_config(root))
        build = detect_build(root, config.build) if config.build else None
        site = load_site(root, theme_layouts=config.theme_layouts, build=build,
                         read=light_reader(read_post))
        renderer = Renderer(site, publish=True)
        named = {t for t in targets if t.is_file()}
        wanted = Targets(targets)
        for post in site.all_posts:
            if not wanted.contain(post.path):
                continue
            if post.path not in named and post.skip_reason(site) is not None:
                continue
            plan.append((renderer, post))
        for entry in site.entries:
            # Sass pages become stylesheets with the site's other assets (render/assets.py).
            if entry.kind == "static" or sass.is_page(entry.relative_path) or \
                    not wanted.contain(site.root / entry.relative_path):
                continue
            page = site.read_entry(entry)
            plan.append((renderer, page))
            plan += [(renderer, copy) for copy in paginate.copies(site, page)]
    return plan


def render_job(renderer: Renderer, post: Post, options: RenderOptions,
               seconds: float = POST_SECONDS) -> RenderJob:
    """One post rendered, within its time budget (past it: nothing written, one message),
    made whole for it if it is kept light."""
    with post.whole_for_now(renderer.site):
        return _render_job(renderer, post, options, seconds)


def _render_job(renderer: Renderer, post: Post, options: RenderOptions,
                seconds: float) -> RenderJob:
    try:
        with time_budget(seconds):
            result = renderer.render(post)
            if not is_html(post):  # a feed, a JSON index, robots.txt: Liquid's output
                html = renderer.apply_layouts(post, result.html) if options.layouts \
                    else result.html
            elif options.layouts:
                html = normalize_page(renderer.apply_layouts(post, result.html))
            elif options.fragment:
                html = result.normalized
            else:
                html = standalone(post, result.normalized, renderer.math, image_resolver(
                    renderer.site, post, renderer.published_files, options.copied))
    except OverBudget:
        return RenderJob(post, "", None, (f"1:1: error: notelint stopped rendering this "
                                          f"post after {seconds:g} s",), True)
    offset = post.body_line - 1
    messages = tuple(
        f"{p.line + offset}:{p.column}: {'error' if p.fatal else 'warning'}: {p.message}"
        f" (Jekyll: line {p.line})" for p in result.problems)
    unreadable = renderer.unreadable_layout(post) if options.layouts else None
    if unreadable is not None:
        messages += (f"1:1: error: {unreadable}; written without it",)
    return RenderJob(post, html, post.output_path, messages,
                     result.fatal or unreadable is not None)


@dataclass(frozen=True)
class Rendered:
    """What the parent needs to know of one post `render -o` wrote (in a worker, maybe)."""

    messages: tuple[str, ...]
    failed: bool
    output_path: str | None  # as under `_site`, when written
    refused: str | None  # why it could not be written


def render_all(plan: list[tuple[Renderer, Post]], options: RenderOptions,
               folder: OutputFolder, count: int) -> Iterator[tuple[int, Rendered]]:
    """Render and write every post of `plan` into `folder`, in `count` forked processes
    (1: here), yielding each one's outcome in the plan's order. Where two posts have the
    same output, the later one's page is the one written, as one process would leave it."""
    owner = {published_path(r.site, p.output_path, options.layouts): i
             for i, (r, p) in enumerate(plan) if p.output_path is not None}

    def work(part: range) -> tuple[list[Rendered], set[str]]:
        before = set(folder.ours)
        done = []
        for index in part:
            renderer, post = plan[index]
            job = render_job(renderer, post, options)
            refused = None
            if job.output_path is not None:
                place = published_path(renderer.site, job.output_path, options.layouts)
                refused = folder.write(place, job.html, dry=owner[place] != index)
            done.append(Rendered(job.messages, job.failed, job.output_path, refused))
        return done, folder.ours - before

    for part, (done, names) in workers.map_slices(work, len(plan), count):
        folder.ours |= names
        yield from zip(part, done, strict=True)

def published_path(site: Site, output_path: str, browsable: bool) -> str:
    """Where `render -o` writes an output: for a browsable site (`--layouts`), below the
    site's `baseurl`, so that the links its pages write (`/blog/assets/main.css`) resolve
    when the folder is served; otherwise where Jekyll writes it in `_site`."""
    base = str(site.config.get("baseurl") or "").strip("/") if browsable else ""
    return f"{base}/{output_path}" if base else output_path


def is_html(post: Post) -> bool:
    """Whether the page is published as HTML (else: a feed, JSON, text: Liquid's output)."""
    return post.output_path is None or post.output_path.endswith((".html", "/"))


class OutputFolder:
    """The folder `render -o` writes into. It overwrites only what notelint wrote there,
    in this run or an earlier one (listed in MANIFEST), never a file of someone else's
    (`render -o .` must not overwrite the site's own files)."""

    MANIFEST = ".notelint-render.json"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ours: set[str] = set()
        try:
            listed = json.loads(sitefs.read_bytes(folder / self.MANIFEST, None))
        except (OSError, ValueError, RecursionError):
            listed = []
        if isinstance(listed, list):
            self.ours = {item for item in listed if isinstance(item, str)}

    def write(self, relative: str, content: str | bytes, dry: bool = False) -> str | None:
        """Write atomically, so an interrupted run never leaves half a page, and only
        inside the folder; returns why it could not be written, or None. `dry`: only
        judge it, as for a page another one of the run replaces."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        return self._place(relative, (lambda _target: None) if dry else
                           (lambda target: write_atomically(target, data)))

    def copy(self, source: Path, root: Path, relative: str) -> str | None:
        """Copy the site file `source` (inside `root`) there, unless an earlier run's copy
        is the same; returns why it could not be copied, or None."""
        return self._place(relative, lambda target: sitefs.copy_file(source, root, target))

    def _place(self, relative: str, put: Callable[[Path], object]) -> str | None:
        try:
            target = output_file(self.folder, relative)
            name = target.relative_to(self.folder).as_posix()
            if target.exists() and name not in self.ours:
                return f"{name} already exists and was not written by notelint"
            self.ours.add(name)
            put(target)
        except OutputRefused as exc:
            return str(exc)
        except OSError as exc:
            return exc.strerror or str(exc)
        return None

    def close(self) -> None:
        """Remember what is ours, for the next run."""
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self.folder / self.MANIFEST,
                             json.dumps(sorted(self.ours), indent=0).encode("utf-8"))

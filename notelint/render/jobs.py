"""`notelint render`: which posts and pages, what HTML, where it goes."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..budget import POST_SECONDS, OverBudget, time_budget
from ..config import find_config, load_config
from ..engine import Targets, load_site, site_groups
from ..files import write_atomically
from ..jekyll.build import detect as detect_build
from ..jekyll.plugins import paginate
from ..jekyll.post import Post
from ..sitefs import OutputRefused, output_file
from . import Renderer
from .normalize import normalize
from .page import standalone


@dataclass(frozen=True)
class RenderOptions:
    fragment: bool = False
    layouts: bool = False


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
        site = load_site(root, theme_layouts=config.theme_layouts, build=build)
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
            if entry.kind != "static" and entry.output_path.endswith(".html") and \
                    wanted.contain(site.root / entry.relative_path):
                page = site.read_entry(entry)
                plan.append((renderer, page))
                plan += [(renderer, copy) for copy in paginate.copies(site, page)]
    return plan


def render_job(renderer: Renderer, post: Post, options: RenderOptions,
               seconds: float = POST_SECONDS) -> RenderJob:
    """One post rendered, within its time budget (past it: nothing written, one message)."""
    try:
        with time_budget(seconds):
            result = renderer.render(post)
            if options.layouts:
                html = normalize(renderer.apply_layouts(post, result.html))
            elif options.fragment:
                html = result.normalized
            else:
                html = standalone(post, result.normalized)
    except OverBudget:
        return RenderJob(post, "", None, (f"1:1: error: notelint stopped rendering this "
                                          f"post after {seconds:g} s",), True)
    offset = post.body_line - 1
    messages = tuple(
        f"{p.line + offset}:{p.column}: {'error' if p.fatal else 'warning'}: {p.message}"
        f" (Jekyll: line {p.line})" for p in result.problems)
    return RenderJob(post, html, post.output_path, messages, result.fatal)


def write_output(folder: Path, relative: str, html: str) -> str | None:
    """Write atomically, so an interrupted run never leaves half a page, and only inside
    `folder`; returns why it could not be written, or None."""
    try:
        target = output_file(folder, relative)
        write_atomically(target, html.encode("utf-8"))
    except OutputRefused as exc:
        return str(exc)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None

"""What a commit changes for the posts it does not touch (`check --hook`).

pre-commit passes the staged files that still exist. Renaming or deleting a post breaks the
posts that link to it (`{% post_url %}` stops the build), and so does changing its URL or
deleting an include another post uses, though none of those posts is staged. This module
reads the staged changes from git, and finds the posts of the site whose text refers to what
went away: they are checked with the staged files.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .jekyll.filenames import parse_post_name
from .jekyll.post import Post, read_post
from .jekyll.site import Site

# git must not run anything the repository configures while notelint asks it about files.
_GIT = ("git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null")
_TAG = re.compile(r"\{%-?\s*(post_url|link|include|include_cached|include_relative)\s+"
                  r"([^\s%}]+)")


@dataclass(frozen=True)
class Change:
    """A staged change, by path from the work tree's top: `D`eleted, `M`odified, `A`dded."""

    status: str
    path: Path


def staged_changes(where: Path) -> list[Change]:
    """The staged changes of the git work tree holding `where` (none outside git)."""
    top = _git(where, "rev-parse", "--show-toplevel")
    if top is None:
        return []
    listed = _git(where, "diff", "--cached", "--name-status", "-z", "--no-renames")
    if listed is None:
        return []
    root = Path(top.strip("\n"))
    # `-z`: status NUL path NUL ..., with a NUL at the very end.
    parts = listed.split("\0")[:-1]
    return [Change(status[:1], root / path)
            for status, path in zip(parts[::2], parts[1::2], strict=True)]


def committed_bytes(path: Path) -> bytes | None:
    """The file as the last commit holds it (None: not in it, or not in git)."""
    try:
        run = subprocess.run([*_GIT, "-C", str(path.parent), "show", f"HEAD:./{path.name}"],
                             capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout if run.returncode == 0 else None


def _git(where: Path, *args: str) -> str | None:
    folder = where if where.is_dir() else where.parent
    while not folder.is_dir():
        folder = folder.parent
    try:
        run = subprocess.run([*_GIT, "-C", str(folder), *args], capture_output=True,
                             timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return os.fsdecode(run.stdout) if run.returncode == 0 else None


@dataclass
class Gone:
    """What went away from a site: names `post_url` used, paths `link` used, URLs, includes
    and layouts."""

    post_names: set[str] = field(default_factory=set)
    paths: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    includes: set[str] = field(default_factory=set)
    layouts: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return any((self.post_names, self.paths, self.urls, self.includes, self.layouts))


def gone(site: Site, changes: Iterable[Change]) -> Gone:
    """What the staged `changes` take away from `site`."""
    result = Gone()
    root = site.root
    for change in changes:
        try:
            relative = change.path.relative_to(root).as_posix()
        except ValueError:
            continue
        parts = relative.split("/")
        if change.status == "D":
            if parts[0] == "_includes" and len(parts) > 1:
                result.includes.add("/".join(parts[1:]))
            elif parts[0] == "_layouts" and len(parts) > 1:
                result.layouts.add("/".join(parts[1:]).rpartition(".")[0])
        if parts[0] == "_includes" and change.status == "M":
            result.includes.add("/".join(parts[1:]))  # its Liquid may now fail where used
        old = _old_post(site, change, relative) if change.status in "DM" else None
        if old is None:
            continue
        now = site.by_path.get(str(change.path))
        if change.status == "D":
            result.post_names.add(old.collection_path.rpartition(".")[0])
            result.paths.add(relative)
        if old.url is not None and (now is None or now.url != old.url):
            result.urls.add(old.url)
    return result


def _old_post(site: Site, change: Change, relative: str) -> Post | None:
    """The post at `relative` as the last commit holds it."""
    parts = relative.split("/")
    if "_posts" not in parts:
        return None
    within = "/".join(parts[parts.index("_posts") + 1:])
    name = parse_post_name(within)
    if name is None:
        return None
    content = committed_bytes(change.path)
    if content is None:
        return None
    return read_post(site, change.path, relative, within, name, content=content)


def _url_forms(url: str) -> set[str]:
    """The ways a link may write `url`: with or without `.html`, `index.html` or the final
    slash."""
    forms = {url}
    if url.endswith("/index.html"):
        forms.add(url[: -len("index.html")])
    if url.endswith(".html"):
        forms.add(url[: -len(".html")])
    if url.endswith("/") and len(url) > 1:
        forms.add(url[:-1])
    return {form for form in forms if len(form) > 1}


def dependents(site: Site, went: Gone) -> list[Post]:
    """The posts of `site` that refer to something in `went`."""
    if not went:
        return []
    forms = {form for url in went.urls for form in _url_forms(url)}
    found = []
    for post in site.all_posts:
        if post.layout in went.layouts:
            found.append(post)
            continue
        try:
            text = post.text
        except (OSError, ValueError):
            continue
        if _refers(text, went, forms):
            found.append(post)
    return found


def _refers(text: str, went: Gone, forms: set[str]) -> bool:
    for tag, argument in _TAG.findall(text):
        argument = argument.strip("\"'")
        if tag == "post_url" and (argument in went.post_names or
                                  argument.rpartition("/")[2] in went.post_names):
            return True
        if tag == "link" and argument in went.paths:
            return True
        if tag.startswith("include") and argument in went.includes:
            return True
    return any(form in text for form in forms)

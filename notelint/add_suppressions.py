"""`check --add-suppressions`: silence today's findings with inline comments (as ruff's
`--add-noqa`), for those who prefer them to a baseline file.

A finding in a post's body gets `<!-- notelint-disable-next-line CODE -->` on a line of its
own before it, or else `<!-- notelint-disable-line CODE -->` at the end of its line; one in the
front matter gets `# notelint-disable-next-line CODE` before it; one about the whole file
(line 1, the front matter's opening) gets `# notelint-disable-file CODE` inside the front
matter. A comment is written only where it changes nothing Jekyll publishes: the post is
rendered with and without it and the two pages must be the same but for comments (the front
matter must read the same). A finding no comment can silence that way (in a code block, a
table, `_config.yml`) is left, and said; a baseline takes those.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .diagnostics import Diagnostic
from .engine import CheckOptions, CheckResult, check_paths, load_site, site_groups
from .files import NotChanged, rewrite_user_file
from .jekyll import document
from .jekyll.page import read_layout
from .jekyll.post import Post
from .jekyll.site import Site
from .render import Renderer
from .source import SourceError, SourceText


@dataclass
class SuppressionReport:
    added: int = 0  # comments written
    files: list[Path] = field(default_factory=list)
    left: list[Diagnostic] = field(default_factory=list)  # findings no comment could take
    refused: list[str] = field(default_factory=list)  # files not written, and why


def add_suppressions(paths: Sequence[str | os.PathLike[str]],
                     options: CheckOptions | None = None
                     ) -> tuple[CheckResult, SuppressionReport]:
    """Check, write the comments, check again; the result is the second check's."""
    result = check_paths(paths, options)
    report = SuppressionReport()
    by_path: dict[Path, list[Diagnostic]] = {}
    for diagnostic in result.diagnostics:
        by_path.setdefault(Path(os.path.abspath(diagnostic.path)), []).append(diagnostic)
    sites = {root: load_site(root) for root, _ in site_groups(list(by_path))}
    for path, found in sorted(by_path.items()):
        site = next((s for root, s in sites.items() if path.is_relative_to(root)), None)
        subject = _subject(site, path) if site is not None else None
        if site is None or subject is None:
            report.left += found
            continue
        text, added, left = _annotate(site, subject, found)
        report.left += left
        if not added:
            continue
        data = text.encode("utf-8")
        if subject.source is not None and subject.source.had_bom:
            data = b"\xef\xbb\xbf" + data
        try:
            rewrite_user_file(path, data)
        except NotChanged as exc:
            report.refused.append(str(exc))
            report.left += found
            continue
        report.added += added
        report.files.append(path)
    if report.files:
        result = check_paths(paths, options)
    return result, report


def _subject(site: Site, path: Path) -> Post | None:
    """The post, page, document or layout at `path`, as it was checked."""
    post = site.by_path.get(str(path))
    if post is not None:
        return post
    relative = path.relative_to(site.root).as_posix()
    entry = next((e for e in site.entries if e.relative_path == relative
                  and e.kind in ("page", "document")), None)
    if entry is not None:
        return site.read_entry(entry)
    if path in site.templates():
        return read_layout(site, path, relative)
    return None


def _annotate(site: Site, post: Post, found: Iterable[Diagnostic]
              ) -> tuple[str, int, list[Diagnostic]]:
    """The post's text with a comment for each line that has findings, how many comments,
    and the findings left without one."""
    if post.source is None or not post.read_ok:
        return "", 0, list(found)
    renderer = Renderer(site)
    text = post.source.text
    lines: dict[int, list[Diagnostic]] = {}
    left = []
    for diagnostic in found:
        if diagnostic.start is None or diagnostic.start.line < 1:
            left.append(diagnostic)
        else:
            lines.setdefault(diagnostic.start.line, []).append(diagnostic)
    baseline = _published(renderer, post, text)
    added = 0
    # From the last line up, so that earlier line numbers still hold.
    for line in sorted(lines, reverse=True):
        codes = " ".join(sorted({d.code for d in lines[line]}))
        for candidate in _candidates(post, text, line, codes):
            if _published(renderer, post, candidate) == baseline:
                text = candidate
                added += 1
                break
        else:
            left += lines[line]
    return text, added, left


def _candidates(post: Post, text: str, line: int, codes: str) -> Iterable[str]:
    source = SourceText(text)
    starts = source.line_starts
    if line > len(starts):
        return
    start = starts[line - 1]
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    content = text[start:end].rstrip("\r")
    newline = "\r\n" if "\r\n" in text else "\n"
    fm = post.front_matter
    body_line = post.body_line if fm.present else 1
    if fm.present and line == 1:
        yield text[:end + 1] + f"# notelint-disable-file {codes}{newline}" + text[end + 1:]
        return
    if fm.present and line < body_line:
        indent = re.match(r"[ \t]*", content).group()  # type: ignore[union-attr]
        yield text[:start] + f"{indent}# notelint-disable-next-line {codes}{newline}" + \
            text[start:]
        return
    indent = re.match(r"[ \t]*", content).group()  # type: ignore[union-attr]
    yield text[:start] + f"{indent}<!-- notelint-disable-next-line {codes} -->{newline}" + \
        text[start:]
    yield text[:start] + content + f" <!-- notelint-disable-line {codes} -->" + \
        text[start + len(content):]


def _published(renderer: Renderer, post: Post, text: str) -> tuple[object, ...]:
    """What Jekyll publishes from `text` as this post, comments left out: its front matter
    and its page."""
    try:
        read = document.from_bytes(text.encode("utf-8"))
    except SourceError:
        return (None,)
    fm = read.front_matter
    changed = dataclasses.replace(post, source=read.source, front_matter=fm)
    html = renderer.render(changed).html
    return (fm.present, fm.error is None, repr(fm.data), _visible(html))


def _visible(html: str) -> tuple[str, ...]:
    """The page's elements, attributes and text (spacing aside, but inside `<pre>`), with
    the comments left out."""
    soup = BeautifulSoup(html, "html.parser")
    out: list[str] = []
    text = False  # whether the last item is text: a comment between two texts joins them
    for node in soup.descendants:
        if isinstance(node, Comment):
            continue
        if isinstance(node, Tag):
            out.append(f"<{node.name} {sorted((k, str(v)) for k, v in node.attrs.items())}>")
            text = False
        elif isinstance(node, NavigableString):
            if any(parent.name == "pre" for parent in node.parents):
                words = str(node)
            else:
                words = " ".join(str(node).split())
            if not words:
                continue
            if text:
                out[-1] = " ".join(f"{out[-1]} {words}".split())
            else:
                out.append(words)
            text = True
    return tuple(out)

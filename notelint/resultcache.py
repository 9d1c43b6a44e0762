"""A site's last report, given again when nothing it was made from has changed.

The key is everything a report depends on: notelint's version, the run's options and the
paths it was given, notelint's configuration file, the time zone and the installed gems'
locations from the environment, and
every file of the site (`_site`, `.git`, caches and installed packages aside): the content
of each text file (posts, pages, layouts, includes, data, configuration), the path and size
of the others (an image is found or not; what it shows does not change a finding). Content,
not modification times: a fresh checkout in CI gives every file a new time. A report is not
given again once a future-dated post it saw is due. External links are checked afresh: a
run that checks them is never stored.

Kept with the report is what it was made from, file by file (`Basis`): when only some posts'
text has changed since, the next run patches the report instead of making it again
(engine._patch_plan says when it may, and what to check).

The report is a pickle in the user's cache folder (beside the site index), never in the
site, read with the site index's guarded unpickler (JSON took 0.08 s to write 7,000
findings, and refuses the lone surrogates of undecodable file names).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .diagnostics import Diagnostic
from .siteindex import cache_folder, read_pickle, write_pickle

_FORMAT = 3  # 3: a pickle, with what the report was made from
# Folders that hold no input of the build, or whose files notelint does not read.
_SKIPPED = frozenset({".git", "_site", ".jekyll-cache", ".sass-cache", "node_modules", "vendor",
                      ".bundle", ".notelint-cache", ".hg", ".svn"})


@dataclass(frozen=True)
class Report:
    """One site's part of a run (paths as displayed from the folder it was run in, which
is part of the key)."""

    diagnostics: tuple[Diagnostic, ...]
    files: tuple[str, ...]  # as displayed
    notes: tuple[str, ...]
    build: tuple[str, str, str]  # Build's kind, Jekyll version and reason


# Files whose content a report depends on (others count by their path and size).
_TEXT = frozenset({".md", ".markdown", ".mkdown", ".mkdn", ".mkd", ".mdown", ".html", ".htm",
                   ".xhtml", ".yml", ".yaml", ".json", ".csv", ".tsv", ".toml", ".liquid",
                   ".txt", ".xml", ".rb", ".js", ".css", ".scss", ".sass", "", ".lock"})
_LARGEST_TEXT = 4 * 1024 * 1024


# A file's content hash when it is known without reading the file (the site index's, for
# a post whose size and time match): (site-relative path, size, mtime in ns) -> hash.
Known = Callable[[str, int, int], "bytes | None"]


# (site-relative path, size, mtime in ns, what else it is: None for a regular file)
FileStamp = tuple[str, int, int, str | None]


# What the key saw of one file: its size, what else it is (None for a regular file) and its
# content hash (None when only its path and size count).
Seen = tuple[int, "str | None", "bytes | None"]


@dataclass(frozen=True)
class ReportKey:
    """The report's key, and what it was made from."""

    value: str
    options: str  # the digest of the run's options and environment alone
    files: dict[str, Seen]  # every file of the site, by site-relative path


def key(root: Path, targets: list[Path], options: dict[str, Any], known: Known | None = None,
        files: list[FileStamp] | None = None) -> ReportKey:
    """The report's key."""
    header = _header({**options, "targets": sorted(os.path.relpath(t, root) for t in targets)})
    seen = _seen_files(root, known=known, files=files)
    return ReportKey(_digest(header, seen), header, seen)


def site_files(root: Path) -> list[FileStamp]:
    """Each file of the site, for `key` and `files_digest` to share one walk of it."""
    return list(_files(root))


def files_digest(root: Path, options: dict[str, Any], leave_out: frozenset[str] = frozenset(),
                 known: Known | None = None, files: list[FileStamp] | None = None) -> str:
    """A digest of the run's `options`, what notelint reads from its environment, and every
    file of the site (`files`, if the caller listed them) but those `leave_out` names
    (site-relative)."""
    return _digest(_header(options), _seen_files(root, leave_out, known, files))


def _header(options: dict[str, Any]) -> str:
    header = {"format": _FORMAT, "version": __version__, "options": options,
              "cwd": os.getcwd(),
              # what notelint reads from the environment: the build's time zone, the gems
              "environment": [os.environ.get(n, "") for n in ("TZ", "GEM_PATH", "GEM_HOME",
                                                              "BUNDLE_PATH")]}
    return hashlib.blake2b(json.dumps(header, sort_keys=True, default=str).encode(),
                           digest_size=20).hexdigest()


def _digest(header: str, seen: dict[str, Seen]) -> str:
    digest = hashlib.blake2b(header.encode(), digest_size=20)
    for relative, (size, other, content) in seen.items():
        digest.update(f"{relative}\0{size}\0{other}\0".encode("utf-8", "surrogateescape"))
        if content is not None:
            digest.update(content)
    return digest.hexdigest()


def _seen_files(root: Path, leave_out: frozenset[str] = frozenset(), known: Known | None = None,
               files: list[FileStamp] | None = None) -> dict[str, Seen]:
    """What counts of each file of the site (`files`, if the caller listed them) but those
    `leave_out` names, in the walk's order."""
    seen: dict[str, Seen] = {}
    for relative, size, mtime, other in _files(root) if files is None else files:
        if relative in leave_out:
            continue
        content = None
        if other is None and os.path.splitext(relative)[1].lower() in _TEXT and \
                size <= _LARGEST_TEXT:
            content = known(relative, size, mtime) if known is not None else None
            if content is None:
                try:
                    content = hashlib.blake2b((root / relative).read_bytes(),
                                              digest_size=16).digest()
                except OSError:
                    content = b"unreadable"
        seen[relative] = size, other, content
    return seen


def _files(root: Path) -> Iterator[FileStamp]:
    """The stamp of each file of the site."""
    stack = [root]
    prefix = len(os.path.join(root, ""))  # entries are below root: cut it, no relpath
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            relative = entry.path[prefix:]
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in _SKIPPED:
                        stack.append(Path(entry.path))
                    continue
                if entry.is_symlink():
                    # What it points at, not what is there (a device, a FIFO, a file
                    # outside the site): the site's reading of it follows from that.
                    yield relative, -1, 0, os.readlink(entry.path)
                    continue
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            yield relative, info.st_size, info.st_mtime_ns, \
                None if stat.S_ISREG(info.st_mode) else "special"


def _file(root: Path) -> Path:
    name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=12).hexdigest()
    return cache_folder() / "reports" / f"{name}.pickle"


@dataclass(frozen=True)
class Basis:
    """What a report was made from besides its key's files, so that a run after only some
    posts' bodies changed can patch it: those posts, and the ones that depend on them, are
    checked again, and every other finding stays (engine._patch)."""

    options: str  # ReportKey.options
    files: dict[str, Seen]  # ReportKey.files
    context: str  # the context of the posts' kept results (postcache.py)
    fronts: dict[str, bytes]  # what each post's front matter makes of it, by site-relative path
    again: frozenset[str]  # checked on every run: results not kept, or other posts' text read
    # By a post's site-relative path: what links to a fragment of it (its ids judge those).
    linkers: dict[str, frozenset[str]]


@dataclass(frozen=True)
class Last:
    """The site's last report."""

    report: Report
    same: bool  # made from exactly what the run's key names: to be given again
    basis: Basis | None  # for a patch (None: the run's options differ, or none was kept)


def load(root: Path, wanted: ReportKey, now: dt.datetime) -> Last | None:
    """The stored report, if it may be given again or patched now."""
    stored = read_pickle(_file(root))
    if not isinstance(stored, dict) or stored.get("format") != _FORMAT:
        return None  # no report, or one this version did not write
    due = stored.get("due")
    if due is not None and now.timestamp() >= due:
        return None
    report, basis = stored.get("report"), stored.get("basis")
    if not isinstance(report, Report):
        return None
    same = stored.get("key") == wanted.value
    if not isinstance(basis, Basis) or basis.options != wanted.options:
        basis = None
    return Last(report, same, basis) if same or basis is not None else None


def store(root: Path, key: ReportKey, report: Report, due: dt.datetime | None,
          basis: Basis | None = None) -> None:
    """Keep the report (a cache: a folder that cannot be written is no error)."""
    with contextlib.suppress(OSError):
        write_pickle(_file(root), {"format": _FORMAT, "key": key.value, "report": report,
                                   "due": due.timestamp() if due is not None else None,
                                   "basis": basis})

"""Each post's last findings, given again while nothing they depend on has changed.

A post's check reads its own file and the rest of the site: configuration, layouts,
includes, data, pages and other files, and what every post's front matter makes of it
(URLs, dates, titles, tags: the URL index, `site.posts`). The *context* hashes all of that
but the posts' bodies, with the run's options and notelint's version; a post's findings are
kept under the context and its own file's content. A check that read another post's text
(a layout listing other posts' excerpts) depends on every post's text too, and is kept under
that as well. A link to another post's `#fragment` is judged again on every run, from the
ids kept with each post's entry, so an edited heading is seen by the posts linking to it.
The site-wide rules' findings are kept under the context alone: they read the posts' front
matter (whose text the context hashes: a finding is placed on a key), never their bodies.

The entries live beside the site index, in the user's cache folder (pickles, never in the
repository), and are read with the index's guarded unpickler. They are spread over a fixed
number of files by path, so that a run that checks one post rewrites one small file rather
than every post's results (22 MB at 10,000 posts); each file is replaced whole, and an entry
left behind by a run that stopped halfway is only an entry whose key no longer matches.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .siteindex import pickle_bytes, read_pickle, read_pickle_files, read_pickles, write_pickle

_FORMAT = 4  # 4: pending findings as tuples of strings and numbers, with their fix
_SITE = "\0site"  # the entry of the site-wide rules (no file is named so)
_SHARDS = 64  # files the entries are spread over


def _shard(relative: str) -> int:
    return zlib.crc32(relative.encode("utf-8", "surrogateescape")) % _SHARDS


class PostResults:
    """The kept results of one site's posts, for one context."""

    def __init__(self, folder: Path, context: str, digest: Callable[[str], bytes | None],
                 bodies: Callable[[], bytes]) -> None:
        self.folder = folder
        self.context = context
        self._digest = digest  # a post's file content hash, by its site-relative path
        self._bodies = bodies  # a hash of every post's file content
        self._bodies_digest: bytes | None = None
        # The entries of each file read so far: a run that patches its last report asks
        # for a few posts' results only.
        self._files: dict[int, dict[str, tuple[bool, bytes, bytes]]] = {}
        self.changed: set[int] = set()  # the files to write again

    def _file(self, number: int) -> Path:
        return self.folder / f"{number:02x}.pickle"

    def _entries(self, relatives: Iterable[str]) -> dict[str, tuple[bool, bytes, bytes]]:
        """The entries of the files that keep `relatives`, all of them (read if need be),
        to look up."""
        numbers = self._read_files({_shard(r) for r in relatives})
        return {k: v for n in numbers for k, v in self._files[n].items()}

    def _file_of(self, relative: str) -> dict[str, tuple[bool, bytes, bytes]]:
        """The entries of the file that keeps `relative` (read if need be), to change."""
        number = _shard(relative)
        self._read_files({number})
        return self._files[number]

    def _read_files(self, numbers: set[int]) -> set[int]:
        missing = sorted(numbers - self._files.keys())
        for number, stored in zip(missing, read_pickle_files(self._file(n) for n in missing),
                                  strict=True):
            valid = isinstance(stored, dict) and stored.get("format") == _FORMAT
            self._files[number] = stored["entries"] if valid else {}  # type: ignore[index]
        return numbers

    @classmethod
    def for_site(cls, root: Path, folder: Path, context: str,
                 digest: Callable[[str], bytes | None],
                 bodies: Callable[[], bytes]) -> PostResults:
        name = hashlib.sha256(os.fsencode(root)).hexdigest()[:20]
        # The single file of notelint 0.1's first caches, now only taking room.
        with contextlib.suppress(OSError):
            (folder / f"post-results-{name}.pickle").unlink()
        return cls(folder / f"post-results-{name}", context, digest, bodies)

    def keeps(self, relative: str) -> bool:
        """Whether a result of this post can be kept (not for a post dated by the run's
        clock)."""
        return self._digest(relative) is not None

    def _key(self, relative: str, wide: bool) -> bytes | None:
        own = self._digest(relative)
        if own is None:
            return None  # a post dated by the run's clock: checked every time
        digest = hashlib.blake2b(digest_size=20)
        digest.update(f"{_FORMAT}\0{self.context}\0{relative}\0".encode("utf-8",
                                                                       "surrogateescape"))
        digest.update(own)
        if wide:
            if self._bodies_digest is None:
                self._bodies_digest = self._bodies()
            digest.update(self._bodies_digest)
        return digest.digest()

    def get(self, relatives: list[str]) -> list[Any]:
        """Each post's kept result, or None when something it depends on changed."""
        entries = self._entries(relatives)
        fresh = [n for n, relative in enumerate(relatives)
                 if (entry := entries.get(relative)) is not None
                 and entry[1] == self._key(relative, entry[0])]
        results: list[Any] = [None] * len(relatives)
        loaded = read_pickles(entries[relatives[n]][2] for n in fresh)
        for n, result in zip(fresh, loaded, strict=True):
            results[n] = result
        return results

    def site_findings(self) -> Any:
        """The site-wide rules' findings, kept under the context alone (they read the
        posts' front matter, never their bodies), or None."""
        kept = self._file_of(_SITE).get(_SITE)
        return read_pickle(kept[2]) if kept is not None and \
            kept[1] == self.context.encode() else None

    def keep_site_findings(self, findings: Any) -> None:
        self._file_of(_SITE)[_SITE] = (False, self.context.encode(), pickle_bytes(findings))
        self.changed.add(_shard(_SITE))

    def put(self, relative: str, result: Any, wide: bool) -> None:
        key = self._key(relative, wide)
        if key is not None:
            # Pickled one by one: a run that checks one post writes the others' bytes back
            # as they were read, instead of building and pickling 10,000 results again.
            self._file_of(relative)[relative] = (wide, key, pickle_bytes(result))
            self.changed.add(_shard(relative))

    def save(self, kept: set[str] | None) -> None:
        """Write the files whose entries changed, leaving out the posts not in `kept` (they
        are gone; None: none is)."""
        if kept is not None:
            for number in self._read_files(set(range(_SHARDS))):
                entries = self._files[number]
                for relative in [r for r in entries if r not in kept and r != _SITE]:
                    del entries[relative]
                    self.changed.add(number)
        with contextlib.suppress(OSError):  # that only costs the next run its speed
            for number in sorted(self.changed):
                write_pickle(self._file(number), {"format": _FORMAT,
                                                  "entries": self._files[number]})
        self.changed.clear()

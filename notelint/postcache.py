"""Each post's last findings, given again while nothing they depend on has changed.

A post's check reads its own file and the rest of the site: configuration, layouts,
includes, data, pages and other files, and what every post's front matter makes of it
(URLs, dates, titles, tags: the URL index, `site.posts`). The *context* hashes all of that
but the posts' bodies, with the run's options and notelint's version; a post's findings are
kept under the context and its own file's content. A check that read another post's text
(a layout listing other posts' excerpts) depends on every post's text too, and is kept under
that as well. A link to another post's `#fragment` is judged again on every run, from the
ids kept with each post's entry, so an edited heading is seen by the posts linking to it.

The entries live beside the site index, in the user's cache folder (a pickle, never in the
repository), and are read with the index's guarded unpickler.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .siteindex import read_pickle, write_pickle

_FORMAT = 1


class PostResults:
    """The kept results of one site's posts, for one context."""

    def __init__(self, path: Path, context: str, digest: Callable[[str], bytes | None],
                 bodies: Callable[[], bytes]) -> None:
        self.path = path
        self.context = context
        self._digest = digest  # a post's file content hash, by its site-relative path
        self._bodies = bodies  # a hash of every post's file content
        self._bodies_digest: bytes | None = None
        stored = read_pickle(path)
        self.entries: dict[str, tuple[bool, bytes, Any]] = \
            stored["entries"] if isinstance(stored, dict) and \
            stored.get("format") == _FORMAT else {}
        self.changed = False

    @classmethod
    def for_site(cls, root: Path, folder: Path, context: str,
                 digest: Callable[[str], bytes | None],
                 bodies: Callable[[], bytes]) -> PostResults:
        name = hashlib.sha256(os.fsencode(root)).hexdigest()[:20]
        return cls(folder / f"post-results-{name}.pickle", context, digest, bodies)

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

    def get(self, relative: str) -> Any:
        """The post's kept result, or None when something it depends on changed."""
        entry = self.entries.get(relative)
        if entry is None:
            return None
        wide, key, result = entry
        return result if key == self._key(relative, wide) else None

    def put(self, relative: str, result: Any, wide: bool) -> None:
        key = self._key(relative, wide)
        if key is not None:
            self.entries[relative] = (wide, key, result)
            self.changed = True

    def save(self, kept: set[str]) -> None:
        """Write the entries of the posts in `kept` (others are gone), if any changed."""
        if not self.changed and kept >= self.entries.keys():
            return
        entries = {k: v for k, v in self.entries.items() if k in kept}
        with contextlib.suppress(OSError):  # that only costs the next run its speed
            write_pickle(self.path, {"format": _FORMAT, "entries": entries})

"""An on-disk index of a site's posts, so that checking a few files keeps the whole site as
context without reading and parsing every other post again.

Each post is stored as Jekyll read it (data, date, URL, output path), keyed by its file's
size, modification time and content hash; the whole index is keyed by notelint's version,
the site's `_config.yml`, notelint's configuration and the run's options, and is thrown
away when any of them changes. A file whose size and time match is trusted; one whose time
changed but whose content hash did not (a checkout, a `touch`) is trusted too. Restored
posts read their text only if a rule needs it (a link's target being rendered).

The index lives in the user's cache folder, never in the repository: it is a pickle, and a
pickle from someone else's commit must never be loaded.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .jekyll.filenames import PostName
from .jekyll.post import Post, read_post
from .jekyll.site import Site
from .source import DeferredSource

_FORMAT = 1
PostReader = Callable[[Site, Path, str, str, PostName, bool], Post]


def cache_folder() -> Path:
    """`$NOTELINT_CACHE_DIR`, else `$XDG_CACHE_HOME/notelint`, else `~/.cache/notelint`."""
    if os.environ.get("NOTELINT_CACHE_DIR"):
        return Path(os.environ["NOTELINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "notelint"


@dataclass
class _Entry:
    size: int
    mtime_ns: int
    digest: bytes
    post: Post


class SiteIndex:
    """The posts of one site as the last run read them."""

    def __init__(self, root: Path, key: str, folder: Path | None = None) -> None:
        folder = folder or cache_folder()
        name = hashlib.sha256(os.fsencode(root)).hexdigest()[:20]
        self.path = folder / f"site-index-{name}.pickle"
        self.key = key
        self.entries: dict[str, _Entry] = {}
        self.seen: dict[str, _Entry] = {}
        self.hits = 0
        self._load()

    @staticmethod
    def key_for(root: Path, config_files: Iterable[Path | None], options: object) -> str:
        """What every post's reading depends on besides its own file."""
        digest = hashlib.sha256(f"{_FORMAT}\0{__version__}\0{root}\0{options!r}".encode())
        for path in config_files:
            try:
                digest.update(path.read_bytes() if path is not None else b"\0")
            except OSError:
                digest.update(b"\1")
        return digest.hexdigest()

    def _load(self) -> None:
        # The collector would walk the growing heap again and again while 100,000 objects
        # are made; none of them is garbage.
        gc.disable()
        try:
            with open(self.path, "rb") as stream:
                stored = pickle.load(stream)
        except Exception:  # missing, damaged, or written by another notelint
            return
        finally:
            gc.enable()
        gc.freeze()  # kept to the end of the run, like the site model
        if isinstance(stored, dict) and stored.get("key") == self.key:
            self.entries = stored.get("entries", {})

    def reader(self, fresh: Callable[[Path], bool]) -> PostReader:
        """A post reader for `Site`: posts for which `fresh(path)` holds are always read
        from disk (they are being checked and need everything); others come from the index
        when their file is unchanged."""

        def read(site: Site, path: Path, relative: str, collection_path: str, name: PostName,
                 draft: bool) -> Post:
            return self._read(site, path, relative, collection_path, name, draft, fresh(path))

        return read

    def _read(self, site: Site, path: Path, relative: str, collection_path: str,
              name: PostName, draft: bool, fresh: bool) -> Post:
        entry = self.entries.get(relative)
        if entry is not None:
            _restore(entry.post, path)
        try:
            stat = path.stat()
        except OSError:
            return read_post(site, path, relative, collection_path, name, draft)
        if entry is not None and (entry.size, entry.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            self.seen[relative] = entry
            self.hits += not fresh
            return read_post(site, path, relative, collection_path, name, draft) if fresh \
                else entry.post
        try:
            data = path.read_bytes()
        except OSError:
            return read_post(site, path, relative, collection_path, name, draft)
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if entry is not None and entry.digest == digest:
            self.seen[relative] = _Entry(stat.st_size, stat.st_mtime_ns, digest, entry.post)
            if not fresh:
                self.hits += 1
                return entry.post
        post = read_post(site, path, relative, collection_path, name, draft, data)
        if relative not in self.seen and (post.filename_date is not None
                                          or post.front_matter_date is not None):
            # A post dated by the clock of the run cannot be kept for the next one.
            self.seen[relative] = _Entry(stat.st_size, stat.st_mtime_ns, digest, post)
        return post

    def save(self) -> None:
        """Write the posts this run saw (atomically); nothing when nothing changed."""
        if self.seen.keys() == self.entries.keys() and \
                all(self.seen[k] is self.entries[k] for k in self.seen):
            return
        entries = {k: dataclasses.replace(e, post=_portable(e.post))
                   for k, e in self.seen.items()}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(descriptor, "wb") as stream:
                pickle.dump({"key": self.key, "entries": entries}, stream,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            pass  # an index that cannot be written only costs the next run its speed


def _portable(post: Post) -> Post:
    """The post without what only its own check needs (its text, its YAML node tree, how
    its dates were written), and without its path: rebuilding 20,000 Path objects would
    cost more than the rest."""
    source = post.source
    if source is not None and not isinstance(source, DeferredSource):
        source = DeferredSource(None, source.had_bom)
    front = dataclasses.replace(post.front_matter, root=None, text="")
    # The date checks (NL2xx) run on the posts being checked only, which are read afresh.
    return dataclasses.replace(post, path=None, source=source, front_matter=front,
                               filename_date=None, front_matter_date=None)


def _restore(post: Post, path: Path) -> None:
    """Give a post from the index the path the site walk found it at."""
    post.path = path
    if isinstance(post.source, DeferredSource):
        post.source.path = path

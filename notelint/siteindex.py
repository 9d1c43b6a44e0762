"""An on-disk index of a site's posts, so that checking a few files keeps the whole site as
context without reading and parsing every other post again.

Each post is stored as Jekyll read it (data, date, URL, output path), keyed by its file's
size, modification time and content hash; the whole index is keyed by notelint's version,
the site's `_config.yml`, notelint's configuration and the run's options, and is thrown
away when any of them changes. A file whose size and time match is trusted, unless its time
is within 2 s of the index being written (it may have changed again since without its time
moving: git's "racy clean"); one whose time changed but whose content hash did not (a
checkout, a `touch`) is trusted too. The listing of each posts folder is kept while no
folder in it changes time. Restored posts read their text only if a rule needs it (a link's
target being rendered).

The index lives in the user's cache folder, never in the repository: it is a pickle, and a
pickle from someone else's commit must never be loaded.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import io
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import ClassVar, NamedTuple

from . import __version__, sitefs
from .files import write_atomically
from .jekyll.filenames import PostName
from .jekyll.frontmatter import FrontMatter
from .jekyll.post import POST_FIELDS, Post, read_post
from .jekyll.site import Listing, Site
from .source import DeferredSource

# 8: a post's file as text, a slotted front matter; 7: a post as its fields, no defaults
_FORMAT = 8

def cache_folder() -> Path:
    """`$NOTELINT_CACHE_DIR`, else `$XDG_CACHE_HOME/notelint`, else `~/.cache/notelint`."""
    if os.environ.get("NOTELINT_CACHE_DIR"):
        return Path(os.environ["NOTELINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "notelint"


_SAVE_AFTER = 32  # changed posts that make rewriting the index worth its time
_RACY_NS = 2_000_000_000  # coarser than any file system's time stamps (FAT: 2 s)


class _Stamp(NamedTuple):
    size: int
    mtime_ns: int
    digest: bytes


class SiteIndex:
    """The posts of one site as the last run read them.

    Two files: the stamps (small, always read) and the posts (read at the first post that
    can be taken from them, so a run that checks every post never loads them).
    """

    def __init__(self, root: Path, key: str, folder: Path | None = None) -> None:
        self.root = root
        folder = folder or cache_folder()
        name = hashlib.sha256(os.fsencode(root)).hexdigest()[:20]
        self.path = folder / f"site-index-{name}.pickle"
        self.posts_path = folder / f"site-index-{name}.posts.pickle"
        self.key = key
        self.token = b""
        self.stamps: dict[str, _Stamp] = {}
        self._posts: dict[str, Post] | None = None
        self.loaded = False
        self.seen: dict[str, tuple[_Stamp, Post]] = {}
        self.listings: dict[str, Listing] = {}
        self.seen_listings: dict[str, Listing] = {}
        self.written = 0  # when the index was written (ns): newer times are not trusted
        self.changes = 0
        # (size, mtime in ns) of each regular file, by site-relative path, when the run has
        # walked the site already (`take_stamps`).
        self.walked: dict[str, tuple[int, int]] = {}
        stored = read_pickle(self.path)
        if isinstance(stored, dict) and stored.get("key") == key:
            self.token = stored["token"]
            self.stamps = {k: _Stamp(*v) for k, v in stored["stamps"].items()}
            self.listings = {k: Listing(*v) for k, v in stored["listings"].items()}
            self.written = stored["written"]
            self.loaded = True

    def _trusted(self, mtime_ns: int) -> bool:
        # A file changed within the file system's time resolution of the index being
        # written may have changed again without its time moving (git's "racy clean").
        return mtime_ns < self.written - _RACY_NS

    def listing(self, base: Path, build: Callable[[Path], Listing]) -> Listing:
        """The listing of a posts folder: the stored one while no folder in it changed
        (adding, removing or renaming a file changes its folder's time)."""
        key = os.path.relpath(base, self.root)
        stored = self.listings.get(key)
        if stored is not None and self._unchanged(base, stored):
            self.seen_listings[key] = stored
            return stored
        self.seen_listings[key] = fresh = build(base)
        self.changes += _SAVE_AFTER  # a new listing is worth writing at once
        return fresh

    def _unchanged(self, base: Path, listing: Listing) -> bool:
        for relative, mtime in listing.mtimes:
            try:
                current = os.stat(os.path.join(base, relative)).st_mtime_ns
            except OSError:
                return False
            if current != mtime or not self._trusted(mtime):
                return False
        return True

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

    def take_stamps(self, files: Iterable[tuple[str, int, int, str | None]]) -> None:
        """The size and time of each file as this run's walk of the site found them
        (resultcache.site_files), so that reading a post does not ask the file system again
        (10,000 calls to `stat`: 0.05 s)."""
        self.walked = {relative: (size, mtime) for relative, size, mtime, other in files
                       if other is None}

    def _stored(self, relative: str) -> Post | None:
        if self._posts is None:
            stored = read_pickle(self.posts_path) if self.loaded else None
            valid = isinstance(stored, dict) and stored.get("token") == self.token
            self._posts = stored["posts"] if valid else {}  # type: ignore[index]
        return self._posts.get(relative)

    def read(self, site: Site, path: Path, relative: str, collection_path: str,
             name: PostName, draft: bool) -> Post:
        """A post reader for `Site`: the post from the index when its file is unchanged
        (light: a post being checked is made whole when its turn comes), else from disk."""
        stamp = self.stamps.get(relative)
        try:
            walked = self.walked.get(relative)
            if walked is None:
                stat = path.stat()
                walked = stat.st_size, stat.st_mtime_ns
            same_stat = stamp is not None and self._trusted(walked[1]) and \
                (stamp.size, stamp.mtime_ns) == walked
            data = None if same_stat else sitefs.read_bytes(path, site.root)
        except OSError:
            return read_post(site, path, relative, collection_path, name, draft)
        if data is not None:
            digest = hashlib.blake2b(data, digest_size=16).digest()
            unchanged = stamp is not None and stamp.digest == digest
            new = _Stamp(*walked, digest)
            self.changes += new != stamp
            stamp = new
        else:
            unchanged = True
        assert stamp is not None
        if unchanged and (post := self._stored(relative)) is not None:
            self.seen[relative] = (stamp, post)
            return self._restore(post, path)
        post = read_post(site, path, relative, collection_path, name, draft, data)
        if post.filename_date is not None or post.front_matter_date is not None:
            # A post dated by the clock of the run cannot be kept for the next one.
            self.seen[relative] = (stamp, post)
        return post

    def _restore(self, post: Post, path: Path) -> Post:
        post.file = str(path)
        if isinstance(post.source, DeferredSource):
            post.source.path = post.file
        return post

    def known(self, relative: str, size: int, mtime_ns: int) -> bytes | None:
        """The content hash of a post's file as the last run stored it, if its size and
        time still match (and the time is not too close to that run to be trusted)."""
        stamp = self.stamps.get(relative)
        if stamp is None or (stamp.size, stamp.mtime_ns) != (size, mtime_ns) or \
                not self._trusted(mtime_ns):
            return None
        return stamp.digest

    def digest(self, relative: str) -> bytes | None:
        """The content hash of a post's file as this run read it (None: not kept)."""
        seen = self.seen.get(relative)
        return seen[0].digest if seen is not None else None

    def save(self) -> None:
        """Write the posts this run saw (atomically) when enough of them changed; a few
        changed posts are cheaper to read again next time than the index is to write."""
        self.changes += len(self.stamps.keys() - self.seen.keys())
        if self.loaded and self.changes < _SAVE_AFTER:
            return
        token = os.urandom(16)
        try:
            # The posts first: stamps that name them are written only once they are there.
            write_pickle(self.posts_path, {"token": token,
                                     "posts": {k: post for k, (_, post) in self.seen.items()}})
            write_pickle(self.path, {"key": self.key, "token": token, "written": time.time_ns(),
                               "stamps": {k: tuple(s) for k, (s, _) in self.seen.items()},
                               "listings": {k: (v.files, v.folders, v.mtimes)
                                            for k, v in self.seen_listings.items()}})
        except OSError:
            pass  # an index that cannot be written only costs the next run its speed


def read_pickle(source: Path | bytes) -> object:
    """What a pickle in the cache folder (or read from one) holds, None when it is missing,
    damaged or holds anything but notelint's own kinds of objects."""
    with _collector_paused():
        return _load(source if isinstance(source, bytes) else _bytes_of(source))


def read_pickles(sources: Iterable[bytes]) -> list[object]:
    """`read_pickle` of each of many pickles (10,000 posts' kept results), at once."""
    with _collector_paused():
        return [_load(source) for source in sources]


def read_pickle_files(paths: Iterable[Path]) -> list[object]:
    """`read_pickle` of each of these files, at once."""
    return read_pickles(_bytes_of(path) for path in paths)


def _bytes_of(path: Path) -> bytes:
    try:
        return sitefs.read_bytes(path, None)
    except (OSError, ValueError):
        return b""  # missing, or not a file: no pickle, as a damaged one is none


def _load(data: bytes) -> object:
    try:
        return _Trusted(io.BytesIO(data)).load()
    except Exception:  # damaged, written by another notelint, or not ours at all
        return None


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    # The collector would walk the growing heap again and again while 100,000 objects are
    # made; none of them is garbage, and they are kept to the end of the run.
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.freeze()


class _Trusted(pickle.Unpickler):
    """Builds only the kinds of objects an index holds: a pickle is a program, and a file
    put in the cache folder by anyone else must not run one (it is discarded instead)."""

    _MODULES = ("notelint.", "datetime", "zoneinfo", "pathlib", "collections", "copyreg")
    _BUILTINS = frozenset({"set", "frozenset", "tuple", "list", "dict", "str", "bytes",
                           "int", "float", "bool", "complex", "slice", "range"})

    _allowed: ClassVar[dict[tuple[str, str], object]] = {}  # looked up once per process

    def find_class(self, module: str, name: str) -> object:
        found = self._allowed.get((module, name))
        if found is not None:
            return found
        if (module == "builtins" and name in self._BUILTINS) or \
                module.startswith(self._MODULES):
            found = self._allowed[module, name] = super().find_class(module, name)
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a site index")


def write_pickle(path: Path, data: object) -> None:
    """Write `data` atomically, posts light (`_Portable`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, pickle_bytes(data))


def pickle_bytes(data: object) -> bytes:
    """`data` pickled as the cache folder keeps it, posts light (`_Portable`)."""
    buffer = io.BytesIO()
    _Portable(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(data)
    return buffer.getvalue()


class _Portable(pickle.Pickler):
    """Pickles posts light (without their text and YAML node tree: `Post.lighten`) and
    without their file, which the site walk gives back. The posts of a folder share their
    defaults' dict, and the pickle keeps it shared."""

    def reducer_override(self, obj: object) -> object:
        if type(obj) is Post:
            # Its fields in order, given to Post's own __init__ (faster than setting each).
            state = {name: getattr(obj, name) for name in POST_FIELDS}
            state.update(file="", light=True)
            if obj.source is not None:
                state["source"] = DeferredSource(None, obj.source.had_bom)
            return Post, tuple(state.values())
        if type(obj) is FrontMatter:
            state = {name: getattr(obj, name) for name in _init_fields(FrontMatter)}
            return _rebuild, (FrontMatter, _without_defaults(FrontMatter, dict(
                state, root=None, text="", digest=obj.fingerprint)))
        if type(obj) is DeferredSource:
            return DeferredSource, (None, obj.had_bom)
        return NotImplemented


@functools.cache
def _defaults(cls: type) -> dict[str, object]:
    return {f.name: f.default for f in dataclasses.fields(cls)
            if f.default is not dataclasses.MISSING}


def _without_defaults(cls: type, state: dict[str, object]) -> dict[str, object]:
    """A dataclass's state without the fields that hold their default, which the class
    gives when they are read (a front matter's, 10,000 times over)."""
    defaults = _defaults(cls)
    return {k: v for k, v in state.items()
            if k not in defaults or type(v) is not type(defaults[k]) or v != defaults[k]}


@functools.cache
def _init_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


def _rebuild(cls: type, state: dict[str, object]) -> object:
    return cls(**state)

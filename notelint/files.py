"""Writing a file in one step, so an interrupted run never leaves half of it; and changing a
user's file (`--fix`) the way an editor would: through a symbolic link, keeping its hard
links, mode and owner, never a read-only one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from functools import cache
from pathlib import Path

_STALE = 600  # seconds: a temporary file this old was left by a run that was killed


def write_atomically(path: Path, data: bytes, *, sync: bool = False) -> None:
    """Replace (or create) `path` with `data`: a temporary file beside it, then a rename.

    An existing file keeps its permissions, a new one gets the umask's (mkstemp's own
    0600 would hide a rendered page from the web server). `sync` flushes the data to disk
    before the rename, for the user's own files.
    """
    try:
        info: os.stat_result | None = path.stat()
    except FileNotFoundError:
        info = None
    mode = stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask()
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=_prefix(path),
                                             suffix=".notelint")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            if sync:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if info is not None and hasattr(os, "chown"):
            # Only root may give a file away; otherwise it stays the runner's own.
            with contextlib.suppress(OSError):
                os.chown(temporary, info.st_uid, info.st_gid)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prefix(path: Path) -> str:
    # The temporary name must fit in 255 bytes even beside a file whose own name does.
    return "." + os.fsencode(path.name)[:100].decode("utf-8", errors="ignore") + "."


class NotChanged(OSError):
    """A user's file `--fix` will not change, with the reason."""


def rewrite_user_file(path: Path, data: bytes) -> None:
    """Replace a user's file with `data`: through a symbolic link (the file it points at),
    in place when other hard links share it, atomically otherwise, with its mode and owner;
    a read-only file is refused. Temporary files a killed run left beside it are removed."""
    target = Path(os.path.realpath(path))
    info = target.stat()
    if not stat.S_ISREG(info.st_mode):
        raise NotChanged(f"{path}: not a regular file; not changed")
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise NotChanged(f"{path}: read-only; not changed")
    _clean_stale(target)
    if info.st_nlink > 1:
        # A new file would leave the other names with the old text: write into this one.
        with open(target, "r+b") as stream:
            stream.write(data)
            stream.truncate()
            stream.flush()
            os.fsync(stream.fileno())
        return
    write_atomically(target, data, sync=True)


def _clean_stale(path: Path) -> None:
    prefix = _prefix(path)
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(".notelint"):
            try:
                if entry.is_file(follow_symlinks=False) and \
                        time.time() - entry.stat(follow_symlinks=False).st_mtime > _STALE:
                    os.unlink(entry.path)
            except OSError:
                continue


def rename_no_clobber(source: Path, target: Path) -> None:
    """Rename, never over an existing file. One rename() call: killed at any moment, the
    file has exactly one of its two names."""
    if os.path.lexists(target):
        raise NotChanged(f"{target}: already exists; {source} was not renamed")
    os.rename(source, target)


@cache
def _umask() -> int:
    # The only way to read the umask is to set it; done once, before any thread writes.
    current = os.umask(0o022)
    os.umask(current)
    return current

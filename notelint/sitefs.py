"""The one place where a path notelint computes meets the file system.

A post in a pull request is untrusted input, so every file notelint reads for a site is read
here: only regular files (never a FIFO or a device), only inside the site once symbolic links
are followed (as Jekyll's safe mode, which GitHub Pages runs, refuses links that leave the
site), and never more than `MAX_BYTES`. Every file it writes is placed by `output_file`:
inside the output folder, whatever a permalink says.
"""

from __future__ import annotations

import contextlib
import errno
import os
import posixpath
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

from .jekyll.urls import unwritable

MAX_BYTES = 32 * 1024 * 1024  # far beyond any post, layout or data file of a real blog


class Refused(OSError):
    """A site file notelint will not read, with the reason in a blogger's words."""

    def __init__(self, reason: str) -> None:
        super().__init__(errno.EACCES, reason)


@lru_cache(maxsize=64)
def _real(folder: str) -> str:
    return os.path.realpath(folder)


def is_inside(path: Path | str, root: Path | str) -> bool:
    """Whether `path`, with every symbolic link followed, lies inside `root`."""
    base = _real(os.fspath(root))
    real = os.path.realpath(path)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _open(path: Path, root: Path | None) -> tuple[int, int]:
    """A descriptor of the regular file `path` inside `root`, and its size."""
    if root is not None and not is_inside(path, root):
        raise Refused("it is a symbolic link to a file outside the site, which Jekyll's "
                      "safe mode (GitHub Pages) refuses to read")
    # O_NONBLOCK: opening a FIFO must not wait for a writer.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) |
                         getattr(os, "O_CLOEXEC", 0))
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise Refused("it is not a regular file")
    return descriptor, info.st_size


def head(path: Path, root: Path | None, size: int) -> bytes:
    """The first `size` bytes of a site file (same refusals as `read_bytes`)."""
    descriptor, _ = _open(path, root)
    try:
        return os.read(descriptor, size)
    finally:
        os.close(descriptor)


def read_bytes(path: Path, root: Path | None) -> bytes:
    """The bytes of a site file; raises OSError (Refused for what notelint will not read).

    `root` is the site's folder (None: the file was named by the user and is read as such,
    still only a regular file of bounded size).
    """
    descriptor, length = _open(path, root)
    try:
        if length > MAX_BYTES:
            raise Refused(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB")
        chunks = []
        size = 0
        while size <= MAX_BYTES:
            chunk = os.read(descriptor, 1024 * 1024)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_BYTES:  # it grew while being read
            raise Refused(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB")
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def copy_file(source: Path, root: Path, target: Path) -> bool:
    """Copy the site file `source` (inside `root`, a regular file, any size) to `target`
    atomically, with its modification time; False when `target` already has its size and
    time (a copy made by an earlier run), so a rerun copies only what changed."""
    descriptor, length = _open(source, root)
    try:
        info = os.fstat(descriptor)
        with contextlib.suppress(OSError):
            there = target.stat()
            if there.st_size == length and there.st_mtime_ns == info.st_mtime_ns:
                return False
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".notelint-",
                                             suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                while chunk := os.read(descriptor, 1024 * 1024):
                    stream.write(chunk)
            os.chmod(temporary, stat.S_IMODE(info.st_mode))  # mkstemp makes it 0600
            os.utime(temporary, ns=(info.st_atime_ns, info.st_mtime_ns))
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    finally:
        os.close(descriptor)
    return True


def read_text(path: Path, root: Path | None, encoding: str = "utf-8") -> str:
    """A site file as text; raises OSError or UnicodeDecodeError."""
    return read_bytes(path, root).decode(encoding)


def in_source(root: Path, setting: object, default: str) -> Path:
    """A folder setting of `_config.yml` (`includes_dir`, `layouts_dir`, `data_dir`, ...)
    inside the site, as Jekyll's `in_source_dir` makes it: `/etc` is `<site>/etc`."""
    text = str(setting) if setting not in (None, "") else default
    clean = posixpath.normpath("/" + text.replace("\\", "/")).lstrip("/")
    return root / clean if clean and clean != "." else root


def join_inside(base: Path, name: str) -> Path | None:
    """`base`/`name` for a name a page asks for (an include), None when it leads out of
    `base` (a `..`); a leading `/` is part of the name, as in Jekyll's File.join."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    return base.joinpath(*parts)


class OutputRefused(ValueError):
    """An output path that cannot be written, in a blogger's words."""


def output_file(folder: Path, relative: str) -> Path:
    """The file under `folder` for an output path, as Jekyll's sanitized_path confines it
    (`..` cannot climb above the folder); raises OutputRefused for a path no file system
    can hold (a NUL byte, a name over 255 bytes) or one that a symbolic link inside the
    folder would lead out of it."""
    clean = posixpath.normpath("/" + relative).lstrip("/")
    problem = unwritable(clean)
    if problem is not None:
        raise OutputRefused(f"its URL {problem}")
    if not clean or clean == ".":
        raise OutputRefused("its URL names no file")
    target = folder / clean
    existing = target.parent
    while existing != folder and not existing.exists():
        existing = existing.parent
    # Checked before creating anything: a folder that is a symbolic link out of `folder`
    # must not get new folders made through it.
    if not is_inside(existing, folder):
        raise OutputRefused(f"{clean} would be written through a symbolic link")
    target.parent.mkdir(parents=True, exist_ok=True)
    if not is_inside(target.parent, folder) or target.is_symlink() or \
            (target.exists() and not target.is_file()):
        raise OutputRefused(f"{clean} would be written through a symbolic link or over a "
                            "folder")
    return target

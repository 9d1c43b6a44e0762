"""Writing a file in one step, so an interrupted run never leaves half of it."""

from __future__ import annotations

import os
import stat
import tempfile
from functools import cache
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, sync: bool = False) -> None:
    """Replace (or create) `path` with `data`: a temporary file beside it, then a rename.

    An existing file keeps its permissions, a new one gets the umask's (mkstemp's own
    0600 would hide a rendered page from the web server). `sync` flushes the data to disk
    before the rename, for the user's own files.
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    # The temporary name must fit in 255 bytes even beside a file whose own name does.
    short = os.fsencode(path.name)[:100].decode("utf-8", errors="ignore")
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{short}.",
                                             suffix=".notelint")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            if sync:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@cache
def _umask() -> int:
    # The only way to read the umask is to set it; done once, before any thread writes.
    current = os.umask(0o022)
    os.umask(current)
    return current

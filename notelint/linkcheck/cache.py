"""The external-link cache: one JSON file under the site's cache folder.

Each result keeps the moment it was learned and expires after its kind's lifetime, so a
rerun asks the network only for what has expired. The file is replaced atomically. It is
data, not trust: a damaged, foreign or hostile file (wrong shapes, deep nesting, a folder or
a FIFO in its place) is ignored and rewritten.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from .. import sitefs
from ..files import write_atomically
from .outcome import Outcome
from .settings import CacheLifetimes

FILE_NAME = "external-links.json"
_VERSION = 1
_KINDS = frozenset({"ok", "redirected", "broken", "error"})


class LinkCache:
    def __init__(self, folder: Path, lifetimes: CacheLifetimes) -> None:
        self.folder = folder
        self.path = folder / FILE_NAME
        self.lifetimes = lifetimes
        self._entries: dict[str, dict[str, object]] = {}
        self._changed = False
        self._load()

    def _load(self) -> None:
        try:
            # A regular file of bounded size only: a FIFO or a device must not hang the run.
            data = json.loads(sitefs.read_bytes(self.path, None))
        except (OSError, ValueError, RecursionError):
            return
        if isinstance(data, dict) and data.get("version") == _VERSION and \
                isinstance(data.get("results"), dict):
            self._entries = {k: v for k, v in data["results"].items() if isinstance(v, dict)}

    def get(self, url: str, now: float) -> Outcome | None:
        """The cached outcome while it is fresh; an entry of the wrong shape is as if it
        were not there."""
        entry = self._entries.get(url)
        if entry is None:
            return None
        kind, status, checked = entry.get("kind"), entry.get("status"), entry.get("checked")
        reason, target = entry.get("reason", ""), entry.get("target")
        network = entry.get("network", False)
        well_formed = (
            isinstance(kind, str) and kind in _KINDS and (status is None or type(status) is int)
            and isinstance(reason, str) and (target is None or isinstance(target, str))
            and type(checked) in (int, float) and isinstance(network, bool))
        if not well_formed:
            return None
        lifetime = getattr(self.lifetimes, str(kind))
        if not 0 <= now - checked < lifetime:  # type: ignore[operator]
            return None
        return Outcome(str(kind), status, reason, target, network)  # type: ignore[arg-type]

    def put(self, url: str, outcome: Outcome, now: float) -> None:
        if outcome.unchecked:
            return  # never asked: nothing learned
        entry = asdict(outcome)
        del entry["unchecked"]
        self._entries[url] = {**entry, "checked": now}
        self._changed = True

    def save(self) -> str | None:
        """Write the cache; returns why it could not be (a folder in its place, a
        read-only file system), or None."""
        if not self._changed:
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                # Like .ruff_cache: the folder keeps itself out of the blog's repository.
                ignore.write_text("# Created by notelint\n*\n", encoding="utf-8")
            if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
                return f"{self.path} is not a regular file"
            text = json.dumps({"version": _VERSION, "results": self._entries}, indent=1,
                              sort_keys=True, ensure_ascii=False)
            write_atomically(self.path, (text + "\n").encode("utf-8"))
        except OSError as exc:
            return f"{self.path}: {exc.strerror or exc}"
        self._changed = False
        return None

"""The external-link cache: one JSON file under the site's cache folder.

Each result keeps the moment it was learned and expires after its kind's lifetime, so a
rerun asks the network only for what has expired. The file is replaced atomically; a
damaged or foreign file is ignored and rewritten.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from ..files import write_atomically
from .outcome import Outcome
from .settings import CacheLifetimes

FILE_NAME = "external-links.json"
_VERSION = 1


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
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == _VERSION and \
                isinstance(data.get("results"), dict):
            self._entries = {k: v for k, v in data["results"].items() if isinstance(v, dict)}

    def get(self, url: str, now: float) -> Outcome | None:
        entry = self._entries.get(url)
        if entry is None:
            return None
        try:
            outcome = Outcome(**{k: v for k, v in entry.items() if k != "checked"})
            checked = float(entry["checked"])  # type: ignore[arg-type]
        except (TypeError, ValueError, KeyError):
            return None
        lifetime = getattr(self.lifetimes, outcome.kind, 0.0)
        return outcome if 0 <= now - checked < lifetime else None

    def put(self, url: str, outcome: Outcome, now: float) -> None:
        self._entries[url] = {**asdict(outcome), "checked": now}
        self._changed = True

    def save(self) -> None:
        if not self._changed:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            # Like .ruff_cache: the folder keeps itself out of the blog's repository.
            ignore.write_text("# Created by notelint\n*\n", encoding="utf-8")
        text = json.dumps({"version": _VERSION, "results": self._entries}, indent=1,
                          sort_keys=True, ensure_ascii=False)
        write_atomically(self.path, (text + "\n").encode("utf-8"))
        self._changed = False

"""Materialize a case of `tests/shared/spec/jekyll-conformance-upstream.json` (recorded with
the reference Jekyll: the gem's Liquid 4.0.4 and SafeYAML, plugins, minima) as a site on disk."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from ..conftest import GEMFILE, SHARED

SPEC = SHARED / "spec" / "jekyll-conformance-upstream.json"
# Every file of the experiments had this mtime; drafts are dated by it.
MTIME = 1623758400  # 2021-06-15 12:00:00 UTC


@cache
def cases() -> list[dict[str, Any]]:
    return json.loads(SPEC.read_text(encoding="utf-8"))


def cases_in(*areas: str) -> list[dict[str, Any]]:
    return [c for c in cases() if c["area"] in areas]


def build_site(case: dict[str, Any], root: Path) -> Path:
    files = dict(case["extra_files"])
    if case["config"] is not None:  # None: a site without `_config.yml`
        files["_config.yml"] = case["config"]
    files.setdefault("Gemfile", GEMFILE)  # recorded with the gem, not GitHub Pages
    for relative, text in files.items():
        _write(root / relative, text.encode("utf-8"))
    encoding = case.get("input_encoding", "utf-8")
    _write(root / case["filename"], case["input"].encode(encoding))
    for path in root.rglob("*"):
        os.utime(path, (MTIME, MTIME))
    return root


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)

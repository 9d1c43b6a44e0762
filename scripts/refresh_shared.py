"""Refresh the copies in tests/shared/ from the project's shared material.

The tests read only what is in the repository, so the parts of `../shared/` they use (real
sites with their licences, Jekyll's reference builds, the specification and its conformance
cases, the fidelity scorer) are copied here. Run this when `../shared` changes:

    python scripts/refresh_shared.py            # copy; prints what changed
    python scripts/refresh_shared.py --check    # exit 1 if a copy differs from its source

Each entry of COPIED is a file or a folder, copied whole (files no longer in the source are
removed from the copy, and so are files of entries no longer listed).
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HERE = REPO / "tests" / "shared"  # where the copies live
DEFAULT_SOURCE = REPO.parent / "shared"

COPIED = (
    "corpus/README.md",
    "corpus/seed",
    "corpus/al-folio",
    "corpus/jekyll-docs",
    "corpus/swift-org",
    "corpus/benbalter",
    "corpus/hydejack",
    "corpus/minima",
    "corpus/indigo",
    "reference/README.md",
    "reference/seed",
    "reference/al-folio",
    "reference/jekyll-docs",
    "reference/swift-org",
    "reference/benbalter",
    "reference/hydejack",
    "reference/minima",
    "reference/indigo",
    "spec/jekyll.md",
    "spec/jekyll-conformance-upstream.json",
    "tools/fidelity.py",
    "tools/gen_corpus.py",
    "tools/floor_render.py",
)


_OWN = ("README.md",)  # tests/shared's own file, not a copy


def _files(root: Path) -> set[str]:
    if root.is_file():
        return {""}
    if not root.is_dir():
        return set()
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _join(root: Path, rel: str) -> Path:
    return root / rel if rel else root


def differences(source: Path) -> list[tuple[str, str]]:
    """(action, path) for every file the copy lacks, has in excess, or has changed."""
    found = []
    for entry in COPIED:
        src, dst = source / entry, HERE / entry
        if not src.exists():
            raise SystemExit(f"refresh: {src} does not exist")
        want, have = _files(src), _files(dst)
        for rel in sorted(want | have):
            shown = f"{entry}/{rel}" if rel else entry
            if rel not in have:
                found.append(("add", shown))
            elif rel not in want:
                found.append(("remove", shown))
            elif not filecmp.cmp(_join(src, rel), _join(dst, rel), shallow=False):
                found.append(("update", shown))
    listed = tuple(COPIED) + _OWN
    for path in sorted(HERE.rglob("*")):
        rel = path.relative_to(HERE).as_posix()
        if path.is_file() and "__pycache__" not in rel and not any(
                rel == entry or rel.startswith(entry + "/") for entry in listed):
            found.append(("remove", rel))
    return found


def apply(source: Path, changes: list[tuple[str, str]]) -> None:
    for action, rel in changes:
        target = HERE / rel
        if action == "remove":
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        # copyfile, not copy2: the shared files are read-only, the copies must not be.
        shutil.copyfile(source / rel, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, default=DEFAULT_SOURCE,
                        help="the shared folder (default: ../shared beside the clone)")
    parser.add_argument("--check", action="store_true",
                        help="only report differences; exit 1 if there are any")
    args = parser.parse_args(argv)
    changes = differences(args.source.resolve())
    for action, rel in changes:
        print(f"{action:6} tests/shared/{rel}")
    if args.check:
        return 1 if changes else 0
    apply(args.source.resolve(), changes)
    print(f"{len(changes)} file(s) changed" if changes else "up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())

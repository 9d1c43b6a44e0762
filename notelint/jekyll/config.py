"""A Jekyll site's `_config.yml`: Jekyll's defaults, and `defaults:` scoping."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import sitefs
from ..diagnostics import Position
from . import frontmatter

CONFIG_NAMES = ("_config.yml", "_config.yaml", "_config.toml")
# Jekyll::Configuration::DEFAULTS that `site.*` shows when `_config.yml` does not set them.
JEKYLL_DEFAULTS: dict[str, Any] = {
    "source": ".", "destination": "./_site", "collections_dir": "", "plugins_dir": "_plugins",
    "layouts_dir": "_layouts", "data_dir": "_data", "includes_dir": "_includes",
    "safe": False, "show_drafts": None, "limit_posts": 0, "future": False,
    "unpublished": False, "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
    "permalink": "date", "encoding": "utf-8", "markdown": "kramdown", "highlighter": "rouge",
    "plugins": [], "excerpt_separator": "\n\n", "timezone": None, "quiet": False,
    "verbose": False, "lsi": False,
}

DEFAULT_EXCLUDES = (".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock",
                    "node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/",
                    "vendor/ruby/")


@dataclass(frozen=True)
class ConfigProblem:
    path: Path
    message: str
    position: Position | None


@dataclass
class SiteConfig:
    """The settings of `_config.yml` that decide what Jekyll reads and where it writes."""

    data: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None  # None for a loose folder of posts (Jekyll's defaults)
    problems: list[ConfigProblem] = field(default_factory=list)
    positions: dict[str, Position] = field(default_factory=dict)  # top-level keys

    def get(self, key: str, default: Any = None) -> Any:
        value = self.data.get(key)
        return default if value is None else value

    def enabled(self, key: str) -> bool:
        """A setting Jekyll tests with Ruby's truthiness: anything but nil and false."""
        return self.data.get(key) not in (None, False)

    @property
    def permalink(self) -> Any:
        return self.get("permalink", "date")

    # Jekyll joins each pattern to the source folder, so `/CNAME` is `CNAME`.
    @property
    def exclude(self) -> list[str]:
        own = self.get("exclude", [])
        own = [str(p).lstrip("/") for p in own] if isinstance(own, list) else []
        return own + [p for p in DEFAULT_EXCLUDES if p not in own]

    @property
    def include(self) -> list[str]:
        own = self.get("include", [".htaccess"])
        return [str(p).lstrip("/") for p in own] if isinstance(own, list) else [".htaccess"]

    @property
    def collections(self) -> dict[str, dict[str, Any]]:
        raw = self.get("collections", {})
        if isinstance(raw, list):
            raw = {str(label): {} for label in raw}
        if not isinstance(raw, dict):
            return {}
        return {str(k): (v if isinstance(v, dict) else {}) for k, v in raw.items()}

    @property
    def posts_permalink(self) -> Any:
        """`collections.posts.permalink` wins over the site-wide `permalink:`."""
        own = self.collections.get("posts", {}).get("permalink")
        return own if own is not None else self.permalink

    @property
    def defaults(self) -> list[dict[str, Any]]:
        raw = self.get("defaults", [])
        if not isinstance(raw, list):
            return []
        return [d for d in raw if isinstance(d, dict) and isinstance(d.get("values"), dict)]

    @property
    def collections_dir(self) -> str:
        return str(self.get("collections_dir", "")).strip("/")


def find_config(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None) -> SiteConfig:
    """Read `_config.yml`; problems are recorded, and Jekyll's defaults used instead."""
    if path is None:
        return SiteConfig()
    config = SiteConfig(path=path)
    try:
        text = sitefs.read_text(path, path.parent, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        config.problems.append(ConfigProblem(path, f"cannot read the site configuration: {exc}",
                                             None))
        return config
    if path.suffix == ".toml":
        data, problem = _load_toml(text)
    else:
        data, problem, config.positions = _load_yaml(text)
    if problem is not None:
        config.problems.append(ConfigProblem(path, problem[0], problem[1]))
    config.data = data
    return config


def _load_yaml(text: str) -> tuple[dict[str, Any], tuple[str, Position | None] | None,
                                   dict[str, Position]]:
    fm = frontmatter.load_document(text)
    if fm.error is not None:
        said = f" (Jekyll says line {fm.error.jekyll_line})" if fm.error.jekyll_line else ""
        return {}, (f"Jekyll cannot read this configuration: {fm.error.message}{said}",
                    fm.error.position), {}
    if fm.rejected:
        return {}, (fm.rejected[0].message, fm.rejected[0].position), {}
    if fm.data is None:
        return {}, None, {}
    if not isinstance(fm.data, dict):
        return {}, ("the site configuration is not a mapping of settings", Position(1, 1)), {}
    return fm.data, None, fm.key_positions


def _load_toml(text: str) -> tuple[dict[str, Any], tuple[str, Position | None] | None]:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as exc:
        return {}, (f"Jekyll cannot read this configuration: {exc}", None)


@functools.cache  # asked for each post now that defaults are cached by the sets that apply
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append({"*": "[^/]*", "?": "[^/]"}.get(ch, re.escape(ch)))
        i += 1
    return re.compile("".join(out) + r"\Z")


class Defaults:
    """Jekyll's FrontmatterDefaults: which `defaults:` values apply to a path and type."""

    def __init__(self, sets: list[dict[str, Any]], collections_dir: str = "") -> None:
        self.sets = sets
        self.collections_dir = collections_dir
        # By the sets that apply: the posts of a folder share one dict (not to be changed),
        # where a dict per post would take 27 MB of a 100,000-post site.
        self._cache: dict[tuple[int, ...], dict[str, Any]] = {}

    def all(self, path: str, type_: str) -> dict[str, Any]:
        applying = tuple(i for i, entry in enumerate(self.sets)
                         if "scope" not in entry or self._applies(entry["scope"], path, type_))
        found = self._cache.get(applying)
        if found is None:
            found = self._cache[applying] = self._compute(applying)
        return found

    def _compute(self, applying: tuple[int, ...]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        old_scope: dict[str, Any] | None = None
        for number in applying:
            entry = self.sets[number]
            scope = entry.get("scope")
            scope = scope if isinstance(scope, dict) else {}
            if self._has_precedence(old_scope, scope):
                result = deep_merge(result, entry["values"])
                old_scope = scope
            else:
                result = deep_merge(entry["values"], result)
        return result

    def _applies(self, scope: Any, path: str, type_: str) -> bool:
        if not isinstance(scope, dict):
            return True
        if "type" in scope and str(scope["type"]) != type_:
            return False
        scope_path = scope.get("path")
        if not isinstance(scope_path, str) or not scope_path:
            return True
        scope_path = _sanitize(scope_path)
        if "*" in scope_path:
            pattern = _glob_regex(scope_path)
            parts = path.split("/")
            return any(pattern.match("/".join(parts[: i + 1])) for i in range(len(parts)))
        if self.collections_dir and scope_path.startswith(self.collections_dir + "/"):
            scope_path = scope_path[len(self.collections_dir) + 1:]
        return path.startswith(scope_path)

    @staticmethod
    def _has_precedence(old: dict[str, Any] | None, new: dict[str, Any]) -> bool:
        if old is None:
            return True
        new_path = _sanitize(str(new.get("path") or ""))
        old_path = _sanitize(str(old.get("path") or ""))
        if len(new_path) != len(old_path):
            return len(new_path) >= len(old_path)
        return True if "type" in new else "type" not in old


def _sanitize(path: str) -> str:
    return path.lstrip("/")


def deep_merge(target: dict[str, Any], overwrite: dict[str, Any]) -> dict[str, Any]:
    """Jekyll's Utils.deep_merge_hashes: nested mappings merge, a nil keeps the old value."""
    merged = dict(target)
    for key, new in overwrite.items():
        if key in merged:
            old = merged[key]
            if new is None:
                continue
            if isinstance(old, dict) and isinstance(new, dict):
                merged[key] = deep_merge(old, new)
                continue
        merged[key] = new
    return merged

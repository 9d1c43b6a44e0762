"""notelint's own configuration: `.notelint.toml` or `[tool.notelint]` in `pyproject.toml`."""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .budget import POST_SECONDS
from .diagnostics import Severity
from .jekyll.build import KINDS as BUILD_KINDS
from .linkcheck.settings import CacheLifetimes, LinkSettings, parse_duration
from .rules import Rule, Selection, Settings, find_rule, valid_selector

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class RuleConfig:
    severity: Severity | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    selection: Selection = field(default_factory=Selection)
    fail_on: Severity | None = None
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    theme_layouts: tuple[str, ...] = ()
    build: str | None = None  # "github-pages" or "jekyll-4"; None: from the site's files
    baseline: Path | None = None  # findings recorded there are not reported
    jobs: int | None = None  # worker processes (`jobs =`); None: one per core
    settings: Settings = field(default_factory=Settings)
    rules: dict[str, RuleConfig] = field(default_factory=dict)

    def severity(self, rule: Rule) -> Severity:
        own = self.rules.get(rule.code)
        return own.severity if own and own.severity else rule.severity

    def options(self, rule: Rule) -> Any:
        own = self.rules.get(rule.code)
        values = {k.replace("-", "_"): v for k, v in (own.options if own else {}).items()}
        return rule.options(**values)


def find_config(start: Path) -> Path | None:
    """The nearest `.notelint.toml`, or `pyproject.toml` with `[tool.notelint]`, upward."""
    for folder in (start, *start.parents):
        candidate = folder / ".notelint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "tool" in _read(candidate) and \
                "notelint" in _read(candidate)["tool"]:
            return candidate
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def load_config(path: Path | None) -> Config:
    """Read and validate a configuration file (None gives the defaults)."""
    if path is None:
        return Config()
    raw = _read(path)
    if path.name == "pyproject.toml":
        raw = raw.get("tool", {}).get("notelint", {})
    return _parse(raw, path)


def _strings(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


def _selectors(where: str, value: Any) -> tuple[str, ...]:
    items = _strings(where, value)
    for item in items:
        if not valid_selector(item):
            raise ConfigError(f"{where}: no rule is called {item!r}")
    return items


def _text(where: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: expected a file name, got {value!r}")
    return value


def _seconds(where: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ConfigError(f"{where}: expected a number of seconds, got {value!r}")
    return float(value)


def _build(where: str, value: Any) -> str:
    if value not in BUILD_KINDS:
        raise ConfigError(f"{where}: expected one of {', '.join(map(repr, BUILD_KINDS))}, "
                          f"got {value!r}")
    return str(value)


def _severity(where: str, value: Any) -> Severity:
    try:
        return Severity.parse(value) if isinstance(value, str) else Severity.parse(repr(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _table(where: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table, got {value!r}")
    return value


def _check_keys(where: str, table: dict[str, Any], allowed: object) -> None:
    for key in table:
        if key not in allowed:  # type: ignore[operator]
            valid = ", ".join(sorted(allowed))  # type: ignore[call-overload]
            raise ConfigError(f"{where}: unknown key {key!r} (valid keys: {valid})")


def _jobs(where: str, value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise ConfigError(f"{where}: expected a number of processes (1 or more), got {value!r}")


_TOP: dict[str, Callable[[str, Any], Any]] = {
    "select": _selectors, "ignore": _selectors, "extend-select": _selectors,
    "extend-ignore": _selectors, "fail-on": _severity, "exclude": _strings,
    "theme-layouts": _strings, "required-keys": _strings, "per-file-ignores": _table,
    "vocabulary": _table, "rules": _table, "links": _table, "build": _build,
    "post-time-limit": _seconds, "baseline": _text, "jobs": _jobs,
}

_LINK_KEYS: dict[str, tuple[str, type]] = {
    "external": ("external", bool), "exclude": ("exclude", tuple), "include": ("include", tuple),
    "concurrency": ("concurrency", int), "per-host": ("per_host", int),
    "timeout": ("timeout", float), "max-redirects": ("max_redirects", int),
    "retries": ("retries", int), "retry-after-max": ("retry_after_max", float),
    "run-timeout": ("run_timeout", float), "cache": ("cache", bool),
    "cache-dir": ("cache_dir", str),
}


def _links(where: str, table: dict[str, Any]) -> LinkSettings:
    _check_keys(where, table, {*_LINK_KEYS, "cache-lifetime"})
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "cache-lifetime":
            lifetimes = _table(f"{where}.cache-lifetime", value)
            _check_keys(f"{where}.cache-lifetime", lifetimes,
                        [f.name for f in dataclasses.fields(CacheLifetimes)])
            try:
                values["lifetimes"] = CacheLifetimes(**{
                    k: parse_duration(v) for k, v in lifetimes.items()})
            except ValueError as exc:
                raise ConfigError(f"{where}.cache-lifetime: {exc}") from None
            continue
        name, kind = _LINK_KEYS[key]
        values[name] = _link_value(f"{where}.{key}", kind, value,
                                   zero_ok=key in ("retries", "max-redirects"))
    return LinkSettings(**values)


def _link_value(where: str, kind: type, value: Any, *, zero_ok: bool) -> Any:
    if kind is tuple:
        return _patterns(where, value)
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is float and number and value > 0:
        return float(value)
    if kind is int and isinstance(value, int) and number and value >= (0 if zero_ok else 1):
        return value
    if kind in (bool, str) and isinstance(value, kind) and value != "":
        return value
    expected = "a positive number" if kind in (int, float) else f"a {kind.__name__}"
    raise ConfigError(f"{where}: expected {expected}, got {value!r}")


def _patterns(where: str, value: Any) -> tuple[str, ...]:
    items = _strings(where, value)
    for item in items:
        try:
            re.compile(item)
        except re.error as exc:
            raise ConfigError(f"{where}: {item!r} is not a regular expression: {exc}") from None
    return items


def _parse(raw: dict[str, Any], path: Path) -> Config:
    _check_keys(str(path), raw, _TOP)
    values = {key: _TOP[key](f"{path}: {key}", value) for key, value in raw.items()}
    vocabulary = values.get("vocabulary", {})
    _check_keys(f"{path}: vocabulary", vocabulary, ("tags", "categories"))
    settings = Settings(
        required_keys=values.get("required-keys", ()),
        tag_vocabulary=_strings(f"{path}: vocabulary.tags", vocabulary["tags"])
        if "tags" in vocabulary else None,
        category_vocabulary=_strings(f"{path}: vocabulary.categories",
                                     vocabulary["categories"])
        if "categories" in vocabulary else None,
        links=_links(f"{path}: links", values.get("links", {})),
        post_time_limit=values.get("post-time-limit", POST_SECONDS),
    )
    per_file = tuple((glob, _selectors(f"{path}: per-file-ignores.{glob}", codes))
                     for glob, codes in values.get("per-file-ignores", {}).items())
    rules = {}
    for key, table in values.get("rules", {}).items():
        rule = find_rule(key)
        if rule is None:
            raise ConfigError(f"{path}: rules.{key}: no rule is called {key!r}")
        rules[rule.code] = _rule_config(f"{path}: rules.{key}", rule, _table(
            f"{path}: rules.{key}", table))
    return Config(
        path=path, selection=Selection(values.get("select"), values.get("extend-select", ()),
                                       (*values.get("ignore", ()),
                                        *values.get("extend-ignore", ()))),
        fail_on=values.get("fail-on"), exclude=values.get("exclude", ()),
        per_file_ignores=per_file, theme_layouts=values.get("theme-layouts", ()),
        build=values.get("build"), settings=settings, rules=rules,
        baseline=path.parent / values["baseline"] if "baseline" in values else None,
        jobs=values.get("jobs"),
    )


def _rule_config(where: str, rule: Rule, table: dict[str, Any]) -> RuleConfig:
    fields = rule.option_names()
    _check_keys(where, table, {"severity", *fields})
    severity = _severity(f"{where}.severity", table["severity"]) if "severity" in table \
        else None
    options = {}
    for name, value in table.items():
        if name == "severity":
            continue
        default = fields[name].default
        options[name] = _option(f"{where}.{name}", default, value)
    return RuleConfig(severity, options)


def _option(where: str, default: Any, value: Any) -> Any:
    if isinstance(default, tuple):
        return _strings(where, value)
    expected = type(default) if default is not dataclasses.MISSING else object
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise ConfigError(f"{where}: expected {expected.__name__}, got {value!r}")
    return value

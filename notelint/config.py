"""notelint's own configuration: `.notelint.toml` or `[tool.notelint]` in `pyproject.toml`."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Severity
from .rules import Rule, Settings, find_rule, valid_selector

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
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    theme_layouts: tuple[str, ...] = ()
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


_TOP: dict[str, Callable[[str, Any], Any]] = {
    "select": _selectors, "ignore": _selectors, "fail-on": _severity, "exclude": _strings,
    "theme-layouts": _strings, "required-keys": _strings, "per-file-ignores": _table,
    "vocabulary": _table, "rules": _table,
}


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
        path=path, select=values.get("select"), ignore=values.get("ignore", ()),
        fail_on=values.get("fail-on"), exclude=values.get("exclude", ()),
        per_file_ignores=per_file, theme_layouts=values.get("theme-layouts", ()),
        settings=settings, rules=rules,
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

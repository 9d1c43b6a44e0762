"""The package a user installs: dependency ranges tested at both ends, licence, typing marker,
changelog."""

from __future__ import annotations

import sys

from packaging.requirements import Requirement
from packaging.version import Version

import notelint

from .conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _requirements() -> list[Requirement]:
    listed = PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]
    return [Requirement(text) for text in listed]


def _pins() -> dict[str, Version]:
    pins = {}
    for line in (REPO / ".ci" / "lowest-constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name.lower()] = Version(version)
    return pins


def test_lowest_constraints_pin_every_lower_bound() -> None:
    """CI's second pass installs these: each must be the lowest release its range allows."""
    pins = _pins()
    assert sorted(pins) == sorted(r.name.lower() for r in _requirements())
    for requirement in _requirements():
        lower = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
        assert lower, f"{requirement} has no lower bound"
        assert pins[requirement.name.lower()] == lower[0], requirement
        assert requirement.specifier.contains(pins[requirement.name.lower()]), requirement


def test_version_and_changelog() -> None:
    assert PROJECT["version"] == notelint.__version__
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"\n## {notelint.__version__} " in changelog


def test_licence_and_typing_marker_are_shipped() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert (REPO / "notelint" / "py.typed").exists()
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    package_data = setuptools["setuptools"]["package-data"]
    assert package_data["notelint"] == ["py.typed"]
    assert package_data["notelint.jekyll"] == ["themes.json"]
    assert (REPO / "notelint" / "jekyll" / "themes.json").is_file()

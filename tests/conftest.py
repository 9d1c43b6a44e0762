from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Copies of the project's shared material (real sites, references, spec): tests read only
# what is in the repository. scripts/refresh_shared.py brings them up to date.
SHARED = REPO / "tests" / "shared"
# Test sites are built with the Jekyll gem, as the conformance cases and references were; a
# site without a Gemfile would be taken for a GitHub Pages site.
GEMFILE = 'source "https://rubygems.org"\ngem "jekyll", "~> 4.3"\n'


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite golden files instead of comparing against them")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))



@pytest.fixture(autouse=True)
def _not_under_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    # `check` picks the github format by itself there; tests choose formats explicitly.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    # The site index goes to the user's cache folder; tests keep theirs to themselves.
    monkeypatch.setenv("NOTELINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def no_report_reuse(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unchanged site's last report would be given again without reading the site: for
    tests that look at what is kept beneath it (the site index, each post's findings)."""
    from notelint import resultcache
    monkeypatch.setattr(resultcache, "load", lambda *args: None)


# Where RubyGems installs gems (minima, on a machine with Debian's jekyll): tests see only the
# gems they install themselves. A GEM_PATH replaces RubyGems' default folders.
NO_GEMS = "GEM_PATH", "GEM_HOME", "BUNDLE_PATH"


@pytest.fixture(autouse=True)
def _no_installed_gems(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path_factory.getbasetemp() / "no-gems"
    empty.mkdir(exist_ok=True)
    for name in NO_GEMS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GEM_PATH", str(empty))

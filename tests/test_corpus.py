"""The real posts in tests/shared/corpus: no crash, and only findings Jekyll backs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SHARED

# Every error-severity finding expected on the corpora (none: they build cleanly), and
# the warnings, each checked against the posts (see the closing note of issue 2).
EXPECTED_WARNINGS = {
    # NL802: a Hogan.js template in a diff sample, `<p>{{myName}}</p>`, which Jekyll
    # publishes as `<p></p>`.
    "al-folio": {("2018-12-22-distill.md", "NL206"), ("2023-03-21-tables.md", "NL206"),
                 ("2024-01-27-code-diff.md", "NL802")} | {
        # Tags of al-folio's plugins (details, twitter, jupyter, jekyll-scholar, tabs).
        (name, "NL603") for name in (
            "2018-12-22-distill.md", "2020-09-28-twitter.md", "2023-07-04-jupyter-notebook.md",
            "2023-07-12-post-bibliography.md", "2024-05-01-tabs.md")} | {
        # Images without alt text: `{% include figure.liquid %}` without `alt=` (its
        # template writes `alt` only when given) and the gallery's bare <img> tags.
        (name, "NL508") for name in (
            "2015-05-15-images.md", "2018-12-22-distill.md", "2024-01-27-advanced-images.md",
            "2024-12-04-photo-gallery.md")},
    "jekyll-docs": {(name, "NL206") for name in (
        "2013-05-06-jekyll-1-0-0-released.markdown",
        "2014-11-06-jekylls-midlife-crisis-jekyll-turns-2-5-0.markdown",
        "2014-11-08-jekyll-2-5-1-released.markdown", "2017-06-14-jekyll-3-5-0-released.markdown",
        "2018-02-25-jekyll-3-7-3-released.markdown", "2018-03-14-development-update.md",
        "2018-03-15-jekyll-3-8-0-released.markdown", "2018-05-18-jekyll-3-8-2-released.markdown",
        "2018-06-04-jekyll-3-8-3-released.markdown",
        "2019-08-19-jekyll-4-0-0-released.markdown")},
    "seed": set(),
}


@pytest.fixture
def gem_build(tmp_path: Path) -> str:
    """A notelint configuration saying the Jekyll gem builds the site: these folders are
    trimmed copies without their Gemfiles, and their references were built with the gem.
    Every rule runs, the opt-in groups' too."""
    path = tmp_path / "gem.toml"
    path.write_text('build = "jekyll-4"\nselect = ["ALL"]\n', encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("name", sorted(EXPECTED_WARNINGS))
def test_corpus_json(name: str, gem_build: str) -> None:
    run = subprocess.run([sys.executable, "-m", "notelint", "check", "--format", "json",
                          "--config", gem_build, str(SHARED / "corpus" / name)],
                         capture_output=True, text=True,
                         timeout=120, env={**os.environ, "TZ": "UTC"})
    assert run.returncode in (0, 1), run.stderr
    document = json.loads(run.stdout)
    errors = [d for d in document["diagnostics"] if d["severity"] == "error"]
    assert errors == []
    warnings = {(d["path"].rsplit("/", 1)[1], d["code"]) for d in document["diagnostics"]
                if d["severity"] == "warning"}
    assert warnings == EXPECTED_WARNINGS[name]


# The informational link findings, each real: plain-http links (NL507) and link texts that
# end with a space (NL509: the seed's `<a>` text starts with a newline and ends with a space;
# jekyll-docs twice writes `[... {{ site.baseurl }} ](...)`).
EXPECTED_INFO_LINKS = {"al-folio": {}, "seed": {"NL509": 1},
                       "jekyll-docs": {"NL507": 9, "NL509": 2}}


@pytest.mark.parametrize("name", sorted(EXPECTED_INFO_LINKS))
def test_corpus_links(name: str, gem_build: str) -> None:
    """Every internal link of the corpora resolves (or cannot be known: these folders hold
    only posts, so links to their sites' other pages are not judged), no fragment is
    missing, and the informational findings are the ones listed above."""
    run = subprocess.run([sys.executable, "-m", "notelint", "check", "--format", "json",
                          "--config", gem_build, "--select", "NL5",
                          str(SHARED / "corpus" / name)],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "TZ": "UTC"})
    document = json.loads(run.stdout)
    counts: dict[str, int] = {}
    for d in document["diagnostics"]:
        if d["code"] != "NL508":
            counts[d["code"]] = counts.get(d["code"], 0) + 1
    assert counts == EXPECTED_INFO_LINKS[name]

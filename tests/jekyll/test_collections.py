"""Collection documents are published where Jekyll writes them: the collection's
`permalink:`, then `defaults:`, then front matter (cases `co-*` of the conformance spec).

The conformance test itself still lists these cases as gaps: it compares the rendered HTML
and `page` variables too, and notelint does not render collection documents yet. This test
checks what the link rules rely on: each document's URL and output file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from notelint.jekyll.site import Site
from notelint.render import Renderer

from ..conftest import GEMFILE
from .conformance import build_site, cases

DOCUMENTS = [c for c in cases() if c["area"] == "collections"
             and "_posts/" not in c["filename"] and "/_" in "/" + c["filename"]]


@pytest.mark.parametrize("case", DOCUMENTS, ids=[c["id"] for c in DOCUMENTS])
def test_document_urls(case: dict[str, Any], tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", case["env"]["TZ"])
    build_site(case, tmp_path)
    site = Site.load(tmp_path)
    found = [e for e in site.entries if e.relative_path == case["filename"]]
    expected = case["expected"]
    if expected["output_path"] is None:  # read, but not written
        assert found == []
        return
    [entry] = found
    assert (entry.url, entry.output_path) == (expected["url"], expected["output_path"])


def test_every_document_case_is_here() -> None:
    assert len(DOCUMENTS) == 12


def test_site_collection_in_liquid(tmp_path: Path) -> None:
    """`site.<label>` lists a collection's documents with their front matter, written or not,
    so what a post builds from them is not lost (a link to one is checked like any other)."""
    (tmp_path / "_config.yml").write_text("collections:\n  recipes: {}\n", encoding="utf-8")
    (tmp_path / "Gemfile").write_text(GEMFILE, encoding="utf-8")
    (tmp_path / "_recipes").mkdir()
    (tmp_path / "_recipes" / "pie.md").write_text("---\ntitle: Apple pie\n---\nBake.\n",
                                                  encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2020-01-02-x.md").write_text(
        "---\ntitle: X\n---\n{% for r in site.recipes %}[{{ r.title }}]({{ r.url }})"
        "{% endfor %}\n", encoding="utf-8")
    site = Site.load(tmp_path)
    html = Renderer(site).render(site.posts[0]).html
    assert html == '<p><a href="/recipes/pie.html">Apple pie</a></p>\n'
    assert site.entries == []  # not written: `output` is not set

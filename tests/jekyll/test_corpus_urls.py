"""Every post of the real corpora lands where Jekyll 4.3.1 wrote it."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from notelint.jekyll.site import Site

from ..conftest import SHARED

CORPORA = ("seed", "al-folio", "jekyll-docs")


def _manifest(name: str) -> dict[str, tuple[str, str]]:
    path = SHARED / "reference" / name / "_reference-meta" / "manifest.tsv"
    with path.open(encoding="utf-8") as handle:
        return {row["source"]: (row["url"], row["output"])
                for row in csv.DictReader(handle, delimiter="\t")}


@pytest.mark.parametrize("name", CORPORA)
def test_permalinks_match_reference(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")  # the references were built with TZ=UTC
    built = dt.datetime(2026, 11, 24, 2, 10, 45, tzinfo=dt.timezone.utc)
    site = Site.load(SHARED / "corpus" / name, now=built)
    got = {p.relative_path: (p.url, p.output_path) for p in site.published_posts()}
    assert got == _manifest(name)

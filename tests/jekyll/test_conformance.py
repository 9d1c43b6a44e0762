"""notelint's model of a site agrees with what Jekyll 4.3.1 did, case by case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from notelint.jekyll.dates import format_ruby
from notelint.jekyll.site import Site

from .conformance import build_site, cases_in

AREAS = ("discovery", "dates", "front-matter", "urls", "categories-tags")
CASES = cases_in(*AREAS)


def _expected(case: dict[str, Any], site: Site) -> dict[str, Any]:
    expected = dict(case["expected"])
    if expected.get("build_time_dependent"):
        stamp = {"{BUILD_YYYY}": f"{site.time.year:04d}", "{BUILD_MM}": f"{site.time.month:02d}",
                 "{BUILD_DD}": f"{site.time.day:02d}", "{BUILD_TIME}": format_ruby(site.time)}
        for key in ("output_path", "url"):
            for token, value in stamp.items():
                expected[key] = expected[key].replace(token, value)
        expected["page"] = dict(expected["page"], date=stamp["{BUILD_TIME}"])
    return expected


def model_of(case: dict[str, Any], root: Path) -> tuple[Site, dict[str, Any]]:
    build_site(case, root)
    site = Site.load(root, show_drafts="--drafts" in case["flags"],
                     future="--future" in case["flags"],
                     unpublished="--unpublished" in case["flags"])
    post = next((p for p in site.all_posts if p.relative_path == case["filename"]), None)
    fatal = any(p.fatal for p in site.all_posts)
    kept = post is not None and post.skip_reason(site) is None
    got: dict[str, Any] = {
        "exit_code": 1 if fatal else 0,
        "output_path": post.output_path if kept and not fatal else None,
        "url": post.url if kept and not fatal else None,
    }
    if kept and not fatal:
        assert post is not None and post.date is not None
        got["page"] = {
            "date": format_ruby(post.date), "title": post.title, "slug": post.slug,
            "categories": post.data.get("categories"), "tags": post.data.get("tags"),
            "layout": post.layout,
        }
    return site, got


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_model_matches_jekyll(case: dict[str, Any], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", case["env"]["TZ"])
    site, got = model_of(case, tmp_path)
    expected = _expected(case, site)
    assert got["exit_code"] == expected["exit_code"]
    assert got["output_path"] == expected["output_path"]
    assert got["url"] == expected["url"]
    if "page" in got and expected.get("page"):
        assert got["page"] == expected["page"]


def test_every_area_is_covered() -> None:
    assert {c["area"] for c in CASES} == set(AREAS)
    assert len(CASES) == 112

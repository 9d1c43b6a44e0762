"""Every case of the conformance spec, recorded with the reference Jekyll (the gem's Liquid
4.0.4 and SafeYAML, GitHub Pages' plugins, minima): notelint's site model (exit code, URL,
output path, `page` variables) and its render (HTML, after fidelity.py's canonicalization)
must agree with what Jekyll did.

A case notelint does not match yet is listed in KNOWN_GAPS with the reason; it runs as a
strict xfail, so a gap that closes fails here until it is taken off the list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from notelint.jekyll import themes
from notelint.jekyll.dates import format_ruby
from notelint.jekyll.site import Site

from ..render.test_conformance import canonical, read_case_file, render_case
from .conformance import build_site, cases

CASES = cases()
# The minima theme's files are not the project's to copy: its cases render the installed gem,
# found where RubyGems keeps it on this machine (read before the tests hide installed gems).
MINIMA = next((home for home in themes.default_gem_homes()
               if (home / "gems" / "minima-2.5.1" / "_layouts").is_dir()), None)

KNOWN_GAPS: dict[str, str] = {
}


def _known(reason: str, *ids: str) -> None:
    KNOWN_GAPS.update(dict.fromkeys(ids, reason))


def _expected(case: dict[str, Any], site: Site) -> dict[str, Any]:
    expected = dict(case["expected"])
    if expected.get("build_time_dependent"):
        stamp = {"{BUILD_YYYY}": f"{site.time.year:04d}", "{BUILD_MM}": f"{site.time.month:02d}",
                 "{BUILD_DD}": f"{site.time.day:02d}", "{BUILD_TIME}": format_ruby(site.time)}
        for key in ("output_path", "url"):
            if expected[key] is not None:
                for token, value in stamp.items():
                    expected[key] = expected[key].replace(token, value)
        page = expected.get("page")
        if page and page.get("date") == "{BUILD_TIME}":
            expected["page"] = dict(page, date=stamp["{BUILD_TIME}"])
    return expected


def model_of(case: dict[str, Any], root: Path) -> tuple[Site, dict[str, Any]]:
    build_site(case, root)
    site = Site.load(root, show_drafts="--drafts" in case["flags"],
                     future="--future" in case["flags"],
                     unpublished="--unpublished" in case["flags"])
    post = read_case_file(site, case["filename"])
    fatal = any(p.fatal for p in site.all_posts) or (post is not None and post.fatal)
    kept = post is not None and post.skip_reason(site) is None
    got: dict[str, Any] = {
        "exit_code": 1 if fatal else 0,
        "output_path": post.output_path if kept and not fatal else None,
        "url": post.url if kept and not fatal else None,
    }
    if post is None and not fatal:  # a static file: Jekyll copies it
        found = site.entry_at(case["filename"])
        got["url"] = found[0].url if found is not None else None
    if kept and not fatal:
        assert post is not None
        page = post.is_page
        got["page"] = {
            "date": None if page or post.date is None else format_ruby(post.date),
            "title": post.title, "slug": post.slug,
            "categories": None if page else post.data.get("categories"),
            "tags": None if page else post.data.get("tags"),
            "layout": post.layout,
        }
    return site, got


def check_case(case: dict[str, Any], root: Path) -> None:
    site, got = model_of(case, root / "model")
    expected = _expected(case, site)
    fatal = got["exit_code"] == 1
    html = ""
    if not fatal and got["output_path"] is not None:
        fatal, html = render_case(case, root / "render")
    assert fatal == (expected["exit_code"] == 1), "Jekyll's build stops" \
        if expected["exit_code"] == 1 else "Jekyll's build succeeds"
    if fatal:
        return
    assert (got["output_path"], got["url"]) == (expected["output_path"], expected["url"])
    if expected.get("page") and "page" in got:
        assert got["page"] == expected["page"]
    if expected.get("html") is not None:
        assert canonical(html) == canonical(expected["html"])


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["id"], marks=pytest.mark.xfail(reason=KNOWN_GAPS[c["id"]],
                                                        strict=True))
    if c["id"] in KNOWN_GAPS else pytest.param(c, id=c["id"]) for c in CASES])
def test_case_matches_jekyll(case: dict[str, Any], tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", case["env"]["TZ"])
    if "theme: minima" in (case["config"] or ""):
        if MINIMA is None:
            pytest.skip("the minima 2.5.1 gem is not installed on this machine (Debian: "
                        "apt install jekyll-theme-minima; or gem install minima -v 2.5.1)")
        monkeypatch.setenv("GEM_PATH", str(MINIMA))
    check_case(case, tmp_path)


def test_the_cases_are_the_upstream_recording() -> None:
    assert len(CASES) == 368
    assert set(KNOWN_GAPS) <= {c["id"] for c in CASES}

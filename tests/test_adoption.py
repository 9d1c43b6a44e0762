"""Adopting notelint on an existing blog: the default rules are Jekyll's, the opt-in groups
are chosen with ruff's conventions, and a baseline accepts today's findings so that only
new ones fail."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from notelint.cli import main

SITE = Path(__file__).parent / "sites" / "adoption"
BIRDS = "_posts/2024-03-02-birds-at-the-lake.md"
RAIN = "_posts/2024-03-09-a-walk-in-the-rain.md"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--offline", "--no-cache", *args])
    out, err = capsys.readouterr()
    return int(exit_info.value.code), out, err


def codes(out: str) -> list[tuple[str, str]]:
    return [(line.split(":")[0], line.split()[1]) for line in out.splitlines()]


@pytest.fixture
def blog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "blog"
    shutil.copytree(SITE, copy)
    monkeypatch.chdir(copy)
    monkeypatch.setenv("TZ", "UTC")
    return copy


STYLE = [(BIRDS, "NL508"), (BIRDS, "NL507"), (RAIN, "NL110")]


def test_a_blog_with_only_style_problems_passes(blog: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run([], capsys)[:2] == (0, "")
    code, out, _ = run(["--extend-select", "style,a11y"], capsys)
    assert code == 1 and codes(out) == STYLE
    code, out, _ = run(["--select", "ALL", "--ignore", "NL110"], capsys)
    assert code == 1 and codes(out) == STYLE[:2]
    code, out, _ = run(["--extend-select", "a11y"], capsys)
    assert codes(out) == STYLE[:1]
    code, out, _ = run(["--select", "ALL", "--exit-zero"], capsys)
    assert code == 0 and codes(out) == STYLE


def test_groups_from_the_configuration(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (blog / ".notelint.toml").write_text('extend-select = ["style"]\n'
                                         'extend-ignore = ["NL507"]\n', encoding="utf-8")
    code, out, _ = run([], capsys)
    assert code == 1 and codes(out) == [(RAIN, "NL110")]
    # The command line's --select replaces the configuration's set; its ignores stay.
    code, out, _ = run(["--select", "a11y,style"], capsys)
    assert codes(out) == [(BIRDS, "NL508"), (RAIN, "NL110")]


def test_baseline_round_trip(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--select", "ALL", "--write-baseline", "baseline.json"], capsys)
    assert (code, out) == (0, "") and "recorded 3 findings in baseline.json" in err
    recorded = json.loads((blog / "baseline.json").read_text(encoding="utf-8"))
    assert {(f["file"], f["rule"]) for f in recorded["findings"]} == set(STYLE)

    code, out, err = run(["--select", "ALL", "--baseline", "baseline.json"], capsys)
    assert (code, out) == (0, "") and "3 known findings hidden by the baseline" in err

    # Lines added above an old finding do not revive it; a new problem is reported alone.
    birds = blog / BIRDS
    text = birds.read_text(encoding="utf-8")
    birds.write_text(text.replace("Twelve herons", "Cold and clear.\n\nTwelve herons")
                     + "\n![](/assets/heron.jpg)\n", encoding="utf-8")
    code, out, err = run(["--select", "ALL", "--baseline", "baseline.json"], capsys)
    assert code == 1 and out.startswith(f"{BIRDS}:13:5: NL508 ") and out.count("\n") == 1
    assert "3 known findings hidden" in err

    # Fixed: back to clean. The old finding fixed too, and the baseline written again: the
    # file no longer records it.
    birds.write_text(text.replace("![](/assets/heron.jpg)", "![A heron](/assets/heron.jpg)"),
                     encoding="utf-8")
    code, out, err = run(["--select", "ALL", "--baseline", "baseline.json"], capsys)
    assert (code, out) == (0, "") and "2 known findings hidden" in err
    run(["--select", "ALL", "--write-baseline", "baseline.json"], capsys)
    recorded = json.loads((blog / "baseline.json").read_text(encoding="utf-8"))
    assert {(f["file"], f["rule"]) for f in recorded["findings"]} == set(STYLE[1:])


def test_baseline_from_the_configuration_and_from_another_folder(
        blog: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (blog / ".notelint.toml").write_text('select = ["ALL"]\nbaseline = "ci/accepted.json"\n',
                                         encoding="utf-8")
    (blog / "ci").mkdir()
    run(["--write-baseline", "ci/accepted.json"], capsys)
    monkeypatch.chdir(blog / "_posts")
    code, out, err = run([".."], capsys)
    assert (code, out) == (0, "") and "3 known findings hidden" in err


@pytest.mark.parametrize("content, message", [
    (None, "no such baseline file"),
    ("[]", "not a notelint baseline"),
    ("{", "not a notelint baseline"),
    ('{"notelint-baseline": 1, "findings": [{"file": 1}]}', "an entry is not a finding"),
])
def test_an_unusable_baseline_is_one_line(blog: Path, capsys: pytest.CaptureFixture[str],
                                          content: str | None, message: str) -> None:
    if content is not None:
        (blog / "b.json").write_text(content, encoding="utf-8")
    code, out, err = run(["--baseline", "b.json"], capsys)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


RULES_DIR = Path(__file__).parent / "rules"


def test_fixable_findings_are_marked_and_their_fixes_shown(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "NL402-comma-separated-taxonomy")
    code, out, err = run(["--select", "NL402"], capsys)
    assert code == 1
    # Its fixes are unsafe (other tags get published): no [*] unless asked for, and the
    # summary promises them only with --unsafe-fixes.
    assert "[*]" not in out and "3 more with --fix --unsafe-fixes" in err
    code, out, err = run(["--select", "NL402", "--unsafe-fixes"], capsys)
    assert code == 1 and out.count(" NL402 [*] ") == 3
    assert "--unsafe-fixes applies nothing by itself: add --fix" in err
    _, out, _ = run(["--select", "NL402", "--show-fixes"], capsys)
    assert "    unsafe fix (--unsafe-fixes): write `tags: [jekyll, ruby]`\n" in out
    monkeypatch.chdir(RULES_DIR / "NL303-layout-with-extension")
    _, out, err = run(["--select", "NL303"], capsys)
    assert out.count(" NL303 [*] ") == 3 and "3 fixable with --fix." in err


def test_statistics_in_json(capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "NL402-comma-separated-taxonomy")
    code, out, _ = run(["--select", "NL402", "--statistics", "--format", "json"], capsys)
    assert code == 1 and json.loads(out) == [{"code": "NL402", "name": "comma-separated-taxonomy",
                                "count": 3, "fixable": True}]


def test_progress_is_reported_on_large_sites(tmp_path: Path) -> None:
    from notelint.engine import PROGRESS_POSTS, CheckOptions, check_paths

    (tmp_path / "_posts").mkdir()
    (tmp_path / "_config.yml").write_text("timezone: UTC\n", encoding="utf-8")
    for n in range(PROGRESS_POSTS):
        day = f"2020-01-01-note-{n:03d}.md"
        (tmp_path / "_posts" / day).write_text(f"---\ntitle: Note {n}\n---\nText {n}.\n",
                                               encoding="utf-8")
    seen: list[tuple[int, int]] = []
    check_paths([tmp_path], CheckOptions(select=("NL2",), use_cache=False,
                                         post_progress=lambda d, t: seen.append((d, t))))
    steps = seen[-1][1]
    assert [d for d, _ in seen] == list(range(1, steps + 1)) and steps >= PROGRESS_POSTS
    seen.clear()
    check_paths([tmp_path / "_posts" / "2020-01-01-note-000.md"],
                CheckOptions(select=("NL2",), use_cache=False,
                             post_progress=lambda d, t: seen.append((d, t))))
    assert seen == []  # one post: no bar


PAGES = Path(__file__).parent / "sites" / "pages"


def test_pages_and_documents_are_checked(tmp_path: Path) -> None:
    """The about page, a page in a folder and a collection's document get the rules that
    apply to them (links, Liquid, layouts); their jekyll-relative-links links to `.md`
    files resolve as the plugin rewrites them (tests/sites/pages was built with the reference
    Jekyll: its `_reference/` has no broken link)."""
    from notelint.engine import CheckOptions, check_paths

    site = tmp_path / "site"
    shutil.copytree(PAGES, site, ignore=shutil.ignore_patterns("_reference"))
    options = CheckOptions(select=("ALL",), offline=True, use_cache=False)
    clean = check_paths([site], options)
    assert clean.diagnostics == []
    checked = {Path(f).relative_to(site).as_posix() for f in clean.files}
    assert {"about.md", "contact.md", "docs/guide.md", "index.html",
            "_recipes/pie.md"} <= checked
    with (site / "about.md").open("a", encoding="utf-8") as about:
        about.write("\nThe [old archive](/archive/) and [the recipes](../recipes.md).\n")
    with (site / "_recipes" / "pie.md").open("a", encoding="utf-8") as pie:
        pie.write("\n{% include missing.html %}\n")
    found = check_paths([site], options).diagnostics
    assert [(Path(d.path).relative_to(site).as_posix(), d.start.line, d.code)
            for d in found if d.start] == [
        ("_recipes/pie.md", 6, "NL602"), ("about.md", 7, "NL501"), ("about.md", 7, "NL501")]
    # A layout's links are checked once, at its own lines: those that do not depend on the
    # page using it (a path Liquid makes from the page, a relative link, a DNS hint are not).
    with (site / "_layouts" / "page.html").open("a", encoding="utf-8") as layout:
        layout.write('<nav><a href="{{ \'/about.html\' | relative_url }}">About</a>\n'
                     '<a href="/archive/">Archive</a> <a href="{{ page.url }}x/">x</a>\n'
                     '<a href="notes/">Notes</a><link rel="dns-prefetch" href="/sw.js"></nav>\n')
    lines = (site / "_layouts" / "page.html").read_text(encoding="utf-8").count("\n")
    in_layouts = check_paths([site / "_layouts"], options).diagnostics
    assert [(Path(d.path).name, d.start.line, d.start.column, d.code, d.message)
            for d in in_layouts if d.start] == [
        ("page.html", lines - 1, 10, "NL501", "link /archive/ is broken: nothing is published "
         "at /archive/")]
    # An include too, at its own line; a link made from its parameters is not judged.
    (site / "_includes").mkdir()
    (site / "_includes" / "footer.html").write_text(
        '<footer><a href="{{ include.home }}">Home</a>\n<a href="/feeds/">Feeds</a></footer>\n',
        encoding="utf-8")
    in_includes = check_paths([site / "_includes"], options).diagnostics
    assert [(Path(d.path).name, d.start.line, d.code) for d in in_includes if d.start] == [
        ("footer.html", 2, "NL501")]
    # Checked alone, as the pre-commit hook checks a staged page: the same findings.
    alone = check_paths([site / "about.md"], options).diagnostics
    assert [d.message for d in alone] == [d.message for d in found if d.path == alone[0].path]


SUPPRESSIONS = Path(__file__).parent / "sites" / "suppressions"


def _uncommented(page: str) -> str:
    """The page without its comments, spacing aside (none of it is inside a `<pre>`)."""
    return " ".join(re.sub(r"<!--.*?-->", "", page, flags=re.S).split())


def test_add_suppressions_writes_comments_that_change_nothing_published(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "blog"
    shutil.copytree(SUPPRESSIONS, site)
    monkeypatch.chdir(site)
    pages = {}
    for post in ("_posts/2024-01-01-a.md", "_posts/2024-01-02-b.md"):
        with pytest.raises(SystemExit):
            main(["render", "--layouts", post])
        pages[post] = _uncommented(capsys.readouterr().out)
    code, out, err = run(["--add-suppressions"], capsys)
    # The link in a table row takes no comment: a line before it, or one at its end,
    # would change the table. It is left, and said.
    assert code == 1
    assert out == ("_posts/2024-01-01-a.md:13:14: NL501 link /gone/ is broken: nothing is "
                   "published at /gone/ [link-target-missing]\n")
    assert "added 3 suppression comments in 2 files" in err
    assert "1 finding cannot be silenced by a comment" in err
    a = (site / "_posts/2024-01-01-a.md").read_text(encoding="utf-8").splitlines()
    assert a[2:7] == ["layout: post", "# notelint-disable-next-line NL107", "tittle: typo",
                      "---", "<!-- notelint-disable-next-line NL501 -->"]
    b = (site / "_posts/2024-01-02-b.md").read_text(encoding="utf-8").splitlines()
    assert b[:3] == ["---", "# notelint-disable-file NL301", "title: B"]
    for post, before in pages.items():
        with pytest.raises(SystemExit):
            main(["render", "--layouts", post])
        assert _uncommented(capsys.readouterr().out) == before
    # Again: nothing more can be added, nothing changes.
    texts = {p: p.read_bytes() for p in site.rglob("*.md")}
    code, out, err = run(["--add-suppressions"], capsys)
    assert code == 1 and "added 0 suppression comments in 0 files" in err
    assert {p: p.read_bytes() for p in site.rglob("*.md")} == texts


def test_add_suppressions_is_not_combined_with_fix(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--add-suppressions", "--fix", str(SUPPRESSIONS)], capsys)
    assert code == 2 and "cannot be combined" in err

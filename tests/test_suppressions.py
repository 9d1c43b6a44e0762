"""Inline suppressions: each directive's reach, by code, name or prefix, and unused ones."""

from __future__ import annotations

from pathlib import Path

from notelint.engine import CheckOptions, check_paths

POST = """\
---
layout: post
title: Suppressions
# notelint-disable-next-line misspelled-key
tittle: Kept on purpose
tgas: [a]
---
[one](/missing-1/)
<!-- notelint-disable-next-line NL501 -->
[two](/missing-2/)
[three](/missing-3/) <!-- notelint-disable-line link-target-missing -->
<!-- notelint-disable NL5 -->
[four](/missing-4/) and [ five ](/missing-5/)
<!--
  notelint-enable NL501,
-->
[six](/missing-6/) and [ seven ](/missing-7/)
<!-- notelint-enable -->
[ eight ](/missing-8/)
"""


def _site(tmp_path: Path, text: str) -> Path:
    (tmp_path / "_config.yml").write_text("")
    (tmp_path / "_layouts").mkdir()
    (tmp_path / "_layouts" / "post.html").write_text("{{ content }}")
    (tmp_path / "about.md").write_text("---\ntitle: About\n---\nAbout.\n")  # a complete site
    (tmp_path / "_posts").mkdir()
    post = tmp_path / "_posts" / "2024-01-05-post.md"
    post.write_text(text)
    (tmp_path / "_posts" / "2024-01-06-other.md").write_text("---\ntitle: x\n---\n[a](/nope/)\n")
    return post


def _found(tmp_path: Path, **options: object) -> list[tuple[int, str]]:
    result = check_paths([tmp_path], CheckOptions(select=("NL107", "NL501", "NL509"),
                                                  **options))  # type: ignore[arg-type]
    return [(d.start.line if d.start else 0, d.code) for d in result.diagnostics
            if d.path.endswith("post.md")]


def test_each_directive_reaches_its_lines(tmp_path: Path) -> None:
    _site(tmp_path, POST)
    assert _found(tmp_path) == [
        (6, "NL107"),  # tgas: the directive covered only the line after it
        (8, "NL501"),
        (17, "NL501"), (17, "NL501"),  # NL501 enabled again; NL509 still off by `NL5`
        (19, "NL501"), (19, "NL509"),  # everything enabled again
    ]


def test_disable_file_and_other_posts(tmp_path: Path) -> None:
    _site(tmp_path, POST + "<!-- notelint-disable-file NL501 NL107 -->\n")
    assert _found(tmp_path) == [(19, "NL509")]
    result = check_paths([tmp_path], CheckOptions(select=("NL501",)))
    assert [Path(d.path).name for d in result.diagnostics] == ["2024-01-06-other.md"]


def test_a_near_miss_is_no_directive(tmp_path: Path) -> None:
    _site(tmp_path, "---\ntitle: x\n---\n<!-- notelint-disabled NL501 -->\n[a](/nope/)\n")
    assert _found(tmp_path) == [(5, "NL501")]


def test_unused_suppressions_are_reported_on_request(tmp_path: Path) -> None:
    _site(tmp_path, "---\ntitle: x\n---\n<!-- notelint-disable-next-line NL501 -->\n"
                    "[fine](https://example.org/)\n<!-- notelint-disable-file NL999 -->\n"
                    "<!-- notelint-disable-next-line NL201 -->\n[b](/nope/)\n")
    assert _found(tmp_path) == [(8, "NL501")]
    result = check_paths([tmp_path], CheckOptions(select=("NL107", "NL501", "NL509"),
                                                  report_unused_suppressions=True))
    unused = [(d.start.line, d.message) for d in result.diagnostics if d.code == "NL901"
              and d.start is not None]
    # NL201 did not run, so its directive is not judged.
    assert [line for line, _ in unused] == [4, 6]
    assert "suppresses nothing" in unused[0][1] and "NL999" in unused[1][1]


def test_comments_in_fenced_code_are_examples(tmp_path: Path) -> None:
    _site(tmp_path, "---\ntitle: x\n---\n"
                    "```markdown\n<!-- notelint-disable-file NL501 -->\n```\n"
                    "~~~~\n```\n<!-- notelint-disable-file NL501 -->\n~~~~\n"
                    "[a](/nope/)\n"
                    "<!-- notelint-disable-next-line NL501 -->\n[b](/nope/)\n")
    assert _found(tmp_path) == [(11, "NL501")]

"""notelint's own YAML limits speak before any library's, with the same words and position
whichever PyYAML release is installed (PyYAML 6.0.4's libyaml refuses 1,000 flow levels
with a message of its own; 6.0.3's does not)."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.jekyll.config import load_config
from notelint.jekyll.frontmatter import MAX_DEPTH, load_document
from notelint.jekyll.site import Site

from ..conftest import REPO

NL102 = REPO / "tests" / "rules" / "NL102-yaml-syntax-error"
DEEP = f"YAML nested more than {MAX_DEPTH} levels deep"


@pytest.mark.parametrize(("name", "line", "column"), [
    ("2024-01-08-bad-deep-nesting.md", 3, 203),               # 300 flow levels
    ("2024-01-10-bad-nesting-past-libyaml-limit.md", 4, 203),  # 1,500: past libyaml's 1,000
    ("2024-01-11-bad-deep-block-nesting.md", 204, 401),       # one block level per line
])
def test_deep_posts_pin_message_and_column(name: str, line: int, column: int) -> None:
    site = Site.load(NL102)
    post = next(p for p in site.posts if p.relative_path.endswith(name))
    problem = post.front_matter.error
    assert problem is not None
    assert (problem.message, problem.position.line, problem.position.column) == \
        (DEEP, line, column)


@pytest.mark.parametrize("levels", [MAX_DEPTH, 999, 1000, 1001, 20_000])
def test_flow_nesting_at_every_depth_past_the_limit(levels: int) -> None:
    problem = load_document("x: " + "[" * levels + "]" * levels + "\n").error
    assert problem is not None
    assert (problem.message, problem.position.line, problem.position.column) == (DEEP, 1, 203)


def test_nesting_at_the_limit_is_read() -> None:
    # The top-level mapping is the first level.
    inner = MAX_DEPTH - 1
    document = load_document("x: " + "[" * inner + "]" * inner + "\n")
    assert document.error is None
    assert isinstance(document.data["x"], list)


def test_an_earlier_syntax_error_is_reported_in_the_loader_s_words() -> None:
    problem = load_document("a: b: c\nx: " + "[" * 1500 + "\n").error
    assert problem is not None
    assert (problem.message, problem.position.line, problem.position.column) == \
        ("mapping values are not allowed in this context", 1, 5)


def test_deep_config(tmp_path: Path) -> None:
    path = tmp_path / "_config.yml"
    path.write_text("title: x\nx: " + "[" * 1500 + "\n", encoding="utf-8")
    [problem] = load_config(path).problems
    assert problem.message == f"Jekyll cannot read this configuration: {DEEP}"
    assert problem.position is not None
    assert (problem.position.line, problem.position.column) == (2, 203)


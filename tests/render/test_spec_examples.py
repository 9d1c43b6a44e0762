"""The worked examples of `tests/shared/spec/jekyll.md` sections 6-7 that the JSON cases lack."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ..conftest import SHARED
from .test_conformance import canonical, render_case

_EXAMPLE = re.compile(
    r"\*\*`([\w-]+)`\*\* — [^\n]*\n\nBody \(front matter is just `layout: post`\):\n\n"
    r"(`{3,5})markdown\n(.*?)\n\2\n\n(?:`_config.yml`:\n\n```yaml\n(.*?)\n```\n\n)?"
    r"Output:\n\n(`{3,5})html\n(.*?)\n\5\n(?:\nExact string \(JSON\): `(.*?)`)?", re.S)


def _examples() -> list[tuple[str, str, str, str]]:
    spec = (SHARED / "spec" / "jekyll.md").read_text(encoding="utf-8")
    known = {c["id"] for c in json.loads(
        (SHARED / "spec" / "jekyll-conformance-upstream.json").read_text(encoding="utf-8"))}
    out = []
    for ident, _fence, body, config, _fence2, html, exact in _EXAMPLE.findall(spec):
        if ident not in known:
            out.append((ident, body + "\n", config, json.loads(exact) if exact else html))
    return out


EXAMPLES = _examples()


def test_the_spec_still_has_its_examples() -> None:
    assert len(EXAMPLES) >= 15


@pytest.mark.parametrize(("ident", "body", "config", "html"), EXAMPLES,
                         ids=[e[0] for e in EXAMPLES])
def test_spec_example(ident: str, body: str, config: str, html: str, tmp_path: Path) -> None:
    case = {"filename": "_posts/2020-01-02-example.md", "config": config,
            "input": f"---\nlayout: post\n---\n{body}",
            "extra_files": {"_layouts/post.html": "{{ content }}"}}
    fatal, rendered = render_case(case, tmp_path)
    assert not fatal
    assert canonical(rendered) == canonical(html)

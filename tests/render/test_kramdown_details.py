"""Details of kramdown's output that real posts met (issue: rendering differences found on
real blogs). Each expected HTML is what the reference Jekyll (kramdown 2.4, GFM input) wrote
for the same Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.jekyll.site import Site
from notelint.render import Renderer

from ..conftest import GEMFILE
from .test_conformance import canonical

CASES = {
    "ial-before-list": ("{:#my-list}\n* one\n* two\n",
                        '<ul id="my-list">\n  <li>one</li>\n  <li>two</li>\n</ul>\n'),
    "ial-before-quote": ("{:.note}\n> quoted\n",
                         '<blockquote class="note">\n  <p>quoted</p>\n</blockquote>\n'),
    "alt-as-typed": ("![It's \"quoted\" -- ok...](/a.png)\n",
                     '<p><img src="/a.png" alt="It\'s &quot;quoted&quot; -- ok..." /></p>\n'),
    "alt-line-break": ("![first line\nsecond line](/b.png)\n",
                       '<p><img src="/b.png" alt="first line\nsecond line" /></p>\n'),
    "stray-end-tag": ("text </a> more\n", "<p>text &lt;/a&gt; more</p>\n"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendered_as_kramdown(name: str, tmp_path: Path) -> None:
    markdown, expected = CASES[name]
    (tmp_path / "_config.yml").write_text("", encoding="utf-8")
    (tmp_path / "Gemfile").write_text(GEMFILE, encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2020-01-02-x.md").write_text("---\n---\n" + markdown,
                                                          encoding="utf-8")
    site = Site.load(tmp_path)
    html = Renderer(site).render(site.posts[0]).html
    assert canonical(html) == canonical(expected)

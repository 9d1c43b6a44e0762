"""Jekyll's Liquid filters and variables, as Jekyll 4.3 documents and prints them."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.jekyll.site import Site
from notelint.render import Renderer

CASES = [
    ('{{ "The Quick Brown Fox!" | slugify }}', "the-quick-brown-fox"),
    ('{{ "The _config.yml file" | slugify: "pretty" }}', "the-_config.yml-file"),
    ('{{ "one two  three" | number_of_words }}', "3"),
    ("{{ page.tags | array_to_sentence_string }}", "alpha, beta, and gamma"),
    ('{{ page.tags | array_to_sentence_string: "or" }}', "alpha, beta, or gamma"),
    ("{{ 'a&b<c>\"' | xml_escape }}", "a&amp;b&lt;c&gt;&quot;"),
    ('{{ "foo, bar; baz?" | cgi_escape }}', "foo%2C+bar%3B+baz%3F"),
    ('{{ "http://foo.com/?q=foo, \\bar?" | uri_escape }}', "http://foo.com/?q=foo,%20%5Cbar?"),
    ("{{ page.date | date_to_xmlschema }}", "2020-01-02T10:20:30+00:00"),
    ("{{ page.date | date_to_rfc822 }}", "Thu, 02 Jan 2020 10:20:30 +0000"),
    ("{{ page.date | date_to_string }}", "02 Jan 2020"),
    ('{{ page.date | date_to_string: "ordinal", "US" }}', "Jan 2nd, 2020"),
    ("{{ page.date | date_to_long_string }}", "02 January 2020"),
    ('{{ page.date | date_to_long_string: "ordinal" }}', "2nd January 2020"),
    ("{{ page.date }}", "2020-01-02 10:20:30 +0000"),
    ("{% capture s %}a \n\t b{% endcapture %}{{ s | normalize_whitespace }}", "a b"),
    ("{{ page.tags | jsonify }}", '["alpha","beta","gamma"]'),
    ('{{ site.posts | where: "title", "Older" | map: "url" | join }}', "/2019/05/06/older.html"),
    ('{{ site.posts | where_exp: "p", "p.title contains \'Old\'" | size }}', "1"),
    ('{{ site.posts | sort: "title" | map: "title" | join: "," }}', "Filters,Older"),
    ('{% assign g = site.posts | group_by: "layout" %}{{ g[0].name }}:{{ g[0].size }}', "post:2"),
    ('{{ "*x*" | markdownify }}', "<p><em>x</em></p>"),
    ("{{ '\"quoted\" -- text' | smartify }}", "\u201cquoted\u201d \u2013 text"),
    ("{{ site.posts.first.url }} {{ site.posts.last.url }}",
     "/2020/01/02/filters.html /2019/05/06/older.html"),
    ("{{ page.previous.title }}|{{ page.next.title }}", "Older|"),
    ("{{ site.tags.beta | size }} {{ site.categories | size }}", "1 0"),
    ("{{ site.data.people[0].name }}", "Ada"),
    ('{{ "x" | nosuchfilter }}', "x"),
    ('{{ "2" | to_integer | plus: 1 }}', "3"),
]


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> tuple[Renderer, Site]:
    root: Path = tmp_path_factory.mktemp("site")
    (root / "_config.yml").write_text("title: Filters\ntimezone: UTC\n")
    (root / "_data").mkdir()
    (root / "_data" / "people.yml").write_text("- name: Ada\n- name: Grace\n")
    posts = root / "_posts"
    posts.mkdir()
    (posts / "2019-05-06-older.md").write_text("---\nlayout: post\ntitle: Older\n---\nOld.\n")
    (posts / "2020-01-02-filters.md").write_text(
        "---\nlayout: post\ntitle: Filters\ndate: 2020-01-02 10:20:30\n"
        "tags: [alpha, beta, gamma]\n---\nbody\n")
    site = Site.load(root)
    return Renderer(site), site


@pytest.mark.parametrize(("template", "expected"), CASES, ids=[c[0] for c in CASES])
def test_filter(template: str, expected: str, renderer: tuple[Renderer, Site]) -> None:
    render, site = renderer
    post = next(p for p in site.posts if p.name.slug == "filters")
    text, problems, _origin = render.liquid.render_post(post, template)
    assert [p.message for p in problems if p.fatal] == []
    assert text.strip() == expected

"""notelint.JekyllHandler and notelint.read_post: Jekyll's reading of front matter, through
python-frontmatter's interface. Expected values were checked against a Jekyll 4.3.1 build
(Liquid 4.0.4, SafeYAML) of these files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import frontmatter
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import notelint
from notelint import JekyllHandler, read_post
from notelint.jekyll import document
from notelint.jekyll.layouts import read_layout
from notelint.jekyll.site import Site

from .conftest import REPO, SHARED

INPUTS = REPO / "tests" / "inputs" / "front-matter"


def test_dots_close_and_jekyll_typing() -> None:
    post = read_post(INPUTS / "dots-close.md")
    # SafeYAML: `2020-3-4` stays text (a date needs 4-2-2 digits; Jekyll still dates the post
    # by it), `1,000` is 1000 and `yes` true.
    assert post.metadata == {"title": "Dots close it", "date": "2020-3-4",
                             "visitors": 1000, "featured": True}
    assert post.content == "Body after dots.\n"
    # python-frontmatter's own YAML handler reads neither the closer nor the typing so.
    assert frontmatter.load(INPUTS / "dots-close.md").metadata == {}


@pytest.mark.parametrize("name", ["blank-line-first.md", "four-dashes.md", "none.md"])
def test_no_front_matter_where_jekyll_sees_none(name: str) -> None:
    post = read_post(INPUTS / name)
    assert post.metadata == {}
    assert post.content == (INPUTS / name).read_text(encoding="utf-8")


def test_bom_and_crlf() -> None:
    post = read_post(INPUTS / "bom-crlf.md")
    assert post.metadata == {"title": "BOM and CRLF"}
    assert post.content == "body\r\n"


def test_layouts_are_read_by_the_same_reader() -> None:
    layout = read_layout(INPUTS / "bom-crlf.md", INPUTS)
    assert (layout.data, layout.body) == ({"title": "BOM and CRLF"}, "body\r\n")


def test_front_matter_jekyll_cannot_read_gives_no_metadata() -> None:
    post = read_post(INPUTS / "broken-yaml.md")
    assert post.metadata == {}
    assert post.content == "body\n"


def test_keys_become_strings_and_content_is_not_stripped() -> None:
    post = read_post(INPUTS / "int-key.md")
    assert post.metadata == {"1": "integer key", "title": "keys"}
    # Jekyll's closing-line pattern (`\s*$\n?`) takes the blank line; the indent stays.
    assert post.content == "  indented body kept\n"


def test_unreadable_files() -> None:
    with pytest.raises(notelint.SourceError, match="invalid UTF-8"):
        read_post(INPUTS / "not-utf8.md")
    with pytest.raises(ValueError):  # SourceError is a ValueError
        read_post(INPUTS / "not-utf8.md")
    with pytest.raises(FileNotFoundError):
        read_post(INPUTS / "no-such-post.md")


def _corpus_posts() -> list[tuple[str, Path]]:
    return [(name, path) for name in ("seed", "al-folio", "jekyll-docs")
            for path in sorted((SHARED / "corpus" / name / "_posts").rglob("*.m*"))]


@pytest.mark.parametrize("name", ["seed", "al-folio", "jekyll-docs"])
def test_one_reader_for_checking_and_for_read_post(name: str) -> None:
    """What notelint checks and what read_post returns come from the same reading."""
    site = Site.load(SHARED / "corpus" / name)
    assert site.posts
    for post in site.posts:
        read = read_post(post.path)
        assert read.metadata == {str(k): v for k, v in post.front_matter.mapping.items()}
        assert read.content == post.body


def test_frontmatter_load_with_the_handler_matches_read_post() -> None:
    for _, path in _corpus_posts():
        through_library = frontmatter.load(path, handler=JekyllHandler())
        direct = read_post(path)
        assert through_library.metadata == direct.metadata, path
        # python-frontmatter strips the content; read_post keeps it as Jekyll does.
        assert through_library.content == direct.content.strip(), path


def test_detect_and_split() -> None:
    handler = JekyllHandler()
    assert handler.detect("---\ntitle: x\n...\nbody")
    assert not handler.detect("----\ntitle: x\n----\nbody")
    assert handler.split("---\ntitle: x\n---\nbody\n") == ("---\ntitle: x\n", "body\n")
    with pytest.raises(ValueError):
        handler.split("no front matter\n")


def test_dumps_quotes_what_jekyll_would_retype() -> None:
    post = frontmatter.Post("Body\n", JekyllHandler(), title="1,000", tags=["yes", "0755", ""],
                            day="2020-03-04", date=dt.date(2020, 3, 4), sym=":x")
    text = frontmatter.dumps(post)
    assert text.startswith("---\ntitle: '1,000'\ntags:\n- 'yes'\n- '0755'\n- ''\n"
                           "day: '2020-03-04'\ndate: 2020-03-04\nsym: :x\n")
    assert frontmatter.loads(text, handler=JekyllHandler()).metadata == post.metadata


_SCALARS = st.one_of(
    st.text(max_size=20), st.integers(-10**12, 10**12), st.booleans(), st.none(),
    st.floats(allow_nan=False, allow_infinity=False), st.dates(),
    st.sampled_from(["1,000", "0x1F", "012", "1:30", ":sym", "yes", "Off", "~", "2020-3-4",
                     "2020-03-04 10:20:30", "1_000", ".inf", "-.inf", "true story", "null",
                     "1.5e+3", "1e3", "0b1_0", "-0x1F", "08", "1:60", "12.50", "NULL"]),
)
_KEYS = st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=10)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.dictionaries(_KEYS, st.one_of(_SCALARS, st.lists(_SCALARS, max_size=4)),
                       max_size=6))
def test_what_the_handler_writes_jekyll_reads_back(metadata: dict[str, object]) -> None:
    post = frontmatter.Post("Body text.\n", JekyllHandler())
    post.metadata.update(metadata)
    text = frontmatter.dumps(post)
    # Read back by notelint's reader, the one `check` uses, which reads as Jekyll does.
    assert document.from_bytes(text.encode("utf-8")).metadata == metadata

"""The on-disk site index: checking named files with the whole site as context gives the
same answers from the index as from a full read, and notices every change."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from notelint import siteindex
from notelint.config import find_config, load_config
from notelint.engine import CheckOptions, check_paths, open_site
from notelint.jekyll import post as post_module
from notelint.jekyll import site as jekyll_site
from notelint.siteindex import cache_folder
from notelint.source import DeferredSource


def _post(site: Path, name: str, body: str, title: str = "T", extra: str = "") -> Path:
    path = site / "_posts" / name
    path.write_text(f"---\nlayout: post\ntitle: {title}\n{extra}---\n{body}\n")
    return path


pytestmark = pytest.mark.usefixtures("no_report_reuse")  # (conftest.py)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    (root / "_posts").mkdir(parents=True)
    (root / "_layouts").mkdir()
    (root / "_layouts" / "post.html").write_text("{{ content }}")
    (root / "_config.yml").write_text("permalink: /:title/\n")
    (root / "about.md").write_text("---\ntitle: About\n---\nAbout.\n")
    for day in range(1, 10):
        _post(root, f"2024-01-0{day}-post-{day}.md", f"Post {day}. [next](/post-{day + 1}/)",
              extra="tags: [python]\n")
    return root


def _codes(paths: list[Path]) -> list[tuple[str, int, str]]:
    result = check_paths(paths, CheckOptions(select=("ALL",)))
    return [(Path(d.path).name, d.start.line if d.start else 0, d.code)
            for d in result.diagnostics]


def _index(site: Path) -> list[Path]:
    return list(cache_folder().glob("site-index-*.pickle"))


def test_named_file_sees_the_whole_site_from_the_index(site: Path) -> None:
    changed = site / "_posts" / "2024-01-09-post-9.md"
    cold = _codes([changed])
    assert cold == [("2024-01-09-post-9.md", 6, "NL501")]  # /post-10/ does not exist yet
    assert _index(site)
    assert _codes([changed]) == cold  # warm: the other posts come from the index
    # A post that clashes with an unchanged post is still found, and the link now works.
    _post(site, "2024-02-01-post-10.md", "Ten.")
    _post(site, "2024-02-02-eleven.md", "Eleven.", extra="tags: [Python]\npermalink: /post-1/\n")
    clash = site / "_posts" / "2024-02-02-eleven.md"
    assert {c for _, _, c in _codes([clash])} == {"NL304", "NL404"}
    assert _codes([changed]) == []


def test_changes_are_noticed(site: Path) -> None:
    target = site / "_posts" / "2024-01-05-post-5.md"
    checked = site / "_posts" / "2024-01-04-post-4.md"
    assert _codes([checked]) == []
    # Same size, same mtime, other content, written moments after the index: a time stamp
    # that recent is not trusted ("racy clean"), the hash tells; here the URL moves.
    stat = target.stat()
    text = target.read_text().replace("tags: [python]\n", "slug: abcdefgh\n")
    target.write_text(text)
    assert target.stat().st_size == stat.st_size
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _codes([checked]) == [("2024-01-04-post-4.md", 6, "NL501")]
    target.write_text(text.replace("title: T\n", "title: T\npermalink: /elsewhere/\n"))
    assert _codes([checked]) == [("2024-01-04-post-4.md", 6, "NL501")]
    target.unlink()
    assert _codes([checked]) == [("2024-01-04-post-4.md", 6, "NL501")]
    (site / "_config.yml").write_text("permalink: /blog/:title/\n")  # every URL moves
    assert {c for _, _, c in _codes([checked])} == {"NL501"}


def test_a_touched_file_is_trusted_by_its_hash(site: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    checked = site / "_posts" / "2024-01-01-post-1.md"
    _codes([checked])
    for path in (site / "_posts").iterdir():
        os.utime(path, ns=(1, 1))  # a checkout: new times, same bytes
    parsed: list[str] = []
    original = siteindex.read_post

    def counting(*args: object, **kwargs: object) -> object:
        parsed.append(str(args[2]))
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(siteindex, "read_post", counting)
    monkeypatch.setattr(post_module, "read_post", counting)  # made whole for its check
    # Nothing is parsed again: the index trusts the touched files by their hash, and the
    # named post's findings are kept (postcache.py) as its content has not changed.
    assert _codes([checked]) == [] and parsed == []
    checked.write_text(checked.read_text() + "\nMore.\n")
    assert _codes([checked]) == []
    assert parsed == ["_posts/2024-01-01-post-1.md"] * 2  # read, then made whole


def test_damaged_index_is_ignored(site: Path) -> None:
    checked = site / "_posts" / "2024-01-09-post-9.md"
    _codes([checked])
    files = _index(site)
    assert len(files) == 2  # stamps and posts
    for damage in (b"not a pickle", b"\x80\x05N."):  # garbage, then a pickle of None
        for index in files:
            index.write_bytes(damage)
        assert _codes([checked]) == [("2024-01-09-post-9.md", 6, "NL501")]
    _codes([site / "_posts"])  # a full run writes both files again
    (site / "_posts" / "2024-01-08-post-8.md").write_bytes(b"\xff not UTF-8")
    stamps = [f for f in _index(site) if not f.name.endswith(".posts.pickle")]
    posts = [f for f in _index(site) if f.name.endswith(".posts.pickle")]
    posts[0].write_bytes(b"\x80\x05N.")  # stamps without their posts: read the posts again
    assert stamps and {c for _, _, c in _codes([checked])} == {"NL501"}


def test_no_cache_writes_no_index(site: Path) -> None:
    check_paths([site / "_posts" / "2024-01-09-post-9.md"], CheckOptions(use_cache=False))
    assert _index(site) == []


def test_folder_listing_is_kept_until_a_folder_changes(site: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    old = 1_600_000_000_000_000_000  # 2020: older than any index, so trusted
    for path in [site / "_posts", *(site / "_posts").iterdir()]:
        os.utime(path, ns=(old, old))
    checked = site / "_posts" / "2024-01-09-post-9.md"
    _codes([checked])
    listed: list[Path] = []
    original = jekyll_site.list_posts_folder

    def counting(base: Path) -> object:
        listed.append(base)
        return original(base)

    monkeypatch.setattr(jekyll_site, "list_posts_folder", counting)
    assert _codes([checked]) == [("2024-01-09-post-9.md", 6, "NL501")]
    posts = site / "_posts"
    assert posts not in listed  # the stored listing served
    _post(site, "2024-02-01-post-10.md", "Ten.")  # the folder's time moves
    assert _codes([checked]) == []
    assert listed.count(posts) == 1


def test_only_the_last_run_of_a_process_leaves_the_site_frozen(site: Path) -> None:
    # The site model is frozen away from the collector while checking; a process that goes
    # on (the API, a preview) gets it back to collect, the `notelint` command leaves it to
    # its exit (a last collection would scan all of it).
    _codes([site])
    assert gc.get_freeze_count() == 0
    try:
        check_paths([site], CheckOptions(last_run=True))
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_post_made_whole_for_its_check_is_light_again_as_it_was(site: Path) -> None:
    # Layouts and `site.posts` of other posts' checks see the light post: after its own
    # check it holds the same values as before (not new copies), and not its text.
    _codes([site])  # the index now holds every post
    light = open_site(site, load_config(find_config(site)))
    post = next(p for p in light.posts if p.collection_path == "2024-01-03-post-3.md")
    before = {name: getattr(post, name) for name in post_module.POST_FIELDS}
    assert post.light and post.front_matter.root is None
    with post.whole_for_now(light):
        assert not post.light and post.front_matter.root is not None
        assert post.text.endswith("Post 3. [next](/post-4/)\n")
        assert post.data == before["data"] and post.data is not before["data"]
    assert post.light and post.front_matter.root is None
    for name, value in before.items():
        if name != "source":
            assert getattr(post, name) is value, name
    assert isinstance(post.source, DeferredSource) and post.source is not before["source"]

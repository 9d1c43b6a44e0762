"""The site model: indexes by path, URL and output file; pages, collections, loose folders."""

from __future__ import annotations

from pathlib import Path

from notelint.jekyll.site import Site, find_site_root

from ..conftest import REPO, SHARED

RULES = Path(__file__).resolve().parents[1] / "rules"


def test_indexes_by_path_url_and_output() -> None:
    site = Site.load(RULES / "NL304-url-conflict")
    same = site.by_url["/2024/01/06/bad-same.html"]
    assert sorted(p.relative_path for p in same) == ["_posts/2024-01-06-bad-same.markdown",
                                                     "_posts/2024-01-06-bad-same.md"]
    clash = site.by_output["2024/01/07/bad-page-clash.html"]
    assert sorted(type(i).__name__ for i in clash) == ["Entry", "Post"]
    post = site.by_path[str(RULES / "NL304-url-conflict/_posts/2024-01-05-good-unique.md")]
    assert post.url == "/2024/01/05/good-unique.html"
    assert post.body_line == 5


def test_collections_pages_and_static_files() -> None:
    site = Site.load(SHARED / "corpus" / "jekyll-docs")
    kinds = {e.relative_path: (e.kind, e.url) for e in site.entries}
    assert kinds["_docs/history.md"] == ("document", "/docs/history/")
    assert "LICENSE" not in kinds and "SOURCE.md" not in kinds  # `exclude:` in _config.yml


def test_pages_and_static_files(tmp_path: Path) -> None:
    files = {"_config.yml": "permalink: pretty\nexclude: [notes]\n",
             "about.md": "---\ntitle: About\n---\n", "index.html": "---\n---\n",
             "blog/feed.xml": "---\n---\n", "assets/a b.png": "", "notes/x.md": "---\n---\n",
             "_drafts/idea.md": "---\n---\n", ".hidden/y.md": "---\n---\n"}
    for relative, text in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    site = Site.load(tmp_path)
    assert {e.relative_path: (e.kind, e.url, e.output_path) for e in site.entries} == {
        "about.md": ("page", "/about/", "about/index.html"),
        "index.html": ("page", "/", "index.html"),
        "blog/feed.xml": ("page", "/blog/feed.xml", "blog/feed.xml"),
        "assets/a b.png": ("static", "/assets/a%20b.png", "assets/a b.png"),
    }
    assert [d.relative_path for d in site.drafts] == ["_drafts/idea.md"]


def test_loose_folder_of_posts() -> None:
    root, loose = find_site_root(REPO / "posts")
    assert root == REPO / "posts" and loose
    site = Site.load(root)
    assert site.loose and not site.layouts_known
    seed = site.by_path[str(root / "2023-06-01-deep-learning-model-deployment.md")]
    assert seed.url == "/note-posts/2023/06/01/deep-learning-model-deployment.html"
    assert seed.categories == ["note-posts"] and seed.tags == ["notes"]
    assert seed.body_line == 9
    assert len(site.posts) == 4


def test_site_root_is_the_nearest_config(tmp_path: Path) -> None:
    (tmp_path / "blog" / "_posts").mkdir(parents=True)
    (tmp_path / "blog" / "_config.yml").write_text("", encoding="utf-8")
    post = tmp_path / "blog" / "_posts" / "2024-01-05-x.md"
    post.write_text("---\n---\n", encoding="utf-8")
    assert find_site_root(post) == (tmp_path / "blog", False)

"""`render --layouts -o` writes a site that can be browsed: the files Jekyll writes for a site
with real layouts and includes (the minima demo, built by the reference Jekyll into
`minima-build/_site`), pages identical after normalization, the stylesheet compiled from the
theme's Sass, the static files copied; what notelint does not produce is said once (issue 17).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from notelint.jekyll import themes
from notelint.render.normalize import normalize_page

from .test_conformance import FIDELITY as fidelity

HERE = Path(__file__).parent
SITE = HERE.parent / "shared" / "corpus" / "minima"
BUILT = HERE / "minima-build" / "_site"
# The minima theme's files are not the project's to copy: the installed gem is used, found
# where RubyGems keeps it on this machine (read before the tests hide installed gems).
MINIMA = next((home for home in themes.default_gem_homes()
               if (home / "gems" / "minima-2.5.1" / "_sass").is_dir()), None)
needs_minima = pytest.mark.skipif(
    MINIMA is None, reason="the minima 2.5.1 gem is not installed on this machine (Debian: "
    "apt install jekyll-theme-minima; or gem install minima -v 2.5.1)")
# The reference is the Jekyll gem (4.3), not GitHub Pages: a Gemfile tells notelint so.
GEMFILE = 'source "https://rubygems.org"\ngem "jekyll", "~> 4.3"\ngem "minima", "~> 2.5"\n'


def _render(tmp_path: Path, *extra: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    (site / "Gemfile").write_text(GEMFILE)
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "notelint", "render", "--layouts", "-o",
                          str(out), *extra, str(site)], capture_output=True, text=True,
                         env={**os.environ, "GEM_PATH": str(MINIMA), "TZ": "UTC"},
                         check=False)
    return out, run


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@needs_minima
def test_the_rendered_site_is_the_site_jekyll_builds(tmp_path: Path) -> None:
    out, run = _render(tmp_path)
    assert run.returncode == 0, run.stderr
    # The one file not produced is jekyll-feed's, and it is named, once.
    assert run.stderr == ("notelint: 1 file the build writes is not produced (plugins or a "
                          "theme notelint does not run): feed.xml\n")
    assert _files(out) - {".notelint-render.json"} == _files(BUILT) - {"feed.xml"}
    pages = sorted(p for p in _files(BUILT) if p.endswith(".html"))
    assert len(pages) == 8
    identical = [p for p in pages
                 if normalize_page((BUILT / p).read_text()) == (out / p).read_text()]
    # Two posts have code: Pygments splits it into other <span>s than Rouge; the rest of
    # the page, code text included, is the same.
    assert len(identical) == 6
    for page in pages:
        assert fidelity.compare(BUILT / page, out / page)["identical_code_text"], page
    # The stylesheet is the theme's Sass compiled as sassc compiles it, with its map.
    assert (out / "assets/main.css").read_bytes() == (BUILT / "assets/main.css").read_bytes()
    assert '"file": "main.css"' in (out / "assets/main.css.map").read_text()
    for static in ("assets/minima-social-icons.svg", "LICENSE.txt", "README.md"):
        assert (out / static).read_bytes() == (BUILT / static).read_bytes()


@needs_minima
def test_a_second_run_copies_nothing_again_and_keeps_the_output(tmp_path: Path) -> None:
    out, first = _render(tmp_path)
    icons = out / "assets/minima-social-icons.svg"
    before = icons.stat().st_ino
    second = subprocess.run([sys.executable, "-m", "notelint", "render", "--layouts", "-o",
                             str(out), str(tmp_path / "site")], capture_output=True,
                            text=True, env={**os.environ, "GEM_PATH": str(MINIMA)},
                            check=False)
    assert (first.returncode, second.returncode) == (0, 0), second.stderr
    assert icons.stat().st_ino == before  # unchanged: not copied again


@needs_minima
def test_the_site_is_written_below_its_baseurl(tmp_path: Path) -> None:
    """With `baseurl: /blog` the pages link `/blog/assets/main.css`: serving the folder, that
    resolves to the file written."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    (site / "Gemfile").write_text(GEMFILE)
    config = site / "_config.yml"
    config.write_text(config.read_text() + "baseurl: /blog\n")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "notelint", "render", "--layouts", "-o",
                          str(out), str(site)], capture_output=True, text=True,
                         env={**os.environ, "GEM_PATH": str(MINIMA)}, check=False)
    assert run.returncode == 0, run.stderr
    assert 'href="/blog/assets/main.css"' in (out / "blog/index.html").read_text()
    assert (out / "blog/assets/main.css").is_file()
    assert not (out / "index.html").exists()


ASSETS = HERE.parent / "sites" / "assets"


def _render_assets(site: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "notelint", "render", "--layouts", "-o",
                           str(out), str(site)], capture_output=True, text=True, check=False)


def test_a_site_of_its_own_gets_its_stylesheet_images_and_text_pages(tmp_path: Path) -> None:
    """What the reference Jekyll wrote for tests/sites/assets: the Sass page compiled (after
    its Liquid) with its partial from `_sass` and a map, the image copied, `robots.txt` run
    through Liquid, and the include's last newline kept after `-%}`."""
    out = tmp_path / "out"
    run = _render_assets(ASSETS, out)
    assert (run.returncode, run.stderr) == (0, "")
    assert _files(out) == {".notelint-render.json", "2024/03/01/hello.html", "css/site.css",
                           "css/site.css.map", "images/dot.png", "robots.txt"}
    assert (out / "css/site.css").read_text() == (
        "body { color: #222; }\n\nbody a { color: #c33; }\n\n"
        "/*# sourceMappingURL=site.css.map */")
    assert (out / "robots.txt").read_text() == "User-agent: *\nSitemap: assets/sitemap.xml\n"
    assert (out / "images/dot.png").read_bytes() == (ASSETS / "images/dot.png").read_bytes()
    assert '<link href="/css/site.css" rel="stylesheet" />\n</head>\n<body>' in \
        (out / "2024/03/01/hello.html").read_text()


def test_a_stylesheet_sass_cannot_compile_is_one_line_and_exit_1(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ASSETS, site)
    (site / "css/site.scss").write_text("---\n---\nbody { color: $nowhere; }\n")
    run = _render_assets(site, tmp_path / "out")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        f"{site / 'css/site.scss'}: not written: Sass: Undefined variable: \"$nowhere\". "
        "(line 1:15 of the stylesheet after Liquid)"]
    assert (tmp_path / "out/images/dot.png").is_file()  # the rest is still written


def test_sass_reads_nothing_outside_the_site(tmp_path: Path) -> None:
    secret = tmp_path / "_secret.scss"
    secret.write_text(".secret { content: 'outside'; }\n")
    site = tmp_path / "site"
    shutil.copytree(ASSETS, site)
    (site / "css/site.scss").write_text('---\n---\n@import "../../secret";\n')
    (site / "_sass/link.scss").symlink_to(secret)
    (site / "css/other.scss").write_text('---\n---\n@import "link";\n')
    out = tmp_path / "out"
    run = _render_assets(site, out)
    assert run.returncode == 1
    assert sorted(run.stderr.splitlines()) == [
        f'{site / "css/other.scss"}: not written: Sass: cannot import "link": no such file '
        "beside the stylesheet, in _sass or in the theme's _sass",
        f'{site / "css/site.scss"}: not written: Sass: cannot import "../../secret": no such '
        "file beside the stylesheet, in _sass or in the theme's _sass"]
    assert not any("outside" in p.read_text(errors="replace")
                   for p in out.rglob("*") if p.is_file())


def test_a_standalone_page_opens_the_posts_images_from_a_file(tmp_path: Path) -> None:
    """Printed alone, the image links to the site's own file; in `-o DIR`, to its copy there,
    relative to the page (issue 17: opened from a file, images were broken)."""
    post = ASSETS / "_posts/2024-03-01-hello.md"
    alone = subprocess.run([sys.executable, "-m", "notelint", "render", str(post)],
                           capture_output=True, text=True, check=True).stdout
    assert f'<img alt="dot" src="{(ASSETS / "images/dot.png").as_uri()}" />' in alone
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "notelint", "render", "-o", str(out), str(ASSETS)],
                   capture_output=True, text=True, check=True)
    page = out / "2024/03/01/hello.html"
    assert '<img alt="dot" src="../../../images/dot.png" />' in page.read_text()
    assert (page.parent / "../../../images/dot.png").resolve().read_bytes() == \
        (ASSETS / "images/dot.png").read_bytes()
    assert "mathjax" not in alone.lower()  # the post has no math, the site loads no script


@pytest.mark.parametrize(("script", "expected"), [
    ('<script src="https://cdn.example/mathjax/tex-chtml.js"></script>', "npm/mathjax@3"),
    ('<link rel="stylesheet" href="/assets/katex/katex.min.css">', "npm/katex@0.16"),
])
def test_a_standalone_page_typesets_math_with_the_sites_engine(
        tmp_path: Path, script: str, expected: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(ASSETS, site)
    (site / "_includes/math.html").write_text(script + "\n")
    post = site / "_posts/2024-03-02-math.md"
    post.write_text("---\ntitle: Math\n---\nEnergy: $$E = mc^2$$.\n")
    page = subprocess.run([sys.executable, "-m", "notelint", "render", str(post)],
                          capture_output=True, text=True, check=True).stdout
    assert r"\(E = mc^2\)" in page
    assert page.count(expected) >= 1
    (site / "_includes/math.html").unlink()
    page = subprocess.run([sys.executable, "-m", "notelint", "render", str(post)],
                          capture_output=True, text=True, check=True).stdout
    assert expected not in page  # the site's layouts load no math script: neither does this

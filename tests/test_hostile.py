"""A post in a pull request is untrusted: nothing written outside the output folder, nothing
read outside the site, no hang. Each test is one of the hostile cases of issue 13 in the
project's own words (the D numbers are those of shared/reliability/reproducers.sh)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from notelint import CheckOptions, check_paths

from .conftest import GEMFILE
from .hostile_server import hostile

SECRET = "secret-notelint-canary"


def _site(root: Path, config: str = "title: t\n", *, gem: bool = True) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_layouts").mkdir()
    (root / "_config.yml").write_text(config, encoding="utf-8")
    (root / "_layouts" / "post.html").write_text("<html>{{ content }}</html>\n")
    if gem:
        (root / "Gemfile").write_text(GEMFILE, encoding="utf-8")
    return root


def _post(site: Path, name: str, text: str) -> Path:
    path = site / "_posts" / name
    path.write_text(text, encoding="utf-8")
    return path


def _notelint(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "notelint", *args], cwd=cwd, timeout=timeout,
                          capture_output=True, text=True,
                          env={**os.environ, "TZ": "UTC", "NL_CANARY": SECRET})


def _codes(path: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for d in check_paths([path], CheckOptions(offline=True)).diagnostics:
        found.setdefault(Path(d.path).name, set()).add(d.code)
    return found


def _all_files(folder: Path) -> set[Path]:
    """Files under `folder`, but for the list of what `render -o` wrote there."""
    return {p for p in folder.rglob("*") if p.is_file() and p.name != ".notelint-render.json"}


@pytest.mark.parametrize("permalink", [
    "/%2e%2e/%2e%2e/pwned.cfg",
    "/%2E%2E/%2e%2E/%2e%2e/pwned.html",
    "/..%2f..%2f..%2fpwned.html",
])
def test_d01_percent_encoded_dots_stay_in_the_output_folder(tmp_path: Path,
                                                            permalink: str) -> None:
    site = _site(tmp_path / "site")
    _post(site, "2024-01-01-x.md", f"---\npermalink: {permalink}\n---\nattacker\n")
    victim = tmp_path / "pwned.cfg"
    victim.write_text("ORIGINAL")
    before = _all_files(tmp_path)
    run = _notelint("render", ".", "-o", "OUT/a", "--fragment", cwd=site)
    assert run.returncode == 0, run.stderr
    assert victim.read_text() == "ORIGINAL"
    written = _all_files(tmp_path) - before
    # Jekyll's sanitized_path: the `..` cannot climb above the output folder.
    assert len(written) == 1
    assert next(iter(written)).parent == site / "OUT" / "a"


def test_permalink_in_config_defaults_and_title_placeholder(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", "permalink: /%2e%2e/%2e%2e/:title.html\n"
                 "defaults:\n  - scope: {path: ''}\n    values: {layout: post}\n")
    _post(site, "2024-01-01-%2e%2e.md", "---\ntitle: t\n---\nx\n")
    before = _all_files(tmp_path)
    run = _notelint("render", ".", "-o", "OUT", cwd=site)
    assert run.returncode == 0, run.stderr
    assert all(p.is_relative_to(site / "OUT") for p in _all_files(tmp_path) - before)


def test_output_through_a_planted_symlink_is_refused(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    _post(site, "2024-01-01-x.md", "---\npermalink: /escape/x.html\n---\nx\n")
    _post(site, "2024-01-02-y.md", "---\npermalink: /fine.html\n---\ny\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (site / "OUT").mkdir()
    (site / "OUT" / "escape").symlink_to(outside, target_is_directory=True)
    run = _notelint("render", ".", "-o", "OUT", "--fragment", cwd=site)
    assert run.returncode == 1
    assert "2024-01-01-x.md: not written: escape/x.html would be written through a " \
        "symbolic link" in run.stderr
    assert "Traceback" not in run.stderr
    assert list(outside.iterdir()) == []
    assert (site / "OUT" / "fine.html").is_file()  # the run goes on


def test_d02_includes_cannot_name_files_outside_the_site(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    post = _post(site, "2024-01-01-a.md",
                 "---\ntitle: t\nlayout: post\n---\nA {% include /etc/passwd %}\n"
                 "B {% include_relative /proc/self/environ %}\nC {% include //etc/hostname %}\n"
                 "{% assign f = '/etc/passwd' %}D {% include {{ f }} %}\n")
    run = _notelint("render", str(post), "--fragment", cwd=site)
    assert "root:x:0:0" not in run.stdout and SECRET not in run.stdout
    # Jekyll looks for `_includes/etc/passwd` and stops the build: so does the check.
    found = check_paths([post], CheckOptions(offline=True)).diagnostics
    assert [(d.code, d.start.line if d.start else 0) for d in found] == [
        ("NL602", 5), ("NL602", 6), ("NL602", 7), ("NL602", 8)]


def test_includes_dir_outside_the_site_is_inside_it(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", "title: t\nincludes_dir: /etc\n")
    post = _post(site, "2024-01-01-a.md", "---\ntitle: t\n---\n{% include passwd %}\n")
    run = _notelint("render", str(post), "--fragment", cwd=site)
    assert "root:x:0:0" not in run.stdout
    (site / "etc").mkdir()
    (site / "etc" / "passwd").write_text("the site's own etc/passwd\n")
    run = _notelint("render", str(post), "--fragment", cwd=site)
    assert run.stdout == "<p>the site’s own etc/passwd</p>\n\n"


def test_d26_symlinks_out_of_the_site_are_refused(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    secret = tmp_path / "secret.txt"
    secret.write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n")
    (site / "_posts" / "2024-01-01-linked.md").symlink_to(secret)
    (site / "_includes").mkdir()
    (site / "_includes" / "p.html").symlink_to(secret)
    (site / "_layouts" / "evil.html").symlink_to(secret)
    (site / "_data").mkdir()
    (site / "_data" / "d.yml").symlink_to(secret)
    _post(site, "2024-01-02-a.md", "---\ntitle: t\nlayout: evil\n---\n{% include p.html %}"
          "{{ site.data.d }}\n")
    run = _notelint("render", ".", "-o", "OUT", "--layouts", cwd=site)
    assert "Traceback" not in run.stderr
    assert not any(SECRET in p.read_text() for p in _all_files(site / "OUT"))
    found = _codes(site)
    assert "NL109" in found["2024-01-01-linked.md"]
    assert "NL602" in found["2024-01-02-a.md"]
    message = next(d.message for d in check_paths([site], CheckOptions(offline=True)).diagnostics
                   if d.code == "NL109")
    assert "symbolic link to a file outside the site" in message


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_d19_a_post_linked_to_a_device_is_not_read(tmp_path: Path, device: str) -> None:
    site = _site(tmp_path / "site")
    (site / "_posts" / "2024-01-01-z.md").symlink_to(device)
    run = _notelint("check", ".", "--format", "json", cwd=site, timeout=60)
    assert run.returncode == 1, run.stderr
    codes = {d["code"] for d in json.loads(run.stdout)["diagnostics"]}
    assert codes == {"NL109"}


def test_a_fifo_in_the_site_does_not_hang(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    os.mkfifo(site / "_posts" / "2024-01-01-fifo.md")
    os.mkfifo(site / "page.md")
    os.mkfifo(site / "_layouts" / "default.html")
    _post(site, "2024-01-02-a.md", "---\ntitle: t\nlayout: post\n---\nx\n")
    # Neither a file nor a folder: listed by nobody, opened by nobody.
    run = _notelint("check", ".", "--format", "json", cwd=site, timeout=60)
    assert (run.returncode, json.loads(run.stdout)["diagnostics"]) == (0, [])
    run = _notelint("render", ".", "-o", "OUT", "--layouts", cwd=site, timeout=60)
    assert run.returncode == 0
    assert [p.name for p in _all_files(site / "OUT")] == ["a.html"]


def test_d03_d14_unwritable_urls_are_findings_and_the_render_goes_on(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    _post(site, "2024-01-01-a.md", "---\ntitle: t\nlayout: post\npermalink: /a%00b.html\n---\nx\n")
    _post(site, "2024-01-02-b.md",
          f"---\ntitle: t\nlayout: post\npermalink: /{'a' * 300}.html\n---\nx\n")
    _post(site, "2024-01-03-c.md", "---\ntitle: t\nlayout: post\n---\nx\n")
    run = _notelint("render", ".", "-o", "OUT", cwd=site)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        "_posts/2024-01-01-a.md: not written: its URL holds a NUL byte, which no file name can",
        "_posts/2024-01-02-b.md: not written: its URL has a part of 305 bytes, and a file "
        "name can have at most 255"]
    assert (site / "OUT" / "2024" / "01" / "03" / "c.html").is_file()
    assert _codes(site) == {"2024-01-01-a.md": {"NL309"}, "2024-01-02-b.md": {"NL309"}}


def test_d16_a_legal_long_post_name_renders_and_fixes(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    name = f"2024-01-01-{'l' * 240}.md"  # 254 bytes: legal, but not with a suffix added
    _post(site, name, "---\ntitle: t\nlayout: post.html\n---\nx\n")
    assert _notelint("render", ".", "-o", "OUT", cwd=site).returncode == 0
    run = _notelint("check", "--fix", ".", cwd=site)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "layout: post\n" in (site / "_posts" / name).read_text()
    assert [p.name for p in (site / "_posts").iterdir()] == [name]


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif", "junit"])
def test_d21_d22_file_names_cannot_forge_report_lines(tmp_path: Path, fmt: str) -> None:
    site = _site(tmp_path / "site")
    post = "---\ntitle: t\nlayout: post.html\n---\nx\n"
    _post(site, "2024-01-01-x\n::error file=INJECTED,line=1::INJECTED.md", post)
    (site / "_posts" / os.fsdecode(b"2024-01-02-bad-\xff\x1b[31m.md")).write_text(post)
    run = subprocess.run([sys.executable, "-m", "notelint", "check", "--format", fmt, "."],
                         cwd=site, capture_output=True, timeout=60,
                         env={**os.environ, "TZ": "UTC"})
    assert run.returncode == 1, run.stderr
    assert b"Traceback" not in run.stderr
    out = run.stdout.decode("utf-8")  # always valid UTF-8
    assert not any(line.startswith("::error file=INJECTED") for line in out.splitlines())
    assert "\x1b" not in out
    escaped = {"text": ("\\n::error file=INJECTED", "\\xff\\x1b"),
               "junit": ("\\n::error file=INJECTED", "\\xff\\x1b"),
               "github": ("%0A%3A%3Aerror file=INJECTED", "\\xff\\x1b"),
               "json": ("\\n::error file=INJECTED", "\\\\xff\\u001b"),
               "sarif": ("%0A%3A%3Aerror%20file%3DINJECTED", "%FF%1B")}[fmt]
    assert all(form in out for form in escaped), out
    if fmt == "sarif":
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(out)["runs"][0]["results"]}
        assert "_posts/2024-01-02-bad-%FF%1B%5B31m.md" in uris


LIQUID_BOMBS = {
    "loop": "{% for i in (1..100000000) %}x{% endfor %}",
    "nested": "{% for i in (1..10000) %}{% for j in (1..10000) %}x{% endfor %}{% endfor %}",
    "double": '{% assign s = "xx" %}{% for i in (1..100) %}{% assign s = s | append: s %}'
              "{% endfor %}{{ s | size }}",
    "capture": "{% capture s %}xx{% endcapture %}{% for i in (1..100) %}{% capture s %}{{ s }}"
               "{{ s }}{% endcapture %}{% endfor %}{{ s | size }}",
    "self-include": "{% include self.html %}",
    "tablerow": "{% tablerow i in (1..100000000) %}x{% endtablerow %}",
    "nesting": "{% if true %}" * 150 + "x" + "{% endif %}" * 150,
    "jsonify": "{{ page | jsonify }}\n\nSecond paragraph",
}


def test_liquid_that_would_not_end_is_one_finding_per_post(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    (site / "_includes").mkdir()
    (site / "_includes" / "self.html").write_text("{% include self.html %}{% include self.html %}")
    for day, (name, body) in enumerate(LIQUID_BOMBS.items(), start=1):
        _post(site, f"2024-01-{day:02d}-{name}.md", f"---\ntitle: t\nlayout: post\n---\n{body}\n")
    run = _notelint("check", ".", "--format", "json", cwd=site, timeout=120)
    assert run.returncode == 1, run.stderr
    found = [(Path(d["path"]).stem[11:], d["code"], d["message"].split(":")[0].split(" (")[0])
             for d in json.loads(run.stdout)["diagnostics"]]
    assert found == [
        ("loop", "NL606", "loop iteration limit reached"),
        ("nested", "NL606", "loop iteration limit reached"),
        ("double", "NL606", "local namespace limit reached"),
        ("capture", "NL606", "output stream limit reached"),  # a capture is output too
        ("self-include", "NL606", "Nesting too deep"),
        ("tablerow", "NL606", "loop iteration limit reached"),
        ("nesting", "NL606", "Nesting too deep"),  # Liquid 4's limit: 99 levels build
        ("jsonify", "NL606", "stack level too deep"),  # Jekyll: SystemStackError
    ]
    run = _notelint("render", ".", "-o", "OUT", cwd=site, timeout=120)
    assert run.returncode == 1 and "Traceback" not in run.stderr


def test_deep_or_strange_posts_are_findings_never_tracebacks(tmp_path: Path) -> None:
    """D05 D07 D08 D23 D28 D30 and their kind: each ends as a finding or as nothing."""
    site = _site(tmp_path / "site", "title: t\ntimezone: UTC\n")
    (site / "_layouts" / "latin1.html").write_bytes(b"<html>caf\xe9 {{ content }}</html>\n")
    head = "---\ntitle: t\nlayout: post\n"
    posts = {
        "spans": head + "---\n" + "<span>" * 1000 + "x\n",
        "divs": head + "---\n" + "<div>" * 10000 + "x\n",
        "brackets": head + "---\n" + "[" * 5000 + "x" + "]" * 5000 + "\n",
        "offset": head + "date: 2024-02-04 10:00:00 +25:00\n---\nx\n",  # Ruby: local
        "offset2": head + "date: 2024\\01-26 16:03:00\n---\nx\n",
        "nan": head + "z: .nan\n---\n{{ page.z | round }}\n",
        "year": head + "---\n{{ 99999999999999 | date: '%Y' }}\n",
        "huge": head + "n: 1e400\nm: " + "9" * 5000 + "\n---\n{{ page.n | times: 2 }}\n",
        "break": head + "---\na {% break %} b\n",
        "latin1-layout": "---\ntitle: t\nlayout: latin1\n---\nhello\n",
    }
    for day, (name, text) in enumerate(posts.items(), start=1):
        _post(site, f"2024-02-{day:02d}-{name}.md", text)
    (site / "_posts" / "2024-03-01-a.md").symlink_to("2024-03-02-b.md")
    (site / "_posts" / "2024-03-02-b.md").symlink_to("2024-03-01-a.md")
    run = _notelint("check", ".", "--format", "json", cwd=site, timeout=120)
    assert run.returncode == 1, run.stderr
    found = {(Path(d["path"]).stem[11:], d["code"]) for d in json.loads(run.stdout)["diagnostics"]}
    assert found == {
        ("offset2", "NL202"),  # Jekyll: Invalid date
        ("nan", "NL606"), ("year", "NL606"),  # Jekyll: Liquid Exception
        ("latin1-layout", "NL310"),  # Jekyll: invalid byte sequence in UTF-8
        ("a", "NL109"), ("b", "NL109"),  # Too many levels of symbolic links
        # Never closed: kramdown closes the spans at the end of the paragraph and the
        # divs at the end of the post.
        ("spans", "NL701"), ("divs", "NL701"),
    }
    run = _notelint("render", ".", "-o", "OUT", "--layouts", cwd=site, timeout=120)
    assert "Traceback" not in run.stderr
    assert (site / "OUT" / "2024" / "02" / "02" / "divs.html").stat().st_size > 10000
    # Jekyll stops on the layout; the preview keeps the post and says why it is bare.
    assert "hello" in (site / "OUT" / "2024" / "02" / "10" / "latin1-layout.html").read_text()
    assert "the layout 'latin1' cannot be read: invalid UTF-8" in run.stderr


QUADRATIC = {  # each took minutes before it was made linear (D09, D20 and their kind)
    "backticks": "`" * 50000,
    "tildes": "~" * 50000,
    "braces": "{{" * 50000,
    "tags": "{% x " * 50000,
    "ials": "{: " * 50000,
    "srcset": '<img srcset="' + ", ".join(f"a{i}.png {i}w" for i in range(20000)) + '">',
    "raw": "{% raw %}" + "{% if %}" * 50000,
    "list": "".join("  " * i + "- x\n" for i in range(3000)),
    "divs": "<div>" * 10000,
}


@pytest.mark.parametrize("name", list(QUADRATIC))
def test_hostile_text_is_read_in_bounded_time(tmp_path: Path, name: str) -> None:
    """Time-boxed, not timed: linear work ends in about a second, quadratic in minutes."""
    site = _site(tmp_path / "site", "title: t\ntimezone: UTC\n")
    _post(site, "2024-01-01-x.md", f"---\ntitle: t\nlayout: post\n---\n{QUADRATIC[name]}\n")
    for command in (["check", ".", "--no-cache"], ["render", ".", "-o", "OUT"]):
        run = _notelint(*command, cwd=site, timeout=90)
        assert run.returncode in (0, 1), run.stderr
        assert "Traceback" not in run.stderr


@pytest.mark.parametrize("value", ["&s [*s]", "&m {a: 1, <<: *m}", "&a {b: [*a, *a]}"])
def test_d06_yaml_that_holds_itself_is_read_once(tmp_path: Path, value: str) -> None:
    """Ruby builds a list that holds itself and Jekyll builds the page (checked with the
    reference Jekyll); notelint neither loops nor calls it an error."""
    site = _site(tmp_path / "site", f"title: t\ntimezone: UTC\nx: {value}\ndefaults:\n"
                 "  - &d {scope: {path: ''}, values: {layout: post, z: *d}}\n")
    post = _post(site, "2024-01-01-a.md", f"---\ntitle: t\nself: {value}\n---\n"
                 "x {{ page.title }} {{ site.x.size }}\n")
    run = _notelint("check", ".", "--format", "json", cwd=site, timeout=60)
    assert (run.returncode, json.loads(run.stdout)["diagnostics"]) == (0, [])
    run = _notelint("render", str(post), "--fragment", cwd=site, timeout=60)
    assert run.stdout.startswith("<p>x t ")


def _external_site(root: Path, base: str, paths: list[str], links: str = "") -> Path:
    site = _site(root, "title: t\ntimezone: UTC\n")
    body = "\n".join(f"- [x]({base}{path})" for path in paths)
    _post(site, "2024-01-01-a.md", f"---\ntitle: t\nlayout: post\n---\n{body}\n")
    (site / ".notelint.toml").write_text(f"[links]\ntimeout = 2\n{links}", encoding="utf-8")
    return site


def _external(site: Path) -> dict[str, str]:
    result = check_paths([site], CheckOptions(select=("NL510", "NL511", "NL512"),
                                              external=True, use_cache=False))
    return {d.message.split()[1].rsplit("/", 2)[-1]: d.message.split(": ", 1)[-1]
            for d in result.diagnostics}


def test_d10_a_request_has_one_deadline_up_to_its_headers(tmp_path: Path) -> None:
    with hostile() as server:
        site = _external_site(tmp_path, server.base, ["/trickle", "/processing"])
        found = _external(site)
    assert found == {"trickle": "no answer within 2 s", "processing": "no answer within 2 s"}


def test_d15_d17_answers_no_browser_would_follow(tmp_path: Path) -> None:
    with hostile() as server:
        site = _external_site(tmp_path, server.base, [
            "/retry/unicode", "/loc/ipv6", "/loc/mailto", "/loc/javascript", "/loc/data",
            "/loc/bad-port"])
        found = _external(site)
    assert found["unicode"] == "HTTP 503: the server asks to come back later"
    # httpx refuses some before notelint sees them; either way, an error on that link alone.
    for name in ("ipv6", "mailto", "javascript", "data", "bad-port"):
        assert found[name].startswith(("redirects to", "Invalid URL in location header",
                                       "not a usable URL or redirect")), found[name]


def test_retry_after_counts_against_the_run(tmp_path: Path) -> None:
    """`Retry-After: 30` is within retry-after-max here, but not within run-timeout: the
    run does not wait for it, and what the time did not allow is said, not cached."""
    with hostile() as server:
        site = _external_site(tmp_path, server.base, ["/retry/30"],
                              "retry-after-max = 60\nrun-timeout = 3\n")
        started = time.monotonic()
        found = _external(site)
        elapsed = time.monotonic() - started
    assert found == {"30": "HTTP 503: the server asks to come back later"}
    assert elapsed < 30  # a time box: it would be 30 s or more had it waited


@pytest.mark.parametrize("cache", [
    '{"version": 1, "results": {"URL": {"kind": ["ok"], "checked": 1e18}}}',
    '{"version": 1, "results": {"URL": {"kind": "ok", "checked": "soon", "status": []}}}',
    '{"version": 1, "results": ' + "[" * 100000 + "]" * 100000 + "}",
    "folder", "fifo",
], ids=["kind-list", "wrong-types", "deep-json", "folder", "fifo"])  # short: ids go to the env
def test_d18_a_hostile_link_cache_is_ignored(tmp_path: Path, cache: str) -> None:
    site = _site(tmp_path / "site")
    _post(site, "2024-01-01-a.md", "---\ntitle: t\nlayout: post\n---\n[x](http://127.0.0.1:9/a)\n")
    folder = site / ".notelint-cache"
    folder.mkdir()
    path = folder / "external-links.json"
    if cache == "folder":
        path.mkdir()
    elif cache == "fifo":
        os.mkfifo(path)
    else:
        path.write_text(cache.replace("URL", "http://127.0.0.1:9/a"))
    run = _notelint("check", "--external", ".", cwd=site, timeout=60)
    assert run.returncode == 1, run.stderr
    assert "NL511 link http://127.0.0.1:9/a could not be checked" in run.stdout
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr


FIXABLE = "---\ntitle: t\nlayout: post.html\n---\nx\n"  # NL303: `layout: post`


def test_d11_fix_writes_through_a_symlink(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    (site / "_shared").mkdir()
    real = site / "_shared" / "real.md"
    real.write_text(FIXABLE)
    link = site / "_posts" / "2024-01-01-a.md"
    link.symlink_to("../_shared/real.md")
    run = _notelint("check", "--fix", ".", cwd=site)
    assert run.returncode == 0, run.stdout + run.stderr
    assert link.is_symlink() and "layout: post\n" in real.read_text()


def test_d12_d13_fix_keeps_owner_mode_and_hard_links(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    post = _post(site, "2024-01-01-a.md", FIXABLE)
    other = site / "hardlink.md"
    os.link(post, other)
    post.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(post, 65534, 65534)
    before = post.stat()
    run = _notelint("check", "--fix", ".", cwd=site)
    assert run.returncode == 0, run.stdout + run.stderr
    after = post.stat()
    assert "layout: post\n" in other.read_text()  # one file under two names, both fixed
    assert (after.st_ino, after.st_nlink, after.st_mode, after.st_uid, after.st_gid) == (
        before.st_ino, 2, before.st_mode, before.st_uid, before.st_gid)


def test_d13_fix_refuses_a_read_only_post(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    post = _post(site, "2024-01-01-a.md", FIXABLE)
    post.chmod(0o444)
    run = _notelint("check", "--fix", ".", cwd=site)
    assert run.returncode == 1
    assert "notelint: _posts/2024-01-01-a.md: read-only; not changed" in run.stderr
    assert "NL303" in run.stdout and post.read_text() == FIXABLE


def test_fix_cleans_what_a_killed_run_left_and_renames_in_one_step(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    post = _post(site, "2024-01-01-a.md", FIXABLE)
    stale = site / "_posts" / ".2024-01-01-a.md.k1ll3d.notelint"
    fresh = site / "_posts" / ".2024-01-01-a.md.w0rk1n.notelint"
    for leftover in (stale, fresh):
        leftover.write_text("half a post")
    os.utime(stale, (1, 1))
    run = _notelint("check", "--fix", ".", cwd=site)
    assert run.returncode == 0, run.stdout + run.stderr
    # A recent one may belong to a run still going; an old one is removed.
    assert sorted(p.name for p in (site / "_posts").iterdir()) == [fresh.name, post.name]


def test_d25_d27_folders_notelint_may_not_read(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads any folder, so the refusal is made where notelint lists and reads them."""
    site = _site(tmp_path / "site")
    (site / "_includes").mkdir()
    (site / "_includes" / "a.html").write_text("inc")
    _post(site, "2024-01-01-a.md", "---\ntitle: t\nlayout: post\n---\n{% include a.html %}\n")
    real_scandir, real_is_file = os.scandir, Path.is_file

    def no_includes(path: Path) -> bool:
        if "_includes" in path.parts:
            raise PermissionError(13, "Permission denied", str(path))
        return real_is_file(path)

    monkeypatch.setattr(Path, "is_file", no_includes)
    found = check_paths([site], CheckOptions(offline=True)).diagnostics
    assert [d.code for d in found] == ["NL602"]  # Jekyll cannot read it either
    monkeypatch.undo()

    def no_posts(path: object) -> object:
        if str(path).endswith("_posts"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", no_posts)
    with pytest.raises(PermissionError, match=r"cannot read the folder .*_posts: "
                                              r"Permission denied"):
        check_paths([site], CheckOptions(offline=True, use_cache=False))


def test_render_overwrites_only_what_notelint_wrote(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    _post(site, "2024-01-01-a.md", "---\ntitle: t\nlayout: post\npermalink: /notes.html\n---\nx\n")
    _post(site, "2024-01-02-b.md", "---\ntitle: t\nlayout: post\n---\nfirst\n")
    (site / "notes.html").write_text("the site's own file, not a page Jekyll builds")
    run = _notelint("render", ".", "-o", ".", cwd=site)  # into the site itself
    assert run.returncode == 1
    assert "notes.html already exists and was not written by notelint" in run.stderr
    assert (site / "notes.html").read_text().startswith("the site's own file")
    _post(site, "2024-01-02-b.md", "---\ntitle: t\nlayout: post\n---\nsecond\n")
    _notelint("render", ".", "-o", ".", cwd=site)  # its own output, from the last run
    assert "second" in (site / "2024" / "01" / "02" / "b.html").read_text()


def test_repeated_checks_let_go_of_their_sites(tmp_path: Path) -> None:
    """A long-lived process (the API, the fuzzer) checking again and again must not keep
    every site it read: python-liquid caches 128 environments, load_site freezes the heap."""
    import gc

    from notelint.jekyll.site import Site

    site = _site(tmp_path / "site")
    _post(site, "2024-01-01-a.md", "---\ntitle: t\nlayout: post\n---\n{% if x %}y{% endif %}\n")
    for _ in range(5):
        check_paths([site], CheckOptions(offline=True, use_cache=False))
    gc.collect()
    assert [o for o in gc.get_objects() if isinstance(o, Site) and o.root == site] == []


def test_a_planted_site_index_is_discarded_not_run(tmp_path: Path) -> None:
    """The site index is a pickle in the user's cache folder: one put there by anyone
    else (or a FIFO) is discarded, and nothing in it runs."""
    import pickle

    site = _site(tmp_path / "site")
    _post(site, "2024-01-01-a.md", "---\ntitle: t\nlayout: post.html\n---\nx\n")
    cache = tmp_path / "cache"
    env = {**os.environ, "TZ": "UTC", "NOTELINT_CACHE_DIR": str(cache)}
    first = subprocess.run([sys.executable, "-m", "notelint", "check", "."], cwd=site,
                           env=env, capture_output=True, text=True, timeout=60)
    indexes = sorted(cache.rglob("*.pickle"))
    assert indexes, "the first run writes an index"
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    indexes[0].write_bytes(pickle.dumps(Payload()))
    os.unlink(indexes[-1])
    os.mkfifo(indexes[-1])
    again = subprocess.run([sys.executable, "-m", "notelint", "check", "."], cwd=site,
                           env=env, capture_output=True, text=True, timeout=60)
    assert not marker.exists()
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)

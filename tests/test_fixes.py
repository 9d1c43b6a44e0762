"""Fixes: every fixable rule's folder fixed once matches its `_fixed/`, and again changes
nothing; fixes keep BOM, line endings and every byte outside their edits."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from notelint.engine import CheckOptions, check_paths
from notelint.fix import applicable, fix_paths, plan_fixes
from notelint.rules import RULES, Rule

from .linkserver import ToServer, fix_with_server, serving

RULES_DIR = Path(__file__).parent / "rules"
FIXABLE = [r for r in RULES if "## Fix" in r.doc]


def _folder(rule: Rule) -> Path:
    return RULES_DIR / f"{rule.code}-{rule.name}"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _copy_site(rule: Rule, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(_folder(rule), site, ignore=shutil.ignore_patterns("_fixed", "expected.txt"))
    return site


def test_fixable_rules_are_the_documented_ones() -> None:
    with_folder = {r.code for r in RULES if (_folder(r) / "_fixed").is_dir()}
    assert with_folder == {r.code for r in FIXABLE}
    assert {"NL107", "NL206", "NL303", "NL402", "NL509", "NL512"} <= with_folder


@pytest.mark.parametrize("rule", FIXABLE, ids=[r.code for r in FIXABLE])
def test_fix_matches_fixed_folder_and_is_idempotent(rule: Rule, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    update_goldens: bool) -> None:
    monkeypatch.setenv("TZ", "UTC")
    site = _copy_site(rule, tmp_path)
    monkeypatch.chdir(site)
    result, report = fix_with_server(rule, Path("."))
    assert report.fixed and {d.code for d in report.fixed} == {rule.code}
    assert not [d for d in result.diagnostics if applicable(d, unsafe=True)]
    fixed = _folder(rule) / "_fixed" / "_posts"
    if update_goldens:
        shutil.rmtree(fixed, ignore_errors=True)
        shutil.copytree(site / "_posts", fixed)
    assert _tree(site / "_posts") == _tree(fixed)
    before = _tree(site)
    _, again = fix_with_server(rule, Path("."))
    assert again.fixed == [] and again.passes == 0
    assert _tree(site) == before


@pytest.mark.parametrize("rule", [r for r in FIXABLE
                                  if "Unsafe" in r.doc.split("## Fix")[1].split(":")[0]],
                         ids=lambda r: r.code)
def test_unsafe_fixes_wait_for_the_flag(rule: Rule, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    site = _copy_site(rule, tmp_path)
    monkeypatch.chdir(site)
    before = _tree(site)
    result, report = fix_with_server(rule, Path("."), unsafe=False)
    assert report.fixed == [] and _tree(site) == before
    assert [d for d in result.diagnostics if applicable(d, unsafe=True)]


# -- property: a fix changes the bytes of its edits and nothing else ------------------------

_WORDS = st.text(alphabet="abcdefghij éü中🙂-", min_size=1, max_size=8).map(str.strip).filter(bool)
_LINES = st.one_of(
    _WORDS.map(lambda w: f"Plain {w} text."),
    st.tuples(_WORDS, st.sampled_from(["", " ", "  "]), st.sampled_from(["", " "])).map(
        lambda t: f"Read{t[1] and ' '}[{t[1]}{t[0]}{t[2]}](https://example.org/{len(t[0])})"
                  f"{t[2] and 'x'} now."),
    _WORDS.map(lambda w: f'<a href="https://example.org/h">NEWLINE {w} </a>(more)'),
    st.just("<!-- a comment -->"),
)
_FRONT = st.lists(st.sampled_from(["layout: post.html", "tittle: Hello", "tags: a, b, c d",
                                   "categories: 'x, y'", "title: T"]),
                  min_size=1, max_size=5, unique=True)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=_FRONT, lines=st.lists(_LINES, max_size=8), newline=st.sampled_from(["\n", "\r\n"]),
       bom=st.booleans())
def test_fixes_change_nothing_outside_their_edits(front: list[str], lines: list[str],
                                                   newline: str, bom: bool,
                                                   tmp_path_factory: pytest.TempPathFactory
                                                   ) -> None:
    site = tmp_path_factory.mktemp("site")
    (site / "_config.yml").write_text("")
    (site / "_layouts").mkdir()
    (site / "_layouts" / "post.html").write_text("{{ content }}")
    (site / "_posts").mkdir()
    text = newline.join(["---", *front, "---", *lines, ""]).replace("NEWLINE", newline)
    data = ("\ufeff" if bom else "").encode() + text.encode()
    post = site / "_posts" / "2024-01-05-post.md"
    post.write_bytes(data)
    result = check_paths([site], CheckOptions(select=("NL107", "NL303", "NL402", "NL509")))
    plans = plan_fixes(result.diagnostics, unsafe=True)
    event(f"{len(plans)} file fixed")
    if not plans:
        return
    (plan,) = plans
    edits = sorted(e for d in plan.fixed for e in d.fix.edits)  # type: ignore[union-attr]
    # Rebuild the expected bytes from the original bytes, independently of apply_edits.
    offset = len("\ufeff".encode()) if bom else 0

    def byte(at: int) -> int:
        return offset + len(text[:at].encode())

    expected, last = bytearray(data[:offset]), offset
    for edit in edits:
        expected += data[last:byte(edit.start)]
        expected += edit.replacement.replace("\n", newline).encode()
        last = byte(edit.end)
    expected += data[last:]
    assert plan.after == bytes(expected)
    assert plan.after.startswith(b"\xef\xbb\xbf") == bom
    assert plan.after.count(b"\r\n") == plan.after.count(b"\n") or newline == "\n"


def test_readme_lists_every_fix_with_its_safety() -> None:
    readme = (RULES_DIR.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Fixing problems")[1].split("\n## ")[0]
    rows = {line.split(" | ")[0].strip("| ").split()[0]: line for line in section.splitlines()
            if line.startswith("| NL")}
    assert set(rows) == {r.code for r in FIXABLE}
    for rule in FIXABLE:
        safe = "Safe" in rule.doc.split("## Fix")[1].split(":")[0]
        assert rows[rule.code].endswith("| yes |") == safe, rule.code


class _NoNetwork(httpx.AsyncBaseTransport):
    """Any request is a failure: what `--fix` learns here must come from the cache."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no network in this test", request=request)


def test_redirect_fix_comes_from_the_link_cache(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    rule = next(r for r in RULES if r.code == "NL512")
    site = _copy_site(rule, tmp_path)
    monkeypatch.chdir(site)
    with serving() as server:
        checked = check_paths(["."], CheckOptions(select=("NL512",), external=True,
                                                  transport=ToServer(server)))
    assert [d.code for d in checked.diagnostics] == ["NL512", "NL512"]
    assert (site / ".notelint-cache" / "external-links.json").exists()
    result, report = fix_paths(["."], CheckOptions(select=("NL512",), external=True,
                                                   transport=_NoNetwork()), unsafe=True)
    assert len(report.fixed) == 2 and result.diagnostics == []
    assert _tree(site / "_posts") == _tree(_folder(rule) / "_fixed" / "_posts")


def test_a_sample_that_may_mean_a_value_waits_for_unsafe_fixes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NL802: a sample that shows Liquid as text is wrapped in `raw` by `--fix`; one whose
    variable the page never sets (`{{ key_file }}` in a shell command) may have meant a
    value, so it is wrapped only with `--unsafe-fixes`."""
    rule = next(r for r in RULES if r.code == "NL802")
    site = _copy_site(rule, tmp_path)
    monkeypatch.chdir(site)
    post = site / "_posts" / "2024-01-06-bad-include-parameter.md"
    fix_with_server(rule, Path("."), unsafe=False)
    text = post.read_text(encoding="utf-8")
    assert "{% raw %}<img src=" in text and "{% raw %}wget" not in text
    fix_with_server(rule, Path("."), unsafe=True)
    assert "{% raw %}wget" in post.read_text(encoding="utf-8")

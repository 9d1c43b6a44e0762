"""A fixed-seed slice of the fuzz harness (tests/fuzz/fuzz.py), and the inputs it once
found failing, kept as regression cases. The long run is a command in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import fuzz

# (seed, input) of inputs the long runs found failing; regenerated from the corpora, not
# stored: 2/1299 rendered `{{ page | jsonify }}` 1,450 times (54 MB of Markdown), 3/19775
# used a reference whose URL Liquid had made 7.9 MB (2.6 GB of HTML).
FOUND = [(2, 1299), (3, 19775)]


def test_a_fixed_slice_of_mutated_posts_neither_crashes_nor_hangs(tmp_path: Path) -> None:
    failures = fuzz.fuzz(300, seed=20261130, jobs=1, limit=60.0, out=str(tmp_path / "out"))
    assert failures == []
    assert not (tmp_path / "out").exists()


def test_the_mutations_are_the_same_for_a_seed() -> None:
    corpus = fuzz.seeds()
    assert len(corpus) > 400
    first = [fuzz.make_input(corpus, 7, i) for i in range(20)]
    assert first == [fuzz.make_input(corpus, 7, i) for i in range(20)]
    assert len(set(first)) == 20


def test_the_harness_reports_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It must be able to fail: a renderer that raises is a crash, saved with its input."""
    from notelint.render import Renderer

    def broken(self: Renderer, post: object) -> object:
        raise RuntimeError("planted")

    monkeypatch.setattr(Renderer, "render", broken)
    failures = fuzz.fuzz(5, seed=1, jobs=1, limit=60.0, out=str(tmp_path / "out"))
    assert failures and {f.kind for f in failures} == {"crash"}  # posts that render
    saved = tmp_path / "out" / f"{failures[0].index:07d}"
    assert "RuntimeError: planted" in saved.with_suffix(".txt").read_text()
    assert saved.with_suffix(".md").read_bytes() == fuzz.make_input(fuzz.seeds(), 1,
                                                                    failures[0].index)


@pytest.mark.parametrize(("seed", "index"), FOUND)
def test_inputs_the_fuzzer_found(seed: int, index: int, tmp_path: Path) -> None:
    site = fuzz._site(tmp_path / "site")
    assert fuzz.run_one(site, fuzz.make_input(fuzz.seeds(), seed, index), 60.0) is None

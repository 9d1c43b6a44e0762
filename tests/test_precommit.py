"""notelint as a pre-commit hook: the real `pre-commit` (from the package registry) runs this
repository's `.pre-commit-hooks.yaml` through `pre-commit try-repo` from a blog's git hook;
a broken post is refused with notelint's message, the fixed post is accepted.

pre-commit builds the hook's environment by installing this repository with pip, so the test
needs the package registry, as the README's test command does.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPO


def _git(blog: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=blog, env=env, capture_output=True, text=True,
                          check=False)


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "notelint" and hook["entry"] == "notelint check"
    assert hook["language"] == "python" and hook["require_serial"] is True


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_commit_refused_then_accepted(tmp_path: Path) -> None:
    if not (REPO / ".git").exists():
        pytest.fail(f"{REPO} is not a git checkout: pre-commit try-repo needs one")
    blog = tmp_path / "blog"
    (blog / "_posts").mkdir(parents=True)
    (blog / "_layouts").mkdir()
    (blog / "_config.yml").write_text("title: A blog\n")
    (blog / "_layouts" / "post.html").write_text("{{ content }}\n")
    (blog / "_posts" / "2024-01-05-hello.md").write_text(
        "---\nlayout: post\ntitle: Hello\n---\nHello.\n")
    home = tmp_path / "pre-commit-home"
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NOTELINT_CACHE_DIR": str(tmp_path / "c"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    assert _git(blog, env, "init", "-q").returncode == 0
    _git(blog, env, "add", "-A")
    assert _git(blog, env, "commit", "-qm", "A blog").returncode == 0
    # The blog's git hook runs this repository's hook through the real pre-commit.
    hook = blog / ".git" / "hooks" / "pre-commit"
    pre_commit = Path(sys.executable).with_name("pre-commit")
    hook.write_text(f"#!/bin/sh\nexec '{pre_commit}' try-repo '{REPO}' notelint\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)

    broken = blog / "_posts" / "2024-01-06-broken.md"
    broken.write_text("---\nlayout: post.html\ntitle: Broken\n---\nSee [hello](/nope/).\n")
    _git(blog, env, "add", "-A")
    refused = _git(blog, env, "commit", "-m", "A broken post")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "_posts/2024-01-06-broken.md:2:1: NL303" in output, output
    assert "Failed" in output
    assert _git(blog, env, "log", "--oneline").stdout.count("\n") == 1

    broken.write_text("---\nlayout: post\ntitle: Fixed\n---\n"
                      "See [hello](/2024/01/05/hello.html).\n")
    _git(blog, env, "add", "-A")
    accepted = _git(blog, env, "commit", "-m", "A fixed post")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr
    assert _git(blog, env, "log", "--oneline").stdout.count("\n") == 2

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


def _blog_with_hook(tmp_path: Path, files: dict[str, str]) -> tuple[Path, dict[str, str]]:
    """A blog repository holding `files`, committed, whose git hook runs this repository's
    hook through the real pre-commit."""
    blog = tmp_path / "blog"
    for name, text in files.items():
        (blog / name).parent.mkdir(parents=True, exist_ok=True)
        (blog / name).write_text(text)
    home = tmp_path / "pre-commit-home"
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NOTELINT_CACHE_DIR": str(tmp_path / "c"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    assert _git(blog, env, "init", "-q").returncode == 0
    _git(blog, env, "add", "-A")
    assert _git(blog, env, "commit", "-qm", "A blog").returncode == 0
    hook = blog / ".git" / "hooks" / "pre-commit"
    pre_commit = Path(sys.executable).with_name("pre-commit")
    hook.write_text(f"#!/bin/sh\nexec '{pre_commit}' try-repo '{REPO}' notelint\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    return blog, env


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "notelint" and hook["entry"] == "notelint check --hook"
    assert hook["language"] == "python" and hook["require_serial"] is True
    assert hook["always_run"] is True and "types_or" not in hook


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_commit_refused_then_accepted(tmp_path: Path) -> None:
    if not (REPO / ".git").exists():
        pytest.fail(f"{REPO} is not a git checkout: pre-commit try-repo needs one")
    blog, env = _blog_with_hook(tmp_path, {
        "_config.yml": "title: A blog\n",
        "_layouts/post.html": "{{ content }}\n",
        "_posts/2024-01-05-hello.md": "---\nlayout: post\ntitle: Hello\n---\nHello.\n"})

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


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_renaming_or_deleting_a_linked_post_fails_the_commit(tmp_path: Path) -> None:
    """The posts that link to a renamed or deleted post are not staged, and are checked: the
    commit fails with their findings. A `.mkd` post (one of Jekyll's Markdown extensions) is
    checked like any other."""
    if not (REPO / ".git").exists():
        pytest.fail(f"{REPO} is not a git checkout: pre-commit try-repo needs one")
    blog, env = _blog_with_hook(tmp_path, {
        "_config.yml": "title: A blog\ntimezone: UTC\n",
        "_layouts/post.html": "{{ content }}\n",
        "_includes/note.html": "<aside>{{ include.text }}</aside>\n",
        "_posts/2024-01-05-hello.md": "---\nlayout: post\ntitle: Hello\n---\nHello.\n",
        "_posts/2024-01-07-links.md": "---\nlayout: post\ntitle: Links\n---\n"
                                      "See [hello]({% post_url 2024-01-05-hello %}).\n",
        "_posts/2024-01-08-plain.md": "---\nlayout: post\ntitle: Plain\n---\n"
                                      "See [hello](/2024/01/05/hello.html).\n",
        "_posts/2024-01-09-aside.md": "---\nlayout: post\ntitle: Aside\n---\n"
                                      "{% include note.html text='hi' %}\n"})

    def commit(message: str) -> tuple[int, str]:
        _git(blog, env, "add", "-A")
        done = _git(blog, env, "commit", "-m", message)
        return done.returncode, done.stdout + done.stderr

    # A rename: the post's name and URL change, both linking posts break.
    (blog / "_posts" / "2024-01-05-hello.md").rename(blog / "_posts" / "2024-01-05-hi.md")
    code, output = commit("Rename hello")
    assert code != 0, output
    assert "_posts/2024-01-07-links.md:5:16: NL602" in output, output
    assert "_posts/2024-01-08-plain.md:5:13: NL501" in output, output
    assert "2024-01-09-aside.md" not in output

    # Deleted: the same.
    (blog / "_posts" / "2024-01-05-hi.md").unlink()
    code, output = commit("Delete hello")
    assert code != 0 and "_posts/2024-01-07-links.md:5:16: NL602" in output, output

    # Restored: the commit goes through, and deleting an include breaks its user.
    _git(blog, env, "checkout", "HEAD", "--", "_posts/2024-01-05-hello.md")
    (blog / "_includes" / "note.html").unlink()
    code, output = commit("Delete the include")
    assert code != 0 and "_posts/2024-01-09-aside.md:5:4: NL602" in output, output
    _git(blog, env, "checkout", "HEAD", "--", "_includes/note.html")

    # A .mkd post is checked.
    (blog / "_posts" / "2024-01-10-notes.mkd").write_text(
        "---\nlayout: post.html\ntitle: Notes\n---\nNotes.\n")
    code, output = commit("A .mkd post")
    assert code != 0 and "_posts/2024-01-10-notes.mkd:2:1: NL303" in output, output
    (blog / "_posts" / "2024-01-10-notes.mkd").write_text(
        "---\nlayout: post\ntitle: Notes\n---\nNotes.\n")
    code, output = commit("A .mkd post, fixed")
    assert code == 0, output

"""NL208, NL209: file names Jekyll skips or turns into odd URLs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..diagnostics import Finding, Position, Severity
from ..jekyll.filenames import skip_reason
from ..jekyll.post import Post
from ..jekyll.site import Site
from ._registry import RuleContext, rule


@rule("NL208", "filename-skipped", Severity.WARNING, scope="site")
def filename_skipped(site: Site, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A file in `_posts` whose name Jekyll does not accept is silently skipped.

    ## Why
    Jekyll reads a file under `_posts` as a post only if its name is a date, a dash, a
    title and an extension: `2024-01-05-my-trip.md`. Anything else (`my-trip.md`,
    `2024-01-05.md`, no extension) is ignored without a message, and so is a folder named
    like a post.

    ## Bad
    ```markdown
    ==> _posts/my-trip.md <==
    ---
    layout: post
    ---
    ```

    ## Good
    ```markdown
    ==> _posts/2024-01-05-my-trip.md <==
    ---
    layout: post
    ---
    ```
    """
    for skipped in site.skipped:
        name = PurePosixPath(skipped.relative_path).name
        if skipped.is_dir:
            yield Finding(None, "this is a folder named like a post; Jekyll reads only files "
                          "as posts and will skip it", path=str(skipped.path))
        else:
            yield Finding(Position(1, 1), f"Jekyll will skip this file: {skip_reason(name)}",
                          path=str(skipped.path))


@rule("NL209", "empty-slug", Severity.ERROR)
def empty_slug(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The file name has nothing after the date, so the URL has no title.

    ## Why
    `2024-01-05-.md` is a post with an empty slug: Jekyll warns ``Empty `slug` generated``
    and publishes it as `/2024/01/05/.html`, a hidden file on most servers.

    ## Bad
    ```markdown
    ==> _posts/2024-01-05-.md <==
    ---
    layout: post
    ---
    ```

    ## Good
    ```markdown
    ==> _posts/2024-01-05-hello.md <==
    ---
    layout: post
    ---
    ```
    """
    if post.read_ok and post.url is not None and post.data.get("slug") == "":
        yield Finding(Position(1, 1), f"the file name has no title after the date; Jekyll "
                      f"will publish this post as {post.url}")

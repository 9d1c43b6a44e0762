"""NL208, NL209, NL211: file names Jekyll skips, turns into odd URLs or does not convert."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..diagnostics import Finding, Fix, Position, Severity
from ..jekyll import plugins
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


@rule("NL211", "post-not-converted", Severity.WARNING)
def post_not_converted(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A post whose extension is neither Markdown nor HTML is published as it is.

    ## Why
    Jekyll converts a post from Markdown only when its extension is one of `markdown_ext`
    (`markdown,mkdown,mkdn,mkd,md` by default). `2024-01-05-trip.markdwon`, `.mdx` or
    `.txt` is published unconverted, at a URL ending in that extension
    (`/2024/01/05/trip.markdwon`): readers get the raw Markdown, and the browser may offer
    to download it. A converter plugin the site runs (jekyll-asciidoc for `.adoc`, Ruby of
    its own in `_plugins`) keeps this rule quiet for what it may convert.

    ## Bad
    ```markdown
    ==> _posts/2024-01-05-trip.markdwon <==
    ---
    layout: post
    ---
    **Day one.**
    ```

    ## Good
    ```markdown
    ==> _posts/2024-01-05-trip.markdown <==
    ---
    layout: post
    ---
    **Day one.**
    ```

    ## Fix
    Unsafe: the file is renamed to the Markdown extension it looks like (else `.md`), which
    changes its URL to the `.html` one it was meant to have.
    """
    site = ctx.site
    ext = post.name.ext.lower()
    if post.is_page or post.is_layout or post.url is None or not ext or \
            ext in site.markdown_exts or ext in (".html", ".htm"):
        return
    if site.local_plugins.present or plugins.converted(ext, site.plugin_names) is not False:
        return
    allowed = sorted(e.lstrip(".") for e in site.markdown_exts)
    close = difflib.get_close_matches(ext.lstrip("."), allowed, n=1, cutoff=0.75)
    new = post.path.with_suffix("." + (close[0] if close else "md")).name
    fix = None if post.path.with_name(new).exists() else Fix(
        f"rename the file to {new}", rename=new, safe=False)
    yield Finding(Position(1, 1), f"Jekyll publishes this post unconverted, as {post.url}: "
                  f"`{post.name.ext}` is not one of the Markdown extensions "
                  f"(markdown_ext: {','.join(allowed)})", fix=fix)

"""NL301-NL303, NL310: the layout a post asks for."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Finding, Fix, Position, Severity
from ..jekyll.post import Post
from ._edits import replace_scalar
from ._facts import SiteFacts
from ._registry import RuleContext, rule


@rule("NL301", "layout-missing", Severity.WARNING)
def layout_missing(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The post has no layout, from its front matter or from `defaults:`.

    ## Why
    Jekyll applies no layout by default, even when `_layouts/post.html` exists: the post is
    published as bare HTML, without the site's header, styles or navigation. Set `layout:`
    in the post, or once for all posts with `defaults:` in `_config.yml`.

    ## Bad
    ```markdown
    ---
    title: Hello
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    title: Hello
    ---
    ```
    """
    if post.read_ok and post.layout in (None, False, ""):
        yield Finding(Position(1, 1), "no layout: Jekyll will publish this post as bare HTML "
                      "(set `layout:` here or in `defaults:`)")


@rule("NL302", "layout-unknown", Severity.ERROR, pages=True)
def layout_unknown(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The layout the post asks for does not exist.

    ## Why
    Jekyll only warns (`Build Warning: Layout 'x' requested ... does not exist`) and
    publishes the post without any layout. notelint knows the layouts in `_layouts/` and
    those a theme provides when they are listed in `theme-layouts`; with a gem or remote
    theme and no such list it cannot tell, and stays quiet.

    ## Bad
    ```markdown
    ==> _layouts/post.html <==
    {{ content }}
    ==> _posts/2024-01-05-example.md <==
    ---
    layout: posts
    ---
    ```

    ## Good
    ```markdown
    ==> _layouts/post.html <==
    {{ content }}
    ==> _posts/2024-01-05-example.md <==
    ---
    layout: post
    ---
    ```
    """
    layout = post.layout
    site = ctx.site
    if not post.read_ok or not isinstance(layout, str) or not layout or layout == "none":
        return
    if layout.endswith(".html") or not site.layouts_known or layout in site.layout_names():
        return
    names = ", ".join(sorted(site.layout_names())) or "none"
    yield Finding(ctx.key_position(post, "layout"), f"layout '{layout}' does not exist (known: "
                  f"{names}); Jekyll will publish this post without a layout")


@rule("NL303", "layout-with-extension", Severity.ERROR, pages=True)
def layout_with_extension(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The layout is named with its file extension (`post.html`).

    ## Why
    Layouts are named without their extension: `layout: post.html` looks for a layout
    called `post.html`, finds none, and Jekyll publishes the post without a layout.

    ## Bad
    ```markdown
    ---
    layout: post.html
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    ---
    ```

    ## Fix
    Safe: the extension is removed, unless the site's layouts are known and none has that
    name.
    """
    layout = post.layout
    if not post.read_ok or not isinstance(layout, str) or "." not in layout:
        return
    if layout in ctx.site.layouts:
        return
    stem = layout.rsplit(".", 1)[0]
    node = post.front_matter.value_node("layout")
    edit = replace_scalar(node, stem) if node is not None else None
    exists = stem in ctx.site.layout_names() or not ctx.site.layouts_known
    fix = Fix(f"write `layout: {stem}`", (edit,)) if edit and exists else None
    yield Finding(ctx.key_position(post, "layout"), f"layouts are named without an extension: "
                  f"write `layout: {stem}`; Jekyll will find no layout '{layout}' and publish "
                  "this post without one", fix=fix)


@rule("NL310", "layout-unreadable", Severity.ERROR, pages=True)
def layout_unreadable(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A layout the post is rendered with cannot be read: Jekyll stops the build.

    ## Why
    Jekyll reads layouts as UTF-8 text. A layout saved in another encoding (a `é` written
    by an old editor as Latin-1) makes Liquid fail with `invalid byte sequence in UTF-8`
    when the first post using it is rendered, and the build stops. A layout that is a
    symbolic link out of the site is refused by GitHub Pages' safe mode.

    ## Bad
    ```markdown encoding=latin-1
    ==> _layouts/post.html <==
    <html>café {{ content }}</html>
    ==> _posts/2024-01-05-example.md <==
    ---
    layout: post
    ---
    ```

    ## Good
    ```markdown
    ==> _layouts/post.html <==
    <html>café {{ content }}</html>
    ==> _posts/2024-01-05-example.md <==
    ---
    layout: post
    ---
    ```
    """
    if not post.read_ok or post.fatal:
        return
    site = ctx.site
    # The renderer's layouts: each read once, for this rule and for rendering.
    for name, layout in SiteFacts.of(ctx).renderer.layout_chain(post.layout):
        if layout.problem is not None:
            where = site.layouts[name].relative_to(site.root).as_posix()
            yield Finding(ctx.key_position(post, "layout"), f"the layout '{name}' ({where}) "
                          f"cannot be read: {layout.problem}; Jekyll will stop the build")

"""NL1xx: whether Jekyll can read a post's front matter, and what it reads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Finding, Position, Severity
from ..jekyll import frontmatter
from ..jekyll.post import Post
from ._registry import RuleContext, rule

_DROPPED = ("Jekyll will publish this post without its front matter: no title, no layout, "
            "at a URL made of the build date and the whole file name")
_STRICT = "`strict_front_matter: true` makes this abort the build"


def _consequence(ctx: RuleContext[object]) -> str:
    if ctx.site.config.enabled("strict_front_matter"):
        return f"Jekyll will stop the build ({_STRICT})"
    return _DROPPED


@rule("NL101", "front-matter-unterminated", Severity.ERROR, pages=True)
def front_matter_unterminated(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The front matter opens with `---` but no closing line follows.

    ## Why
    Jekyll recognises front matter only when a later line is `---` (or `...`). Without it
    there is no front matter at all: the YAML is published as the post's text, the first
    `---` becomes a horizontal rule, and the post gets no title and no layout.

    ## Bad
    ```markdown
    ---
    layout: post
    title: Hello

    Hello world.
    ```

    ## Good
    ```markdown
    ---
    layout: post
    title: Hello
    ---
    Hello world.
    ```
    """
    if post.source is not None and not post.front_matter.present \
            and frontmatter.opens_front_matter(post.text):
        yield Finding(Position(1, 1), "front matter is never closed by a `---` line; Jekyll "
                      "will publish the YAML as text, with no title and no layout")


@rule("NL102", "yaml-syntax-error", Severity.ERROR, pages=True)
def yaml_syntax_error(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The front matter is not valid YAML.

    ## Why
    Jekyll logs `YAML Exception reading ...` and carries on without any of the front
    matter: the post is published with no title and no layout, at a URL made of the
    *build* date and the whole file name (`/2026/11/24/2024-01-05-hello.html`). With
    `strict_front_matter: true` the build stops instead. A colon followed by a space inside
    an unquoted title is the usual cause. A line indented wrongly inside a list or mapping
    is reported at that line; Jekyll's message names the line where the list or mapping
    starts, which the finding says too.

    ## Bad
    ```markdown
    ---
    layout: post
    title: Jekyll: a primer
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    title: "Jekyll: a primer"
    ---
    ```
    """
    error = post.front_matter.error
    if error is not None:
        said = f" (Jekyll says line {error.jekyll_line})" if error.jekyll_line else ""
        yield Finding(error.position, f"invalid YAML: {error.message}{said}; "
                      f"{_consequence(ctx)}")


@rule("NL103", "front-matter-unreadable", Severity.ERROR, pages=True)
def front_matter_unreadable(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The front matter is valid YAML that Jekyll cannot use.

    ## Why
    Front matter must be a mapping of keys to values. A list or a bare string, or a
    `categories:` value that is neither a string nor a list (a number, a date, a mapping),
    makes Jekyll log `could not read file` and publish the post without its front matter,
    at a URL made of the build date and the whole file name.

    ## Bad
    ```markdown
    ---
    - layout: post
    - title: Hello
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
    fm = post.front_matter
    if fm.error is not None or fm.rejected:
        return
    if fm.type_error is not None:
        yield Finding(fm.type_error.position, f"{fm.type_error.message}; {_consequence(ctx)}")
    elif fm.present and fm.data is not None and not isinstance(fm.data, dict) \
            and fm.data is not False:
        kind = "a list" if isinstance(fm.data, list) else "a single value"
        where = frontmatter.node_position(fm.root) if fm.root is not None else Position(2, 1)
        yield Finding(where, f"front matter is {kind}, not a mapping of keys to values; "
                      f"{_consequence(ctx)}")


_LATE_RE = re.compile(r"\A(?:[ \t]*\r?\n)*([ \t]*)---[ \t]*\r?\n(?:.*?\n)?[ \t]*(?:---|\.\.\.)"
                      r"[ \t]*(?:\r?\n|\Z)", re.S)


@rule("NL104", "front-matter-not-at-start", Severity.ERROR, pages=True)
def front_matter_not_at_start(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """Front matter that does not start on the very first line is not front matter.

    ## Why
    Jekyll looks for `---` at the first byte of the file. A blank line (or spaces) before it
    turns the whole block into Markdown: the dashes become a horizontal rule and an em dash,
    the YAML becomes a paragraph, and the post is published without title or layout.

    ## Bad
    ```markdown

    ---
    layout: post
    title: Late
    ---
    body
    ```

    ## Good
    ```markdown
    ---
    layout: post
    title: Late
    ---
    body
    ```
    """
    if post.source is None or post.front_matter.present:
        return
    match = _LATE_RE.match(post.text)
    if match is not None:
        start = post.source.position(match.start(1))
        yield Finding(start, "front matter does not start on line 1, so Jekyll will not "
                      "read it: the YAML will be published as text; remove what comes before "
                      "the first `---`")


@rule("NL105", "yaml-value-rejected", Severity.ERROR, pages=True)
def yaml_value_rejected(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The front matter holds a merge key (`<<:`) Jekyll's YAML loader cannot apply.

    ## Why
    Jekyll (the released gem and GitHub Pages) loads YAML with SafeYAML. It merges
    `<<: *name` (an alias of a mapping) where the key stands, but a merge key with a list of
    aliases or a plain value makes it fail with `no implicit conversion of Array into Hash`
    (or `String`): Jekyll logs `could not read file` and drops the whole front matter.
    (Ruby symbols like `:x` and tags like `!ruby/object` are not refused: SafeYAML reads them
    as plain text and plain mappings. notelint never executes anything from YAML.)

    ## Bad
    ```markdown
    ---
    layout: post
    a: &a {author: Ann}
    b: &b {lang: en}
    <<: [*a, *b]
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    a: &a {author: Ann}
    b: &b {lang: en}
    <<: *a
    lang: en
    ---
    ```
    """
    if post.front_matter.error is not None:
        return
    for problem in post.front_matter.rejected:
        yield Finding(problem.position, f"{problem.message}; {_consequence(ctx)}")


@rule("NL106", "duplicate-key", Severity.WARNING, pages=True)
def duplicate_key(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A front-matter key appears twice; Jekyll silently keeps the last one.

    ## Why
    YAML parsers disagree about duplicate keys; Jekyll's keeps the last value without a
    word, so an edit to the first one has no effect.

    ## Bad
    ```markdown
    ---
    layout: post
    title: Draft title
    title: Final title
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    title: Final title
    ---
    ```
    """
    for key, first, again in post.front_matter.duplicates:
        yield Finding(again, f"`{key}` is already set on line {first.line}; Jekyll will use "
                      "this later value and ignore the first")


@rule("NL109", "unreadable-file", Severity.ERROR, pages=True)
def unreadable_file(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """Jekyll cannot read the file as UTF-8 text, so the post is dropped.

    ## Why
    Jekyll reads posts as UTF-8. Bytes that are not valid UTF-8 (a file saved as Latin-1 or
    Windows-1252), NUL bytes or a binary file make it log `could not read file` and leave
    the post out of the site.

    ## Bad
    ```markdown encoding=latin-1
    ---
    title: café
    ---
    ```

    ## Good
    ```markdown
    ---
    title: café
    ---
    ```
    """
    if post.read_error is not None:
        yield Finding(Position(1, 1), f"cannot read this file: {post.read_error}; Jekyll will "
                      "leave this post out of the site (save it as UTF-8)")


@dataclass(frozen=True)
class RequiredKeys:
    keys: tuple[str, ...] = ()


@rule("NL108", "missing-required-key", Severity.WARNING, options=RequiredKeys)
def missing_required_key(post: Post, ctx: RuleContext[RequiredKeys]) -> Iterator[Finding]:
    """A front-matter key the site requires (`required-keys` in the config) is missing.

    ## Why
    Themes and feeds often need keys Jekyll itself does not: `description` for the
    meta tag, `image` for social cards. Listing them in `required-keys` makes their absence
    a finding. Values from `defaults:` in `_config.yml` count.

    ## Options
    `keys`: a list of key names (or use the top-level `required-keys`).

    ## Bad
    ```markdown
    ==> .notelint.toml <==
    required-keys = ["description"]
    ==> _posts/2024-01-05-example.md <==
    ---
    layout: post
    title: Hello
    ---
    ```

    ## Good
    ```markdown
    ==> .notelint.toml <==
    required-keys = ["description"]
    ==> _posts/2024-01-05-example.md <==
    ---
    layout: post
    title: Hello
    description: A first post.
    ---
    ```
    """
    if not post.read_ok:
        return
    wanted = ctx.options.keys or ctx.settings.required_keys
    for key in wanted:
        value = post.data.get(key)
        if value is None or value == "":
            yield Finding(Position(1, 1), f"required front-matter key `{key}` is missing")

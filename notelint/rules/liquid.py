"""NL601-NL607: the Liquid in a post's body, as Jekyll runs it (Liquid 4) before Markdown."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Finding, Position, Severity
from ..jekyll.post import Post
from ._facts import SiteFacts
from ._registry import RuleContext, rule


def _problems(post: Post, ctx: RuleContext[object], kind: str) -> Iterator[Finding]:
    """The post's Liquid problems of one kind, at file lines (Jekyll's own line in the text)."""
    if post.read_error is not None:
        return
    problems = SiteFacts.of(ctx).liquid_problems(post)
    offset = post.body_line - 1
    for problem in problems:
        if problem.kind == kind:
            said = f"in {problem.where}, included here" if problem.where else \
                f"Jekyll says line {problem.line}"
            yield Finding(Position(problem.line + offset, problem.column),
                          f"{problem.message} ({said})")


@rule("NL601", "liquid-syntax-error", Severity.ERROR, pages=True)
def liquid_syntax_error(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A Liquid tag is malformed or a block is never closed.

    ## Why
    Jekyll stops the whole build on the first one (`Liquid Exception: Liquid syntax error`),
    and the line it prints counts from the first line after the front matter. notelint
    reports the file line and gives Jekyll's number in the message.

    ## Bad
    ```markdown
    ---
    title: Hello
    ---
    {% if page.title %}
    Title set.
    ```

    ## Good
    ```markdown
    ---
    title: Hello
    ---
    {% if page.title %}
    Title set.
    {% endif %}
    ```
    """
    yield from _problems(post, ctx, "syntax")


@rule("NL602", "liquid-target-missing", Severity.ERROR, pages=True)
def liquid_target_missing(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """`{% post_url %}`, `{% link %}` or `{% include %}` names something that is not there.

    ## Why
    Each of these aborts `jekyll build`. `post_url` takes the post's file name without its
    extension (and without `_posts/`); `link` takes the source path with its extension;
    `include` looks in `_includes/`. Drafts and unpublished posts cannot be linked.

    ## Bad
    ```markdown
    ==> _posts/2024-01-04-first.md <==
    First.
    ==> _posts/2024-01-05-example.md <==
    ---
    title: Hello
    ---
    See [the first post]({% post_url 2024-01-04-first.md %}).
    ```

    ## Good
    ```markdown
    ==> _posts/2024-01-04-first.md <==
    First.
    ==> _posts/2024-01-05-example.md <==
    ---
    title: Hello
    ---
    See [the first post]({% post_url 2024-01-04-first %}).
    ```
    """
    yield from _problems(post, ctx, "missing-target")


@rule("NL603", "liquid-unknown-tag", Severity.WARNING, pages=True)
def liquid_unknown_tag(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A Liquid tag that neither Liquid nor Jekyll defines: only a plugin can provide it.

    ## Why
    Without the plugin Jekyll aborts with `Unknown tag`. With it (`plugins:` in
    `_config.yml` and the Gemfile) the build works, but GitHub Pages runs only its own
    plugin list. `notelint render` writes a `<!-- notelint-stub:tag:NAME -->` marker there.

    ## Bad
    ```markdown
    ---
    title: Hello
    ---
    {% twitter https://twitter.com/jekyllrb %}
    ```

    ## Good
    ```markdown
    ---
    title: Hello
    ---
    [Jekyll on Twitter](https://twitter.com/jekyllrb)
    ```
    """
    yield from _problems(post, ctx, "unknown-tag")


@rule("NL604", "liquid-output-syntax", Severity.WARNING, pages=True)
def liquid_output_syntax(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A malformed `{{ ... }}` output: Jekyll warns and renders what it can make of it.

    ## Why
    In Jekyll's default `error_mode: warn` the build goes on with a `Liquid Warning`, and
    the output is guessed (a dangling filter is dropped). With `error_mode: strict` the same
    line aborts the build.

    ## Bad
    ```markdown
    ---
    title: Hello
    ---
    {{ page.title | }}
    ```

    ## Good
    ```markdown
    ---
    title: Hello
    ---
    {{ page.title | upcase }}
    ```
    """
    yield from _problems(post, ctx, "output-syntax")


@rule("NL605", "post-url-without-folder", Severity.WARNING)
def post_url_without_folder(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """`{% post_url %}` leaves out the sub-folder the target post lives in.

    ## Why
    Jekyll still finds the post by its date and slug, but prints a deprecation warning on
    every build; a future version will not. Write the path below `_posts/`.

    ## Bad
    ```markdown
    ==> _posts/notes/2024-01-04-first.md <==
    First.
    ==> _posts/2024-01-05-example.md <==
    ---
    title: Hello
    ---
    See [the first post]({% post_url 2024-01-04-first %}).
    ```

    ## Good
    ```markdown
    ==> _posts/notes/2024-01-04-first.md <==
    First.
    ==> _posts/2024-01-05-example.md <==
    ---
    title: Hello
    ---
    See [the first post]({% post_url notes/2024-01-04-first %}).
    ```
    """
    yield from _problems(post, ctx, "deprecated")


@rule("NL606", "liquid-runtime-error", Severity.ERROR, pages=True)
def liquid_runtime_error(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A Liquid filter or tag fails while the post renders (wrong arguments, bad values).

    ## Why
    Jekyll aborts the build with `Liquid error (line N)`; notelint runs the post's Liquid
    with Jekyll's filters and reports the same failure at the file line.

    ## Bad
    ```markdown
    ---
    title: Hello
    ---
    {{ "Hello" | slugify: "raw", "extra", "args" }}
    ```

    ## Good
    ```markdown
    ---
    title: Hello
    ---
    {{ "Hello" | slugify: "raw" }}
    ```
    """
    yield from _problems(post, ctx, "runtime")


@rule("NL607", "liquid-lax-tag", Severity.WARNING, pages=True)
def liquid_lax_tag(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A tag's markup Liquid reads only by guessing: Jekyll warns and renders its guess.

    ## Why
    In Jekyll's default `liquid: error_mode: warn`, a tag whose markup Liquid 4 cannot parse
    strictly is logged as a `Liquid Warning` and read with Liquid's lax pattern, which
    ignores what it does not understand: `{% for i in (1..3) junk %}` loops over `(1..3)`,
    `{% assign v = "x" junk %}` assigns `x`. The build goes on, but the extra words do
    nothing; with `error_mode: strict` the same tag stops the build. (A tag that fails even
    laxly, such as `{% if a = 1 %}`, stops it in every mode: NL601.)

    ## Bad
    ```markdown
    ---
    title: Hello
    ---
    {% for post in site.posts limit 3 %}{{ post.title }}{% endfor %}
    ```

    ## Good
    ```markdown
    ---
    title: Hello
    ---
    {% for post in site.posts limit: 3 %}{{ post.title }}{% endfor %}
    ```
    """
    yield from _problems(post, ctx, "lax-syntax")

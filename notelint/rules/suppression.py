"""NL901-NL902: notelint's own comments in a post, and the posts it gave up on."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Finding, Position, Severity
from ..jekyll.post import Post
from ._registry import RuleContext, rule


@rule("NL901", "unused-suppression", Severity.WARNING, scope="after")
def unused_suppression(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A `notelint-disable` comment suppresses nothing, or names no rule.

    ## Why
    A suppression that no longer silences anything (the problem was fixed, the line moved)
    would hide the next real problem at that place; one with a misspelled rule never
    worked. Reported only with `--report-unused-suppressions`, and only for rules that
    were run.

    ## Bad
    ```markdown
    ---
    title: Hello
    ---
    <!-- notelint-disable-next-line link-text-whitespace -->
    Read [the guide](https://example.org/guide) first.
    ```

    ## Good
    ```markdown
    ---
    title: Hello
    ---
    <!-- notelint-disable-next-line link-text-whitespace -->
    Read [ the guide ](https://example.org/guide) first.
    ```
    """
    for directive, message in ctx.cache.get("unused-suppressions", {}).get(post.path, ()):
        yield Finding(Position(directive.line, directive.column), message)


@rule("NL902", "check-incomplete", Severity.WARNING, scope="after")
def check_incomplete(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """notelint gave up rendering the post: its Liquid, links and fragments were not checked.

    ## Why
    Each post gets 20 seconds to render (`post-time-limit` in the configuration); a real
    post needs well under one. A post that
    takes longer is almost always hostile or broken input (a pull request that repeats a
    construct tens of thousands of times): rather than hold up the whole run, notelint
    stops working on it, says so, and checks the other posts. Its front matter, date and
    file name were still checked.

    ## Bad
    ```markdown
    ==> .notelint.toml <==
    post-time-limit = 0.5
    ==> _posts/2024-01-05-example.md <==
    ---
    layout: post
    title: Hello
    ---
    {% for i in (1..9000) %}{% for j in (1..1000) %}{% endfor %}{% endfor %}
    ```

    ## Good
    ```markdown
    ==> .notelint.toml <==
    post-time-limit = 0.5
    ==> _posts/2024-01-05-example.md <==
    ---
    layout: post
    title: Hello
    ---
    {% for i in (1..3) %}{{ i }}{% endfor %}
    ```
    """
    facts = ctx.cache.get("facts")
    if facts is not None and post.file in facts.over_budget:
        yield Finding(Position(1, 1), f"notelint stopped rendering this post after "
                      f"{facts.time_limit:g} s (post-time-limit); its Liquid, links and "
                      "fragments were not checked")

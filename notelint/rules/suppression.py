"""NL901: notelint's own comments in a post."""

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

"""NL801: Markdown that kramdown reads otherwise than it looks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Finding, Position, Severity
from ..jekyll.post import Post
from ._facts import SiteFacts
from ._registry import RuleContext, rule

# `#Title words` or `##Title`: an ATX heading but for the space kramdown's GFM parser needs.
_UNSPACED = re.compile(r"(#{1,6})([^#\s][^\n]*)")


@rule("NL801", "heading-without-space", Severity.WARNING, pages=True)
def heading_without_space(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A line written as a heading, but with no space after its `#`, is a paragraph.

    ## Why
    kramdown's GFM parser (Jekyll's default) makes a heading only of `#` followed by a
    space: `#Installing the tools` is published as a paragraph that starts with `#`, and
    gets no id to link to. A single word after one `#` (`#100DaysOfCode`) is taken for a
    hashtag and left alone.

    ## Bad
    ```markdown
    #Installing the tools

    First, the compiler.
    ```

    ## Good
    ```markdown
    # Installing the tools

    First, the compiler.
    ```
    """
    if post.read_error is not None or post.fatal or post.source is None:
        return
    published = SiteFacts.of(ctx).links(post).hash_paragraphs
    if not published:
        return
    lines = post.body.split("\n")
    first = post.body_line
    for index, line in enumerate(lines):
        text = line.rstrip("\r")
        match = _UNSPACED.fullmatch(text)
        if match is None or text not in published:
            continue
        alone = (index == 0 or not lines[index - 1].strip()) and (
            index + 1 == len(lines) or not lines[index + 1].strip())
        if not alone or (len(match.group(1)) == 1 and " " not in match.group(2).strip()):
            continue
        hashes = match.group(1)
        yield Finding(Position(first + index, 1),
                      f"`{hashes}{match.group(2)[:40]}` is published as a paragraph, not a "
                      f"heading: kramdown needs a space after `{hashes}`")

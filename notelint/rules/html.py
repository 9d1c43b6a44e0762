"""NL701-NL703: HTML written in a post that Jekyll publishes otherwise than it reads.

kramdown reads inline HTML element by element: a start tag opens an element that only its
own end tag closes. What it cannot match it mends, silently: an element left open is
closed at the end of its paragraph (or, for block HTML, at the end of the post); an end tag
that closes nothing open, and a block element's tag inside a line of text, are printed as
text; `<a .../>` is an empty element. The converter reports each as it meets it, with the
place it was written (checked against the reference Jekyll).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Finding, Severity
from ..jekyll.kramdown_html import SPAN_ELEMENTS, TEXT_BLOCK_ELEMENTS, VOID_ELEMENTS
from ..jekyll.post import Post
from ._facts import SiteFacts
from ._registry import RuleContext, rule

HTML_ELEMENTS = SPAN_ELEMENTS | TEXT_BLOCK_ELEMENTS | VOID_ELEMENTS | frozenset((
    "article", "audio", "canvas", "details", "dialog", "figure", "font", "center", "label",
    "noscript", "object", "output", "picture", "progress", "s", "script", "slot", "strike",
    "style", "template", "time", "u", "video", "mark", "meter", "data", "summary", "svg",
    "math", "iframe", "embed", "source"))


# Elements whose end tag HTML lets one leave out.
_OPTIONAL_END = frozenset(("li", "p", "td", "th", "tr", "dt", "dd", "option", "optgroup",
                           "thead", "tbody", "tfoot", "colgroup", "caption", "rt", "rp"))


def _problems(post: Post, ctx: RuleContext[object], *kinds: str
              ) -> Iterator[tuple[str, str, int]]:
    if post.read_error is not None or post.fatal or post.source is None:
        return
    for kind, tag, at in SiteFacts.of(ctx).links(post).html_problems:
        if kind in kinds:
            yield kind, tag, at


def _name(tag: str) -> str:
    return tag.strip("</>").split()[0].rstrip("/")


def _as_text(name: str) -> str:
    """A hint for a tag no HTML has (`<T>`, `<Pointee>`): text meant as it is."""
    if name.lower() in HTML_ELEMENTS:
        return ""
    return f"; if `<{name}>` is meant as text, put it in backticks or write `&lt;{name}>`"


def _at(post: Post, offset: int) -> int:
    return (post.front_matter.body_offset if post.front_matter.present else 0) + offset


@rule("NL701", "html-unclosed", Severity.WARNING, pages=True)
def html_unclosed(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """An HTML element written in the post is never closed.

    ## Why
    kramdown closes it for you, where it stops reading: an inline element at the end of
    its paragraph, so `<a href="/x/">the docs` turns the rest of the paragraph into the
    link; a block element such as `<div>` at the end of the post, so everything after it
    is inside the box. Inside an HTML block kramdown needs every end tag, even those HTML
    lets you leave out: `<li>one<li>two</ul>` leaves both items open, so `</ul>` is printed
    as text and the rest of the post ends up in the list. Void elements (`<br>`, `<img>`)
    need no end tag and are not reported.

    ## Bad
    ```markdown
    Read <a href="/guide/">the guide first, then come back.
    ```

    ## Good
    ```markdown
    Read <a href="/guide/">the guide</a> first, then come back.
    ```
    """
    for kind, tag, at in _problems(post, ctx, "unclosed", "unclosed-block"):
        name = _name(tag)
        where = "kramdown closes it at the end of the post, so everything after it is " \
            "inside it" if kind == "unclosed-block" else \
            "kramdown closes it at the end of its paragraph (or heading, or list item), so " \
            "the rest of it is inside"
        assert post.source is not None
        optional = f"; kramdown needs `</{name}>` even where HTML does without it" \
            if name.lower() in _OPTIONAL_END else ""
        yield Finding(post.source.position(_at(post, at)),
                      f"<{name}> is never closed: {where}{optional}{_as_text(name)}",
                      post.source.position(_at(post, at) + len(tag)))


@rule("NL702", "html-tag-as-text", Severity.WARNING, pages=True)
def html_tag_as_text(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """An HTML tag is published as text, with its angle brackets, on the page.

    ## Why
    kramdown prints an end tag that closes nothing open as text: a typo (`</s>` for
    `</a>`), or tags closed in the wrong order (`<b><i>...</b></i>`: only the innermost
    open element can be closed). A block element's tag (`<div>`, `<p>`, `<ul>`...) inside a
    line of text is text too: block HTML must start on a line of its own.

    ## Bad
    ```markdown
    Some <b>bold and <i>italic</b> text</i>.
    ```

    ## Good
    ```markdown
    Some <b>bold and <i>italic</i></b> text.
    ```
    """
    for kind, tag, at in _problems(post, ctx, "stray", "stray-block", "block"):
        assert post.source is not None
        shown = tag if len(tag) <= 40 else tag[:37] + "..."
        why = "an end tag must close the innermost element still open" \
            if kind.startswith("stray") else \
            f"<{_name(tag)}> is a block element, which must start a line of its own"
        yield Finding(post.source.position(_at(post, at)),
                      f"kramdown publishes `{shown}` as text: {why}",
                      post.source.position(_at(post, at) + len(tag)))


@rule("NL703", "html-self-closed", Severity.WARNING, pages=True)
def html_self_closed(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """An element that needs content is written self-closed (`<a href="/x/"/>`).

    ## Why
    Only void elements (`<br/>`, `<img/>`) can be written that way. kramdown publishes
    `<a href="/x/"/>text` as an empty link followed by plain text: nothing is clickable.

    ## Bad
    ```markdown
    See <a href="/guide/"/>the guide.
    ```

    ## Good
    ```markdown
    See <a href="/guide/">the guide</a>.
    ```
    """
    for _kind, tag, at in _problems(post, ctx, "self-closed"):
        assert post.source is not None
        name = _name(tag)
        yield Finding(post.source.position(_at(post, at)),
                      f"`<{name} .../>` is published as an empty <{name}></{name}>: what "
                      f"follows is not inside it; write <{name} ...>...</{name}>",
                      post.source.position(_at(post, at) + len(tag)))

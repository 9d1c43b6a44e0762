"""NL801-NL803: Markdown that Jekyll publishes otherwise than it looks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Edit, Finding, Fix, Position, Severity
from ..jekyll.kramdown_html import SPAN_ELEMENTS
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


# Languages whose samples are templates: Liquid in them is shown, not meant to run.
_TEMPLATE_LANGS = frozenset({"html", "htm", "xml", "liquid", "markdown", "md", "jekyll",
                             "jinja", "jinja2", "django", "twig", "nunjucks", "handlebars",
                             "erb", "mustache"})
_FENCE = re.compile(r"( {0,3})(`{3,}|~{3,})([^\n]*)")
_HIGHLIGHT = re.compile(r"\{%-?\s*highlight\s+(\S+)[^%]*-?%\}(.*?)\{%-?\s*endhighlight\b[^%]*%\}",
                        re.S)
_SKIPPED = re.compile(r"\{%-?\s*(raw|comment)\s*-?%\}.*?\{%-?\s*end\1\s*-?%\}", re.S)
_MARKUP = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_RAW_TAG = re.compile(r"\{%-?\s*(?:end)?raw\b")


@dataclass(frozen=True, order=True)
class CodeBlock:
    """A code sample in a post's body: its language and where its text is (body offsets)."""

    start: int
    end: int
    lang: str


def code_blocks(body: str) -> list[CodeBlock]:
    """Fenced code blocks and `{% highlight %}` blocks outside `{% raw %}` and comments."""
    skipped = [(m.start(), m.end()) for m in _SKIPPED.finditer(body)]
    found = [CodeBlock(m.start(2), m.end(2), m.group(1).lower())
             for m in _HIGHLIGHT.finditer(body)]
    offset, opened = 0, None
    for line in body.splitlines(keepends=True):
        text = line.rstrip("\r\n")
        if opened is None:
            match = _FENCE.fullmatch(text)
            if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):
                opened = (match.group(2), match.group(3).strip().split(" ")[0].lower(),
                          offset + len(line))
        elif re.fullmatch(rf" {{0,3}}{re.escape(opened[0][0])}{{{len(opened[0])},}}\s*", text):
            found.append(CodeBlock(opened[2], offset, opened[1].lstrip("{.").rstrip("}")))
            opened = None
        offset += len(line)
    return sorted(b for b in found
                  if not any(s <= b.start < e for s, e in skipped) and b.end > b.start)


@rule("NL802", "liquid-in-code-sample", Severity.WARNING, pages=True)
def liquid_in_code_sample(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A code sample shows Liquid, and Jekyll runs it instead of showing it.

    ## Why
    Jekyll renders Liquid before Markdown, code blocks included: a sample that shows
    `{% include nav.html %}` or `{{ include.title }}` is published with the include's HTML
    or with nothing in its place. Reported: a Liquid tag in a sample; a variable no page
    has (`{{ include.src }}` in a post, `{{ item }}` of an Ansible sample), which comes out
    empty; and in a template sample (an `html`, `liquid`, `markdown`... block) a page
    variable such as `{{ page.title }}`, which comes out as this post's own value. Left
    alone: `{{ site.url }}` and the like (a site value put in on purpose), and variables the
    page assigns or loops over itself.

    ## Bad
    ```markdown
    ~~~ liquid
    {% for post in site.posts %}{{ post.title }}{% endfor %}
    ~~~
    ```

    ## Good
    ```markdown
    ~~~ liquid
    {% raw %}{% for post in site.posts %}{{ post.title }}{% endfor %}{% endraw %}
    ~~~
    ```

    ## Fix
    Safe: `{% raw %}` and `{% endraw %}` are put around the sample's text, inside the
    block, so the page shows the text as written; not offered when the sample holds a
    `raw` tag of its own. Unsafe where the sample may have meant a value: a variable the
    page never sets in a shell or code sample (`wget https://example.org/{{ key_file }}`)
    may need a value rather than `raw`.
    """
    if post.read_error is not None or post.fatal or post.source is None:
        return
    body = post.body
    if "{" not in body:
        return
    start = post.front_matter.body_offset if post.front_matter.present else 0
    assigned = frozenset(_ASSIGNED.findall(body))
    for block in code_blocks(body):
        text = body[block.start:block.end]
        shown = _SKIPPED.sub(lambda m: " " * len(m.group()), text)
        for markup in _MARKUP.finditer(shown):
            found = _what_runs(markup.group(), block.lang in _TEMPLATE_LANGS, assigned)
            if found is None:
                continue
            what, meant_as_text = found
            advice = "wrap the sample in {% raw %}...{% endraw %}" if meant_as_text else \
                "give it a value, or wrap the sample in {% raw %}...{% endraw %} to show it"
            at = start + block.start + markup.start()
            yield Finding(post.source.position(at),
                          f"Jekyll runs the Liquid in this code sample: `{markup.group()[:60]}` "
                          f"{what}; {advice}", post.source.position(at + len(markup.group())),
                          fix=_raw_fix(text, start + block.start, safe=meant_as_text))
            break  # one finding per sample: one fix wraps all of it


_ASSIGNED = re.compile(r"\{%-?\s*(?:(?:assign|capture|increment|decrement)\s+([\w-]+)|"
                       r"(?:for|tablerow)\s+([\w-]+)\s+in\b)")
_ROOT = re.compile(r"\{\{-?\s*([A-Za-z_][\w-]*)")
_SITE_WIDE = frozenset({"site", "jekyll"})
_PAGE_WIDE = frozenset({"page", "layout", "content", "paginator", "post", "forloop"})


def _what_runs(markup: str, template: bool, assigned: frozenset[tuple[str, str]]
               ) -> tuple[str, bool] | None:
    """What Jekyll makes of this markup in a sample, when it is not what the sample shows,
    and whether the sample surely meant it as text (else it may have meant a value)."""
    if markup.startswith("{%"):
        return "runs, instead of being shown", True
    root = _ROOT.match(markup)
    name = root.group(1) if root else ""
    if name in _SITE_WIDE or any(name in pair for pair in assigned):
        return None
    if name == "include":
        return "is published as nothing (a post has no include parameters)", True
    if name in _PAGE_WIDE:
        return ("is published as this page's own value", True) if template else None
    return "is published as nothing (no variable has this name)", template


def _raw_fix(text: str, at: int, safe: bool) -> Fix | None:
    if _RAW_TAG.search(text):
        return None
    content = text.rstrip("\r\n")
    return Fix("wrap the sample in {% raw %}...{% endraw %}",
               (Edit(at, at, "{% raw %}"), Edit(at + len(content), at + len(content),
                                                "{% endraw %}")), safe=safe)


# Markdown that marks itself as such in a line of text: bold, a link, code, a list item,
# a heading, a quote. (Single `*emphasis*` is left out: `5 * 3 * 2` is not meant as it.)
_MARKED = re.compile(r"\*\*\S(?:.*?\S)?\*\*|__\S(?:.*?\S)?__|!?\[[^\]\n]+\]\([^)\s]+\)|`[^`\n]+`|"
                     r"\A(?:[*+-]|\d+\.|#{1,6}|>)\s+\S")
_MADE = frozenset({"strong", "a", "img", "code", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                   "blockquote"})
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")
_OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(/?)>", re.S)
_ELEMENT = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>(?:(?!<\1\b).)*?</\1\s*>", re.S)
# Elements whose content is never Markdown, or whose Markdown kramdown would not convert.
_NOT_MARKDOWN = frozenset({"script", "style", "pre", "textarea", "svg", "math", "template",
                           "code", "kbd", "samp", "table", "thead", "tbody", "tr", "select"})


def _made(html: str) -> set[str]:
    return {t.lower() for t in _TAG.findall(html)} & _MADE


def _own_text(inner: str) -> str:
    """The element's own content, as markdown="1" would convert it: nested block elements
    (and code) blanked, which kramdown leaves as they are."""
    def blank(match: re.Match[str]) -> str:
        name = match.group(1).lower()
        if name in SPAN_ELEMENTS and name not in _NOT_MARKDOWN:
            return match.group()
        return re.sub(r"[^\n]", " ", match.group())
    previous = None
    while previous != inner:
        previous, inner = inner, _ELEMENT.sub(blank, inner)
    return inner


@rule("NL803", "markdown-in-html-block", Severity.WARNING, pages=True)
def markdown_in_html_block(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """Markdown written inside an HTML block is published as it is, not converted.

    ## Why
    kramdown leaves the content of a block-level HTML element (`<div>`, `<details>`,
    `<figure>`, `<section>`...) alone: `**bold**`, `[links](/x/)` and lists inside it
    reach the reader with their asterisks and brackets, unless the element says
    `markdown="1"`. Reported when converting the content would make bold, emphasis, links,
    code, lists or headings of it; code, `<pre>`, scripts and styles inside are left alone,
    and so is a site with kramdown's `parse_block_html: true`.

    ## Bad
    ```markdown
    <div class="note">
    **Note:** see [the guide](/guide/).
    </div>
    ```

    ## Good
    ```markdown
    <div class="note" markdown="1">
    **Note:** see [the guide](/guide/).
    </div>
    ```

    ## Fix
    Unsafe: `markdown="1"` is added to the element, which converts all of its content
    (text meant as it is, such as `5 * 3 * 2`, may change too).
    """
    if post.read_error is not None or post.fatal or post.source is None:
        return
    kramdown = ctx.site.config.get("kramdown")
    if isinstance(kramdown, dict) and kramdown.get("parse_block_html") is True:
        return
    facts = SiteFacts.of(ctx)
    body = post.body
    start = post.front_matter.body_offset if post.front_matter.present else 0
    markdownify = facts.renderer.liquid.highlighter.markdownify
    for at, raw in facts.links(post).raw_blocks:
        opening = _OPENING.match(body, at)
        if opening is None or opening.group(2) or "markdown=" in opening.group() or \
                opening.group(1).lower() in _NOT_MARKDOWN:
            continue  # written by Liquid, empty, never Markdown, or the author chose
        name = opening.group(1).lower()
        close = raw.rfind("</")
        inner = _own_text(raw[raw.find(">") + 1:close if close > 0 else len(raw)])
        for line in inner.split("\n"):
            text = line.strip()
            if not _MARKED.search(text) or not _made(markdownify(text)) - _made(text):
                continue
            offset = body.find(text, opening.end())
            if offset < 0:
                continue  # not written here: an include's or a tag's output
            end = opening.end() - 1
            yield Finding(post.source.position(start + offset),
                          f"kramdown publishes the Markdown in this <{name}> as it is "
                          f"(`{text[:50]}`); add markdown=\"1\" to the <{name}> to have it "
                          "converted",
                          fix=Fix(f'add markdown="1" to the <{name}>',
                                  (Edit(start + end, start + end, ' markdown="1"'),),
                                  safe=False))
            break

"""NL801, NL802: Markdown that Jekyll publishes otherwise than it looks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Edit, Finding, Fix, Position, Severity
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
    ```liquid
    {% for post in site.posts %}{{ post.title }}{% endfor %}
    ```
    ```

    ## Good
    ```markdown
    ```liquid
    {% raw %}{% for post in site.posts %}{{ post.title }}{% endfor %}{% endraw %}
    ```
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

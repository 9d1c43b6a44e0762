"""NL107, NL110, NL111: front-matter keys and the title."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Finding, Fix, Severity
from ..jekyll.filenames import clean_slug, titleize_slug
from ..jekyll.post import Post
from ._edits import replace_scalar
from ._registry import RuleContext, rule

_TEXT = (str,)
_LIST_OR_TEXT = (str, list)
_DATE = (str, dt.date)
# Keys Jekyll, its common plugins and popular themes read, with the value types they expect.
KNOWN_KEYS: dict[str, tuple[type, ...] | None] = {
    "layout": _TEXT, "title": _TEXT, "date": _DATE, "permalink": _TEXT, "published": (bool,),
    "categories": _LIST_OR_TEXT, "category": _LIST_OR_TEXT, "tags": _LIST_OR_TEXT,
    "tag": _LIST_OR_TEXT, "slug": _TEXT, "excerpt": _TEXT, "excerpt_separator": _TEXT,
    "render_with_liquid": (bool,), "description": _TEXT, "author": None, "authors": None,
    "image": None, "lang": _TEXT, "last_modified_at": _DATE, "comments": None, "toc": None,
    "math": None, "redirect_from": _LIST_OR_TEXT, "redirect_to": _TEXT, "sitemap": None,
    "hidden": None, "pinned": None, "sticky": None, "series": None, "summary": _TEXT,
    "subtitle": _TEXT, "keywords": _LIST_OR_TEXT, "canonical_url": _TEXT, "thumbnail": None,
    "featured": None, "cover": None, "header": None, "related_posts": None, "redirect": None,
    "giscus_comments": None, "disqus_comments": None, "mermaid": None, "chart": None,
    "tikzjax": None, "typograms": None, "pseudocode": None, "map": None, "code_diff": None,
    "pretty_table": None, "bibliography": None, "citation": None, "tabs": None,
    "images": None, "version": None, "modified": _DATE, "updated": _DATE, "draft": None,
    "share": None, "mathjax": None, "feature": None, "teaser": None, "excerpt_image": None,
}


@dataclass(frozen=True)
class MisspelledKeyOptions:
    known_keys: tuple[str, ...] = ()


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def _close(key: str, known: str) -> int | None:
    """How close a typo is to a known key, or None if it is not a likely typo of it."""
    if key.lower() == known.lower():
        return 0
    distance = _distance(key, known)
    if len(key) <= 4:
        # Short words one substitution apart are usually different words (`tabs`, `tags`).
        swapped = distance == 1 and sorted(key) == sorted(known)
        return 1 if swapped or (distance == 1 and len(key) != len(known)) else None
    limit = 1 if len(key) < 8 else 2
    return distance if distance <= limit else None


def _site_keys(ctx: RuleContext[MisspelledKeyOptions]) -> frozenset[str]:
    """Keys that are never typos on this site; counted once per site, not once per post."""
    known = ctx.cache.get("known-keys")
    if known is None:
        raw: Counter[object] = Counter()
        for post in ctx.site.all_posts:
            raw.update(post.front_matter.mapping.keys())
        counts: Counter[str] = Counter()
        for key, count in raw.items():
            counts[str(key)] += count  # `1:` and `"1":` are one key to a reader
        defaults = {str(k) for entry in ctx.site.config.defaults for k in entry["values"]}
        known = (frozenset(k for k, n in counts.items() if n >= 2) | defaults
                 | frozenset(KNOWN_KEYS) | frozenset(ctx.options.known_keys))
        ctx.cache["known-keys"] = known
    return known


def _fits(value: Any, types: tuple[type, ...] | None) -> bool:
    return types is None or value is None or isinstance(value, types)


@rule("NL107", "misspelled-key", Severity.WARNING, options=MisspelledKeyOptions)
def misspelled_key(post: Post, ctx: RuleContext[MisspelledKeyOptions]) -> Iterator[Finding]:
    """A front-matter key looks like a misspelling of one Jekyll or the site uses.

    ## Why
    Jekyll ignores keys it does not know, so `tittle:` or `categoires:` fail silently: the
    post gets a title made from its file name, or no categories. A key counts as known when
    Jekyll or a common theme reads it, when `defaults:` sets it, or when at least two posts
    of the site use it.

    ## Options
    `known-keys`: more key names that are never reported.

    ## Bad
    ```markdown
    ---
    layout: post
    tittle: Hello
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    title: Hello
    ---
    ```

    ## Fix
    Safe: the key is renamed to the suggestion, unless the post already has that key.
    """
    mapping = post.front_matter.mapping
    if not mapping:
        return
    known = _site_keys(ctx)
    for key, value in mapping.items():
        if not isinstance(key, str) or key in known:
            continue
        scored = []
        for candidate in known:
            score = _close(key, candidate)
            if score is not None and _fits(value, KNOWN_KEYS.get(candidate)):
                scored.append((score, candidate))
        if scored:
            best = min(scored)[1]
            yield Finding(ctx.key_position(post, key), f"unknown key `{key}`: did you mean "
                          f"`{best}`? Jekyll will ignore `{key}`",
                          fix=_rename_key(post, key, best))


def _rename_key(post: Post, key: str, new: str) -> Fix | None:
    node = post.front_matter.key_node(key)
    if new in post.front_matter.mapping or node is None:
        return None  # renaming would make a duplicate key
    edit = replace_scalar(node, new)
    return Fix(f"rename `{key}` to `{new}`", (edit,)) if edit else None


@rule("NL110", "title-missing", Severity.WARNING, group="style")
def title_missing(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The post has no title, or an empty one.

    ## Why
    Without `title:` Jekyll makes one from the file name (`2024-01-05-my-trip.md` becomes
    "My Trip"), which is rarely what the author wants in the page title, the feed and
    social cards. An empty title gives an empty heading.

    ## Bad
    ```markdown
    ---
    layout: post
    ---
    Hello.
    ```

    ## Good
    ```markdown
    ---
    layout: post
    title: My trip to Lisbon
    ---
    Hello.
    ```
    """
    if not post.read_ok:
        return
    own = post.front_matter.mapping
    value = own["title"] if "title" in own else post.defaults.get("title")
    if post.heading_title is not None:
        return  # jekyll-titles-from-headings titles it from its first heading
    if value is None or value is False:
        made = titleize_slug(clean_slug(post.name.slug))
        where = ctx.key_position(post, "title")
        yield Finding(where, f"no title: Jekyll will use \"{made}\", made from the file name")
    elif isinstance(value, str) and not value.strip():
        yield Finding(ctx.key_position(post, "title"), "the title is empty")


@rule("NL111", "title-not-string", Severity.WARNING)
def title_not_string(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The title is a number, date, list or mapping rather than text.

    ## Why
    YAML reads `title: 1984` as a number and `title: [a, b]` as a list. Jekyll passes the
    value on as it is: a list prints as `ab`, and filters like `escape` or `smartify` and
    plugins like jekyll-seo-tag may fail on it. Quote the title.

    ## Bad
    ```markdown
    ---
    layout: post
    title: 1984
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    title: "1984"
    ---
    ```
    """
    own = post.front_matter.mapping
    value = own.get("title")
    if value is None or value is False or isinstance(value, str):
        return
    kind = _kind(value)
    yield Finding(ctx.key_position(post, "title"), f"the title is {kind}, not text; quote it")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__

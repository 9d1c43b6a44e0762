"""NL401-NL405: tags and categories."""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from yaml.nodes import ScalarNode, SequenceNode

from ..diagnostics import Finding, Fix, Position, Severity
from ..jekyll.frontmatter import node_position
from ..jekyll.post import Post
from ..jekyll.site import Site
from ._edits import replace_node, yaml_string
from ._registry import RuleContext, rule

KEYS = ("tags", "tag", "categories", "category")


def item_position(post: Post, key: str, item: str) -> Position:
    """Where `item` is written inside the value of `key` (a list entry or a word)."""
    node = post.front_matter.value_node(key)
    if isinstance(node, SequenceNode):
        for child in node.value:
            if isinstance(child, ScalarNode) and child.value == item:
                return node_position(child)
    if isinstance(node, ScalarNode) and "\n" not in node.value and not node.style:
        index = node.value.find(item)
        if index >= 0:
            start = node_position(node)
            return Position(start.line, start.column + index)
    return post.front_matter.key_position(key) or Position(1, 1)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "a date" if hasattr(value, "year") else type(value).__name__


@rule("NL401", "taxonomy-shape", Severity.WARNING)
def taxonomy_shape(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """`tags` or `categories` is not a plain list of names or a string.

    ## Why
    Jekyll accepts a string (split on spaces) or a list of names. A mapping or a number in
    `tags:` is silently ignored (the post has no tags), an empty `tags:` gives none, a
    nested list is flattened, and a mapping inside `category:` becomes a category named
    like `{"a"=>1}`. (A number in `categories:` is worse: see NL103.)

    ## Bad
    ```markdown
    ---
    layout: post
    tags:
      python: true
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    tags: [python]
    ---
    ```
    """
    mapping = post.front_matter.mapping
    for key in KEYS:
        if key not in mapping:
            continue
        value = mapping[key]
        where = ctx.key_position(post, key)
        if value is None:
            yield Finding(where, f"`{key}:` is empty; Jekyll gives this post no {key.rstrip('s')}"
                          " from it (remove the key or list names)")
        elif isinstance(value, list):
            if any(isinstance(v, (list, dict)) for v in value):
                yield Finding(where, f"`{key}` holds nested lists or mappings; Jekyll flattens "
                              "them into odd names: write a flat list")
        elif not isinstance(value, str) and key != "categories":
            ignored = key in ("tags",)
            effect = "ignores it" if ignored else "turns it into a single odd name"
            yield Finding(where, f"`{key}` is {_kind(value)}, not a name or a list; Jekyll "
                          f"{effect} (quote it or make it a list)")


@rule("NL402", "comma-separated-taxonomy", Severity.WARNING)
def comma_separated_taxonomy(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """Tags or categories written as a comma-separated string.

    ## Why
    Jekyll splits a `tags:` or `categories:` string on spaces only: `tags: jekyll, ruby`
    gives the tags `jekyll,` (with the comma) and `ruby`, and `categories: a, b` puts the
    post under `/a,/b/`. Use a YAML list.

    ## Bad
    ```markdown
    ---
    layout: post
    tags: jekyll, ruby
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    tags: [jekyll, ruby]
    ---
    ```

    ## Fix
    Unsafe (it changes the post's tags or categories): the string of `tags:` or
    `categories:` becomes a list of the names between the commas.
    """
    mapping = post.front_matter.mapping
    for key in KEYS:
        value = mapping.get(key)
        if isinstance(value, str) and "," in value:
            names = value.split() if key in ("tags", "categories") else [value]
            shown = ", ".join(f"'{n}'" for n in names)
            listed = "[" + ", ".join(yaml_string(n) for n in _names(value)) + "]"
            node = post.front_matter.value_node(key)
            plural = key in ("tags", "categories")
            edit = replace_node(node, listed) if node is not None and plural else None
            fix = Fix(f"write `{key}: {listed}`", (edit,), safe=False) if edit else None
            yield Finding(ctx.key_position(post, key), f"Jekyll does not split on commas: this "
                          f"gives {shown}; write a list like [{', '.join(_names(value))}]",
                          fix=fix)


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.split(",") if n.strip()]


@rule("NL403", "tag-and-tags", Severity.WARNING)
def tag_and_tags(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """Both `tag:` and `tags:` are set; Jekyll uses `tag:` and ignores `tags:`.

    ## Why
    When the singular key is present, Jekyll takes the post's tags from it alone (without
    splitting it on spaces) and never looks at `tags:`.

    ## Bad
    ```markdown
    ---
    layout: post
    tag: jekyll
    tags: [ruby, web]
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    tags: [jekyll, ruby, web]
    ---
    ```
    """
    mapping = post.front_matter.mapping
    if mapping.get("tag") is not None and "tags" in mapping:
        yield Finding(ctx.key_position(post, "tags"), "`tag:` is also set, so Jekyll ignores "
                      "`tags:`; merge them into one `tags:` list")


def _may_name(post: Post) -> bool:
    own = post.front_matter.data
    return isinstance(own, dict) and not own.keys().isdisjoint(KEYS)


def _own_names(post: Post, kind: str) -> list[tuple[str, str]]:
    """(name, key it was written under) for the post's own tags or categories."""
    mapping = post.front_matter.mapping
    return [(name, key) for key in (kind, kind.rstrip("s") if kind == "tags" else "category")
            for name in _written(mapping.get(key), key)]


def _written(value: Any, key: str) -> list[str]:
    """The names a `tags:`/`tag:`/`categories:`/`category:` value holds, as written."""
    if isinstance(value, str):
        return value.split() if key.endswith("s") else [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


@rule("NL404", "taxonomy-case-mismatch", Severity.WARNING, scope="site", group="style")
def taxonomy_case_mismatch(site: Site, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The same tag or category is spelled with different letter case across the site.

    ## Why
    Jekyll's `site.tags` and `site.categories` are case-sensitive: `Python` and `python`
    are two tags with two tag pages, while category URLs are lower-cased and collide. The
    post using the less common spelling is reported.

    ## Bad
    ```markdown
    ==> _posts/2024-01-05-one.md <==
    ---
    layout: post
    tags: [python]
    ---
    ==> _posts/2024-01-06-two.md <==
    ---
    layout: post
    tags: [python]
    ---
    ==> _posts/2024-01-07-three.md <==
    ---
    layout: post
    tags: [Python]
    ---
    ```

    ## Good
    ```markdown
    ==> _posts/2024-01-05-one.md <==
    ---
    layout: post
    tags: [python]
    ---
    ==> _posts/2024-01-07-three.md <==
    ---
    layout: post
    tags: [python]
    ---
    ```
    """
    own = [p.front_matter.data for p in site.all_posts if p.read_ok and _may_name(p)]
    for kind in ("tags", "categories"):
        keys = (kind, kind.rstrip("s") if kind == "tags" else "category")
        counted = Counter(name for mapping in own for key in keys if key in mapping
                          for name in _written(mapping[key], key))
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for name, count in counted.items():
            spellings[name.lower()][name] = count
        for post in (p for p in ctx.posts if p.read_ok):  # only they can be reported
            for name, key in _own_names(post, kind):
                counts = spellings[name.lower()]
                if len(counts) < 2:
                    continue
                usual = max(sorted(counts), key=lambda s: counts[s])
                if name != usual:
                    others = sum(n for s, n in counts.items() if s != name)
                    label = "tag" if kind == "tags" else "category"
                    yield Finding(item_position(ctx.whole(post), key, name), f"{label} '{name}' is "
                                  f"spelled '{usual}' elsewhere ({others} uses); Jekyll treats "
                                  "them as different", path=str(post.path))


@rule("NL405", "taxonomy-vocabulary", Severity.WARNING)
def taxonomy_vocabulary(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A tag or category is not in the site's vocabulary (when one is configured).

    ## Why
    A fixed list of tags (`[vocabulary] tags = [...]` in `.notelint.toml`) catches typos
    and near-duplicates before they become new, nearly empty tag pages.

    ## Bad
    ```markdown
    ==> .notelint.toml <==
    [vocabulary]
    tags = ["python", "jekyll"]
    ==> _posts/2024-01-05-example.md <==
    ---
    layout: post
    tags: [pyhton]
    ---
    ```

    ## Good
    ```markdown
    ==> .notelint.toml <==
    [vocabulary]
    tags = ["python", "jekyll"]
    ==> _posts/2024-01-05-example.md <==
    ---
    layout: post
    tags: [python]
    ---
    ```
    """
    vocabularies = (("tags", ctx.settings.tag_vocabulary),
                    ("categories", ctx.settings.category_vocabulary))
    for kind, vocabulary in vocabularies:
        if vocabulary is None:
            continue
        for name, key in _own_names(post, kind):
            if name in vocabulary:
                continue
            close = difflib.get_close_matches(name, vocabulary, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            label = "tag" if kind == "tags" else "category"
            yield Finding(item_position(post, key, name),
                          f"{label} '{name}' is not in the site's {kind} vocabulary{hint}")

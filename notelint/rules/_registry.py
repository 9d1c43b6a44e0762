"""The @rule decorator, rule metadata and the context a rule runs with."""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ..budget import POST_SECONDS
from ..diagnostics import Finding, Position, Severity
from ..jekyll.post import Post
from ..jekyll.site import Site
from ..linkcheck.settings import LinkSettings

OptionsT = TypeVar("OptionsT")


@dataclass(frozen=True)
class NoOptions:
    """For rules that take no options."""


@dataclass(frozen=True)
class Settings:
    """Site-wide notelint settings that several rules read."""

    required_keys: tuple[str, ...] = ()
    tag_vocabulary: tuple[str, ...] | None = None
    category_vocabulary: tuple[str, ...] | None = None
    links: LinkSettings = field(default_factory=LinkSettings)
    post_time_limit: float = POST_SECONDS  # seconds of rendering per post (NL902)


@dataclass
class RuleContext(Generic[OptionsT]):
    site: Site
    options: OptionsT
    settings: Settings = field(default_factory=Settings)
    cache: dict[str, Any] = field(default_factory=dict)  # per-site facts shared by rules
    posts: list[Post] = field(default_factory=list)  # the posts this run checks

    def key_position(self, post: Post, key: str) -> Position:
        return self.whole(post).front_matter.key_position(key) or Position(1, 1)

    def whole(self, post: Post) -> Post:
        """The post with its text and YAML node tree, read again if it is kept light (a
        site-wide rule placing a finding on it)."""
        post.make_whole(self.site)
        return post


RuleFunc = Callable[..., Iterator[Finding]]

# The default group is what changes the published site: what stops the build, drops or
# moves a post, or publishes a broken link or page. The others are opt-in (`extend-select`).
DEFAULT_GROUP = "jekyll"
GROUPS = {
    DEFAULT_GROUP: "what stops the build, drops or moves a post, or publishes a broken link "
                   "or page (on by default)",
    "style": "writing habits the published site does not depend on (opt-in)",
    "a11y": "accessibility of the published pages (opt-in)",
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    func: RuleFunc
    scope: str = "post"
    options: type = NoOptions
    group: str = DEFAULT_GROUP
    pages: bool = False  # also run on pages and collection documents, not only posts
    layouts: bool = False  # also run on the site's layouts (links that do not depend on the page)

    @property
    def renders(self) -> bool:
        """Whether the rule reads the rendered post: the links (NL5), Liquid (NL6), HTML
        (NL7) and Markdown (NL8) rules."""
        return self.scope == "post" and self.code[:3] in ("NL5", "NL6", "NL7", "NL8")

    @property
    def default(self) -> bool:
        """Whether the rule runs when no `select` says otherwise."""
        return self.group == DEFAULT_GROUP

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def option_names(self) -> dict[str, dataclasses.Field[Any]]:
        return {f.name.replace("_", "-"): f for f in dataclasses.fields(self.options)}


_CODE = re.compile(r"^NL[1-9]\d\d$")


def rule(code: str, name: str, severity: Severity, *, scope: str = "post",
         options: type = NoOptions, group: str = DEFAULT_GROUP, pages: bool = False,
         layouts: bool = False) -> Callable[[RuleFunc], Rule]:
    """Declare a rule; the function's docstring is its documentation."""
    if not _CODE.match(code):
        raise ValueError(f"bad rule code {code!r}")
    if group not in GROUPS:
        raise ValueError(f"unknown rule group {group!r}")

    def wrap(func: RuleFunc) -> Rule:
        return Rule(code, name, severity, func, scope, options, group, pages, layouts)

    return wrap

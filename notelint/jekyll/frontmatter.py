"""Front matter as the Jekyll gem and GitHub Pages read it: its delimiter rule and
SafeYAML's typing.

PyYAML composes the node tree (keeping every key's and value's position); the values are
then constructed here as SafeYAML builds them (`safeyaml.py`), which differs from PyYAML's
YAML 1.1 rules (`1,000`, `0755`, base 60, tags ignored, merge keys where they stand).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..diagnostics import Position
from . import safeyaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The nesting guard walks events with PyYAML's own Python parser: libyaml has limits of its
# own in some releases (PyYAML 6.0.4's refuses 1,000 levels while reading ahead), and the
# guard must fire first, with one message, whichever release pip installed.
_GuardLoader = yaml.SafeLoader
_ANCHOR_RE = re.compile(r"&[^\s,\[\]{}]*\s*")

# Jekyll's Document::YAML_FRONT_MATTER_REGEXP; Ruby's \s is ASCII-only and ^/$ are per line.
_WS = r"[ \t\r\n\f\v]"
FRONT_MATTER_RE = re.compile(rf"\A(---{_WS}*\n.*?\n?)^((?:---|\.\.\.){_WS}*$\n?)", re.M | re.S)
_OPENING_RE = re.compile(r"\A---[ \t\r\f\v]*\n")

MAX_DEPTH = 200  # nesting deeper than this is refused before libyaml's recursive composer
MAX_NODES = 100_000  # alias expansion bound ("billion laughs")

_STD = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class YamlProblem:
    message: str
    position: Position
    jekyll_line: int | None = None  # where Jekyll's message says it is, when not here


@dataclass(slots=True)  # one for each of 100,000 posts: no dict each
class FrontMatter:
    """The YAML block of a post and everything rules need to know about it."""

    present: bool = False
    text: str = ""  # the YAML given to the parser, opening `---` line included
    body_offset: int = 0  # offset of the first body character in the file text
    data: Any = None
    root: Node | None = None
    error: YamlProblem | None = None
    # Tuples: the empty one is shared by every post that has none.
    rejected: tuple[YamlProblem, ...] = ()
    duplicates: tuple[tuple[str, Position, Position], ...] = ()
    type_error: YamlProblem | None = None  # a value Jekyll's Ruby code chokes on while merging
    digest: str = ""  # `fingerprint`, kept by a copy without the text
    _pair_index: dict[Any, tuple[ScalarNode, Node]] | None = field(
        default=None, init=False, repr=False, compare=False)

    @property
    def mapping(self) -> dict[Any, Any]:
        """The data when Jekyll can use it, else an empty mapping."""
        return self.data if isinstance(self.data, dict) and not self.broken else {}

    @property
    def broken(self) -> bool:
        """True when Jekyll logs a read error and drops the whole front matter."""
        if self.error is not None or self.rejected or self.type_error is not None:
            return True
        return self.data is not None and self.data is not False and not isinstance(self.data, dict)

    def without_nodes(self) -> FrontMatter:
        """A copy without the YAML text and node tree (no key positions), but with the
        text's `fingerprint`."""
        return dataclasses.replace(self, text="", root=None, digest=self.fingerprint)

    @property
    def fingerprint(self) -> str:
        """A hash of the YAML text: an edit that moves a key moves the findings placed on
        it, though the data stays the same (postcache.py)."""
        if self.digest:
            return self.digest
        return hashlib.blake2b(self.text.encode("utf-8", "surrogatepass"),
                               digest_size=12).hexdigest()

    def key_node(self, key: str) -> ScalarNode | None:
        pair = self._pairs.get(key)
        return pair[0] if pair else None

    def value_node(self, key: str) -> Node | None:
        pair = self._pairs.get(key)
        return pair[1] if pair else None

    def key_position(self, key: str) -> Position | None:
        node = self.key_node(key)
        return node_position(node) if node is not None else None

    @property
    def key_positions(self) -> dict[str, Position]:
        return {key: node_position(pair[0]) for key, pair in self._pairs.items()}

    @property
    def _pairs(self) -> dict[Any, tuple[ScalarNode, Node]]:
        # Only read once loading is done: rules look up keys many times per post.
        if self._pair_index is None:
            pairs = {}
            if isinstance(self.root, MappingNode):
                for key, value in self.root.value:
                    if isinstance(key, ScalarNode):
                        pairs[key.value] = (key, value)
            self._pair_index = pairs
        return self._pair_index


def node_position(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def split(text: str) -> FrontMatter:
    """Find the front matter exactly where Jekyll finds it (and nowhere else)."""
    match = FRONT_MATTER_RE.match(text)
    if match is None:
        return FrontMatter()
    yaml_text = match.group(1)
    return FrontMatter(
        present=True,
        text=yaml_text,
        body_offset=match.end(),
    )


def opens_front_matter(text: str) -> bool:
    """The file's first line is `---`: front matter, if a closing line follows."""
    return bool(_OPENING_RE.match(text))


def load_document(text: str) -> FrontMatter:
    """A whole YAML file (`_config.yml`, a `_data` file), typed as SafeYAML types it."""
    fm = FrontMatter(present=True, text=text)
    load_yaml(fm)
    return fm


def load_yaml(fm: FrontMatter) -> None:
    """Compose and construct `fm.text`, recording problems on `fm` instead of raising."""
    source = fm.text
    if _possible_depth(source) > MAX_DEPTH:
        problem = _depth_problem(source)
        if problem is not None:
            fm.error = problem
            return
    try:
        fm.root = yaml.compose(source, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        fm.error = _syntax_problem(exc)
        return
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        fm.error = YamlProblem(str(exc).splitlines()[0], Position(1, 1))
        return
    if fm.root is None:
        return
    if ("*" in source) and _expanded_size(fm.root) > MAX_NODES:
        fm.error = YamlProblem(
            f"YAML aliases expand to more than {MAX_NODES:,} values (an alias bomb)",
            node_position(fm.root),
        )
        fm.root = None
        return
    fm.data = _Constructor(fm, source).construct(fm.root)


def _possible_depth(source: str) -> int:
    """An upper bound on the nesting of `source`, cheap enough to run on every post and on
    large `_data` files, so that only a possibly deep document is walked event by event.

    A block collection is indented more than its parent, except a sequence written at its
    key's indentation: a line indented by n is at most 2(n+1) levels deep, plus the compact
    entries written on it (`- - x`, `- a: b`, `? x`). Flow collections add at most one level
    per bracket in the whole document.
    """
    deepest = 0
    for line in source.splitlines():
        stripped = line.lstrip(" ")
        if not stripped:
            continue
        indent = len(line) - len(stripped)
        here = 2 * (indent + 1) + stripped.count("-") + stripped.count("?") + \
            stripped.count(":")
        deepest = max(deepest, here)
    return deepest + source.count("[") + source.count("{")


def _depth_problem(source: str) -> YamlProblem | None:
    depth = 0
    try:
        for event in yaml.parse(source, Loader=_GuardLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return YamlProblem(f"YAML nested more than {MAX_DEPTH} levels deep",
                                       Position(mark.line + 1, mark.column + 1))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        # Not deep before its first error: the loader reports that error in its own words.
        return None
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    # Psych (under SafeYAML) reports the context mark when there is one: the `[` or quote
    # left open, which is where the mistake is, or the start of the block mapping around a
    # misindented line, which is not: there the mistake is where libyaml found it.
    words = [w for w in (exc.problem, exc.context) if w]
    jekyll = exc.context_mark or exc.problem_mark
    mark = jekyll
    if exc.context_mark is not None and exc.problem_mark is not None and \
            (exc.context or "").startswith("while parsing a block"):
        mark = exc.problem_mark
    position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    said = jekyll.line + 1 if jekyll is not None and jekyll is not mark else None
    return YamlProblem(" ".join(words) or "invalid YAML", position, said)


def _expanded_size(root: Node) -> int:
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # on the current path: an alias back to one is a cycle
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if done or not children:
            open_nodes.discard(id(node))
            # A child still open is the node itself, or one containing it: Ruby builds such
            # a structure once (a list that holds itself), so it counts once here too.
            sizes[id(node)] = min(MAX_NODES + 1, 1 + sum(sizes.get(id(c), 0) for c in children))
        elif id(node) not in open_nodes:
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children
                         if id(c) not in sizes and id(c) not in open_nodes)
    return sizes[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


class _Constructor:
    """Builds Python values as SafeYAML does (see `safeyaml`), sharing aliased nodes.

    Tags are ignored (a `!ruby/object` mapping is a plain mapping), except `!!binary`.
    """

    def __init__(self, fm: FrontMatter, source: str) -> None:
        self.fm = fm
        self.source = source
        self.memo: dict[int, Any] = {}

    def construct(self, node: Node) -> Any:
        key = id(node)
        if key in self.memo:
            return self.memo[key]
        if isinstance(node, ScalarNode):
            value = self._scalar(node)
            if type(value) is str and len(value) <= 64:
                # Keys, tags and layouts repeat across posts: one string for all of them
                # (10,000 posts kept light hold 6 MB less).
                value = sys.intern(value)
        elif isinstance(node, SequenceNode):
            value = []
            self.memo[key] = value
            value.extend(self.construct(item) for item in node.value)
        else:
            value = {}
            self.memo[key] = value
            self._fill_mapping(node, value)
        self.memo[key] = value
        return value

    def _fill_mapping(self, node: MappingNode, out: dict[Any, Any]) -> None:
        seen: dict[Any, Position] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STD + "merge" and isinstance(key_node, ScalarNode):
                self._merge(key_node, value_node, out)
                continue
            key = _hashable(self.construct(key_node))
            where = node_position(key_node)
            if key in seen:
                self.fm.duplicates += ((str(key), seen[key], where),)
            seen[key] = where
            out[key] = self.construct(value_node)

    def _merge(self, key_node: ScalarNode, value_node: Node, out: dict[Any, Any]) -> None:
        """`<<:` as SafeYAML applies it: an alias of a mapping is merged where the key stands
        (over the keys before it); an inline mapping merges nothing; anything else fails."""
        if isinstance(value_node, MappingNode):
            # An alias's node is the one written at its anchor, earlier in the text.
            if value_node.start_mark.index < key_node.start_mark.index:
                out.update(self.construct(value_node))
            return
        kind = "Array" if isinstance(value_node, SequenceNode) else "String"
        self.fm.rejected += (YamlProblem(
            f"`<<:` merges only an alias of a mapping (`<<: *name`); with a "
            f"{'list' if kind == 'Array' else 'plain value'} Jekyll cannot read the front "
            f"matter (\"no implicit conversion of {kind} into Hash\")",
            node_position(key_node)),)

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == _STD + "binary":
            return safeyaml.binary(node.value)
        if node.style and not self._tagged(node):  # quoted, without a tag: a string
            return node.value
        return safeyaml.guess(node.value)

    def _tagged(self, node: ScalarNode) -> bool:
        start = node.start_mark.index
        if start < len(self.source) and self.source[start] == "&":
            anchor = _ANCHOR_RE.match(self.source, start)
            start = anchor.end() if anchor else start
        return start < len(self.source) and self.source[start] == "!"


def _hashable(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value

"""Jekyll's Liquid: python-liquid with Jekyll's tags, filters, variables and error semantics.

Jekyll 4.3 runs Liquid 4 in `error_mode: warn`: a malformed `{{ }}` is a warning and renders
leniently, while a broken or unknown block tag, a missing include, `post_url` or `link` target
abort the build. `LiquidProblem.fatal` carries that distinction; line numbers are counted from
the first body line, as Jekyll prints them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from liquid import Environment, Mode, StrictUndefined, Undefined
from liquid.ast import BlockNode, Node
from liquid.builtin.output import Output
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG, Token

from .filenames import parse_post_name
from .filters import RubyTime, make_filters

if TYPE_CHECKING:
    from liquid.context import RenderContext

    from .post import Post
    from .site import Site

STUB_TAG = "<!-- notelint-stub:tag:{} -->"
STUB_BLOCK = "<!-- notelint-stub:block:{} -->"
STUB_INCLUDE = "<!-- notelint-stub:include:{} -->"

_HIGHLIGHT_SYNTAX = re.compile(r'^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|"([0-9]+\s)*[0-9]+"))?)*)$')
_INCLUDE_PARAM = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.\-\[\]]+))""")
_INCLUDE_FILE = re.compile(r"^\s*((?:\{\{.*?\}\}|[^\s{}])+)\s*(.*)$", re.S)
_RAW_OPEN = re.compile(r"\{%-?\s*raw\s*-?%\}")
_RAW_CLOSE = re.compile(r"\{%-?\s*endraw\s*-?%\}")


@dataclass(frozen=True)
class LiquidProblem:
    """Something Jekyll would say about a post's Liquid."""

    kind: str  # syntax, unknown-tag, missing-target, output-syntax, runtime, deprecated
    message: str
    line: int  # body-relative, as Jekyll counts
    column: int
    fatal: bool
    name: str = ""  # the tag, include or target concerned


class Highlighter:
    """What the Liquid layer needs from the Markdown/HTML layer (kept out of `jekyll/`)."""

    def highlight_figure(self, code: str, lang: str, linenos: bool) -> str:
        raise NotImplementedError

    def markdownify(self, text: str) -> str:
        raise NotImplementedError

    def smartify(self, text: str) -> str:
        raise NotImplementedError


def _line_col(token: Token | None) -> tuple[int, int]:
    if token is None or token.start_index < 0:
        return 1, 1
    before = token.source[: token.start_index]
    return before.count("\n") + 1, token.start_index - (before.rfind("\n") + 1) + 1


class _Tags(dict):  # type: ignore[type-arg]
    """The tag register; a name nobody registered becomes a plugin stub, as in the reference."""

    def __init__(self, env: JekyllEnvironment) -> None:
        super().__init__()
        self.env = env

    def get(self, name: str, default: Any = None) -> Any:
        tag = super().get(name)
        if tag is not None or name in (TOKEN_EOF, "illegal"):
            return tag if tag is not None else default
        return _StubTag(self.env, name)


class _StubNode(Node):
    __slots__ = ("block_node", "name")

    def __init__(self, token: Token, name: str, block_node: BlockNode | None) -> None:
        super().__init__(token)
        self.name = name
        self.block_node = block_node
        self.blank = False  # it writes a marker: a block holding it is not blank

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        if self.block_node is None:
            return buffer.write(STUB_TAG.format(self.name))
        buffer.write(STUB_BLOCK.format(self.name))
        return self.block_node.render(context, buffer)


class _StubTag(Tag):
    block = False

    def __init__(self, env: JekyllEnvironment, name: str) -> None:
        super().__init__(env)
        self.name = name

    def parse(self, stream: TokenStream) -> Node:
        # A tag without a body leaves the stream on its last token; the parser moves on.
        token = stream.current
        has_markup = stream.peek.kind == TOKEN_EXPRESSION
        end = "end" + self.name
        self.env.report("unknown-tag", f"Unknown tag '{self.name}'", token, name=self.name)
        closed = any(t.kind == TOKEN_TAG and t.value == end
                     for t in stream.tokens[stream.pos:])
        if self.name.startswith("end") or not closed:
            if has_markup:
                next(stream)
            return _StubNode(token, self.name, None)
        next(stream)
        if has_markup:
            next(stream)
        block = get_parser(self.env).parse_block(stream, frozenset((end, TOKEN_EOF)))
        stream.expect(TOKEN_TAG, value=end)
        return _StubNode(token, self.name, block)


class _LaxOutput(Output):
    """`{{ x | }}` warns and renders what Liquid's lax parser can make of it."""

    def parse(self, stream: TokenStream) -> Node:
        token = stream.current
        expr = stream.peek
        try:
            return super().parse(stream)
        except LiquidSyntaxError as err:
            self.env.report("output-syntax", _message(err), token)
            text = expr.value if expr.kind == TOKEN_EXPRESSION else ""
            while "|" in text:
                text = text.rsplit("|", 1)[0]
                try:
                    return self.env.parse_output(token, text)
                except LiquidError:
                    continue
            head = re.match(r"\s*[\w.\-\[\]'\"]+", text)
            if head:
                try:
                    return self.env.parse_output(token, head.group(0))
                except LiquidError:
                    pass
            raise


def _message(err: LiquidError) -> str:
    text = str(err.args[0]) if err.args else type(err).__name__
    return re.sub(r"(?:\w+\.)*<locals>\.", "", text)


class _TextNode(Node):
    __slots__ = ("func",)

    def __init__(self, token: Token, func: Callable[[RenderContext], str]) -> None:
        super().__init__(token)
        self.func = func
        self.blank = False  # Liquid drops "blank" blocks; tag output is never blank

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(self.func(context))


class _MarkupTag(Tag):
    """A Jekyll tag that takes its raw markup (`{% name markup %}`) and no body."""

    block = False

    def parse(self, stream: TokenStream) -> Node:
        token = stream.current
        markup = ""
        if stream.peek.kind == TOKEN_EXPRESSION:
            next(stream)
            markup = stream.current.value
        return _TextNode(token, lambda ctx: self.run(ctx, markup.strip(), token))

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        raise NotImplementedError


class _PostUrlTag(_MarkupTag):
    name = "post_url"

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        env: JekyllEnvironment = self.env  # type: ignore[assignment]
        markup = _render_vars(context, markup)
        url = env.post_url(markup, token)
        return "" if url is None else env.baseurl() + url


class _LinkTag(_MarkupTag):
    name = "link"

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        env: JekyllEnvironment = self.env  # type: ignore[assignment]
        path = _render_vars(context, markup)
        url = env.site_urls.get(path.lstrip("/"))
        if url is None:
            env.report("missing-target", f"Could not find document '{path}' in tag 'link'. "
                       "Make sure the document exists and the path is correct.", token,
                       name=path)
            return ""
        return env.baseurl() + url


class _IncludeTag(_MarkupTag):
    name = "include"
    relative = False

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        env: JekyllEnvironment = self.env  # type: ignore[assignment]
        match = _INCLUDE_FILE.match(markup)
        if not match:
            env.report("syntax", f"Invalid syntax for include tag: {markup}", token)
            return ""
        name = _render_vars(context, match.group(1)).strip()
        params: dict[str, Any] = {}
        for key, dq, sq, var in _INCLUDE_PARAM.findall(match.group(2)):
            if var:
                params[key] = _literal(var, context, token)
            else:
                params[key] = (dq or sq).replace('\\"', '"').replace("\\'", "'")
        template = env.include_template(name, self.relative, token)
        if template is None:
            return STUB_INCLUDE.format(name)
        buffer = StringIO()
        with context.extend({"include": params}):
            for node in template:
                node.render(context, buffer)
        return buffer.getvalue()


_LITERALS = {"true": True, "false": False, "nil": None, "null": None}


def _literal(text: str, context: RenderContext, token: Token) -> Any:
    if text in _LITERALS:
        return _LITERALS[text]
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return context.get(re.split(r"\.|\[['\"]?|['\"]?\]\.?", text.rstrip("]'\"")),
                       token=token, default=None)


class _IncludeRelativeTag(_IncludeTag):
    name = "include_relative"
    relative = True


class _HighlightNode(Node):
    __slots__ = ("block", "lang", "linenos")

    def __init__(self, token: Token, lang: str, linenos: bool, block: BlockNode) -> None:
        super().__init__(token)
        self.lang, self.linenos, self.block = lang, linenos, block
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        env: JekyllEnvironment = context.env  # type: ignore[assignment]
        inner = StringIO()
        self.block.render(context, inner)
        code = re.sub(r"\A(\n|\r)+|(\n|\r)+\Z", "", inner.getvalue())
        return buffer.write(env.highlighter.highlight_figure(code, self.lang, self.linenos))


class _HighlightTag(Tag):
    name = "highlight"
    end = "endhighlight"

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        markup = ""
        if stream.current.kind == TOKEN_EXPRESSION:
            markup = stream.current.value.strip()
            next(stream)
        match = _HIGHLIGHT_SYNTAX.match(markup)
        if not match:
            raise LiquidSyntaxError(
                f"Syntax Error in tag 'highlight' while parsing the following markup:\n\n"
                f"  {markup}\n\nValid syntax: highlight <lang> [linenos]", token=token)
        options = match.group(2).split()
        block = get_parser(self.env).parse_block(stream, frozenset((self.end, TOKEN_EOF)))
        stream.expect(TOKEN_TAG, value=self.end)
        linenos = any(o == "linenos" or o.startswith("linenos=") for o in options)
        return _HighlightNode(token, match.group(1).lower(), linenos, block)


def _render_vars(context: RenderContext, markup: str) -> str:
    """Jekyll expands `{{ var }}` inside tag markup before reading it."""
    if "{{" not in markup:
        return markup.strip()
    env: JekyllEnvironment = context.env  # type: ignore[assignment]
    buffer = StringIO()
    for node in env.parse_nodes(markup):
        node.render(context, buffer)
    return buffer.getvalue().strip()


class JekyllEnvironment(Environment):
    """One site's Liquid: Jekyll's tags and filters, its config's error modes."""

    def __init__(self, site: Site, highlighter: Highlighter) -> None:
        settings = site.config.get("liquid") or {}
        settings = settings if isinstance(settings, dict) else {}
        self.error_mode = str(settings.get("error_mode", "warn"))
        super().__init__(
            tolerance=Mode.WARN,
            undefined=StrictUndefined if settings.get("strict_variables") is True else Undefined,
            strict_filters=settings.get("strict_filters") is True)
        self.site = site
        self.highlighter = highlighter
        self.problems: list[LiquidProblem] = []
        self._include_cache: dict[Path, list[Node] | None] = {}
        self._post: Post | None = None
        self._body = ""
        self._include_line = (1, 1)
        self._globals: dict[str, Any] = {}
        self.filters.update(make_filters(self))

    def setup_tags_and_filters(self, *, extra: bool = False) -> None:
        super().setup_tags_and_filters(extra=extra)
        tags = _Tags(self)
        tags.update(self.tags)
        self.tags = tags
        for tag in (_LaxOutput, _PostUrlTag, _LinkTag, _IncludeTag, _IncludeRelativeTag,
                    _HighlightTag):
            self.add_tag(tag)

    # -- reporting -----------------------------------------------------------------------

    def report(self, kind: str, message: str, token: Token | None, *, name: str = "",
               fatal: bool | None = None) -> None:
        if kind == "output-syntax":
            if self.error_mode == "lax":
                return
            fatal = self.error_mode == "strict"
        line, column = _line_col(token)
        if token is not None and self._post is not None and token.source is not self._body:
            line, column = self._include_line
        self.problems.append(LiquidProblem(kind, message, line, column,
                                           True if fatal is None else fatal, name))

    def error(self, exc: Any, msg: str | None = None, token: Token | None = None) -> None:
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        token = exc.token or token
        message = _message(exc)
        unclosed = re.match(r"expected tag end(\w+), found end of expression", message)
        if unclosed:
            # Jekyll names the block and points at the last line of the body.
            message = f"'{unclosed.group(1)}' tag was never closed"
            token = Token(TOKEN_EOF, "", len(self._body), self._body)
        self.report("syntax", message, token)

    # -- parsing helpers used by the tags ------------------------------------------------

    def parse_nodes(self, source: str) -> list[Node]:
        return self._parse(source)

    def parse_output(self, token: Token, expression: str) -> Node:
        from liquid.builtin.expressions import FilteredExpression, tokenize
        from liquid.builtin.output import OutputNode
        expr_token = Token(TOKEN_EXPRESSION, expression, token.start_index, token.source)
        return OutputNode(token, FilteredExpression.parse(
            self, TokenStream(tokenize(expression, expr_token))))

    def condition(self, expression: str) -> Callable[[Mapping[str, Any]], bool]:
        nodes = self._parse("{% if " + expression + " %}1{% endif %}")
        return lambda scope: self._render_nodes(nodes, scope) == "1"

    def expression(self, expression: str) -> Callable[[Mapping[str, Any]], str]:
        nodes = self._parse("{{ " + expression + " }}")
        return lambda scope: self._render_nodes(nodes, scope)

    def render_fragment(self, source: str, scope: Mapping[str, Any]) -> str:
        """A piece of Liquid outside a post's own render (problems are not reported)."""
        saved = self.problems
        self.problems = []
        try:
            return self._render_nodes(self._parse(source), scope)
        except LiquidError:
            return ""
        finally:
            self.problems = saved

    def _render_nodes(self, nodes: list[Node], scope: Mapping[str, Any]) -> str:
        template = self.from_string("")
        from liquid.context import RenderContext
        context = RenderContext(template, globals={**self._globals, **scope})
        buffer = StringIO()
        for node in nodes:
            node.render(context, buffer)
        return buffer.getvalue()

    # -- Jekyll lookups --------------------------------------------------------------------

    def baseurl(self) -> str:
        base = self.site.config.get("baseurl")
        return "" if base in (None, False) else str(base)

    @cached_property
    def site_urls(self) -> dict[str, str]:
        """Source-relative path -> URL, for `{% link %}`."""
        urls = {p.relative_path: p.url for p in self.site.published_posts() if p.url}
        urls.update({e.relative_path: e.url for e in self.site.entries})
        return urls

    @cached_property
    def _post_names(self) -> tuple[dict[str, str], dict[str, str]]:
        """Published posts by path below `_posts` (no extension), and by file name alone."""
        exact: dict[str, str] = {}
        loose: dict[str, str] = {}
        for post in self.site.published_posts():
            if post.url:
                exact.setdefault(post.collection_path.rpartition(".")[0], post.url)
                loose.setdefault(post.basename_without_ext, post.url)
        return exact, loose

    def post_url(self, name: str, token: Token) -> str | None:
        if parse_post_name(name.rpartition("/")[2] + ".md") is None:
            self.report("missing-target", f'Could not parse name of post "{name}" in tag '
                        "'post_url'. Make sure the post exists and the name is correct.",
                        token, name=name)
            return None
        exact, loose = self._post_names
        if name in exact:
            return exact[name]
        url = loose.get(name.rpartition("/")[2])
        if url is not None:
            self.report("deprecated", f"A call to '{{% post_url {name} %}}' did not match "
                        "a post using the new matching method of checking name "
                        "(path-date-slug) equality. Please make sure that you change this "
                        "tag to match the post's name exactly.", token, name=name,
                        fatal=False)
            return url
        self.report("missing-target", f'Could not find post "{name}" in tag \'post_url\'. '
                    "Make sure the post exists and the name is correct.", token, name=name)
        return None

    def include_template(self, name: str, relative: bool, token: Token) -> list[Node] | None:
        if relative and self._post is not None:
            base = self._post.path.parent
            where = "the post's folder"
        else:
            base = self.site.root / str(self.site.config.get("includes_dir", "_includes"))
            where = '["_includes"]'
        path = (base / name)
        if ".." in Path(name).parts or not path.is_file():
            self.report("missing-target", f"Could not locate the included file '{name}' in any "
                        f"of {where}. Ensure it exists in one of those directories.", token,
                        name=name)
            return None
        if path not in self._include_cache:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._include_cache[path] = None
                return None
            saved = self._include_line
            self._include_line = _line_col(token)
            self._include_cache[path] = self._parse(text)
            self._include_line = saved
        return self._include_cache[path]

    # -- rendering a post ------------------------------------------------------------------

    def render_post(self, post: Post, body: str, content: str | None = None,
                    layout: Mapping[str, Any] | None = None) -> tuple[str, list[LiquidProblem]]:
        """`body` through Liquid with `site`, `page` (and `content`/`layout` for layouts)."""
        self.problems = []
        self._post = post
        self._body = body
        self._include_line = (1, 1)
        self._globals = {"site": self.site_drop, "page": PostDrop(post, self),
                         "jekyll": {"environment": "production", "version": "4.3.1"}}
        if content is not None:
            self._globals["content"] = content
            self._globals["layout"] = dict(layout or {})
        try:
            self._check_raw(body)
            nodes = self._parse(body)
            fatal = [p for p in self.problems if p.fatal and p.kind == "syntax"]
            if fatal:
                return "", self.problems
            template = self.from_string("")
            from liquid.context import RenderContext
            context = RenderContext(template, globals=self._globals)
            buffer = StringIO()
            for node in nodes:
                node.render(context, buffer)
            return buffer.getvalue(), self.problems
        except LiquidError as err:
            line, column = _line_col(err.token if err.token and err.token.source is body
                                     else None)
            self.problems.append(LiquidProblem("runtime", _message(err), line, column, True))
            return "", self.problems
        finally:
            self._post = None

    def _check_raw(self, body: str) -> None:
        for match in _RAW_OPEN.finditer(body):
            if not _RAW_CLOSE.search(body, match.end()):
                self.report("syntax", "'raw' tag was never closed",
                            Token(TOKEN_TAG, "raw", match.start(), body))
                return

    @cached_property
    def site_drop(self) -> SiteDrop:
        return SiteDrop(self)


class PostDrop(Mapping[str, Any]):
    """`page` / an item of `site.posts`: front matter plus what Jekyll derives."""

    jekyll_drop = True

    def __init__(self, post: Post, env: JekyllEnvironment) -> None:
        self.post = post
        self.env = env

    @cached_property
    def _data(self) -> dict[str, Any]:
        post = self.post
        date = RubyTime.of(post.date) if post.date is not None else None
        url = post.url or ""
        data = dict(post.data)
        data.update({
            "url": url, "date": date, "id": url.rpartition(".")[0] if "." in url.rpartition(
                "/")[2] else url, "slug": post.slug or post.name.slug,
            "categories": post.categories, "tags": post.tags, "path": post.relative_path,
            "relative_path": post.relative_path, "name": post.path.name,
            "ext": post.name.ext, "collection": "posts", "draft": post.draft,
            "content": self._body(), "output": None,
        })
        data.setdefault("title", post.title)
        data["excerpt"] = None  # computed on demand: it needs a render
        return data

    def _body(self) -> str:
        text = self.post.text
        return text[self.post.front_matter.body_offset:] if self.post.front_matter.present \
            else text

    def __getitem__(self, key: str) -> Any:
        if key in ("previous", "next"):
            return self.env.site_drop.neighbour(self.post, -1 if key == "previous" else 1)
        if key == "excerpt":
            return self._excerpt
        return self._data[key]

    @cached_property
    def _excerpt(self) -> str | None:
        """Jekyll's excerpt: front matter `excerpt:` as is, else the rendered first part."""
        if "excerpt" in self.post.data:
            return self.post.data["excerpt"]
        separator = self.post.data.get("excerpt_separator",
                                       self.env.site.config.get("excerpt_separator", "\n\n"))
        if not separator:
            return None
        head = self._body().split(str(separator), 1)[0]
        if "{{" in head or "{%" in head:
            head = self.env.render_fragment(head, {"page": self, "site": self.env.site_drop})
        if self.post.name.ext.lower() in self.env.site.markdown_exts:
            return self.env.highlighter.markdownify(head)
        return head

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __str__(self) -> str:
        return self._body()


class SiteDrop(Mapping[str, Any]):
    """`site`: the config plus posts, tags, categories and data."""

    jekyll_drop = True

    def __init__(self, env: JekyllEnvironment) -> None:
        self.env = env
        self.site = env.site

    @cached_property
    def _posts(self) -> list[Post]:
        posts = [p for p in self.site.published_posts() if not p.draft and p.date is not None]
        return sorted(posts, key=lambda p: (p.date, p.relative_path))

    @cached_property
    def _data(self) -> dict[str, Any]:
        data = dict(self.site.config.data)
        drops = [PostDrop(p, self.env) for p in reversed(self._posts)]
        data["posts"] = drops
        data["tags"] = _index(drops, "tags")
        data["categories"] = _index(drops, "categories")
        data["data"] = _read_data(self.site.root / str(data.get("data_dir") or "_data"))
        data["time"] = RubyTime.of(self.site.time)
        data.setdefault("baseurl", None)
        data.setdefault("url", None)
        data["pages"] = data["html_pages"] = data["static_files"] = data["documents"] = []
        return data

    def neighbour(self, post: Post, step: int) -> PostDrop | None:
        posts = self._posts
        for index, candidate in enumerate(posts):
            if candidate is post:
                other = index + step
                return PostDrop(posts[other], self.env) if 0 <= other < len(posts) else None
        return None

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def _index(drops: list[PostDrop], key: str) -> dict[str, list[PostDrop]]:
    index: dict[str, list[PostDrop]] = {}
    for drop in drops:
        for value in drop[key] or []:
            index.setdefault(str(value), []).append(drop)
    return index


def _read_data(folder: Path) -> dict[str, Any]:
    """`site.data`: YAML and JSON files of `_data`, nested by sub-folder."""
    import csv
    import json

    import yaml
    data: dict[str, Any] = {}
    if not folder.is_dir():
        return data
    for path in sorted(folder.iterdir()):
        key = path.stem
        try:
            if path.is_dir():
                data[path.name] = _read_data(path)
            elif path.suffix in (".yml", ".yaml"):
                data[key] = yaml.safe_load(path.read_text(encoding="utf-8"))
            elif path.suffix == ".json":
                data[key] = json.loads(path.read_text(encoding="utf-8"))
            elif path.suffix in (".csv", ".tsv"):
                with path.open(encoding="utf-8", newline="") as handle:
                    data[key] = list(csv.DictReader(
                        handle, delimiter="\t" if path.suffix == ".tsv" else ","))
        except (OSError, ValueError, yaml.YAMLError):
            continue
    return data

"""Jekyll's Liquid tags (`post_url`, `link`, `include`, `include_relative`, `highlight`), the
lenient `{{ }}` of Jekyll's default error mode, and plugin tags rendered as stub markers."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import StringIO
from typing import TYPE_CHECKING, Any, TextIO

from liquid.ast import BlockNode, Node
from liquid.builtin.output import Output
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG, Token

from . import liquid_lax

if TYPE_CHECKING:
    from liquid.context import RenderContext

    from .liquid import JekyllEnvironment

# Tags python-liquid has from Liquid 5 that Liquid 4 (Jekyll, GitHub Pages) does not know:
# using one stops the build.
LIQUID5_TAGS = frozenset({"echo", "liquid", "render", "#", "doc"})

STUB_TAG = "<!-- notelint-stub:tag:{} -->"
STUB_BLOCK = "<!-- notelint-stub:block:{} -->"
STUB_INCLUDE = "<!-- notelint-stub:include:{} -->"

_HIGHLIGHT_SYNTAX = re.compile(r'^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|"([0-9]+\s)*[0-9]+"))?)*)$')
_INCLUDE_PARAM = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.\-\[\]]+))""")
_INCLUDE_FILE = re.compile(r"^\s*((?:\{\{.*?\}\}|[^\s{}])+)\s*(.*)$", re.S)

class TagRegister(dict):  # type: ignore[type-arg]
    """The tag register; a name nobody registered becomes a plugin stub, as in the reference."""

    def __init__(self, env: JekyllEnvironment) -> None:
        super().__init__()
        self.env = env
        # Tags of plugins notelint does not model but knows are there (a site's own
        # `_plugins/*.rb`): stubbed like unknown tags, but not reported.
        self.known: frozenset[str] = frozenset()
        self.any_known = False  # a plugin notelint knows nothing of may define any tag

    def get(self, name: str, default: Any = None) -> Any:
        tag = super().get(name)
        if tag is not None or name in (TOKEN_EOF, "illegal"):
            return tag if tag is not None else default
        return _StubTag(self.env, name, report=not self.any_known and name not in self.known
                        and name.removeprefix("end") not in self.known)


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

    def __init__(self, env: JekyllEnvironment, name: str, *, report: bool = True) -> None:
        super().__init__(env)
        self.name = name
        self.report = report

    def parse(self, stream: TokenStream) -> Node:
        # A tag without a body leaves the stream on its last token; the parser moves on.
        token = stream.current
        has_markup = stream.peek.kind == TOKEN_EXPRESSION
        end = "end" + self.name
        if self.name in LIQUID5_TAGS:
            self.env.report("syntax", _liquid5_message(self.name, stream), token)
        elif self.report:
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


def _liquid5_message(name: str, stream: TokenStream) -> str:
    if name == "#":
        markup = stream.peek.value if stream.peek.kind == TOKEN_EXPRESSION else ""
        return (f"Tag '{{% # {markup.strip()} %}}' was not properly terminated with regexp: "
                "/\\%\\}/ (inline comments are Liquid 5; Jekyll runs Liquid 4)")
    return f"Unknown tag '{name}' (`{{% {name} %}}` is Liquid 5; Jekyll runs Liquid 4)"


class _LaxOutput(Output):
    """`{{ x | }}` warns and renders what Liquid 4's lax parser makes of it."""

    def parse(self, stream: TokenStream) -> Node:
        token = stream.current
        expr = stream.peek
        try:
            return super().parse(stream)
        except LiquidSyntaxError as err:
            self.env.report("output-syntax", message(err), token)
            text = expr.value if expr.kind == TOKEN_EXPRESSION else ""
            try:
                return self.env.parse_output(token, liquid_lax.output(text))
            except LiquidError:
                # Liquid 4 reads anything here: at worst a variable that does not exist.
                return _TextNode(token, lambda context: "")


def message(err: LiquidError) -> str:
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


class MarkupTag(Tag):
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


class _PostUrlTag(MarkupTag):
    name = "post_url"

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        env: JekyllEnvironment = self.env  # type: ignore[assignment]
        markup = render_vars(context, markup)
        url = env.post_url(markup, token)
        return "" if url is None else env.tag_baseurl() + url


class _LinkTag(MarkupTag):
    name = "link"

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        env: JekyllEnvironment = self.env  # type: ignore[assignment]
        path = render_vars(context, markup)
        url = env.site_urls.get(path.lstrip("/"))
        if url is None and env.site.local_plugins.may_generate(path):
            # A page the site's own generator may make from that path (notelint says once
            # that it cannot see them): its likely URL, which no rule then judges.
            stem, dot, ext = path.strip("/").rpartition(".")
            plain = f"{stem}.html" if dot and f".{ext.lower()}" in env.site.markdown_exts \
                else path.strip("/")
            return env.tag_baseurl() + "/" + plain
        if url is None:
            env.report("missing-target", f"Could not find document '{path}' in tag 'link'. "
                       "Make sure the document exists and the path is correct.", token,
                       name=path)
            return ""
        return env.tag_baseurl() + url


class IncludeTag(MarkupTag):
    name = "include"
    relative = False

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        env: JekyllEnvironment = self.env  # type: ignore[assignment]
        match = _INCLUDE_FILE.match(markup)
        if not match:
            env.report("syntax", f"Invalid syntax for include tag: {markup}", token)
            return ""
        name = render_vars(context, match.group(1)).strip()
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
        with context.extend({"include": params}), env.rendering_include(name, token):
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


class _IncludeRelativeTag(IncludeTag):
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


def render_vars(context: RenderContext, markup: str) -> str:
    """Jekyll expands `{{ var }}` inside tag markup before reading it."""
    if "{{" not in markup:
        return markup.strip()
    env: JekyllEnvironment = context.env  # type: ignore[assignment]
    buffer = StringIO()
    for node in env.parse_nodes(markup):
        node.render(context, buffer)
    return buffer.getvalue().strip()


JEKYLL_TAGS = (_LaxOutput, _PostUrlTag, _LinkTag, IncludeTag, _IncludeRelativeTag,
               _HighlightTag)

"""Jekyll's Liquid: python-liquid with Jekyll's tags, filters, variables and error semantics.

Jekyll 4.3 runs Liquid 4 in `error_mode: warn`: a malformed `{{ }}` is a warning and renders
leniently, while a broken or unknown block tag, a missing include, `post_url` or `link` target
abort the build. `LiquidProblem.fatal` carries that distinction; line numbers are counted from
the first body line, as Jekyll prints them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liquid import Environment, Mode, StrictUndefined, Undefined
from liquid.ast import Node
from liquid.builtin.content import ContentNode
from liquid.exceptions import (
    BlockNestingError,
    BreakLoop,
    ContextDepthError,
    ContinueLoop,
    FilterError,
    LiquidError,
    ResourceLimitError,
)
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.token import TOKEN_CONTENT, TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG, Token

from .. import sitefs
from ..source import SourceMap, SourceText
from . import liquid_lax, plugins
from .drops import PostDrop, SiteDrop
from .filenames import parse_post_name
from .filters import make_filters
from .liquid_tags import JEKYLL_TAGS, LIQUID5_TAGS, TagRegister, message

if TYPE_CHECKING:

    from .post import Post
    from .site import Site

_RAW_OPEN = re.compile(r"\{%-?\s*raw\s*-?%\}")
# Liquid 4's raw tag looks for its end as `{%` + spaces + `endraw`: `{%- endraw` is not it.
_RAW_CLOSE = re.compile(r"\{%\s*endraw(?:\s[^%]*)?-?%\}")
# Liquid 4 ignores whatever follows the name of a block's end tag (`{% endhighlight raw %}`);
# python-liquid refuses it. Blanked out (offsets kept for the source map).
_END_MARKUP = re.compile(r"(\{%-?\s*end(?:if|unless|case|for|tablerow|capture|comment|raw|"
                         r"highlight))(\s+[^\s%-][^%]*?)(\s*-?%\})")


_TAG = re.compile(r"(\{%-?\s*)(\w+)([^%]*?)\s*-?%\}", re.S)


def _enclosing_tag(body: str, offset: int) -> re.Match[str] | None:
    """The `{% ... %}` tag around an offset of the body."""
    start = body.rfind("{%", 0, offset + 2)
    if start == -1:
        return None
    match = _TAG.match(body, start)
    return match if match is not None and match.end() > offset else None


def _without_end_markup(source: str) -> str:
    if "{%" not in source or _END_MARKUP.search(source) is None:
        return source
    return _END_MARKUP.sub(lambda m: m.group(1) + " " * len(m.group(2)) + m.group(3), source)


_MANY_UNCLOSED = 100
_LIMITS = {
    "LoopIterationLimitError": "loops here would run more than 10 million times",
    "LocalNamespaceLimitError": "variables here would hold more than 64 MB",
    "OutputStreamLimitError": "the page would be larger than 8 MB",
}


def _defused(source: str) -> str:
    """`source`, same length, with the `{{` and `{%` that follow an unclosed one turned into
    text. python-liquid's lexer looks to the end of the text for each unclosed delimiter
    (quadratic on 50,000 of them); Liquid 4 stops at the first one anyway, so what follows
    it is never rendered. Only done past a hundred of them: no real post has that many."""
    for opening, closing in (("{{", "}}"), ("{%", "%}")):
        last = source.rfind(closing)
        first = source.find(opening, last + 2 if last >= 0 else 0)
        if first < 0 or source.count(opening, first) <= _MANY_UNCLOSED:
            continue
        source = source[:first + 2] + source[first + 2:].replace(opening, opening[0] + " ")
    return source


@dataclass(frozen=True)
class LiquidProblem:
    """Something Jekyll would say about a post's Liquid."""

    kind: str  # syntax, unknown-tag, missing-target, output-syntax, runtime, deprecated
    message: str
    line: int  # body-relative, as Jekyll counts
    column: int
    fatal: bool
    name: str = ""  # the tag, include or target concerned
    where: str = ""  # inside an include: its file and line, as Jekyll names them
    offset: int = -1  # inside an include: where in its text (for its lax reading)


class Highlighter:
    """What the Liquid layer needs from the Markdown/HTML layer (kept out of `jekyll/`)."""

    def highlight_figure(self, code: str, lang: str, linenos: bool) -> str:
        raise NotImplementedError

    def markdownify(self, text: str) -> str:
        raise NotImplementedError

    def smartify(self, text: str) -> str:
        raise NotImplementedError


def _guarded(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """`func` with Python's arithmetic and conversion errors (NaN rounded, a year past
    9999) raised as the Liquid error they are in Ruby, where Jekyll stops on them."""

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ArithmeticError, ValueError) as exc:
            if isinstance(exc, LiquidError):
                raise
            raise FilterError(f"{name}: {exc}", token=None) from exc

    return guarded


_DECIMAL = re.compile(r"-?\d+\.\d+")
_RUBY_INT = re.compile(r"\s*([-+]?\d+(?:_\d+)*)")
_MATH_FILTERS = ("plus", "minus", "times", "divided_by", "modulo", "round", "ceil", "floor",
                 "abs", "at_least", "at_most")


def _ruby_number(value: Any) -> Any:
    """Liquid 4's Utils.to_number for a string: `1.5` is a decimal, anything else is Ruby's
    `to_i` (`"1e3"` is 1, `"12px"` is 12), where Python would read `1e3` as 1000.0."""
    if not isinstance(value, str) or _DECIMAL.fullmatch(value.strip()):
        return value
    found = _RUBY_INT.match(value)
    return int(found.group(1).replace("_", "")) if found else 0


def _ruby_math(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def math(*args: Any, **kwargs: Any) -> Any:
        return func(*(_ruby_number(a) for a in args), **kwargs)

    return math


def _lax_message(name: str, markup: str, new: str) -> str:
    return (f"Liquid cannot parse `{{% {name} {markup.strip()} %}}` strictly: Jekyll warns "
            f"and reads it as `{{% {name} {new} %}}`")


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:  # a theme's include
        return path.as_posix()


def _is_file(path: Path | None) -> bool:
    try:
        return path is not None and path.is_file()
    except OSError:  # a name too long, a folder notelint may not enter
        return False


def _line_col(token: Token | None) -> tuple[int, int]:
    if token is None or token.start_index < 0:
        return 1, 1
    before = token.source[: token.start_index]
    return before.count("\n") + 1, token.start_index - (before.rfind("\n") + 1) + 1

def _source_map(starts: list[tuple[int, Node]], body: str) -> SourceMap:
    spans = []
    for index, (out_start, node) in enumerate(starts):
        begin = max(node.token.start_index, 0)
        end = starts[index + 1][1].token.start_index if index + 1 < len(starts) else len(body)
        literal = isinstance(node, ContentNode)
        if literal and node.text:
            # Whitespace control trims the text, so it may start after the token does.
            found = body.find(node.text, begin)
            begin = found if found >= 0 else begin
        spans.append((out_start, begin, max(end, begin), literal))
    return SourceMap(tuple(spans))


def release() -> None:
    """Let go of every site's Liquid environment. python-liquid keeps the parser of the last
    128 environments in a module-level cache, and with them their sites: a process that
    checks again and again (the API, a preview server, the fuzzer) calls this after a run."""
    get_parser.cache_clear()


class JekyllEnvironment(Environment):
    """One site's Liquid: Jekyll's tags and filters, its config's error modes.

    Ruby's Liquid runs a page without limits; a post in a pull request is untrusted, so
    python-liquid's limits stop what no real blog comes near and Jekyll would spend hours or
    all memory on (`(1..100000000)`, a string doubled in a loop).
    """

    block_nesting_limit = 100  # Liquid 4's Block::MAX_DEPTH: "Nesting too deep"
    context_depth_limit = 100
    loop_iteration_limit = 10_000_000  # the product of nested loops' lengths
    local_namespace_limit = 64 * 1024 * 1024
    output_stream_limit = 8 * 1024 * 1024  # a page; the largest real posts are under 1 MB

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
        # What parsing each include reported: said again for every post that includes it,
        # so a post gets the same findings alone as in a run over the whole site.
        self._include_problems: dict[Path, list[LiquidProblem]] = {}
        self._parsing_include = ""  # the include being parsed, as Jekyll names it
        self._rendering_include = ""  # the include being rendered, by its name
        self._include_text = ""
        self._post: Post | None = None
        self._relative_base: Path | None = None  # `include_relative` reads from here
        self._body = ""
        self._include_line = (1, 1)
        self._globals: dict[str, Any] = {}
        self.filters.update(make_filters(self))
        for name in _MATH_FILTERS:
            if name in self.filters:
                self.filters[name] = _ruby_math(self.filters[name])
        self.filters = {name: _guarded(name, func) for name, func in self.filters.items()}
        for plugin in plugins.modules(sorted(site.plugin_names)):
            for tag in getattr(plugin, "TAGS", ()):
                self.add_tag(tag)
        self.tags.known = site.local_plugins.tags | plugins.known_tags(  # type: ignore[attr-defined]
            site.plugin_names)
        self.tags.any_known = bool(plugins.unknown(site.plugin_names))  # type: ignore[attr-defined]

    def setup_tags_and_filters(self, *, extra: bool = False) -> None:
        super().setup_tags_and_filters(extra=extra)
        # Liquid 5 additions: Jekyll and GitHub Pages run Liquid 4, where these tags are
        # unknown and `base64_encode` is an unknown filter (ignored).
        for name in LIQUID5_TAGS:
            self.tags.pop(name, None)
        self.filters.pop("base64_encode", None)
        tags = TagRegister(self)
        tags.update(self.tags)
        self.tags = tags
        for tag in JEKYLL_TAGS:
            self.add_tag(tag)

    # -- reporting -----------------------------------------------------------------------

    def report(self, kind: str, message: str, token: Token | None, *, name: str = "",
               fatal: bool | None = None) -> None:
        if kind == "output-syntax":
            if self.error_mode == "lax":
                return
            fatal = self.error_mode == "strict"
        line, column = self._position(token)
        where, offset = "", -1
        if self._parsing_include and token is not None and token.source is not self._body:
            where = f"{self._parsing_include} line {_line_col(token)[0]}"
            if token.source is not None and len(token.source) == len(self._include_text):
                offset = token.start_index
        elif self._rendering_include and token is not None and token.source is not self._body:
            where = f"_includes/{self._rendering_include} line {_line_col(token)[0]}"
        self.problems.append(LiquidProblem(kind, message, line, column,
                                           True if fatal is None else fatal, name, where,
                                           offset))

    @contextlib.contextmanager
    def rendering_include(self, name: str, token: Token) -> Iterator[None]:
        """While an include renders, a problem met in it is reported at the post's include
        tag, naming the include and its line."""
        saved = self._include_line, self._rendering_include
        if token.source is self._body:
            self._include_line = _line_col(token)
        self._rendering_include = name
        try:
            yield
        finally:
            self._include_line, self._rendering_include = saved

    def _position(self, token: Token | None) -> tuple[int, int]:
        """Where a problem is in the post: inside an include, at the include tag."""
        if token is not None and self._post is not None and token.source is not self._body:
            return self._include_line
        return _line_col(token)

    def error(self, exc: Any, msg: str | None = None, token: Token | None = None) -> None:
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        if isinstance(exc, BlockNestingError):
            raise exc  # Liquid 4 gives up on the whole template: one finding, not hundreds
        token = exc.token or token
        text = message(exc)
        unclosed = re.match(r"expected tag end(\w+), found end of expression", text)
        if unclosed:
            # Jekyll names the block and points at the last line of the body.
            text = f"'{unclosed.group(1)}' tag was never closed"
            # The end of what was being parsed: the body, or the include (then reported at
            # the include tag).
            source = self._include_text if self._parsing_include else self._body
            token = Token(TOKEN_EOF, "", len(source), source)
        self.report("syntax", text, token)

    # -- parsing helpers used by the tags ------------------------------------------------

    def parse_nodes(self, source: str) -> list[Node]:
        return self._parse(source)

    def tokenizer(self) -> Callable[[str], Iterator[Token]]:
        lex = super().tokenizer()

        def tokenize(source: str) -> Iterator[Token]:
            tokens = list(lex(source))
            # python-liquid ends the last text at `$`, which also matches before a final
            # newline; after a right-trimming tag (`-%}`) that newline is trimmed with the
            # text's start. Liquid 4 keeps it: an include ending `</head>\n` keeps its `\n`.
            last = tokens[-1] if tokens else None
            if last is not None and last.kind == TOKEN_CONTENT and source.endswith("\n") \
                    and last.start_index < len(source) - 1 and \
                    last.value == source[last.start_index:-1].lstrip():
                tokens[-1] = last._replace(value=last.value + "\n")
            return iter(tokens)
        return tokenize

    def _parse(self, source: str) -> list[Node]:
        return super()._parse(_defused(_without_end_markup(source)))

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

    def render_fragment(self, source: str, scope: Mapping[str, Any],
                        folder: Path | None = None) -> str:
        """A piece of Liquid outside a post's own render (problems are not reported);
        `folder`: where `include_relative` reads from (the page's own folder)."""
        saved, saved_base = self.problems, self._relative_base
        self.problems = []
        if folder is not None:
            self._relative_base = folder
        try:
            return self._render_nodes(self._parse(source), scope)
        except LiquidError:
            return ""
        finally:
            self.problems, self._relative_base = saved, saved_base

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

    def tag_baseurl(self) -> str:
        """What `{% post_url %}` and `{% link %}` put before a URL: `baseurl` in Jekyll 4;
        nothing in GitHub Pages' Jekyll 3.10 (spec §11.9)."""
        return "" if self.site.build.github_pages else self.baseurl()

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
        if relative and self._relative_base is not None:
            base = self._relative_base
            where = "the post's folder"
        else:
            base = self.site.folder("includes_dir", "_includes")
            where = '["_includes"]'
            if self.site.theme.known is not None:
                where = f'["_includes", the {self.site.theme.name} theme\'s "_includes"]'
        # Jekyll joins the name to the folder (`/etc/passwd` is `_includes/etc/passwd`) and
        # refuses `..`; notelint also refuses what leaves the site through a symbolic link.
        path = sitefs.join_inside(base, name)
        found = _is_file(path)
        root = self.site.root
        theme = self.site.theme.known
        if not relative and not found and theme is not None and theme.folder is not None:
            themed = theme.include_path(name)
            if themed is not None and _is_file(themed):
                path, found, root = themed, True, theme.folder
        if not relative and not found and self._from_theme(name):
            return None  # the theme's own include: rendered as a stub, not reported
        if path is None or not found:
            self.report("missing-target", f"Could not locate the included file '{name}' in any "
                        f"of {where}. Ensure it exists in one of those directories.", token,
                        name=name)
            return None
        if path not in self._include_cache:
            try:
                text = sitefs.read_text(path, root)
            except sitefs.Refused as exc:
                self.report("missing-target", f"Could not read the included file '{name}': "
                            f"{exc.strerror}.", token, name=name)
                self._include_cache[path] = None
                return None
            except (OSError, UnicodeDecodeError):
                self._include_cache[path] = None
                return None
            saved = self._include_line
            self._include_line = self._position(token)
            before = len(self.problems)
            self._include_cache[path] = self._parse_include(
                text, _shown(path, root), token)
            if root != self.site.root:  # the theme's own markup: not the blogger's to mend
                del self.problems[before:]
            self._include_problems[path] = self.problems[before:]
            self._include_line = saved
        else:
            line, column = self._position(token)
            self.problems += [dataclasses.replace(p, line=line, column=column)
                              for p in self._include_problems.get(path, ())]
        return self._include_cache[path]

    def _from_theme(self, name: str) -> bool:
        known = self.site.theme.known
        return self.site.theme.opaque if known is None else name in known.includes

    # -- rendering a post ------------------------------------------------------------------

    def render_post(self, post: Post, body: str, content: str | None = None,
                    layout: Mapping[str, Any] | None = None,
                    ) -> tuple[str, list[LiquidProblem], SourceMap]:
        """`body` through Liquid with `site`, `page` (and `content`/`layout` for layouts),
        the problems met, and where each stretch of the output came from in `body`."""
        self.problems = []
        self._post = post
        self._relative_base = post.path.parent
        body = _without_end_markup(body)
        self._body = body
        self._include_line = (1, 1)
        starts: list[tuple[int, Node]] = []
        self._globals = {"site": self.site_drop, "page": PostDrop(post, self),
                         "jekyll": {"environment": "production", "version": "4.3.1"}}
        if post.is_page:
            self._globals["paginator"] = self.site_drop.paginator(post, post.page_number)
        if content is not None:
            self._globals["content"] = content
            self._globals["layout"] = dict(layout or {})
        try:
            self._check_raw(body)
            nodes = self._parse(body)
            if self._refused():
                lax = self._lax_body(body)
                if lax is not None:
                    body, warnings = lax
                    self._body = body
                    self.problems = []
                    nodes = self._parse(body)
                    self.problems += warnings
            if self._refused():
                return "", self.problems, SourceMap()
            template = self.from_string("")
            from liquid.context import RenderContext
            context = RenderContext(template, globals=self._globals)
            buffer = context.get_buffer()
            try:
                for node in nodes:
                    starts.append((buffer.tell(), node))
                    node.render(context, buffer)
            except (BreakLoop, ContinueLoop):
                pass  # outside a loop, Liquid 4 silently ends the output there
            return buffer.getvalue(), self.problems, _source_map(starts, body)
        except (BlockNestingError, ContextDepthError) as err:
            line, column = _line_col(err.token if err.token and err.token.source is body
                                     else starts[-1][1].token if starts else None)
            self.problems.append(LiquidProblem(
                "runtime", f"Nesting too deep ({message(err)}): Liquid 4 stops at 100 levels "
                "of blocks or includes, and Jekyll with it", line, column, True))
            return "", self.problems, SourceMap()
        except ResourceLimitError as err:
            line, column = _line_col(starts[-1][1].token if starts else None)
            self.problems.append(LiquidProblem(
                "runtime", f"{message(err)}: {_LIMITS.get(type(err).__name__, '')}; notelint "
                "stopped rendering this post, and Jekyll would spend a very long time or all "
                "its memory on it", line, column, True))
            return "", self.problems, SourceMap()
        except LiquidError as err:
            line, column = _line_col(err.token if err.token and err.token.source is body
                                     else None)
            self.problems.append(LiquidProblem("runtime", message(err), line, column, True))
            return "", self.problems, SourceMap()
        except RecursionError:
            line, column = _line_col(starts[-1][1].token if starts else None)
            self.problems.append(LiquidProblem(
                "runtime", "stack level too deep: the Liquid here renders itself without end "
                "(an excerpt or include that holds itself); Jekyll stops the build", line,
                column, True))
            return "", self.problems, SourceMap()
        finally:
            self._post = None
            self._relative_base = None

    def _refused(self) -> bool:
        return any(p.fatal and p.kind == "syntax" for p in self.problems)

    def _lax_body(self, body: str) -> tuple[str, list[LiquidProblem]] | None:
        """The body with each tag python-liquid refused rewritten as Liquid 4's lax parser
        reads it (same length, so offsets hold), and the warnings Jekyll prints for them;
        None when one of them fails in Liquid 4 too."""
        text = SourceText(body)
        starts = text.line_starts
        offsets = []
        for problem in self.problems:
            if problem.fatal and problem.kind == "syntax":
                if problem.line > len(starts):
                    return None
                offsets.append(starts[problem.line - 1] + problem.column - 1)
        lax = self._lax(body, offsets)
        if lax is None:
            return None
        rewritten, read = lax
        warnings = []
        for offset, name, markup, new in read:
            at = text.position(offset)
            warnings.append(LiquidProblem(
                "lax-syntax", _lax_message(name, markup, new), at.line, at.column, False, name))
        return rewritten, warnings

    def _lax(self, source: str, offsets: list[int]
             ) -> tuple[str, list[tuple[int, str, str, str]]] | None:
        """`source` with the tags at `offsets` (where the strict parser refused them)
        rewritten as Liquid 4's lax parser reads them, and (offset, name, markup, reading)
        of those Jekyll warns about; None when one fails in Liquid 4 too."""
        rewritten, warned, done = source, [], set()
        for offset in offsets:
            tag = _enclosing_tag(source, offset)
            if tag is None:
                return None
            if tag.start() in done:
                continue
            done.add(tag.start())
            name, markup = tag.group(2), tag.group(3)
            new = liquid_lax.rewrite(name, markup)
            if new is None or (self.error_mode == "strict" and name not in liquid_lax.ALWAYS_LAX):
                return None
            replacement = f"{tag.group(1)}{name} {new}"
            width = tag.end(3) - tag.start()
            if len(replacement) > width:
                return None
            rewritten = rewritten[:tag.start()] + replacement.ljust(width) + \
                rewritten[tag.end(3):]
            if self.error_mode != "lax" and name not in liquid_lax.ALWAYS_LAX and \
                    not self._strict_in_liquid4(name, markup):
                warned.append((tag.start(), name, markup, new))
        return rewritten, warned

    def _strict_in_liquid4(self, name: str, markup: str) -> bool:
        """Whether Liquid 4's strict parser takes the tag, though python-liquid's does not:
        only a filter named by a word python-liquid reserves stood in the way."""
        stripped = liquid_lax.without_keyword_filters(markup)
        if name != "assign" or stripped == markup:  # only a variable takes filters
            return False
        saved, self.problems = self.problems, []
        saved_include = self._parsing_include
        self._parsing_include = ""
        try:
            self._parse(f"{{% {name} {stripped} %}}" + (
                f"{{% end{name} %}}" if name in ("for", "if", "unless", "capture") else ""))
            return not self.problems
        finally:
            self.problems, self._parsing_include = saved, saved_include

    def _parse_include(self, text: str, where: str, token: Token | None) -> list[Node]:
        """An include's nodes; its problems are reported at the include tag, and a tag
        the strict parser refuses is read as Liquid 4's lax parser reads it, as in a body."""
        # The include parses with the site's error mode, like the page; only the warnings
        # differ (see below).
        before = len(self.problems)
        outer = (self._parsing_include, self._include_text)
        self._parsing_include, self._include_text = where, text
        try:
            nodes = self._parse(text)
            refused = [p.offset for p in self.problems[before:]
                       if p.fatal and p.kind == "syntax"]
            lax = self._lax(text, refused) if refused and -1 not in refused else None
            if lax is not None:
                # Jekyll prints the warnings of the page's own template only: an include
                # read the lax way is read so in silence.
                del self.problems[before:]
                nodes = self._parse(lax[0])
        finally:
            self._parsing_include, self._include_text = outer
        return nodes

    def _check_raw(self, body: str) -> None:
        # python-liquid's lexer takes an unclosed `{% raw %}` as text; Jekyll's Liquid aborts.
        for match in _RAW_OPEN.finditer(body):
            if not _RAW_CLOSE.search(body, match.end()):
                self.report("syntax", "'raw' tag was never closed",
                            Token(TOKEN_TAG, "raw", match.start(), body))
                return

    @cached_property
    def site_drop(self) -> SiteDrop:
        return SiteDrop(self)

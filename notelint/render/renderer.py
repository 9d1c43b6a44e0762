"""kramdown's HTML converter, as a mistune renderer: the markup Jekyll publishes."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import regex
from mistune.core import BlockState
from mistune.renderers.html import HTMLRenderer

from ..jekyll.kramdown_html import TEXT_BLOCK_ELEMENTS, VOID_ELEMENTS
from . import highlight
from .html import reserialize
from .ial import add_attribute
from .limits import MAX_REPEATED_BYTES, PageTooLarge
from .plugins.abbr import mark as mark_abbreviations

_NON_WORD = regex.compile(r"[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\- \t]")
TOC_MARK = "\x00notelint-toc\x00"
_TEXTUAL = ("text", "codespan", "smart_quote", "typographic_sym", "math")


@dataclass
class KramdownOptions:
    """The `kramdown:` settings of `_config.yml` that change the HTML."""

    auto_ids: bool = True
    auto_id_prefix: str = ""
    toc_levels: frozenset[int] = frozenset(range(1, 7))
    smart_quotes: object = None
    hard_wrap: bool = False
    typographic: bool = True
    highlight_disabled: bool = False
    line_numbers: bool = False
    input_gfm: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: object) -> KramdownOptions:
        data = config if isinstance(config, dict) else {}
        opts = data.get("syntax_highlighter_opts")
        opts = opts if isinstance(opts, dict) else {}
        block = opts.get("block") if isinstance(opts.get("block"), dict) else {}
        quirks = data.get("gfm_quirks")
        quirks = quirks if isinstance(quirks, (list, str)) else ["paragraph_end"]
        levels = data.get("toc_levels")
        return cls(
            auto_ids=data.get("auto_ids", True) not in (False, "false"),
            auto_id_prefix=str(data.get("auto_id_prefix") or ""),
            toc_levels=_levels(levels),
            smart_quotes=data.get("smart_quotes"),
            hard_wrap=data.get("hard_wrap") in (True, "true"),
            typographic="no_auto_typographic" not in quirks,
            highlight_disabled=opts.get("disable") in (True, "true") or
            (data.get("syntax_highlighter") in (None, "none") and "syntax_highlighter" in data),
            line_numbers=block.get("line_numbers") in (True, "true"),
            input_gfm=str(data.get("input", "GFM")) == "GFM",
        )


def _levels(value: object) -> frozenset[int]:
    if isinstance(value, str) and ".." in value:
        low, _, high = value.partition("..")
        if low.strip().isdigit() and high.strip().isdigit():
            return frozenset(range(int(low), int(high) + 1))
    if isinstance(value, list):
        return frozenset(int(v) for v in value if isinstance(v, int))
    return frozenset(range(1, 7))


def raw_text(tokens: list[dict[str, Any]]) -> str:
    """The text kramdown's GFM parser builds a header id from."""
    out = []
    for token in tokens:
        if token["type"] == "text":
            out.append(html.unescape(token.get("raw", "")))
        elif token["type"] in _TEXTUAL:
            out.append(token.get("raw", ""))
        elif token["type"] in ("softbreak", "linebreak"):
            out.append("\n" if token["type"] == "softbreak" else "")
        elif "children" in token:
            out.append(raw_text(token["children"]))
    return "".join(out)


_MARKERS = {"emphasis": "*", "strong": "**", "strikethrough": "~~"}
_END_TAG = re.compile(r"</\s*([A-Za-z][\w-]*)\s*>")
_START_TAG = re.compile(r"<([A-Za-z][\w-]*)\b[^>]*?(/?)>")


def source_text(tokens: list[dict[str, Any]]) -> str:
    """Close to the Markdown source of spans: kramdown writes an image's alt text as typed."""
    out = []
    for token in tokens:
        kind = token["type"]
        if kind in _MARKERS:
            out.append(_MARKERS[kind] + source_text(token["children"]) + _MARKERS[kind])
        elif kind == "codespan":
            out.append(f"`{token['raw']}`")
        elif kind == "text":
            out.append(html.unescape(token.get("raw", "")))
        elif kind in ("softbreak", "linebreak"):
            out.append("\n")
        elif kind in _TEXTUAL:
            out.append(token.get("source", token.get("raw", "")))
        elif "children" in token:
            out.append(source_text(token["children"]))
    return "".join(out)


def gfm_id(text: str) -> str:
    return _NON_WORD.sub("", text.lower()).replace(" ", "-").replace("\t", "-")


def kramdown_id(text: str) -> str:
    """kramdown's own (non-GFM) id: ASCII letters, digits and dashes, `section` if empty."""
    ident = re.sub(r"^[^a-zA-Z]+", "", text)
    ident = re.sub(r"[^a-zA-Z0-9 -]", "", ident).replace(" ", "-").lower()
    return ident or "section"


def attributes(attrs: dict[str, Any]) -> str:
    return "".join(f' {k}="{html.escape(str(v))}"' for k, v in attrs.items())


class JekyllHTMLRenderer(HTMLRenderer):
    """Renders kramdown-shaped tokens the way kramdown's HTML converter does."""

    def __init__(self, options: KramdownOptions) -> None:
        super().__init__(escape=False)
        self.options = options
        self.token_renderers: dict[str, Callable[..., str]] = {}
        self.reset()

    def reset(self) -> None:
        """Forget the previous document (the renderer is reused)."""
        self.id_counter: dict[str, int] = defaultdict(lambda: -1)
        self.heading_ids: list[str] = []
        # An id kramdown numbered (`setup-1`) because an earlier heading has the same text:
        # (the id the text gives, the one it got).
        self.renamed_ids: list[tuple[str, str]] = []
        # Block HTML at the top level, left raw: (offset in the Markdown, its text).
        self.raw_blocks: list[tuple[int, str]] = []
        self.headings: list[tuple[int, str, str]] = []  # level, id, inner HTML (for a TOC)
        self.toc: dict[str, Any] | None = None
        self.auto_ids = self.options.auto_ids
        # Inline HTML elements open in the current block: [name, the start tag as written,
        # which occurrence of that text it is, whether its end tag was written out of order
        # (kramdown printed it as text)].
        self.open_spans: list[list[Any]] = []
        # End tags written out of order, with the `seen` of the elements open inside them.
        self._pending: list[tuple[tuple[str, str, int, int | None], set[int]]] = []
        # HTML kramdown does not publish as written: (what, the tag as written, which
        # occurrence of that text outside code it is, or its offset in the document when
        # known), what being "unclosed", "stray" (an end tag that closes nothing open),
        # "block" (a block element's tag inside a line of text), "self-closed" (`<a/>`), or
        # "unclosed-block"/"stray-block" for the same inside block HTML.
        self.html_problems: list[tuple[str, str, int, int | None]] = []
        self._tags_seen: dict[str, int] = defaultdict(int)
        self._escaped_blocks: list[str] = []  # block tags printed as text in this block
        self.footnote_refs: dict[str, int] = {}
        self.abbreviations: dict[str, str] = {}
        self.repeated = 0  # bytes of link and image URLs and titles written so far

    def render_token(self, token: dict[str, Any], state: BlockState) -> str:
        plugin = self.token_renderers.get(token["type"])
        if plugin is not None:
            return plugin(self, token, state)
        method = getattr(self, "render_" + token["type"], None)
        if method is not None:
            return method(token, state)
        return super().render_token(token, state)

    def children(self, token: dict[str, Any], state: BlockState) -> str:
        return self.render_tokens(token.get("children", []), state)

    # -- blocks --------------------------------------------------------------------------

    def render_blank_line(self, token: dict[str, Any], state: BlockState) -> str:
        return "\n"

    def render_options(self, token: dict[str, Any], state: BlockState) -> str:
        # `{::options auto_ids="false" /}` changes what follows it.
        if "auto_ids" in token["options"]:
            self.auto_ids = token["options"]["auto_ids"] not in ("false", "0", "")
        return ""

    def render_eob(self, token: dict[str, Any], state: BlockState) -> str:
        return ""

    def spans(self, token: dict[str, Any], state: BlockState) -> str:
        """A block's text: what kramdown's span parser makes of it, inline HTML left open
        closed at the block's end, innermost first (kramdown's auto-closing)."""
        self.open_spans, self._escaped_blocks, self._pending = [], [], []
        text = self.children(token, state)
        closers = []
        left_open = set()
        for name, raw, seen, closed in reversed(self.open_spans):
            if not closed:  # its end tag, written out of order, is reported instead
                self.html_problems.append(("unclosed", raw, seen, None))
                left_open.add(seen)
            closers.append(f"</{name}>")
        # An end tag written while elements inside it were open: the cause is those, when
        # they are never closed (reported above); else it is the order of the end tags.
        self.html_problems += [problem for problem, inside in self._pending
                               if not inside & left_open]
        self.open_spans, self._pending = [], []
        return text + "".join(closers)

    def _seen(self, raw: str) -> int:
        self._tags_seen[raw] += 1
        return self._tags_seen[raw]

    def render_paragraph(self, token: dict[str, Any], state: BlockState) -> str:
        text = self.spans(token, state)
        if token.get("transparent"):
            return text
        return f"<p{attributes(token.get('ial', {}))}>{text}</p>\n"

    def render_block_text(self, token: dict[str, Any], state: BlockState) -> str:
        return self.spans(token, state)

    def render_heading(self, token: dict[str, Any], state: BlockState) -> str:
        level = token["attrs"]["level"]
        attrs = dict(token.get("ial", {}))
        text = self.spans(token, state)
        if "id" not in attrs and self.auto_ids:
            source = raw_text(token.get("children", []))
            base = gfm_id(source) if self.options.input_gfm else kramdown_id(source)
            self.id_counter[base] += 1
            count = self.id_counter[base]
            ident = self.options.auto_id_prefix + (f"{base}-{count}" if count else base)
            if count and base:
                self.renamed_ids.append((self.options.auto_id_prefix + base, ident))
            if ident:
                attrs["id"] = ident
        if attrs.get("id"):
            self.heading_ids.append(attrs["id"])
            if "no_toc" not in str(attrs.get("class", "")).split():
                self.headings.append((level, attrs["id"], text))
        return f"<h{level}{attributes(attrs)}>{text}</h{level}>\n"

    def render_thematic_break(self, token: dict[str, Any], state: BlockState) -> str:
        return f"<hr{attributes(token.get('ial', {}))} />\n"

    def render_block_quote(self, token: dict[str, Any], state: BlockState) -> str:
        return f"<blockquote{attributes(token.get('ial', {}))}>\n" \
            f"{self.children(token, state)}</blockquote>\n"

    def render_block_html(self, token: dict[str, Any], state: BlockState) -> str:
        if "at" in token:
            self.raw_blocks.append((token["at"], token["raw"]))
        for kind, tag, at in token.get("problems", ()):
            self.html_problems.append((f"{kind}-block", tag, 0 if at is not None else
                                       self._seen(tag), at))
        return reserialize(token["raw"].rstrip("\n")) + "\n"

    def render_html_container(self, token: dict[str, Any], state: BlockState) -> str:
        return f"{token['open']}\n{self.children(token, state)}{token['close']}\n"

    def render_block_code(self, token: dict[str, Any], state: BlockState) -> str:
        lang = (token.get("attrs") or {}).get("info") or None
        out = highlight.block(token["raw"], lang, line_numbers=self.options.line_numbers,
                              disabled=self.options.highlight_disabled)
        ial = token.get("ial")
        if ial:
            tag_end = out.index(">")
            out = out[:tag_end] + attributes({k: v for k, v in ial.items()
                                              if k != "class"}) + out[tag_end:]
        return out

    def render_list(self, token: dict[str, Any], state: BlockState) -> str:
        tag = "ol" if token["attrs"]["ordered"] else "ul"
        if token.get("toc") and self.toc is None:
            # Headers come later in the document: leave a mark, filled in by `finish`.
            self.toc = {"tag": tag, "ial": token.get("ial", {})}
            return TOC_MARK
        attrs = dict(token.get("ial", {}))
        if token.get("task_list"):
            attrs = {"class": "task-list", **attrs}
        items = "".join(self.render_token(item, state) for item in token["children"])
        return f"<{tag}{attributes(attrs)}>\n{items}</{tag}>\n"

    def finish(self, html_text: str) -> str:
        """Put the table of contents in, now that every header has its id."""
        if self.toc is None:
            return html_text
        return html_text.replace(TOC_MARK, self._toc_html(), 1)

    def _toc_html(self) -> str:
        assert self.toc is not None
        tag = self.toc["tag"]
        roots: list[list[Any]] = []
        stack: list[list[Any]] = []
        for level, ident, text in self.headings:
            if level not in self.options.toc_levels:
                continue
            item: list[Any] = [level, ident, text, []]
            while stack and stack[-1][0] >= level:
                stack.pop()
            (stack[-1][3] if stack else roots).append(item)
            stack.append(item)

        def items(nodes: list[list[Any]]) -> str:
            out = []
            for _level, ident, text, children in nodes:
                sub = f"<{tag}>\n{items(children)}</{tag}>\n" if children else ""
                out.append(f'<li><a href="#{html.escape(ident)}" '
                           f'id="markdown-toc-{html.escape(ident)}">{text}</a>{sub}</li>\n')
            return "".join(out)

        attrs = {k: v for k, v in self.toc["ial"].items()}
        attrs.setdefault("id", "markdown-toc")
        return f"<{tag}{attributes(attrs)}>\n{items(roots)}</{tag}>\n"

    def render_list_item(self, token: dict[str, Any], state: BlockState) -> str:
        attrs = dict(token.get("ial", {}))
        if token.get("task_item"):
            attrs = {"class": "task-list-item", **attrs}
        box = ""
        if token.get("task") is not None:
            checked = ' checked="checked"' if token["task"] else ""
            box = ('<input type="checkbox" class="task-list-item-checkbox" '
                   f'disabled="disabled"{checked} />')
        return f"<li{attributes(attrs)}>{box}{self.children(token, state)}</li>\n"

    # -- spans ---------------------------------------------------------------------------

    def text(self, text: str) -> str:
        # entity_output: as_char; only &, < and > come out as references.
        text = html.unescape(text)
        if self.abbreviations:
            return mark_abbreviations(text, self.abbreviations)
        return html.escape(text, quote=False)

    def render_smart_quote(self, token: dict[str, Any], state: BlockState) -> str:
        return html.escape(token["raw"], quote=False)

    def render_typographic_sym(self, token: dict[str, Any], state: BlockState) -> str:
        return html.escape(token["raw"], quote=False)

    def render_codespan(self, token: dict[str, Any], state: BlockState) -> str:
        attrs = {"class": "language-plaintext highlighter-rouge"}
        for key, value in token.get("ial", {}).items():
            add_attribute(attrs, key, value)
        return f"<code{attributes(attrs)}>{html.escape(token['raw'], quote=False)}</code>"

    def render_linebreak(self, token: dict[str, Any], state: BlockState) -> str:
        return "<br />" + token.get("raw", "\n")

    def render_softbreak(self, token: dict[str, Any], state: BlockState) -> str:
        raw = token.get("raw", "\n")
        return "<br />" + raw.lstrip(" ") if self.options.hard_wrap else raw

    def inline_html(self, html_text: str) -> str:
        """Inline HTML as kramdown's span parser writes it: an end tag closes only the
        innermost open element, else it is printed as text (`</a>` becomes `&lt;/a&gt;`); a
        block element's tag inside text is text too; `<a/>` is an empty element."""
        seen = self._seen(html_text)
        end = _END_TAG.fullmatch(html_text)
        if end is not None:
            name = end.group(1).lower()
            names = [entry[0] for entry in self.open_spans]
            if names and names[-1] == name:
                self.open_spans.pop()
                return html_text
            if name in self._escaped_blocks:  # the end of a block tag printed as text
                self._escaped_blocks.remove(name)
            elif name in names:
                index = len(names) - 1 - names[::-1].index(name)
                self.open_spans[index][3] = True
                inside = {entry[2] for entry in self.open_spans[index + 1:]}
                self._pending.append((("stray", html_text, seen, None), inside))
            else:
                self.html_problems.append(("stray", html_text, seen, None))
            return html.escape(html_text, quote=False)
        start = _START_TAG.match(html_text)
        if start is None:
            return html_text
        name = start.group(1).lower()
        if name in TEXT_BLOCK_ELEMENTS:
            self.html_problems.append(("block", html_text, seen, None))
            self._escaped_blocks.append(name)
            return html.escape(html_text, quote=False)
        if name in VOID_ELEMENTS:
            return html_text
        if start.group(2):
            self.html_problems.append(("self-closed", html_text, seen, None))
            return f"{html_text[:-2].rstrip()}></{start.group(1)}>"
        self.open_spans.append([name, html_text, seen, False])
        return html_text

    def _count(self, attrs: dict[str, Any]) -> None:
        self.repeated += len(attrs.get("href") or attrs.get("src") or "") + \
            len(attrs.get("title") or "")
        if self.repeated > MAX_REPEATED_BYTES:
            raise PageTooLarge

    def render_link(self, token: dict[str, Any], state: BlockState) -> str:
        attrs = {"href": token["attrs"]["url"]}
        if token["attrs"].get("title"):
            attrs["title"] = token["attrs"]["title"]
        attrs.update(token.get("ial", {}))
        self._count(attrs)
        return f"<a{attributes(attrs)}>{self.children(token, state)}</a>"

    def render_image(self, token: dict[str, Any], state: BlockState) -> str:
        attrs = {"src": token["attrs"]["url"], "alt": source_text(token.get("children", []))}
        if token["attrs"].get("title"):
            attrs["title"] = token["attrs"]["title"]
        attrs.update(token.get("ial", {}))
        self._count(attrs)
        return f"<img{attributes(attrs)} />"

    def render_emphasis(self, token: dict[str, Any], state: BlockState) -> str:
        children = token.get("children", [])
        if len(children) == 1 and children[0]["type"] == "strong" and not token.get("ial"):
            # `***x***`: kramdown nests <strong><em>, mistune parsed em(strong(x)).
            inner = self.children(children[0], state)
            return f"<strong><em>{inner}</em></strong>"
        return f"<em{attributes(token.get('ial', {}))}>{self.children(token, state)}</em>"

    def render_strong(self, token: dict[str, Any], state: BlockState) -> str:
        return f"<strong{attributes(token.get('ial', {}))}>{self.children(token, state)}" \
            "</strong>"

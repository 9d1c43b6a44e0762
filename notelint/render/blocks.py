"""kramdown's block grammar (with the GFM parser's changes) on mistune's block machinery.

mistune's own block rules are CommonMark's, which differ from kramdown where Jekyll users
notice: HTML blocks run to their end tag, not to a blank line; a paragraph goes on until a
blank line, a header, a list, a quote or a fence; list items decide one by one whether their
first paragraph gets a `<p>`; a fence's info string is one word. This parser keeps mistune's
state, token and renderer model and replaces the rules, tried in kramdown's order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.util import unikey

from ..jekyll.kramdown_html import SPAN_ELEMENTS
from .html import BLOCK_HTML_START, RawProblem, scan_html_block
from .ial import IAL_BLOCK, add_attribute, parse_attribute_list

OPT_SPACE = r" {0,3}"
BLANK_LINE = re.compile(r"(?:[ \t]*\n)+")
EOB_MARKER = re.compile(r"\^[ \t]*\n")
_LAZY_END_HTML_START = r"<(?!(?:" + "|".join(sorted(SPAN_ELEMENTS | {"script"})) + \
    r")\b)[A-Za-z][\w:.-]*"
_LAZY_END_HTML_STOP = r"</(?!(?:" + "|".join(sorted(SPAN_ELEMENTS | {"script"})) + \
    r")\b)[A-Za-z][\w:.-]*\s*>"
LAZY_END = re.compile(
    r"[ \t]*\n|" + OPT_SPACE + IAL_BLOCK + r"|\^[ \t]*\n|" + OPT_SPACE + _LAZY_END_HTML_STOP +
    "|" + OPT_SPACE + _LAZY_END_HTML_START + r"|\Z")
LIST_START_UL = re.compile(r"( {0,3}[+*-])([\t ].*?\n)")
LIST_START_OL = re.compile(r"( {0,3}\d+\.)([\t ].*?\n)")
LIST_START = re.compile(f"{LIST_START_UL.pattern}|{LIST_START_OL.pattern}")
ATX_HEADER = re.compile(r"(#{1,6})[\t ]+(.*)\n")
SETEXT_HEADER = re.compile(OPT_SPACE + r"([^ \t].*)\n([-=])[-=]*[ \t\r\f\v]*\n")
HR = re.compile(OPT_SPACE + r"([*_-])[ \t]*\1[ \t]*\1(?:\1|[ \t])*\n")
BLOCKQUOTE_START = re.compile(OPT_SPACE + r"> ?")
FENCE_START = re.compile(r" {0,3}[~`]{3,}")
# kramdown's FENCED_CODEBLOCK_MATCH, read in steps rather than as one regular expression
# (which backtracks quadratically on a long run of backticks): the opening run, a one-word
# info string, then the first line that repeats the run.
FENCE_OPEN = re.compile(r" {0,3}([~`]{3,})([^\n]*)\n")
INDENT = re.compile(r"(?:\t| {4})")
_CODE_LINE = re.compile(r"(?:\t| {4})[ \t]*\S.*\n")
DEFINITION_START = re.compile(OPT_SPACE + r":([\t ].*?\n)")
# kramdown's own parser (`input: kramdown`): tilde fences only, `#x` is a header, and only a
# blank line (or a definition) ends a paragraph.
KRAMDOWN_ATX_HEADER = re.compile(r"(#{1,6})[\t ]*([^ \t].*)\n")
KRAMDOWN_FENCE_OPEN = re.compile(r"(~{3,})([^\n]*)\n")
KRAMDOWN_PARAGRAPH_END = re.compile(f"{LAZY_END.pattern}|{DEFINITION_START.pattern}")
PARAGRAPH_END = re.compile(
    "|".join((LAZY_END.pattern, LIST_START.pattern, r"#{1,6}[\t ]+.*\n",
              DEFINITION_START.pattern, BLOCKQUOTE_START.pattern, FENCE_START.pattern)))
HEADER_ID = re.compile(r"[\t ]\{#([A-Za-z][\w:-]*)\}\Z")
LINK_DEFINITION = re.compile(
    OPT_SPACE + r"\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))"
    r"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?\n")
ALD = re.compile(OPT_SPACE + r"\{:([A-Za-z0-9_][\w-]*):((?:\\\}|[^}])+)\}[ \t]*\n")
IAL_LINE = re.compile(OPT_SPACE + IAL_BLOCK)
_TOC_REF = re.compile(r"(?:\A|\s)toc(?=\s|\Z)")

Rule = Callable[["KramdownBlockParser", re.Match[str], BlockState], bool]


def _line(state: BlockState, pos: int | None = None) -> str:
    pos = state.cursor if pos is None else pos
    end = state.src.find("\n", pos)
    return state.src[pos: len(state.src) if end < 0 else end + 1]


class KramdownBlockParser(BlockParser):
    """Block rules in kramdown's order; plugins add theirs with `add_rule`."""

    def __init__(self, gfm: bool = True) -> None:
        super().__init__()
        self.gfm = gfm
        self.paragraph_end = PARAGRAPH_END if gfm else KRAMDOWN_PARAGRAPH_END
        self.kramdown_rules: list[tuple[str, re.Pattern[str], Rule]] = [
            ("blank", BLANK_LINE, _parse_blank),
            ("codeblock", INDENT, _parse_codeblock),
            ("fenced", FENCE_START, _parse_fenced) if gfm else
            ("fenced", KRAMDOWN_FENCE_OPEN, _parse_kramdown_fence),
            ("blockquote", BLOCKQUOTE_START, _parse_blockquote),
            ("atx_header", ATX_HEADER if gfm else KRAMDOWN_ATX_HEADER, _parse_atx),
            ("hr", HR, _parse_hr),
            ("setext_header", SETEXT_HEADER, _parse_setext),
            ("link_definition", LINK_DEFINITION, _parse_link_definition),
            ("ald", ALD, _parse_ald),
            ("ial", IAL_LINE, _parse_ial),
            ("list", LIST_START, _parse_list),
            ("block_html", BLOCK_HTML_START, _parse_block_html),
            ("eob", EOB_MARKER, _parse_eob),
        ]

    def add_rule(self, name: str, pattern: re.Pattern[str], func: Rule, *, before: str) -> None:
        index = next(i for i, r in enumerate(self.kramdown_rules) if r[0] == before)
        self.kramdown_rules.insert(index, (name, pattern, func))

    def parse(self, state: BlockState, rules: list[str] | None = None) -> None:
        if not state.src.endswith("\n"):
            state.src += "\n"
            state.cursor_max = len(state.src)
        src = state.src
        while state.cursor < state.cursor_max:
            for _name, pattern, func in self.kramdown_rules:
                m = pattern.match(src, state.cursor)
                if m and func(self, m, state):
                    break
            else:
                _parse_paragraph(self, state)

    def parse_child(self, text: str, state: BlockState) -> list[dict[str, Any]]:
        if state.depth() >= self.max_nested_level:
            # Deeper quotes and lists than any real post: keep the text, stop descending.
            return [{"type": "paragraph", "text": text}]
        child = state.child_state(text)
        child.env = state.env
        self.parse(child)
        return child.tokens


def after_block_boundary(state: BlockState) -> bool:
    last = state.last_token()
    return last is None or last["type"] in ("blank_line", "eob") or \
        bool(state.env.get("_pending_ial"))


def before_block_boundary(state: BlockState, pos: int) -> bool:
    return pos >= len(state.src) or bool(
        re.match(r"[ \t]*\n|\^[ \t]*\n|" + OPT_SPACE + IAL_BLOCK, state.src[pos:pos + 400]))


def add_block(state: BlockState, token: dict[str, Any]) -> None:
    """Append a block, giving it an IAL that was written before it."""
    pending = state.env.pop("_pending_ial", None)
    if pending:
        token.setdefault("ial", {}).update(pending)
    state.append_token(token)


def _parse_blank(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    if m.end() == m.start():
        return False
    last = state.last_token()
    if last is not None and last["type"] == "blank_line":
        last["raw"] += m.group(0)
    else:
        state.append_token({"type": "blank_line", "raw": m.group(0)})
    state.cursor = m.end()
    return True


def _parse_eob(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    state.append_token({"type": "eob"})
    state.cursor = m.end()
    return True


def _parse_codeblock(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    src, pos = state.src, state.cursor
    if not _CODE_LINE.match(src, pos):
        return False
    end = pos
    while True:
        blank = BLANK_LINE.match(src, end)
        probe = blank.end() if blank else end
        code = _CODE_LINE.match(src, probe)
        if not code:
            break
        end = code.end()
        while code := _CODE_LINE.match(src, end):
            end = code.end()
    data = src[pos:end]
    data = re.sub(r"^(?:\t| {4})", "", data, flags=re.M)
    add_block(state, {"type": "block_code", "raw": data, "style": "indent"})
    state.cursor = end
    return True


def _parse_fenced(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    return _fence(state, FENCE_OPEN, indented=True)


def _parse_kramdown_fence(parser: KramdownBlockParser, m: re.Match[str],
                          state: BlockState) -> bool:
    return _fence(state, KRAMDOWN_FENCE_OPEN, indented=False)


def _fence(state: BlockState, opener: re.Pattern[str], indented: bool) -> bool:
    opening = opener.match(state.src, state.cursor)
    if opening is None:
        return False
    run, info = opening.group(1), opening.group(2).strip(" \t")
    if " " in info or "\t" in info:
        return False  # the info string is one word
    closing = re.compile(f"^{' {0,3}' if indented else ''}{re.escape(run)}"
                         f"{re.escape(run[-1])}*[ \t]*\n", re.M)
    end = closing.search(state.src, opening.end())
    if end is None:
        return False
    token: dict[str, Any] = {"type": "block_code", "style": "fenced",
                             "raw": state.src[opening.end():end.start()]}
    if info:
        # `(?P<lang>\S+?)(?:\?\S*)?`: the word up to a `?` that is not its first character.
        question = info.find("?", 1)
        token["attrs"] = {"info": info[:question] if question > 0 else info}
    add_block(state, token)
    state.cursor = end.end()
    return True


def _parse_blockquote(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    src = state.src
    end = state.cursor + len(_line(state))
    while end < len(src) and not LAZY_END.match(src, end):
        end += len(_line(state, end))
    text = re.sub(r"^" + OPT_SPACE + r"> ?", "", src[state.cursor:end], flags=re.M)
    pending = state.env.pop("_pending_ial", None)  # the quote's, not its first paragraph's
    token = {"type": "block_quote", "children": parser.parse_child(text, state)}
    if pending:
        token["ial"] = pending
    add_block(state, token)
    state.cursor = end
    return True


def split_header_id(text: str) -> tuple[str, str | None]:
    match = HEADER_ID.search(text)
    if match:
        return text[: match.start()].rstrip(), match.group(1)
    return text, None


def _header(state: BlockState, level: int, text: str) -> None:
    text, explicit = split_header_id(text.strip())
    token: dict[str, Any] = {"type": "heading", "text": text, "attrs": {"level": level}}
    if explicit:
        token["ial"] = {"id": explicit}
    add_block(state, token)


def _parse_atx(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    text = re.sub(r"(?<!\\)#+\Z", "", m.group(2).rstrip()).rstrip()
    _header(state, len(m.group(1)), text)
    state.cursor = m.end()
    return True


def _parse_setext(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    if not after_block_boundary(state):
        return False
    _header(state, 1 if m.group(2) == "=" else 2, m.group(1))
    state.cursor = m.end()
    return True


def _parse_hr(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    add_block(state, {"type": "thematic_break"})
    state.cursor = m.end()
    return True


def _parse_link_definition(parser: KramdownBlockParser, m: re.Match[str],
                           state: BlockState) -> bool:
    label = unikey(m.group(1))
    refs = state.env.setdefault("ref_links", {})
    if label not in refs:
        url = m.group(2) if m.group(2) is not None else m.group(3)
        data = {"url": url.strip(), "label": m.group(1)}
        if m.group(5):
            data["title"] = m.group(5)
        refs[label] = data
    state.cursor = m.end()
    return True


def _parse_ald(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    alds = state.env.setdefault("alds", {})
    parse_attribute_list(m.group(2), alds.setdefault(m.group(1), {}), alds)
    state.cursor = m.end()
    return True


def _parse_ial(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    attrs: dict[str, str] = {}
    parse_attribute_list(m.group(1), attrs, state.env.get("alds", {}))
    last = state.last_token()
    if last is not None and last["type"] == "list" and _TOC_REF.search(m.group(1)):
        last["toc"] = True  # `{:toc}`: this list becomes the table of contents
    if last is not None and last["type"] not in ("blank_line", "eob"):
        target = last.setdefault("ial", {})
    else:
        target = state.env.setdefault("_pending_ial", {})
    for key, value in attrs.items():
        add_attribute(target, key, value)
    state.cursor = m.end()
    return True


def _parse_block_html(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    problems: list[RawProblem] = []
    result = scan_html_block(state.src, state.cursor, problems)
    if result is None:
        return False
    raw, end, markdown_inner = result
    if markdown_inner is not None:
        open_tag, inner, close_tag, mode = markdown_inner
        children = parser.parse_child(inner, state) if mode == "block" else \
            [{"type": "block_text", "text": inner}]
        add_block(state, {"type": "html_container", "open": open_tag, "close": close_tag,
                          "children": children})
    else:
        token: dict[str, Any] = {"type": "block_html", "raw": raw}
        if state.parent is None:
            # Where it starts in the document: a raw block at the top level is a fact rules
            # use (Markdown inside it is published as it is).
            token["at"] = state.cursor
        if problems:
            # What kramdown mends in it: at their offsets in the document at the top level.
            token["problems"] = [(kind, tag, at if state.parent is None else None)
                                 for kind, tag, at in problems]
        add_block(state, token)
    state.cursor = end
    return True


def _parse_paragraph(parser: KramdownBlockParser, state: BlockState) -> None:
    src = state.src
    start = state.cursor
    end = start + len(_line(state))
    while end < len(src) and not parser.paragraph_end.match(src, end):
        end += len(_line(state, end))
    text = src[start:end].rstrip()
    last = state.last_token()
    if last is not None and last["type"] == "paragraph":
        joiner = "  \n" if src[max(start - 3, 0):start] == "  \n" else "\n"
        last["text"] += joiner + text
    else:
        add_block(state, {"type": "paragraph", "text": text.lstrip()})
    state.cursor = end


_TASK = re.compile(r"\A\s*\[([ xX])\]\s+")


def _task_list(list_token: dict[str, Any]) -> None:
    """kramdown-parser-gfm: `[ ]`/`[x]` items; from the first one on, items are task items."""
    is_task = False
    for item in list_token["children"]:
        children = item["children"]
        if children and children[0]["type"] == "paragraph":
            match = _TASK.match(children[0]["text"])
            if match:
                children[0]["text"] = children[0]["text"][match.end():]
                item["task"] = match.group(1) != " "
                is_task = True
        if is_task:
            item["task_item"] = True
    list_token["task_list"] = is_task


# -- lists (kramdown's parse_list, line for line) ------------------------------------------

_ITEM_IAL = re.compile(r"^\s*(?:\{:(?!(?:[A-Za-z0-9_][\w-]*)?:|/)((?:\\\}|[^}])+)\})\s*")


def item_patterns(indentation: int) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    indent_re = re.compile(f"^ {{{indentation}}}")
    content_re = re.compile(
        rf"(?:(?:\t| {{4}}){{{indentation // 4}}} {{{indentation % 4}}}|"
        rf"(?:\t| {{4}}){{{indentation // 4 + 1}}}).*\S.*\n")
    lazy_re = re.compile(
        rf"(?! {{0,{min(indentation, 3)}}}(?:{IAL_BLOCK}|{_LAZY_END_HTML_STOP}|"
        rf"{_LAZY_END_HTML_START})).*\S.*\n")
    return content_re, lazy_re, indent_re


def _item_start(ordered: bool, indentation: int) -> re.Pattern[str]:
    spaces = max(0, min(indentation, 4) - 1)
    marker = r"\d+\." if ordered else r"[+*-]"
    return re.compile(rf"( {{0,{spaces}}}{marker})([\t ].*?\n)")


def first_list_line(indentation: int, content: str) -> tuple[str, int]:
    if re.match(r"^\s*(?:\{:(?!(?:[A-Za-z0-9_][\w-]*)?:|/)(?:\\\}|[^}])+\})?\s*\n", content):
        indentation = 4
    else:
        while (tab := re.match(r"^( *)(\t+)", content)):
            temp = len(tab.group(1)) + indentation
            spaces = 4 - (temp % 4) + (len(tab.group(2)) - 1) * 4
            content = tab.group(1) + " " * spaces + content[tab.end():]
        indentation += len(re.match(r"^ *", content).group(0))  # type: ignore[union-attr]
    return re.sub(r"^\s*", "", content, count=1), indentation


def _parse_list(parser: KramdownBlockParser, m: re.Match[str], state: BlockState) -> bool:
    src = state.src
    ordered = LIST_START_UL.match(src, state.cursor) is None
    start_re = LIST_START_OL if ordered else LIST_START_UL
    items: list[dict[str, Any]] = []
    pos = state.cursor
    content_re = lazy_re = indent_re = None
    nested_found = last_blank = eob_found = False
    indentation = 0
    while pos < len(src):
        if last_blank and HR.match(src, pos):
            break
        if (eob := EOB_MARKER.match(src, pos)):
            eob_found = True
            pos = eob.end()
            break
        if (item := start_re.match(src, pos)):
            value, indentation = first_list_line(len(item.group(1)), item.group(2))
            content_re, lazy_re, indent_re = item_patterns(indentation)
            ial: dict[str, str] = {}
            ial_match = _ITEM_IAL.match(value)
            if ial_match:
                parse_attribute_list(ial_match.group(1), ial, state.env.get("alds", {}))
                value = value[ial_match.end():]
            # Each part is a list of lines, joined once at the end: adding to one string
            # line by line would copy it each time (quadratic on a long item).
            items.append({"parts": [[value]], "ial": ial})
            start_re = _item_start(ordered, indentation)
            nested_found = bool(LIST_START.match(value))
            last_blank = False
            pos = item.end()
            continue
        assert content_re is not None and lazy_re is not None and indent_re is not None
        line = content_re.match(src, pos) or (None if last_blank else lazy_re.match(src, pos))
        if line:
            result = re.sub(r"^(\t+)", lambda t: " " * 4 * len(t.group(1)), line.group(0))
            found = indent_re.match(result) is not None
            result = indent_re.sub("", result, count=1)
            if not nested_found and found and LIST_START.match(result):
                items[-1]["parts"].append([])
                nested_found = True
            elif nested_found and not found and LIST_START.match(result):
                result = " " * (indentation + 4) + result
            items[-1]["parts"][-1].append(result)
            last_blank = False
            pos = line.end()
        elif (blank := BLANK_LINE.match(src, pos)) and blank.end() > pos:
            nested_found = True
            last_blank = True
            items[-1]["parts"][-1].append(blank.group(0))
            pos = blank.end()
        else:
            break

    list_token: dict[str, Any] = {"type": "list", "children": [],
                                  "attrs": {"ordered": ordered}}
    # An IAL written before the list is the list's, not its first item's paragraph's.
    pending = state.env.pop("_pending_ial", None)
    if pending:
        list_token["ial"] = pending
    trailing_blank = None
    for item in items:
        children: list[dict[str, Any]] = []
        for part in item["parts"]:
            children.extend(parser.parse_child("".join(part), state))
        token = {"type": "list_item", "children": children}
        if item["ial"]:
            token["ial"] = item["ial"]
        list_token["children"].append(token)
    tokens = list_token["children"]
    for index, token in enumerate(tokens):
        children = token["children"]
        if not children:
            continue
        first = children[0]
        is_last = index == len(tokens) - 1
        if first["type"] == "paragraph" and (
                len(children) < 2 or children[1]["type"] != "blank_line" or
                (is_last and len(children) == 2 and not eob_found)) and (
                not is_last or len(tokens) == 1 or any(
                    not t["children"] or t["children"][0]["type"] != "paragraph" or
                    t["children"][0].get("transparent") for t in tokens[:-1])):
            first["transparent"] = True
        trailing_blank = children.pop() if children[-1]["type"] == "blank_line" else None
    if parser.gfm:
        _task_list(list_token)
    add_block(state, list_token)
    if trailing_blank is not None and not eob_found:
        state.append_token(trailing_blank)
    state.cursor = pos
    return True

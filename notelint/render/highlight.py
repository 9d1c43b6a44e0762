"""Code blocks the way Jekyll's Rouge writes them, with Pygments for the tokens.

Rouge and Pygments name their token classes alike (`k`, `nf`, `s2`, ...), so Pygments'
spans stand in for Rouge's. What has to be exactly Rouge's is the wrapper markup and the
decision whether a language is known: Rouge looks names up case-sensitively and keeps the
word as written in the class (`yml` stays `language-yml`).
"""

from __future__ import annotations

import html
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pygments.formatters import HtmlFormatter
    from pygments.lexer import Lexer

# Pygments is imported when a block is first coloured: `check` colours none.

# Rouge names Pygments does not know, mapped to a Pygments lexer; None is plain text.
_ROUGE_ONLY: dict[str, str | None] = {
    "plaintext": None, "yml": "yaml", "terminal": "console", "shell_session": "console",
    "jsx": "javascript", "tsx": "typescript", "liquid": "liquid", "viml": "vim",
    "vue": "html", "make": "make", "shell": "bash",
}
# Pygments names Rouge does not know: these fall back to an unhighlighted <pre><code>.
_PYGMENTS_ONLY = frozenset({"txt", "pycon", "ipython", "ipython3", "python3", "py3", "text",
                            "mermaid", "svg", "plain", "jsonc"})


@lru_cache(maxsize=256)
def _lexer(lang: str) -> Lexer | bool | None:
    """The lexer for a Rouge language name; None for plain text; False when Rouge lacks it."""
    if lang != lang.lower() or not lang:
        return False
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    if lang in _ROUGE_ONLY:
        name = _ROUGE_ONLY[lang]
        return None if name is None else get_lexer_by_name(name, stripnl=False,
                                                           ensurenl=False)
    if lang in _PYGMENTS_ONLY:
        return None if lang == "text" else False
    try:
        return get_lexer_by_name(lang, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return False


@cache
def _formatter() -> HtmlFormatter:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(nowrap=True)


def known(lang: str) -> bool:
    return _lexer(lang) is not False


@lru_cache(maxsize=1024)
def tokens(code: str, lang: str) -> str:
    """The highlighted HTML of `code` (escaped text when there is no lexer); posts repeat
    snippets (install commands, config examples), so results are kept."""
    lexer = _lexer(lang)
    if not lexer:
        return escape(code)
    from pygments import highlight as pygments_highlight

    out = pygments_highlight(code, lexer, _formatter())
    return out if code.endswith("\n") or not out.endswith("\n") else out[:-1]


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def block(code: str, lang: str | None, *, line_numbers: bool = False,
          disabled: bool = False) -> str:
    """A Markdown code block: Rouge's wrapper for known languages, else a bare <pre>."""
    word = lang or "plaintext"
    if disabled or not known(word):
        return f'<pre><code class="language-{html.escape(word)}">{escape(code)}</code></pre>\n'
    body = tokens(code, word)
    if line_numbers:
        body = _table(body, "rouge-gutter gl", "rouge-code")
    return (f'<div class="language-{html.escape(word)} highlighter-rouge"><div class="highlight">'
            f'<pre class="highlight"><code>{body}</code></pre></div></div>\n')


def figure(code: str, lang: str, linenos: bool, *, colour: bool = True) -> str:
    """What `{% highlight %}` writes (`colour`: with Pygments' spans)."""
    body = tokens(code, lang) if colour and known(lang) else escape(code)
    if linenos:
        body = _table(body if body.endswith("\n") else body + "\n", "gutter gl", "code")
    word = html.escape(lang)
    # Jekyll's tag writes `c++` as `language-c--` in the class, as typed in data-lang.
    return (f'<figure class="highlight"><pre><code class="language-{word.replace("+", "-")}" '
            f'data-lang="{word}">'
            f"{body}</code></pre></figure>")


def _table(body: str, gutter: str, code: str) -> str:
    count = body.count("\n") or 1
    numbers = "".join(f"{n}\n" for n in range(1, count + 1))
    return (f'<table class="rouge-table"><tbody><tr><td class="{gutter}"><pre class="lineno">'
            f'{numbers}</pre></td><td class="{code}"><pre>{body}</pre></td></tr></tbody></table>')


def stylesheet() -> str:
    """The Pygments CSS for the standalone page."""
    return _formatter().get_style_defs(".highlight")

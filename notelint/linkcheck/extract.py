"""Every URL a page's HTML refers to, and every id it offers as a fragment target."""

from __future__ import annotations

import html
import html.parser
import re
from dataclasses import dataclass

# Which attributes of which elements hold a URL the published page will fetch or link to.
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src", "srcset"),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "iframe": ("src",), "embed": ("src",), "object": ("data",),
    "script": ("src",), "input": ("src",),
}


@dataclass(frozen=True, slots=True)
class HtmlRef:
    """One URL in the HTML, in document order."""

    tag: str
    attr: str
    url: str  # character references decoded; one candidate of a `srcset`
    text: str | None = None  # an <a>'s text content
    alt: str | None = None  # an <img>'s alt, None when the attribute is absent
    has_image: bool = False  # an <a> wrapping an image


@dataclass(frozen=True)
class Extraction:
    refs: tuple[HtmlRef, ...]
    ids: frozenset[str]


# `<link rel>` values whose href the browser only resolves a host for or connects to.
_HINTS = frozenset({"dns-prefetch", "preconnect"})


def srcset_urls(value: str) -> list[str]:
    """The URLs of a `srcset` (each candidate is `URL [descriptor]`, comma-separated)."""
    urls = []
    for candidate in value.split(","):
        parts = candidate.split()
        if parts:
            urls.append(parts[0])
    return urls


# The tags, comments and declarations of a page, as html.parser finds them (its own
# patterns for a start tag's extent and its attributes), in one pass of the regular
# expression engine instead of html.parser's loop over every piece of text.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<![^>]*>|<\?[^>]*>|</\s*([a-zA-Z][^\t\n\r\f />\x00]*)[^>]*>|"
    r"(" + html.parser.locatestarttagend_tolerant.pattern + r")(/?)>", re.S | re.X)
_RAW_TEXT = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}


def _attributes(start_tag: str) -> dict[str, str]:
    """A start tag's attributes as html.parser reads them: names lowercased, values
    unquoted and their character references decoded; of a repeated name, the last."""
    name_end = html.parser.tagfind_tolerant.match(start_tag, 1)
    values: dict[str, str] = {}
    if name_end is None:
        return values
    for m in html.parser.attrfind_tolerant.finditer(start_tag, name_end.end()):
        name, rest, value = m.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
            value = value[1:-1]
        values[name.lower()] = html.unescape(value) if value else ""
    return values


def extract(page: str) -> Extraction:
    """The URLs (in document order) and the ids of an HTML fragment."""
    refs: list[HtmlRef | None] = []
    ids: set[str] = set()
    open_links: list[tuple[int, str, str, list[str], bool]] = []  # <a> being read
    cursor = 0

    def text(until: int) -> None:
        if open_links and until > cursor:
            data = html.unescape(page[cursor:until])
            for item in open_links:
                item[3].append(data)

    def end_link() -> None:
        index, attr, url, words, image = open_links.pop()
        refs[index] = HtmlRef("a", attr, url, "".join(words), has_image=image)

    for m in _TOKEN.finditer(page):
        if m.start() < cursor:
            continue  # inside a script or style read whole
        text(m.start())
        cursor = m.end()
        if m.group(1) is not None:
            if m.group(1).lower() == "a" and open_links:
                end_link()
            continue
        if m.group(2) is None:
            continue  # a comment, declaration or processing instruction
        tag_text = m.group(2)
        tag = html.parser.tagfind_tolerant.match(tag_text, 1).group(1).lower()  # type: ignore[union-attr]
        values = _attributes(tag_text)
        if "id" in values:
            ids.add(values["id"])
        if tag == "a" and "name" in values:
            ids.add(values["name"])
        if tag == "img" and open_links:
            open_links[-1] = (*open_links[-1][:4], True)
        if tag in _RAW_TEXT:
            close = _RAW_TEXT[tag].search(page, cursor)
            cursor = close.end() if close else len(page)
        if tag == "link" and _HINTS.issuperset(values.get("rel", "").lower().split() or ["-"]):
            continue  # a hint to the browser (`dns-prefetch`, `preconnect`): nothing is loaded
        for attr in URL_ATTRIBUTES.get(tag, ()):
            if attr not in values:
                continue
            if attr == "srcset":
                refs += [HtmlRef(tag, attr, url) for url in srcset_urls(values[attr])]
            elif tag == "a":
                # Its text is known at </a>; keep its place in document order.
                open_links.append((len(refs), attr, values[attr], [], False))
                refs.append(None)
            else:
                alt = values.get("alt") if tag == "img" else None
                refs.append(HtmlRef(tag, attr, values[attr], alt=alt))
        if tag == "a" and m.group(3) and open_links:
            end_link()
    text(len(page))
    while open_links:  # an <a> never closed still links
        end_link()
    return Extraction(tuple(r for r in refs if r is not None), frozenset(ids))

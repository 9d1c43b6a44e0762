"""Every URL a page's HTML refers to, and every id it offers as a fragment target."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

# Which attributes of which elements hold a URL the published page will fetch or link to.
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src", "srcset"),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "iframe": ("src",), "embed": ("src",), "object": ("data",),
    "script": ("src",), "input": ("src",),
}


@dataclass(frozen=True)
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


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[HtmlRef | None] = []
        self.ids: set[str] = set()
        self._open: list[tuple[int, str, str, list[str], bool]] = []  # <a> being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "img" and self._open:
            self._open[-1] = (*self._open[-1][:4], True)
        if tag == "link" and _HINTS.issuperset(values.get("rel", "").lower().split() or ["-"]):
            return  # a hint to the browser (`dns-prefetch`, `preconnect`): nothing is loaded
        for attr in URL_ATTRIBUTES.get(tag, ()):
            if attr not in values:
                continue
            if attr == "srcset":
                for url in srcset_urls(values[attr]):
                    self.refs.append(HtmlRef(tag, attr, url))
            elif tag == "a":
                # Its text is known at </a>; keep its place in document order.
                self._open.append((len(self.refs), attr, values[attr], [], False))
                self.refs.append(None)
            else:
                alt = values.get("alt") if tag == "img" else None
                if tag == "img" and "alt" not in values:
                    alt = None
                self.refs.append(HtmlRef(tag, attr, values[attr], alt=alt))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "a":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        for item in self._open:
            item[3].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            index, attr, url, text, image = self._open.pop()
            self.refs[index] = HtmlRef("a", attr, url, "".join(text), has_image=image)

    def close(self) -> None:
        super().close()
        while self._open:  # an <a> never closed still links
            self.handle_endtag("a")


def extract(html: str) -> Extraction:
    """The URLs (in document order) and the ids of an HTML fragment."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return Extraction(tuple(r for r in collector.refs if r is not None),
                      frozenset(collector.ids))

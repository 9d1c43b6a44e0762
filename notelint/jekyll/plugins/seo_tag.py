"""jekyll-seo-tag 2.8 (GitHub Pages' pin): `{% seo %}` writes the page's `<title>`, its meta
tags and a JSON-LD block, from the page's and the site's metadata (spec §11.6).

The block is written as the gem's minified template writes it: one tag per line. Values are
written as the gem writes them, unescaped where it does not escape them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..liquid_tags import MarkupTag

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.token import Token

VERSION = "2.8.0"
_HOME_OR_ABOUT = re.compile(r"\A/(about/)?(index\.html?)?\Z")
_RUBY_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_STRIP_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.S)
_STRIP_TAGS = re.compile(r"<.*?>", re.S)
_ESCAPE_ONCE = re.compile(r"""["><']|&(?!(?:[a-zA-Z]+|#\d+);)""")
_ESCAPES = {"&": "&amp;", ">": "&gt;", "<": "&lt;", '"': "&quot;", "'": "&#39;"}
_SCHEME = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*:")


def _given(*values: Any) -> Any:
    """Ruby's `a || b`: the first value that is neither nil nor false."""
    return next((v for v in values if v is not None and v is not False), None)


def _get(mapping: Any, key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, Mapping) else None


def _hash(mapping: Any, key: str) -> Mapping[str, Any]:
    value = _get(mapping, key)
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return str(value).lower()
    return str(value)


class _Seo:
    """The gem's drops (page, author, image, JSON-LD) for one `{% seo %}`."""

    def __init__(self, filters: Mapping[str, Callable[..., Any]], page: Any, site: Any,
                 paginator: Any, markup: str) -> None:
        self.f = filters
        self.page = page if isinstance(page, Mapping) else {}
        self.site = site if isinstance(site, Mapping) else {}
        self.paginator = paginator if isinstance(paginator, Mapping) else {}
        self.markup = markup

    def format(self, value: Any) -> str | None:
        """markdownify, strip_html, normalize_whitespace, escape_once; nil when empty."""
        text = self.f["markdownify"](_text(value))
        text = _STRIP_TAGS.sub("", _STRIP_BLOCKS.sub("", text))
        text = _RUBY_SPACE.sub(" ", text).strip()
        text = _ESCAPE_ONCE.sub(lambda m: _ESCAPES[m.group()], text)
        return text or None

    def absolute(self, value: Any) -> str:
        return _text(self.f["absolute_url"](value))

    def escape_uri(self, value: Any) -> str:
        return _text(self.f["uri_escape"](value))

    # -- the page drop -------------------------------------------------------------------

    @property
    def site_title(self) -> str | None:
        return self.format(_given(_get(self.site, "title"), _get(self.site, "name")))

    @property
    def site_description(self) -> str | None:
        return self.format(_get(self.site, "description"))

    @property
    def page_title(self) -> str | None:
        return _given(self.format(_get(self.page, "title")), self.site_title)

    @property
    def title(self) -> str | None:
        site_title, page_title = self.site_title, self.page_title
        if site_title and page_title != site_title:
            title = f"{page_title} | {site_title}"
        elif self.site_description and site_title:
            tagline = _given(self.format(_get(self.site, "tagline")), self.site_description)
            title = f"{site_title} | {tagline}"
        else:
            title = _given(page_title, site_title)
        current = _get(self.paginator, "page")
        if title is not None and isinstance(current, int) and current > 1:
            message = _text(_given(_get(self.site, "seo_paginator_message"),
                                   "Page %<current>s of %<total>s for "))
            total = _text(_get(self.paginator, "total_pages"))
            title = message.replace("%<current>s", str(current)).replace(
                "%<total>s", total) + title
        return title

    @property
    def home_or_about(self) -> bool:
        return bool(_HOME_OR_ABOUT.search(_text(_get(self.page, "url"))))

    @property
    def name(self) -> str | None:
        seo_name = _hash(self.page, "seo").get("name")
        if seo_name is not None and seo_name is not False:
            return self.format(seo_name)
        if not self.home_or_about:
            return None
        social = _hash(self.site, "social").get("name")
        return self.format(social) if _given(social) is not None else self.site_title

    @property
    def description(self) -> str | None:
        # Inside the excerpt's own rendering, its excerpt is nil.
        excerpt = None if getattr(self.page, "rendering_excerpt", False) else \
            _get(self.page, "excerpt")
        return _given(self.format(_given(_get(self.page, "description"), excerpt)),
                      self.site_description)

    @property
    def author(self) -> Mapping[str, Any]:
        authors = _get(self.page, "authors")
        sources = [_get(self.page, "author"),
                   *(authors[:1] if isinstance(authors, list) else [None]),
                   _get(self.site, "author")]
        found = next((s for s in sources if _text(s)), None)
        if isinstance(found, Mapping):
            return found
        if isinstance(found, str):
            data = _hash(_get(self.site, "data"), "authors").get(found)
            return {"name": found, **(data if isinstance(data, Mapping) else {})}
        return {}

    @property
    def author_twitter(self) -> str | None:
        author = self.author
        twitter = _given(author.get("twitter"), author.get("name"))
        return twitter.removeprefix("@") if isinstance(twitter, str) else None

    @property
    def image(self) -> dict[str, Any] | None:
        """The image's fields with `path` as the escaped absolute URL; None without one."""
        meta = _get(self.page, "image")
        fields: dict[str, Any] = {"path": None}
        if isinstance(meta, Mapping):
            fields.update(meta)
        elif isinstance(meta, str):
            fields["path"] = meta
        raw = _given(fields.get("path"), fields.get("facebook"), fields.get("twitter"))
        if raw is None:
            return None
        url = self.absolute(raw) if isinstance(raw, str) and _SCHEME.match(raw) is None else raw
        fields["path"] = self.escape_uri(url)
        return fields

    def _xmlschema(self, value: Any) -> str | None:
        if value is None or value is False:
            return None
        return _text(self.f["date_to_xmlschema"](value))

    @property
    def date_published(self) -> str | None:
        return self._xmlschema(_get(self.page, "date"))

    @property
    def date_modified(self) -> str | None:
        return self._xmlschema(_given(_hash(self.page, "seo").get("date_modified"),
                                      _get(self.page, "last_modified_at"),
                                      _get(self.page, "date")))

    @property
    def type(self) -> Any:
        given = _hash(self.page, "seo").get("type")
        if _given(given) is not None:
            return given
        if self.home_or_about:
            return "WebSite"
        return "BlogPosting" if _given(_get(self.page, "date")) is not None else "WebPage"

    @property
    def links(self) -> Any:
        given = _hash(self.page, "seo").get("links")
        if _given(given) is not None:
            return given
        social = _hash(self.site, "social").get("links")
        return social if self.home_or_about and _given(social) is not None else None

    @property
    def logo(self) -> str | None:
        logo = _get(self.site, "logo")
        if _given(logo) is None:
            return None
        text = _text(logo)
        return self.escape_uri(text if _SCHEME.match(text) else self.absolute(text))

    @property
    def locale(self) -> str:
        lang = _given(_get(self.page, "lang"), _get(self.site, "lang"), "en_US")
        return _text(_given(_get(self.page, "locale"), _get(self.site, "locale"),
                            lang)).replace("-", "_")

    @property
    def canonical_url(self) -> str:
        given = _get(self.page, "canonical_url")
        if _text(given):
            return _text(given)
        return re.sub(r"/index\.html\Z", "/", self.absolute(_get(self.page, "url")))

    # -- the JSON-LD drop ----------------------------------------------------------------

    def json_ld(self) -> str:
        author = self.author
        fields: dict[str, Any] = {
            "@context": "https://schema.org", "@type": self.type, "author": None,
            "dateModified": self.date_modified, "datePublished": self.date_published,
            "description": self.description, "headline": self.page_title, "image": None,
            "mainEntityOfPage": None, "name": self.name, "publisher": None,
            "sameAs": self.links, "url": self.canonical_url,
        }
        kind = author.get("type")
        if _given(author.get("name")) is not None and kind in (None, "Organization", "Person"):
            fields["author"] = {"@type": kind or "Person", "name": author["name"],
                                **({"url": author["url"]} if author.get("url") else {})}
        image = self.image
        if image is not None:
            if len(image) == 1:
                fields["image"] = image["path"]
            else:
                rest = {k: v for k, v in image.items() if k != "path"}
                fields["image"] = {**rest, "url": image["path"], "@type": "imageObject"}
        logo = self.logo
        if logo is not None:
            publisher: dict[str, Any] = {"@type": "Organization",
                                         "logo": {"@type": "ImageObject", "url": logo}}
            if _given(author.get("name")) is not None:
                publisher["name"] = author["name"]
            fields["publisher"] = publisher
        if self.type in ("BlogPosting", "CreativeWork"):
            fields["mainEntityOfPage"] = {"@type": "WebPage", "@id": self.canonical_url}
        kept = {key: fields[key] for key in sorted(fields) if fields[key] is not None}
        return json.dumps(kept, ensure_ascii=False, separators=(",", ":"), default=_json_value)

    # -- the template --------------------------------------------------------------------

    def render(self, generator: str) -> str:
        out = [f"<!-- Begin Jekyll SEO tag v{VERSION} -->"]
        title = self.title
        if title is not None and not re.search("title=false", self.markup, re.I):
            out.append(f"<title>{title}</title>")
        out.append(f'<meta name="generator" content="Jekyll v{generator}" />')
        page_title = self.page_title
        if page_title is not None:
            out.append(f'<meta property="og:title" content="{page_title}" />')
        author = self.author
        if _truthy(author.get("name")):
            out.append(f'<meta name="author" content="{_text(author["name"])}" />')
        out.append(f'<meta property="og:locale" content="{self.locale}" />')
        description = self.description
        if description is not None:
            out.append(f'<meta name="description" content="{description}" />')
            out.append(f'<meta property="og:description" content="{description}" />')
        if _truthy(_get(self.site, "url")):
            out.append(f'<link rel="canonical" href="{self.canonical_url}" />')
            out.append(f'<meta property="og:url" content="{self.canonical_url}" />')
        if self.site_title is not None:
            out.append(f'<meta property="og:site_name" content="{self.site_title}" />')
        image = self.image
        if image is not None:
            out.append(f'<meta property="og:image" content="{image["path"]}" />')
            for key in ("height", "width", "alt"):
                if _truthy(image.get(key)):
                    out.append(f'<meta property="og:image:{key}" content="{_text(image[key])}" />')
        published = self.date_published
        if published is not None:
            out.append('<meta property="og:type" content="article" />')
            out.append(f'<meta property="article:published_time" content="{published}" />')
        else:
            out.append('<meta property="og:type" content="website" />')
        for rel, key in (("prev", "previous_page"), ("next", "next_page")):
            if _truthy(_get(self.paginator, key)):
                href = self.absolute(_get(self.paginator, f"{key}_path"))
                out.append(f'<link rel="{rel}" href="{href}" />')
        twitter = _get(self.site, "twitter")
        if image is not None:
            card = next((c for c in (_get(_get(self.page, "twitter"), "card"),
                                     _get(twitter, "card")) if not _empty(c)),
                        "summary_large_image")
            out.append(f'<meta name="twitter:card" content="{_text(card)}" />')
            out.append(f'<meta property="twitter:image" content="{image["path"]}" />')
            if _truthy(image.get("alt")):
                out.append(f'<meta name="twitter:image:alt" content="{_text(image["alt"])}" />')
        else:
            out.append('<meta name="twitter:card" content="summary" />')
        if page_title is not None:
            out.append(f'<meta property="twitter:title" content="{page_title}" />')
        if _truthy(twitter):
            username = _text(_get(twitter, "username")).replace("@", "")
            out.append(f'<meta name="twitter:site" content="@{username}" />')
            creator = self.author_twitter
            if creator:
                out.append(f'<meta name="twitter:creator" content="@{creator.replace("@", "")}" />')
        out += self._verifications()
        out.append('<script type="application/ld+json">')
        out.append(f"{self.json_ld()}</script>")
        out.append("<!-- End Jekyll SEO tag -->")
        return "\n".join(out) + "\n"

    def _verifications(self) -> list[str]:
        out = []
        facebook = _get(self.site, "facebook")
        if _truthy(facebook):
            for key, tag in (("admins", 'property="fb:admins"'),
                             ("publisher", 'property="article:publisher"'),
                             ("app_id", 'property="fb:app_id"')):
                if _truthy(_get(facebook, key)):
                    out.append(f'<meta {tag} content="{_text(_get(facebook, key))}" />')
        checks = _get(self.site, "webmaster_verifications")
        if _truthy(checks):
            for key, name in (("google", "google-site-verification"), ("bing", "msvalidate.01"),
                              ("alexa", "alexaVerifyID"), ("yandex", "yandex-verification"),
                              ("baidu", "baidu-site-verification"),
                              ("facebook", "facebook-domain-verification")):
                if _truthy(_get(checks, key)):
                    out.append(f'<meta name="{name}" content="{_text(_get(checks, key))}" />')
        elif _truthy(_get(self.site, "google_site_verification")):
            value = _text(_get(self.site, "google_site_verification"))
            out.append(f'<meta name="google-site-verification" content="{value}" />')
        return out


def _truthy(value: Any) -> bool:
    """Liquid's `{% if %}`: everything but nil and false, the empty string included."""
    return value is not None and value is not False


def _empty(value: Any) -> bool:
    """What Liquid's `default` replaces: nil, false and empty strings or lists."""
    return not _truthy(value) or (isinstance(value, (str, list, dict)) and not value)


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)


class SeoTag(MarkupTag):
    name = "seo"

    def run(self, context: RenderContext, markup: str, token: Token) -> str:
        env = self.env
        seo = _Seo(env.filters, context.resolve("page", default=None),
                   context.resolve("site", default=None),
                   context.resolve("paginator", default=None), markup)
        jekyll = context.resolve("jekyll", default=None)
        return seo.render(_text(_get(jekyll, "version")))


TAGS = (SeoTag,)

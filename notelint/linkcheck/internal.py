"""Links inside the site: what a URL leads to once Jekyll has published every file.

A URL is resolved as a browser would (against the page's own published URL, `baseurl`
included) and then served as Jekyll's server and GitHub Pages serve `_site/`: `dir/` is
`dir/index.html`, `page` finds `page.html` or `page/index.html`, paths are percent-decoded
and case-sensitive.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from functools import cached_property

from ..jekyll import plugins, themes, urls
from ..jekyll.plugins import relative_links
from ..jekyll.post import Post
from ..jekyll.site import Entry, Site

_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_WHITESPACE = re.compile(r"\s")
_WEB = ("http", "https")
# Other schemes a post may use on purpose; notelint does not follow them.
OTHER_SCHEMES = frozenset({"mailto", "tel", "sms", "data", "ftp", "ftps", "irc", "ircs",
                           "news", "magnet", "xmpp", "geo", "webcal", "feed", "ssh", "git"})


@dataclass(frozen=True)
class Resolution:
    status: str  # "ok", "missing", "no-baseurl", "unpublished", "unknown" (cannot tell)
    path: str  # the decoded site path looked up, without `baseurl`
    target: Post | Entry | None = None
    hint: str = ""


_DIGITS = {"year": r"\d{4}", "month": r"\d{2}", "day": r"\d{2}", "hour": r"\d{2}",
           "minute": r"\d{2}", "second": r"\d{2}", "i_day": r"\d{1,2}", "i_month": r"\d{1,2}",
           "short_year": r"\d{2}", "y_day": r"\d{3}", "w_year": r"\d{4}", "week": r"\d{2}",
           "w_day": r"\d"}


def _post_pattern(template: str) -> re.Pattern[str]:
    """A regular expression for the URLs a permalink template can give a post."""
    parts = []
    for piece in re.split(r"(:[a-z_]+)", template):
        if not piece.startswith(":"):
            parts.append(re.escape(piece))
        elif piece == ":categories":
            parts.append(r"[^?#]*?")
        elif piece == ":output_ext":
            parts.append(r"(?:\.html)?")
        else:
            parts.append(_DIGITS.get(piece[1:], r"[^/]+"))
    return re.compile("".join(parts).replace("/" + r"[^?#]*?" + "/", r"/(?:[^?#]*?/)?") + "$")


class SiteUrls:
    """Everything a site publishes, by output file, and how its links resolve.

    A folder with no page and no static file (a loose folder of posts, or a site whose other
    files live elsewhere) shows notelint only its posts: there a link is called broken only
    when it has the shape of a post URL.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        base = site.config.get("baseurl")
        self.baseurl = "" if base in (None, False) else "/" + str(base).strip("/")
        if self.baseurl == "/":
            self.baseurl = ""
        own = urllib.parse.urlsplit(str(site.config.get("url") or ""))
        self.host = own.netloc.lower() if own.scheme in _WEB else ""
        # `url: https://user.github.io/project` without `baseurl:`: the site's root is there.
        self.url_path = own.path.rstrip("/") if self.host else ""
        self._resolving: tuple[str, str] = ("", "")
        self._resolved: dict[str, Resolution] = {}  # for the page `_resolving`
        self.complete = not site.loose and any(e.kind in ("page", "static")
                                               for e in site.entries)

    @cached_property
    def _post_url(self) -> re.Pattern[str]:
        return _post_pattern(urls.style_template(self.site.config.permalink))

    def knows(self, path: str) -> bool:
        """Whether notelint sees everything that could be published at `path`."""
        return self.complete or bool(self._post_url.match(path))

    @cached_property
    def outputs(self) -> dict[str, Post | Entry | None]:
        index: dict[str, Post | Entry | None] = {
            path: items[0] for path, items in self.site.by_output.items()}
        for path in self._plugin_outputs():
            index.setdefault(path, None)
        return index

    @cached_property
    def unpublished(self) -> dict[str, Post]:
        return {p.output_path: p for p in self.site.all_posts
                if p.output_path and p.skip_reason(self.site) not in (None, "unreadable",
                                                                      "fatal")}

    @cached_property
    def _folded(self) -> dict[str, str]:
        return {path.lower(): path for path in self.outputs}

    def _plugin_outputs(self) -> list[str]:
        """Files the site's (well-known) plugins write, which no source file stands for."""
        return plugins.outputs(self.site) + themes.outputs(self.site.theme.known,
                                                           self.site.build)

    # -- classifying ---------------------------------------------------------------------

    def classify(self, url: str) -> str:
        """"empty", "javascript", "malformed", "other" (mailto: ...), "external", or
        "internal" (relative, site-absolute, or an absolute URL of the site itself)."""
        text = url.strip()
        if not text:
            return "empty"
        if text.lower().startswith("javascript:"):
            return "javascript"
        if malformation(text) is not None:
            return "malformed"
        parts = urllib.parse.urlsplit(text)
        scheme = parts.scheme.lower()
        if scheme in _WEB or (not scheme and text.startswith("//")):
            own = self.host and parts.netloc.lower() == self.host
            return "internal" if own and self._serves(parts.path) else "external"
        if scheme:
            return "other"
        return "internal"

    def _serves(self, path: str) -> bool:
        """Whether an absolute URL on the site's own host falls in the part of the URL space
        this site publishes: under its `url:` path and `baseurl`, at a top-level name it
        writes. The rest of the domain may be served by another deployment (a GitHub user
        site's project sites), which this site cannot know."""
        path = self._site_path(path)
        if path is None:
            return False
        if self.baseurl:
            # Everything under `baseurl` is this site's.
            return path == self.baseurl or path.startswith(self.baseurl + "/")
        if self.url_path:
            return True
        top = urllib.parse.unquote(path).strip("/").split("/", 1)[0]
        return not top or top in self._top_level or f"{top}.html" in self._top_level

    def _site_path(self, path: str) -> str | None:
        path = path or "/"
        if not self.url_path:
            return path
        if path == self.url_path or path.startswith(self.url_path + "/"):
            return path[len(self.url_path):] or "/"
        return None

    @cached_property
    def _top_level(self) -> frozenset[str]:
        return frozenset(path.split("/", 1)[0] for path in self.outputs)

    # -- resolving -----------------------------------------------------------------------

    def absolute_path(self, url: str, page_url: str) -> str:
        """The URL's path as the browser requests it from the page at `page_url`."""
        parts = urllib.parse.urlsplit(url.strip())
        if parts.netloc:
            return self._site_path(parts.path) or "/"
        base = self.baseurl + page_url
        return urllib.parse.urlsplit(urllib.parse.urljoin(base, parts.path)).path \
            if parts.path else base

    def resolve(self, url: str, page_url: str, source: str = "") -> Resolution:
        """What an internal URL leads to from the page at `page_url` (its Jekyll URL),
        written in the post whose source file is `source` (site-relative)."""
        # NL501, NL502 and NL503 each ask for every link of a post, one post after the
        # other: answers are kept for the page asking, not for all 10,000 of them.
        page = (page_url, source)
        if page != self._resolving:
            self._resolving, self._resolved = page, {}
        if url not in self._resolved:
            self._resolved[url] = self._resolve(url, page_url, source)
        return self._resolved[url]

    @cached_property
    def _by_source(self) -> dict[str, Post | Entry]:
        found: dict[str, Post | Entry] = {e.relative_path: e for e in self.site.entries}
        found.update((p.relative_path, p) for p in self.site.published_posts())
        return found

    def _relative_link(self, url: str, source: str) -> Resolution | None:
        """jekyll-relative-links: a link naming a source file leads to that file's URL."""
        if not source or "jekyll-relative-links" not in self.site.plugin_names:
            return None
        # The plugin rewrites pages, and documents (posts too) only with `collections: true`.
        written_in = self._by_source.get(source)
        kind = "page" if isinstance(written_in, Entry) and written_in.kind == "page" else "post"
        if not relative_links.applies(self.site.config, kind):
            return None
        named = relative_links.source_path(url.strip(), source)
        target = self._by_source.get(named) if named else None
        if target is None or target.url is None:
            return None
        return Resolution("ok", target.url, target)

    def _resolve(self, url: str, page_url: str, source: str = "") -> Resolution:
        rewritten = self._relative_link(url, source)
        if rewritten is not None:
            return rewritten
        path = self.absolute_path(url, page_url)
        if self.baseurl:
            if path == self.baseurl or path.startswith(self.baseurl + "/"):
                path = path[len(self.baseurl):] or "/"
            else:
                found = self._lookup(path)
                if found is not None:
                    return Resolution("no-baseurl", path, self.outputs[found])
                return self._missing(path)
        found = self._lookup(path)
        if found is not None:
            return Resolution("ok", path, self.outputs[found])
        return self._missing(path)

    def _candidates(self, path: str) -> list[str]:
        decoded = urllib.parse.unquote(path).lstrip("/")
        if not decoded or decoded.endswith("/"):
            return [decoded + "index.html"]
        return [decoded, decoded + ".html", decoded + "/index.html"]

    def _lookup(self, path: str) -> str | None:
        return next((c for c in self._candidates(path) if c in self.outputs), None)

    def _missing(self, path: str) -> Resolution:
        if not self.knows(path) or self.site.local_plugins.may_generate(
                urllib.parse.unquote(path)):
            return Resolution("unknown", path)
        for candidate in self._candidates(path):
            if candidate in self.unpublished:
                post = self.unpublished[candidate]
                return Resolution("unpublished", path, post,
                                  f"{post.relative_path} is not published "
                                  f"({post.skip_reason(self.site)})")
        for candidate in self._candidates(path):
            other = self._folded.get(candidate.lower())
            if other is not None:
                return Resolution("missing", path, None,
                                  f"did you mean /{_url_of(other)}? (URLs are case-sensitive)")
        return Resolution("missing", path)


def malformation(url: str) -> str | None:
    """What makes a URL malformed, or None when it is well-formed."""
    text = url.strip()
    if _WHITESPACE.search(text):
        return "it contains whitespace (write %20)"
    if "\\" in text:
        return "it contains a backslash (URLs use /)"
    if _BAD_PERCENT.search(text):
        return "a % is not followed by two hex digits (write %25)"
    try:
        parts = urllib.parse.urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return "it has no host name or a bad port"
    web = parts.scheme.lower() in _WEB or (not parts.scheme and text.startswith("//"))
    if web and not parts.hostname:
        return "it has no host name or a bad port"
    return None


def _url_of(output: str) -> str:
    return output[: -len("index.html")] if output.endswith("index.html") else output

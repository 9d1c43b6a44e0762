"""Permalinks, URLs and output paths, as Jekyll::URL and Drops::UrlDrop compute them."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import urllib.parse
from collections.abc import Mapping

from .filenames import slugify

STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
# Placeholders Jekyll 4 added (spec §11.9): in GitHub Pages' Jekyll 3.10 each one is unknown
# and stops the build.
JEKYLL4_ONLY = frozenset({"slugified_categories", "long_month", "w_year", "week", "w_day",
                          "short_day", "long_day"})
_PLACEHOLDER_RE = re.compile(r":([a-z_]+)")
_SAFE_RE = re.compile(r"^[a-zA-Z0-9./-]+$")
# RFC 3986 pchar plus "/": what Addressable's encode_component leaves alone here.
_SAFE_CHARS = "-._~!$&'()*+,;=:@/"
_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                 "Dec")
_LONG_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_LONG_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class PermalinkError(Exception):
    """A permalink template names a placeholder Jekyll does not have (a fatal error)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class UnbuildableURL(PermalinkError):
    """A placeholder's value that Addressable cannot turn into a URL: Jekyll crashes."""

    def __init__(self, name: str, value: str, reason: str) -> None:
        super().__init__(name)
        self.value = value
        self.reason = reason


# Addressable::URI.parse's split of a string, and its checks on the parts.
_URI_PARTS = re.compile(r"(?:([^:/?#]+):)?(?://[^/?#]*)?([^?#]*)")
_SCHEME = re.compile(r"[a-z][a-z0-9.+-]*", re.IGNORECASE)
_NORMPATH = re.compile(r"(?!/)[^/:]*:")


def addressable_problem(value: str) -> str | None:
    """Why Addressable::URI.encode, which Jekyll runs on each placeholder's value, raises on
    `value` (`:news` is an "ambiguous path"), or None."""
    if not value or _SAFE_RE.match(value):
        return None
    parts = _URI_PARTS.match(value)
    assert parts is not None  # every part is optional
    scheme, path = parts.group(1), parts.group(2)
    if scheme is not None and not _SCHEME.fullmatch(scheme):
        return f"Invalid scheme format: '{scheme}'"
    if scheme is None and _NORMPATH.match(path):
        return f"Cannot assemble URI string with ambiguous path: '{path}'"
    return None


def style_template(style: object) -> str:
    """A `permalink:` setting as a template: a named style or the string itself."""
    text = str(style) if style is not None else "date"
    return STYLES.get(text, text)


def date_placeholders(date: dt.datetime) -> dict[str, str]:
    iso_year, iso_week, iso_day = date.isocalendar()
    return {
        "year": f"{date.year:04d}", "month": f"{date.month:02d}", "day": f"{date.day:02d}",
        "hour": f"{date.hour:02d}", "minute": f"{date.minute:02d}",
        "second": f"{date.second:02d}", "i_day": str(date.day), "i_month": str(date.month),
        "short_month": _SHORT_MONTHS[date.month - 1], "long_month": _LONG_MONTHS[date.month - 1],
        "short_year": f"{date.year % 100:02d}", "y_day": f"{date.timetuple().tm_yday:03d}",
        "w_year": str(iso_year), "week": f"{iso_week:02d}", "w_day": str(iso_day),
        "short_day": _SHORT_DAYS[date.weekday()], "long_day": _LONG_DAYS[date.weekday()],
    }


def name_placeholders(slug: object, basename: str) -> dict[str, str]:
    """`:title`, `:slug` and `:name`: from `slug:` when set, else the file's basename."""
    source = basename if slug is None else _text(slug)
    return {
        "title": slugify(source, "pretty", cased=True) or "",
        "slug": slugify(source) or "",
        "name": slugify(basename) or "",
    }


def post_placeholders(*, date: dt.datetime, slug: object, basename: str,
                      categories: list[str], output_ext: str, path: str,
                      collection: str = "posts") -> dict[str, str]:
    """Drops::UrlDrop for a post."""
    values = date_placeholders(date)
    values.update(name_placeholders(slug, basename))
    lowered: list[str] = []
    for category in categories:
        if category.lower() not in lowered:
            lowered.append(category.lower())
    values.update({
        "categories": "/".join(lowered),
        "slugified_categories": "/".join(slugify(c) or "" for c in categories),
        "output_ext": output_ext,
        "path": path,
        "collection": collection,
    })
    return values


def _text(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def placeholder_names(template: str) -> set[str]:
    """The placeholders a permalink template names, as `expand` reads them."""
    return set(_PLACEHOLDER_RE.findall(template))


def escape_path(path: str) -> str:
    """Jekyll::URL.escape_path."""
    if not path or _SAFE_RE.match(path):
        return path
    return urllib.parse.quote(path, safe=_SAFE_CHARS).replace("#", "%23", 1)


def expand(template: str, placeholders: Mapping[str, str], *, addressable: bool = False
           ) -> str:
    """Fill a permalink template; raise PermalinkError for an unknown placeholder and, with
    `addressable`, UnbuildableURL for a value Jekyll's URL escaping crashes on."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in placeholders:
            raise PermalinkError(name)
        value = placeholders[name]
        problem = addressable_problem(value) if addressable else None
        if problem is not None:
            raise UnbuildableURL(name, value, problem)
        return escape_path(value)

    return sanitize(_PLACEHOLDER_RE.sub(replace, template))


def sanitize(url: str) -> str:
    """Jekyll::URL#sanitize_url: leading slash, `..` and `./` removed, slashes squeezed."""
    result = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", result)


def output_path(url: str, ext: str) -> str:
    """The file under `_site` that a URL is written to (decoded, no leading slash)."""
    # Jekyll's sanitized_path: decoded, `..` cannot climb above `_site`.
    path = posixpath.normpath("/" + urllib.parse.unquote(url)).lstrip("/")
    if url.endswith("/"):
        return (path + "/" if path else "") + "index.html"
    return path if path.endswith(ext) else path + ext


def unwritable(output: str) -> str | None:
    """Why no file system can hold this output path, or None."""
    if "\0" in output:
        return "holds a NUL byte, which no file name can"
    longest = max((len(part.encode("utf-8", "surrogateescape")) for part in output.split("/")),
                  default=0)
    if longest > 255:
        return f"has a part of {longest} bytes, and a file name can have at most 255"
    return None


def page_template(style: object, *, html: bool, index: bool) -> str:
    """Jekyll::Page#template: where a page without its own permalink goes."""
    if not html:
        return "/:path/:basename:output_ext"
    if index:
        return "/:path/"
    text = str(style) if style is not None else "date"
    if text == "pretty":
        return "/:path/:basename/"
    if text in ("date", "ordinal", "none", "weekdate"):
        return "/:path/:basename:output_ext"
    suffix = "/" if text.endswith("/") else ""
    suffix += ":output_ext" if text.endswith(":output_ext") else ""
    return "/:path/:basename" + suffix

"""Post file names, the entries Jekyll skips, slugs and derived titles."""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass

# Document::DATE_FILENAME_MATCHER, applied to the path relative to the collection folder.
POST_NAME_RE = re.compile(r"^(?:.*/)?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^./]+)\Z", re.S)
# Drafts only need an extension (Document::DATELESS_FILENAME_MATCHER).
DRAFT_NAME_RE = re.compile(r"^(?:.*/)?([^/]*)(\.[^./]+)\Z", re.S)

DEFAULT_MARKDOWN_EXT = "markdown,mkdown,mkdn,mkd,md"
_SPECIAL_LEADING = (".", "_", "#", "~")


@dataclass(frozen=True, slots=True)
class PostName:
    date: str | None  # the `YYYY-MM-DD` part, when the name has one
    slug: str
    ext: str

    def __reduce__(self) -> tuple[type[PostName], tuple[str | None, str, str]]:
        # The site index holds one per post: not the slotted dataclass's field walk.
        return PostName, (self.date, self.slug, self.ext)

    def __post_init__(self) -> None:
        # `.md` for nearly every post of a site: one string for all of them.
        object.__setattr__(self, "ext", sys.intern(self.ext))

    def dated(self, day: str) -> str:
        """The post's file name with `day` (`YYYY-MM-DD`) as its date."""
        return f"{day}-{self.slug}{self.ext}"


def parse_post_name(relative: str) -> PostName | None:
    """Split a path under `_posts` as Jekyll does; None when Jekyll ignores the file."""
    match = POST_NAME_RE.match(relative)
    if match is None:
        return None
    return PostName(match.group(1), match.group(2), match.group(3))


def skip_reason(name: str) -> str:
    """Why POST_NAME_RE rejects a file name, in a blogger's words."""
    if "." not in name.lstrip("."):
        return "it has no extension"
    if not re.match(r"^\d{2,4}-\d{1,2}-\d{1,2}", name):
        return "its name does not start with a date (YYYY-MM-DD-)"
    if re.match(r"^\d{2,4}-\d{1,2}-\d{1,2}\.", name):
        return "there is no `-title` after the date"
    return "its name does not match YYYY-MM-DD-title.ext"


def parse_draft_name(relative: str) -> PostName | None:
    match = POST_NAME_RE.match(relative)
    if match is not None:
        return PostName(match.group(1), match.group(2), match.group(3))
    match = DRAFT_NAME_RE.match(relative)
    if match is None:
        return None
    return PostName(None, match.group(1), match.group(2))


def skipped_entry(relative: str) -> bool:
    """Jekyll's EntryFilter for a path relative to `_posts`: hidden, special or backup."""
    segments = relative.split("/")
    basename = segments[-1]
    if any(s.startswith(".") for s in segments):
        return True
    if segments[0].startswith(_SPECIAL_LEADING) or basename.startswith(_SPECIAL_LEADING):
        return True
    return basename.endswith(("~", "."))


def clean_slug(slug: str) -> str:
    """Jekyll strips trailing dots from a file-name slug."""
    return slug.rstrip(".")


def titleize_slug(slug: str) -> str:
    """`my-great_post` -> `My Great_post` (split on `-` only, Ruby's capitalize)."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in slug.split("-"))


SLUGIFY_MODES = ("raw", "default", "pretty", "ascii", "latin")
_PRETTY_KEEP = set("._~!$&'()+,;=@")


def _keeps(ch: str, mode: str) -> bool:
    if mode == "raw":
        return ch not in " \t\r\n\f\v"  # Ruby's \s is ASCII-only
    if mode == "ascii":
        return ch.isascii() and ch.isalnum()
    if mode == "pretty" and ch in _PRETTY_KEEP:
        return True
    category = unicodedata.category(ch)
    return category[0] in "LM" or category == "Nd"


def _transliterate(text: str) -> str:
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        special = _LATIN_SPECIAL.get(ch)
        if special is not None:
            out.append(special)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if base.isascii() and base else "?")
    return "".join(out)


_LATIN_SPECIAL = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
                  "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d"}


_ASCII_RUNS = {
    "raw": re.compile(r"\s+"),
    "default": re.compile(r"[^A-Za-z0-9]+"),
    "ascii": re.compile(r"[^A-Za-z0-9]+"),
    "pretty": re.compile(r"[^A-Za-z0-9._~!$&'()+,;=@]+"),
}


def slugify(text: str | None, mode: str = "default", cased: bool = False) -> str | None:
    """Jekyll's Utils.slugify."""
    if text is None:
        return None
    text = str(text)
    if mode not in SLUGIFY_MODES:
        return text if cased else text.lower()
    if mode == "latin":
        text = _transliterate(text)
        mode = "default"
    slug = _ASCII_RUNS[mode].sub("-", text) if text.isascii() else _slug_chars(text, mode)
    if slug.startswith("-"):
        slug = slug[1:]
    if slug.endswith("-"):
        slug = slug[:-1]
    return slug if cased else slug.lower()


def _slug_chars(text: str, mode: str) -> str:
    out: list[str] = []
    in_run = False
    for ch in text:
        if _keeps(ch, mode):
            out.append(ch)
            in_run = False
        elif not in_run:
            out.append("-")
            in_run = True
    return "".join(out)


def markdown_extensions(config_value: object) -> frozenset[str]:
    """The `markdown_ext` setting as a set of lower-case extensions with dots."""
    text = config_value if isinstance(config_value, str) else DEFAULT_MARKDOWN_EXT
    return frozenset("." + e.strip().lower() for e in text.split(",") if e.strip())


def output_ext(ext: str, markdown_exts: frozenset[str]) -> str:
    """Markdown and HTML become `.html`; anything else keeps its own extension."""
    lowered = ext.lower()
    if lowered in markdown_exts or lowered in (".html", ".htm"):
        return ".html"
    return ext

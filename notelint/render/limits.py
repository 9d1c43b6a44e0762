"""How large a page notelint will build from one post's Markdown."""

from __future__ import annotations

MAX_REPEATED_BYTES = 32 * 1024 * 1024


class PageTooLarge(Exception):
    """The HTML would pass MAX_REPEATED_BYTES of link and image URLs: a reference definition
    with a huge URL used again and again multiplies a few MB of Markdown into gigabytes."""

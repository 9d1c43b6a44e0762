"""What a report may print of a path or a message: never a control character and never the
raw bytes of an undecodable file name. A file name holding a newline could otherwise forge
report lines (a fake `::error` annotation), and undecodable bytes (kept by Python as lone
surrogates) cannot be encoded at all."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of the name that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every unsafe character written as a backslash escape (`\\n`, `\\xff`)."""
    return _UNSAFE.sub(_escape, text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """`text` with only the bytes of an undecodable name escaped, for formats (JSON) that
    escape control characters themselves."""
    return _SURROGATE.sub(_escape, text)

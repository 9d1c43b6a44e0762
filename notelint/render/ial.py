"""kramdown's attribute lists: `{: .class #id key="value" ref}` and `{:ref: ...}` definitions."""

from __future__ import annotations

import re
from collections.abc import Mapping

IAL_BLOCK = r"\{:(?!:|/)((?:\\\}|[^}])+)\}[ \t]*\n"
IAL_SPAN = re.compile(r"\{:((?:\\\}|[^}])+)\}")
_ANY = re.compile(
    r"""(?:\A|\s)(?:(\w[\w-]*)=("|')((?:\\\}|\\\2|[^}])*?)\2|(\w[\w-]*)|"""
    r"""((?:#[A-Za-z][\w:-]*|\.[^\s.#]+)+))(?=\s|\Z)""")
_ID_OR_CLASS = re.compile(r"#([A-Za-z][\w:-]*)|\.([^\s.#]+)")


def parse_attribute_list(text: str, into: dict[str, str],
                         alds: Mapping[str, Mapping[str, str]]) -> None:
    """Add the attributes of `text` to `into`, expanding references to definitions."""
    for m in _ANY.finditer(text):
        key, _quote, value, ref, multi = m.groups()
        if key is not None:
            into[key] = value.replace("\\}", "}").replace(f"\\{_quote}", _quote)
        elif ref is not None:
            for name, val in alds.get(ref, {}).items():
                add_attribute(into, name, val)
        else:
            for ident, cls in _ID_OR_CLASS.findall(multi):
                if ident:
                    into["id"] = ident
                else:
                    add_attribute(into, "class", cls)


def add_attribute(into: dict[str, str], name: str, value: str) -> None:
    if name == "class" and into.get("class"):
        into["class"] = f"{into['class']} {value}"
    else:
        into[name] = value

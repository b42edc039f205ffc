"""Small checks that keep spec text and links inert wherever they end up."""

from __future__ import annotations

import re
import unicodedata

SAFE_SCHEMES = ("http", "https", "mailto")

# C0/C1 controls (but not tab/newline), bidi overrides/isolates that can disguise text, and
# lone surrogates, which cannot be written as UTF-8.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def bad_characters(text: str) -> list[str]:
    """The control or bidi-override characters in ``text``, as ``U+XXXX`` names."""
    return sorted({f"U+{ord(c):04X}" for c in _BAD_CHARS.findall(text)})


def strip_bad_characters(text: str) -> str:
    return _BAD_CHARS.sub("", text)


def link_problem(url: str) -> str | None:
    """Why ``url`` may not be a link, or None when it is safe.

    Allowed: http, https, mailto, relative paths and fragments. The scheme is read after
    removing whitespace and control characters, the way browsers do.
    """
    if not url.strip():
        return "a link cannot be empty"
    squeezed = "".join(c for c in url if not c.isspace() and unicodedata.category(c) != "Cc")
    if squeezed.startswith("//"):
        return "protocol-relative links ('//host') are not allowed; write https://"
    if "&" in squeezed and re.search(r"&#|&[a-zA-Z]+;", squeezed):
        return "links may not contain character references"
    match = _SCHEME.match(squeezed)
    if match is None:
        if ":" in squeezed.split("/", 1)[0]:
            return "the part before ':' is not a valid scheme"
        return None  # relative path or fragment
    scheme = match.group(1).lower()
    if scheme not in SAFE_SCHEMES:
        allowed = ", ".join(SAFE_SCHEMES)
        return f"the scheme '{scheme}:' is not allowed; use {allowed}, a relative path or #fragment"
    return None

"""Small checks that keep spec text and links inert wherever they end up.

Text from a spec ends up in three kinds of place, each with its own hazards: inside an SVG
(markup, scripts, links), in a terminal (escape sequences, bidi tricks) and in a CI log
(workflow commands). The helpers here are the single source of what is allowed.
"""

from __future__ import annotations

import re
import unicodedata

SAFE_SCHEMES = ("http", "https", "mailto")

# C0/C1 controls (but not tab/newline), bidi overrides/isolates that can disguise text, and
# lone surrogates, which cannot be written as UTF-8.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufeff\ud800-\udfff]"
)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_PATH_END = re.compile(r"[/?#]")  # what ends the part of an address a scheme can be in
# What a terminal must not be sent: every control character but newline and tab (so no
# escape sequences and no carriage return that overwrites a line), bidi controls, line and
# paragraph separators, and lone surrogates.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
# CI log commands: GitHub's ``::name::`` at the start of a line (leading spaces are
# ignored) and Azure Pipelines' ``##vso[...]`` / ``##[...]`` anywhere in a line.
_LOG_COMMAND = re.compile(r"##(?=vso\[|\[)", re.IGNORECASE)
_LINE_COMMAND = re.compile(r"^([^\S\n]*)::", re.MULTILINE)


def bad_characters(text: str) -> list[str]:
    """The control or bidi-override characters in ``text``, as ``U+XXXX`` names."""
    return sorted({f"U+{ord(c):04X}" for c in _BAD_CHARS.findall(text)})


def strip_bad_characters(text: str) -> str:
    """``text`` without the characters :func:`bad_characters` names."""
    return _BAD_CHARS.sub("", text)


def defuse_log_commands(text: str) -> str:
    """``text`` with CI log commands (``##vso[``, ``##[``) broken up so none is obeyed."""
    return _LOG_COMMAND.sub(lambda _: "#\\u0023", text)


# Characters that could move the cursor, recolour a terminal or reorder text when echoed.
UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_MESSAGE_LIMIT = 500


def escape(text: str) -> str:
    """Control, bidi and surrogate characters as ``\\uXXXX``, CI log commands defused."""
    return defuse_log_commands(UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def clip(message: str) -> str:
    """``message`` cut to a readable length, with an ellipsis."""
    return message if len(message) <= _MESSAGE_LIMIT else message[: _MESSAGE_LIMIT - 1] + "…"


def echoed(text: str) -> str:
    """``text`` as a message echoes it: on one line, control, bidi and surrogate characters
    as ``\\uXXXX``, CI log commands defused, cut to a readable length: the escaping every
    located error uses, so every message the command line prints agrees with it.
    """
    return clip(escape(text))


def terminal_safe(text: str) -> str:
    """``text`` made safe to print to a terminal or a CI log, one line per line.

    Control, bidi and separator characters are shown as ``\\uXXXX`` (so a carriage return
    cannot overwrite a line and no escape sequence reaches the terminal); CI log commands
    are defused and no line starts with ``::``.
    """
    text = _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _LINE_COMMAND.sub(r"\1> ::", defuse_log_commands(text))


def link_problem(url: str) -> str | None:
    """Why ``url`` may not be a link, or None when it is safe.

    Allowed: http, https, mailto, relative paths and fragments. The scheme is read after
    removing whitespace and control characters, the way browsers do.
    """
    if not url.strip():
        return "a link cannot be empty"
    squeezed = "".join(c for c in url if not c.isspace() and unicodedata.category(c) != "Cc")
    # Browsers read a backslash as a slash in web addresses: '\\host' is '//host'.
    if squeezed.replace("\\", "/").startswith("//"):
        return "protocol-relative links ('//host') are not allowed; write https://"
    if "&" in squeezed and re.search(r"&#|&[a-zA-Z]+;", squeezed):
        return "links may not contain character references"
    match = _SCHEME.match(squeezed)
    if match is None:
        # A ':' after the first '/', '?' or '#' is data (#step:1, page.html?t=12:30); one
        # before them would be read as a scheme by some parser, so it is refused.
        if ":" in _PATH_END.split(squeezed, maxsplit=1)[0]:
            return "the part before ':' is not a valid scheme"
        return None  # relative path, query or fragment
    scheme = match.group(1).lower()
    if scheme not in SAFE_SCHEMES:
        allowed = ", ".join(SAFE_SCHEMES)
        return f"the scheme '{scheme}:' is not allowed; use {allowed}, a relative path or #fragment"
    return None

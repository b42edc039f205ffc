"""Where a word may break with a hyphen, in the text's language.

The points come from pyphen (the LibreOffice hyphenation dictionaries). pyphen is imported,
and a dictionary read, only when a word is too wide for its line: most layouts never need
one, and reading a dictionary costs 0.05-0.7 s.

Only words are hyphenated: up to 64 letters, perhaps with an apostrophe inside and
punctuation around them ("(certification)," is a word; "AZ-400T00", "example.com" and
"v2" are not).
Inside a word written in camel case ("DevOps"), the case change is a break point and each
part is hyphenated on its own, so no break falls inside "Ops". A language with no
dictionary (Japanese, Arabic...) gives no points; its words split as before.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

__all__ = ["HYPHEN", "dictionary_name", "points"]

# The hyphen drawn at a break: the ASCII hyphen-minus, which every font has (U+2010 is the
# same glyph in DejaVu, but a theme's own font may lack it) and which keeps a line on the
# measurer's ASCII fast path.
HYPHEN = "-"
_LEFT, _RIGHT = 2, 3  # fewest letters before and after a break (TeX's English minima)
# Longer runs of letters are no words (a hash, a key, a test's filler): split as before.
_MAX_WORD = 64
_APOSTROPHES = frozenset("'\u2019")
# A language tag's pyphen dictionary, for tags whose plain fallback is not the usual one.
_PREFERRED = {"en": "en_US", "de": "de_DE", "pt": "pt_PT", "nl": "nl_NL", "it": "it_IT"}


def points(word: str, lang: str) -> tuple[int, ...]:
    """Offsets in ``word`` where a line may break with a hyphen, in increasing order.

    Args:
        word: One unbreakable piece of a line (no spaces), punctuation included.
        lang: The text's language tag, e.g. ``en``, ``de-CH`` or ``pt_BR``.
    """
    start, end = _core(word)
    if not _LEFT + _RIGHT <= end - start <= _MAX_WORD:
        return ()
    core = word[start:end]
    if not all(c.isalpha() or c in _APOSTROPHES for c in core):
        return ()
    name = dictionary_name(lang)
    if name is None:
        return ()
    return tuple(start + p for p in _core_points(core, name))


def _core(word: str) -> tuple[int, int]:
    """Where the word starts and ends, punctuation and symbols around it left out (a digit
    stays: "v2" is no word)."""
    start, end = 0, len(word)
    while start < end and _around(word[start]):
        start += 1
    while end > start and _around(word[end - 1]):
        end -= 1
    return start, end


def _around(char: str) -> bool:
    return unicodedata.category(char)[0] in "PSZ"  # punctuation, symbols, spaces


@lru_cache(maxsize=4096)
def _core_points(core: str, name: str) -> tuple[int, ...]:
    found: list[int] = []
    offset = 0
    for part in _camel_parts(core):
        if offset:
            found.append(offset)  # "Dev|Ops"
        found += (offset + p for p in _dictionary(name).positions(part))
        offset += len(part)
    # A case change one letter from the edge ("iPhone") is no place for a break.
    return tuple(p for p in found if _LEFT <= p <= len(core) - _RIGHT)


def _camel_parts(core: str) -> list[str]:
    """``core`` cut before each capital that follows a small letter: DevOps -> Dev, Ops."""
    parts: list[str] = []
    start = 0
    for i in range(1, len(core)):
        if core[i].isupper() and core[i - 1].islower():
            parts.append(core[start:i])
            start = i
    parts.append(core[start:])
    return parts


@lru_cache(maxsize=32)
def dictionary_name(lang: str) -> str | None:
    """The pyphen dictionary for a language tag, or None when pyphen has none."""
    import pyphen

    parts = lang.replace("-", "_").split("_")
    preferred = _PREFERRED.get(parts[0].lower()) if len(parts) == 1 else None
    found: str | None = pyphen.language_fallback(preferred or lang)
    return found


@lru_cache(maxsize=8)
def _dictionary(name: str) -> Any:
    import pyphen

    return pyphen.Pyphen(lang=name, left=_LEFT, right=_RIGHT)

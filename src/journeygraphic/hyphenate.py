"""Where a word may break with a hyphen, in the text's language.

The points come from pyphen's dictionaries (LibreOffice's hyphenation patterns), found by
pyphen and read here, lazily: pyphen parses every pattern of a dictionary up front, 0.65 s
for German's 78,000, where a layout's few long words need a few hundred. ``_Patterns``
indexes the file's lines by their letters (~50 ms) and parses a pattern when a word holds
its letters, then runs Liang's algorithm as pyphen's ``HyphDict.positions`` does (a test
compares the two on every dictionary). pyphen is imported, and a dictionary read, only
when a word is too wide for its line: most layouts never need one.

Only words are hyphenated: up to 64 letters, perhaps with an apostrophe inside and
punctuation around them ("(certification)," is a word; "AZ-400T00", "example.com" and
"v2" are not).
Inside a word written in camel case ("DevOps"), the case change is a break point and each
part is hyphenated on its own, so no break falls inside "Ops". A language with no
dictionary (Japanese, Arabic...) gives no points; its words split as before.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

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
def _dictionary(name: str) -> _Patterns:
    import pyphen

    return _Patterns(Path(pyphen.LANGUAGES[name]), _LEFT, _RIGHT)


# What pyphen's HyphDict skips, and how it reads a pattern (``^^hh`` is a character in hex).
_IGNORED = (
    *("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN"),
    *("COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN"),
)
_HEX = re.compile(r"\^{2}([0-9a-f]{2})")
_PARTS = re.compile(r"(\d?)(\D?)")
_DIGIT = re.compile(r"\d")
_NONZERO = re.compile(r"[1-9]")


class _Patterns:
    """The patterns of one ``hyph_*.dic`` file, each parsed when first looked up."""

    def __init__(self, path: Path, left: int, right: int) -> None:
        self.left, self.right = left, right
        with path.open("rb") as file:
            encoding = file.readline().decode()
        if encoding.lower() == "microsoft-cp1251":
            encoding = "cp1251"
        self._lines: dict[str, str] = {}  # a pattern's letters -> the pattern
        for raw in path.read_text(encoding).split("\n")[1:]:
            line = _pattern_text(raw)
            if line is None:
                continue
            letters = _DIGIT.sub("", line)
            # Zeros change nothing: pyphen skips such a pattern, so it never replaces one
            # with the same letters (one on its own is parsed to nothing when looked up).
            if letters not in self._lines or _NONZERO.search(line):
                self._lines[letters] = line
        self._parsed: dict[str, tuple[int, tuple[int, ...]]] = {}
        self.maxlen = max(map(len, self._lines), default=0)

    def _pattern(self, letters: str) -> tuple[int, tuple[int, ...]] | None:
        """The pattern with these letters: where its numbers start, and the numbers."""
        found = self._parsed.get(letters)
        if found is None:
            line = self._lines.get(letters)
            if line is None:
                return None
            found = self._parsed[letters] = _numbers(line)
        return found

    def positions(self, word: str) -> list[int]:
        """Where ``word`` may break, as pyphen's ``Pyphen.positions`` gives them."""
        lowered = word.lower()
        pointed = f".{lowered}."
        values = [0] * (len(pointed) + 1)
        for i in range(len(pointed) - 1):
            for j in range(i + 1, min(i + self.maxlen, len(pointed)) + 1):
                pattern = self._pattern(pointed[i:j])
                if pattern is not None:
                    offset, numbers = pattern
                    at = i + offset
                    values[at : at + len(numbers)] = map(
                        max, numbers, values[at : at + len(numbers)]
                    )
        right = len(word) - self.right
        return [i - 1 for i, v in enumerate(values) if v % 2 and self.left <= i - 1 <= right]


def _pattern_text(line: str) -> str | None:
    """The pattern a dictionary line holds, as pyphen reads it; None for other lines."""
    line = line.strip()
    if not line or line.startswith(_IGNORED):
        return None
    if "^^" in line:
        line = _HEX.sub(lambda match: chr(int(match.group(1), 16)), line)
    if "/" in line and "=" in line:  # a nonstandard break: its numbers come first
        line = line.split("/", 1)[0]
    return line


def _numbers(pattern: str) -> tuple[int, tuple[int, ...]]:
    """A pattern's numbers, zeros at either end cut off, and the offset of the first
    (none for a pattern of zeros)."""
    numbers = [int(digit or "0") for digit, _ in _PARTS.findall(pattern)]
    if not any(numbers):
        return 0, ()
    start, end = 0, len(numbers)
    while not numbers[start]:
        start += 1
    while not numbers[end - 1]:
        end -= 1
    return start, tuple(numbers[start:end])

"""Which font draws each character: the theme's font first, then fallbacks on the system.

DejaVu Sans (matplotlib ships it) covers Latin, Greek, Cyrillic, Arabic and Hebrew, but no
CJK, Devanagari or emoji. A character it lacks is drawn by the first system face, in one
fixed order, that has it. The faces are found once per process with fontconfig's
``fc-list`` (with their character sets, so nothing is opened to find out) and sorted by
what they are, never by the order fontconfig happens to list them: upright before slanted,
normal width before condensed, sans before serif and monospace, the text's weight before
others, more coverage before less, then face index (the default cut of a .ttc collection,
e.g. Noto Sans CJK JP), family, style and path. A character's face never depends on its
neighbours, so measuring a line, drawing it and naming fonts in SVG all agree.

Text the theme's font covers never gets here beyond one cached coverage check per string.
"""

from __future__ import annotations

import bisect
import importlib.util
import os
import re
import shutil
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .scene import Face, Font, Weight

__all__ = [
    "NOTHING",
    "Drawn",
    "MissingGlyphWarning",
    "Run",
    "attaches",
    "coverage",
    "covers",
    "face_for",
    "family_list",
    "font_dir",
    "font_path",
    "matplotlib_font",
    "missing_glyphs",
    "runs",
]

# fc-list fields, tab separated; the character set (hex ranges) comes last.
_FC_FORMAT = (
    "%{file}\\t%{index}\\t%{family[0]}\\t%{style[0]}\\t%{weight}\\t%{slant}\\t%{width}"
    "\\t%{spacing}\\t%{fontformat}\\t%{variable}\\t%{charset}\\n"
)
_FC_FIELDS = 11
_FC_WEIGHT = {"regular": 80, "bold": 200}  # fontconfig's FC_WEIGHT_REGULAR and _BOLD
_FORMATS = frozenset({"TrueType", "CFF"})  # outline formats FreeType, Pillow and Agg all draw
# A family name goes into SVG's font-family list: plain names only.
_PLAIN_FAMILY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._+-]*")
_GENERIC = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"})
# Drawn by nothing, so never a missing glyph: controls, format characters, separators.
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Cs"})


class MissingGlyphWarning(UserWarning):
    """Some characters are in no font on this system; they will be drawn as boxes."""


@lru_cache(maxsize=1)
def font_dir() -> Path:
    """Where matplotlib keeps DejaVu Sans, found without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed; it ships the DejaVu fonts we measure with")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


@lru_cache(maxsize=64)
def font_path(file: str) -> str:
    """Absolute path of a font file name, looked up in matplotlib's font folder."""
    path = Path(file)
    return str(path if path.is_absolute() else font_dir() / path)


@dataclass(frozen=True)
class _Candidate:
    face: Face
    weight: int
    penalty: int  # slant, width, spacing and serifs: how far from a plain upright sans
    size: int  # characters covered
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def covers(self, code: int) -> bool:
        i = bisect.bisect_right(self.starts, code) - 1
        return i >= 0 and code <= self.ends[i]


@dataclass(frozen=True)
class Run:
    """A stretch of text drawn by one face: ``face`` None is the theme's own font."""

    text: str
    face: Face | None
    missing: bool = False  # no font has these characters


@lru_cache(maxsize=8)
def coverage(path: str, index: int = 0) -> frozenset[int]:
    """The code points face ``index`` of the font file at ``path`` maps to a glyph."""
    # here: text DejaVu's known set covers (most text) never loads fontTools
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(path, lazy=True, fontNumber=index) as font:
        return frozenset(font.getBestCmap() or ())


# Characters both bundled DejaVu Sans files have (printable ASCII, Latin-1, Latin
# Extended-A/B and the punctuation specs use; a test checks the files): text made of them
# needs no cmap, which spares a cold run importing fontTools to parse one.
DEJAVU_FILES = frozenset({"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"})
DEJAVU_COMMON = (
    frozenset(range(0x20, 0x7F))
    | frozenset(range(0xA0, 0x250))
    | frozenset(map(ord, "•›‹—–·’‘“”…✓★→←″′€™"))
)


def covers(path: str, text: str) -> bool:
    """Whether the font at ``path`` has every character of ``text``."""
    if text.isascii():
        return True
    codes = set(map(ord, text))
    if os.path.basename(path) in DEJAVU_FILES and codes <= DEJAVU_COMMON:
        return True
    return codes <= coverage(path)


@lru_cache(maxsize=1)
def _system_candidates() -> tuple[_Candidate, ...]:
    """Every outline face fontconfig knows, with its coverage; empty without fontconfig."""
    import subprocess  # here: text the theme's font covers (most text) never asks fontconfig

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        listing = subprocess.run(
            [fc_list, "--format", _FC_FORMAT, ":outline=true"],
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return ()
    found = (_candidate(line.split("\t")) for line in listing.splitlines())
    return tuple(c for c in found if c is not None)


def _candidate(fields: list[str]) -> _Candidate | None:
    if len(fields) != _FC_FIELDS:
        return None
    file, index, family, _, weight, slant, width, spacing, kind, variable, charset = fields
    usable = kind in _FORMATS and variable != "True" and _PLAIN_FAMILY.fullmatch(family)
    if not (usable and index.isdigit() and Path(file).is_absolute()):
        return None
    starts, ends = _ranges(charset)
    penalty = (
        4 * (_number(slant, 0) != 0)
        + 2 * (_number(width, 100) != 100)
        + (_number(spacing, 0) >= 90)  # monospace or dual-width
        + ("serif" in family.lower().replace("sans", ""))
    )
    size = sum(e - s + 1 for s, e in zip(starts, ends, strict=True))
    face = Face(family, file, int(index))
    return _Candidate(face, _number(weight, 80), penalty, size, starts, ends)


def _number(text: str, default: int) -> int:
    match = re.search(r"\d+", text)
    return int(match.group()) if match else default


def _ranges(charset: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    starts, ends = [], []
    for part in charset.split():
        low, _, high = part.partition("-")
        try:
            starts.append(int(low, 16))
            ends.append(int(high or low, 16))
        except ValueError:
            continue
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return tuple(starts[i] for i in order), tuple(ends[i] for i in order)


@lru_cache(maxsize=2)
def _ordered(weight: Weight) -> tuple[_Candidate, ...]:
    """The candidates in the one order fallback follows for text of ``weight``."""
    target = _FC_WEIGHT[weight]

    def key(c: _Candidate) -> tuple[Any, ...]:
        f = c.face
        return (c.penalty, abs(c.weight - target), -c.size, f.index, f.family, f.file)

    return tuple(sorted(_system_candidates(), key=key))


@lru_cache(maxsize=8)
def _rank(weight: Weight) -> dict[Face, int]:
    return {c.face: i for i, c in enumerate(_ordered(weight))}


@lru_cache(maxsize=65536)
def face_for(char: str, weight: Weight = "regular") -> Face | None:
    """The first system face in fallback order that has ``char``, or None."""
    code = ord(char)
    return next((c.face for c in _ordered(weight) if c.covers(code)), None)


def attaches(char: str) -> bool:
    """Marks, joiners, selectors and skin tones belong to the character before them."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf")
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0100 <= code <= 0xE01EF
    )


def runs(text: str, path: str, weight: Weight = "regular") -> list[Run]:
    """``text`` cut where the face drawing it changes; ``path`` is the theme's font file."""
    known = _known_faces(path, weight)
    if len(known) >= _MAX_KNOWN:  # a long-lived process: start again
        known.clear()
    out: list[Run] = []
    start, drawn = 0, _char_face(text[0], path, weight) if text else None
    for i, char in enumerate(text):
        found = known.get(char)
        if found is None:
            found = known[char] = _ATTACHES if attaches(char) else _char_face(char, path, weight)
        if found is drawn or found is _ATTACHES:  # a mark keeps the face before it
            continue
        assert drawn is not None
        out.append(Run(text[start:i], *drawn))
        start, drawn = i, found
    if drawn is not None:
        out.append(Run(text[start:], *drawn))
    return out


# Built at run time, so no answer of _char_face is this object: compared by identity only.
_ATTACHES: tuple[Face | None, bool] = tuple([None, False])  # type: ignore[assignment]
_MAX_KNOWN = 65536


@lru_cache(maxsize=16)
def _known_faces(path: str, weight: Weight) -> dict[str, tuple[Face | None, bool]]:
    """Per theme font and weight: each character's ``_char_face``, or ``_ATTACHES``."""
    return {}


@lru_cache(maxsize=65536)
def _char_face(char: str, path: str, weight: Weight) -> tuple[Face | None, bool]:
    """The face that draws ``char`` (None: the theme's font at ``path``), and whether no
    face has it (never so for a character nothing draws): one object per answer, so runs
    compare them by identity."""
    if ord(char) in coverage(path):
        return _canonical(None, False)
    face = face_for(char, weight)
    return _canonical(face, face is None and unicodedata.category(char) not in _INVISIBLE)


@cache
def _canonical(face: Face | None, missing: bool) -> tuple[Face | None, bool]:
    return face, missing


@dataclass(frozen=True)
class Drawn:
    """What draws some text besides the theme's font, gathered from its runs as measuring
    splits them: the fallback faces, and the characters no font has (never one nothing
    draws, such as a joiner)."""

    faces: frozenset[Face] = frozenset()
    missing: frozenset[str] = frozenset()

    def adding(self, run: Run) -> Drawn:
        """This with ``run``'s face or missing characters (itself when it adds nothing)."""
        if run.missing:
            shown = frozenset(c for c in run.text if unicodedata.category(c) not in _INVISIBLE)
            return self if shown <= self.missing else Drawn(self.faces, self.missing | shown)
        if run.face is None or run.face in self.faces:
            return self
        return Drawn(self.faces | {run.face}, self.missing)

    def joined(self, other: Drawn) -> Drawn:
        """What draws this text and ``other``."""
        if other.faces <= self.faces and other.missing <= self.missing:
            return self
        return Drawn(self.faces | other.faces, self.missing | other.missing)

    def fallbacks(self, weight: Weight) -> tuple[Face, ...]:
        """The faces in the order both backends try them for text of ``weight``."""
        if not self.faces:  # the order asks fontconfig: text the theme's font draws never does
            return ()
        rank = _rank(weight)
        return tuple(sorted(self.faces, key=rank.__getitem__))


NOTHING = Drawn()  # text the theme's font draws alone


def missing_glyphs(chars: Iterable[str]) -> MissingGlyphWarning:
    """The warning naming characters no font has: they will show as boxes."""
    shown = sorted(set(chars))
    names = ", ".join(f"{c} (U+{ord(c):04X})" for c in shown[:12])
    more = f" and {len(shown) - 12} more" if len(shown) > 12 else ""
    return MissingGlyphWarning(f"no font has {names}{more}; they will show as boxes")


def family_list(font: Font) -> str:
    """The CSS font-family list for SVG: the theme's list with the fallbacks before the
    generic family, so a viewer reaches them before its own choice of sans-serif."""
    names = [n.strip() for n in font.family.split(",") if n.strip()]
    if not font.fallbacks:
        return font.family
    taken = {n.strip("'\"").lower() for n in names}
    extra = [f"'{f.family}'" for f in font.fallbacks if f.family.lower() not in taken]
    extra = list(dict.fromkeys(extra))  # two faces of one family are one name
    at = next((i for i, n in enumerate(names) if n.lower() in _GENERIC), len(names))
    return ", ".join(names[:at] + extra + names[at:])


def matplotlib_font(font: Font) -> Any:
    """matplotlib FontProperties that draw with ``font.file`` and then its fallbacks."""
    from matplotlib.font_manager import FontProperties  # here: SVG never loads matplotlib

    if not font.fallbacks:
        return FontProperties(fname=font_path(font.file), size=font.size)
    faces = ((font_path(font.file), 0), *((f.file, f.index) for f in font.fallbacks))
    return _face_chain()([f"{_CHAIN}{index}:{file}" for file, index in faces], font.size)


_CHAIN = "journeygraphic-face:"


@lru_cache(maxsize=1)
def _face_chain() -> Any:
    """A FontProperties class naming exact font files as its family list.

    matplotlib (3.6+) gives every family in a FontProperties' list to ``findfont``, which
    returns ``get_file()`` when that is set, and then falls back glyph by glyph through
    the fonts found, in order; answering ``get_file()`` per family makes that list our
    exact files and face indices, whatever fonts matplotlib's own cache knows.
    """
    from matplotlib import font_manager  # here: SVG never loads matplotlib
    from matplotlib.font_manager import FontProperties

    # matplotlib 3.11+ can name a face inside a .ttc; older ones draw a collection's first.
    face_path: Any = getattr(font_manager, "FontPath", None)

    class FaceChain(FontProperties):
        def __init__(self, families: list[str], size: float) -> None:
            super().__init__(family=families, size=size)

        def get_file(self) -> Any:
            family = self.get_family()
            if len(family) == 1 and family[0].startswith(_CHAIN):
                index, _, file = family[0][len(_CHAIN) :].partition(":")
                return face_path(file, int(index)) if face_path else file
            return super().get_file()

        def __copy__(self) -> FaceChain:  # matplotlib's own copy returns the base class
            new = FaceChain.__new__(FaceChain)
            new.__dict__.update(self.__dict__)
            return new

    return FaceChain

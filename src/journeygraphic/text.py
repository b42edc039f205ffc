"""Measuring and wrapping, with the same font files the backends draw with.

Measuring uses FreeType through Pillow (cheap to import), not matplotlib, so the SVG path
never loads matplotlib. Widths are taken at a large reference size and scaled, which gives
the unhinted advances that browsers and librsvg use (hinted widths at small sizes can be a
few percent narrower or wider). A small safety margin on top covers kerning and renderer
differences, so a line that fits here fits in every viewer.

Text the theme's font covers and that needs no shaping (Latin, Greek, Cyrillic...) is
measured in one call, as it always was. Other text is cut into runs by the face that draws
each character (``fonts.runs``) and each run is shaped with raqm (HarfBuzz + FriBiDi), which
is what matplotlib 3.11, browsers and librsvg draw: Arabic joins, CJK comes from a fallback
face. Bidi reordering changes where runs go, never the line's width. The runs a line was
measured in also name the fallback faces it is drawn with (``Measurer.drawing``): a line is
split into runs once, while it is measured.

Lines break at spaces; between CJK characters (never before closing punctuation such as
、。」 or after opening punctuation); after a hyphen inside a word; and inside web addresses
after ``/``, ``?``, ``&``, ``=`` and ``#``. A no-break space holds its words together. A word
wider than a line breaks at the last hyphenation point of the text's language that fits,
with a hyphen that is measured with the line (``hyphenate``); a string that is no word (a
code, an address) or a syllable still wider than the line is split between characters
(never inside a character cluster). A paragraph's last word is not left alone on the last
line when the word before it fits there too.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal, Protocol

from . import _shortcuts as shortcuts
from .fonts import NOTHING, Drawn, Run, attaches, covers, font_dir, font_path, runs
from .hyphenate import HYPHEN, points
from .scene import Font, Weight

__all__ = [
    "REFERENCE_SIZE",
    "SAFETY",
    "Measurer",
    "Metrics",
    "bidi_mark",
    "font_dir",
    "font_path",
    "text_direction",
    "words",
]

# Break only at ordinary spaces and tabs: a no-break space must hold its words together.
_SPACES = re.compile(r"[ \t]+")

REFERENCE_SIZE = 1000  # px; hinting is negligible at this size
SAFETY = 1.02  # measured widths are 2% generous
# FreeType adds advances in 26.6 fixed point, which overflows near 33.5 million px: at the
# reference size that is ~16,600 of the widest glyphs, so long text is measured in pieces.
_CHUNK = 2048
# What a character no font has costs: matplotlib draws its Last Resort box (1.147 em) and
# viewers draw a hex box about as wide.
_BOX_EM = 1.15
_BASIC, _RAQM = 0, 1  # ImageFont.Layout: FreeType alone, or with raqm's shaping

# Line breaking (a working subset of UAX #14).
_NO_BREAK_BEFORE = frozenset(
    "、。，．：；？！）」』】〕〉》〙〗｝］〟ー…‥・〜～ゝゞヽヾ々〻゛゜"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    ",.:;!?)]}%’”»"
)
_NO_BREAK_AFTER = frozenset("（「『【〔〈《〘〖｛［〝([{‘“«¿¡")
# No-break space, narrow no-break space, word joiner, non-breaking hyphen, zero-width joiner.
_GLUE = frozenset("\u00a0\u202f\u2060\u2011\u200d\ufeff")
_HYPHENS = frozenset("-\u2010\u2013")  # hyphen-minus, hyphen, en dash
_URL_BREAKS = frozenset("/?&=#")
# A bare domain (training.linuxfoundation.org): a web address though it has no slash.
_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]+")
_RTL = frozenset({"R", "AL"})
_PARAGRAPH_BREAKS = dict.fromkeys(map(ord, "\n\r\x1c\x1d\x1e\x85\u2029"))
_SHAPED_BIDI = frozenset({"R", "AL", "AN"})
_MAX_WRAPS = 65536  # remembered wraps per measurer
_MAX_RUNS = 65536  # remembered font run widths per font file
_MAX_MARKS = 30  # marks in a row in one cluster (UAX #15's stream-safe limit)
_MAX_JOINED = 10  # emoji in one ZWJ cluster (the longest standard sequences join four)
_WIDOW_EMS = 4  # a lone last word narrower than this (in ems) is moved onto a line with another


class _Face(Protocol):
    def getlength(self, text: str) -> float: ...
    def getmetrics(self) -> tuple[int, int]: ...


class _CoreFace:
    """The FreeType face that Pillow's ``ImageFont.truetype`` wraps, used directly: the
    same widths and metrics, without importing ``PIL.Image`` (a tenth of an SVG run's
    start-up). It is private to Pillow: if a call to it raises, measuring falls back to
    ImageFont for the rest of the process (``_shortcuts``), this face included."""

    def __init__(self, path: str, size: float, index: int, engine: int) -> None:
        self.args = (path, size, index, engine)
        self.font: Any = _CORE.getfont(path, size, index, "", layout_engine=engine)
        self.public: _Face | None = None

    def getlength(self, text: str) -> float:
        if self.public is None:
            try:
                return float(self.font.getlength(text, "", None, None, None)) / 64  # as ImageFont
            except Exception as error:
                self.public = self._fall_back("font.getlength", error)
        return self.public.getlength(text)

    def getmetrics(self) -> tuple[int, int]:
        if self.public is None:
            try:
                return int(self.font.ascent), int(self.font.descent)
            except Exception as error:
                self.public = self._fall_back("font.ascent/descent", error)
        return self.public.getmetrics()

    def _fall_back(self, call: str, error: Exception) -> _Face:
        shortcuts.failed(shortcuts.MEASURING, f"PIL._imagingft {call}", error)
        return _image_font(*self.args)


def _freetype_core() -> Any:
    try:
        from PIL import _imagingft
    except ImportError:  # pragma: no cover - Pillow built without FreeType
        return None
    return _imagingft if hasattr(_imagingft, "getfont") else None


_CORE = _freetype_core()


def _pil_font(file: str, size: float, index: int = 0, shaped: bool = False) -> _Face:
    """The face that measures ``file`` at ``size``: Pillow's core while that shortcut
    holds, else ImageFont (the same widths)."""
    return _face(file, size, index, shaped, shortcuts.on(shortcuts.MEASURING))


@lru_cache(maxsize=64)
def _face(file: str, size: float, index: int, shaped: bool, core: bool) -> _Face:
    engine = _RAQM if shaped and _has_raqm(core) else _BASIC
    path = font_path(file)
    if core and path.isascii():  # ImageFont reads other paths itself on Windows
        if _CORE is None:
            shortcuts.failed(shortcuts.MEASURING, "PIL._imagingft.getfont", None)
        else:
            try:
                return _CoreFace(path, size, index, engine)
            except Exception as error:
                shortcuts.failed(shortcuts.MEASURING, "PIL._imagingft.getfont", error)
    return _image_font(path, size, index, engine)


def _image_font(path: str, size: float, index: int, engine: int) -> _Face:
    from PIL import ImageFont

    layout = ImageFont.Layout.RAQM if engine == _RAQM else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, size, index=index, layout_engine=layout)


@lru_cache(maxsize=2)
def _has_raqm(core: bool) -> bool:
    if core and _CORE is not None and hasattr(_CORE, "HAVE_RAQM"):
        return bool(_CORE.HAVE_RAQM)
    from PIL import features

    return bool(features.check_feature("raqm"))


Wrapped = tuple[tuple[str, ...], tuple[float, ...]]  # lines, and the width of each


@dataclass(frozen=True)
class Metrics:
    ascent: float
    descent: float


class Measurer:
    """Measures and wraps text in concrete fonts; results are cached per string."""

    def __init__(self, family: str, regular_file: str, bold_file: str) -> None:
        self.family = family
        self._files = {"regular": regular_file, "bold": bold_file}
        self._widths: dict[tuple[str, str, str], float] = {}
        # Column balancing wraps the same texts at many widths that break them the same
        # way: remembered per text and font as spans of widths (one wrap per span).
        self._spans: dict[tuple[str, str, str, float, str], _Spans] = {}
        self._span_count = 0
        self._fonts: dict[tuple[float, type, Weight], Font] = {}
        self._metrics: dict[tuple[str, float], Metrics] = {}
        # Placed text: lines and their rounded widths per (text, font, width, balance, lang).
        self._placed: dict[tuple[str, str, str, float, float, bool, str], Wrapped] = {}
        # The widths of a text's unbreakable pieces per px of font size, in increasing order.
        self._piece_px: dict[tuple[str, str, str], tuple[float, ...]] = {}
        # Placed text: its font naming its fallbacks, and the characters no font has.
        self._drawing: dict[tuple[tuple[str, ...], Font], tuple[Font, frozenset[str]]] = {}

    def font(self, size: float, weight: Weight = "regular") -> Font:
        """The theme's font at ``size`` px in ``weight``."""
        key = (size, type(size), weight)  # 12 and 12.0 are equal keys but dump differently
        font = self._fonts.get(key)
        if font is None:  # fonts are frozen: one object per size and weight will do
            font = self._fonts[key] = Font(self.family, self._files[weight], size, weight)
        return font

    def width(self, text: str, font: Font) -> float:
        """The advance width of ``text`` in ``font``, in pixels, with the safety margin."""
        return self._per_px(text, font) * font.size

    def _per_px(self, text: str, font: Font, prefix: str = "") -> float:
        """The width of ``text`` at 1 px, remembered: widths scale with the size.
        ``prefix``, a start of ``text`` measured before, spares measuring it again."""
        key = (text, font.file, font.weight)
        per_px = self._widths.get(key)
        if per_px is None:
            reference = _reference_width(text, font.file, font.weight, prefix)
            per_px = reference * SAFETY / REFERENCE_SIZE
            self._widths[key] = per_px
        return per_px

    def drawing(self, lines: tuple[str, ...], font: Font) -> tuple[Font, frozenset[str]]:
        """``font`` naming the fallback faces that draw ``lines``, in fallback order, and the
        characters of ``lines`` no font has: from the font runs measuring split each line
        into (placed lines were measured), so no line is split into runs again."""
        if not font.fallbacks and all(map(str.isascii, lines)):  # the usual answer
            return font, NOTHING.missing
        key = (lines, font)
        found = self._drawing.get(key)
        if found is None:
            if len(self._drawing) >= _MAX_WRAPS:  # a long-lived process: start again
                self._drawing.clear()
            drawn = NOTHING
            for line in lines:
                drawn = drawn.joined(_drawn(line, font.file, font.weight))
            fallbacks = drawn.fallbacks(font.weight)
            if fallbacks != font.fallbacks:
                font = replace(font, fallbacks=fallbacks)
            found = self._drawing[key] = (font, drawn.missing)
        return found

    def metrics(self, font: Font) -> Metrics:
        """Ascent and descent of the theme's font at ``font.size``."""
        key = (font.file, font.size)
        found = self._metrics.get(key)
        if found is None:
            ascent, descent = _pil_font(font.file, font.size).getmetrics()
            found = self._metrics[key] = Metrics(float(ascent), float(descent))
        return found

    def wrap(self, text: str, font: Font, max_width: float, lang: str = "en") -> list[str]:
        """Greedy line breaking at break opportunities; words wider than a line are
        hyphenated in ``lang`` (a language tag), or split where they are no words."""
        return list(self._wrap_at(text, font, max_width, lang).lines)

    def wrapped(
        self, text: str, font: Font, max_width: float, balance: bool = False, lang: str = "en"
    ) -> Wrapped:
        """``text`` wrapped into ``max_width`` and each line's width rounded to 0.01 px,
        remembered: column balancing places the same texts at the same widths many times.

        A last line holding only the paragraph's last word, a short one, takes the word
        before it when that fits. With ``balance``, lines are made about equally long: the
        narrowest wrap (to 1 px) that still takes as many lines and breaks no more words.
        """
        key = (text, font.file, font.weight, font.size, max_width, balance, lang)
        found = self._placed.get(key)
        if found is None:
            if len(self._placed) >= _MAX_WRAPS:  # a long-lived process: start again
                self._placed.clear()
            wrap = self._wrap_at(text, font, max_width, lang)
            if balance and len(wrap.lines) > 1:
                wrap = self._balanced(text, font, max_width, len(wrap.lines), lang)
            found = self._without_widow(text, wrap, font, max_width, lang)
            self._placed[key] = found
        return found

    def _balanced(self, text: str, font: Font, width: float, count: int, lang: str) -> _Wrap:
        """The narrowest wrap (to 1 px) that still takes ``count`` lines, never narrower
        than the widest word: balancing breaks no word. Text with a word wider than
        ``width`` (broken anyway) is left as it is wrapped: a narrower line could only break
        its parts again."""
        widths = self._piece_widths(text, font)
        widest = widths[-1] * font.size if widths else 0.0
        if widest > width:
            return self._wrap_at(text, font, width, lang)
        low, high = max(width / 2, widest), width
        while high - low > 1:
            mid = (low + high) / 2
            if len(self._wrap_at(text, font, mid, lang).lines) <= count:
                high = mid
            else:
                low = mid
        return self._wrap_at(text, font, high, lang)

    def _without_widow(
        self, text: str, wrap: _Wrap, font: Font, max_width: float, lang: str
    ) -> Wrapped:
        """The wrap's lines placed, with the word before a lone last word moved down when
        both fit ``max_width``. What the move needs is worked out once per wrap (a span of
        widths shares one wrap), the width test per call."""
        if wrap.widow is None:
            wrap.widow = self._widow_move(text, wrap.lines, font, lang)
        fix_width, fixed = wrap.widow
        if fixed is not None and fix_width <= max_width:
            return fixed.placed_in(self, font)
        return wrap.placed_in(self, font)

    def _widow_move(
        self, text: str, lines: tuple[str, ...], font: Font, lang: str
    ) -> tuple[float, _Wrap | None]:
        """The width the new last line needs and the lines with the word moved, or None
        when the last line is not a lone short word after a space (or nothing can move).
        Short: under ``_WIDOW_EMS`` em; a long last word alone reads as a line of its own."""
        if len(lines) < 2 or " " in lines[-1]:
            return math.inf, None
        if not self._per_px(lines[-1], font) < _WIDOW_EMS:
            return math.inf, None
        last = _SPACES.split(text.rsplit("\n", 1)[-1].strip(" \t"))
        if len(last) < 2 or last[-1] != lines[-1] or not lines[-2].endswith(f" {last[-2]}"):
            return math.inf, None
        moved = f"{last[-2]} {last[-1]}"
        kept = lines[-2][: -len(last[-2]) - 1]
        if len(lines) > 2 and " " not in kept.strip():  # the move would strand a word above
            found = self._rebalanced(text, lines, font, lang)
            if found[1] is not None or self._lone(kept, font):
                return found
        return self.width(moved, font), _Wrap((*lines[:-2], kept, moved))

    def _rebalanced(
        self, text: str, lines: tuple[str, ...], font: Font, lang: str
    ) -> tuple[float, _Wrap | None]:
        """The width it needs and a wrap in as many lines, about equally long, when that
        leaves no short word alone on any line but the first: moving one word down would
        only have left another alone above it ("a / community college"). A long word may
        still be left alone when nothing better is found ("certification / is current")."""
        widest = max(self.width(line, font) for line in lines)
        wrap = self._balanced(text, font, widest, len(lines), lang)
        if any(self._lone(line, font) for line in wrap.lines[1:]):
            return math.inf, None
        return max(self.width(line, font) for line in wrap.lines), wrap

    def _lone(self, line: str, font: Font) -> bool:
        """A line of one short word (not a hyphenated part): what reads as stranded."""
        line = line.strip()
        return " " not in line and not line.endswith("-") and self._per_px(line, font) < _WIDOW_EMS

    def _wrap_at(self, text: str, font: Font, max_width: float, lang: str) -> _Wrap:
        """A remembered wrap whose span of widths holds ``max_width``, else a fresh wrap,
        remembered with its span."""
        key = (text, font.file, font.weight, font.size, lang)
        spans = self._spans.get(key)
        if spans is None:
            spans = self._spans[key] = _Spans()
        wrap = spans.find(max_width)
        if wrap is None:
            if self._span_count >= _MAX_WRAPS:  # a long-lived process: start again
                self._spans.clear()
                self._span_count = 0
                spans = self._spans[key] = _Spans()
            lines, low, high = self._wrap_text(text, font, max_width, lang)
            wrap = _Wrap(lines)
            self._span_count += spans.add(low, high, wrap)
        return wrap

    def _wrap_text(
        self, text: str, font: Font, max_width: float, lang: str
    ) -> tuple[tuple[str, ...], float, float]:
        """The lines, and the span [low, high) of widths that break them the same way.

        Greedy breaking only ever asks whether a candidate's width is <= the line width.
        ``low`` is the widest candidate that fitted and ``high`` the narrowest that did not:
        at any width in between every answer, so every line, is the same.
        """
        out = _Lines([], -math.inf, math.inf)
        for paragraph in text.split("\n"):
            self._wrap_paragraph(paragraph, font, max_width, lang, out)
        return tuple(out.lines), out.low, out.high

    def too_wide(self, text: str, font: Font, max_width: float) -> int:
        """How many of the pieces a line never breaks inside (``words``) are wider than
        ``max_width``: each of them will be hyphenated or split."""
        widths = self._piece_widths(text, font)
        if not widths or widths[-1] * font.size <= max_width:  # the usual answer
            return 0
        return sum(self.width(w, font) > max_width for w in words(text))

    def _piece_widths(self, text: str, font: Font) -> tuple[float, ...]:
        """The widths at 1 px of the pieces a line never breaks inside, in increasing
        order; remembered (widths scale with the size)."""
        key = (text, font.file, font.weight)
        found = self._piece_px.get(key)
        if found is None:
            found = self._piece_px[key] = tuple(sorted(self._per_px(w, font) for w in words(text)))
        return found

    def _fits(self, line: str, font: Font, max_width: float, out: _Lines) -> bool:
        """Whether ``line`` fits, narrowing ``out``'s span by the width compared."""
        width = self.width(line, font)
        if width <= max_width:
            out.low = max(out.low, width)
            return True
        out.high = min(out.high, width)  # a NaN width: min() keeps high, as NaN never fits
        return False

    def _wrap_paragraph(
        self, text: str, font: Font, max_width: float, lang: str, out: _Lines
    ) -> None:
        """Appends the lines of one paragraph to ``out``, its span narrowed by every
        candidate tried (see _wrap_text)."""
        current = ""
        # self.width() inlined: a first layout tries ~10,000 candidate lines.
        known, file, weight, size = self._widths, font.file, font.weight, font.size
        for glue, piece, hyphenable in _pieces(text):
            candidate = f"{current}{glue}{piece}" if current else piece
            per_px = known.get((candidate, file, weight))
            if per_px is None:
                per_px = self._per_px(candidate, font, current)
            width = per_px * size
            if width <= max_width:
                out.low = max(out.low, width)
                current = candidate
                continue
            out.high = min(out.high, width)  # a NaN width: min() keeps high
            if current and self._fits(piece, font, max_width, out):
                out.lines.append(current)
                current = piece
                continue
            lang_or_none = lang if hyphenable else None
            current = self._break_piece(current, glue, piece, font, max_width, lang_or_none, out)
        out.lines.append(current)

    def _break_piece(
        self,
        current: str,
        glue: str,
        piece: str,
        font: Font,
        max_width: float,
        lang: str | None,
        out: _Lines,
    ) -> str:
        """Breaks ``piece``, wider than a line, after ``current`` (the line so far): at the
        last hyphenation point whose part and hyphen fit, filling the current line first.
        Where no part fits a line of its own (a syllable wider than the line, or a piece
        that is no word) it splits between clusters. Appends the full lines; returns the
        line left open. ``lang`` None: no hyphenation."""
        cuts = points(piece, lang) if lang else ()
        line, start = current, 0
        while True:
            head = f"{line}{glue}" if line else ""
            cut, rest_fits = self._last_cut(head, piece, start, cuts, font, max_width, out)
            if rest_fits:
                return piece[start:]
            if cut is not None:
                out.lines.append(f"{head}{piece[start:cut]}{HYPHEN}")
                line, start = "", cut
            elif line:  # no part fits after the words already on this line
                out.lines.append(line)
                line = ""
            else:  # the last resort
                end = self._fitting_end(piece, start, font, max_width, out)
                if end == len(piece):
                    return piece[start:]
                out.lines.append(piece[start:end])
                start = end

    def _last_cut(
        self,
        head: str,
        piece: str,
        start: int,
        cuts: tuple[int, ...],
        font: Font,
        max_width: float,
        out: _Lines,
    ) -> tuple[int | None, bool]:
        """The last hyphenation point after ``start`` whose part of ``piece``, with the
        hyphen and after ``head``, fits the line; and whether, on an empty line, the whole
        rest of the piece fits instead. Parts are tried from the shortest and stop at the
        first that does not fit (widths grow with the part), so a line costs a few short
        measurements however long the word."""
        best = None
        for cut in cuts[bisect_right(cuts, start) :]:
            if not self._fits(f"{head}{piece[start:cut]}{HYPHEN}", font, max_width, out):
                return best, False
            best = cut
        # Every part fits: perhaps the rest does too (with ``head``, it is known not to).
        if best is not None and not head and self._fits(piece[start:], font, max_width, out):
            return None, True
        return best, False

    def _fitting_end(self, text: str, start: int, font: Font, max_width: float, out: _Lines) -> int:
        """Where the longest run of whole clusters from ``start`` that fits ends (at least
        one cluster); ``out``'s span narrowed by every width compared (see _wrap_text).
        When a ZWJ sequence alone is wider than the line, it is split between its emoji."""
        joins = _MAX_JOINED
        end = _cluster_end(text, start)
        if "\u200d" in text[start:end] and not self._fits(text[start:end], font, max_width, out):
            joins = 1
            end = _cluster_end(text, start, joins)
        while end < len(text):
            after = _cluster_end(text, end, joins)
            if not self._fits(text[start:after], font, max_width, out):
                break
            end = after
        return end


@dataclass
class _Lines:
    """The lines of a wrap so far, and the span [low, high) of widths that give them."""

    lines: list[str]
    low: float
    high: float


class _Wrap:
    """The lines of one wrap; once asked for, their widths as placed, and what moving a
    lone last word down would take (see Measurer._widow_move)."""

    __slots__ = ("lines", "placed", "widow")

    def __init__(self, lines: tuple[str, ...]) -> None:
        self.lines = lines
        self.placed: Wrapped | None = None
        self.widow: tuple[float, _Wrap | None] | None = None

    def placed_in(self, measurer: Measurer, font: Font) -> Wrapped:
        """The lines and their widths rounded to 0.01 px, measured once."""
        if self.placed is None:  # the same lines at another width in the span
            widths = tuple(round(measurer.width(line, font), 2) for line in self.lines)
            self.placed = (self.lines, widths)
        return self.placed


class _Spans:
    """The wraps of one text in one font: disjoint spans [low, high) of line widths, each
    with the wrap every width in it gives, kept in order of ``low``."""

    __slots__ = ("highs", "lows", "wraps")

    def __init__(self) -> None:
        self.lows: list[float] = []
        self.highs: list[float] = []
        self.wraps: list[_Wrap] = []

    def find(self, width: float) -> _Wrap | None:
        # The last span starting at or before width. A NaN or +inf width is never inside
        # a span ([low, inf) excludes inf): it is wrapped afresh, as the exact-width caches
        # in front of this one make rare.
        i = bisect_right(self.lows, width) - 1
        if i >= 0 and width < self.highs[i]:
            return self.wraps[i]
        return None

    def add(self, low: float, high: float, wrap: _Wrap) -> int:
        """Remembers ``wrap`` for [low, high); returns how many spans were added."""
        if not low < high:  # no width gives these lines this way (a NaN width)
            return 0
        i = bisect_right(self.lows, low)
        self.lows.insert(i, low)
        self.highs.insert(i, high)
        self.wraps.insert(i, wrap)
        return 1


def words(text: str) -> list[str]:
    """The pieces of ``text`` a line never breaks inside (words, single CJK characters...)."""
    return [piece for paragraph in text.split("\n") for _, piece, _ in _pieces(paragraph)]


def text_direction(lines: Sequence[str]) -> Literal["ltr", "rtl"]:
    """The base direction of a text: that of its first strong character (UAX #9, P2-P3)."""
    for line in lines:
        if line.isascii():
            if any(c.isalpha() for c in line):
                return "ltr"
            continue
        for char in line:
            kind = unicodedata.bidirectional(char)
            if kind == "L":
                return "ltr"
            if kind in _RTL:
                return "rtl"
    return "ltr"


def bidi_mark(lines: Sequence[str]) -> str:
    """A mark to put before each line so a renderer that finds the direction line by line
    (matplotlib) gives every line the text's direction; empty for text with no RTL."""
    if not any(_has_rtl(line) for line in lines):
        return ""
    return "\u200f" if text_direction(lines) == "rtl" else "\u200e"


def _has_rtl(text: str) -> bool:
    return not text.isascii() and any(unicodedata.bidirectional(c) in _RTL for c in text)


# --- measuring ---------------------------------------------------------------------------


def _reference_width(text: str, file: str, weight: Weight, prefix: str = "") -> float:
    """Width at the reference size, without the safety margin; ``prefix``: see _runs_width."""
    if text.isascii():
        if len(text) <= _CHUNK:
            return _pair_length(file, text)
        return _length(_pil_font(file, REFERENCE_SIZE), text)
    path = font_path(file)
    if covers(path, text) and not _needs_shaping(text):
        if len(text) <= _CHUNK:  # unshaped, as ASCII is: exact from pairs
            return _pair_length(file, text)
        return _length(_pil_font(file, REFERENCE_SIZE), text)
    return _runs_width(text, file, path, weight, prefix)


def _runs_width(text: str, file: str, path: str, weight: Weight, prefix: str) -> float:
    """The sum of the shaped widths of ``text``'s font runs.

    Each run is shaped on its own, so a run's width is remembered per run, and for each
    text measured the width of all its runs but the last (its tail). A wrap's candidate
    line is the line so far (``prefix``) and one more word: it is measured from the
    prefix's tail, walking and shaping only its last run and the word. Exact: a run starts
    where a character's face differs from the one before, which the walk finds the same
    from the start of the prefix's last run as from the start of the text.
    """
    core = shortcuts.on(shortcuts.MEASURING)
    known, tails = _run_widths(file, core), _tails(file, weight, core)
    if len(known) >= _MAX_RUNS or len(tails) >= _MAX_RUNS:  # a long-lived process
        known.clear()
        tails.clear()
    head, rest, drawn = 0.0, text, NOTHING
    tail = tails.get(prefix) if prefix else None
    if tail is not None and text.startswith(prefix):
        head, last, drawn = tail
        rest = last.text + text[len(prefix) :]
    found = runs(rest, path, weight)
    for run in found[:-1]:
        head += _known_width(known, run, file)
        drawn = drawn.adding(run)
    if not found:
        return head
    tails[text] = (head, found[-1], drawn)
    return head + _known_width(known, found[-1], file)


def _drawn(line: str, file: str, weight: Weight) -> Drawn:
    """What draws ``line`` besides the theme's font, from the runs measuring it split it
    into; a line whose runs were forgotten (a long-lived process) is split again."""
    path = font_path(file)
    if covers(path, line):
        return NOTHING
    tail = _tails(file, weight, shortcuts.on(shortcuts.MEASURING)).get(line)
    if tail is None:
        drawn = NOTHING
        for run in runs(line, path, weight):
            drawn = drawn.adding(run)
        return drawn
    _, last, drawn = tail
    return drawn.adding(last)


def _known_width(known: dict[Run, float], run: Run, file: str) -> float:
    width = known.get(run)
    if width is None:
        width = known[run] = _run_width(run, file)
    return width


@lru_cache(maxsize=16)
def _run_widths(file: str, core: bool) -> dict[Run, float]:
    """Per theme font file (and route): the width of each font run measured."""
    return {}


@lru_cache(maxsize=16)
def _tails(file: str, weight: Weight, core: bool) -> dict[str, tuple[float, Run, Drawn]]:
    """Per theme font file, weight and route: each text's runs but the last, as their
    width and what draws them, and the last run (see _runs_width)."""
    return {}


def _pair_length(file: str, text: str) -> float:
    """What FreeType gives for ``text`` (unshaped), from the advances of its character pairs.

    Unshaped, a line's width is each glyph's advance plus the kerning with the next glyph,
    all in whole 1/64 px; so the sum over pairs of (pair - its second character), plus the
    last character, is exact and equal to measuring the line (a test compares). A first
    layout tries thousands of candidate lines; this measures each pair once instead.
    """
    if not text:
        return 0.0
    steps = _pair_steps(file, shortcuts.on(shortcuts.MEASURING))
    total = 0.0
    for i in range(len(text)):
        pair = text[i : i + 2]  # the last character alone
        step = steps.get(pair)
        if step is None:
            font = _pil_font(file, REFERENCE_SIZE)
            step = float(font.getlength(pair))
            if len(pair) == 2:
                step -= float(font.getlength(pair[1]))
            steps[pair] = step
        total += step
    return total


@lru_cache(maxsize=16)
def _pair_steps(file: str, core: bool) -> dict[str, float]:
    """Per font file (and route, so each route is really exercised): a pair's advance
    less its second character's; a character's own."""
    return {}


def _needs_shaping(text: str) -> bool:
    """Right-to-left letters, Arabic digits and combining marks: widths only shaping knows."""
    return any(map(_shapes, text))


@lru_cache(maxsize=4096)
def _shapes(char: str) -> bool:
    return unicodedata.bidirectional(char) in _SHAPED_BIDI or attaches(char)


def _run_width(run: Run, file: str) -> float:
    if run.missing:
        return _BOX_EM * REFERENCE_SIZE * sum(not attaches(c) for c in run.text)
    # raqm refuses paragraph separators (bidi class B); none of them is drawn as a glyph.
    text = _stream_safe(run.text.translate(_PARAGRAPH_BREAKS))
    if run.face is None:
        return _length(_pil_font(file, REFERENCE_SIZE, shaped=True), text)
    face = _pil_font(run.face.file, REFERENCE_SIZE, run.face.index, shaped=True)
    return _length(face, text)


def _length(font: _Face, text: str) -> float:
    if len(text) <= _CHUNK:
        return float(font.getlength(text))
    return sum(float(font.getlength(piece)) for piece in _chunks(text))


def _stream_safe(text: str) -> str:
    """``text`` without the marks past the 30th in a row (UAX #15's stream-safe limit):
    renderers stack them on their base at no width, and a thousand of them would take a
    thousand shapings (each chunk of them alone measures a dotted circle)."""
    if len(text) <= _MAX_MARKS:
        return text
    kept: list[str] = []
    marks = 0
    for char in text:
        marks = marks + 1 if attaches(char) else 0
        if marks <= _MAX_MARKS:
            kept.append(char)
    return "".join(kept)


def _chunks(text: str) -> Iterator[str]:
    """``text`` in pieces of at most ``_CHUNK`` characters, never cut inside a cluster."""
    start = 0
    while start < len(text):
        end = min(start + _CHUNK, len(text))
        while start + 1 < end < len(text) and attaches(text[end]):
            end -= 1
        yield text[start:end]
        start = end


# --- line breaking -----------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _pieces(paragraph: str) -> tuple[tuple[str, str, bool], ...]:
    """Unbreakable pieces with the glue before each (a space between words, else nothing)
    and whether the piece may be hyphenated: not inside a web address, where an added
    hyphen would read as part of it."""
    out: list[tuple[str, str, bool]] = []
    for word in _SPACES.split(paragraph.strip(" \t")):
        if word:
            glue = " "
            url = _is_address(word)
            for piece in _split_at_breaks(word):
                out.append((glue, piece, not url))
                glue = ""
    return tuple(out)


def _is_address(word: str) -> bool:
    """A web address: it has a slash, or is a domain such as example.org (a line may break
    after its dots and slashes, and never gets an added hyphen)."""
    return "/" in word or _DOMAIN.fullmatch(word.strip("()[]<>,;:!?'\"")) is not None


def _split_at_breaks(word: str) -> list[str]:
    url = _is_address(word)
    if word.isascii() and "-" not in word and not url:
        return [word]
    pieces: list[str] = []
    start = 0
    for i in range(1, len(word)):
        if _may_break(word, i, url):
            pieces.append(word[start:i])
            start = i
    pieces.append(word[start:])
    return pieces


def _may_break(word: str, i: int, url: bool) -> bool:
    """Whether a line may break between ``word[i - 1]`` and ``word[i]``."""
    before, after = word[i - 1], word[i]
    if before in _GLUE or after in _GLUE or attaches(after):
        return False
    if after in _NO_BREAK_BEFORE or before in _NO_BREAK_AFTER:
        return False
    if _wide(before) or _wide(after):
        return True
    if before in _HYPHENS:  # "self-paced" breaks after the hyphen; "AZ-400" holds
        return i >= 2 and word[i - 2].isalnum() and after.isalpha()
    if not url:
        return False
    return (before in _URL_BREAKS and after not in _URL_BREAKS) or (
        before == "." and after.isalnum()  # after a domain's dot: example.|org
    )


def _wide(char: str) -> bool:
    """Ideographs, kana, Hangul, fullwidth forms and emoji: a line may break beside them."""
    return not char.isascii() and unicodedata.east_asian_width(char) in ("W", "F")


def _cluster_end(text: str, start: int, joins: int = _MAX_JOINED) -> int:
    """Where the cluster that starts at ``start`` ends: a character with its marks,
    joiners and selectors, the smallest piece a word is split into. Capped so every
    cluster fits a line: at most ``_MAX_MARKS`` marks in a row, at most ``joins`` emoji
    joined by ZWJ (a longer ZWJ sequence is cut after a joiner, between emoji)."""
    end, marks, joined = start + 1, 0, 1
    while end < len(text):
        if attaches(text[end]):
            marks += 1
            if marks > _MAX_MARKS:
                break
        elif text[end - 1] == "\u200d" and joined < joins:
            joined += 1
            marks = 0
        else:
            break
        end += 1
    return end

"""Fonts, measuring and wrapping, with the same font files the PNG backend draws with.

Measuring uses FreeType through Pillow (cheap to import), not matplotlib, so the SVG path
never loads matplotlib. Widths are taken at a large reference size and scaled, which gives
the unhinted advances that browsers and librsvg use (hinted widths at small sizes can be a
few percent narrower or wider). A small safety margin on top covers kerning and renderer
differences, so a line that fits here fits in every viewer.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from .scene import Font, Weight

# Break only at ordinary spaces and tabs: a no-break space must hold its words together.
_SPACES = re.compile(r"[ \t]+")


def font_dir() -> Path:
    """Where matplotlib keeps DejaVu Sans, found without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed; it ships the DejaVu fonts we measure with")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def font_path(file: str) -> str:
    """Absolute path of a font file name, looked up in matplotlib's font folder."""
    path = Path(file)
    return str(path if path.is_absolute() else font_dir() / path)


REFERENCE_SIZE = 1000  # px; hinting is negligible at this size
SAFETY = 1.02  # measured widths are 2% generous


@lru_cache(maxsize=64)
def _pil_font(file: str, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(file), size, layout_engine=ImageFont.Layout.BASIC)


@dataclass(frozen=True)
class Metrics:
    ascent: float
    descent: float


class Measurer:
    """Measures and wraps text in concrete fonts; results are cached per string."""

    def __init__(self, family: str, regular_file: str, bold_file: str) -> None:
        self.family = family
        self._files = {"regular": regular_file, "bold": bold_file}
        self._widths: dict[tuple[str, str], float] = {}

    def font(self, size: float, weight: Weight = "regular") -> Font:
        return Font(self.family, self._files[weight], size, weight)

    def width(self, text: str, font: Font) -> float:
        """The advance width of ``text`` in ``font``, in pixels, with the safety margin."""
        key = (text, font.file)
        per_px = self._widths.get(key)
        if per_px is None:
            reference = _pil_font(font.file, REFERENCE_SIZE).getlength(text)
            per_px = float(reference) * SAFETY / REFERENCE_SIZE
            self._widths[key] = per_px
        return per_px * font.size

    def metrics(self, font: Font) -> Metrics:
        ascent, descent = _pil_font(font.file, font.size).getmetrics()
        return Metrics(float(ascent), float(descent))

    def wrap(self, text: str, font: Font, max_width: float) -> list[str]:
        """Greedy line breaking at spaces; words wider than a line are split by character."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            lines += self._wrap_paragraph(paragraph, font, max_width)
        return lines

    def _wrap_paragraph(self, text: str, font: Font, max_width: float) -> list[str]:
        lines: list[str] = []
        current = ""
        for word in _SPACES.split(text.strip(" \t")):
            if not word:
                continue
            candidate = f"{current} {word}" if current else word
            if self.width(candidate, font) <= max_width:
                current = candidate
                continue
            if current:
                lines.append(current)
            pieces = self._split_word(word, font, max_width)
            lines += pieces[:-1]
            current = pieces[-1]
        lines.append(current)
        return lines

    def _split_word(self, word: str, font: Font, max_width: float) -> list[str]:
        if self.width(word, font) <= max_width:
            return [word]
        pieces: list[str] = []
        piece = ""
        for char in word:
            if piece and self.width(piece + char, font) > max_width:
                pieces.append(piece)
                piece = ""
            piece += char
        pieces.append(piece)
        return pieces

"""The PNG backend: matplotlib's Agg rasteriser, driven directly, and a small PNG writer.

One scene pixel is one point at ``dpi = 72 * scale``, so stroke widths and font sizes
given in scene pixels are simply points. What to draw comes from ``_mpl.paint_scene``,
shared with the PDF backend; this module paints it straight onto an Agg canvas, without a
matplotlib Figure, Axes or artists (their set-up and imports were most of the time of a
render). It does what those artists would do, step for step, so the pixels are the ones
a Figure of this size would give: the same scene-to-pixel transform, the same graphics
context per shape, and each line of text laid out by FreeType + raqm (shaping, RTL and
the font fallback list) and drawn glyph by glyph at its subpixel position, unhinted.

That takes private matplotlib calls. ``_reference_pixels`` draws the public way, with a
Figure, ``_mpl.draw_scene`` and FigureCanvasAgg: the tests hold the two routes to the
same pixels. A matplotlib without those private calls, or one where any of them raises,
is drawn by the reference from then on, with one warning (``_shortcuts``).

The pixels are encoded by our own minimal PNG writer (zlib, no filters) rather than by
Pillow, whose per-row filter search took longer than all of the compression.
"""

from __future__ import annotations

import math
import os
import struct
import zlib
from functools import lru_cache
from typing import Any, cast

import numpy as np
from matplotlib import font_manager, rcParams
from matplotlib.colors import to_rgba
from matplotlib.ft2font import FT2Font, LoadFlags, RenderMode
from matplotlib.transforms import (
    Affine2D,
    Bbox,
    BboxTransformFrom,
    BboxTransformTo,
    IdentityTransform,
    TransformedBbox,
)

from .. import _shortcuts as shortcuts
from ..errors import RenderError
from ..fonts import font_path
from ..limits import CEILINGS
from ..safety import strip_bad_characters
from ..scene import Font, Image, Scene
from ._mpl import ShapeStyle, TextLine, draw_scene, page_colour, paint_scene, pinned

try:  # private matplotlib modules: a release that moves them is drawn by the reference
    from matplotlib._enums import CapStyle, JoinStyle
    from matplotlib.backends._backend_agg import RendererAgg  # type: ignore[attr-defined]

    _IMPORTED = True
except ImportError:  # pragma: no cover - only with a matplotlib we have not seen
    _IMPORTED = False

__all__ = ["pixel_size", "render"]

_HINTING = LoadFlags.NO_HINTING  # unhinted advances, as measured and as browsers draw
_UPRIGHT = [[0x10000, 0], [0, 0x10000]]  # FreeType's 16.16 identity: no rotation
# Laid-out lines, kept across renders: the same labels come back in every picture of a
# journey (several formats, widths, re-renders on save). Keyed by the FreeType font's id,
# which matplotlib keeps per thread (its objects must not cross threads); each entry holds
# its font, so the id cannot be reused while the entry lives, and a fork empties it.
_LAYOUTS: dict[tuple[Any, ...], tuple[Any, Any]] = {}
_MAX_LAYOUTS = 8192
_BITMAPS: dict[tuple[Any, ...], tuple[Any, Any, int, int]] = {}
_MAX_BITMAPS = 32768  # glyph coverages of some 200 bytes each
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_LAYOUTS.clear)
    os.register_at_fork(after_in_child=_BITMAPS.clear)
Glyph = tuple[Any, int, float, float]  # FreeType face, glyph index, x and y in pixels


def render(scene: Scene, *, scale: float = 1.0) -> bytes:
    """The scene as PNG bytes, ``scale`` times its size in pixels (rounded up)."""
    with pinned():
        return _render(scene, scale)


def _render(scene: Scene, scale: float) -> bytes:
    width, height = pixel_size(scene, scale)
    if width * height > CEILINGS["max_pixels"]:  # the pipeline checks the user's limit first
        raise RenderError(
            f"a {width}×{height} PNG is over the {CEILINGS['max_pixels']:,} pixels this "
            "backend will ever draw; lower the scale or the width"
        )
    return _encode(_pixels(scene, width, height, scale), scene)


class _BrokenError(Exception):
    """A private matplotlib call of the fast route raised (the original is its cause)."""

    def __init__(self, call: str) -> None:
        super().__init__(call)
        self.call = call


def _pixels(scene: Scene, width: int, height: int, scale: float) -> Any:
    """The fast route's pixels while it holds; else, and for good once it fails, the
    reference's (the same pixels)."""
    if shortcuts.on(shortcuts.DRAWING):
        missing = _missing_private_call()
        if missing:
            shortcuts.failed(shortcuts.DRAWING, missing, None)
        else:
            try:
                return _fast_pixels(scene, width, height, scale)
            except _BrokenError as broken:
                shortcuts.failed(shortcuts.DRAWING, broken.call, broken.__cause__)
    return _reference_pixels(scene, width, height, scale)


def _fast_pixels(scene: Scene, width: int, height: int, scale: float) -> Any:
    """The scene's RGBA pixels, painted straight onto an Agg canvas."""
    canvas = _Canvas(width, height, scale, page_colour(scene))
    paint_scene(scene, canvas)
    return canvas.pixels()


def _reference_pixels(scene: Scene, width: int, height: int, scale: float) -> Any:
    """The same RGBA pixels as matplotlib itself draws them: a Figure of artists
    (``_mpl.draw_scene``, as the PDF) on a FigureCanvasAgg. Imported here, as the fast
    route must not load figures and artists."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    dpi = 72 * scale
    # Agg truncates the figure size to whole pixels; a hair extra stops 599.9999 → 599.
    size = ((width + 1e-3) / dpi, (height + 1e-3) / dpi)
    figure = Figure(figsize=size, dpi=dpi, facecolor=page_colour(scene))
    canvas: Any = FigureCanvasAgg(figure)
    # The whole-pixel canvas in scene units, so one unit is exactly ``scale`` pixels even
    # when the scene's size is fractional.
    draw_scene(figure, scene, width / scale, height / scale)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())


# What the fast route calls that matplotlib does not promise to keep (how the graphics
# context and glyphs are read is beyond a cheap check: the pixel tests catch that).
_PRIVATE_CALLS = {
    "FT2Font": ("_layout", "_set_transform", "_render_glyph"),
    "RendererAgg": ("draw_path", "draw_text_image"),
}


def _missing_private_call() -> str | None:
    """The first private call the fast route makes that this matplotlib lacks, if any."""
    if not _IMPORTED:
        return "matplotlib.backends._backend_agg.RendererAgg"
    classes = {"FT2Font": FT2Font, "RendererAgg": RendererAgg}
    for owner, names in _PRIVATE_CALLS.items():
        for name in names:
            if not hasattr(classes[owner], name):
                return f"{owner}.{name}"
    return None


def pixel_size(scene: Scene, scale: float) -> tuple[int, int]:
    """Whole pixels covering the scene, rounded up as librsvg does for a fractional size."""
    width, height = scene.width * scale, scene.height * scale
    if not (math.isfinite(width) and math.isfinite(height)):
        raise RenderError(f"cannot draw a picture of {width} × {height} pixels")
    return math.ceil(width - 1e-6), math.ceil(height - 1e-6)


class _Canvas:
    """An Agg canvas that paints shapes and text lines (the ``_mpl.Painter`` of PNG)."""

    def __init__(self, width: int, height: int, scale: float, page: str) -> None:
        self.dpi = 72 * scale
        self.to_pixels, self.height, self.clip = _frame(width, height, scale)
        # The page: what the figure's opaque background rectangle leaves on every pixel.
        rgba = bytes(round(c * 255) for c in to_rgba(page))
        try:
            self.agg: Any = RendererAgg(width, height, self.dpi)
            np.asarray(self.agg).view(np.uint32)[...] = np.frombuffer(rgba, np.uint32)[0]
        except Exception as error:
            raise _BrokenError("RendererAgg") from error

    def pixels(self) -> Any:
        try:
            return np.asarray(self.agg)
        except Exception as error:
            raise _BrokenError("RendererAgg's buffer") from error

    def shape(self, path: Any, style: ShapeStyle) -> None:
        """Fill and stroke ``path`` as a matplotlib PathPatch would."""
        path.should_simplify = False  # rc path.simplify is pinned off; say so regardless
        edge = to_rgba(style.edge)
        width = style.width if edge[3] else 0.0
        face = to_rgba(style.fill)
        # Clipped to the axes box, as an artist is; never snapped to pixels, as librsvg
        # and browsers do not snap edges either.
        pen = _Pen(edge, width, style.cap, style.join, clip=self.clip, snap=False)
        if width > 0 and style.dashes:  # checked as matplotlib checks: the scene's error
            pen.set_dashes(*_scaled_dashes(style.dashes, width))
        try:
            self.agg.draw_path(pen, path, self.to_pixels, face if face[3] else None)
        except Exception as error:
            raise _BrokenError("RendererAgg.draw_path") from error

    def image(self, image: Image, pixels: Any) -> None:
        """Scale ``pixels`` into ``image``'s box (whole pixels) and lay them over the page."""
        from PIL import Image as PILImage

        ((x0, y0), (x1, y1)) = self.to_pixels.transform(
            [(image.x, image.y), (image.x + image.w, image.y + image.h)]
        )
        left, top = round(x0), round(self.height - y0)
        width, height = round(x1) - left, round(self.height - y1) - top
        if width <= 0 or height <= 0:
            return
        scaled = PILImage.fromarray(pixels, "RGBA").resize(
            (width, height), PILImage.Resampling.LANCZOS
        )
        src = np.asarray(scaled).astype(np.float64)
        buffer = np.asarray(self.agg)
        rows = slice(max(top, 0), min(top + height, buffer.shape[0]))
        cols = slice(max(left, 0), min(left + width, buffer.shape[1]))
        piece = src[rows.start - top : rows.stop - top, cols.start - left : cols.stop - left]
        alpha = piece[..., 3:4] / 255
        under = buffer[rows, cols].astype(np.float64)
        buffer[rows, cols, :3] = np.rint(piece[..., :3] * alpha + under[..., :3] * (1 - alpha))

    def text(self, line: TextLine) -> None:
        """Draw one line at its baseline as a matplotlib Text (no TeX, no mathtext) would."""
        font = _font(line.font)
        size = line.font.size
        ((x, y),) = self.to_pixels.transform([(line.x, line.y)])
        pen = _Pen(to_rgba(line.colour))
        if "\n" in line.line:  # only a hand-made scene has one: matplotlib makes lines
            parts = line.line.split("\n")
            for part, dx, dy in _stacked(font, parts, size, self.dpi, line.anchor):
                glyphs = _layout(font, part, size, self.dpi)
                self._glyphs(pen, dx + x, self.height - (dy + y), glyphs, size)
            return
        if line.anchor != "start":  # the ink box's width, as matplotlib aligns text
            width = _ink_box(font, line.line, size, self.dpi)[0]
            x = (0.0 - (width / 2 if line.anchor == "middle" else width)) + x
        y = self.height - y  # matplotlib draws text with y measured down from the top
        self._glyphs(pen, x, y, _layout(font, line.line, size, self.dpi), size)

    def _glyphs(
        self, pen: _Pen, x: float, y: float, glyphs: tuple[Glyph, ...], size: float
    ) -> None:
        """Each glyph rendered by FreeType at its subpixel place and blended in, as Agg's
        ``draw_text`` does for unrotated text."""
        top = int(self.height)
        up = self.height - y  # FreeType's y is upwards
        for face, index, dx, dy in glyphs:
            # 26.6 fixed point: where FreeType puts the glyph's origin
            left, bottom = round(0x40 * (x + dx)), round(0x40 * (up + dy))
            buffer, column, row = _bitmap(face, size, self.dpi, index, left, bottom)
            try:  # draw_text_image's y is downwards, to the bitmap's bottom edge
                self.agg.draw_text_image(buffer, column, top - row + buffer.shape[0], 0, pen)
            except Exception as error:
                raise _BrokenError("RendererAgg.draw_text_image") from error


class _Pen:
    """The graphics context Agg reads, as matplotlib's GraphicsContextBase holds it after
    a PathPatch or Text has set it up (antialiased; no alpha, clip path, hatch or sketch).
    Ours rather than matplotlib's so a PNG does not import ``backend_bases`` (and with it
    the text, widget and patch modules): a tenth of a second of a cold run. The names are
    the ones Agg's C++ side reads; the pixel tests catch a matplotlib that reads others.
    """

    def __init__(
        self,
        rgba: tuple[float, float, float, float],
        width: float = 1.0,
        cap: str = "butt",
        join: str = "round",
        clip: Bbox | None = None,
        snap: bool | None = None,
    ) -> None:
        self._rgb = rgba
        self._alpha = 1.0
        self._forced_alpha = False
        self._antialiased = 1
        self._linewidth = float(width)
        self._dashes: tuple[float, list[float] | None] = (0, None)
        self._cliprect = clip
        self._snap = snap
        try:  # matplotlib's private enums, and a setting Agg reads
            self._capstyle = CapStyle(cap)
            self._joinstyle = JoinStyle(join)
            self._hatch_linewidth = rcParams["hatch.linewidth"]
        except Exception as error:
            raise _BrokenError("matplotlib._enums (the graphics context)") from error

    def set_dashes(self, offset: float, dashes: list[float]) -> None:
        """As matplotlib checks them: none negative, and one at least positive."""
        if any(d < 0.0 for d in dashes):
            raise ValueError("All values in the dash list must be non-negative")
        if dashes and not any(d > 0.0 for d in dashes):
            raise ValueError("At least one value in the dash list must be positive")
        self._dashes = (offset, dashes)

    def get_dashes(self) -> tuple[float, list[float] | None]:
        return self._dashes

    def get_clip_path(self) -> tuple[None, None]:
        return None, None

    def get_snap(self) -> bool | None:
        return self._snap

    def get_hatch_path(self) -> None:
        return None

    def get_hatch_color(self) -> None:
        return None

    def get_hatch_linewidth(self) -> float:
        return float(self._hatch_linewidth)

    def get_sketch_params(self) -> None:
        return None


@lru_cache(maxsize=16)
def _frame(width: int, height: int, scale: float) -> tuple[Affine2D, float, Bbox]:
    """Scene units to pixels, the canvas height and the clip box, computed exactly as a
    matplotlib Figure of ``width`` × ``height`` pixels with one axes over it (scene units,
    y down) computes them, so every coordinate lands on the very same float."""
    dpi = 72 * scale
    # Agg truncates the figure size to whole pixels; a hair extra stops 599.9999 → 599.
    inches = Bbox.from_bounds(0, 0, (width + 1e-3) / dpi, (height + 1e-3) / dpi)
    figure = TransformedBbox(inches, Affine2D().scale(dpi))
    axes = TransformedBbox(Bbox.from_bounds(0, 0, 1, 1), BboxTransformTo(figure))
    view = Bbox([[0.0, height / scale], [width / scale, 0.0]])  # the limits, y down
    limits = BboxTransformFrom(TransformedBbox(view, IdentityTransform()))
    to_pixels = limits + BboxTransformTo(axes)
    return Affine2D(to_pixels.get_matrix()), float(figure.height), Bbox(axes.get_points())


def _font(font: Font) -> Any:
    """The FreeType font (with its fallback faces) matplotlib would draw ``font`` with."""
    face_path: Any = getattr(font_manager, "FontPath", None)
    files: list[Any] = [font_path(font.file)]
    for face in font.fallbacks:
        files.append(face_path(face.file, face.index) if face_path else face.file)
    return font_manager.get_font(files)


def _ink_box(font: Any, line: str, size: float, dpi: float) -> tuple[float, float, float]:
    """What matplotlib measures to place a line: its ink box's width, height and descent
    in pixels."""
    key = ("box", id(font), size, dpi, line)
    found = _LAYOUTS.get(key)
    if found is None:
        font.clear()
        font.set_size(size, dpi)
        font.set_text(line, 0.0, flags=_HINTING)
        width, height = font.get_width_height()
        box = (width / 64.0, height / 64.0, font.get_descent() / 64.0)
        found = _remember(key, (font, box))
    return cast(tuple[float, float, float], found[1])


def _stacked(
    font: Any, parts: list[str], size: float, dpi: float, anchor: str
) -> list[tuple[str, float, float]]:
    """Each line of a text with newlines and its offset in pixels (x right, y up) from
    the anchor, as matplotlib's Text lays them out ("normal" line spacing, baseline of
    the last line at the anchor)."""
    ascent, descent, gap = _font_heights(font, size, dpi)
    boxes: list[tuple[float, float, float]] = []
    rows: list[float] = []
    y = 0.0
    for part in parts:
        w, h, d = _ink_box(font, part, size, dpi) if part else (0.0, 0.0, 0.0)
        a, d = max(h - d, ascent) + gap / 2, max(d, descent) + gap / 2
        y -= a
        boxes.append((w, a, d))
        rows.append(y)
        y -= d
    width = max(w for w, _, _ in boxes)
    shift = {"start": 0, "middle": (0 + width) / 2, "end": width}[anchor]
    baseline = (rows[-1] - boxes[-1][2]) + boxes[-1][2]
    out = []
    for part, (w, _, _), row in zip(parts, boxes, rows, strict=True):
        x = {"start": 0.0, "middle": 0.0 + width / 2 - w / 2, "end": 0.0 + width - w}[anchor]
        out.append((part, x - shift, row - baseline))
    return out


def _font_heights(font: Any, size: float, dpi: float) -> tuple[float, float, float]:
    """The font's ascent, descent and line gap in pixels, from its OS/2 or hhea table."""
    for table_name, gap, up, down in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        table = font.get_sfnt_table(table_name)
        if table is not None:
            scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * size * dpi / 72
            return table[up] * scale, -table[down] * scale, table[gap] * scale
    # no metrics tables: matplotlib measures "lp" instead
    _, h, d = _ink_box(font, "lp", size, dpi)
    return h - d, d, 0.0


def _layout(font: Any, line: str, size: float, dpi: float) -> tuple[Any, ...]:
    """The glyphs of ``line``, shaped by raqm: (face, glyph index, x, y) in pixels."""
    key = ("glyphs", id(font), size, dpi, line)
    found = _LAYOUTS.get(key)
    if found is None:
        font.clear()
        font.set_size(size, dpi)
        try:
            items = font._layout(line, flags=_HINTING, features=None, language=None)
            glyphs = tuple((i.ft_object, i.glyph_index, i.x, i.y) for i in items)
        except Exception as error:
            raise _BrokenError("FT2Font._layout") from error
        found = _remember(key, (font, glyphs))
    return tuple(found[1])


def _bitmap(face: Any, size: float, dpi: float, index: int, x: int, y: int) -> tuple[Any, int, int]:
    """Glyph ``index`` rendered unhinted with its origin at (x, y) in 26.6 pixels: its
    coverage and its bitmap's left and top in whole pixels.

    A whole-pixel move of a glyph moves its bitmap and nothing else, so a bitmap is kept
    by the origin's fraction of a pixel (64 × 64 places) and reused: text repeats its
    letters at the same sizes, and the same labels come back from render to render.
    """
    key = (id(face), size, dpi, index, x & 63, y & 63)
    found = _BITMAPS.get(key)
    if found is None:
        face.set_size(size, dpi)
        try:
            face._set_transform(_UPRIGHT, [x & 63, y & 63])
        except Exception as error:
            raise _BrokenError("FT2Font._set_transform") from error
        try:
            bitmap = face._render_glyph(index, _HINTING, RenderMode.NORMAL)
            # a copy of the coverage, which FreeType no longer touches
            glyph = (face, bitmap.buffer, int(bitmap.left), int(bitmap.top))
        except Exception as error:
            raise _BrokenError("FT2Font._render_glyph") from error
        if len(_BITMAPS) >= _MAX_BITMAPS:
            _BITMAPS.clear()
        found = _BITMAPS[key] = glyph
    return found[1], found[2] + (x >> 6), found[3] + (y >> 6)


def _remember(key: tuple[Any, ...], value: Any) -> Any:
    if len(_LAYOUTS) >= _MAX_LAYOUTS:  # a long-lived process: start again
        _LAYOUTS.clear()
    _LAYOUTS[key] = value
    return value


def _scaled_dashes(dashes: tuple[float, ...], width: float) -> tuple[float, list[float]]:
    """The dash offset and lengths matplotlib strokes for a patch's ``(0, dashes)``."""
    if not rcParams["lines.scale_dashes"]:
        return 0.0, list(dashes)
    return 0.0 * width, [d * width for d in dashes]


def _encode(pixels: Any, scene: Scene) -> bytes:
    """The pixels as an RGB PNG with only deterministic metadata (no time, no dpi).

    Written here rather than by Pillow: Pillow tries five filters on every row, which took
    twice as long as all of zlib's work; on these flat-colour pictures no filter at all
    with zlib level 1 is both the fastest and the smallest (az400: 223 KB, Pillow 250 KB).
    The canvas starts as the opaque page, so alpha is 255 everywhere and is dropped.
    """
    height, width = pixels.shape[:2]
    rows = np.empty((height, 1 + width * 3), np.uint8)  # each row: filter 0 (None), RGB
    rows[:, 0] = 0
    rgb = rows[:, 1:].reshape(height, width, 3)
    for channel in range(3):  # one plane at a time: five times faster than [..., :3]
        rgb[..., channel] = pixels[..., channel]
    chunks = [_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))]
    title = strip_bad_characters(scene.title).strip()
    if title:
        chunks.append(_text_chunk("Title", title))
    chunks.append(_text_chunk("Software", "journeygraphic"))
    chunks.append(_chunk(b"IDAT", zlib.compress(rows.data, 1)))
    chunks.append(_chunk(b"IEND", b""))
    return _SIGNATURE + b"".join(chunks)


_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(data, zlib.crc32(kind))
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _text_chunk(key: str, value: str) -> bytes:
    """tEXt for Latin-1 text, else uncompressed UTF-8 iTXt (what Pillow writes)."""
    name = key.encode("latin-1")
    try:
        return _chunk(b"tEXt", name + b"\0" + value.encode("latin-1"))
    except UnicodeEncodeError:
        return _chunk(b"iTXt", name + b"\0\0\0\0\0" + value.encode("utf-8"))

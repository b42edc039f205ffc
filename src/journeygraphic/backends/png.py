"""The PNG backend: matplotlib's Agg renderer (no pyplot) and Pillow for encoding.

One scene pixel is one point at ``dpi = 72 * scale``, so stroke widths and font sizes
given in scene pixels are simply points. The drawing itself is ``_mpl.draw_scene``, shared
with the PDF backend; this module only sizes the canvas and encodes the pixels.
"""

from __future__ import annotations

import io
import math
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from ..errors import RenderError
from ..limits import CEILINGS
from ..safety import strip_bad_characters
from ..scene import Scene
from ._mpl import draw_scene, page_colour, pinned

__all__ = ["pixel_size", "render"]


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
    figure, canvas = _canvas(scene, width, height, scale)
    # The whole-pixel canvas in scene units, so one unit is exactly ``scale`` pixels even
    # when the scene's size is fractional.
    draw_scene(figure, scene, width / scale, height / scale)
    canvas.draw()
    return _encode(canvas, scene)


def pixel_size(scene: Scene, scale: float) -> tuple[int, int]:
    """Whole pixels covering the scene, rounded up as librsvg does for a fractional size."""
    width, height = scene.width * scale, scene.height * scale
    if not (math.isfinite(width) and math.isfinite(height)):
        raise RenderError(f"cannot draw a picture of {width} × {height} pixels")
    return math.ceil(width - 1e-6), math.ceil(height - 1e-6)


def _canvas(scene: Scene, width: int, height: int, scale: float) -> tuple[Any, Any]:
    dpi = 72 * scale
    # Agg truncates the figure size to whole pixels; a hair extra stops 599.9999 → 599.
    size = ((width + 1e-3) / dpi, (height + 1e-3) / dpi)
    figure = Figure(figsize=size, dpi=dpi, facecolor=page_colour(scene))
    return figure, FigureCanvasAgg(figure)


def _encode(canvas: Any, scene: Scene) -> bytes:
    """RGB PNG with only deterministic metadata (no time, no dpi)."""
    buffer = canvas.buffer_rgba()
    height, width = buffer.shape[:2]
    rgba = Image.frombuffer("RGBA", (width, height), buffer, "raw", "RGBA", 0, 1)
    if np.asarray(buffer)[..., 3].min() == 255:  # usual: the figure's opaque page covers all
        image = rgba.convert("RGB")
    else:
        page = Image.new("RGBA", rgba.size, page_colour(scene))
        image = Image.alpha_composite(page, rgba).convert("RGB")
    info = PngInfo()
    title = strip_bad_characters(scene.title).strip()
    if title:
        info.add_text("Title", title)
    info.add_text("Software", "journeygraphic")
    out = io.BytesIO()
    # zlib level 1: on these flat-colour pictures it is ~2.5x faster than the default (6)
    # and the file is no bigger (az400: 250 KB against 278 KB); still deterministic.
    image.save(out, format="PNG", pnginfo=info, compress_level=1)
    return out.getvalue()

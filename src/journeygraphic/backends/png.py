"""The PNG backend: matplotlib's Agg renderer (no pyplot) and Pillow for encoding.

One scene pixel is one point at ``dpi = 72 * scale``, so stroke widths and font sizes
given in scene pixels are simply points. Every shape is a PathPatch built from the same
geometry helpers the SVG backend uses; text is one matplotlib Text per line at its
baseline, drawn from the very font file that layout measured.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Sequence
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from .. import icons
from ..errors import RenderError
from ..limits import CEILINGS
from ..safety import strip_bad_characters
from ..scene import Circle, Command, Icon, Item, Path, Rect, Scene, Text
from ..text import font_path
from ._geometry import (
    arrowhead,
    check_colour,
    circle_commands,
    normalise,
    rect_commands,
)

__all__ = ["render"]

_HA = {"start": "left", "middle": "center", "end": "right"}
_CAP = {"butt": "butt", "round": "round", "square": "projecting"}
_CODES = {"M": int(MplPath.MOVETO), "L": int(MplPath.LINETO), "Z": int(MplPath.CLOSEPOLY)}
_CURVE = int(MplPath.CURVE4)
# Drawn by neither backend: a carriage return (no glyph) and what UTF-8 cannot carry.
_NOT_DRAWN = re.compile("[\r\ud800-\udfff\ufffe\uffff]")


# Settings that change pixels are pinned for the duration of a render, so a user's
# matplotlibrc cannot change our output (and we leave their global state alone).
_PINNED_RC: dict[Any, Any] = {
    "text.usetex": False,  # never run TeX on spec text
    "text.parse_math": False,  # "$5 to $10" is prose, not mathtext (each Text says so too)
    "text.hinting": "no_hinting",  # unhinted advances, as measured and as browsers draw
    "text.antialiased": True,
    "path.simplify": False,
    "path.sketch": None,
    "path.snap": True,
}


def render(scene: Scene, *, scale: float = 1.0) -> bytes:
    """The scene as PNG bytes, ``scale`` times its size in pixels (rounded up)."""
    with matplotlib.rc_context(_PINNED_RC), warnings.catch_warnings():
        # A glyph DejaVu lacks is drawn as its empty box, the width layout measured; one
        # warning per missing character would let a spec flood stderr.
        warnings.filterwarnings(
            "ignore", message="Glyph .* missing from font", category=UserWarning
        )
        return _render(scene, scale)


def _render(scene: Scene, scale: float) -> bytes:
    width, height = pixel_size(scene, scale)
    if width * height > CEILINGS["max_pixels"]:  # the pipeline checks the user's limit first
        raise RenderError(
            f"a {width}×{height} PNG is over the {CEILINGS['max_pixels']:,} pixels this "
            "backend will ever draw; lower the scale or the width"
        )
    figure, canvas = _canvas(scene, width, height, scale)
    axes = _axes(figure, width / scale, height / scale)
    for zorder, item in enumerate(scene.walk()):
        _draw(axes, item, zorder)
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
    figure = Figure(figsize=size, dpi=dpi, facecolor=_page(scene))
    return figure, FigureCanvasAgg(figure)


def _axes(figure: Any, width: float, height: float) -> Any:
    """One axes over the whole figure in scene units, y down, with nothing of its own.

    ``width`` and ``height`` are the whole-pixel canvas in scene units, so one unit is
    exactly ``scale`` pixels even when the scene's size is fractional.
    """
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_autoscale_on(False)
    axes.margins(0)
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)
    return axes


def _draw(axes: Any, item: Item, zorder: int) -> None:
    if isinstance(item, Rect):
        shape = rect_commands(item.x, item.y, item.w, item.h, item.radius)
        _shape(
            axes,
            shape,
            zorder,
            fill=item.fill,
            stroke=item.stroke,
            width=item.stroke_width,
            dash=item.dash,
        )
    elif isinstance(item, Circle):
        shape = circle_commands(item.cx, item.cy, max(item.r, 0.0))
        _shape(axes, shape, zorder, fill=item.fill, stroke=item.stroke, width=item.stroke_width)
    elif isinstance(item, Path):
        _path(axes, item, zorder)
    elif isinstance(item, Icon):
        commands = icons.icon_commands(item)
        width = item.stroke_width
        _shape(
            axes,
            commands,
            zorder,
            fill="none",
            stroke=item.color,
            width=width,
            cap="round",
            join="round",
        )
    elif isinstance(item, Text):
        _text(axes, item, zorder)
    else:
        raise TypeError(f"the PNG backend cannot draw {type(item).__name__}")


def _path(axes: Any, path: Path, zorder: int) -> None:
    commands = normalise(path.commands)
    head: tuple[Command, ...] = ()
    if path.arrow_end and path.stroke != "none" and path.stroke_width > 0:
        commands, head = arrowhead(commands, path.stroke_width)
    _shape(
        axes,
        commands,
        zorder,
        fill=path.fill,
        stroke=path.stroke,
        width=path.stroke_width,
        dash=path.dash,
        cap=path.cap,
        join=path.join,
    )
    if head:
        _shape(axes, head, zorder, fill=path.stroke)


def _shape(
    axes: Any,
    commands: Sequence[Command],
    zorder: int,
    *,
    fill: str,
    stroke: str = "none",
    width: float = 0.0,
    dash: tuple[float, ...] = (),
    cap: str = "butt",  # SVG's defaults, so unstyled shapes match the SVG backend
    join: str = "miter",
) -> None:
    if not commands:
        return
    stroked = check_colour(stroke) != "none" and width > 0
    patch = PathPatch(
        _mpl_path(commands),
        facecolor=check_colour(fill),
        edgecolor=stroke if stroked else "none",
        linewidth=width if stroked else 0.0,
        capstyle=_CAP[cap],
        joinstyle=join,
        antialiased=True,
        snap=False,  # librsvg and browsers do not snap edges to pixels; neither do we
        zorder=zorder,
    )
    if stroked and dash:
        patch.set_linestyle(_dashes(dash, width))
    axes.add_artist(patch)


def _dashes(dash: tuple[float, ...], width: float) -> tuple[float, tuple[float, ...]]:
    """A matplotlib dash pattern in points that draws ``dash`` in scene pixels."""
    pattern = dash * 2 if len(dash) % 2 else dash  # SVG repeats an odd list to make it even
    if matplotlib.rcParams["lines.scale_dashes"]:
        # matplotlib multiplies dashes by the line width; SVG dash lengths are absolute.
        pattern = tuple(d / width for d in pattern)
    return 0.0, pattern


def _mpl_path(commands: Sequence[Command]) -> Any:
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    start = (0.0, 0.0)
    for command in normalise(commands):
        letter, numbers = str(command[0]), [float(v) for v in command[1:]]
        if letter == "C":
            vertices += list(zip(numbers[::2], numbers[1::2], strict=True))
            codes += [_CURVE] * 3
            continue
        point = start if letter == "Z" else (numbers[0], numbers[1])
        if letter == "M":
            start = point
        vertices.append(point)
        codes.append(_CODES[letter])
    return MplPath(vertices, codes)


def _text(axes: Any, text: Text, zorder: int) -> None:
    font = FontProperties(fname=font_path(text.font.file), size=text.font.size)
    for i, raw in enumerate(text.lines):
        line = _NOT_DRAWN.sub("", strip_bad_characters(raw))
        if not line.strip():
            continue
        axes.text(
            text.x,
            text.y + i * text.line_height,
            line,
            fontproperties=font,
            color=check_colour(text.fill),
            horizontalalignment=_HA[text.anchor],
            verticalalignment="baseline",
            parse_math=False,  # "$5 to $10" is prose, not TeX
            usetex=False,
            antialiased=True,
            clip_on=False,
            zorder=zorder,
        )


def _page(scene: Scene) -> str:
    background = check_colour(scene.background)
    return "#ffffff" if background == "none" else background


def _encode(canvas: Any, scene: Scene) -> bytes:
    """RGB PNG with only deterministic metadata (no time, no dpi)."""
    buffer = canvas.buffer_rgba()
    height, width = buffer.shape[:2]
    rgba = Image.frombuffer("RGBA", (width, height), buffer, "raw", "RGBA", 0, 1)
    page = Image.new("RGBA", rgba.size, _page(scene))
    image = Image.alpha_composite(page, rgba).convert("RGB")
    info = PngInfo()
    title = strip_bad_characters(scene.title).strip()
    if title:
        info.add_text("Title", title)
    info.add_text("Software", "journeygraphic")
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()

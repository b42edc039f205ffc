"""What the PNG and PDF backends draw: the one drawing code of both, through a Painter.

``paint_scene`` turns every item into matplotlib paths (built from the geometry helpers
the SVG backend uses) with their style, and text into lines at their baselines with the
very font that layout measured, so a PNG and a PDF of one scene cannot drift apart. A
backend only says how to paint them: the PDF adds one matplotlib artist per shape and
line to a Figure (``draw_scene``), the PNG paints them straight onto an Agg canvas, doing
what those artists would do. One scene unit is one point: the PNG sets ``dpi = 72 *
scale``, the PDF page is the scene's size in points. Text inside a scene Link carries its
address (``Artist.set_url``): the PDF turns it into a link annotation over the text; the
PNG has no links.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

import matplotlib
from matplotlib.path import Path as MplPath

from .. import icons
from ..fonts import matplotlib_font
from ..geometry import circle_commands, rect_commands
from ..safety import link_problem, strip_bad_characters
from ..scene import Circle, Command, Font, Icon, Image, Item, Link, Path, Rect, Scene, Text
from ..text import bidi_mark
from ._geometry import arrowhead, check_colour, normalise

__all__ = [
    "Painter",
    "ShapeStyle",
    "TextLine",
    "draw_scene",
    "page_colour",
    "paint_scene",
    "pinned",
]

_HA = {"start": "left", "middle": "center", "end": "right"}
_CAP = {"butt": "butt", "round": "round", "square": "projecting"}
_CODES = {"M": int(MplPath.MOVETO), "L": int(MplPath.LINETO), "Z": int(MplPath.CLOSEPOLY)}
_CURVE = int(MplPath.CURVE4)
# Drawn by neither backend: a carriage return (no glyph) and what UTF-8 cannot carry.
_NOT_DRAWN = re.compile("[\r\ud800-\udfff\ufffe\uffff]")
_MARKS = ("\u200e", "\u200f")  # the direction marks text.bidi_mark puts before a line
# A PDF URI is 7-bit ASCII: everything else (and spaces) is percent-encoded.
_URI_SAFE = "".join(chr(c) for c in range(0x21, 0x7F))

# Settings that change the output are pinned for the duration of a render, so a user's
# matplotlibrc cannot change it (and we leave their global state alone).
_PINNED_RC: dict[Any, Any] = {
    "text.usetex": False,  # never run TeX on spec text
    "text.parse_math": False,  # "$5 to $10" is prose, not mathtext (each Text says so too)
    "text.hinting": "no_hinting",  # unhinted advances, as measured and as browsers draw
    "text.language": None,  # no language-specific shaping (the PNG passes none either)
    "text.antialiased": True,
    "path.simplify": False,
    "path.sketch": None,
    "path.snap": True,
    "pdf.fonttype": 42,  # TrueType embedded as itself: real, selectable text, not outlines
    "pdf.use14corefonts": False,
    "pdf.compression": 6,
}


@contextmanager
def pinned() -> Iterator[None]:
    """Our rc settings, and no flood of missing-glyph warnings, while drawing."""
    with matplotlib.rc_context(_PINNED_RC), warnings.catch_warnings():
        # A glyph no font has is drawn as its empty box, the width layout measured; one
        # warning per missing character would let a spec flood stderr.
        warnings.filterwarnings(
            "ignore", message="Glyph .* missing from font", category=UserWarning
        )
        yield


def page_colour(scene: Scene) -> str:
    """The page behind the scene: its background, or white for a transparent one."""
    background = check_colour(scene.background)
    return "#ffffff" if background == "none" else background


class Painter(Protocol):
    """What a backend draws with: filled and stroked paths, and lines of text."""

    def shape(self, path: Any, style: ShapeStyle) -> None:
        """Fill and/or stroke ``path`` (matplotlib Path in scene units)."""

    def text(self, line: TextLine) -> None:
        """One line of text with its baseline at (x, y)."""

    def image(self, image: Image, pixels: Any) -> None:
        """RGBA ``pixels`` (rows top first) scaled into ``image``'s box."""


@dataclass(frozen=True)
class ShapeStyle:
    """How a shape is painted, already checked: colours are "#rgb", "#rrggbb" or "none"."""

    fill: str
    edge: str  # "none" when there is no stroke
    width: float  # 0 when there is no stroke
    dashes: tuple[float, ...]  # matplotlib's (unscaled) on-off pattern; () for solid
    cap: str  # matplotlib's capstyle
    join: str


@dataclass(frozen=True)
class TextLine:
    """One drawable line: ``line`` is what to draw (bidi mark included)."""

    x: float
    y: float
    line: str
    font: Font
    colour: str
    anchor: str  # "start", "middle" or "end"
    url: str | None


def paint_scene(scene: Scene, painter: Painter) -> None:
    """Give ``painter`` every shape and text line of ``scene``, in paint order."""
    for item, url in _walk(scene.items, None, in_link=False):
        _draw(painter, item, url)


def draw_scene(
    figure: Any, scene: Scene, width: float, height: float, *, marked_ligatures: bool = True
) -> None:
    """Draw every item of ``scene`` on ``figure`` as artists, in paint order (the PDF).

    ``width`` and ``height`` are the area the figure shows, in scene units. Without
    ``marked_ligatures``, lines that carry a direction mark are set without ligatures.
    """
    painter = _ArtistPainter(_axes(figure, width, height), marked_ligatures)
    paint_scene(scene, painter)


class _ArtistPainter:
    """Adds one matplotlib artist per shape and per text line to an axes."""

    def __init__(self, axes: Any, marked_ligatures: bool = True) -> None:
        self.axes = axes
        self.limits = (axes.get_xlim(), axes.get_ylim())
        self.zorder = 0  # artists are drawn by zorder: keep the order they came in
        self.marked_ligatures = marked_ligatures

    def shape(self, path: Any, style: ShapeStyle) -> None:
        from matplotlib.patches import PathPatch

        self.zorder += 1
        patch = PathPatch(
            path,
            facecolor=style.fill,
            edgecolor=style.edge,
            linewidth=style.width,
            capstyle=style.cap,
            joinstyle=style.join,
            antialiased=True,
            snap=False,  # librsvg and browsers do not snap edges to pixels; neither do we
            zorder=self.zorder,
        )
        if style.dashes:
            patch.set_linestyle((0.0, style.dashes))
        self.axes.add_artist(patch)

    def image(self, image: Image, pixels: Any) -> None:
        self.zorder += 1
        extent = (image.x, image.x + image.w, image.y + image.h, image.y)
        self.axes.imshow(
            pixels, extent=extent, interpolation="antialiased", zorder=self.zorder, aspect="auto"
        )
        self.axes.set_xlim(*self.limits[0])  # imshow resets the view to the picture
        self.axes.set_ylim(*self.limits[1])

    def text(self, line: TextLine) -> None:
        self.zorder += 1
        text = self.axes.text(
            line.x,
            line.y,
            line.line,
            fontproperties=matplotlib_font(line.font),
            color=line.colour,
            horizontalalignment=_HA[line.anchor],
            verticalalignment="baseline",
            parse_math=False,  # "$5 to $10" is prose, not TeX
            usetex=False,
            antialiased=True,
            clip_on=False,
            zorder=self.zorder,
            url=line.url,
        )
        if not self.marked_ligatures and line.line[:1] in _MARKS:
            text.set_fontfeatures(["-liga", "-clig"])


def _walk(
    items: Sequence[Item], url: str | None, *, in_link: bool
) -> Iterator[tuple[Item, str | None]]:
    """Each drawable item in paint order with the address of the link it is in.

    An address is checked again here, where it becomes live. A link inside a link is no
    link of its own, as in the SVG (where ``<a>`` cannot nest): it has the outer address,
    or none if the outer one was refused.
    """
    for item in items:
        if isinstance(item, Link):
            inner = url if in_link else _address(item.href)
            yield from _walk(item.items, inner, in_link=True)
        else:
            yield item, url


def _address(href: str) -> str | None:
    href = strip_bad_characters(href).strip()
    if link_problem(href) is not None:
        return None
    return quote(href, safe=_URI_SAFE)


def _axes(figure: Any, width: float, height: float) -> Any:
    """One axes over the whole figure in scene units, y down, with nothing of its own."""
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_autoscale_on(False)
    axes.margins(0)
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)
    return axes


def _draw(painter: Painter, item: Item, url: str | None) -> None:
    if isinstance(item, Rect):
        shape = rect_commands(item.x, item.y, item.w, item.h, item.radius)
        _shape(
            painter,
            shape,
            fill=item.fill,
            stroke=item.stroke,
            width=item.stroke_width,
            dash=item.dash,
        )
    elif isinstance(item, Circle):
        shape = circle_commands(item.cx, item.cy, max(item.r, 0.0))
        _shape(painter, shape, fill=item.fill, stroke=item.stroke, width=item.stroke_width)
    elif isinstance(item, Path):
        _path(painter, item)
    elif isinstance(item, Icon):
        commands = icons.icon_commands(item)
        width = item.stroke_width
        _shape(
            painter,
            commands,
            fill="none",
            stroke=item.color,
            width=width,
            cap="round",
            join="round",
        )
    elif isinstance(item, Text):
        _text(painter, item, url)
    elif isinstance(item, Image):
        painter.image(item, image_pixels(item.png))
    else:
        raise TypeError(f"matplotlib backends cannot draw {type(item).__name__}")


def image_pixels(png: str) -> Any:
    """The RGBA pixels of a scene image's base64 PNG, rows top first."""
    import base64
    import io

    import numpy as np
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(base64.b64decode(png, validate=True)), formats=["PNG"]) as im:
        return np.asarray(im.convert("RGBA"))


def _path(painter: Painter, path: Path) -> None:
    commands = normalise(path.commands)
    head: tuple[Command, ...] = ()
    if path.arrow_end and path.stroke != "none" and path.stroke_width > 0:
        commands, head = arrowhead(commands, path.stroke_width)
    _shape(
        painter,
        commands,
        fill=path.fill,
        stroke=path.stroke,
        width=path.stroke_width,
        dash=path.dash,
        cap=path.cap,
        join=path.join,
    )
    if head:
        _shape(painter, head, fill=path.stroke)


def _shape(
    painter: Painter,
    commands: Sequence[Command],
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
    style = ShapeStyle(
        fill=check_colour(fill),
        edge=stroke if stroked else "none",
        width=width if stroked else 0.0,
        dashes=_dashes(dash, width) if stroked and dash else (),
        cap=_CAP[cap],
        join=join,
    )
    painter.shape(_mpl_path(commands), style)


def _dashes(dash: tuple[float, ...], width: float) -> tuple[float, ...]:
    """A matplotlib dash pattern in points that draws ``dash`` in scene pixels."""
    pattern = dash * 2 if len(dash) % 2 else dash  # SVG repeats an odd list to make it even
    if matplotlib.rcParams["lines.scale_dashes"]:
        # matplotlib multiplies dashes by the line width; SVG dash lengths are absolute.
        pattern = tuple(d / width for d in pattern)
    return pattern


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


def _text(painter: Painter, text: Text, url: str | None) -> None:
    mark = bidi_mark(text.lines)  # matplotlib finds direction per line; say the text's
    colour = check_colour(text.fill)
    for i, raw in enumerate(text.lines):
        line = _NOT_DRAWN.sub("", strip_bad_characters(raw))
        if not line.strip():
            continue
        y = text.y + i * text.line_height
        painter.text(TextLine(text.x, y, mark + line, text.font, colour, text.anchor, url))

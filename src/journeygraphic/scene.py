"""The scene: a small closed vocabulary of shapes that every backend can draw.

A scene has absolute coordinates (pixels, y down) and concrete colours. Layout builds it;
backends draw it and decide nothing. It serialises to JSON for golden tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Literal, Union

Color = str  # "#rrggbb" or "none"
Anchor = Literal["start", "middle", "end"]
Weight = Literal["regular", "bold"]

# Path commands: ("M", x, y) | ("L", x, y) | ("C", x1, y1, x2, y2, x, y) | ("Z",)
Command = tuple[Union[str, float], ...]


@dataclass(frozen=True, init=False)
class Box:
    """An axis-aligned rectangle, used for geometry and for the layout checker."""

    x: float
    y: float
    w: float
    h: float

    def __init__(self, x: float, y: float, w: float, h: float) -> None:
        # All fields at once: see Text.__init__ (every text has a Box).
        self.__dict__.update(x=x, y=y, w=w, h=h)

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, other: Box, tol: float = 0.01) -> bool:
        return (
            other.x >= self.x - tol
            and other.y >= self.y - tol
            and other.right <= self.right + tol
            and other.bottom <= self.bottom + tol
        )

    def overlaps(self, other: Box, tol: float = 0.01) -> bool:
        return (
            self.x < other.right - tol
            and other.x < self.right - tol
            and self.y < other.bottom - tol
            and other.y < self.bottom - tol
        )


@dataclass(frozen=True)
class Face:
    """One face of a font file (``index`` picks a face in a .ttc collection)."""

    family: str
    file: str
    index: int = 0


@dataclass(frozen=True)
class Font:
    """A concrete font: the file that was measured and the CSS family stack for SVG.

    ``fallbacks`` are the system faces that draw what ``file`` lacks (CJK, emoji ...), in
    the order both backends try them; empty for text the font covers, and then left out
    of the JSON, so scenes that need no fallback dump as they always did.
    """

    family: str
    file: str
    size: float
    weight: Weight = "regular"
    fallbacks: tuple[Face, ...] = field(default=(), metadata={"omit_empty": True})


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: Color
    stroke: Color = "none"
    stroke_width: float = 0.0
    radius: float = 0.0
    dash: tuple[float, ...] = ()
    role: str = ""

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.w, self.h)


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: Color
    stroke: Color = "none"
    stroke_width: float = 0.0
    role: str = ""


@dataclass(frozen=True)
class Path:
    commands: tuple[Command, ...]
    stroke: Color = "none"
    stroke_width: float = 0.0
    fill: Color = "none"
    dash: tuple[float, ...] = ()
    cap: Literal["butt", "round", "square"] = "round"
    join: Literal["miter", "round", "bevel"] = "round"
    arrow_end: bool = False
    role: str = ""


@dataclass(frozen=True, init=False)
class Text:
    """Already-wrapped text. ``y`` is the baseline of the first line."""

    x: float
    y: float
    lines: tuple[str, ...]
    font: Font
    fill: Color
    line_height: float
    anchor: Anchor = "start"
    # Measured width of each line and the font's ascent/descent, so checks need no font.
    widths: tuple[float, ...] = ()
    ascent: float = 0.0
    descent: float = 0.0
    # The region this text must stay inside (a card, a column, a band).
    bounds: Box | None = None
    role: str = ""

    def __init__(
        self,
        x: float,
        y: float,
        lines: tuple[str, ...],
        font: Font,
        fill: Color,
        line_height: float,
        anchor: Anchor = "start",
        widths: tuple[float, ...] = (),
        ascent: float = 0.0,
        descent: float = 0.0,
        bounds: Box | None = None,
        role: str = "",
    ) -> None:
        # A frozen dataclass's own __init__ sets fields one by one through
        # object.__setattr__; layout makes hundreds of texts while it balances columns,
        # so this sets them all at once (same fields and defaults: a test compares).
        self.__dict__.update(
            x=x,
            y=y,
            lines=lines,
            font=font,
            fill=fill,
            line_height=line_height,
            anchor=anchor,
            widths=widths,
            ascent=ascent,
            descent=descent,
            bounds=bounds,
            role=role,
        )

    def line_boxes(self) -> list[Box]:
        """The ink-safe box of every line, from the measured widths."""
        boxes = []
        for i, width in enumerate(self.widths):
            base = self.y + i * self.line_height
            left = _anchored_left(self.x, width, self.anchor)
            boxes.append(Box(left, base - self.ascent, width, self.ascent + self.descent))
        return boxes


def _anchored_left(x: float, width: float, anchor: Anchor) -> float:
    if anchor == "middle":
        return x - width / 2
    if anchor == "end":
        return x - width
    return x


@dataclass(frozen=True)
class Icon:
    """A built-in line icon drawn in a ``size`` square whose top-left corner is (x, y)."""

    name: str
    x: float
    y: float
    size: float
    color: Color
    stroke_width: float = 1.5
    role: str = "icon"

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.size, self.size)


@dataclass(frozen=True)
class Image:
    """A raster picture (a brand's logo) scaled into the box (x, y, w, h).

    ``png`` is the picture as a PNG in base64, decoded and re-encoded when the theme was
    read, so a backend only ever draws pixels we wrote.
    """

    x: float
    y: float
    w: float
    h: float
    png: str
    role: str = "logo"

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.w, self.h)


@dataclass(frozen=True)
class Artwork:
    """A logo as read from its file, at its own size (``width`` × ``height`` units):
    our own paths (an SVG logo) or PNG pixels in base64 (a raster logo). Not drawn as it
    is: layout places it, as paths or an :class:`Image`."""

    width: float
    height: float
    paths: tuple[Path, ...] = ()
    png: str = ""


@dataclass(frozen=True)
class Link:
    """A group of items that together form one hyperlink."""

    href: str
    items: tuple[Item, ...]
    title: str = ""


Item = Union[Rect, Circle, Path, Text, Icon, Image, Link]


@dataclass(frozen=True)
class Scene:
    width: float
    height: float
    background: Color
    items: tuple[Item, ...]
    title: str = ""
    description: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    def walk(self) -> list[Item]:
        """Every drawable item in paint order, with link groups flattened."""
        out: list[Item] = []
        _flatten(self.items, out)
        return out


def _flatten(items: tuple[Item, ...], out: list[Item]) -> None:
    for item in items:
        if isinstance(item, Link):
            _flatten(item.items, out)
        else:
            out.append(item)


def to_data(obj: object) -> object:
    """Plain JSON-able data for a scene or any part of it, tagged with the type name."""
    if is_dataclass(obj) and not isinstance(obj, type):
        data: dict[str, object] = {"type": type(obj).__name__}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if not (f.metadata.get("omit_empty") and not value):
                data[f.name] = to_data(value)
        return data
    if isinstance(obj, (tuple, list)):
        return [to_data(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, float):
        return round(obj, 2)
    return obj


def to_json(scene: Scene) -> str:
    """A stable JSON dump of the scene, for golden tests and debugging."""
    return json.dumps(to_data(scene), indent=1, sort_keys=True, ensure_ascii=False) + "\n"

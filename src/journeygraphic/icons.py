"""Built-in line icons: our own drawings, stroke only, in a 24×24 box.

Each icon is path commands (no arcs; circles are four cubics) drawn with round caps and
joins and no fill, so both backends draw them with the same code as any other path.
Coordinates keep about 2 units clear of the box edge so a 2-unit stroke stays inside.
"""

from __future__ import annotations

import math

from .geometry import arc_commands, circle_commands, rect_commands, transform
from .scene import Command, Icon

BOX = 24.0

Commands = tuple[Command, ...]


def _polyline(*points: tuple[float, float], close: bool = False) -> Commands:
    first, *rest = points
    out: list[Command] = [("M", *first), *(("L", *p) for p in rest)]
    if close:
        out.append(("Z",))
    return tuple(out)


def _arc(cx: float, cy: float, r: float, start: float, end: float) -> Commands:
    """An open arc, angles in degrees growing clockwise on screen."""
    a = math.radians(start)
    return (("M", cx + r * math.cos(a), cy + r * math.sin(a)), *arc_commands(cx, cy, r, start, end))


def _chevron(cx: float, cy: float, r: float, angle: float, size: float) -> Commands:
    """An open arrowhead at the end of a clockwise arc that stops at ``angle``."""
    a = math.radians(angle)
    tip = (cx + r * math.cos(a), cy + r * math.sin(a))
    back = math.atan2(-math.cos(a), math.sin(a))  # opposite of the clockwise tangent
    wings = [back + math.radians(s) for s in (40, -40)]
    w1, w2 = ((tip[0] + size * math.cos(w), tip[1] + size * math.sin(w)) for w in wings)
    return _polyline(w1, tip, w2)


def _capsule(cx: float, cy: float, length: float, r: float, angle: float) -> Commands:
    """A stadium shape (one chain link) centred on (cx, cy), rotated by ``angle`` degrees."""
    shape = rect_commands(-length / 2, -r, length, 2 * r, r)
    a = math.radians(angle)
    cos, sin = math.cos(a), math.sin(a)
    out: list[Command] = []
    for command in shape:
        numbers = [float(v) for v in command[1:]]
        rotated: list[float] = []
        for x, y in zip(numbers[::2], numbers[1::2], strict=True):
            rotated += [cx + x * cos - y * sin, cy + x * sin + y * cos]
        out.append((command[0], *rotated))
    return tuple(out)


def _star(cx: float, cy: float, outer: float, inner: float) -> Commands:
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = math.radians(-90 + 36 * i)
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return _polyline(*points, close=True)


def _laptop() -> Commands:
    screen = rect_commands(4.5, 4.5, 15, 10.5, 1.5)
    base = _polyline((2, 19.5), (22, 19.5))
    hinge = _polyline((4.5, 15), (2.5, 19), close=False) + _polyline((19.5, 15), (21.5, 19))
    return screen + base + hinge


def _whiteboard() -> Commands:
    board = rect_commands(10, 3, 12, 10.5, 1)
    writing = _polyline((13, 7), (19, 7)) + _polyline((13, 10.5), (17, 10.5))
    head = circle_commands(5.5, 7.5, 2.2)
    body = (
        ("M", 2.5, 21.5),
        ("L", 2.5, 15),
        ("C", 2.5, 13.3, 3.6, 12.2, 5.3, 12.2),
        ("L", 7.5, 12.2),
        ("L", 11.5, 9.5),
    )
    leg = _polyline((7.5, 12.2), (7.5, 21.5))
    return board + writing + head + body + leg


def _map_pin() -> Commands:
    drop = (
        ("M", 12, 21.5),
        ("C", 12, 21.5, 4.5, 14.8, 4.5, 9.5),
        ("C", 4.5, 5.4, 7.9, 2.5, 12, 2.5),
        ("C", 16.1, 2.5, 19.5, 5.4, 19.5, 9.5),
        ("C", 19.5, 14.8, 12, 21.5, 12, 21.5),
        ("Z",),
    )
    return drop + circle_commands(12, 9.5, 2.7)


def _document() -> Commands:
    page = _polyline((14, 2.5), (6.5, 2.5), (5, 4), (5, 20), (6.5, 21.5), (17.5, 21.5), (19, 20))
    page += (("L", 19, 7.5), ("Z",))
    fold = _polyline((14, 2.5), (14, 7.5), (19, 7.5))
    lines = _polyline((8.5, 12), (15.5, 12)) + _polyline((8.5, 16), (15.5, 16))
    return page + fold + lines


def _check() -> Commands:
    return circle_commands(12, 12, 9.5) + _polyline((7.8, 12.4), (10.7, 15.3), (16.2, 9.2))


def _book() -> Commands:
    pages = (
        ("M", 12, 6.5),
        ("C", 10, 5, 7, 4.5, 2.5, 4.5),
        ("L", 2.5, 18),
        ("C", 7, 18, 10, 18.7, 12, 20),
        ("C", 14, 18.7, 17, 18, 21.5, 18),
        ("L", 21.5, 4.5),
        ("C", 17, 4.5, 14, 5, 12, 6.5),
        ("Z",),
    )
    return pages + _polyline((12, 6.5), (12, 20))


def _exam() -> Commands:
    board = rect_commands(5, 4.5, 14, 17, 1.5)
    clip = rect_commands(8.75, 2.5, 6.5, 4, 1)
    lines = (
        _polyline((8.5, 11), (15.5, 11))
        + _polyline((8.5, 14.5), (15.5, 14.5))
        + _polyline((8.5, 18), (12.5, 18))
    )
    return board + clip + lines


def _certificate() -> Commands:
    rosette = circle_commands(12, 9, 6.5) + circle_commands(12, 9, 3)
    left = _polyline((8.3, 14.4), (7, 21.5), (10, 19.8), (11.2, 15.5))
    right = _polyline((15.7, 14.4), (17, 21.5), (14, 19.8), (12.8, 15.5))
    return rosette + left + right


def _link() -> Commands:
    # Two links apart, joined by a bar: reads as "link" at 16 px where interlocking
    # rings blur into one shape.
    ends = _capsule(7.4, 16.6, 10, 3.4, -45) + _capsule(16.6, 7.4, 10, 3.4, -45)
    return ends + _polyline((9, 15), (15, 9))


def _flag() -> Commands:
    pole = _polyline((5, 21.5), (5, 3))
    cloth = (
        ("M", 5, 4),
        ("C", 9, 1.8, 12.5, 6.7, 19, 4),
        ("L", 19, 13.5),
        ("C", 12.5, 16.2, 9, 11.3, 5, 13.5),
    )
    return pole + cloth


def _star_icon() -> Commands:
    return _star(12, 12.8, 10, 4.3)


def _refresh() -> Commands:
    r = 8
    top = _arc(12, 12, r, 195, 320) + _chevron(12, 12, r, 320, 3.5)
    bottom = _arc(12, 12, r, 15, 140) + _chevron(12, 12, r, 140, 3.5)
    return top + bottom


def _people() -> Commands:
    front = (
        *circle_commands(9, 8, 3.3),
        ("M", 2.5, 20.5),
        ("C", 2.5, 16.4, 5.2, 13.8, 9, 13.8),
        ("C", 12.8, 13.8, 15.5, 16.4, 15.5, 20.5),
    )
    back = (
        *circle_commands(16.8, 7.8, 2.6),
        ("M", 17, 13.6),
        ("C", 19.9, 13.9, 21.5, 16.5, 21.5, 20),
    )
    return front + back


def _code() -> Commands:
    return (
        _polyline((8, 7), (3, 12), (8, 17))
        + _polyline((16, 7), (21, 12), (16, 17))
        + _polyline((13.8, 4.5), (10.2, 19.5))
    )


def _cloud() -> Commands:
    return (
        ("M", 7, 19),
        ("L", 17.5, 19),
        ("C", 20, 19, 22, 17, 22, 14.5),
        ("C", 22, 12, 20, 10, 17.5, 10),
        ("L", 17.2, 10),
        ("C", 16.4, 6.9, 14, 5, 11, 5),
        ("C", 7.7, 5, 5.3, 7.3, 5, 10.5),
        ("C", 3.2, 11.1, 2, 12.7, 2, 14.6),
        ("C", 2, 17.1, 4.2, 19, 7, 19),
        ("Z",),
    )


def _lightbulb() -> Commands:
    bulb = (
        ("M", 9.2, 16.5),
        ("L", 9.2, 14.8),
        ("C", 9.2, 13.7, 8.6, 13, 7.8, 12.2),
        ("C", 6.6, 11, 6, 9.8, 6, 8.3),
        ("C", 6, 5, 8.7, 2.5, 12, 2.5),
        ("C", 15.3, 2.5, 18, 5, 18, 8.3),
        ("C", 18, 9.8, 17.4, 11, 16.2, 12.2),
        ("C", 15.4, 13, 14.8, 13.7, 14.8, 14.8),
        ("L", 14.8, 16.5),
        ("Z",),
    )
    return bulb + _polyline((9.5, 19), (14.5, 19)) + _polyline((10.5, 21.5), (13.5, 21.5))


ICONS: dict[str, Commands] = {
    "laptop": _laptop(),
    "whiteboard": _whiteboard(),
    "map-pin": _map_pin(),
    "document": _document(),
    "check": _check(),
    "book": _book(),
    "exam": _exam(),
    "certificate": _certificate(),
    "link": _link(),
    "flag": _flag(),
    "star": _star_icon(),
    "refresh": _refresh(),
    "people": _people(),
    "code": _code(),
    "cloud": _cloud(),
    "lightbulb": _lightbulb(),
}


def icon_commands(icon: Icon) -> Commands:
    """The icon's path in scene coordinates: scaled to ``icon.size``, moved to (x, y)."""
    try:
        commands = ICONS[icon.name]
    except KeyError:
        raise ValueError(
            f"unknown icon '{icon.name}'; built-in icons are: {', '.join(ICONS)}"
        ) from None
    return transform(commands, icon.size / BOX, icon.x, icon.y)

"""Geometry both backends share, so an SVG rasterised elsewhere and our PNG agree.

Everything here is pure and works on scene path commands: ``("M", x, y)``, ``("L", x, y)``,
``("C", x1, y1, x2, y2, x, y)`` and ``("Z",)``. No backend decides a shape on its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from ..scene import Command

# The control-point distance that makes a cubic match a quarter circle within 0.03 %.
KAPPA = 4 / 3 * (math.sqrt(2) - 1)

# Arrowhead proportions, in multiples of the path's stroke width (with a floor so that
# hairlines still get a visible head).
ARROW_LENGTH = 4.0
ARROW_MIN_LENGTH = 6.0
ARROW_HALF_WIDTH = 0.55  # of the length: a tip angle of about 58 degrees
ARROW_TRIM = 0.5  # of the length: the line stops inside the head so its cap stays hidden

_ARITY = {"M": 2, "L": 2, "C": 6, "Z": 0}
_COLOUR = re.compile(r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")

Point = tuple[float, float]


def fmt(value: float) -> str:
    """A number for SVG: two decimals at most, no trailing zeros, no ``-0``, no exponent."""
    if not math.isfinite(value):
        raise ValueError(f"cannot draw the non-finite number {value!r}")
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def check_colour(colour: str) -> str:
    """``colour`` itself when it is ``#rgb``, ``#rrggbb`` or ``none``.

    Checked at output because a colour like ``url(https://…)`` would make the SVG fetch
    an external resource.
    """
    if colour == "none" or _COLOUR.fullmatch(colour):
        return colour
    raise ValueError(f"'{colour}' is not a colour a backend can draw; use #rrggbb or none")


def normalise(commands: Iterable[Command]) -> tuple[Command, ...]:
    """The commands with every number a float, or ValueError naming the bad command."""
    out: list[Command] = []
    for command in commands:
        if not command or command[0] not in _ARITY or len(command) != _ARITY[str(command[0])] + 1:
            raise ValueError(
                f"bad path command {command!r}; use M x y, L x y, C x1 y1 x2 y2 x y, Z"
            )
        numbers = tuple(float(v) for v in command[1:])
        if not all(math.isfinite(v) for v in numbers):
            raise ValueError(f"path command {command!r} has a non-finite number")
        out.append((str(command[0]), *numbers))
    if out and out[0][0] != "M":
        raise ValueError("a path must start with an M command")
    return tuple(out)


def transform(
    commands: Iterable[Command], scale: float, dx: float, dy: float
) -> tuple[Command, ...]:
    """Commands scaled about the origin, then moved by (dx, dy)."""
    out: list[Command] = []
    for command in commands:
        numbers = [float(v) for v in command[1:]]
        moved = [v * scale + (dy if i % 2 else dx) for i, v in enumerate(numbers)]
        out.append((command[0], *moved))
    return tuple(out)


def clamp_radius(w: float, h: float, radius: float) -> float:
    """A corner radius that fits: never negative, never more than half the smaller side."""
    return max(0.0, min(radius, abs(w) / 2, abs(h) / 2))


def rect_commands(
    x: float, y: float, w: float, h: float, radius: float = 0.0
) -> tuple[Command, ...]:
    """A rectangle, clockwise from the top-left, with cubic corners when ``radius`` > 0."""
    r = clamp_radius(w, h, radius)
    if r == 0:
        return (("M", x, y), ("L", x + w, y), ("L", x + w, y + h), ("L", x, y + h), ("Z",))
    k = r * (1 - KAPPA)  # distance of each corner's control points from the corner
    right, bottom = x + w, y + h
    return (
        ("M", x + r, y),
        ("L", right - r, y),
        ("C", right - k, y, right, y + k, right, y + r),
        ("L", right, bottom - r),
        ("C", right, bottom - k, right - k, bottom, right - r, bottom),
        ("L", x + r, bottom),
        ("C", x + k, bottom, x, bottom - k, x, bottom - r),
        ("L", x, y + r),
        ("C", x, y + k, x + k, y, x + r, y),
        ("Z",),
    )


def arc_commands(cx: float, cy: float, r: float, start: float, end: float) -> list[Command]:
    """Cubic segments (no M) along a circle from angle ``start`` to ``end``, in degrees.

    Angles grow clockwise on screen because y points down. Each piece spans at most 90°.
    """
    pieces = max(1, math.ceil(abs(end - start) / 90 - 1e-9))
    step = math.radians(end - start) / pieces
    handle = 4 / 3 * math.tan(step / 4) * r
    out: list[Command] = []
    a = math.radians(start)
    for _ in range(pieces):
        b = a + step
        out.append(
            (
                "C",
                cx + r * math.cos(a) - handle * math.sin(a),
                cy + r * math.sin(a) + handle * math.cos(a),
                cx + r * math.cos(b) + handle * math.sin(b),
                cy + r * math.sin(b) - handle * math.cos(b),
                cx + r * math.cos(b),
                cy + r * math.sin(b),
            )
        )
        a = b
    return out


def circle_commands(cx: float, cy: float, r: float) -> tuple[Command, ...]:
    """A circle as four cubics, clockwise from the rightmost point."""
    return (("M", cx + r, cy), *arc_commands(cx, cy, r, 0, 360), ("Z",))


def arrowhead(
    commands: Sequence[Command], stroke_width: float
) -> tuple[tuple[Command, ...], tuple[Command, ...]]:
    """The path shortened to make room for a head, and the head: a closed triangle.

    The tip sits exactly on the path's last point and points along the last segment's
    direction. Returns the commands unchanged and no head when there is no direction.
    """
    commands = normalise(commands)
    if not commands:
        return commands, ()
    if commands[-1][0] == "Z":
        raise ValueError("an arrowhead needs an open path; this one ends with Z")
    last = commands[-1]
    start = _segment_start(commands)
    direction = _end_direction(last, start)
    if direction is None:
        return commands, ()
    length = max(ARROW_LENGTH * stroke_width, ARROW_MIN_LENGTH)
    tip = (float(last[-2]), float(last[-1]))
    head = _triangle(tip, direction, length)
    trimmed = (*commands[:-1], _trim(last, start, direction, length * ARROW_TRIM))
    return trimmed, head


def _segment_start(commands: Sequence[Command]) -> Point:
    """The current point before the last command (its own point if it is an M)."""
    if len(commands) < 2:
        return float(commands[-1][-2]), float(commands[-1][-1])
    subpath_start: Point = (0.0, 0.0)
    current: Point = (0.0, 0.0)
    for command in commands[:-1]:
        if command[0] == "Z":
            current = subpath_start
            continue
        current = (float(command[-2]), float(command[-1]))
        if command[0] == "M":
            subpath_start = current
    return current


def _end_direction(last: Command, start: Point) -> Point | None:
    """Unit vector of travel at the end of ``last``; for a cubic, from its nearest control."""
    end = (float(last[-2]), float(last[-1]))
    candidates: list[Point] = []
    if last[0] == "C":
        candidates += [(float(last[3]), float(last[4])), (float(last[1]), float(last[2]))]
    candidates.append(start)
    for point in candidates:
        dx, dy = end[0] - point[0], end[1] - point[1]
        norm = math.hypot(dx, dy)
        if norm > 1e-9:
            return dx / norm, dy / norm
    return None


def _triangle(tip: Point, direction: Point, length: float) -> tuple[Command, ...]:
    ux, uy = direction
    half = length * ARROW_HALF_WIDTH
    bx, by = tip[0] - ux * length, tip[1] - uy * length
    return (
        ("M", tip[0], tip[1]),
        ("L", bx - uy * half, by + ux * half),
        ("L", bx + uy * half, by - ux * half),
        ("Z",),
    )


def _trim(last: Command, start: Point, direction: Point, by: float) -> Command:
    """``last`` with its end pulled back along ``direction`` (never past its start)."""
    if last[0] == "M":
        return last
    end = (float(last[-2]), float(last[-1]))
    chord = math.hypot(end[0] - start[0], end[1] - start[1])
    by = min(by, 0.9 * chord)
    dx, dy = -direction[0] * by, -direction[1] * by
    if last[0] == "L":
        return ("L", end[0] + dx, end[1] + dy)
    # Moving the second control point with the end keeps the curve's final tangent.
    x1, y1, x2, y2 = (float(v) for v in last[1:5])
    return ("C", x1, y1, x2 + dx, y2 + dy, end[0] + dx, end[1] + dy)

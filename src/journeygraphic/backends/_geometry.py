"""Geometry only the backends use: number format, colour check, path checks, arrowheads.

Everything here is pure and works on scene path commands: ``("M", x, y)``, ``("L", x, y)``,
``("C", x1, y1, x2, y2, x, y)`` and ``("Z",)``. No backend decides a shape on its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from ..scene import Command

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

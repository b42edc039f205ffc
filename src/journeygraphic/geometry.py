"""Path shapes in scene coordinates: rectangles, arcs, circles, and moving them.

Pure functions on scene path commands (``("M", x, y)``, ``("L", x, y)``,
``("C", x1, y1, x2, y2, x, y)``, ``("Z",)``), shared by the icons and both backends, so an
SVG rasterised elsewhere and our PNG draw the same curves.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .scene import Command

# The control-point distance that makes a cubic match a quarter circle within 0.03 %.
KAPPA = 4 / 3 * (math.sqrt(2) - 1)


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

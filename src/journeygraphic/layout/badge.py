"""The level badge: our own shield drawing, told apart by top colour and stars.

One shape for every level (fundamentals, associate, expert, specialty). The ribbon across
the middle carries the certification's short name, sized to fit.
"""

from __future__ import annotations

import math

from .. import model as m
from ..scene import Command, Font, Item, Path, Rect, Weight
from ._context import Block, Context

STARS = {"fundamentals": 1, "associate": 2, "expert": 3, "specialty": 0}
HEIGHT_RATIO = 1.12  # shield height over width
PANEL_BOTTOM = 0.40  # where the level-coloured top panel ends, in widths


def badge(ctx: Context, stage: m.Certification, x: float, top: float, width: float) -> Block:
    """Draw the shield for ``stage`` with its top-left corner at (x, top)."""
    pal = ctx.theme.palette
    level_top = getattr(pal, f"badge_top_{stage.level}")
    stroke = max(2.0, width * 0.045)
    inset = width * 0.06  # room for the ribbon to stick out on both sides
    sx, sw = x + inset, width - 2 * inset
    items: list[Item] = [
        Path(_shield(sx, top, sw), fill=pal.badge_shield, role="badge"),
        Path(_panel(sx, top, sw), fill=level_top, role="badge"),
        Path(_shield(sx, top, sw), stroke=pal.badge_outline, stroke_width=stroke, role="badge"),
    ]
    issuer_items, issuer_bottom = _issuer(ctx, stage, sx, top, sw, level_top)
    items += issuer_items
    ribbon_top = max(top + sw * 0.33, issuer_bottom + sw * 0.02)
    ribbon_items, ribbon_bottom = _ribbon(ctx, stage, x, ribbon_top, width, stroke)
    items += ribbon_items
    items += _stars(
        STARS[stage.level], sx + sw / 2, ribbon_bottom + sw * 0.17, sw * 0.085, pal.badge_star
    )
    return Block(items, sw * HEIGHT_RATIO + stroke, top)


def _shield(x: float, y: float, w: float) -> tuple[Command, ...]:
    chamfer = w * 0.16
    side = y + w * 0.68
    tip = y + w * HEIGHT_RATIO
    return (
        ("M", x + chamfer, y),
        ("L", x + w - chamfer, y),
        ("L", x + w, y + chamfer),
        ("L", x + w, side),
        ("C", x + w, y + w * 0.90, x + w * 0.78, y + w * 1.0, x + w / 2, tip),
        ("C", x + w * 0.22, y + w * 1.0, x, y + w * 0.90, x, side),
        ("L", x, y + chamfer),
        ("Z",),
    )


def _panel(x: float, y: float, w: float) -> tuple[Command, ...]:
    chamfer = w * 0.16
    bottom = y + w * PANEL_BOTTOM
    return (
        ("M", x + chamfer, y),
        ("L", x + w - chamfer, y),
        ("L", x + w, y + chamfer),
        ("L", x + w, bottom),
        ("L", x, bottom),
        ("L", x, y + chamfer),
        ("Z",),
    )


def _issuer(
    ctx: Context, stage: m.Certification, x: float, top: float, w: float, panel: str
) -> tuple[list[Item], float]:
    """The issuer's words in the top panel, in a colour that reads on the panel."""
    pal = ctx.theme.palette
    fill = pal.badge_top_text_dark if _is_light(panel) else pal.badge_top_text_light
    words = stage.issuer.rstrip(":").upper()
    font = _fitting_font(ctx, words, w * 0.74, w * 0.09, w * 0.065, "bold")
    lines = tuple(ctx.measurer.wrap(words, font, w * 0.74)[:2])
    text, height = ctx.lines(
        lines, x + w / 2, top + w * 0.06, w * 0.74, font, fill, anchor="middle", role="badge-text"
    )
    return [text], top + w * 0.06 + height


def _ribbon(
    ctx: Context, stage: m.Certification, x: float, top: float, width: float, stroke: float
) -> tuple[list[Item], float]:
    pal = ctx.theme.palette
    words = " ".join(stage.badge_lines or [stage.name]).upper()
    inner = width * 0.84
    font = _fitting_font(ctx, words, inner, width * 0.1, width * 0.065, "bold")
    lines = ctx.measurer.wrap(words, font, inner)[:2]
    lh = ctx.line_height(font)
    height = lh * len(lines) + width * 0.08
    rect = Rect(
        x,
        top,
        width,
        height,
        pal.badge_ribbon,
        pal.badge_outline,
        stroke * 0.8,
        radius=width * 0.06,
        role="badge",
    )
    text, _ = ctx.lines(
        tuple(lines),
        x + width / 2,
        top + width * 0.04,
        inner,
        font,
        pal.badge_ribbon_text,
        anchor="middle",
        role="badge-text",
    )
    return [rect, text], top + height


def _fitting_font(
    ctx: Context, words: str, width: float, largest: float, smallest: float, weight: Weight
) -> Font:
    """The largest size in [smallest, largest] at which ``words`` fits ``width`` in 2 lines."""
    size = largest
    while size > smallest:
        font = ctx.measurer.font(round(size, 1), weight)
        if len(ctx.measurer.wrap(words, font, width)) <= (2 if " " in words else 1):
            return font
        size -= 0.5
    return ctx.measurer.font(round(smallest, 1), weight)


def _stars(count: int, cx: float, cy: float, r: float, fill: str) -> list[Item]:
    gap = r * 2.3
    first = cx - gap * (count - 1) / 2
    return [Path(_star(first + i * gap, cy, r), fill=fill, role="badge") for i in range(count)]


def _star(cx: float, cy: float, r: float) -> tuple[Command, ...]:
    points: list[Command] = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.42
        angle = -math.pi / 2 + i * math.pi / 5
        op = "M" if i == 0 else "L"
        points.append(
            (op, round(cx + radius * math.cos(angle), 2), round(cy + radius * math.sin(angle), 2))
        )
    return (*points, ("Z",))


def _is_light(colour: str) -> bool:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b > 150

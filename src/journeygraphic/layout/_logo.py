"""The theme's logo, placed by layout in the header or footer band, left or right.

A band with a logo is laid out narrower by the logo's width and a gap (so no text runs
under it), then the logo is set at the band's left or right text edge, centred on the
band's height; a logo taller than the band's content makes the band taller, its content
centred. Backends only draw the result: paths for an SVG logo, an image for a raster one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from ..scene import Artwork, Image, Item, Path, Rect
from ._context import Block, Context
from ._move import move

Band = Literal["header", "footer"]
MAX_SHARE = 0.25  # a logo takes at most this share of the band's text width


def banded(
    ctx: Context,
    band: Band,
    edges: tuple[float, float],
    build: Callable[[float], Block],
) -> Block:
    """The band ``build`` lays out, with the theme's logo in it if it goes in ``band``.

    Args:
        edges: The band's left and right text edges.
        build: Lays the band out with its right text edge moved this many px to the left.
    """
    logo = ctx.theme.logo
    art = logo.art if logo is not None else None
    if logo is None or art is None or not logo.place.startswith(band):
        return build(0.0)
    left, right = edges
    width, height = logo_size(art, logo.height, (right - left) * MAX_SHARE)
    cut = width + 3 * ctx.unit
    block = build(cut)
    at_left = logo.place.endswith("left")
    frame, *rest = block.items
    if at_left:
        rest = [move(item, cut, 0) for item in rest]
    need = height + 4 * ctx.unit
    top = frame.y if isinstance(frame, Rect) else block.anchor_y
    total = max(block.height, need)
    rest = [move(item, 0, (total - block.height) / 2) for item in rest]
    if isinstance(frame, Rect):
        frame = replace(frame, w=frame.w + cut, h=total)
    x = left if at_left else right - width
    drawn = placed(art, x, top + (total - height) / 2, width, height)
    return Block([frame, *rest, *drawn], total, block.anchor_y)


def logo_size(art: Artwork, height: float, max_width: float) -> tuple[float, float]:
    """The logo ``height`` px high in its own proportions, narrowed to ``max_width``."""
    width = art.width / art.height * height
    if width > max_width > 0:
        height, width = height * max_width / width, max_width
    return round(width, 2), round(height, 2)


def placed(art: Artwork, x: float, y: float, width: float, height: float) -> list[Item]:
    """The logo's items scaled into the box (x, y, width, height)."""
    if art.png:
        return [Image(x, y, width, height, art.png)]
    scale = width / art.width
    return [_scaled(path, scale, x, y) for path in art.paths]


def _scaled(path: Path, scale: float, dx: float, dy: float) -> Path:
    commands = tuple(
        (op, *(round(float(v) * scale + (dy if i % 2 else dx), 2) for i, v in enumerate(rest)))
        for op, *rest in path.commands
    )
    return replace(path, commands=commands, stroke_width=round(path.stroke_width * scale, 3))


def logo_strip(ctx: Context, band: Band, left: float, right: float, top: float) -> Block:
    """The logo on a strip of its own (layouts without bands): empty unless it goes in
    ``band``; a ``...-right`` logo ends at ``right``."""
    logo = ctx.theme.logo
    art = logo.art if logo is not None else None
    if logo is None or art is None or not logo.place.startswith(band):
        return Block([], 0.0, top)
    width, height = logo_size(art, logo.height, (right - left) * MAX_SHARE)
    x = left if logo.place.endswith("left") else right - width
    pad = 2 * ctx.unit
    return Block(placed(art, x, top + pad, width, height), height + 2 * pad, top)


__all__ = ["banded", "logo_size", "logo_strip", "placed"]

"""Translate scene items, for blocks laid out before their final position is known."""

from __future__ import annotations

from dataclasses import replace

from ..scene import Box, Circle, Command, Icon, Image, Item, Path, Rect, Text


def move(item: Item, dx: float, dy: float) -> Item:
    """The same item, ``dx`` right and ``dy`` down."""
    if isinstance(item, (Rect, Icon, Image)):
        return replace(item, x=item.x + dx, y=item.y + dy)
    if isinstance(item, Circle):
        return replace(item, cx=item.cx + dx, cy=item.cy + dy)
    if isinstance(item, Text):
        bounds = item.bounds and _move_box(item.bounds, dx, dy)
        return replace(item, x=item.x + dx, y=round(item.y + dy, 2), bounds=bounds)
    if isinstance(item, Path):
        return replace(item, commands=tuple(_move_command(c, dx, dy) for c in item.commands))
    return replace(item, items=tuple(move(i, dx, dy) for i in item.items))


def _move_box(box: Box, dx: float, dy: float) -> Box:
    return Box(box.x + dx, box.y + dy, box.w, box.h)


def _move_command(command: Command, dx: float, dy: float) -> Command:
    op, *coords = command
    moved = [float(v) + (dy if i % 2 else dx) for i, v in enumerate(coords)]
    return (op, *moved)

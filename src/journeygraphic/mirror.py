"""Mirror a finished scene left to right, for journeys written right to left.

Every layout draws left to right; a spec with ``direction: rtl`` gets the same picture
flipped: x becomes ``width - x``, boxes keep their size, text anchored at its left edge is
anchored at its right edge, paths run mirrored. Text itself is not mirrored (letters keep
their shapes, and right-to-left lines read from the right because the backends say so), and
neither are icons and logos: a laptop is a laptop either way round, and a logo's paths
(role ``logo``) move together to the mirrored place without being flipped.
"""

from __future__ import annotations

from dataclasses import replace

from .scene import (
    Anchor,
    Box,
    Circle,
    Command,
    Icon,
    Image,
    Item,
    Link,
    Path,
    Rect,
    Scene,
    Text,
)

__all__ = ["mirror_scene"]

_FLIPPED: dict[Anchor, Anchor] = {"start": "end", "middle": "middle", "end": "start"}


def mirror_scene(scene: Scene) -> Scene:
    """``scene`` mirrored horizontally about its centre line."""
    width = scene.width
    items = tuple(_mirror(item, width) for item in scene.items)
    return replace(scene, items=_unflipped_logo(items, width))


def _unflipped_logo(items: tuple[Item, ...], width: float) -> tuple[Item, ...]:
    """The logo's paths (mirrored with the rest) flipped back about the logo's own middle."""
    xs = [
        float(v)
        for item in items
        if isinstance(item, Path) and item.role == "logo"
        for command in item.commands
        for i, v in enumerate(command)
        if i % 2 == 1 and not isinstance(v, str)
    ]
    if not xs:
        return items
    middle = min(xs) + max(xs)
    return tuple(
        replace(item, commands=tuple(_command(c, middle) for c in item.commands))
        if isinstance(item, Path) and item.role == "logo"
        else item
        for item in items
    )


def _mirror(item: Item, width: float) -> Item:
    if isinstance(item, Link):
        return replace(item, items=tuple(_mirror(i, width) for i in item.items))
    if isinstance(item, Rect):
        return replace(item, x=width - item.x - item.w)
    if isinstance(item, Circle):
        return replace(item, cx=width - item.cx)
    if isinstance(item, Path):
        return replace(item, commands=tuple(_command(c, width) for c in item.commands))
    if isinstance(item, Text):
        return _text(item, width)
    if isinstance(item, Icon):
        return replace(item, x=width - item.x - item.size)
    if isinstance(item, Image):
        return replace(item, x=width - item.x - item.w)
    raise TypeError(f"cannot mirror {type(item).__name__}")


def _text(text: Text, width: float) -> Text:
    bounds = text.bounds
    if bounds is not None:
        bounds = Box(width - bounds.right, bounds.y, bounds.w, bounds.h)
    return replace(text, x=width - text.x, anchor=_FLIPPED[text.anchor], bounds=bounds)


def _command(command: Command, width: float) -> Command:
    """x coordinates sit at odd positions: ("M", x, y), ("C", x1, y1, x2, y2, x, y)."""
    return tuple(
        width - float(v) if i % 2 == 1 and not isinstance(v, str) else v
        for i, v in enumerate(command)
    )

"""``auto``: the layout that suits the width best.

- poster from ``POSTER_FROM`` px, if its columns fit there without the page growing
  (a journey with many phases needs more room; it goes vertical instead);
- vertical from ``VERTICAL_FROM`` px: it is built for phone widths, so a phone gets the
  whole journey rather than a summary;
- compact below that, for slots narrower than any phone (sidebars, cards).
"""

from __future__ import annotations

from .. import model as m
from ..scene import Scene
from ._context import Context
from .compact import layout_compact
from .poster import layout_poster
from .vertical import layout_vertical

POSTER_FROM = 1200.0
VERTICAL_FROM = 360.0


def choose(width: float) -> str:
    """The layout ``auto`` tries first for a page ``width`` pixels wide."""
    if width >= POSTER_FROM:
        return "poster"
    if width >= VERTICAL_FROM:
        return "vertical"
    return "compact"


def layout_auto(journey: m.Journey, ctx: Context, width: float | None = None) -> Scene:
    """Lay out ``journey`` in the layout that fits ``width``; no width means the poster."""
    if width is None:
        return layout_poster(journey, ctx, None)
    page_w = float(width)
    name = choose(page_w)
    if name == "poster":
        scene = layout_poster(journey, ctx, page_w)
        if scene.width <= page_w + 0.5:
            return scene
        name = "vertical"  # too many phases for side-by-side columns at this width
    if name == "vertical":
        return layout_vertical(journey, ctx, page_w)
    return layout_compact(journey, ctx, page_w)


__all__ = ["POSTER_FROM", "VERTICAL_FROM", "choose", "layout_auto"]

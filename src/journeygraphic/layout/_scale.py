"""A bounded type scale: the theme's sizes and spacing, all multiplied by one factor.

The poster draws larger on wide pages (a 2400 px poster reads like a large 1600 px one)
and, as a last arrangement before the page must grow, a little denser on narrow ones.
"""

from __future__ import annotations

from dataclasses import replace

from ._context import Context

# Shape tokens that are lengths on the page; the rest (dash patterns) stay as they are.
_LENGTHS = (
    "unit",
    "radius",
    "timeline_width",
    "track_width",
    "node_radius",
    "dot_radius",
    "icon_size",
    "icon_stroke",
    "frame_width",
)


def scaled(ctx: Context, factor: float) -> Context:
    """``ctx`` with every font size and spacing token of its theme times ``factor``.

    Sizes are rounded to half pixels and lengths to hundredths, so output stays byte-stable.
    """
    if factor == 1.0:
        return ctx
    theme = ctx.theme
    typo = theme.typography
    sizes = {name: round(size * factor * 2) / 2 for name, size in typo.sizes}
    shape = {name: round(getattr(theme.shape, name) * factor, 2) for name in _LENGTHS}
    theme = theme.model_copy(
        update={
            "typography": typo.model_copy(update={"sizes": typo.sizes.model_copy(update=sizes)}),
            "shape": theme.shape.model_copy(update=shape),
        }
    )
    return replace(ctx, theme=theme, fonts={}, spacings={})


__all__ = ["scaled"]

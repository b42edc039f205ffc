"""Layouts: each turns a journey into a scene, behind one function signature.

``layout(journey, theme, *, name="poster", width=None, progress=None) -> Scene``. Layouts
know nothing of SVG or PNG; they measure text with the font files the PNG backend draws
with. Personal progress reaches them through the context (``ctx.marks``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ..model import Journey, Progress
from ..scene import Scene
from ..text import Measurer
from ..theme import Theme
from ._context import Context
from ._progress import marks_for
from .auto import layout_auto
from .compact import layout_compact
from .poster import layout_poster
from .vertical import layout_vertical

LayoutFn = Callable[[Journey, Context, "float | None"], Scene]
LAYOUTS: dict[str, LayoutFn] = {
    "poster": layout_poster,
    "vertical": layout_vertical,
    "compact": layout_compact,
    "auto": layout_auto,
}


def measurer_for(theme: Theme) -> Measurer:
    """One measurer per font set, kept for the process: widths are pure functions of text."""
    typo = theme.typography
    return _measurer(typo.family, typo.regular_font, typo.bold_font)


@lru_cache(maxsize=16)
def _measurer(family: str, regular: str, bold: str) -> Measurer:
    return Measurer(family, regular, bold)


def layout(
    journey: Journey,
    theme: Theme,
    *,
    name: str = "poster",
    width: float | None = None,
    progress: Progress | None = None,
) -> Scene:
    """Lay out ``journey`` with ``theme`` using the layout called ``name``.

    Args:
        progress: Steps marked done, current or skipped (ids already checked against
            ``journey``); None draws no personal progress.
    """
    if name not in LAYOUTS:
        raise ValueError(f"unknown layout '{name}'; use one of: {', '.join(LAYOUTS)}")
    ctx = Context(theme, measurer_for(theme), marks_for(progress))
    return LAYOUTS[name](journey, ctx, width)


__all__ = ["LAYOUTS", "layout", "measurer_for"]

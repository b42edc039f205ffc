"""Layouts: each turns a journey into a scene, behind one function signature.

``layout(journey, theme, *, name="poster", width=None, progress=None) -> Scene``. Layouts
know nothing of SVG or PNG; they measure text with the font files the PNG backend draws
with. Personal progress reaches them through the context (``ctx.marks``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from functools import lru_cache
from importlib import import_module
from typing import cast

from ..errors import ShortenedWarning, WidthWarning
from ..fonts import missing_glyphs
from ..model import Journey, Progress
from ..scene import Scene
from ..text import Measurer
from ..tokens import Theme
from ._context import Context
from ._progress import marks_for

LayoutFn = Callable[[Journey, Context, "float | None"], Scene]
# Each layout's module, imported when first used: a run pays only for the layout it draws.
LAYOUTS: dict[str, str] = {
    "poster": "poster",
    "vertical": "vertical",
    "compact": "compact",
    "auto": "auto",
}


def layout_function(name: str) -> LayoutFn:
    """The function of the layout called ``name`` (``layout_<name>`` in its module)."""
    module = import_module(f".{LAYOUTS[name]}", __name__)
    return cast(LayoutFn, getattr(module, f"layout_{name}"))


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

    Warns:
        WidthWarning: The layout drew wider than ``width`` (it needed the room).
        ShortenedWarning: A text did not fit its place and ends in an ellipsis.
        MissingGlyphWarning: Characters no font on this system has (drawn as boxes).
    """
    if name not in LAYOUTS:
        raise ValueError(f"unknown layout '{name}'; use one of: {', '.join(LAYOUTS)}")
    marks = marks_for(progress)
    ctx = Context(
        theme,
        measurer_for(theme),
        marks,
        lang=journey.lang,
        labels=journey.wording(),
        rtl=journey.direction == "rtl",
    )
    scene = layout_function(name)(journey, ctx, width)
    for sentence in ctx.shortened:
        warnings.warn(ShortenedWarning(sentence), stacklevel=2)
    if width is not None and scene.width > width + 0.5:
        warnings.warn(WidthWarning(width_sentence(name, scene.width, width)), stacklevel=2)
    missing = ctx.missing_in(scene)
    if missing:
        warnings.warn(missing_glyphs(missing), stacklevel=2)
    return scene


def unfitting_badges(journey: Journey, theme: Theme) -> list[tuple[str, tuple[str | int, ...]]]:
    """Badge ribbons whose words cannot fit their shield, each with its spec field's path:
    the pipeline refuses them before drawing, located in the spec it read."""
    from .badge import badge_problems

    return badge_problems(journey, Context(theme, measurer_for(theme)))


def width_sentence(name: str, needed: float, asked: float) -> str:
    """Why the picture is wider than asked, and what would fit ``asked``."""
    from .vertical import MIN_WIDTH

    said = f"the {name} layout needs {needed:.0f} px, wider than the {asked:.0f} px asked for"
    if asked < MIN_WIDTH:
        return f"{said}; no layout is narrower than {MIN_WIDTH} px"
    return f"{said}; --layout vertical (or auto) fits {asked:.0f} px"


__all__ = [
    "LAYOUTS",
    "layout",
    "layout_function",
    "measurer_for",
    "unfitting_badges",
    "width_sentence",
]

"""How to draw a journey: one typed options object that every caller builds and passes.

The command line, the batch runner, Sphinx, MkDocs, Jupyter and the library all describe a
drawing with :class:`RenderOptions`: frozen, validated once when it is made, with every
bound and default stated here and nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypedDict

from .layout import LAYOUTS
from .limits import Limits
from .model import Progress
from .tokens import Theme

__all__ = [
    "MAX_SCALE",
    "MAX_WIDTH",
    "MIN_SCALE",
    "MIN_WIDTH",
    "OptionKeywords",
    "RenderOptions",
    "check_layout",
    "check_scale",
    "check_width",
]

MIN_WIDTH, MAX_WIDTH = 320, 10_000  # px
MIN_SCALE, MAX_SCALE = 0.25, 8


def check_width(value: float) -> float:
    """``value`` if it is a picture width we draw.

    Raises:
        ValueError: Outside 320–10000 pixels (NaN too).
    """
    if not MIN_WIDTH <= value <= MAX_WIDTH:
        raise ValueError(f"width must be between {MIN_WIDTH} and {MAX_WIDTH} pixels")
    return value


def check_scale(value: float) -> float:
    """``value`` if it is a pixel density we draw.

    Raises:
        ValueError: Outside 0.25–8 (NaN too).
    """
    if not MIN_SCALE <= value <= MAX_SCALE:
        raise ValueError(f"scale must be between {MIN_SCALE} and {MAX_SCALE}")
    return value


def check_layout(value: str) -> str:
    """``value`` if it names a layout.

    Raises:
        ValueError: It does not, with the layouts to choose from.
    """
    if value not in LAYOUTS:
        raise ValueError(f"unknown layout '{value}'; use one of: {', '.join(LAYOUTS)}")
    return value


@dataclass(frozen=True)
class RenderOptions:
    """Everything that decides a picture besides the journey and the format.

    Attributes:
        theme: A :class:`~journeygraphic.tokens.Theme`, a built-in theme's name or a theme
            file's path (either replaces the spec's ``theme:``), or None for the spec's own.
        layout: One of :data:`journeygraphic.layout.LAYOUTS`.
        width: The picture's width in pixels (320–10000), or None for the layout's own.
        scale: Pixel density for PNG (0.25–8); other formats ignore it.
        strict: Refuse a scene the layout checker rejects.
        base_dir: The spec's folder, which the spec's theme files are relative to.
        accept_low_contrast: Use a theme that misses WCAG 2.1 AA contrast.
        limits: The safety limits the journey (and a progress file) are held to.
        progress: One person's progress: a :class:`~journeygraphic.model.Progress` or a
            mapping of id to "done", "current" or "skipped"; checked against the journey.
        progress_file: Or a progress file (YAML or JSON) to read against each journey.
        embed_fonts: SVG only: put a subset of the fonts used inside the picture.

    Raises:
        ValueError: A value out of its bounds, or both kinds of progress.
    """

    theme: Theme | str | None = None
    layout: str = "poster"
    width: float | None = None
    scale: float = 1.0
    strict: bool = False
    base_dir: str | os.PathLike[str] | None = None
    accept_low_contrast: bool = False
    limits: Limits = field(default_factory=Limits)
    progress: Progress | Mapping[str, str] | None = None
    progress_file: str | os.PathLike[str] | None = None
    embed_fonts: bool = False

    def __post_init__(self) -> None:
        check_layout(self.layout)
        if self.width is not None:
            check_width(self.width)
        check_scale(self.scale)
        if self.progress is not None and self.progress_file is not None:
            raise ValueError("give progress or progress_file, not both")


class OptionKeywords(TypedDict, total=False):
    """:class:`RenderOptions` as keyword arguments, for ``render(journey, fmt, **keywords)``."""

    theme: Theme | str | None
    layout: str
    width: float | None
    scale: float
    strict: bool
    base_dir: str | os.PathLike[str] | None
    accept_low_contrast: bool
    limits: Limits
    progress: Progress | Mapping[str, str] | None
    progress_file: str | os.PathLike[str] | None
    embed_fonts: bool

"""Backends draw a finished scene and decide nothing.

Each backend is one module with ``render(scene, *, scale=1.0) -> bytes``. They are imported
only when asked for, so rendering SVG never loads matplotlib. ``png`` and ``pdf`` draw with
the same matplotlib code (``_mpl``). The text versions ("md", "txt") are listed here so that
every format has one home, but they are written from the journey, not from a scene: see
:mod:`journeygraphic.textformat`.
"""

from __future__ import annotations

import importlib
import math
from typing import Protocol, cast

from ..scene import Scene

__all__ = ["FORMATS", "IMAGE_FORMATS", "TEXT_FORMATS", "render_scene"]

IMAGE_FORMATS = ("svg", "png", "pdf")
TEXT_FORMATS = ("md", "txt")
FORMATS = IMAGE_FORMATS + TEXT_FORMATS


class _Backend(Protocol):
    def render(self, scene: Scene, *, scale: float = 1.0) -> bytes: ...


def render_scene(scene: Scene, fmt: str, *, scale: float = 1.0, embed_fonts: bool = False) -> bytes:
    """Draw ``scene`` in format ``fmt`` ("svg", "png" or "pdf"), ``scale`` times its size.

    ``embed_fonts`` puts a subset of the fonts the SVG uses inside it; the other formats
    ignore it (PDF always embeds its fonts, PNG has none).
    """
    if fmt in TEXT_FORMATS:
        raise ValueError(
            f"'{fmt}' is written from the journey, not drawn from a scene; "
            f"use journeygraphic.render(journey, '{fmt}')"
        )
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"unknown output format '{fmt}'; choose one of: {', '.join(FORMATS)}")
    if not (math.isfinite(scale) and scale > 0):
        raise ValueError(f"scale must be a positive number, not {scale!r}")
    if fmt == "svg" and embed_fonts:
        from . import svg  # here: backends are imported when asked for (PNG loads matplotlib)

        return svg.render_with_fonts(scene, scale=scale)
    backend = cast(_Backend, importlib.import_module(f"{__name__}.{fmt}"))
    return backend.render(scene, scale=scale)

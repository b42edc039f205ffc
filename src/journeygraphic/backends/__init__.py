"""Backends draw a finished scene and decide nothing.

Each backend is one module with ``render(scene, *, scale=1.0) -> bytes``. They are imported
only when asked for, so rendering SVG never loads matplotlib.
"""

from __future__ import annotations

import importlib
import math
from typing import Protocol, cast

from ..scene import Scene

__all__ = ["FORMATS", "render_scene"]

FORMATS = ("svg", "png")


class _Backend(Protocol):
    def render(self, scene: Scene, *, scale: float = 1.0) -> bytes: ...


def render_scene(scene: Scene, fmt: str, *, scale: float = 1.0) -> bytes:
    """Draw ``scene`` in format ``fmt`` ("svg" or "png"), ``scale`` times its size."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format '{fmt}'; choose one of: {', '.join(FORMATS)}")
    if not (math.isfinite(scale) and scale > 0):
        raise ValueError(f"scale must be a positive number, not {scale!r}")
    backend = cast(_Backend, importlib.import_module(f"{__name__}.{fmt}"))
    return backend.render(scene, scale=scale)

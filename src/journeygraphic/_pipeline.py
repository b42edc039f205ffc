"""The pipeline in one place: journey -> scene -> bytes."""

from __future__ import annotations

from .check import check_scene
from .errors import RenderError
from .layout import layout as _layout
from .model import Journey
from .scene import Scene
from .theme import Theme, builtin_theme

MAX_PIXELS = 40_000_000  # a poster larger than this is a mistake, not a picture


def build_scene(
    journey: Journey,
    *,
    theme: Theme | None = None,
    layout: str = "poster",
    width: float | None = None,
    strict: bool = False,
) -> Scene:
    """Lay out ``journey``; with ``strict``, refuse a scene the layout checker rejects."""
    scene = _layout(
        journey, theme or builtin_theme(journey.theme or "default"), name=layout, width=width
    )
    if strict:
        problems = check_scene(scene)
        if problems:
            raise RenderError("the layout breaks its own rules:\n  " + "\n  ".join(problems))
    return scene


def render(
    journey: Journey,
    format: str = "svg",
    *,
    theme: Theme | None = None,
    layout: str = "poster",
    width: float | None = None,
    scale: float = 1.0,
    strict: bool = False,
) -> bytes:
    """Render ``journey`` to the bytes of an image in ``format`` ("svg" or "png")."""
    from .backends import render_scene

    scene = build_scene(journey, theme=theme, layout=layout, width=width, strict=strict)
    pixels = scene.width * scene.height * scale * scale
    if format != "svg" and pixels > MAX_PIXELS:
        raise RenderError(
            f"the image would be {pixels / 1e6:.0f} million pixels; the limit is "
            f"{MAX_PIXELS / 1e6:.0f} million (lower --scale or --width)"
        )
    return render_scene(scene, format, scale=scale)

"""The pipeline in one place: journey -> scene -> bytes."""

from __future__ import annotations

import os

from .check import check_scene
from .errors import RenderError
from .layout import layout as _layout
from .limits import Limits, how_to_raise
from .loader import check_journey
from .model import Journey
from .scene import Scene
from .theme import Theme, require_contrast, resolve_theme

MAX_PIXELS = Limits.max_pixels  # the default; pass limits=Limits(max_pixels=...) to change


def build_scene(
    journey: Journey,
    *,
    theme: Theme | str | None = None,
    layout: str = "poster",
    width: float | None = None,
    strict: bool = False,
    base_dir: str | os.PathLike[str] | None = None,
    accept_low_contrast: bool = False,
    limits: Limits | None = None,
) -> Scene:
    """Lay out ``journey``; with ``strict``, refuse a scene the layout checker rejects.

    ``theme`` is a :class:`Theme`, a built-in theme's name or a theme file's path (either
    replaces the spec's ``theme:``), or None for the spec's own theme, whose files are
    found relative to ``base_dir`` (the spec's folder). A theme that misses WCAG 2.1 AA
    contrast is refused unless ``accept_low_contrast``. A journey with more text or more
    to draw than ``limits`` allow is refused (SpecError) before any layout work.
    """
    check_journey(journey, limits)
    scene = _layout(
        journey,
        _theme(journey, theme, base_dir, accept_low_contrast),
        name=layout,
        width=width,
    )
    if strict:
        problems = check_scene(scene)
        if problems:
            raise RenderError("the layout breaks its own rules:\n  " + "\n  ".join(problems))
    return scene


def _theme(
    journey: Journey,
    theme: Theme | str | None,
    base_dir: str | os.PathLike[str] | None,
    accept_low_contrast: bool,
) -> Theme:
    if isinstance(theme, Theme):
        if not accept_low_contrast:
            require_contrast(theme)
        return theme
    return resolve_theme(
        journey, choice=theme, base_dir=base_dir, accept_low_contrast=accept_low_contrast
    )


def render(
    journey: Journey,
    format: str = "svg",
    *,
    theme: Theme | str | None = None,
    layout: str = "poster",
    width: float | None = None,
    scale: float = 1.0,
    strict: bool = False,
    base_dir: str | os.PathLike[str] | None = None,
    accept_low_contrast: bool = False,
    limits: Limits | None = None,
) -> bytes:
    """Render ``journey`` to the bytes of an image in ``format`` ("svg" or "png").

    ``theme``, ``base_dir``, ``accept_low_contrast`` and ``limits`` are as for
    :func:`build_scene`; a PNG over ``limits.max_pixels`` is refused before drawing.
    """
    from .backends import render_scene

    scene = build_scene(
        journey,
        theme=theme,
        layout=layout,
        width=width,
        strict=strict,
        base_dir=base_dir,
        accept_low_contrast=accept_low_contrast,
        limits=limits,
    )
    if format != "svg":
        _check_pixels(scene, scale, (limits or Limits()).max_pixels)
    return render_scene(scene, format, scale=scale)


def _check_pixels(scene: Scene, scale: float, limit: int) -> None:
    pixels = scene.width * scene.height * scale * scale
    if not pixels <= limit:  # NaN is refused too
        raise RenderError(
            f"the image would be {pixels:,.0f} pixels, over the limit of {limit:,}; "
            "lower --scale or --width, or " + how_to_raise("max_pixels")
        )

"""The pipeline in one place: journey -> scene -> bytes."""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from dataclasses import replace

from .errors import LayoutWarning, RenderError
from .fonts import with_fallbacks
from .layout import layout as _layout
from .limits import Limits, how_to_raise
from .loader import check_journey, progress_for
from .mirror import mirror_scene
from .model import Journey, Progress
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
    progress: Progress | Mapping[str, str] | None = None,
) -> Scene:
    """Lay out ``journey``; with ``strict``, refuse a scene the layout checker rejects.

    ``theme`` is a :class:`Theme`, a built-in theme's name or a theme file's path (either
    replaces the spec's ``theme:``), or None for the spec's own theme, whose files are
    found relative to ``base_dir`` (the spec's folder). A theme that misses WCAG 2.1 AA
    contrast is refused unless ``accept_low_contrast``. A journey with more text or more
    to draw than ``limits`` allow is refused (SpecError) before any layout work.
    ``progress`` (a :class:`Progress`, e.g. from ``loader.read_progress``, or a mapping
    of id to "done", "current" or "skipped") draws how far one person has come; an id the
    journey lacks is refused (SpecError).
    """
    check_journey(journey, limits)
    with warnings.catch_warnings():
        if strict:  # a picture wider than asked, or with shortened text, is refused
            warnings.simplefilter("error", LayoutWarning)
        try:
            scene = _layout(
                journey,
                _theme(journey, theme, base_dir, accept_low_contrast),
                name=layout,
                width=width,
                progress=progress_for(journey, progress),
            )
        except LayoutWarning as warning:
            raise RenderError(f"{warning} (refused by --strict)") from None
    scene = with_fallbacks(scene)  # names the faces that draw what the theme's font lacks
    if journey.direction == "rtl":
        scene = mirror_scene(scene)
    if strict:
        from .check import check_scene  # only strict runs pay for the checker's import

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
    progress: Progress | Mapping[str, str] | None = None,
    embed_fonts: bool = False,
) -> bytes:
    """Render ``journey`` to the bytes of ``format``: "svg", "png", "pdf", or a text
    version, "md" (a Markdown outline) or "txt" (see :mod:`journeygraphic.textformat`).

    ``theme``, ``base_dir``, ``accept_low_contrast``, ``limits`` and ``progress`` are as
    for :func:`build_scene`; a PNG over ``limits.max_pixels`` is refused before drawing.
    ``embed_fonts`` puts a subset of the fonts the SVG uses inside it (other formats
    ignore it: a PDF always embeds its fonts). Text versions need no layout or theme.
    """
    from .backends import TEXT_FORMATS, render_scene
    from .textformat import render_text, summary

    if format in TEXT_FORMATS:
        check_journey(journey, limits)
        return render_text(journey, format)
    scene = build_scene(
        journey,
        theme=theme,
        layout=layout,
        width=width,
        strict=strict,
        base_dir=base_dir,
        accept_low_contrast=accept_low_contrast,
        limits=limits,
        progress=progress,
    )
    scene = replace(scene, description=summary(journey))  # <desc> says what the .txt says
    if format == "png":  # the one format drawn in pixels; a PDF page ignores scale
        _check_pixels(scene, scale, (limits or Limits()).max_pixels)
    return render_scene(scene, format, scale=scale, embed_fonts=embed_fonts)


def _check_pixels(scene: Scene, scale: float, limit: int) -> None:
    pixels = scene.width * scene.height * scale * scale
    if not pixels <= limit:  # NaN is refused too
        raise RenderError(
            f"the image would be {pixels:,.0f} pixels, over the limit of {limit:,}; "
            "lower --scale or --width, or " + how_to_raise("max_pixels")
        )

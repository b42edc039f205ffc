"""The pipeline in one place: journey -> prepared -> scene -> bytes.

:func:`prepare` does everything that may refuse a journey before any layout work, once per
journey: its size against the limits, its theme (resolved and contrast-checked) and a
person's progress (read and checked against its ids). :func:`draw` turns what was prepared
into the bytes of one format, as often as there are formats. :func:`render` and
:func:`build_scene` are both in one call, with options given as a :class:`RenderOptions`
or as its fields in keywords.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace
from typing import Unpack

from .backends import TEXT_FORMATS, render_scene
from .errors import LayoutWarning, RenderError, SpecError
from .layout import layout as _layout
from .layout import unfitting_badges
from .limits import how_to_raise
from .mirror import mirror_scene
from .model import Journey, Progress
from .options import OptionKeywords, RenderOptions
from .scene import Scene
from .spec import Located, check_journey, problem_at, progress_for, read_progress
from .textformat import render_text, summary
from .theme import require_contrast, resolve_theme
from .tokens import Theme

__all__ = ["Prepared", "build_scene", "draw", "prepare", "render", "scene_of"]


@dataclass(frozen=True)
class Prepared:
    """A journey checked and ready to draw: its theme resolved, its progress read."""

    journey: Journey
    theme: Theme
    progress: Progress | None
    options: RenderOptions


def prepare(
    journey: Journey, options: RenderOptions | None = None, *, source: Located | None = None
) -> Prepared:
    """Check ``journey`` against ``options`` and resolve what drawing it needs, once.

    Args:
        journey: A validated journey.
        options: How to draw it (default: ``RenderOptions()``).
        source: The spec as read, to locate problems in it (and find its theme files).

    Raises:
        SpecError: The journey is over the limits, its theme is missing, invalid or (unless
            accepted) low in contrast, or the progress names an id the journey lacks; each
            problem located where it was written.
    """
    options = options or RenderOptions()
    check_journey(journey, options.limits, source)
    theme = _theme(journey, options, source)
    _refuse_unfitting_badges(journey, theme, source)
    return Prepared(journey, theme, _progress(journey, options), options)


def _refuse_unfitting_badges(journey: Journey, theme: Theme, source: Located | None) -> None:
    found = unfitting_badges(journey, theme)
    if found:
        raise SpecError([problem_at(source, message, path) for message, path in found])


def _theme(journey: Journey, options: RenderOptions, source: Located | None) -> Theme:
    if isinstance(options.theme, Theme):
        if not options.accept_low_contrast:
            require_contrast(options.theme)
        return options.theme
    return resolve_theme(
        journey,
        choice=options.theme,
        spec=source,
        base_dir=options.base_dir,
        accept_low_contrast=options.accept_low_contrast,
        limits=options.limits,
    )


def _progress(journey: Journey, options: RenderOptions) -> Progress | None:
    if options.progress_file is not None:
        return read_progress(options.progress_file, journey, limits=options.limits)
    return progress_for(journey, options.progress)


def scene_of(prepared: Prepared) -> Scene:
    """Lay out a prepared journey; with ``strict``, refuse a scene the checker rejects.

    The scene's description is the journey's summary, as in every format drawn from it.
    """
    journey, options = prepared.journey, prepared.options
    with warnings.catch_warnings():
        if options.strict:  # a picture wider than asked, or with shortened text, is refused
            warnings.simplefilter("error", LayoutWarning)
        try:
            scene = _layout(
                journey,
                prepared.theme,
                name=options.layout,
                width=options.width,
                progress=prepared.progress,
            )
        except LayoutWarning as warning:
            raise RenderError(f"{warning} (refused by --strict)") from None
    scene = replace(scene, description=summary(journey))  # <desc> says what the .txt says
    if journey.direction == "rtl":
        scene = mirror_scene(scene)
    if options.strict:
        from .check import check_scene  # here: only strict runs pay for the checker's import

        problems = check_scene(scene)
        if problems:
            raise RenderError("the layout breaks its own rules:\n  " + "\n  ".join(problems))
    return scene


def draw(prepared: Prepared, format: str) -> bytes:
    """The bytes of ``format`` for a prepared journey: "svg", "png", "pdf", "md" or "txt".

    Raises:
        RenderError: A PNG would be over ``limits.max_pixels``, or (strict) the layout
            breaks its own rules.
    """
    if format in TEXT_FORMATS:
        return render_text(prepared.journey, format)
    scene = scene_of(prepared)
    options = prepared.options
    if format == "png":  # the one format drawn in pixels; a PDF page ignores scale
        _check_pixels(scene, options.scale, options.limits.max_pixels)
    return render_scene(scene, format, scale=options.scale, embed_fonts=options.embed_fonts)


def build_scene(
    journey: Journey, options: RenderOptions | None = None, **keywords: Unpack[OptionKeywords]
) -> Scene:
    """Lay out ``journey``: :func:`prepare`, then :func:`scene_of`.

    Options come as a :class:`RenderOptions`, or as its fields in keywords (which replace
    those of ``options`` when both are given), e.g. ``build_scene(j, layout="vertical")``.

    Raises:
        SpecError: As :func:`prepare`.
        RenderError: With ``strict``, the layout breaks its own rules.
    """
    return scene_of(prepare(journey, _options(options, keywords)))


def render(
    journey: Journey,
    format: str = "svg",
    options: RenderOptions | None = None,
    **keywords: Unpack[OptionKeywords],
) -> bytes:
    """Render ``journey`` to the bytes of ``format``: "svg", "png", "pdf", or a text
    version, "md" (a Markdown outline) or "txt" (see :mod:`journeygraphic.textformat`).

    Options come as a :class:`RenderOptions`, or as its fields in keywords, e.g.
    ``render(j, "png", scale=2, theme="dark")`` (the first API, kept). Text versions need
    no layout or theme: only the journey's size is checked.

    Raises:
        SpecError: As :func:`prepare`.
        RenderError: As :func:`draw`.
    """
    options = _options(options, keywords)
    if format in TEXT_FORMATS:
        check_journey(journey, options.limits)
        return render_text(journey, format)
    return draw(prepare(journey, options), format)


def _options(options: RenderOptions | None, keywords: OptionKeywords) -> RenderOptions:
    if options is None:
        return RenderOptions(**keywords)
    return replace(options, **keywords) if keywords else options


def _check_pixels(scene: Scene, scale: float, limit: int) -> None:
    pixels = scene.width * scene.height * scale * scale
    if not pixels <= limit:  # NaN is refused too
        raise RenderError(
            f"the image would be {pixels:,.0f} pixels, over the limit of {limit:,}; "
            "lower --scale or --width, or " + how_to_raise("max_pixels")
        )

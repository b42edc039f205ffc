"""Jupyter shows a journey as its picture: SVG only, unless the front end asks for PNG.

The model says what a journey is and draws nothing; drawing is the pipeline's job, so the
display methods are added to :class:`~journeygraphic.model.Journey` here, when the package
is imported (``import journeygraphic`` does it):

- ``_repr_mimebundle_`` gives SVG and a one-line ``text/plain``; PNG only when the front end
  includes ``image/png`` explicitly. (IPython asks every ``_repr_*_`` a class has, so a
  ``_repr_png_`` would put a ~300 KB PNG beside every SVG in the notebook.)
- ``_repr_pretty_`` gives IPython's console the same line, instead of the model's fields.
- ``journey.show(layout=..., theme=..., width=..., progress=...)`` is a picture to display
  with other options.

``repr(journey)`` stays pydantic's: error messages and tests rely on it.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass
from typing import Any

from ._pipeline import render
from .model import Journey, Progress
from .options import RenderOptions

__all__ = ["Shown", "repr_png", "repr_svg", "show", "summary_line"]

SVG, PNG, TEXT = "image/svg+xml", "image/png", "text/plain"


def repr_svg(journey: Journey) -> str:
    """The journey drawn as SVG, so Jupyter shows the picture."""
    return render(journey, "svg").decode("utf-8")


def repr_png(journey: Journey) -> bytes:
    """The journey drawn as PNG, for front ends that do not show SVG."""
    return render(journey, "png")


def summary_line(journey: Journey) -> str:
    """``<Journey 'The journey to …' · 4 phases · 17 stages>``: what a notebook prints."""
    title = journey.header.full_title
    if len(title) > 64:
        title = title[:63].rstrip() + "…"
    phases, stages = len(journey.phases), len(list(journey.stages()))
    return (
        f"<Journey {title!r} · {phases} phase{'s' if phases != 1 else ''} · "
        f"{stages} stage{'s' if stages != 1 else ''}>"
    )


@dataclass(frozen=True)
class Shown:
    """A journey with drawing options, displayed by Jupyter like the journey itself."""

    journey: Journey
    options: RenderOptions

    def _repr_mimebundle_(
        self, include: Container[str] | None = None, exclude: Container[str] | None = None
    ) -> dict[str, Any]:
        return _bundle(self.journey, self.options, include, exclude)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(summary_line(self.journey))

    def svg(self) -> str:
        """The picture as SVG text."""
        return render(self.journey, "svg", self.options).decode("utf-8")


def show(
    journey: Journey,
    *,
    layout: str = "poster",
    theme: str | None = None,
    width: float | None = None,
    progress: Progress | Mapping[str, str] | None = None,
) -> Shown:
    """The journey drawn with these options, for Jupyter to display.

    Raises:
        ValueError: An option out of its bounds (an unknown layout, a width under 320).
    """
    return Shown(journey, RenderOptions(layout=layout, theme=theme, width=width, progress=progress))


def _bundle(
    journey: Journey,
    options: RenderOptions,
    include: Container[str] | None,
    exclude: Container[str] | None,
) -> dict[str, Any]:
    wanted = {SVG, TEXT} | ({PNG} if include is not None and PNG in include else set())
    if include is not None:
        wanted = {kind for kind in wanted if kind in include}
    if exclude is not None:
        wanted = {kind for kind in wanted if kind not in exclude}
    data: dict[str, Any] = {}
    if SVG in wanted:
        data[SVG] = render(journey, "svg", options).decode("utf-8")
    if PNG in wanted:
        data[PNG] = render(journey, "png", options)
    if TEXT in wanted:
        data[TEXT] = summary_line(journey)
    return data


def _journey_bundle(
    journey: Journey,
    include: Container[str] | None = None,
    exclude: Container[str] | None = None,
) -> dict[str, Any]:
    return _bundle(journey, RenderOptions(), include, exclude)


def _journey_pretty(journey: Journey, printer: Any, cycle: bool) -> None:
    printer.text(summary_line(journey))


# IPython looks the methods up on the class; setattr, as the model declares none of them.
setattr(Journey, "_repr_mimebundle_", _journey_bundle)  # noqa: B010
setattr(Journey, "_repr_svg_", repr_svg)  # noqa: B010  (older front ends ask for it by name)
setattr(Journey, "_repr_pretty_", _journey_pretty)  # noqa: B010
setattr(Journey, "show", show)  # noqa: B010

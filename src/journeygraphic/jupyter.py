"""Jupyter shows a journey as its picture: ``_repr_svg_`` and ``_repr_png_`` on Journey.

The model says what a journey is and draws nothing; drawing is the pipeline's job, so the
two display methods are added to :class:`~journeygraphic.model.Journey` here, when the
package is imported (``import journeygraphic`` does it).
"""

from __future__ import annotations

from ._pipeline import render
from .model import Journey

__all__ = ["repr_png", "repr_svg"]


def repr_svg(journey: Journey) -> str:
    """The journey drawn as SVG, so Jupyter shows the picture."""
    return render(journey, "svg").decode("utf-8")


def repr_png(journey: Journey) -> bytes:
    """The journey drawn as PNG, for front ends that do not show SVG."""
    return render(journey, "png")


# IPython looks the methods up on the class; setattr, as the model declares neither.
setattr(Journey, "_repr_svg_", repr_svg)  # noqa: B010
setattr(Journey, "_repr_png_", repr_png)  # noqa: B010

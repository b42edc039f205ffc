"""The PDF backend: matplotlib's PDF renderer drawing with the PNG backend's code.

The page is the scene's size in points (one scene pixel, one point); a PDF is vector, so
``scale`` is accepted and ignored. Text stays text: fonts are embedded as TrueType (Type 42,
subset, with a ToUnicode map), so it can be selected, searched and read aloud. Text inside
a scene Link becomes a link annotation over that text. The bytes are the same for the same
scene: no creation date, a fixed producer, subsets named from their glyphs.
"""

from __future__ import annotations

import io
from typing import Any

from matplotlib.backends.backend_pdf import FigureCanvasPdf
from matplotlib.figure import Figure

from ..errors import RenderError
from ..safety import strip_bad_characters
from ..scene import Scene
from ._mpl import draw_scene, page_colour, pinned

__all__ = ["render"]

PRODUCER = "journeygraphic"
_POINTS_PER_INCH = 72
MAX_PAGE = 14_400  # points: the largest page side PDF readers accept (PDF 1.7, annex C)


def render(scene: Scene, *, scale: float = 1.0) -> bytes:
    """The scene as one PDF page of ``scene.width`` × ``scene.height`` points.

    Raises:
        RenderError: A side is over PDF's 14,400 points (checked before any drawing).
    """
    del scale  # a vector page: the viewer zooms
    check_page(scene)
    with pinned():
        size = (scene.width / _POINTS_PER_INCH, scene.height / _POINTS_PER_INCH)
        figure = Figure(figsize=size, dpi=_POINTS_PER_INCH, facecolor=page_colour(scene))
        canvas: Any = FigureCanvasPdf(figure)  # print_pdf is untyped
        # matplotlib's PDF writer misplaces a ligature in a line that starts with a
        # direction mark ("o fficial"); such lines are set without ligatures.
        draw_scene(figure, scene, scene.width, scene.height, marked_ligatures=False)
        out = io.BytesIO()
        canvas.print_pdf(out, metadata=_metadata(scene))
    return out.getvalue()


def _metadata(scene: Scene) -> dict[str, Any]:
    """Document info with nothing that changes from run to run."""
    info: dict[str, Any] = {"Creator": PRODUCER, "Producer": PRODUCER, "CreationDate": None}
    for key, value in (("Title", scene.title), ("Subject", scene.description)):
        text = " ".join(strip_bad_characters(value).split())
        if text:
            info[key] = text
    return info


def check_page(scene: Scene) -> None:
    """Refuse a page PDF readers cannot show.

    Raises:
        RenderError: ``scene`` is wider or taller than :data:`MAX_PAGE` points.
    """
    if not (scene.width <= MAX_PAGE and scene.height <= MAX_PAGE):  # NaN is refused too
        raise RenderError(
            f"the PDF page would be {scene.width:,.0f} × {scene.height:,.0f} points, over "
            f"PDF's limit of {MAX_PAGE:,} points a side; split the journey, or render it "
            "as SVG or PNG"
        )

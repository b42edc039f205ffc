"""Independent-renderer parity: our SVG rasterised by librsvg against our own PNG.

Instead of image goldens (matplotlib's ``check_figures_equal`` idea): one hand-written
scene with every primitive is drawn both ways and the two images must agree. Shapes come
from the same geometry helpers and agree almost exactly. Text cannot agree pixel for pixel:
Agg hints glyphs (narrower stems, hinted advances) and librsvg/Pango does not, so lines
differ by a few pixels at their far end. Text is therefore checked by where its ink is.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image

import needs
from journeygraphic.backends import render_scene
from journeygraphic.icons import ICONS
from journeygraphic.scene import Circle, Font, Icon, Item, Link, Path, Rect, Scene, Text

RSVG = shutil.which("rsvg-convert")
pytestmark = needs.RSVG  # parity needs a second renderer

Pixels = NDArray[np.float64]


def _text(x: float, y: float, lines: list[str], size: float, **style: str) -> Text:
    bold = style.get("weight") == "bold"
    font = Font(
        "DejaVu Sans",
        "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf",
        size,
        "bold" if bold else "regular",
    )
    fill, anchor = style.get("fill", "#1B1B1B"), style.get("anchor", "start")
    return Text(x, y, tuple(lines), font, fill, size * 1.3, anchor)  # type: ignore[arg-type]


def _texts() -> list[Item]:
    return [
        _text(24, 38, ["The journey to Microsoft Certified:"], 20, fill="#FFFFFF"),
        _text(24, 72, ["DevOps Engineer Expert"], 26, fill="#FFFFFF", weight="bold"),
        _text(616, 60, ["aka.ms/devops"], 16, fill="#50E6FF", anchor="end", weight="bold"),
        _text(36, 276, ["First, make sure your", "skills are up to date."], 12, weight="bold"),
        _text(36, 316, ["Choose Azure Fundamentals", "training. Costs $5 to $10."], 11),
        _text(515, 200, ["Exam AZ-400"], 14, fill="#002050", anchor="middle", weight="bold"),
        _text(515, 222, ["Designing and Implementing"], 10, fill="#505050", anchor="middle"),
        Link(
            "https://learn.microsoft.com/",
            (_text(290, 260, ["Self-paced learning"], 13, weight="bold"),),
        ),
    ]


def _shapes() -> list[Item]:
    items: list[Item] = [
        Rect(0, 0, 640, 90, "#0B0B0B"),
        Rect(0, 118, 400, 8, "#0078D4"),
        Rect(400, 118, 240, 8, "#75767B"),
        Circle(40, 122, 7, "#FFFFFF", "#0078D4", 3),
        Circle(220, 122, 7, "#FFFFFF", "#0078D4", 3),
        Circle(520, 122, 6, "#1B1B1B"),
        Path(
            (("M", 220, 126), ("C", 220, 170, 250, 170, 250, 210), ("L", 250, 330)), "#75767B", 10
        ),
        Path((("M", 40, 140), ("C", 80, 200, 120, 160, 170, 220)), "#0078D4", 3, arrow_end=True),
        Path((("M", 300, 150), ("L", 380, 150)), "#1B1B1B", 2, dash=(6, 4), cap="butt"),
        Rect(24, 250, 180, 110, "#EBEBEB", radius=12),
        Rect(420, 160, 190, 90, "#FFFFFF", "#0064B5", 2, radius=8),
    ]
    for i, name in enumerate(ICONS):
        items.append(Icon(name, 270 + (i % 8) * 44, 380 + (i // 8) * 40, 24, "#1B1B1B", 1.5))
    return items


def _scene(items: list[Item]) -> Scene:
    return Scene(640, 470, "#FFFFFF", tuple(items), "Parity", "Every primitive, drawn twice")


def _full_scene() -> Scene:
    shapes = _shapes()
    return _scene(shapes[:1] + _texts()[:3] + shapes[1:] + _texts()[3:])


def _rasterise(scene: Scene, scale: float) -> tuple[Pixels, Pixels]:
    """(our PNG, librsvg's rendering of our SVG) as float RGB arrays."""
    svg = render_scene(scene, "svg", scale=scale)
    assert RSVG is not None
    done = subprocess.run([RSVG, "--format", "png"], input=svg, capture_output=True, check=True)
    ours = Image.open(io.BytesIO(render_scene(scene, "png", scale=scale)))
    theirs = Image.open(io.BytesIO(done.stdout)).convert("RGBA")
    theirs = Image.alpha_composite(Image.new("RGBA", theirs.size, "#FFFFFF"), theirs)
    return _array(ours), _array(theirs)


def _array(image: Image.Image) -> Pixels:
    return np.asarray(image.convert("RGB"), dtype=np.float64)


def _cells(pixels: Pixels, k: int) -> Pixels:
    """Mean colour of every k×k cell: a cheap blur that forgives antialiasing."""
    h, w = pixels.shape[0] // k * k, pixels.shape[1] // k * k
    cells = pixels[:h, :w].reshape(h // k, k, w // k, k, 3).mean(axis=(1, 3))
    return np.asarray(cells, dtype=np.float64)


@pytest.mark.parametrize(("width", "height"), [(640.25, 470.5), (99.9, 10.01)])
def test_fractional_sizes_round_like_librsvg(width: float, height: float) -> None:
    scene = Scene(width, height, "#FFFFFF", (Rect(0, 0, 10, 5, "#FF0000"),))
    ours, theirs = _rasterise(scene, 1.5)
    assert ours.shape == theirs.shape


@pytest.mark.parametrize(("scale", "limit"), [(1, 5.0), (2, 3.0)])
def test_whole_scene_agrees_on_average(scale: int, limit: float) -> None:
    # Measured (librsvg 2.54, matplotlib 3.11): 3.61 at scale 1 and 1.89 at scale 2, out
    # of 255, nearly all from text (hinting); shapes alone contribute about 0.05.
    ours, theirs = _rasterise(_full_scene(), scale)
    assert ours.shape == theirs.shape == (470 * scale, 640 * scale, 3)
    assert np.abs(ours - theirs).mean() < limit


@pytest.mark.parametrize(("scale", "mean_limit", "cell_limit"), [(1, 0.25, 20.0), (2, 0.25, 25.0)])
def test_shapes_agree_closely(scale: int, mean_limit: float, cell_limit: float) -> None:
    # Measured: mean 0.053 / 0.030 and worst 4×4 cell 9.2 / 12.2 (of 255) at scale 1 / 2.
    # A half-pixel shift, a wrong radius or a missing arrowhead gives cells of 60 and more.
    ours, theirs = _rasterise(_scene(_shapes()), scale)
    assert ours.shape == theirs.shape
    assert np.abs(ours - theirs).mean() < mean_limit
    assert np.abs(_cells(ours, 4) - _cells(theirs, 4)).max() < cell_limit


def test_links_survive_in_librsvg_pdf() -> None:
    # librsvg turns <a> into PDF link annotations: proof that a real renderer reads them.
    svg = render_scene(_full_scene(), "svg")
    assert RSVG is not None
    pdf = subprocess.run([RSVG, "--format", "pdf"], input=svg, capture_output=True, check=True)
    assert b"https://learn.microsoft.com/" in pdf.stdout


def _ink(pixels: Pixels) -> tuple[int, int, int, int, int]:
    """Left, top, right, bottom of the dark pixels, and how many there are."""
    dark = pixels.mean(axis=2) < 160
    ys, xs = np.nonzero(dark)
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max()), int(dark.sum())


def _lines() -> list[Text]:
    """Every text line of the scene on its own, in black on white."""
    out = []
    for item in _texts():
        text = item.items[0] if isinstance(item, Link) else item
        assert isinstance(text, Text)
        for i, line in enumerate(text.lines):
            y = text.y + i * text.line_height
            out.append(
                Text(text.x, y, (line,), text.font, "#000000", text.line_height, text.anchor)
            )
    return out


@pytest.mark.parametrize("line", _lines(), ids=lambda t: t.lines[0])
def test_text_lands_in_the_same_place(line: Text) -> None:
    # Measured over these lines: anchored edge, top and bottom of the ink within 1 px;
    # the far edge within 2.5 % of the line's width (Agg uses hinted advances, librsvg
    # does not); Agg's hinted stems give 0-14 % less dark ink.
    images = _rasterise(_scene([line]), 1)
    assert images[0].shape == images[1].shape
    ours, theirs = (_ink(p) for p in images)
    left, top, right, bottom, ink = ours
    r_left, r_top, r_right, r_bottom, r_ink = theirs
    width = r_right - r_left
    assert abs(top - r_top) <= 2 and abs(bottom - r_bottom) <= 2
    if line.anchor == "start":
        assert abs(left - r_left) <= 1
        assert abs(right - r_right) <= 0.03 * width + 1
    elif line.anchor == "end":
        assert abs(right - r_right) <= 1
        assert abs(left - r_left) <= 0.03 * width + 1
    else:
        assert abs((left + right) - (r_left + r_right)) / 2 <= 0.015 * width + 1
        assert abs((right - left) - width) <= 0.03 * width + 1
    assert 0.8 * r_ink <= ink <= 1.15 * r_ink

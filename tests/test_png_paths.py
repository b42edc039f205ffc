"""The fast PNG route against matplotlib's own (matplotlib's ``check_figures_equal`` idea).

The PNG backend paints on Agg with private matplotlib calls, copying what a Figure of
artists does. ``png._reference_pixels`` still draws that Figure (the public route, and the
fallback when a private call fails); the two must agree pixel for pixel, so a matplotlib
release that changes the internals we copy fails here.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image

import journeygraphic as jg
from journeygraphic import _shortcuts
from journeygraphic.backends import png, render_scene
from journeygraphic.scene import Scene
from test_backends import every_primitive

ROOT = Path(__file__).resolve().parent.parent

# (spec, layout): the poster with most of everything, right-to-left and CJK text with
# fallback fonts, and the vertical layout with every feature.
SPECS = {
    "az400": (ROOT / "specs" / "az400.yaml", "poster"),
    "ar": (ROOT / "examples" / "world" / "ar.yaml", "poster"),
    "ja": (ROOT / "examples" / "world" / "ja.yaml", "poster"),
    "features": (ROOT / "examples" / "features.yaml", "vertical"),
}


@cache
def scene(name: str) -> Scene:
    if name == "every_primitive":
        return every_primitive()
    path, layout = SPECS[name]
    return jg.build_scene(jg.load(path), layout=layout, base_dir=path.parent)


def rgb(data: bytes) -> NDArray[np.uint8]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    image.load()  # decodes every row and checks the chunks' CRCs
    assert image.mode == "RGB"
    return np.asarray(image)


def differences(fast: NDArray[np.uint8], reference: NDArray[np.uint8]) -> str:
    """Where two images differ, for the failure message."""
    if fast.shape != reference.shape:
        return f"sizes differ: {fast.shape} against {reference.shape}"
    wrong = np.any(fast != reference, axis=2)
    rows, columns = np.nonzero(wrong)
    worst = int(np.abs(fast.astype(int) - reference.astype(int)).max())
    return (
        f"{int(wrong.sum())} pixels differ (by up to {worst}), first at x={columns[0]}, "
        f"y={rows[0]}; box x {columns.min()}-{columns.max()}, y {rows.min()}-{rows.max()}"
    )


@pytest.mark.private_route
def test_this_matplotlib_takes_the_fast_route() -> None:
    # Else the comparisons below would hold the reference against itself.
    assert _shortcuts.on(_shortcuts.DRAWING)
    assert png._missing_private_call() is None


def test_a_missing_private_call_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {**png._PRIVATE_CALLS, "FT2Font": (*png._PRIVATE_CALLS["FT2Font"], "_gone")}
    monkeypatch.setattr(png, "_PRIVATE_CALLS", calls)
    assert png._missing_private_call() == "FT2Font._gone"
    monkeypatch.setattr(png, "_IMPORTED", False)
    assert png._missing_private_call() == "matplotlib.backends._backend_agg.RendererAgg"


# Every scene at 1x, a fractional scale and 2x: some ten seconds in all.
CASES = [
    *[("every_primitive", s) for s in (1, 1.5, 2)],
    *[("features", s) for s in (1, 1.5, 2)],
    *[("ar", s) for s in (1, 1.5, 2)],
    *[("ja", s) for s in (1, 1.5, 2)],
    *[("az400", s) for s in (1, 1.5, 2)],
]


@pytest.mark.private_route  # holds both routes against each other itself
@pytest.mark.parametrize(("name", "scale"), CASES, ids=[f"{n}-{s}x" for n, s in CASES])
def test_fast_route_draws_the_pixels_a_matplotlib_figure_draws(name: str, scale: float) -> None:
    fast_png = render_scene(scene(name), "png", scale=scale)
    with _shortcuts.public_route():  # the fallback: the reference route
        reference_png = render_scene(scene(name), "png", scale=scale)
    fast, reference = rgb(fast_png), rgb(reference_png)
    assert np.array_equal(fast, reference), differences(fast, reference)
    # Same pixels through the same writer: the very same file, metadata and all.
    assert fast_png == reference_png


@pytest.mark.private_route  # switches routes itself
def test_the_reference_route_draws_when_the_fast_one_is_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    used: list[str] = []

    def spy(route: Callable[..., object]) -> Callable[..., object]:
        def called(*args: object) -> object:
            used.append(route.__name__)
            return route(*args)

        return called

    monkeypatch.setattr(png, "_fast_pixels", spy(png._fast_pixels))
    monkeypatch.setattr(png, "_reference_pixels", spy(png._reference_pixels))
    render_scene(every_primitive(), "png")
    with _shortcuts.public_route():
        data = render_scene(every_primitive(), "png", scale=1.5)
    assert used == ["_fast_pixels", "_reference_pixels"]
    image = Image.open(io.BytesIO(data))
    assert image.size == (300, 165)
    assert image.info == {"Title": "A title", "Software": "journeygraphic"}

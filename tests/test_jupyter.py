"""Journeys show themselves in Jupyter: ``_repr_svg_`` and ``_repr_png_``."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree
from PIL import Image

import journeygraphic as jg

SVG = "{http://www.w3.org/2000/svg}svg"


@pytest.fixture(scope="module")
def journey(az400_path: Path) -> jg.Journey:
    return jg.load(az400_path)


def test_repr_svg_is_the_rendered_svg(journey: jg.Journey) -> None:
    text = journey._repr_svg_()
    assert isinstance(text, str)
    assert text == jg.render(journey, "svg").decode("utf-8")
    assert ElementTree.fromstring(text.encode("utf-8")).tag == SVG
    assert "DevOps Engineer Expert" in text


def test_repr_png_is_the_rendered_png(journey: jg.Journey) -> None:
    data = journey._repr_png_()
    assert data == jg.render(journey, "png")
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.width > 1000  # the poster at its natural size


def test_a_journey_built_in_python_draws_itself() -> None:
    journey = jg.Journey(
        header=jg.Header(title="Made in a notebook"),
        phases=[jg.Phase(caption="Begin", steps=[jg.Step(title="Read the docs")])],
    )
    assert "Made in a notebook" in journey._repr_svg_()


def test_the_svg_repr_does_not_load_matplotlib(az400_path: Path) -> None:
    code = (
        "import sys, journeygraphic as jg\n"
        f"jg.load({str(az400_path)!r})._repr_svg_()\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_ipython_display_uses_both_reprs(journey: jg.Journey) -> None:
    from IPython.core.formatters import DisplayFormatter

    data, _ = DisplayFormatter().format(journey)
    assert data["image/svg+xml"] == journey._repr_svg_()
    assert data["image/png"] == journey._repr_png_()

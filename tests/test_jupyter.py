"""Journeys show themselves in Jupyter: SVG (PNG only when asked), a one-line text, show()."""

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


def test_png_only_when_the_front_end_includes_it(journey: jg.Journey) -> None:
    assert "image/png" not in journey._repr_mimebundle_()
    data = journey._repr_mimebundle_(include={"image/png"})
    assert list(data) == ["image/png"] and data["image/png"] == jg.render(journey, "png")
    with Image.open(io.BytesIO(data["image/png"])) as image:
        assert image.format == "PNG" and image.width > 1000
    assert list(journey._repr_mimebundle_(exclude={"image/svg+xml"})) == ["text/plain"]


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


def test_ipython_stores_svg_and_one_line_only(journey: jg.Journey) -> None:
    from IPython.core.formatters import DisplayFormatter

    data, _ = DisplayFormatter().format(journey)
    assert sorted(data) == ["image/svg+xml", "text/plain"]  # no PNG, no model dump
    assert data["image/svg+xml"] == journey._repr_svg_()
    assert data["text/plain"] == (
        "<Journey 'The journey to Microsoft Certified: DevOps Engineer Expert' "
        "· 6 phases · 11 stages>"
    )
    assert len(data["image/svg+xml"]) + len(data["text/plain"]) < 40_000  # was 339 KB


def test_the_console_prints_the_line_and_repr_stays_pydantics(journey: jg.Journey) -> None:
    from IPython.lib.pretty import pretty

    assert pretty(journey).startswith("<Journey 'The journey to") and "\n" not in pretty(journey)
    assert repr(journey).startswith("Journey(")  # error messages and tests rely on it


def test_a_long_title_is_cut_with_an_ellipsis() -> None:
    journey = jg.Journey(
        header=jg.Header(title="A very long title " * 8),
        phases=[jg.Phase(caption="Begin", steps=[jg.Step(title="Read")])],
    )
    from journeygraphic.jupyter import summary_line

    line = summary_line(journey)
    assert line.endswith("…' · 1 phase · 1 stage>") and len(line) < 100


def test_show_draws_with_other_options(journey: jg.Journey) -> None:
    from IPython.core.formatters import DisplayFormatter

    shown = journey.show(layout="vertical", theme="dark", width=480)  # type: ignore[attr-defined]
    data, _ = DisplayFormatter().format(shown)
    expected = jg.render(journey, "svg", layout="vertical", theme="dark", width=480)
    assert data["image/svg+xml"] == expected.decode("utf-8")
    assert sorted(data) == ["image/svg+xml", "text/plain"]
    mine = journey.show(progress={"az-204": "done"})  # type: ignore[attr-defined]
    assert "az-204" in str(mine.options.progress) and mine.svg() != journey._repr_svg_()
    with pytest.raises(ValueError, match="unknown layout"):
        journey.show(layout="diagonal")  # type: ignore[attr-defined]

"""The committed example pictures are what the current code renders."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import numpy as np
from PIL import Image

import journeygraphic as jg

ROOT = Path(__file__).resolve().parent.parent


def test_example_svg_is_current() -> None:
    journey = jg.load(ROOT / "specs" / "az400.yaml")
    committed = (ROOT / "examples" / "az400.svg").read_bytes()
    assert jg.render(journey, "svg") == committed, (
        "examples/az400.svg is stale: run python examples/library_use.py"
    )


def test_example_png_matches_the_current_render() -> None:
    # PNG bytes may differ with the FreeType build; the picture may not.
    journey = jg.load(ROOT / "specs" / "az400.yaml")
    current = np.asarray(Image.open(BytesIO(jg.render(journey, "png"))).convert("RGB"), float)
    committed = np.asarray(Image.open(ROOT / "examples" / "az400.png").convert("RGB"), float)
    assert current.shape == committed.shape
    assert np.abs(current - committed).mean() < 1.0

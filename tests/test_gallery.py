"""examples/gallery is what examples/gallery.py renders now: SVG bytes, PNG sizes, README."""

from __future__ import annotations

import importlib.util
import re
import sys
from io import BytesIO
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from PIL import Image

import needs
from journeygraphic.theme import BUILTIN_THEMES

ROOT = Path(__file__).resolve().parent.parent
STALE = "examples/gallery is stale: run python examples/gallery.py"


def _gallery() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gallery", ROOT / "examples" / "gallery.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gallery"] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


gallery = _gallery()
ENTRIES = gallery.entries()


def test_the_gallery_covers_every_spec_and_every_theme() -> None:
    names = {entry.name for entry in ENTRIES}
    assert {p.stem for p in (ROOT / "specs").glob("*.yaml")} <= names
    assert {f"{gallery.SHOWCASE}-{theme}" for theme in BUILTIN_THEMES} <= names


def test_no_stray_files_in_the_gallery() -> None:
    expected = {path.name for entry in ENTRIES for path in gallery.files(entry)}
    assert {p.name for p in gallery.OUT.iterdir()} == expected, STALE


def _with_needs(entry: object) -> object:
    """A Japanese or Chinese journey is measured with the system's CJK font: committed as
    drawn with Noto CJK, it can only be compared where that font is installed."""
    cjk = entry.journey().lang.split("-")[0] in ("ja", "zh")  # type: ignore[attr-defined]
    return pytest.param(entry, marks=needs.CJK_FONT) if cjk else entry


@pytest.mark.parametrize("entry", [_with_needs(e) for e in ENTRIES], ids=lambda e: e.name)
def test_gallery_svg_is_current(entry: object) -> None:
    path = gallery.OUT / f"{entry.name}.svg"  # type: ignore[attr-defined]
    assert path.exists(), STALE
    assert entry.render("svg") == path.read_bytes(), f"{path.name}: {STALE}"  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.png], ids=lambda e: e.name)
def test_gallery_png_has_the_size_of_its_svg(entry: object) -> None:
    # Cheap: the PNG header against the (byte-checked) SVG; pixels are compared once below.
    name = entry.name  # type: ignore[attr-defined]
    svg = (gallery.OUT / f"{name}.svg").read_text("utf-8")
    width, height = (_attribute(svg, name) for name in ("width", "height"))
    with Image.open(gallery.OUT / f"{name}.png") as png:
        assert png.size == (round(width), round(height)), f"{name}.png: {STALE}"


def _attribute(svg: str, name: str) -> float:
    found = re.search(rf'<svg [^>]*\b{name}="([\d.]+)"', svg)
    assert found is not None
    return float(found.group(1))


def test_one_gallery_png_matches_a_fresh_render() -> None:
    entry = next(e for e in ENTRIES if e.png and e.theme is None and e.name != "az400")
    current = np.asarray(Image.open(BytesIO(entry.render("png"))).convert("RGB"), float)
    committed = np.asarray(Image.open(gallery.OUT / f"{entry.name}.png").convert("RGB"), float)
    assert current.shape == committed.shape, STALE
    assert np.abs(current - committed).mean() < 1.0, STALE


def test_readme_is_current() -> None:
    readme = (ROOT / "examples" / "README.md").read_text("utf-8")
    assert readme == gallery.readme(), "examples/README.md is stale: run python examples/gallery.py"


def test_readme_links_every_picture() -> None:
    readme = gallery.readme()
    for entry in ENTRIES:
        for path in gallery.files(entry):
            assert f"gallery/{path.name}" in readme

"""Brand themes (issue 15, item 6): a theme's own font files or fontconfig family, and its
logo (SVG or PNG) in the header or footer, drawn by every backend; and every Security
promise they need (confinement, SVG sanitising, real fonts only), each failing as a located
error with exit 2 and nothing written."""

from __future__ import annotations

import base64
import contextlib
import io
import os
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from fontTools.ttLib import TTFont
from PIL import Image

import journeygraphic as jg
from journeygraphic import brand
from journeygraphic.check import check_scene
from journeygraphic.cli import main
from journeygraphic.layout import measurer_for
from journeygraphic.logo import svg_artwork
from journeygraphic.mirror import mirror_scene
from journeygraphic.scene import Image as SceneImage
from journeygraphic.scene import Path as ScenePath
from journeygraphic.scene import Text
from journeygraphic.theme import builtin_theme, resolve_theme
from needs import FONTCONFIG, PDFTOPPM, tool
from svgcheck import assert_inert_svg

ROOT = Path(__file__).resolve().parent.parent
LARKSPUR = ROOT / "examples" / "brands" / "larkspur"
SPEC = LARKSPUR / "spec.yaml"
PDFFONTS = tool("poppler-utils", "pdffonts")
MINIMAL = (
    "header:\n  title: Brand test\nphases:\n  - caption: Start\n    steps:\n      - title: Go\n"
)
LOGO_TILE = (0xF4, 0xE9, 0xFF)  # the Larkspur logo's pale tile, in no other part of the picture
FONT_BYTES = (LARKSPUR / "DejaVuSerifCondensed-Latin.ttf").read_bytes()
DEJAVU_SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def _journey() -> jg.Journey:
    return jg.load(SPEC)


def _render(fmt: str, **options: object) -> bytes:
    return jg.render(_journey(), fmt, base_dir=LARKSPUR, **options)  # type: ignore[arg-type]


def _larkspur_theme() -> jg.Theme:
    return resolve_theme(_journey(), base_dir=LARKSPUR)


# --------------------------------------------------------------------------- fonts


def test_the_brand_font_is_measured_and_differs_from_dejavu() -> None:
    theme = _larkspur_theme()
    regular = Path(theme.typography.regular_font)
    assert regular == (LARKSPUR / "DejaVuSerifCondensed-Latin.ttf").resolve()
    assert theme.typography.family == "'DejaVu Serif Condensed', sans-serif"
    brand_measure, dejavu = measurer_for(theme), measurer_for(builtin_theme())
    text = "Data Steward (DS-1): keeps shared data findable"
    brand_w = brand_measure.width(text, brand_measure.font(16))
    dejavu_w = dejavu.width(text, dejavu.font(16))
    assert brand_w < 0.95 * dejavu_w  # a condensed serif: clearly narrower


@pytest.mark.parametrize("layout", ["poster", "vertical", "compact", "auto"])
@pytest.mark.parametrize("width", [None, 360, 1000, 2400])
def test_brand_scenes_use_the_font_and_pass_the_checker(layout: str, width: int | None) -> None:
    scene = jg.build_scene(_journey(), layout=layout, width=width, base_dir=LARKSPUR)
    assert check_scene(scene) == []
    fonts = {item.font.file for item in scene.walk() if isinstance(item, Text)}
    assert fonts and all("DejaVuSerifCondensed" in f for f in fonts), fonts
    logo = [i for i in scene.walk() if isinstance(i, ScenePath) and i.role == "logo"]
    assert len(logo) == 9  # the tile, the stem, the five flowers, L and I


def test_embedded_svg_fonts_are_the_brand_font() -> None:
    svg = _render("svg", embed_fonts=True).decode()
    assert_inert_svg(svg.encode())
    faces = re.findall(
        r"@font-face\{font-family:'([^']+)';font-weight:(\w+);src:url\(data:font/woff;base64,([^)]+)\)",
        svg,
    )
    brand_faces = {(family, weight): data for family, weight, data in faces if "Serif" in family}
    assert set(brand_faces) == {
        ("DejaVu Serif Condensed", "normal"),
        ("DejaVu Serif Condensed", "bold"),
    }
    with TTFont(
        io.BytesIO(base64.b64decode(brand_faces["DejaVu Serif Condensed", "bold"]))
    ) as font:
        assert font["name"].getDebugName(4) == "DejaVu Serif Condensed Bold"


@PDFFONTS
def test_the_pdf_embeds_the_brand_font(tmp_path: Path) -> None:
    pdf = tmp_path / "brand.pdf"
    pdf.write_bytes(_render("pdf"))
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in listing.stdout.splitlines()[2:]]
    assert any(n.endswith("+DejaVuSerifCondensed") for n in names), names
    assert any(n.endswith("+DejaVuSerifCondensed-Bold") for n in names), names
    assert all("yes" in line for line in listing.stdout.splitlines()[2:])  # embedded, subset


@FONTCONFIG
def test_a_fontconfig_family_is_found(tmp_path: Path) -> None:
    if not DEJAVU_SERIF.exists():
        pytest.skip("needs DejaVu Serif: install Debian's fonts-dejavu-core")
    theme = _theme_in(tmp_path, "typography:\n  fontconfig: DejaVu Serif\n")
    assert Path(theme.typography.regular_font).name == "DejaVuSerif.ttf"
    assert Path(theme.typography.bold_font).name == "DejaVuSerif-Bold.ttf"
    assert theme.typography.family == "'DejaVu Serif', sans-serif"


@FONTCONFIG
def test_an_unknown_fontconfig_family_is_a_located_error(tmp_path: Path) -> None:
    err = _refused(tmp_path, "typography:\n  fontconfig: Larkspur Imaginary Sans\n", {})
    assert (
        "brand.yaml:2:" in err and "fontconfig has no font family 'Larkspur Imaginary Sans'" in err
    )


def test_missing_fontconfig_names_the_debian_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(brand.shutil, "which", lambda name: None)
    err = _refused(tmp_path, "typography:\n  fontconfig: DejaVu Serif\n", {})
    assert "install the Debian package 'fontconfig'" in err


def test_a_theme_without_brand_assets_is_unchanged() -> None:
    journey = jg.loads(MINIMAL)
    assert resolve_theme(journey) == builtin_theme()
    assert builtin_theme().logo is None and builtin_theme().typography.files is None


# --------------------------------------------------------------------------- logos


def _pixel_share(png: bytes, box: tuple[float, float, float, float], rgb: tuple[int, ...]) -> float:
    """The share of pixels in ``box`` (scene px, scale 1) within 3 of the colour ``rgb``."""
    image = Image.open(io.BytesIO(png)).convert("RGB").crop(tuple(round(v) for v in box))
    pixels = np.asarray(image, dtype=np.int16).reshape(-1, 3)
    near = np.all(np.abs(pixels - np.array(rgb)) <= 3, axis=1)
    return float(near.mean())


def _logo_box(scene: jg.Scene) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for item in scene.walk():
        if getattr(item, "role", "") == "logo":
            if isinstance(item, SceneImage):
                return item.x, item.y, item.x + item.w, item.y + item.h
            assert isinstance(item, ScenePath)
            for command in item.commands:
                xs += [float(v) for v in command[1::2]]
                ys += [float(v) for v in command[2::2]]
    return min(xs), min(ys), max(xs), max(ys)


def test_the_svg_logo_is_drawn_in_svg_and_png() -> None:
    scene = jg.build_scene(_journey(), base_dir=LARKSPUR)
    left, top, right, bottom = _logo_box(scene)
    assert right == pytest.approx(scene.width - 48, abs=0.1)  # header right, at the text edge
    band = next(i for i in scene.walk() if getattr(i, "role", "") == "band")
    assert band.y <= top and bottom <= band.y + band.h  # type: ignore[union-attr]
    svg = _render("svg")
    assert_inert_svg(svg)
    assert svg.count(b'fill="#F4E9FF"') == 1 and svg.count(b'fill="#3B1F6B"') == 2
    inner = (left + 4, top + 4, left + 8, bottom - 4)  # the tile's left strip: no ink on it
    assert _pixel_share(_render("png"), inner, LOGO_TILE) > 0.95


def _tile_strip() -> tuple[float, float, float, float]:
    left, top, _, bottom = _logo_box(jg.build_scene(_journey(), base_dir=LARKSPUR))
    return left + 4, top + 4, left + 8, bottom - 4


@PDFTOPPM
def test_the_svg_logo_is_drawn_in_the_pdf(tmp_path: Path) -> None:
    inner = _tile_strip()
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(_render("pdf"))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "72", "-singlefile", str(pdf), str(tmp_path / "b")], check=True
    )
    assert _pixel_share((tmp_path / "b.png").read_bytes(), inner, LOGO_TILE) > 0.9


def _write_png_logo(path: Path) -> None:
    image = Image.new("RGBA", (60, 30), (0xE8, 0x5D, 0x04, 255))
    image.save(path)


@pytest.mark.parametrize("place", ["header-left", "footer-right"])
@pytest.mark.parametrize("layout", ["poster", "vertical", "compact"])
def test_a_raster_logo_is_placed_by_layout_and_drawn(
    tmp_path: Path, place: str, layout: str
) -> None:
    _write_png_logo(tmp_path / "mark.png")
    (tmp_path / "brand.yaml").write_text(
        f"logo:\n  file: mark.png\n  place: {place}\n  height: 30\n"
    )
    (tmp_path / "spec.yaml").write_text(MINIMAL + "footer:\n  brand: Test\ntheme: brand.yaml\n")
    journey = jg.load(tmp_path / "spec.yaml")
    scene = jg.build_scene(journey, layout=layout, base_dir=tmp_path)
    assert check_scene(scene) == []
    (image,) = [i for i in scene.walk() if isinstance(i, SceneImage)]
    assert (image.w, image.h) == (60, 30)
    assert (image.y < scene.height / 2) == place.startswith("header")
    assert (image.x < scene.width / 2) == place.endswith("left")
    svg = jg.render(journey, "svg", layout=layout, base_dir=tmp_path)
    assert_inert_svg(svg)
    assert b"<image " in svg and b'href="data:image/png;base64,iVBORw0KGgo' in svg
    png = jg.render(journey, "png", layout=layout, base_dir=tmp_path)
    inner = (image.x + 3, image.y + 3, image.x + image.w - 3, image.y + image.h - 3)
    assert _pixel_share(png, inner, (0xE8, 0x5D, 0x04)) > 0.95
    pdf = jg.render(journey, "pdf", layout=layout, base_dir=tmp_path)
    assert b"/Subtype /Image" in pdf


def test_a_logo_keeps_its_shape_in_a_right_to_left_picture() -> None:
    scene = jg.build_scene(_journey(), base_dir=LARKSPUR)
    mirrored = mirror_scene(scene)
    left, _, right, _ = _logo_box(scene)
    m_left, _, m_right, _ = _logo_box(mirrored)
    assert (m_left, m_right) == pytest.approx((scene.width - right, scene.width - left))
    tile = next(i for i in scene.walk() if isinstance(i, ScenePath) and i.fill == "#F4E9FF")
    moved = next(i for i in mirrored.walk() if isinstance(i, ScenePath) and i.fill == "#F4E9FF")
    shift = m_left - left  # the same shape, moved: not flipped
    assert [float(c[1]) + shift for c in tile.commands if len(c) > 1] == pytest.approx(
        [float(c[1]) for c in moved.commands if len(c) > 1]
    )


def test_svg_logo_shapes_become_our_paths() -> None:
    art = svg_artwork(
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="10 10 20 10">'
        b'<g transform="translate(5 0)"><rect x="5" y="10" width="10" height="10" fill="#abc"/></g>'
        b'<path d="M10 10 a5 5 0 0 0 10 0 q5 5 10 0 z" style="fill:red;stroke:none"/></svg>'
    )
    assert (art.width, art.height) == (20, 10)
    rect, curve = art.paths
    assert rect.fill == "#AABBCC" and rect.commands[0] == ("M", 0.0, 0.0)
    assert curve.fill == "#FF0000" and [c[0] for c in curve.commands] == ["M", "C", "C", "C", "Z"]
    assert curve.commands[-2][-2:] == (20.0, 0.0)  # the quadratic ends where it should


# --------------------------------------------------------------------------- hostile


def _theme_in(folder: Path, theme: str) -> jg.Theme:
    (folder / "brand.yaml").write_text(theme)
    (folder / "spec.yaml").write_text(MINIMAL + "theme: brand.yaml\n")
    return resolve_theme(jg.load(folder / "spec.yaml"), base_dir=folder)


def _refused(folder: Path, theme: str, files: dict[str, bytes]) -> str:
    """The CLI's error for a spec using ``theme`` (with ``files`` beside it): exit 2, a
    located first line, no traceback, nothing written."""
    work = folder / "project"
    work.mkdir(exist_ok=True)
    for name, data in files.items():
        (work / name).write_bytes(data)
    (work / "brand.yaml").write_text(theme)
    (work / "spec.yaml").write_text(MINIMAL + "theme: brand.yaml\n")
    out = folder / "out.svg"
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main([str(work / "spec.yaml"), "-o", str(out)])
    err = stderr.getvalue()
    assert code == 2, err
    assert "Traceback" not in err
    assert not out.exists()
    first = err.splitlines()[0]
    assert re.match(rf"{re.escape(str(work))}/brand\.yaml:\d+:\d+: ", first), first
    return err


_LOGO = "logo:\n  file: logo.svg\n"
_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 10 10">{}</svg>'
)
BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]>\n'
    '<svg xmlns="http://www.w3.org/2000/svg"><title>&c;</title></svg>'
)
HOSTILE_LOGOS = {
    "script": (_SVG.format("<script>alert(1)</script>"), "the element <script> is not allowed"),
    "onload": (
        _SVG.format('<rect width="5" height="5" onload="alert(1)"/>'),
        "event attribute onload=",
    ),
    "external-href": (
        _SVG.format('<use xlink:href="https://evil.example/x.svg#a"/>'),
        "may not refer to anything outside itself",
    ),
    "file-href": (
        _SVG.format('<image href="file:///etc/passwd"/>'),
        "may not refer to anything outside",
    ),
    "entity-bomb": (BOMB, "a DOCTYPE is not allowed in a logo"),
    "style-url": (
        _SVG.format('<rect width="5" height="5" style="fill:url(https://x.example/p)"/>'),
        "url() references",
    ),
    "stylesheet-pi": (
        '<?xml-stylesheet href="https://x.example/s.css"?>' + _SVG.format(""),
        "processing instruction",
    ),
    "foreign-object": (
        _SVG.format("<foreignObject><p>hi</p></foreignObject>"),
        "<foreignObject> is not allowed",
    ),
    "not-xml": ("<svg><rect", "not well-formed XML"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_LOGOS))
def test_hostile_svg_logos_are_refused(tmp_path: Path, case: str) -> None:
    logo, expected = HOSTILE_LOGOS[case]
    err = _refused(tmp_path, _LOGO, {"logo.svg": logo.encode()})
    assert "brand.yaml:2:" in err and "the logo 'logo.svg' cannot be used" in err
    assert expected in err, err


def test_a_logo_over_the_byte_limit_is_refused(tmp_path: Path) -> None:
    big = _SVG.format("<desc>" + "x" * 300_000 + "</desc>").encode()
    err = _refused(tmp_path, _LOGO, {"logo.svg": big})
    assert "over the limit of 262,144 bytes" in err and "max_icon_bytes" in err


def test_a_raster_logo_over_the_pixel_limit_is_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    Image.new("RGB", (1100, 1000), "white").save(out, "PNG")
    err = _refused(tmp_path, "logo:\n  file: big.png\n", {"big.png": out.getvalue()})
    assert "1100×1000 pixels" in err and "max_icon_pixels" in err


def _font_theme(path: str) -> str:
    return f"typography:\n  files:\n    regular: {path}\n"


def test_a_font_path_out_of_the_tree_is_refused(tmp_path: Path) -> None:
    err = _refused(tmp_path, _font_theme("../../../../../../etc/passwd.ttf"), {})
    assert "brand.yaml:3:" in err and "leads outside the spec's folder" in err


def test_a_font_symlink_out_of_the_tree_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.ttf"
    outside.write_bytes((LARKSPUR / "DejaVuSerifCondensed-Latin.ttf").read_bytes())
    (tmp_path / "project").mkdir()
    os.symlink(outside, tmp_path / "project" / "linked.ttf")
    err = _refused(tmp_path, _font_theme("linked.ttf"), {})
    assert "brand.yaml:3:" in err and "leads outside the spec's folder" in err


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"root:x:0:0:root:/root:/bin/bash\n", "not a TrueType or OpenType font"),
        (b"\x00\x01\x00\x00" + bytes(200), "lacks the font tables cmap"),
        (FONT_BYTES[:3000], "font tables are damaged"),
        (b"OTTO" + bytes(200), "CFF (PostScript) outlines"),
    ],
    ids=["passwd-renamed", "no-tables", "truncated", "cff"],
)
def test_a_file_that_is_not_a_usable_font_is_refused(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    err = _refused(tmp_path, _font_theme("brand.ttf"), {"brand.ttf": data})
    assert "brand.yaml:3:" in err and "the font file 'brand.ttf' cannot be used" in err
    assert expected in err


def test_an_absolute_font_path_is_refused(tmp_path: Path) -> None:
    err = _refused(tmp_path, _font_theme("/etc/passwd.ttf"), {})
    assert "must be given relative to the theme file" in err


def test_fonts_over_the_byte_limit_are_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "brand.yaml").write_text(_font_theme("f.ttf"))
    (tmp_path / "f.ttf").write_bytes((LARKSPUR / "DejaVuSerifCondensed-Latin.ttf").read_bytes())
    (tmp_path / "spec.yaml").write_text(MINIMAL + "theme: brand.yaml\n")
    with pytest.raises(jg.SpecError, match="max_font_bytes"):
        resolve_theme(
            jg.load(tmp_path / "spec.yaml"),
            base_dir=tmp_path,
            limits=jg.Limits(max_font_bytes=1000),
        )


def test_the_cli_draws_the_brand_example(tmp_path: Path) -> None:
    assert main([str(SPEC), "-o", str(tmp_path / "b.png")]) == 0
    assert (tmp_path / "b.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- determinism


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_brand_output_is_byte_identical(fmt: str) -> None:
    options = {"embed_fonts": True} if fmt == "svg" else {}
    assert _render(fmt, **options) == _render(fmt, **options)


def test_the_assets_digest_follows_the_logo(tmp_path: Path) -> None:
    _write_png_logo(tmp_path / "mark.png")
    before = brand.assets_digest(_theme_in(tmp_path, "logo:\n  file: mark.png\n"))
    Image.new("RGBA", (60, 30), (0, 0, 0, 255)).save(tmp_path / "mark.png")
    after = brand.assets_digest(_theme_in(tmp_path, "logo:\n  file: mark.png\n"))
    assert before != after  # a docs cache keyed on it draws the new logo
    assert brand.assets_digest(builtin_theme()) == brand.assets_digest(builtin_theme("dark"))


def test_a_spec_places_a_logo_in_its_inline_theme(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_bytes((LARKSPUR / "larkspur-logo.svg").read_bytes())
    inline = "theme:\n  extends: dark\n  logo: {file: logo.svg, place: footer-left}\n"
    (tmp_path / "spec.yaml").write_text(MINIMAL + inline)
    scene = jg.build_scene(jg.load(tmp_path / "spec.yaml"), base_dir=tmp_path)
    left, top, _, _ = _logo_box(scene)
    assert left == pytest.approx(48) and top > scene.height / 2
    assert check_scene(scene) == []

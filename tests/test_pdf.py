"""The PDF backend: real text in embedded TrueType fonts, live links, the PNG's look, and
the same bytes every time. Read with pypdf; drawn by poppler's ``pdftoppm`` to compare
with our PNG, as an independent reader of the file."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

import journeygraphic as jg
import needs
from journeygraphic import model as m
from journeygraphic.backends import render_scene
from journeygraphic.scene import Font, Link, Rect, Scene, Text

ROOT = Path(__file__).resolve().parent.parent
AZ400 = ROOT / "specs" / "az400.yaml"
PDFTOPPM = shutil.which("pdftoppm")
FONT = Font("DejaVu Sans", "DejaVuSans.ttf", 16)


@pytest.fixture(scope="module")
def az400() -> m.Journey:
    return jg.load(AZ400)


@pytest.fixture(scope="module")
def az400_pdf(az400: m.Journey) -> bytes:
    return jg.render(az400, "pdf")


def page_of(data: bytes) -> Any:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return reader.pages[0]


def uris(page: Any) -> list[str]:
    annotations = [a.get_object() for a in page.get("/Annots", [])]
    return [str(a["/A"]["/URI"]) for a in annotations if a.get("/Subtype") == "/Link"]


def fonts(page: Any) -> list[Any]:
    return [f.get_object() for f in page["/Resources"]["/Font"].values()]


def spec_urls(journey: m.Journey) -> set[str]:
    cta = journey.header.call_to_action
    found = {cta.url} if cta else set()
    found |= {link.url for stage in journey.stages() for link in stage.links}
    found |= {
        link.url for s in journey.stages() for o in getattr(s, "options", []) for link in o.links
    }
    if journey.footer and journey.footer.link:
        found.add(journey.footer.link.url)
    return found


def test_page_is_the_scene_in_points(az400: m.Journey, az400_pdf: bytes) -> None:
    assert az400_pdf.startswith(b"%PDF-")
    scene = jg.build_scene(az400)
    box = page_of(az400_pdf).mediabox
    assert (float(box.width), float(box.height)) == (scene.width, scene.height)


def test_text_is_real_text(az400_pdf: bytes) -> None:
    words = " ".join(page_of(az400_pdf).extract_text().split())
    for phrase in ["DevOps Engineer Expert", "Skills outline guide", "Exam AZ-104", "OR"]:
        assert phrase in words


def test_fonts_are_embedded_truetype_with_unicode_maps(az400_pdf: bytes) -> None:
    used = fonts(page_of(az400_pdf))
    assert used
    for font in used:
        assert font["/Subtype"] == "/Type0"  # Type 42 as a CID font, never Type 3 outlines
        assert "/ToUnicode" in font  # so copied text is the text
        descendant = font["/DescendantFonts"][0].get_object()
        assert descendant["/Subtype"] == "/CIDFontType2"
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()  # embedded
    names = {str(f["/BaseFont"]).split("+")[-1] for f in used}
    assert names == {"DejaVuSans", "DejaVuSans-Bold"}


def test_a_user_matplotlibrc_cannot_turn_text_into_outlines(az400: m.Journey) -> None:
    with matplotlib.rc_context({"pdf.fonttype": 3, "pdf.use14corefonts": True}):
        data = jg.render(az400, "pdf")
        assert matplotlib.rcParams["pdf.fonttype"] == 3  # the user's setting, left alone
    assert all(f["/Subtype"] == "/Type0" for f in fonts(page_of(data)))


def test_every_link_is_a_uri_annotation(az400: m.Journey, az400_pdf: bytes) -> None:
    found = uris(page_of(az400_pdf))
    assert set(found) == spec_urls(az400)
    assert len(spec_urls(az400)) == 5


def test_links_sit_over_their_text(az400_pdf: bytes) -> None:
    page = page_of(az400_pdf)
    height = float(page.mediabox.height)
    for annotation in (a.get_object() for a in page["/Annots"]):
        x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
        assert 0 <= x0 < x1 <= float(page.mediabox.width)
        assert 0 <= y0 < y1 <= height and 8 < y1 - y0 < 40  # one line of text, not the page


def _linked_scene(href: str) -> Scene:
    label = Text(10, 30, ("Open",), FONT, "#1B1B1B", 20)
    inner = Link("https://inner.example/", (label,))
    return Scene(200, 60, "#FFFFFF", (Link(href, (Rect(0, 0, 80, 40, "#EBEBEB"), inner)),))


def test_unsafe_links_stay_dead_and_inner_links_yield_to_outer() -> None:
    assert uris(page_of(render_scene(_linked_scene("https://outer.example/"), "pdf"))) == [
        "https://outer.example/"
    ]
    assert uris(page_of(render_scene(_linked_scene("javascript:alert(1)"), "pdf"))) == []


def test_non_ascii_addresses_are_percent_encoded() -> None:
    data = render_scene(_linked_scene("https://example.com/café menu"), "pdf")
    assert uris(page_of(data)) == ["https://example.com/caf%C3%A9%20menu"]


def test_metadata_is_fixed(az400: m.Journey, az400_pdf: bytes) -> None:
    info = PdfReader(io.BytesIO(az400_pdf)).metadata
    assert info is not None
    assert info.get("/Producer") == info.get("/Creator") == "journeygraphic"
    assert info.title == "The journey to Microsoft Certified: DevOps Engineer Expert"
    assert info.subject == jg.render(az400, "txt").decode().splitlines()[3]
    assert b"/CreationDate" not in az400_pdf and b"/ModDate" not in az400_pdf


def test_same_bytes_twice_and_in_another_process(az400: m.Journey, az400_pdf: bytes) -> None:
    assert jg.render(az400, "pdf") == az400_pdf
    code = (
        "import sys, journeygraphic as jg\n"
        f"sys.stdout.buffer.write(jg.render(jg.load({str(AZ400)!r}), 'pdf'))\n"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"},
    ).stdout
    assert other == az400_pdf


def test_scale_does_not_change_a_vector_page(az400: m.Journey, az400_pdf: bytes) -> None:
    assert jg.render(az400, "pdf", scale=2) == az400_pdf


@needs.PDFTOPPM
def test_pdf_looks_like_the_png(az400: m.Journey, az400_pdf: bytes, tmp_path: Path) -> None:
    # Measured: mean difference 2.8 of 255 (poppler's FreeType text against Agg's); the
    # shapes are drawn by the same code, so a drift in either shows up at once.
    (tmp_path / "az400.pdf").write_bytes(az400_pdf)
    assert PDFTOPPM is not None
    subprocess.run(
        [PDFTOPPM, "-r", "72", "-png", "-singlefile", "az400.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    theirs = np.asarray(Image.open(tmp_path / "page.png").convert("RGB"), dtype=float)
    ours = np.asarray(Image.open(io.BytesIO(jg.render(az400, "png"))).convert("RGB"), dtype=float)
    assert theirs.shape == ours.shape
    assert np.abs(theirs - ours).mean() < 4.0


def test_a_line_with_a_direction_mark_keeps_its_words_whole() -> None:
    # matplotlib's PDF writer misplaced the "ffi" ligature in lines that start with a
    # direction mark (mixed Latin and Hebrew): "the o fficial". Such lines go without
    # ligatures in the PDF.
    pdf = jg.render(jg.load(ROOT / "examples" / "world" / "mixed.yaml"), "pdf")
    words = " ".join(page_of(pdf).extract_text().split())
    assert "the official" in words

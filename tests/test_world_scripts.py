"""World scripts: font fallback, right-to-left text and mirrored posters, end to end.

Needs the fallback fonts .ci/run installs (fonts-noto-cjk for CJK, fonts-symbola for emoji)
and librsvg for the SVG side.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image

import journeygraphic as jg
import needs
from journeygraphic import fonts
from journeygraphic import text as text_module
from journeygraphic.backends import render_scene
from journeygraphic.check import check_scene
from journeygraphic.layout._blocks import LINK_MARK, RTL_MARK, unlinked
from journeygraphic.layout._context import Context
from journeygraphic.mirror import mirror_scene
from journeygraphic.scene import (
    Anchor,
    Box,
    Circle,
    Face,
    Font,
    Icon,
    Item,
    Link,
    Rect,
    Scene,
    Text,
    Weight,
    to_json,
)
from journeygraphic.scene import Path as ScenePath
from journeygraphic.text import Measurer, font_path
from svgcheck import SVG_NS

ROOT = Path(__file__).resolve().parent.parent
WORLD = ROOT / "examples" / "world"
SPECS = sorted(WORLD.glob("*.yaml"))
LAYOUTS = ("poster", "vertical", "compact")
RSVG = shutil.which("rsvg-convert")
FAMILY = "'DejaVu Sans', Arial, sans-serif"
DEJAVU = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
MEASURER = Measurer(FAMILY, *DEJAVU)
NOWHERE = "\U00017000"  # Tangut: in none of the fonts CI installs
NS = {"s": SVG_NS}
Pixels = NDArray[np.float64]


pytestmark = [needs.FONTCONFIG, needs.CJK_FONT, needs.EMOJI_FONT]


@pytest.fixture(scope="module", autouse=True)
def _no_font_has_nowhere() -> None:
    assert fonts.face_for(NOWHERE) is None, "this test needs a character no font has"


def line_text(
    line: str, x: float = 20, anchor: Anchor = "start", weight: Weight = "regular"
) -> Text:
    """One measured line at 24 px, its baseline at y = 50."""
    font = MEASURER.font(24, weight)
    metrics = MEASURER.metrics(font)
    widths = (MEASURER.width(line, font),)
    return Text(
        x, 50, (line,), font, "#000000", 30, anchor, widths, metrics.ascent, metrics.descent
    )


def finished(*items: Item, width: float = 640, height: float = 80) -> Scene:
    """A scene of texts built by hand, each font naming its fallbacks as layout's do."""
    return Scene(width, height, "#FFFFFF", tuple(map(drawn, items)), "World")


def drawn(item: Item) -> Item:
    """``item`` with its texts' fonts from the measurer (which split them while measuring)."""
    if isinstance(item, Link):
        return Link(item.href, tuple(map(drawn, item.items)))
    if not isinstance(item, Text):
        return item
    font, _ = MEASURER.drawing(item.lines, item.font)
    return Text(**{**item.__dict__, "font": font})


def svg_text(scene: Scene) -> ET.Element:
    found = ET.fromstring(render_scene(scene, "svg")).find(".//s:text", NS)
    assert found is not None
    return found


# --- which face draws what ----------------------------------------------------------------


def test_fallback_faces_have_the_characters_and_follow_the_weight() -> None:
    for char in "日の、🚀":
        face = fonts.face_for(char)
        assert face is not None and ord(char) in fonts.coverage(face.file, face.index)
    regular, bold = fonts.face_for("日"), fonts.face_for("日", "bold")
    assert regular is not None and bold is not None
    assert regular.family == bold.family and regular.file != bold.file


def test_runs_cut_where_the_face_changes() -> None:
    runs = fonts.runs("DevOps 日本 🚀!", font_path("DejaVuSans.ttf"))
    assert [r.text for r in runs] == ["DevOps ", "日本", " ", "🚀", "!"]
    assert [r.face is None for r in runs] == [True, False, True, False, True]
    marks = fonts.runs("e\u0301 👍\U0001f3fd", font_path("DejaVuSans.ttf"))
    assert [r.text for r in marks] == ["e\u0301 ", "👍\U0001f3fd"]  # a mark joins its base


@pytest.fixture
def fresh_font_caches() -> Iterator[None]:
    caches = (
        fonts._system_candidates,
        fonts._ordered,
        fonts._rank,
        fonts.face_for,
        fonts._char_face,
        fonts._known_faces,
        text_module._run_widths,  # remembered runs name the faces chosen before
        text_module._tails,
    )
    for cache in caches:
        cache.cache_clear()
    yield
    for cache in caches:
        cache.cache_clear()


def test_fallback_order_does_not_depend_on_how_fontconfig_lists_fonts(
    fresh_font_caches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = subprocess.run(
        ["fc-list", "--format", fonts._FC_FORMAT.replace("\\t", "\t").replace("\\n", "\n")],
        capture_output=True,
        check=True,
    ).stdout.splitlines(keepends=True)
    orders = []
    for seed in (1, 2):
        lines = listed[:]
        random.Random(seed).shuffle(lines)
        fake = subprocess.CompletedProcess([], 0, b"".join(lines), b"")
        monkeypatch.setattr(subprocess, "run", lambda *a, _f=fake, **k: _f)
        for cache in (fonts._system_candidates, fonts._ordered, fonts.face_for):
            cache.cache_clear()
        orders.append([c.face for c in fonts._ordered("regular")])
    assert orders[0] == orders[1] and len(orders[0]) > 3


def test_fontconfig_entries_we_cannot_use_are_skipped() -> None:
    good = ["/f/a.ttf", "0", "Noto Sans", "Regular", "80", "0", "100", "0", "TrueType", "False"]
    assert fonts._candidate([*good, "20-7e 4e00-9fff"]) is not None
    for at, value in ((0, "rel/a.ttf"), (2, "Evil'); url(x"), (8, "PCF"), (9, "True")):
        bad = good[:]
        bad[at] = value
        assert fonts._candidate([*bad, "20-7e"]) is None, value
    assert fonts._candidate(good) is None  # a short line


def test_without_fontconfig_there_is_no_fallback_but_no_crash(
    fresh_font_caches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    assert fonts.face_for("日") is None
    measurer = Measurer(FAMILY, *DEJAVU)  # nothing remembered
    font = measurer.font(24)
    assert measurer.width("日", font) > 0
    assert measurer.drawing(("日",), font) == (font, frozenset("日"))
    assert str(fonts.missing_glyphs({"日"})) == "no font has 日 (U+65E5); they will show as boxes"


# --- the scene names its fallbacks ------------------------------------------------------


def test_latin_scenes_are_left_exactly_as_they_were() -> None:
    text = line_text("Exam AZ-400 – café")
    assert MEASURER.drawing(text.lines, text.font) == (text.font, frozenset())
    assert finished(text, width=200) == Scene(200, 80, "#FFFFFF", (text,), "World")
    assert '"fallbacks"' not in to_json(finished(text))


def test_texts_name_their_fallbacks_in_fallback_order() -> None:
    inner = line_text("🚀 日本")
    scene = finished(Link("https://learn.microsoft.com/", (inner,)))
    link = scene.items[0]
    assert isinstance(link, Link) and isinstance(link.items[0], Text)
    faces = link.items[0].font.fallbacks
    assert set(faces) == {fonts.face_for("日"), fonts.face_for("🚀")}
    rank = fonts._rank("regular")
    assert [rank[f] for f in faces] == sorted(rank[f] for f in faces)
    assert '"fallbacks"' in to_json(scene)


def test_characters_no_font_has_are_named_once_per_scene() -> None:
    journey = jg.loads(
        f"header: {{title: 'a{NOWHERE}'}}\n"
        f"phases: [{{caption: 'C {NOWHERE}\u200d', steps: [{{title: '{NOWHERE}'}}]}}]\n"
    )
    for _ in range(2):  # each scene says so, not only the process's first
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            jg.build_scene(journey)
        found = [w for w in caught if issubclass(w.category, fonts.MissingGlyphWarning)]
        assert [str(w.message) for w in found] == [
            f"no font has {NOWHERE} (U+17000); they will show as boxes"
        ]


def test_the_cli_warns_about_boxes_on_stderr(tmp_path: Path) -> None:
    spec = tmp_path / "boxes.yaml"
    spec.write_text(
        f"header:\n  title: Tangut {NOWHERE}\nphases:\n  - caption: Start\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "journeygraphic", str(spec), "-o", str(tmp_path / "out.svg")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and (tmp_path / "out.svg").exists()
    assert f"no font has {NOWHERE} (U+17000); they will show as boxes" in done.stderr
    assert "Traceback" not in done.stderr


# --- SVG --------------------------------------------------------------------------------


def test_svg_lists_the_fallbacks_before_the_generic_family() -> None:
    element = svg_text(finished(line_text("Tokyo 東京")))
    face = fonts.face_for("東")
    assert face is not None
    assert element.get("font-family") == f"'DejaVu Sans', Arial, '{face.family}', sans-serif"
    assert element.get("direction") is None


def test_family_list_without_a_generic_family_appends_and_does_not_repeat() -> None:
    faces = (Face("Noto Sans CJK JP", "/a.ttc"), Face("Noto Sans CJK JP", "/b.ttc", 1))
    font = Font("'DejaVu Sans'", "DejaVuSans.ttf", 12, fallbacks=faces)
    assert fonts.family_list(font) == "'DejaVu Sans', 'Noto Sans CJK JP'"
    assert fonts.family_list(Font(FAMILY, "DejaVuSans.ttf", 12)) == FAMILY


@pytest.mark.parametrize(("anchor", "svg_anchor"), [("start", "end"), ("end", "start")])
def test_svg_right_to_left_text_says_so_and_keeps_its_side(anchor: Anchor, svg_anchor: str) -> None:
    element = svg_text(finished(line_text("مهندس DevOps", anchor=anchor)))
    assert element.get("direction") == "rtl" and element.get("unicode-bidi") == "embed"
    assert element.get("text-anchor") == svg_anchor  # rtl turns start and end round
    tspan = element.find("s:tspan", NS)
    assert tspan is not None and tspan.text == "مهندس DevOps"  # logical order


# --- PNG ----------------------------------------------------------------------------------


def test_png_font_is_exactly_the_measured_files() -> None:
    from matplotlib.font_manager import fontManager

    font = finished(line_text("日本 🚀", weight="bold")).items[0]
    assert isinstance(font, Text)
    found = fontManager._find_fonts_by_props(fonts.matplotlib_font(font.font))
    expected = [font_path("DejaVuSans-Bold.ttf")] + [f.file for f in font.font.fallbacks]
    assert [str(getattr(f, "path", f)) for f in found] == expected


def _rasterise(scene: Scene) -> tuple[Pixels, Pixels]:
    assert RSVG is not None, "rsvg-convert (librsvg2-bin) is needed to check the SVG side"
    svg = render_scene(scene, "svg")
    done = subprocess.run([RSVG, "--format", "png"], input=svg, capture_output=True, check=True)
    ours = Image.open(io.BytesIO(render_scene(scene, "png"))).convert("RGB")
    theirs = Image.open(io.BytesIO(done.stdout)).convert("RGBA")
    theirs = Image.alpha_composite(Image.new("RGBA", theirs.size, "#FFFFFF"), theirs)
    return np.asarray(ours, dtype=np.float64), np.asarray(theirs.convert("RGB"), dtype=np.float64)


def _ink(pixels: Pixels) -> tuple[int, int, int]:
    """Left and right edge of the dark pixels, and how many there are."""
    dark = pixels.mean(axis=2) < 160
    xs = np.nonzero(dark)[1]
    return int(xs.min()), int(xs.max()), int(dark.sum())


LINES: list[tuple[str, Anchor]] = [
    ("日本語のテキスト、です。", "start"),
    ("DevOps エンジニア エキスパート", "end"),
    ("مهندس DevOps الخبير", "start"),
    ("مهندس DevOps الخبير", "end"),
    ("מהנדס DevOps מומחה (AZ-400)", "start"),
    ("Mix: DevOps مهندس 日本 מהנדס 🚀 (AZ-400)", "start"),
]


@needs.RSVG
@pytest.mark.parametrize(("line", "anchor"), LINES)
def test_png_and_librsvg_draw_world_text_in_the_same_place(line: str, anchor: Anchor) -> None:
    x = 20 if anchor == "start" else 620
    text = line_text(line, x, anchor)
    ours, theirs = _rasterise(finished(text))
    (left, right, ink), (r_left, r_right, r_ink) = _ink(ours), _ink(theirs)
    measured = text.widths[0]
    # Same side within 2 px; both inks within the measured width (which is a little wide).
    if anchor == "start":
        assert abs(left - r_left) <= 2 and right <= x + measured and r_right <= x + measured
    else:
        assert abs(right - r_right) <= 2 and left >= x - measured and r_left >= x - measured
    assert abs((right - left) - (r_right - r_left)) <= 0.03 * measured + 2
    assert (right - left) >= 0.85 * measured  # measured as drawn: shaped, fallback faces
    assert 0.75 * r_ink <= ink <= 1.3 * r_ink  # glyphs, not Last Resort boxes


def test_png_draws_cjk_with_the_fallback_not_boxes() -> None:
    text = line_text("日本語")
    boxes = Image.open(io.BytesIO(render_scene(Scene(200, 80, "#FFFFFF", (text,)), "png")))
    glyphs = Image.open(io.BytesIO(render_scene(finished(text, width=200), "png")))
    assert np.abs(np.asarray(boxes, float) - np.asarray(glyphs, float)).mean() > 1


# --- mirroring ----------------------------------------------------------------------------


def test_mirror_flips_every_primitive_and_twice_is_the_identity() -> None:
    text = Text(10, 50, ("Hi",), Font(FAMILY, "DejaVuSans.ttf", 12), "#000000", 15, "start")
    text = Text(**{**text.__dict__, "bounds": Box(10, 38, 100, 15)})
    items: tuple[Item, ...] = (
        Rect(10, 5, 30, 20, "#000000"),
        Circle(50, 40, 5, "#000000"),
        ScenePath((("M", 0, 0), ("C", 10, 1, 20, 2, 30, 3), ("Z",)), "#000000", 1),
        Icon("laptop", 60, 10, 24, "#000000"),
        Link("https://example.com/", (text,)),
    )
    scene = Scene(200, 100, "#FFFFFF", items)
    flipped = mirror_scene(scene)
    rect, circle, path, icon, link = flipped.items
    assert isinstance(rect, Rect) and rect.x == 160
    assert isinstance(circle, Circle) and circle.cx == 150
    assert isinstance(path, ScenePath)
    assert path.commands == (("M", 200, 0), ("C", 190, 1, 180, 2, 170, 3), ("Z",))
    assert isinstance(icon, Icon) and icon.x == 116
    assert isinstance(link, Link) and isinstance(link.items[0], Text)
    moved = link.items[0]
    assert (moved.x, moved.anchor, moved.bounds) == (190, "end", Box(90, 38, 100, 15))
    assert mirror_scene(flipped) == scene


def test_an_rtl_journey_is_its_ltr_twin_mirrored() -> None:
    journey = jg.load(WORLD / "ar.yaml")
    assert journey.direction == "rtl"
    twin = journey.model_copy(update={"direction": "ltr"})
    mine, mirrored = jg.build_scene(journey).walk(), mirror_scene(jg.build_scene(twin)).walk()
    assert len(mine) == len(mirrored)
    turned = 0
    for own, other in zip(mine, mirrored, strict=True):
        if own == other:
            continue
        assert isinstance(own, Text) and isinstance(other, Text)
        if own.lines == other.lines:  # the footer's note, moved by the link's new width
            assert own.role == "footer" and own.y == other.y
            continue
        # else only a link's mark differs: "›" after the label, turned round to "◂"
        assert [unlinked(line) for line in own.lines] == [unlinked(o) for o in other.lines]
        assert own.lines[-1].endswith(f"\u00a0{RTL_MARK}") and other.lines[-1].endswith(LINK_MARK)
        assert (own.y, own.anchor) == (other.y, other.anchor)
        turned += 1
    marked = [i for i in mirrored if isinstance(i, Text) and i.lines[-1].endswith(LINK_MARK)]
    assert turned == len(marked) == 4  # the two certificate pages, the exam's, the footer's


def test_direction_must_be_ltr_or_rtl() -> None:
    with pytest.raises(jg.SpecError) as info:
        jg.loads("direction: up\nheader: {title: T}\nphases: [{caption: C}]\n")
    assert info.value.problems[0].path == "direction"


# --- the examples -------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_world_examples_render_cleanly(spec: Path, layout: str) -> None:
    journey = jg.load(spec)
    with warnings.catch_warnings():
        warnings.simplefilter("error", fonts.MissingGlyphWarning)  # every character has a font
        scene = jg.build_scene(journey, layout=layout, strict=True)
    assert check_scene(scene) == []
    for item in scene.walk():
        if isinstance(item, Text):
            own = fonts.coverage(font_path(item.font.file))
            chars = {c for line in item.lines for c in line if ord(c) not in own}
            needed = {fonts.face_for(c, item.font.weight) for c in chars} - {None}
            assert needed == set(item.font.fallbacks)


def test_world_examples_are_the_three_asked_for() -> None:
    assert [p.stem for p in SPECS] == ["ar", "ja", "mixed"]


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_world_output_is_byte_identical_across_processes(fmt: str, tmp_path: Path) -> None:
    outputs = []
    for run in range(2):
        target = tmp_path / f"mixed-{run}.{fmt}"
        subprocess.run(
            [sys.executable, "-m", "journeygraphic", str(WORLD / "mixed.yaml"), "-o", str(target)],
            check=True,
            capture_output=True,
        )
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


# --- font runs are decided once, while measuring ----------------------------------------


def split_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the run splitter (``fonts.runs``) is asked to cut, wherever it is called."""
    calls: list[str] = []
    real = fonts.runs

    def spy(text: str, path: str, weight: Weight = "regular") -> list[fonts.Run]:
        calls.append(text)
        return real(text, path, weight)

    monkeypatch.setattr(fonts, "runs", spy)
    monkeypatch.setattr(text_module, "runs", spy)
    return calls


def faces_of_runs(text: Text) -> tuple[Face, ...]:
    """What the pass layout's measuring replaced found: each line split afresh."""
    faces = {
        run.face
        for line in text.lines
        for run in fonts.runs(line, font_path(text.font.file), text.font.weight)
        if run.face is not None
    }
    return tuple(sorted(faces, key=fonts._rank(text.font.weight).__getitem__))


def test_placing_text_splits_no_line_into_runs_again(
    fresh_font_caches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = Context(jg.builtin_theme("default"), Measurer(FAMILY, *DEJAVU))
    font = ctx.font("body")
    content = "DevOps エンジニア 🚀 日本語のテキスト、です。 مهندس"
    calls = split_calls(monkeypatch)
    lines, _ = ctx.measurer.wrapped(content, font, 150)
    assert len(lines) > 2 and calls  # measuring split the candidate lines
    assert len(calls) == len(set(calls))  # each text once: its tail is remembered
    measured = len(calls)
    text, _ = ctx.text(content, 0, 0, 150, font, "#000000")
    again, _ = ctx.lines(text.lines, 0, 0, 150, font, "#000000")
    assert len(calls) == measured  # placing asked the measurer, not the splitter
    assert text.lines == lines and again.font == text.font
    assert text.font.fallbacks == faces_of_runs(text)
    assert {fonts.face_for("エ"), fonts.face_for("🚀")} <= set(text.font.fallbacks)


def test_no_line_is_split_into_runs_after_layout(
    fresh_font_caches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeygraphic import _pipeline
    from journeygraphic import layout as layout_module

    layout_module._measurer.cache_clear()  # measure afresh, as a new process does
    calls = split_calls(monkeypatch)
    after_layout: list[int] = []
    real_layout = _pipeline._layout

    def layout_spy(*args: Any, **keywords: Any) -> Scene:
        scene = real_layout(*args, **keywords)
        after_layout.append(len(calls))
        return scene

    monkeypatch.setattr(_pipeline, "_layout", layout_spy)
    scene = jg.build_scene(jg.load(WORLD / "mixed.yaml"))
    assert after_layout[0] > 0  # layout measured mixed scripts in runs
    assert len(calls) == after_layout[0]  # and nothing split them again afterwards
    assert any(isinstance(t, Text) and t.font.fallbacks for t in scene.walk())
    for fmt in ("svg", "png", "pdf"):  # nor does drawing, embedded fonts included
        assert render_scene(scene, fmt, embed_fonts=fmt == "svg")
    assert len(calls) == after_layout[0]
    backends = [m for name, m in sys.modules.items() if name.startswith("journeygraphic.backends")]
    holders = [m.__name__ for m in backends if any(v is fonts.runs for v in vars(m).values())]
    assert holders == []  # no backend keeps a splitter of its own to call


@pytest.mark.parametrize("layout", [*LAYOUTS, "auto"])
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_every_text_names_the_faces_of_its_runs(spec: Path, layout: str) -> None:
    """Legends (with progress), badges, compact cards: every text, however it was placed."""
    journey = jg.load(spec)
    first = journey.phases[0].id
    assert first is not None
    scene = jg.build_scene(journey, layout=layout, width=700, progress={first: "done"})
    texts = [item for item in scene.walk() if isinstance(item, Text)]
    assert any(t.role == "legend" for t in texts) or layout == "compact"
    for text in texts:
        assert text.font.fallbacks == faces_of_runs(text), text.lines


def test_a_line_whose_runs_were_forgotten_is_split_again(
    fresh_font_caches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    measurer = Measurer(FAMILY, *DEJAVU)
    font = measurer.font(24)
    line = f"日本 🚀 a{NOWHERE}"
    measurer.width(line, font)
    text_module._tails.cache_clear()  # as a long-lived process does when they pile up
    calls = split_calls(monkeypatch)
    drawing, missing = measurer.drawing((line,), font)
    assert calls == [line]
    assert drawing.fallbacks == faces_of_runs(line_text(line)) and len(drawing.fallbacks) == 2
    assert missing == {NOWHERE}

"""Layouts that hold beyond AZ-400 (issue 14), proven by measurement on test journeys:
widths honoured or warned, a readable measure, balanced columns, a short phone header,
badge words fitted or refused with a location."""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path

import pytest

import journeygraphic as jg
from journeygraphic.check import check_scene, outside_shapes
from journeygraphic.cli import EXIT_INVALID, EXIT_OK, main
from journeygraphic.layout import LAYOUTS
from journeygraphic.layout.poster import BUSY_MEASURE, MIN_MEASURE
from journeygraphic.scene import Path as ScenePath
from journeygraphic.scene import Text
from measure import balance, body_size, busiest_ems, columns, header_bottom, narrowest_ems, nodes

ROOT = Path(__file__).resolve().parent.parent
JOURNEYS = sorted((Path(__file__).parent / "journeys").glob("*.yaml"))
SPECS = [ROOT / "specs" / "az400.yaml", *JOURNEYS]
WIDTHS = (320, 360, 480, 800, 1200, 1600, 2400)


def _scene(spec: Path, name: str, width: float) -> tuple[jg.Scene, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scene = jg.build_scene(jg.load(spec), layout=name, width=width)
    return scene, list(caught)


# -- item 3: the width asked for is honoured, or the picture says why not ------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(LAYOUTS))
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_width_is_honoured_or_warned(spec: Path, name: str, width: int) -> None:
    scene, caught = _scene(spec, name, width)
    wider = [w for w in caught if issubclass(w.category, jg.WidthWarning)]
    if scene.width <= width + 0.5:
        assert wider == []
    else:
        assert len(wider) == 1
        message = str(wider[0].message)
        assert f"needs {scene.width:.0f} px" in message and f"{width} px asked" in message


def test_library_warns_with_its_own_class(az400_path: Path) -> None:
    with pytest.warns(jg.WidthWarning, match=r"needs \d+ px.*--layout vertical"):
        scene = jg.build_scene(jg.load(az400_path), width=600)
    assert scene.width > 600
    assert issubclass(jg.WidthWarning, jg.LayoutWarning)
    assert issubclass(jg.LayoutWarning, UserWarning)


def test_strict_refuses_a_wider_picture(az400_path: Path) -> None:
    with pytest.raises(jg.RenderError, match="refused by --strict"):
        jg.build_scene(jg.load(az400_path), width=400, strict=True)


def test_cli_prints_one_warning_line_and_strict_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], az400_path: Path
) -> None:
    out = str(tmp_path / "a.svg")
    # the smallest width the CLI takes; a poster of six columns cannot be that narrow
    assert main([str(az400_path), "--width", "320", "-o", out]) == EXIT_OK
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(lines) == 1 and "asked for" in lines[0] and "--layout vertical" in lines[0]
    assert main([str(az400_path), "--width", "320", "-o", out, "--strict"]) == EXIT_INVALID
    assert "refused by --strict" in capsys.readouterr().err


# -- item 4: the phone header stays within the first 40 % of a 640 px screen ----------------


@pytest.mark.parametrize("width", (320, 360, 400))
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_vertical_header_is_short_on_phones(spec: Path, width: int) -> None:
    scene, _ = _scene(spec, "vertical", width)
    assert header_bottom(scene) <= 0.4 * 640


# -- item 5: badge words fitted, refused with a location, or shortened with a warning --------

RIBBON = """\
version: 1
header:
  title: Ribbon test
phases:
  - caption: Start
    steps:
      - title: Read
  - caption: Earn it
    steps:
      - kind: certification
        name: Certified Security Specialist
        level: specialty
        badge_lines: [{words}]
"""


def test_a_long_ribbon_fits_in_two_lines() -> None:
    scene, caught = _scene_of(RIBBON.format(words="SECURITY SPECIALIST"))
    ribbon = [t for t in scene.walk() if isinstance(t, Text) and "SPECIALIST" in "".join(t.lines)]
    assert len(ribbon) == 1 and len(ribbon[0].lines) == 2
    assert caught == []


def test_a_ribbon_that_cannot_fit_is_refused_at_its_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "ribbon.yaml"
    spec.write_text(RIBBON.format(words="SECURITY SPECIALISTICALLY EXTRAORDINARY"))
    assert main([str(spec), "-o", str(tmp_path / "r.svg")]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert f"{spec}:13:22: the badge ribbon" in err and "badge_lines" in err
    assert not (tmp_path / "r.svg").exists()
    with pytest.raises(jg.SpecError, match=r"at phases\[1\]\.steps\[0\]\.badge_lines"):
        jg.build_scene(jg.load(spec))


def test_a_shortened_issuer_ends_in_an_ellipsis_and_is_named() -> None:
    spec = Path(__file__).parent / "journeys" / "kubernetes.yaml"
    scene, caught = _scene(spec, "poster", 1600)
    shortened = [w for w in caught if issubclass(w.category, jg.ShortenedWarning)]
    assert len(shortened) == 1 and "THE LINUX FOUNDATION / CNCF" in str(shortened[0].message)
    badge_words = [" ".join(t.lines) for t in scene.walk() if isinstance(t, Text)]
    issuer = [w for w in badge_words if w.startswith("THE LINUX")]
    assert issuer and all(w.endswith("\u2026") for w in issuer)


ISSUER = """\
version: 1
header: {{title: Security}}
phases:
  - caption: Earn it
    steps:
      - kind: certification
        issuer: The Linux Foundation / CNCF
        badge_issuer: {words}
        name: Certified Security Specialist
"""


def test_badge_issuer_says_the_issuer_shorter_on_the_badge_only() -> None:
    scene, caught = _scene_of(ISSUER.format(words="LF / CNCF"))
    texts = [" ".join(t.lines) for t in scene.walk() if isinstance(t, Text)]
    assert "LF / CNCF" in texts and not any(t.startswith("THE LINUX") for t in texts)
    assert any("The Linux Foundation / CNCF" in t for t in texts)  # the name under the badge
    assert caught == []


def test_a_shortened_issuer_names_the_field_that_can_say_it_shorter() -> None:
    spec = Path(__file__).parent / "journeys" / "kubernetes.yaml"
    _, caught = _scene(spec, "poster", 1600)
    assert any("(badge_issuer can say it shorter)" in str(w.message) for w in caught)


def test_a_badge_issuer_that_cannot_fit_is_refused_at_its_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "issuer.yaml"
    spec.write_text(ISSUER.format(words="Linux Foundation and Cloud Native Computing Foundation"))
    assert main([str(spec), "-o", str(tmp_path / "i.svg")]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert f"{spec}:8:23: the badge's issuer words" in err and "badge_issuer" in err
    assert not (tmp_path / "i.svg").exists()


def _scene_of(text: str) -> tuple[jg.Scene, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scene = jg.build_scene(jg.loads(text, fmt="yaml"), width=1600)
    return scene, list(caught)


# -- item 7: the checker knows shapes -------------------------------------------------------


def test_checker_sees_text_leave_the_shield_inside_its_bounding_box(az400_path: Path) -> None:
    scene = jg.build_scene(jg.load(az400_path))
    assert outside_shapes(scene) == []
    shields = [i for i in scene.walk() if isinstance(i, ScenePath) and i.fill != "none"]
    shield = max(shields, key=lambda p: _extent(p)[2] * _extent(p)[3])
    x, y, w, h = _extent(shield)
    label = next(t for t in scene.walk() if isinstance(t, Text) and t.lines == ("EXPERT",))
    # near the tip, 80 % as wide as the shield: inside its bounding box, outside its outline
    moved = replace(label, x=x + w / 2, y=y + h * 0.93, widths=(w * 0.8,), bounds=None)
    assert moved.line_boxes()[0].bottom < y + h
    broken = replace(scene, items=(*scene.items, moved))
    problems = outside_shapes(broken)
    assert len(problems) == 1 and "'EXPERT' leaves its badge shape" in problems[0]
    assert problems[0] in check_scene(broken)


def _extent(path: ScenePath) -> tuple[float, float, float, float]:
    xs = [float(c[i]) for c in path.commands for i in range(1, len(c), 2)]
    ys = [float(c[i]) for c in path.commands for i in range(2, len(c), 2)]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


# -- items 2 and 4: a readable measure, a larger poster on a wider page ----------------------

POSTER_WIDTHS = (800, 1200, 1600, 2400)
FRAME_INSET = 1.2  # ems: an optional or current step's outline insets its text by 16 px


@pytest.mark.parametrize("width", POSTER_WIDTHS)
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_poster_columns_keep_their_measure(spec: Path, width: int) -> None:
    scene, _ = _scene(spec, "poster", width)
    assert narrowest_ems(scene) >= MIN_MEASURE - FRAME_INSET
    assert busiest_ems(scene) >= MIN_MEASURE - FRAME_INSET
    # the column with the most words (the upskill track here) gets the longer measure
    widest = max(c.measure for c in columns(scene)) / body_size(scene)
    assert widest >= BUSY_MEASURE - FRAME_INSET


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_a_poster_that_fits_is_not_widened(spec: Path) -> None:
    for width in (1200, 1600, 2400):
        scene, caught = _scene(spec, "poster", width)
        assert scene.width == width
        assert not [w for w in caught if issubclass(w.category, jg.WidthWarning)]


def test_a_wide_poster_is_a_larger_poster(az400_path: Path) -> None:
    normal, _ = _scene(az400_path, "poster", 1600)
    wide, _ = _scene(az400_path, "poster", 2400)
    assert body_size(wide) == pytest.approx(1.5 * body_size(normal), abs=0.5)
    assert header_bottom(wide) == pytest.approx(1.5 * header_bottom(normal), rel=0.1)
    # the same arrangement, larger: as many columns, about as tall relative to the width
    assert len(columns(wide)) == len(columns(normal))
    assert wide.height / wide.width == pytest.approx(normal.height / normal.width, rel=0.1)


def test_many_phases_wrap_onto_two_rows_keeping_order_and_colours() -> None:
    spec = Path(__file__).parent / "journeys" / "degree.yaml"
    scene, caught = _scene(spec, "poster", 1200)
    assert scene.width == 1200 and caught == []
    marks = nodes(scene)
    rows = sorted({n.cy for n in marks})
    assert len(rows) == 2 and len(marks) == 8
    # reading order: row by row, left to right
    order = sorted(marks, key=lambda n: (n.cy, n.cx))
    assert [n.cy for n in order[:4]] == [rows[0]] * 4
    # travelled up to the milestone (Graduate: 7th phase, 3rd of row two), then ahead
    assert [n.stroke for n in order] == ["#0078D4"] * 7 + ["#75767B"]


@pytest.mark.parametrize("spec", [SPECS[0], JOURNEYS[2]], ids=lambda p: p.stem)
def test_columns_are_balanced_at_1600(spec: Path) -> None:
    scene, _ = _scene(spec, "poster", 1600)
    assert balance(scene) <= 2.0


def test_a_ribbon_from_a_long_name_is_shortened_and_named() -> None:
    spec = RIBBON.replace("        badge_lines: [{words}]\n", "").replace(
        "Certified Security Specialist", "Certified Cloud Infrastructure Operations Architect"
    )
    scene, caught = _scene_of(spec)
    named = [str(w.message) for w in caught if issubclass(w.category, jg.ShortenedWarning)]
    assert len(named) == 1 and "CERTIFIED CLOUD INFRASTRUCTURE OPERATIONS ARCHITECT" in named[0]
    texts = [t for t in scene.walk() if isinstance(t, Text)]
    ribbon = next(t for t in texts if t.lines[0] == "CERTIFIED CLOUD")
    assert len(ribbon.lines) == 2 and ribbon.lines[-1].endswith("\u2026")

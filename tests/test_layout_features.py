"""How the layouts draw optional steps, all-of groups, nested choices, roles and the legend."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeygraphic as jg
from journeygraphic import model as m
from journeygraphic.check import check_scene
from journeygraphic.layout import LAYOUTS
from journeygraphic.layout.compact import summary_cards
from journeygraphic.scene import Icon, Rect, Scene, Text
from journeygraphic.scene import Path as ScenePath

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ROOT / "examples" / "features.yaml"
WIDTHS = (480, 800, 1200, 1920)


@pytest.fixture(scope="module")
def features() -> jg.Journey:
    return jg.load(FEATURES)


def _texts(scene: Scene, role: str | None = None) -> list[Text]:
    return [t for t in scene.walk() if isinstance(t, Text) and role in (None, t.role)]


def _words(scene: Scene, role: str | None = None) -> list[str]:
    return [" ".join(t.lines) for t in _texts(scene, role)]


def _journey(*stages: m.Stage) -> m.Journey:
    return m.Journey(header=m.Header(title="T"), phases=[m.Phase(caption="P", steps=list(stages))])


# -- the demo spec --------------------------------------------------------------------------


def test_the_demo_uses_every_new_feature(features: jg.Journey) -> None:
    kinds = {s.kind for s in features.stages()}
    assert {"choice", "all", "certification"} <= kinds
    choice = next(s for s in features.stages() if isinstance(s, m.Choice))
    assert len(choice.options) >= 3
    assert any(isinstance(s, m.Choice) for o in choice.options for s in o.steps)
    assert any(s.optional for s in features.stages())
    assert all(p.role for p in features.phases)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_the_demo_is_clean_everywhere(features: jg.Journey, name: str, width: int) -> None:
    assert check_scene(jg.build_scene(features, layout=name, width=width)) == []


# -- optional steps -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ("poster", "vertical"))
def test_optional_steps_are_dashed_and_say_so(features: jg.Journey, name: str) -> None:
    scene = jg.build_scene(features, layout=name, width=1200)
    frames = [r for r in scene.walk() if isinstance(r, Rect) and r.role == "frame"]
    optional = sum(s.optional for p in features.phases for s in p.steps)
    assert len(frames) == optional and all(f.dash and f.fill == "none" for f in frames)
    assert _words(scene, "status").count("OPTIONAL") == optional
    for frame in frames:  # the word sits inside its outline
        assert any(frame.box.contains(t.line_boxes()[0]) for t in _texts(scene, "status"))


def test_an_optional_callout_dashes_its_own_box() -> None:
    scene = jg.build_scene(_journey(m.Callout(title="Tip", items=["a"], optional=True)))
    boxes = [r for r in scene.walk() if isinstance(r, Rect) and r.role in ("callout", "frame")]
    assert len(boxes) == 1 and boxes[0].role == "callout" and boxes[0].dash
    assert "OPTIONAL" in _words(scene, "status")


# -- all-of groups ----------------------------------------------------------------------------


@pytest.mark.parametrize("width", (480, 1920))
def test_an_all_group_has_a_bracket_and_and_not_or(features: jg.Journey, width: int) -> None:
    scene = jg.build_scene(features, layout="vertical", width=width)
    separators = _words(scene, "separator")
    assert "ALL OF, IN ANY ORDER" in separators and "AND" in separators
    brackets = [p for p in scene.walk() if isinstance(p, ScenePath) and p.role == "bracket"]
    assert len(brackets) == 2  # the two halves of one bracket


def test_compact_takes_the_exams_of_an_all_group(features: jg.Journey) -> None:
    cards = summary_cards(features)
    exam = cards[1]
    assert exam.grouped and exam.separator == "AND"
    assert [e.detail for e in exam.entries] == ["Exam EX-410", "Exam EX-420"]


# -- nested choices ---------------------------------------------------------------------------


def test_a_nested_choice_is_drawn_inside_its_option(features: jg.Journey) -> None:
    scene = jg.build_scene(features, layout="poster")
    words = " ".join(_words(scene))
    assert "Data Fundamentals" in words and "AI Fundamentals" in words
    assert _words(scene, "separator").count("OR") == 3  # two between routes, one nested


def test_compact_sums_up_an_option_that_is_a_sequence(features: jg.Journey) -> None:
    route = summary_cards(features)[0]
    assert route.entries[2].detail == (
        "Cloud Fundamentals, then Data Fundamentals or AI Fundamentals"
    )


# -- roles --------------------------------------------------------------------------------------


def test_roles_choose_the_compact_cards_without_guessing() -> None:
    journey = m.Journey(
        header=m.Header(title="T"),
        phases=[
            m.Phase(caption="First", role="start", steps=[m.Step(title="Read the guide")]),
            m.Phase(caption="Needed", role="prerequisite", steps=[m.Step(title="Prior cert")]),
            m.Phase(caption="Test", role="exam", steps=[m.Exam(code="X-1", title="The exam")]),
        ],
    )
    cards = summary_cards(journey)
    assert [c.label for c in cards] == ["Needed", "Test"]
    unroled = journey.model_copy(
        update={"phases": [p.model_copy(update={"role": None}) for p in journey.phases]}
    )
    assert [c.label for c in summary_cards(unroled)] == ["Needed", "Test"]  # the guess agrees
    no_prerequisite = journey.model_copy(update={"phases": [journey.phases[0], journey.phases[2]]})
    assert [c.label for c in summary_cards(no_prerequisite)] == ["Test"]  # a start is not one


# -- the legend ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ("poster", "vertical"))
def test_the_legend_explains_what_is_drawn_and_nothing_else(
    features: jg.Journey, name: str
) -> None:
    scene = jg.build_scene(features, layout=name, width=1200)
    assert _words(scene, "legend") == ["pick one", "do every one, in any order", "optional"]


def test_no_legend_when_or_is_all_there_is() -> None:
    choice = m.Choice(options=[m.Option(title="a"), m.Option(title="b")])
    assert _words(jg.build_scene(_journey(choice)), "legend") == []
    optional = m.Step(title="maybe", optional=True)
    assert _words(jg.build_scene(_journey(choice, optional)), "legend") == ["pick one", "optional"]


# -- fixed fuzz findings ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LAYOUTS))
@pytest.mark.parametrize("width", (320, 480, 1200))
def test_an_icon_only_callout_keeps_its_icon_inside(name: str, width: int) -> None:
    scene = jg.build_scene(_journey(m.Callout(icon="book")), layout=name, width=width)
    assert check_scene(scene) == []
    boxes = [r for r in scene.walk() if isinstance(r, Rect) and r.role == "callout"]
    icons = [i for i in scene.walk() if isinstance(i, Icon)]
    if boxes:  # the compact layout summarises; it may leave the callout out
        assert boxes[0].box.contains(icons[0].box)


@pytest.mark.parametrize("length", (60, 300, 2000))
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_a_long_separator_wraps(name: str, length: int) -> None:
    separator = ("or " * length)[:length].strip()
    choice = m.Choice(separator=separator, options=[m.Option(title="a"), m.Option(title="b")])
    for width in (320, 800, 1920):
        scene = jg.build_scene(_journey(choice), layout=name, width=width)
        assert check_scene(scene) == []
        assert scene.width <= max(width, 1600)


def test_poster_columns_avoid_splitting_words_when_there_is_room() -> None:
    scene = jg.build_scene(jg.load(FEATURES), layout="poster", width=1200)
    words = set(" ".join(_words(scene)).split())
    assert "Administrator" in words and "fundamentals" in words


def test_the_checker_finds_a_ring_across_an_outline() -> None:
    from dataclasses import replace

    from journeygraphic.scene import Circle

    scene = jg.build_scene(jg.load(FEATURES), layout="vertical", width=800)
    frame = next(r for r in scene.walk() if isinstance(r, Rect) and r.role == "frame")
    ring = Circle(frame.x, frame.y + 20, 12, "none", "#0078D4", 2, role="ring")
    problems = check_scene(replace(scene, items=(*scene.items, ring)))
    assert any("ring crosses the edge of the frame box" in p for p in problems)
    inside = replace(ring, cx=frame.x + 4, cy=frame.y + 4, r=1, stroke_width=1)
    problems = check_scene(replace(scene, items=(*scene.items, inside)))
    assert not any("crosses the edge" in p for p in problems)

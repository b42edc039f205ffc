"""Personal progress: reading a progress file, located errors, and what each layout draws."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import journeygraphic as jg
from journeygraphic import model as m
from journeygraphic.check import check_scene
from journeygraphic.layout import LAYOUTS
from journeygraphic.layout._progress import Marks, along
from journeygraphic.layout.compact import summary_cards
from journeygraphic.loader import loads_progress
from journeygraphic.scene import Circle, Rect, Scene, Text, to_json
from journeygraphic.scene import Path as ScenePath
from strategies import journeys_with_progress

ROOT = Path(__file__).resolve().parent.parent
PROGRESS = ROOT / "examples" / "progress.yaml"
BLUE = "#0078D4"  # the default theme's progress colour


@pytest.fixture(scope="module")
def az400() -> jg.Journey:
    return jg.load(ROOT / "specs" / "az400.yaml")


@pytest.fixture(scope="module")
def mine(az400: jg.Journey) -> m.Progress:
    return jg.read_progress(PROGRESS, az400)


def _problem(text: str, journey: jg.Journey, filename: str = "me.yaml") -> jg.Problem:
    with pytest.raises(jg.SpecError) as error:
        loads_progress(text, journey, filename=filename)
    assert len(error.value.problems) == 1, error.value
    return error.value.problems[0]


def _texts(scene: Scene, role: str | None = None) -> list[Text]:
    return [t for t in scene.walk() if isinstance(t, Text) and role in (None, t.role)]


def _words(scene: Scene, role: str | None = None) -> list[str]:
    return [" ".join(t.lines) for t in _texts(scene, role)]


# -- reading ----------------------------------------------------------------------------------


def test_the_example_progress_file_reads(mine: m.Progress) -> None:
    assert mine.steps["az-104"] == "done"
    assert mine.steps["az-400-exam"] == "current"
    assert mine.steps["az-204"] == "skipped"


def test_json_progress_reads_too(az400: jg.Journey) -> None:
    progress = loads_progress('{"steps": {"outline": "done"}}', az400, filename="p.json")
    assert progress.steps == {"outline": "done"}


def test_an_unknown_id_is_located_in_the_progress_file_with_a_suggestion(
    az400: jg.Journey,
) -> None:
    problem = _problem("version: 1\nsteps:\n  az-104: done\n  az-400-exm: current\n", az400)
    assert (problem.file, problem.line, problem.col) == ("me.yaml", 4, 3)
    assert "no phase, step or option with the id 'az-400-exm'" in problem.message
    assert "did you mean 'az-400-exam'?" in problem.message


def test_an_id_far_from_any_lists_the_ids(az400: jg.Journey) -> None:
    problem = _problem("steps: {zzz: done}\n", az400)
    assert "ids it has: start, prerequisite" in problem.message


@pytest.mark.parametrize(
    ("text", "expected", "where"),
    [
        ("steps: {az-104: finished}\n", "'finished' is not allowed; use one of: done", (1, 17)),
        ("steps: {az-104: current, az-204: current}\n", "only one step can be current", (1, 34)),
        ("version: 2\nsteps: {}\n", "progress version 2 is not supported", (1, 10)),
        ("step: {az-104: done}\n", "unknown field 'step'; did you mean 'steps'?", (1, 1)),
        ("", "the file is empty; progress needs 'steps:'", (1, 1)),
        ("- az-104\n", "the top level must be a mapping (version:, steps:), not a list", (1, 1)),
    ],
)
def test_mistakes_are_located(
    az400: jg.Journey, text: str, expected: str, where: tuple[int, int]
) -> None:
    problem = _problem(text, az400)
    assert expected in problem.message
    assert (problem.line, problem.col) == where


def test_a_missing_progress_file_is_a_spec_error(az400: jg.Journey, tmp_path: Path) -> None:
    with pytest.raises(jg.SpecError, match="does not exist"):
        jg.read_progress(tmp_path / "nope.yaml", az400)


def test_the_api_takes_a_mapping_and_checks_its_ids(az400: jg.Journey) -> None:
    scene = jg.build_scene(az400, progress={"outline": "done"})
    assert "\u2713\u00a0DONE" in _words(scene, "status")
    with pytest.raises(jg.SpecError) as error:
        jg.render(az400, "svg", progress={"outlines": "done"})
    assert "did you mean 'outline'?" in str(error.value)
    assert error.value.problems[0].path == "steps.outlines"


# -- the poster ---------------------------------------------------------------------------------


def _nodes(scene: Scene) -> list[Circle]:
    return [c for c in scene.walk() if isinstance(c, Circle) and c.role == "node"]


def _travelled(scene: Scene) -> list[ScenePath]:
    return [p for p in scene.walk() if isinstance(p, ScenePath) and p.role == "timeline"]


def test_no_progress_draws_exactly_what_it_drew_before(az400: jg.Journey) -> None:
    assert to_json(jg.build_scene(az400, progress=None)) == to_json(jg.build_scene(az400))


def test_the_path_is_travelled_to_you_are_here(az400: jg.Journey, mine: m.Progress) -> None:
    scene = jg.build_scene(az400, progress=mine)
    nodes = _nodes(scene)
    exam = 3  # the phase holding az-400-exam, which is current
    done, ahead = _travelled(scene)
    assert done.stroke == BLUE and done.commands[-1][1] == pytest.approx(nodes[exam].cx)
    assert ahead.stroke != BLUE
    assert [n.fill == BLUE for n in nodes] == [True, True, True, False, False, False]
    rings = [c for c in scene.walk() if isinstance(c, Circle) and c.role == "ring"]
    assert [(r.cx, r.cy) for r in rings] == [(nodes[exam].cx, nodes[exam].cy)]


def test_a_partly_done_phase_fills_part_of_its_stretch(az400: jg.Journey) -> None:
    # Upskill has four tasks (bullets do not count): two done is half of its stretch.
    scene = jg.build_scene(az400, progress={"outline": "done", "training": "done"})
    nodes = _nodes(scene)
    done = _travelled(scene)[0]
    assert done.commands[-1][1] == pytest.approx((nodes[2].cx + nodes[3].cx) / 2)
    assert nodes[2].fill != BLUE and nodes[2].stroke == BLUE  # reached, not passed


def test_marks_say_the_state_in_words(az400: jg.Journey, mine: m.Progress) -> None:
    scene = jg.build_scene(az400, progress=mine)
    assert sorted(_words(scene, "status")) == sorted(
        ["\u2713\u00a0DONE", "\u2713\u00a0DONE", "\u2713\u00a0DONE", "SKIPPED", "SKIPPED",
         "YOU ARE HERE"]
    )  # fmt: skip
    frames = [r for r in scene.walk() if isinstance(r, Rect) and r.role == "frame"]
    assert len(frames) == 1 and frames[0].stroke == BLUE and not frames[0].dash
    here = next(t for t in _texts(scene, "status") if t.lines == ("YOU ARE HERE",))
    assert frames[0].box.contains(here.line_boxes()[0])


def test_skipped_steps_fade(az400: jg.Journey, mine: m.Progress) -> None:
    scene = jg.build_scene(az400, progress=mine)
    faded = jg.builtin_theme().palette.skipped
    skipped = {" ".join(t.lines) for t in _texts(scene) if t.fill == faded}
    assert {"Measure your skills", "Azure Developer Associate"} <= skipped


def test_track_dots_show_their_stages_state(az400: jg.Journey, mine: m.Progress) -> None:
    scene = jg.build_scene(az400, progress=mine)
    dots = [c for c in scene.walk() if isinstance(c, Circle) and c.role == "dot"]
    filled = [d.fill == BLUE for d in dots]
    assert filled == [True, True, False, False, False]  # outline, training done


def test_a_phase_marked_done_marks_its_steps_done(az400: jg.Journey) -> None:
    scene = jg.build_scene(az400, progress={"keep-going": "done"})
    assert _words(scene, "status").count("\u2713\u00a0DONE") == 2
    assert _travelled(scene)[0].commands[-1][1] == pytest.approx(scene.width)


def test_empty_progress_draws_the_whole_path_ahead(az400: jg.Journey) -> None:
    scene = jg.build_scene(az400, progress={})
    (line,) = _travelled(scene)
    assert line.stroke != BLUE and all(n.fill != BLUE for n in _nodes(scene))


# -- every layout -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", (480, 1200, 1920))
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_progress_is_clean_in_every_layout(
    az400: jg.Journey, mine: m.Progress, name: str, width: int
) -> None:
    scene = jg.build_scene(az400, layout=name, width=width, progress=mine)
    assert check_scene(scene) == []
    assert "YOU ARE HERE" in _words(scene, "status")


def test_vertical_travels_down_to_you_are_here(az400: jg.Journey, mine: m.Progress) -> None:
    scene = jg.build_scene(az400, layout="vertical", width=800, progress=mine)
    nodes = _nodes(scene)
    done = _travelled(scene)[0]
    assert done.stroke == BLUE and done.commands[-1][2] == pytest.approx(nodes[3].cy + 1)


def test_compact_cards_carry_their_states(az400: jg.Journey, mine: m.Progress) -> None:
    cards = summary_cards(az400, Marks(mine.steps, True))
    assert [c.state for c in cards] == ["done", "current", None]
    assert [e.state for e in cards[0].entries] == ["done", "skipped"]
    scene = jg.build_scene(az400, layout="compact", width=1200, progress=mine)
    outlined = [r for r in scene.walk() if isinstance(r, Rect) and r.role == "card" and r.stroke]
    assert [r.stroke for r in outlined if r.stroke != "none"] == [BLUE]
    joins = [p for p in scene.walk() if isinstance(p, ScenePath) and p.role == "connector"]
    assert [j.stroke == BLUE for j in joins] == [True, False]


@pytest.mark.parametrize("width", [480, 1200])
def test_compact_says_where_you_are_when_no_card_stands_for_it(
    az400: jg.Journey, width: int
) -> None:
    # The summary has no card for Upskill: a step there that is current is named in words.
    here = {"az-104": "done", "training": "current"}
    scene = jg.build_scene(az400, layout="compact", width=width, progress=here)
    status = [t.lines for t in scene.walk() if isinstance(t, Text) and t.role == "status"]
    assert " ".join(status[-1]) == "YOU ARE HERE · Upskill: Train your way"
    assert check_scene(scene) == []
    on_a_card = jg.build_scene(
        az400, layout="compact", width=width, progress={"az-400-exam": "current"}
    )
    texts = [" ".join(t.lines) for t in on_a_card.walk() if isinstance(t, Text)]
    assert "YOU ARE HERE" in texts and not any("YOU ARE HERE ·" in t for t in texts)


# -- the legend ---------------------------------------------------------------------------------


def test_the_legend_explains_the_states_drawn(az400: jg.Journey, mine: m.Progress) -> None:
    plain = jg.build_scene(az400)
    assert _words(plain, "legend") == []  # "OR" reads on its own: no legend for az400
    scene = jg.build_scene(az400, progress=mine)
    assert _words(scene, "legend") == ["pick one", "done", "you are here", "skipped"]
    only_done = jg.build_scene(az400, progress={"outline": "done"})
    assert _words(only_done, "legend") == ["pick one", "done"]


# -- the arithmetic -----------------------------------------------------------------------------


def test_reach_counts_settled_tasks_of_the_furthest_phase() -> None:
    phases = [
        m.Phase(caption="a", steps=[m.Step(id="a1", title="x")]),
        m.Phase(
            caption="b",
            steps=[
                m.Step(id="b1", title="x"),
                m.Step(id="b2", title="x"),
                m.Step(id="b3", title="x", optional=True),
                m.Bullets(items=["info"]),
            ],
        ),
    ]
    assert Marks({}, True).reach(phases) is None
    assert Marks({"a1": "done"}, True).reach(phases) == 1.0
    assert Marks({"b1": "done"}, True).reach(phases) == 1.5  # the optional one not counted
    assert Marks({"b1": "done", "b3": "skipped"}, True).reach(phases) == pytest.approx(1 + 2 / 3)
    assert Marks({"b2": "current"}, True).reach(phases) == 1.0
    assert along(1.5, [10, 20], 40) == 30 and along(None, [10], 20) is None


def test_a_choice_is_done_once_an_option_is() -> None:
    choice = m.Choice(
        id="c",
        options=[
            m.Option(id="o1", title="a"),
            m.Option(id="o2", title="b", steps=[m.Step(id="s1", title="x")]),
        ],
    )
    assert Marks({"o1": "done"}, True).settled(choice) == "done"
    assert Marks({"s1": "done"}, True).settled(choice) == "done"
    assert Marks({"s1": "current"}, True).settled(choice) == "current"
    assert Marks({"o1": "skipped", "o2": "skipped"}, True).settled(choice) == "skipped"
    assert Marks({"o1": "skipped"}, True).settled(choice) is None


# -- generated journeys -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LAYOUTS))
@given(case=journeys_with_progress(), width=st.integers(320, 2400))
def test_generated_progress_is_clean_in_every_layout(
    name: str, case: tuple[m.Journey, m.Progress], width: int
) -> None:
    journey, progress = case
    scene = jg.build_scene(journey, layout=name, width=width, progress=progress)
    assert check_scene(scene) == []

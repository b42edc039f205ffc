"""Every layout, every catalog spec, several widths: proven clean by the layout checker."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import journeygraphic as jg
from goldens import compare_json
from journeygraphic import model as m
from journeygraphic.check import check_scene
from journeygraphic.layout import LAYOUTS, compact, vertical
from journeygraphic.layout.auto import choose
from journeygraphic.layout.compact import summary_cards
from journeygraphic.scene import Circle, Rect, Scene, Text, to_json
from journeygraphic.scene import Path as ScenePath
from strategies import big_journeys, feature_journeys, journeys

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
FEATURES = ROOT / "examples" / "features.yaml"  # every feature of the spec format
SPECS = [*sorted((ROOT / "specs").glob("*.yaml")), FEATURES]
WIDTHS = (480, 800, 1200, 1920)
NEW_LAYOUTS = ("vertical", "compact", "auto")


@pytest.fixture(scope="module")
def az400() -> jg.Journey:
    return jg.load(ROOT / "specs" / "az400.yaml")


def _texts(scene: Scene) -> list[Text]:
    return [i for i in scene.walk() if isinstance(i, Text)]


def _words(scene: Scene) -> str:
    return " ".join(" ".join(t.lines) for t in _texts(scene))


# -- the checker on every layout x spec x width ---------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_every_layout_is_clean(name: str, spec: Path, width: int) -> None:
    scene = jg.build_scene(jg.load(spec), layout=name, width=width)
    assert check_scene(scene) == []


@pytest.mark.parametrize("width", (320, 360, *WIDTHS, 2400))
@pytest.mark.parametrize("name", NEW_LAYOUTS)
def test_new_layouts_fit_the_width_exactly(az400: jg.Journey, name: str, width: int) -> None:
    assert jg.build_scene(az400, layout=name, width=width).width == width


@pytest.mark.parametrize("width", (360, 480, 1200))
@pytest.mark.parametrize("name", ("vertical", "compact"))
def test_fonts_keep_their_theme_sizes(az400: jg.Journey, name: str, width: int) -> None:
    # Text reflows; it never shrinks. (The badge's lettering is part of the drawing.) On
    # phones the header's type alone is smaller, so the journey starts on the first screen.
    sizes = set(jg.builtin_theme().typography.sizes.model_dump().values())
    scene = jg.build_scene(az400, layout=name, width=width)
    bands = [i.h for i in scene.walk() if isinstance(i, Rect) and i.role == "band" and i.y == 0]
    top = bands[0] if bands else 0.0  # the compact layout has no header band
    body = [t for t in _texts(scene) if t.role != "badge-text" and t.y > top]
    assert {t.font.size for t in body} <= sizes
    header = {t.font.size for t in _texts(scene) if t.y < top}
    phone = {round(s * f * 2) / 2 for s in sizes for f in (0.6, 0.75)}
    assert header <= (phone if name != "compact" and width <= 480 else sizes)


def test_unknown_layout_names_the_known_ones(az400: jg.Journey) -> None:
    with pytest.raises(ValueError, match="vertical, compact, auto"):
        jg.build_scene(az400, layout="diagonal")


# -- generated journeys ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LAYOUTS))
@given(journey=journeys | big_journeys | feature_journeys, width=st.integers(360, 2400))
def test_generated_journeys_are_clean_in_every_layout(
    name: str, journey: jg.Journey, width: int
) -> None:
    scene = jg.build_scene(journey, layout=name, width=width)
    assert check_scene(scene) == []
    if name != "poster":  # the poster grows a page too narrow for its columns
        assert scene.width == width


# -- vertical -------------------------------------------------------------------------------


def _nodes(scene: Scene) -> list[Circle]:
    return [i for i in scene.walk() if isinstance(i, Circle) and i.role == "node"]


@pytest.mark.parametrize("width", (360, 800, 1920))
def test_vertical_has_one_node_per_phase_down_one_line(az400: jg.Journey, width: int) -> None:
    nodes = _nodes(jg.build_scene(az400, layout="vertical", width=width))
    assert len(nodes) == len(az400.phases)
    assert len({n.cx for n in nodes}) == 1
    assert [n.cy for n in nodes] == sorted(n.cy for n in nodes)


def test_vertical_track_has_a_dot_per_stage(az400: jg.Journey) -> None:
    scene = jg.build_scene(az400, layout="vertical", width=480)
    dots = [i for i in scene.walk() if isinstance(i, Circle) and i.role == "dot"]
    assert len(dots) == sum(len(p.steps) for p in az400.phases if p.track)


def _option_baselines(scene: Scene) -> dict[str, float]:
    titles = ("Azure Administrator", "Azure Developer")
    headings = [t for t in _texts(scene) if t.role == "heading"]
    # Joined: where a title breaks (the first line may be "Azure" alone) is not the point.
    joined = {" ".join(t.lines): t.y for t in headings}
    return {text: y for text, y in joined.items() if text.startswith(titles)}


def test_vertical_choices_side_by_side_when_they_fit(az400: jg.Journey) -> None:
    wide = _option_baselines(jg.build_scene(az400, layout="vertical", width=1200))
    assert len(set(wide.values())) == 1  # one row, "OR" between
    narrow = _option_baselines(jg.build_scene(az400, layout="vertical", width=320))
    assert len(set(narrow.values())) == 2  # stacked


def test_vertical_wide_pages_keep_a_readable_measure(az400: jg.Journey) -> None:
    scene = jg.build_scene(az400, layout="vertical", width=2400)
    body = [t for t in _texts(scene) if t.role == "body" and t.bounds]
    assert max(t.bounds.w for t in body if t.bounds) <= vertical.MAX_CONTENT


def test_vertical_lays_each_stage_out_once(
    az400: jg.Journey, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Linear work: no balancing loop, no re-layout per width (timings live in bench/).
    calls: list[object] = []
    real = vertical.stage_block

    def counting(*args: object) -> object:
        calls.append(args[1])
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(vertical, "stage_block", counting)
    many = az400.model_copy(update={"phases": az400.phases * 2})
    for journey in (az400, many):
        calls.clear()
        jg.build_scene(journey, layout="vertical", width=800)
        assert len(calls) == len(journey.stages())


# -- compact --------------------------------------------------------------------------------


def _cards(scene: Scene) -> list[Rect]:
    return [i for i in scene.walk() if isinstance(i, Rect) and i.role == "card"]


def test_compact_summarises_prerequisite_exam_and_certification(az400: jg.Journey) -> None:
    cards = summary_cards(az400)
    assert [c.label for c in cards] == [
        "Earn a prerequisite",
        "Pass the required exam",
        "Earn the certification",
    ]
    assert [e.title for e in cards[0].entries] == [
        "Azure Administrator Associate",
        "Azure Developer Associate",
    ]
    assert cards[0].separator == "OR"
    assert cards[1].entries[0].detail == "Exam AZ-400"
    assert cards[2].certification is not None


def test_compact_cards_in_a_row_when_wide_and_stacked_when_narrow(az400: jg.Journey) -> None:
    row = _cards(jg.build_scene(az400, layout="compact", width=1200))
    assert len({c.y for c in row}) == 1 and len({c.h for c in row}) == 1
    stack = _cards(jg.build_scene(az400, layout="compact", width=480))
    assert len({c.x for c in stack}) == 1
    assert all(a.y + a.h < b.y for a, b in itertools.pairwise(stack))


def test_compact_joins_cards_with_connectors(az400: jg.Journey) -> None:
    for width in (480, 1200):
        scene = jg.build_scene(az400, layout="compact", width=width)
        joins = [i for i in scene.walk() if isinstance(i, ScenePath) and i.role == "connector"]
        assert len(joins) == 2


def test_compact_links_what_the_spec_links(az400: jg.Journey) -> None:
    svg = jg.render(az400, "svg", layout="compact", width=1200).decode()
    assert "https://docs.microsoft.com/learn/certifications/azure-administrator" in svg
    assert "https://docs.microsoft.com/learn/certifications/exams/az-400" in svg


def test_compact_omits_a_missing_prerequisite(az400: jg.Journey) -> None:
    phases = [p for p in az400.phases if p.id != "prerequisite"]
    cards = summary_cards(az400.model_copy(update={"phases": phases}))
    assert [c.label for c in cards] == ["Pass the required exam", "Earn the certification"]


def test_compact_of_a_journey_without_milestones_shows_its_title() -> None:
    journey = m.Journey(
        header=m.Header(lead="Learn", title="Something new"),
        phases=[m.Phase(caption="Read", steps=[m.Bullets(items=["a book"])])],
    )
    scene = jg.build_scene(journey, layout="compact", width=400)
    assert "Something new" in _words(scene)
    assert len(_cards(scene)) == 1
    assert compact.summary_cards(journey)[0].kicker == "Learn"


# -- auto -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "expected"),
    [(320, "compact"), (360, "vertical"), (1199, "vertical"), (1200, "poster")],
)
def test_auto_rule(width: int, expected: str) -> None:
    assert choose(width) == expected


@pytest.mark.parametrize("width", (340, 800, 1920))
def test_auto_is_the_chosen_layout(az400: jg.Journey, width: int) -> None:
    auto = jg.build_scene(az400, layout="auto", width=width)
    assert to_json(auto) == to_json(jg.build_scene(az400, layout=choose(width), width=width))


def test_auto_goes_vertical_when_the_poster_would_outgrow_the_width(az400: jg.Journey) -> None:
    crowded = az400.model_copy(update={"phases": az400.phases * 2})
    scene = jg.build_scene(crowded, layout="auto", width=1200)
    assert scene.width == 1200
    assert to_json(scene) == to_json(jg.build_scene(crowded, layout="vertical", width=1200))


# -- golden scenes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "width"), [("vertical", 480), ("vertical", 1200), ("compact", 480), ("compact", 1200)]
)
def test_golden_scene(az400: jg.Journey, name: str, width: int, accept: bool) -> None:
    current = to_json(jg.build_scene(az400, layout=name, width=width))
    _compare_golden(f"{name}-{width}", "the az400", current, accept)


# the feature demo (nested choice, optional steps, an all-of group, three options, roles),
# and az400 with examples/progress.yaml, in each layout
NEW_GOLDENS = [("poster", 1600), ("vertical", 480), ("vertical", 1200), ("compact", 480)]


@pytest.mark.parametrize(("name", "width"), [*NEW_GOLDENS, ("compact", 1200)])
def test_golden_features_scene(name: str, width: int, accept: bool) -> None:
    current = to_json(jg.build_scene(jg.load(FEATURES), layout=name, width=width))
    _compare_golden(f"features-{name}-{width}", "the features", current, accept)


@pytest.mark.parametrize(("name", "width"), [*NEW_GOLDENS, ("compact", 1200)])
def test_golden_progress_scene(az400: jg.Journey, name: str, width: int, accept: bool) -> None:
    progress = jg.read_progress(ROOT / "examples" / "progress.yaml", az400)
    current = to_json(jg.build_scene(az400, layout=name, width=width, progress=progress))
    _compare_golden(f"progress-{name}-{width}", "the az400 progress", current, accept)


def _compare_golden(stem: str, what: str, current: str, accept: bool) -> None:
    golden = GOLDEN / f"{stem}.scene.json"
    if accept or not golden.exists():
        golden.write_text(current, encoding="utf-8")
        if not accept:
            pytest.fail(f"{golden.name} was missing; written now - run again")
    difference = compare_json(golden.read_text(encoding="utf-8"), current)
    if difference:
        pytest.fail(
            f"{what} scene {stem} changed ({difference}); "
            "look at the picture, then run pytest --accept"
        )

"""The layout checker, and the layout proven clean with it on az400 and generated journeys."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import journeygraphic as jg
from goldens import compare_json
from journeygraphic.check import check_scene
from journeygraphic.layout import measurer_for
from journeygraphic.scene import Box, Rect, Scene, Text, to_json
from strategies import journeys

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def az400() -> jg.Journey:
    return jg.load(Path(__file__).resolve().parent.parent / "specs" / "az400.yaml")


@pytest.fixture(scope="module")
def scene(az400: jg.Journey) -> Scene:
    return jg.build_scene(az400)


def _texts(scene: Scene) -> list[Text]:
    return [i for i in scene.walk() if isinstance(i, Text)]


def test_az400_passes_the_checker(scene: Scene) -> None:
    assert check_scene(scene) == []


@pytest.mark.parametrize("width", [1200, 1600, 2400])
def test_az400_is_clean_at_other_widths(az400: jg.Journey, width: int) -> None:
    scene = jg.build_scene(az400, width=width)
    assert scene.width == width
    assert check_scene(scene) == []


def test_text_widths_are_real_measurements(scene: Scene) -> None:
    measurer = measurer_for(jg.builtin_theme())
    for text in _texts(scene):
        for line, width in zip(text.lines, text.widths, strict=True):
            assert width == pytest.approx(measurer.width(line, text.font), abs=0.01)


def test_every_stage_title_appears(scene: Scene, az400: jg.Journey) -> None:
    words = " ".join(" ".join(t.lines) for t in _texts(scene))
    for phase in az400.phases:
        assert phase.caption.split()[0] in words
    assert "AZ-400T00" in words and "Pluralsight" in words


def test_captions_sit_on_one_line_above_the_nodes(scene: Scene) -> None:
    # Captions are bottom-aligned: the last caption line of every phase shares one baseline.
    last: dict[float, float] = {}
    for text in _texts(scene):
        if text.role == "caption":
            bottom = text.y + (len(text.lines) - 1) * text.line_height
            last[round(text.x)] = max(last.get(round(text.x), 0.0), bottom)
    assert len(last) == 6
    assert len({round(v, 1) for v in last.values()}) == 1


def test_layout_is_deterministic(az400: jg.Journey) -> None:
    assert to_json(jg.build_scene(az400)) == to_json(jg.build_scene(az400))


def test_golden_scene(scene: Scene, accept: bool) -> None:
    golden = GOLDEN / "az400.scene.json"
    current = to_json(scene)
    if accept or not golden.exists():
        golden.write_text(current, encoding="utf-8")
        if not accept:
            pytest.fail("golden scene was missing; written now - run again")
    difference = compare_json(golden.read_text(encoding="utf-8"), current)
    if difference:
        pytest.fail(
            f"the az400 scene changed ({difference}); look at the picture, then run pytest --accept"
        )


# -- the checker itself must be able to fail ----------------------------------------------


def _with(scene: Scene, *extra: object) -> Scene:
    return replace(scene, items=(*scene.items, *extra))  # type: ignore[arg-type]


def test_checker_finds_overlapping_text(scene: Scene) -> None:
    first = _texts(scene)[3]
    twin = replace(first, x=first.x + 3)
    assert any("overlaps" in p for p in check_scene(_with(scene, twin)))


def test_checker_finds_text_wider_than_its_box(scene: Scene) -> None:
    text = _texts(scene)[5]
    assert text.bounds is not None
    narrow = replace(text, bounds=Box(text.bounds.x, text.bounds.y, 10, text.bounds.h))
    items = tuple(narrow if i is text else i for i in scene.items)
    assert any("wide but its box" in p for p in check_scene(replace(scene, items=items)))


def test_checker_finds_text_leaving_the_canvas(scene: Scene) -> None:
    text = _texts(scene)[5]
    gone = replace(text, x=scene.width - 5, bounds=None)
    assert any("leaves the canvas" in p for p in check_scene(_with(scene, gone)))


def test_checker_finds_text_across_a_card_edge(scene: Scene) -> None:
    text = _texts(scene)[5]
    box = text.line_boxes()[0]
    card = Rect(box.x + box.w / 2, box.y - 4, 400, 40, "#EBEBEB", role="callout")
    problems = check_scene(_with(scene, card))
    assert any("crosses the edge" in p for p in problems)


# -- generated journeys -------------------------------------------------------------------


@given(journeys, st.sampled_from([1200, 1600, 2200]))
def test_generated_journeys_lay_out_cleanly(journey: jg.Journey, width: int) -> None:
    scene = jg.build_scene(journey, width=width)
    assert check_scene(scene) == []
    assert scene.height > 0


# --- the fast paths layout takes must not change a picture ---------------------------------


@pytest.mark.parametrize("cls", [Text, Box])
def test_hand_written_inits_match_the_dataclass_fields(cls: type) -> None:
    import inspect
    from dataclasses import MISSING, fields

    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [p.name for p in params] == [f.name for f in fields(cls)]
    for param, f in zip(params, fields(cls), strict=True):
        expected = inspect.Parameter.empty if f.default is MISSING else f.default
        assert param.default == expected, f.name


def test_a_text_built_fast_is_a_full_frozen_text() -> None:
    font = measurer_for(jg.builtin_theme("default")).font(14)
    text = Text(1.0, 2.0, ("a",), font, "#000000", 18.0)
    assert text == Text(x=1.0, y=2.0, lines=("a",), font=font, fill="#000000", line_height=18.0)
    assert text.bounds is None and text.role == "" and text.widths == ()
    assert replace(text, fill="#FFFFFF").fill == "#FFFFFF"
    with pytest.raises(AttributeError):
        text.x = 3.0  # type: ignore[misc]


def test_balancing_heights_are_the_drawn_heights(az400: jg.Journey) -> None:
    """The sizing pass (no tracks or badges drawn) measures what the drawing pass draws."""
    from journeygraphic.layout import poster
    from journeygraphic.layout._context import Context

    theme = jg.builtin_theme("default")
    ctx = Context(theme, measurer_for(theme))
    costs = poster._ColumnCosts(ctx, az400.phases)
    for i, phase in enumerate(az400.phases):
        for width in (150.0, 232.0, 400.0):
            _, caption, column = costs.heights(i, width)
            assert caption == poster._caption(ctx, phase, 0, width).height
            assert column == poster._column(ctx, phase, 0, 0, width).height


@pytest.mark.parametrize("layout", ["poster", "vertical"])
def test_a_narrow_page_stacks_long_footer_texts(layout: str) -> None:
    # Found by hypothesis: side by side at 320 px, the note got an 11 px column, one
    # letter per line and still too wide for it.
    long = "W" * 30
    journey = jg.Journey(
        header=jg.Header(title="Azure"),
        phases=[jg.Phase(caption=long, steps=[])],
        footer=jg.Footer(
            brand=long, note=long, link=jg.Link(label="Azure Azure", url="https://example.com/f")
        ),
    )
    scene = jg.build_scene(journey, layout=layout, width=320)
    assert check_scene(scene) == []
    footer = [
        i
        for i in scene.items
        if isinstance(i, Text) and i.lines[0].startswith("W") and i.role == "footer"
    ]
    assert footer and min(t.bounds.w for t in footer) > 100

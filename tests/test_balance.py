"""Column balance of the poster (issue 14 item 4) and its flowed sub-columns (item 2).

No poster of the catalog (specs/) or of the corpus (tests/corpus/) at 1600 px has a column
more than twice the median column height, measured on the scene, unless the layout says
why (``Plan.why``). A column that is too tall flows into two sub-columns under its node:
split at a stage boundary, read in stage order, its track continued from the foot of the
first sub-column to the top of the second.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
import yaml

import corpus_checks as cc
import journeygraphic as jg
from journeygraphic import model as m
from journeygraphic._pipeline import prepare
from journeygraphic.layout import measurer_for
from journeygraphic.layout._context import Context
from journeygraphic.layout.poster import FLOW_RATIO, Plan, poster_plan
from journeygraphic.scene import Circle, Scene, Text
from journeygraphic.scene import Path as ScenePath
from test_reading_order import document_text, first_missing, headlines

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "tests" / "corpus").glob("*.yaml")) + sorted((ROOT / "specs").glob("*.yaml"))
# Posters that flow a column (found by looking): the catalog's AZ-305 and the corpus's
# Terraform (an upskill track), and Red Hat (an all-of group, no track).
FLOWED = [
    ("specs/az305.yaml", 1600),
    ("specs/az305.yaml", 2400),
    ("tests/corpus/hashicorp-terraform-associate.yaml", 1200),
    ("tests/corpus/redhat-rhcsa-rhce.yaml", 1600),
]


def _plan_and_scene(journey: m.Journey, width: int) -> tuple[Plan, Scene]:
    prepared = prepare(journey, jg.RenderOptions(layout="poster", width=width, theme="default"))
    ctx = Context(prepared.theme, measurer_for(prepared.theme), lang=journey.lang)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jg.LayoutWarning)
        scene = jg.build_scene(journey, layout="poster", width=width, theme="default")
    return poster_plan(journey, ctx, width), scene


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_no_column_is_over_twice_the_median_unless_the_layout_says_why(spec: Path) -> None:
    plan, scene = _plan_and_scene(jg.load(spec), 1600)
    heights = cc.poster_columns(scene)
    assert len(heights) == sum(len(row.xs) for row in plan.rows)
    balance = cc.column_balance(heights)
    assert balance <= FLOW_RATIO or plan.why, (balance, [round(h) for h in heights])


def _flowed(plan: Plan) -> list[tuple[int, int]]:
    """(phase index, split) of every flowed column."""
    return [
        (row.start + i, split) for row in plan.rows for i, split in enumerate(row.splits) if split
    ]


@pytest.mark.parametrize(("spec", "width"), FLOWED)
def test_a_tall_column_flows_at_a_stage_boundary_and_reads_in_stage_order(
    spec: str, width: int
) -> None:
    journey = jg.load(ROOT / spec)
    plan, scene = _plan_and_scene(journey, width)
    flowed = _flowed(plan)
    assert len(flowed) == 1 and not plan.why
    index, split = flowed[0]
    phase = journey.phases[index]
    assert 0 < split < len(phase.steps)
    texts = document_text(jg.render(journey, "svg", layout="poster", width=width, theme="default"))
    wanted = [p.caption or "" for p in journey.phases[: index + 1]]
    wanted += [h for stage in phase.steps for h in headlines(stage)]
    assert first_missing(texts, wanted) is None
    first, second = _stage_lefts(scene, phase, split)
    assert max(first) < min(second)  # the second sub-column stands right of the first


def _stage_lefts(scene: Scene, phase: m.Phase, split: int) -> tuple[list[float], list[float]]:
    """The left edge of each stage's words (every headline) before and after ``split``."""

    def lefts(stages: list[m.Stage]) -> list[float]:
        words = {h for stage in stages for h in headlines(stage)}
        return [t.x for t in scene.walk() if isinstance(t, Text) and " ".join(t.lines) in words]

    return lefts(phase.steps[:split]), lefts(phase.steps[split:])


def test_the_split_leaves_the_taller_half_as_short_as_a_stage_boundary_allows() -> None:
    journey = jg.load(ROOT / "specs" / "az305.yaml")
    plan, _ = _plan_and_scene(journey, 2400)
    ((index, _split),) = _flowed(plan)
    phase, row = journey.phases[index], plan.rows[0]
    heights = _stage_heights(plan, phase, row.widths[index - row.start])
    gap = 3 * plan.ctx.unit
    drop = 2 * plan.ctx.unit  # the track turns towards the gap under the first half
    halves = [
        max(
            sum(heights[:k]) + gap * (k - 1) + drop, sum(heights[k:]) + gap * (len(heights) - k - 1)
        )
        for k in range(1, len(heights))
    ]
    assert row.heights[index - row.start] == pytest.approx(min(halves))
    assert min(halves) < sum(heights)  # flowed, the column is shorter than stacked


def _stage_heights(plan: Plan, phase: m.Phase, width: float) -> list[float]:
    from journeygraphic.layout.poster import _stack, _sub_width

    sub = _sub_width(plan.ctx, width)
    return [_stack(plan.ctx, phase, [s], 0, 0, sub)[0].height for s in phase.steps]


def _tracks(scene: Scene) -> list[ScenePath]:
    return [p for p in scene.walk() if isinstance(p, ScenePath) and p.role == "track"]


def test_the_track_runs_on_from_the_first_sub_column_to_the_top_of_the_second() -> None:
    journey = jg.load(ROOT / "tests" / "corpus" / "hashicorp-terraform-associate.yaml")
    plan, scene = _plan_and_scene(journey, 1200)
    ((index, split),) = _flowed(plan)
    dots = sorted(
        (c for c in scene.walk() if isinstance(c, Circle) and c.role == "dot"),
        key=lambda c: (c.cx, c.cy),
    )
    assert len(dots) == len(journey.phases[index].steps)
    left = [d for d in dots if d.cx == dots[0].cx]
    right = [d for d in dots if d.cx != dots[0].cx]
    assert len(left) == split and right and right[0].cx > left[0].cx
    dotted = [p for p in _tracks(scene) if p.dash]
    assert len(dotted) == 1  # the link up the gap between the sub-columns
    (_, gap_x, foot), (_, gap_x2, entry) = dotted[0].commands
    assert gap_x == gap_x2 and left[0].cx < gap_x < right[0].cx
    assert foot > left[-1].cy and entry < right[0].cy  # from the first's foot to the top
    starts = [p.commands[0][1:] for p in _tracks(scene)]
    assert (gap_x, entry) in starts  # the second sub-column's track comes in from the gap


def _with_step_ids(spec: Path, phase_id: str) -> m.Journey:
    """The journey of ``spec`` with ids s0, s1 ... on the steps of phase ``phase_id``."""
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    for phase in data["phases"]:
        if phase["id"] == phase_id:
            for i, step in enumerate(phase["steps"]):
                step["id"] = f"s{i}"
    return m.Journey.model_validate(data)


def test_progress_on_the_second_sub_column_colours_the_way_there() -> None:
    spec = ROOT / "tests" / "corpus" / "hashicorp-terraform-associate.yaml"
    journey = _with_step_ids(spec, "upskill")
    plan, _ = _plan_and_scene(journey, 1200)
    ((_, split),) = _flowed(plan)
    steps: dict[str, m.State] = {f"s{i}": "done" for i in range(split)}
    before = jg.build_scene(journey, layout="poster", width=1200, theme="default", progress=steps)
    steps[f"s{split}"] = "current"
    after = jg.build_scene(journey, layout="poster", width=1200, theme="default", progress=steps)
    done = jg.builtin_theme("default").palette.done
    assert [p.stroke for p in _tracks(before) if p.dash] != [done]
    assert [p.stroke for p in _tracks(after) if p.dash] == [done]


def test_a_single_tall_stage_is_not_flowed_and_the_layout_says_why() -> None:
    steps = [{"title": "A step", "description": "A few words on what it is"}]
    bullets = {
        "kind": "bullets",
        "title": "A long list",
        "items": [f"Point {i}" for i in range(30)],
    }
    phases = [{"id": "long", "caption": "Long", "steps": [bullets]}]
    phases += [{"id": f"p{i}", "caption": f"Phase {i}", "steps": steps} for i in range(4)]
    journey = m.Journey.model_validate(
        {"version": 1, "header": {"title": "Balance"}, "phases": phases}
    )
    plan, scene = _plan_and_scene(journey, 1600)
    assert cc.column_balance(cc.poster_columns(scene)) > FLOW_RATIO
    assert not _flowed(plan)
    assert "'Long' is one stage" in plan.why


def test_a_row_that_cannot_flow_its_tall_column_wraps_onto_two_rows() -> None:
    from journeygraphic.layout.poster import _arranged, _busiest, _spans

    journey = jg.load(ROOT / "specs" / "az305.yaml")
    plan, _ = _plan_and_scene(journey, 1600)
    phases = journey.phases
    one_row = _arranged(plan.ctx, phases, _spans(len(phases), 1), _busiest(phases), 1600)
    needed = re.search(r"'Upskill' flowed into two sub-columns needs a (\d+) px page", one_row.why)
    assert needed and int(needed.group(1)) > 1600
    assert len(plan.rows) == 2 and plan.factor == 1.0 and not plan.why


def test_a_balanced_poster_keeps_one_row_and_no_flow() -> None:
    plan, _ = _plan_and_scene(jg.load(ROOT / "specs" / "az400.yaml"), 1600)
    assert len(plan.rows) == 1 and not _flowed(plan) and plan.factor == 1.0

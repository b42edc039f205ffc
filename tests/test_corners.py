"""Quadratic and oversized corners (issue 16): the checker's pairs, PDF's page limit."""

from __future__ import annotations

import time
from itertools import combinations
from pathlib import Path

import pytest

import journeygraphic as jg
from journeygraphic.backends import render_scene
from journeygraphic.check import Shape, _pairs, _shapes, check_scene
from journeygraphic.cli import main
from journeygraphic.errors import RenderError
from journeygraphic.scene import Box, Rect, Scene
from journeygraphic.scene import Path as ScenePath

ROOT = Path(__file__).resolve().parent.parent


def _brute_force(shapes: list[Shape]) -> set[tuple[int, int]]:
    return {
        (id(a), id(b)) if id(a) < id(b) else (id(b), id(a))
        for a, b in combinations(shapes, 2)
        if a.owner != b.owner and a.box.overlaps(b.box, 0.5)
    }


@pytest.mark.parametrize("spec", ["az400.yaml", "az104.yaml", "pl300.yaml"])
@pytest.mark.parametrize("layout", ["poster", "vertical", "compact"])
def test_the_grid_finds_exactly_the_overlapping_pairs(spec: str, layout: str) -> None:
    scene = jg.build_scene(jg.load(ROOT / "specs" / spec), layout=layout)
    shapes = list(_shapes(scene))
    found = {(min(id(a), id(b)), max(id(a), id(b))) for a, b in _pairs(shapes)}
    assert found == _brute_force(shapes)


def test_pairs_come_in_sweep_order_and_find_planted_overlaps() -> None:
    boxes = [Box(10 * i, 5 * i, 30, 12) for i in range(40)] + [Box(-5, -5, 500, 500)]
    shapes = [Shape("rect", box, f"r{i}", i) for i, box in enumerate(boxes)]
    pairs = list(_pairs(shapes))
    assert {(min(id(a), id(b)), max(id(a), id(b))) for a, b in pairs} == _brute_force(shapes)
    later = [max(a.box.y, b.box.y) for a, b in pairs]
    assert later == sorted(later)


def test_a_horizontal_line_is_one_box_not_hundreds() -> None:
    line = ScenePath((("M", 0, 10), ("L", 1000, 10)), stroke="#000000", stroke_width=2)
    diagonal = ScenePath((("M", 0, 0), ("L", 400, 300)), stroke="#000000", stroke_width=2)
    scene = Scene(1200, 400, "#FFFFFF", (line, diagonal))
    shapes = list(_shapes(scene))
    assert [s.box for s in shapes if s.owner == 0][-1] == Box(-1, 9, 1002, 2)
    assert len([s for s in shapes if s.owner == 1]) > 50  # a slanted line is still sampled


def test_two_thousand_options_check_in_seconds_not_minutes() -> None:
    options = [{"title": f"Option {i}"} for i in range(1999)]
    journey = jg.loads(
        '{"header": {"title": "T"}, "phases": [{"caption": "C", "steps": [{"kind": "choice",'
        f' "title": "Pick", "options": {options!r}}}]}}]}}'.replace("'", '"')
    )
    scene = jg.build_scene(journey)
    started = time.perf_counter()
    assert check_scene(scene) == []
    assert time.perf_counter() - started < 10  # 34 s before (quadratic); ~0.6 s now


def test_a_pdf_page_over_the_pdf_limit_is_refused_before_drawing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from journeygraphic.backends import pdf

    monkeypatch.setattr(pdf, "draw_scene", _must_not_run)
    tall = Scene(1600, 14_401, "#FFFFFF", (Rect(0, 0, 10, 10, "#000000"),))
    with pytest.raises(RenderError, match=r"1,600 × 14,401 points.*14,400"):
        render_scene(tall, "pdf")
    with pytest.raises(RenderError):
        render_scene(Scene(float("nan"), 10, "#FFFFFF", ()), "pdf")


def test_the_pdf_page_limit_is_a_clear_error_at_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = "".join(f"          - title: Option {i}\n" for i in range(400))
    steps = f"      - kind: choice\n        title: Pick\n        options:\n{options}"
    spec = tmp_path / "tall.yaml"
    spec.write_text(f"header:\n  title: T\nphases:\n  - caption: C\n    steps:\n{steps}", "utf-8")
    started = time.perf_counter()
    code = main([str(spec), "-o", str(tmp_path / "tall.pdf")])
    assert code == 2 and time.perf_counter() - started < 10
    assert "over PDF's limit of 14,400 points" in capsys.readouterr().err
    assert not (tmp_path / "tall.pdf").exists()


def _must_not_run(*args: object, **kwargs: object) -> None:
    raise AssertionError("drawing started")

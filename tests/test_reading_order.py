"""The SVG's text, read in document order (what a screen reader and copy-paste get), follows
the spec: phases in order, stages in order, each choice's "OR" between its options.

Text is compared without whitespace, so lines that wrapping split (``Instructor-`` /
``led``) read as the spec's words. The compact layout is a three-card summary of a few
stages, so only the checks that make sense for it run on it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import journeygraphic as jg
from journeygraphic import model as m
from journeygraphic.layout._roles import separator_of
from svgcheck import SVG_NS

ROOT = Path(__file__).resolve().parent.parent
SPECS = [ROOT / "specs" / "az400.yaml", ROOT / "examples" / "features.yaml"]
_WHITESPACE = re.compile(r"\s+")


def document_text(svg: bytes) -> list[str]:
    """Each ``<text>`` of the SVG in document order, its lines joined, whitespace removed."""
    root = ET.fromstring(svg)
    out = []
    for element in root.iter(f"{{{SVG_NS}}}text"):
        lines = [t.text or "" for t in element.iter(f"{{{SVG_NS}}}tspan")]
        out.append(_squeeze(" ".join(lines)))
    return out


def _squeeze(text: str) -> str:
    return _WHITESPACE.sub("", text)


def first_missing(texts: list[str], wanted: list[str]) -> str | None:
    """The first of ``wanted`` not found, in order, after the one before it; None if all are.

    Several wanted strings may sit in one ``<text>``; each is searched after the last match.
    """
    joined = "\n".join(texts)
    at = 0
    for phrase in wanted:
        found = joined.find(_squeeze(phrase), at)
        if found < 0:
            return phrase
        at = found + len(_squeeze(phrase))
    return None


def headlines(stage: Any) -> list[str]:
    """The words that name a stage and what is inside it, in spec order."""
    if isinstance(stage, m.Choice):
        out = [stage.title] if stage.title else []
        for option in stage.options:
            out += [option.title] + [h for s in option.steps for h in headlines(s)]
        return out
    if isinstance(stage, m.AllOf):
        inner = [h for s in stage.steps for h in headlines(s)]
        return ([stage.title] if stage.title else []) + inner
    if isinstance(stage, (m.Bullets, m.Callout)):
        items = [i if isinstance(i, str) else i.title for i in stage.items]
        return ([stage.title] if stage.title else []) + items
    if isinstance(stage, m.Exam):
        return [stage.code]
    if isinstance(stage, m.Certification):
        return [stage.name]
    return [stage.title]


def _svg(spec: Path, layout: str, width: int) -> tuple[m.Journey, list[str]]:
    journey = jg.load(spec)
    return journey, document_text(jg.render(journey, "svg", layout=layout, width=width))


FULL_LAYOUTS = [("poster", 1600), ("vertical", 1200), ("vertical", 480)]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
@pytest.mark.parametrize(("layout", "width"), FULL_LAYOUTS)
def test_phases_read_in_spec_order(spec: Path, layout: str, width: int) -> None:
    journey, texts = _svg(spec, layout, width)
    assert first_missing(texts, [p.caption for p in journey.phases]) is None


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
@pytest.mark.parametrize(("layout", "width"), FULL_LAYOUTS)
def test_stages_read_in_spec_order(spec: Path, layout: str, width: int) -> None:
    journey, texts = _svg(spec, layout, width)
    wanted = [h for stage in journey.stages() for h in headlines(stage)]
    assert first_missing(texts, wanted) is None


def _phase_by_phase(journey: m.Journey) -> list[str]:
    return [
        line
        for phase in journey.phases
        for line in [phase.caption, *(h for s in phase.steps for h in headlines(s))]
    ]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
@pytest.mark.parametrize(("layout", "width"), FULL_LAYOUTS)
def test_each_phase_reads_before_the_next(spec: Path, layout: str, width: int) -> None:
    journey, texts = _svg(spec, layout, width)
    missing = first_missing(texts, _phase_by_phase(journey))
    assert missing is None, f"{missing!r} is not read after the phase before it"


def _choices(stages: list[Any]) -> list[m.Choice]:
    out: list[m.Choice] = []
    for stage in stages:
        if isinstance(stage, m.Choice):
            out.append(stage)
            out += _choices([s for o in stage.options for s in o.steps])
        elif isinstance(stage, m.AllOf):
            out += _choices(stage.steps)
    return out


def _or_between_options(journey: m.Journey, texts: list[str]) -> list[str]:
    """Choices whose separator is not read between each pair of neighbouring options."""
    wrong = []
    for choice in _choices(journey.stages()):
        wanted = [choice.options[0].title]
        for option in choice.options[1:]:
            wanted += [separator_of(choice, journey.wording()), option.title]
        if first_missing(texts, wanted) is not None:
            wrong.append(" / ".join(o.title for o in choice.options))
    return wrong


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
@pytest.mark.parametrize(("layout", "width"), FULL_LAYOUTS)
def test_or_reads_between_the_options(spec: Path, layout: str, width: int) -> None:
    journey, texts = _svg(spec, layout, width)
    assert _or_between_options(journey, texts) == []


def test_compact_reads_or_between_its_entries() -> None:
    _, texts = _svg(SPECS[0], "compact", 1200)
    assert first_missing(texts, ["Azure Administrator Associate", "OR", "Azure Developer"]) is None


@pytest.mark.parametrize("width", [1200, 480], ids=["row", "column"])
def test_compact_reads_each_card_after_its_label(width: int) -> None:
    _, texts = _svg(SPECS[0], "compact", width)
    wanted = ["Earn a prerequisite", "Azure Administrator Associate", "Pass the required exam"]
    wanted += ["AZ-400", "Earn the certification", "DevOps Engineer Expert"]
    assert first_missing(texts, wanted) is None


def test_the_checker_notices_a_wrong_order() -> None:
    texts = ["Starthere", "Upskill", "Keepgoing"]
    assert first_missing(texts, ["Start here", "Keep going", "Upskill"]) == "Upskill"
    assert first_missing(texts, ["Start here", "Upskill", "Keep going"]) is None


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_text_stays_selectable_text(spec: Path) -> None:
    # Real <text>, never outlines or foreignObject: every stage's words are in the SVG.
    journey, texts = _svg(spec, "poster", 1600)
    joined = "".join(texts)
    for stage in journey.stages():
        for phrase in headlines(stage):
            assert _squeeze(phrase) in joined

"""The catalog of journeys in specs/: complete, dated, themed by level, clean and readable."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeygraphic as jg
from journeygraphic.check import check_scene
from journeygraphic.contrast import failures
from journeygraphic.loader import read_spec, validate
from journeygraphic.scene import Path as PathItem
from journeygraphic.theme import resolve_theme

SPECS = Path(__file__).resolve().parent.parent / "specs"
CATALOG = sorted(SPECS.glob("*.yaml"))
# exam code -> (certification name, level) the issue asks for
REQUIRED = {
    "AZ-900": ("Azure Fundamentals", "fundamentals"),
    "AZ-104": ("Azure Administrator Associate", "associate"),
    "AZ-204": ("Azure Developer Associate", "associate"),
    "AZ-305": ("Azure Solutions Architect Expert", "expert"),
    "AZ-500": ("Azure Security Engineer Associate", "associate"),
    "AI-102": ("Azure AI Engineer Associate", "associate"),
    "PL-300": ("Power BI Data Analyst Associate", "associate"),
    "MS-102": ("Administrator Expert", "expert"),
    "AZ-400": ("DevOps Engineer Expert", "expert"),
}


def _load(name: str) -> jg.Journey:
    return jg.load(SPECS / f"{name}.yaml")


def _of_kind(journey: jg.Journey, kind: type) -> list:  # type: ignore[type-arg]
    return [s for s in journey.stages() if isinstance(s, kind)]


def _by_exam() -> dict[str, jg.Journey]:
    found = {}
    for path in CATALOG:
        journey = jg.load(path)
        for exam in _of_kind(journey, jg.Exam):
            found[exam.code] = journey
    return found


def test_the_catalog_has_every_certification_the_issue_lists() -> None:
    by_exam = _by_exam()
    for code, (name, level) in REQUIRED.items():
        certification = _of_kind(by_exam[code], jg.Certification)[0]
        assert (certification.name, certification.level) == (name, level), code
    levels = {_of_kind(jg.load(p), jg.Certification)[0].level for p in CATALOG}
    assert levels == {"fundamentals", "associate", "expert", "specialty"}


@pytest.mark.parametrize("path", CATALOG, ids=lambda p: p.stem)
def test_each_spec_is_dated_and_earns_one_certification_with_one_exam(path: Path) -> None:
    journey = jg.load(path)
    assert journey.as_of and journey.as_of[:2] == "20"
    assert len(_of_kind(journey, jg.Certification)) == 1
    assert len(_of_kind(journey, jg.Exam)) == 1


@pytest.mark.parametrize("path", [p for p in CATALOG if p.stem != "az400"], ids=lambda p: p.stem)
def test_each_catalog_spec_wears_its_level_theme(path: Path) -> None:
    journey = jg.load(path)
    assert journey.theme == _of_kind(journey, jg.Certification)[0].level


@pytest.mark.parametrize("path", CATALOG, ids=lambda p: p.stem)
def test_each_spec_renders_cleanly_in_a_readable_theme(path: Path) -> None:
    located = read_spec(path)
    journey = validate(jg.Journey, located)
    theme = resolve_theme(journey, spec=located)  # refuses low contrast
    assert failures(theme) == []
    scene = jg.build_scene(journey, theme=theme, strict=True)
    assert check_scene(scene) == []
    assert jg.render(journey, "svg", base_dir=SPECS).startswith(b"<?xml")


@pytest.mark.parametrize("path", CATALOG, ids=lambda p: p.stem)
def test_links_are_https(path: Path) -> None:
    text = path.read_text("utf-8")
    assert "http://" not in text


def test_no_prerequisite_means_no_prerequisite_phase() -> None:
    journey = _load("az900")
    words = " ".join(f"{p.id} {p.caption}" for p in journey.phases).lower()
    assert "prerequisite" not in words
    assert "No prerequisite" in (journey.phases[0].detail or "")


def test_a_single_prerequisite_is_a_plain_step() -> None:
    journey = _load("az305")
    phase = next(p for p in journey.phases if p.id == "prerequisite")
    assert [type(s) for s in phase.steps] == [jg.Step]
    assert phase.steps[0].title == "Azure Administrator Associate"


def test_one_of_several_prerequisites_is_a_choice_of_more_than_two() -> None:
    journey = _load("ms102")
    phase = next(p for p in journey.phases if p.id == "prerequisite")
    choice = phase.steps[0]
    assert isinstance(choice, jg.Choice) and len(choice.options) > 2
    certification = _of_kind(journey, jg.Certification)[0]
    assert certification.issuer == "Microsoft 365 Certified:"


def test_the_specialty_badge_is_drawn_without_stars() -> None:
    journey = _load("az140")
    assert _of_kind(journey, jg.Certification)[0].level == "specialty"
    theme = jg.builtin_theme("specialty")
    scene = jg.build_scene(journey, base_dir=SPECS)
    badge = [i for i in scene.walk() if isinstance(i, PathItem) and i.role == "badge"]
    assert badge, "the badge is drawn"
    assert not [i for i in badge if i.fill == theme.badge.star and len(i.commands) == 11]

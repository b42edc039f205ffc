"""One format for every issuer (issue 15, items 1-4 and 7): open levels and issuers, the goal,
fewer required fields, requirement and facts; and the compact cards held to the roles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import journeygraphic as jg
from journeygraphic import model as m
from journeygraphic.check import check_scene
from journeygraphic.errors import SpecError
from journeygraphic.layout._roles import Card
from journeygraphic.layout.compact import summary_cards
from journeygraphic.scene import Circle, Rect, Scene, Text
from journeygraphic.textformat import markdown, plain, summary
from journeygraphic.theme import builtin_theme

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SPECS = sorted(CORPUS.glob("*.yaml"))


def _lines(scene: Scene, role: str | None = None) -> list[str]:
    texts = [t for t in scene.walk() if isinstance(t, Text) and role in (None, t.role)]
    return [line for t in texts for line in t.lines]


def _spec(*stages: dict[str, Any], **journey: Any) -> str:
    """A one-phase spec (plus a goal phase) in YAML-compatible JSON."""
    import json

    phases = [{"caption": "P", "steps": list(stages)}]
    data = {"header": {"title": "T"}, "phases": phases, **journey}
    return json.dumps(data)


def _problems(text: str) -> list[str]:
    with pytest.raises(SpecError) as caught:
        jg.loads(text, filename="spec.json")
    return [str(p) for p in caught.value.problems]


# -- 1. open levels and issuers ------------------------------------------------------------


def test_a_level_is_any_short_word_or_none() -> None:
    journey = jg.loads(
        _spec(
            {"kind": "certification", "name": "A", "level": "B2"},
            {"kind": "certification", "name": "B"},
        )
    )
    first, second = journey.certifications()
    assert (first.level, second.level, second.issuer) == ("B2", None, None)
    (problem,) = _problems(_spec({"kind": "certification", "name": "A", "level": "x" * 25}))
    assert problem.startswith("spec.json:1:") and "the limit is 24" in problem
    assert "steps[0].level" in problem


def test_the_level_word_is_content_no_theme_changes_it() -> None:
    journey = jg.load(CORPUS / "gcp-professional-cloud-architect.yaml")
    for theme in ("default", "dark", "print", "high-contrast", "fundamentals"):
        scene = jg.build_scene(journey, theme=theme)
        assert "PROFESSIONAL" in _lines(scene, "badge-text"), theme


def test_a_spec_without_issuer_gets_no_microsoft_badge() -> None:
    journey = jg.loads(_spec({"kind": "certification", "name": "Registered Nurse"}))
    for layout in ("poster", "vertical", "compact"):
        scene = jg.build_scene(journey, layout=layout)
        words = " ".join(_lines(scene)).upper()
        assert "MICROSOFT" not in words and "REGISTERED NURSE" in words
        assert check_scene(scene) == []


def test_badge_styles_by_level_word_with_a_default_for_unknown_ones() -> None:
    badge = builtin_theme().badge
    for level in m.LEVELS:
        assert badge.style_name(level) == level
    assert badge.look("Professional") == badge.look("expert")  # matched in lower case
    assert badge.look("B2") == badge.look(None) == badge.look("certificate")
    assert badge.look(None).stars == 0 and badge.look("professional").stars == 3
    assert badge.look("fundamentals").word is False  # its ribbon says it, as in 2020
    assert badge.look("foundational").word is True


def test_a_theme_may_style_its_own_level_words() -> None:
    journey = jg.load(CORPUS / "goethe-b2.yaml")  # badge.levels.b2: four stars
    scene = jg.build_scene(journey)
    stars = [i for i in scene.walk() if i.role == "badge" and getattr(i, "fill", "") == "#FFFFFF"]
    assert "B2" in _lines(scene, "badge-text")
    assert len([s for s in stars if len(getattr(s, "commands", ())) == 11]) == 4


def test_the_old_level_label_in_a_theme_says_where_the_word_went() -> None:
    text = _spec(
        {"kind": "certification", "name": "A", "level": "expert"},
        theme={"badge": {"levels": {"expert": {"label": "PRO"}}}},
    )
    (problem,) = _problems(text)
    assert "unknown field 'label'" in problem and "level: PROFESSIONAL" in problem


# -- 2. the goal ------------------------------------------------------------------------------


def test_the_goal_is_the_last_certification_or_the_one_marked() -> None:
    a = {"kind": "certification", "name": "A"}
    b = {"kind": "certification", "name": "B"}
    assert jg.loads(_spec(a, b)).goal().name == "B"  # type: ignore[union-attr]
    assert jg.loads(_spec({**a, "goal": True}, b)).goal().name == "A"  # type: ignore[union-attr]
    (problem,) = _problems(_spec({**a, "goal": True}, {**b, "goal": True}))
    assert "a journey has one goal" in problem and "steps[1].goal" in problem


def test_the_summary_names_the_goal_and_what_is_on_the_way() -> None:
    kubernetes = jg.load(CORPUS / "kubernetes-cka-cks.yaml")
    text = summary(kubernetes)
    assert (
        "It ends with the certification The Linux Foundation / CNCF Certified Kubernetes "
        "Security Specialist, earning" in text
    )
    assert text.endswith("Certified Kubernetes Administrator on the way.")


def test_the_timeline_is_travelled_up_to_the_goal() -> None:
    aws = jg.load(CORPUS / "aws-solutions-architect-professional.yaml")
    scene = jg.build_scene(aws, layout="poster")
    theme = builtin_theme("expert")
    nodes = [c for c in scene.walk() if isinstance(c, Circle) and c.role == "node"]
    reached = [c.stroke == theme.palette.node_stroke for c in nodes]
    goal = aws.goal_phase()
    assert goal == 5 and reached == [i <= goal for i in range(len(nodes))]


# -- the compact cards come from the roles ---------------------------------------------------


def _names(stage: Any) -> set[str]:
    """Every name a stage (or its options) could put on a card."""
    found = {getattr(stage, a, None) for a in ("title", "name")}
    for option in getattr(stage, "options", []):
        found.add(option.title)
    for sub in getattr(stage, "steps", []):
        found |= _names(sub)
    return {f for f in found if f}


def _optional_names(journey: m.Journey) -> set[str]:
    return {n for s in journey.stages() if s.need == "optional" for n in _names(s)}


def _card_titles(card: Card) -> set[str]:
    return {e.title for e in card.entries}


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_each_corpus_specs_compact_cards_follow_its_roles(spec: Path) -> None:
    journey = jg.load(spec)
    cards = summary_cards(journey)
    goal, goal_at = journey.goal(), journey.goal_phase()
    assert goal is not None and goal_at is not None
    assert cards[-1].certification is goal  # the goal, never a certification on the way
    assert all(c.certification is None for c in cards[:-1])
    exam_phases = [i for i, p in enumerate(journey.phases[: goal_at + 1]) if p.role == "exam"]
    rest = cards[:-1]
    if exam_phases:
        phase = journey.phases[exam_phases[-1]]
        exam = rest.pop()
        assert exam.label == phase.caption
        required = {n for s in phase.steps if s.kind in ("exam", "all") for n in _names(s)}
        assert _card_titles(exam) <= required and _card_titles(exam)
    before = journey.phases[: exam_phases[-1]] if exam_phases else journey.phases
    prerequisites = [p for p in before if p.role == "prerequisite"]
    for card in rest:  # at most the prerequisite card is left
        assert card.label in {p.caption for p in prerequisites}
        assert not _card_titles(card) & _optional_names(journey)  # optional ones left out
        recommended = {
            n for p in prerequisites for s in p.steps if s.need == "recommended" for n in _names(s)
        }
        word = journey.wording().recommended  # "RECOMMENDED", "EMPFOHLEN"...
        if _card_titles(card) <= recommended:
            assert (card.kicker or "").startswith(word)
        else:
            assert not (card.kicker or "").startswith(word)
    needed = [
        s
        for p in prerequisites
        for s in p.steps
        if s.kind in ("step", "choice", "all", "exam", "certification") and s.need == "required"
    ]
    assert bool(rest) == bool(
        needed or any(s.need == "recommended" for p in prerequisites for s in p.steps)
    )


def test_the_frictions_named_for_the_compact_cards_are_gone() -> None:
    def cards(name: str) -> list[Card]:
        return summary_cards(jg.load(CORPUS / f"{name}.yaml"))

    k8s = cards("kubernetes-cka-cks")
    assert k8s[-1].entries[0].title == "Certified Kubernetes Security Specialist"
    assert k8s[0].entries[0].title == "Certified Kubernetes Administrator"
    assert k8s[1].entries[0].detail == "requires an active CKA"
    aws = cards("aws-solutions-architect-professional")
    assert [c.entries[0].title for c in aws] == [
        "Solutions Architect – Associate",
        "AWS Certified Solutions Architect – Professional",
        "Solutions Architect – Professional",
    ]
    assert aws[0].kicker == "RECOMMENDED"
    nursing = cards("nursing-rn")
    assert nursing[0].separator == "OR" and {e.title[:9] for e in nursing[0].entries} == {
        "Associate",
        "Bachelor ",
    }
    rhce = cards("redhat-rhcsa-rhce")
    assert rhce[0].entries[0].title == "System Administrator (RHCSA)"  # not the courses


def test_the_catalog_keeps_its_compact_cards() -> None:
    az400 = summary_cards(jg.load(ROOT / "specs" / "az400.yaml"))
    assert [c.label for c in az400] == [
        "Earn a prerequisite",
        "Pass the required exam",
        "Earn the certification",
    ]
    assert az400[0].separator == "OR" and az400[-1].kicker == "MICROSOFT CERTIFIED · EXPERT"


# -- 3. fewer required fields -------------------------------------------------------------


def test_exam_code_caption_and_option_title_may_be_left_out() -> None:
    text = _spec(
        {"kind": "exam", "title": "Professional Cloud Architect"},
        {"kind": "choice", "options": [{"description": "ADN"}, {"title": "BSN"}]},
    )
    journey = jg.loads(text.replace('"caption": "P", ', ""))
    assert journey.phases[0].caption is None
    md = markdown(journey)
    assert "**Exam: Professional Cloud Architect**" in md and "Exam None" not in md
    scene = jg.build_scene(journey, layout="poster")
    assert _lines(scene, "caption") == [] and "Professional Cloud Architect" in _lines(scene)
    assert check_scene(scene) == []
    assert summary(journey) == "A journey in 1 phase."


def test_an_empty_separator_puts_two_items_under_one_dot_without_or() -> None:
    choice = {"kind": "choice", "separator": "", "options": [{"title": "A"}, {"title": "B"}]}
    journey = jg.loads(_spec(choice))
    for layout, width in (("poster", 1600), ("vertical", 360), ("compact", 1200)):
        scene = jg.build_scene(journey, layout=layout, width=width)
        assert _lines(scene, "separator") == [], layout
        assert {"A", "B"} <= set(_lines(scene)) and check_scene(scene) == []


def test_a_phase_may_ask_for_no_node() -> None:
    spec = jg.loads(_spec({"title": "x"}))
    two = spec.model_copy(update={"phases": [spec.phases[0], spec.phases[0]]})
    quiet = two.model_copy(update={"phases": [two.phases[0], m.Phase(node=False, steps=[])]})
    for layout in ("poster", "vertical"):
        count = [
            len([c for c in jg.build_scene(j, layout=layout).walk() if c.role == "node"])
            for j in (two, quiet)
        ]
        assert count == [2, 1], layout


def test_a_single_sub_step_is_not_numbered_and_no_note_is_invented() -> None:
    option = {"title": "Two fundamentals", "steps": [{"kind": "bullets", "items": ["AZ-900"]}]}
    choice = {"kind": "choice", "options": [option, {"title": "Other"}]}
    journey = jg.loads(_spec(choice))
    text = plain(journey)
    assert "Note" not in text and "1. AZ-900" not in text and "- AZ-900" in text
    scene = jg.build_scene(journey, layout="poster")
    assert "1." not in _lines(scene, "bullet")


# -- 4. requirement and facts --------------------------------------------------------------


def test_optional_true_is_requirement_optional() -> None:
    journey = jg.loads(_spec({"title": "a", "optional": True}, {"title": "b"}))
    a, b = journey.stages()
    assert (a.need, a.optional, b.need, b.optional) == ("optional", True, "required", False)
    by_word = jg.loads(_spec({"title": "a", "requirement": "optional"})).stages()[0]
    assert by_word.optional is True
    (problem,) = _problems(_spec({"title": "a", "optional": True, "requirement": "recommended"}))
    assert "disagree" in problem
    (problem,) = _problems(_spec({"title": "a", "requirement": "recomended"}))
    assert "did you mean 'recommended'?" in problem


def test_recommended_is_drawn_distinctly_and_explained() -> None:
    stages = ({"title": "a", "requirement": "recommended"}, {"title": "b", "optional": True})
    journey = jg.loads(_spec(*stages))
    shape = builtin_theme().shape
    for layout in ("poster", "vertical"):
        scene = jg.build_scene(journey, layout=layout)
        frames = {r.dash for r in scene.walk() if isinstance(r, Rect) and r.role == "frame"}
        assert {tuple(shape.recommended_dash), tuple(shape.optional_dash)} <= frames
        assert {"RECOMMENDED", "OPTIONAL"} <= set(_lines(scene, "status"))
        assert "recommended, not required" in _lines(scene, "legend")
    assert "(recommended)" in plain(journey)


def test_requires_and_validity_are_drawn_and_written() -> None:
    exam = {"kind": "exam", "title": "CKS exam", "requires": "an active CKA"}
    cert = {"kind": "certification", "name": "CKS", "validity": "Valid for two years"}
    journey = jg.loads(_spec(exam, cert))
    scene = jg.build_scene(journey)
    assert "REQUIRES AN ACTIVE CKA" in _lines(scene, "status")
    assert "Valid for two years" in " ".join(_lines(scene))
    text = plain(journey)
    assert "(requires an active CKA)" in text and "CKS — Valid for two years" in text


def test_as_of_is_shown_in_the_footer_and_outlines_unless_turned_off() -> None:
    shown = jg.loads(_spec({"title": "a"}, as_of="June 2024", footer={"note": "Ours"}))
    scene = jg.build_scene(shown)
    assert "As of June 2024 · Ours" in " ".join(_lines(scene, "footer"))
    assert "As of June 2024 · Ours" in markdown(shown).splitlines()[-1]
    hidden = jg.loads(_spec({"title": "a"}, as_of="June 2024", show_as_of=False))
    assert "As of" not in " ".join(_lines(jg.build_scene(hidden))) + plain(hidden)


def test_the_alt_text_names_the_goal_when_the_title_does_not() -> None:
    from journeygraphic._embed import alt_text

    az400 = jg.load(ROOT / "specs" / "az400.yaml")
    assert alt_text(az400) == az400.header.full_title  # the title names the goal
    k8s = jg.load(CORPUS / "kubernetes-cka-cks.yaml")
    assert alt_text(k8s) == k8s.header.full_title
    track = jg.loads(_spec({"kind": "certification", "name": "CKA"}))  # title "T"
    assert alt_text(track) == "T, ending with the certification CKA"
    german = jg.loads(_spec({"kind": "certification", "name": "B2"}, lang="de"))
    assert alt_text(german) == "T, mit dem Ziel B2"  # the spec's language, from its labels
    own = {"alt_goal": "{title} → {goal}"}
    assert alt_text(jg.loads(_spec({"kind": "certification", "name": "B2"}, labels=own))) == (
        "T → B2"
    )

"""What each part of a journey is for: its goal, the footer it shows, the compact cards.

A journey has one goal (``Journey.goal``): the timeline is travelled up to its phase, and the
compact layout's last card is it. The compact cards come from roles: the exam phase is the
last phase with role ``exam`` up to the goal (else the last with an exam); the prerequisite
card holds what the ``prerequisite`` phases before it require (else a guess, as before
roles existed). Required prerequisites are shown as such, recommended ones under the word
"RECOMMENDED", optional ones are left out: the compact card says what must be done. Every
word a card adds comes from the journey's labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .. import model as m
from ..labels import Labels, chain
from ._progress import Marks, together

NOTE_SEPARATOR = " \u00b7 "


@dataclass(frozen=True)
class Entry:
    """One thing to do on a card: a title (linked when it has a url) and a detail line."""

    title: str
    detail: str | None = None
    url: str | None = None
    state: m.State | None = None


@dataclass(frozen=True)
class Card:
    label: str | None  # the words above the card
    kicker: str | None  # small capitals above the entries
    entries: tuple[Entry, ...]
    icon: str = "check"
    separator: str | None = None  # between entries: "OR" for a choice, "AND" for a group
    certification: m.Certification | None = None  # drawn with its badge
    state: m.State | None = None  # personal progress of the card as a whole
    grouped: bool = False  # the entries are an all-of group (all are needed)


# -- the goal and the footer -----------------------------------------------------------


def goal_index(journey: m.Journey) -> int:
    """The goal's phase: the path is in the progress colour up to it (the last phase
    when the journey has no certification)."""
    found = journey.goal_phase()
    return len(journey.phases) - 1 if found is None else found


def shown_footer(journey: m.Journey) -> m.Footer | None:
    """The footer as drawn: "As of June 2024" before the note, unless the spec hides it."""
    if journey.as_of_note() is None:
        return journey.footer
    footer = journey.footer or m.Footer()
    return footer.model_copy(update={"note": journey.footer_note()})


def node_drawn(phases: Sequence[m.Phase], index: int) -> bool:
    """Whether the phase at ``index`` has a node on the timeline (``node: false``: none)."""
    return phases[index].node


# -- the compact cards -------------------------------------------------------------------


def summary_cards(
    journey: m.Journey, marks: Marks | None = None, labels: Labels | None = None
) -> list[Card]:
    """Prerequisite (if any), exam(s) (if any) and the goal (if any).

    Phases with a ``role`` say where each card comes from. Without roles it is guessed:
    the exam phase is the last phase up to the goal's with an exam; the prerequisite is
    the last required choice or all-of group in a phase before it that is not an upskill
    track, or failing that the last required plain step in such a phase after the first
    ("start here") one. A journey with none of these gets one card with its title.
    ``marks`` (personal progress) gives each card and entry its state; ``labels`` (by
    default the journey's) give the words the cards add.
    """
    marks = marks or Marks()
    words = labels or journey.wording()
    goal_at = journey.goal_phase()
    exam_at = _exam_phase(journey, goal_at)
    cards = [
        _prerequisite_card(journey, exam_at, marks, words),
        _exam_card(journey, exam_at, goal_at, marks, words),
        _goal_card(journey, goal_at, marks),
    ]
    found = [card for card in cards if card is not None]
    return found or [_title_card(journey)]


def _exam_phase(journey: m.Journey, goal_at: int | None) -> int:
    """The last phase with role ``exam`` up to the goal; else the last with an exam before
    the goal; else the goal's phase (the number of phases when there is no goal)."""
    phases = journey.phases
    last = len(phases) - 1 if goal_at is None else goal_at
    roles = [i for i in range(last + 1) if phases[i].role == "exam"]
    exams = [i for i in range(last + 1) if _exams_before_goal(journey, i)]
    found = roles or exams
    if found:
        return found[-1]
    return len(phases) if goal_at is None else goal_at


def _before_goal(journey: m.Journey, index: int) -> list[m.Stage]:
    """The stages of phase ``index`` that come before the goal (all, in other phases)."""
    steps = list(journey.phases[index].steps)
    goal = journey.goal()
    at = next((i for i, s in enumerate(steps) if s is goal), len(steps))
    return steps[:at]


def _exams_before_goal(journey: m.Journey, index: int) -> list[m.Exam]:
    return [e for s in _before_goal(journey, index) for e in exams_in(s)]


def exams_in(stage: Any) -> list[m.Exam]:
    """The exams ``stage`` is or holds (an all-of group of exams)."""
    if isinstance(stage, m.Exam):
        return [stage]
    if isinstance(stage, m.AllOf):
        return [s for s in stage.steps if isinstance(s, m.Exam)]
    return []


Prerequisite = m.Choice | m.AllOf | m.Step | m.Exam | m.Certification
_TASKS = (m.Choice, m.AllOf, m.Step, m.Exam, m.Certification)


def need_in(phase: m.Phase, stage: Any) -> m.Requirement:
    """How far ``stage`` (in ``phase``) is needed: required, recommended or optional."""
    need: m.Requirement = stage.need
    return need


def _prerequisite_card(
    journey: m.Journey, exam_at: int, marks: Marks, labels: Labels
) -> Card | None:
    chosen = [p for p in journey.phases[:exam_at] if p.role == "prerequisite"]
    found = _from_roles(chosen) if chosen else _guessed(journey, exam_at)
    required = [(p, s) for p, s in found if need_in(p, s) == "required"]
    recommended = [(p, s) for p, s in found if need_in(p, s) == "recommended"]
    items = required or recommended
    if not items:
        return None
    if len(items) == 1:
        card = _stage_card(*items[0], marks, labels)
    else:
        card = _all_card(items, marks, labels)
    if required:
        return card
    kicker = NOTE_SEPARATOR.join(w for w in (labels.recommended, card.kicker) if w)
    return replace(card, kicker=kicker)


def _from_roles(phases: list[m.Phase]) -> list[tuple[m.Phase, Prerequisite]]:
    """What each prerequisite phase asks for: its certification if it earns one (its exam
    and courses lead there), else each of its tasks."""
    found: list[tuple[m.Phase, Prerequisite]] = []
    for phase in phases:
        tasks = [s for s in phase.steps if isinstance(s, _TASKS)]
        earned = [s for s in tasks if isinstance(s, m.Certification)]
        found += [(phase, s) for s in (earned[-1:] or tasks)]
    return found


def _guessed(journey: m.Journey, exam_at: int) -> list[tuple[m.Phase, Prerequisite]]:
    """The guess without roles: the last required (or recommended) choice or group in a
    plain phase before the exam, else the last such plain step after the first phase."""
    before = [p for p in journey.phases[:exam_at] if not p.track and p.role is None]
    searches: list[tuple[tuple[type, ...], list[m.Phase]]] = [
        ((m.Choice, m.AllOf), before),
        ((m.Step,), before[1:]),
    ]
    for kinds, phases in searches:
        for phase in reversed(phases):
            for stage in reversed(phase.steps):
                if not isinstance(stage, kinds) or not isinstance(stage, _TASKS):
                    continue
                if need_in(phase, stage) != "optional":
                    return [(phase, stage)]
    return []


def _stage_card(phase: m.Phase, stage: Prerequisite, marks: Marks, labels: Labels) -> Card:
    """One prerequisite as a card: a choice's options "OR", a group's steps "AND"."""
    down = marks.handed_down(phase, None)
    state = marks.settled(stage, down)
    if isinstance(stage, m.AllOf):
        inner = marks.handed_down(stage, down)
        entries = tuple(sub_entry(s, marks.settled(s, inner), labels) for s in stage.steps)
        icon = stage.icon or "certificate"
        kicker = stage.title or labels.all_of
        between = separator_of(stage, labels)
        return Card(phase.caption, kicker, entries, icon, between, None, state, True)
    if isinstance(stage, m.Choice):
        inner = marks.handed_down(stage, down)
        entries = tuple(
            Entry(
                _option_title(o, labels),
                _option_detail(o, labels),
                first_url(o.links),
                marks.option(o, inner),
            )
            for o in stage.options
        )
        icon = next((o.icon for o in stage.options if o.icon), None) or stage.icon or "certificate"
        return Card(
            phase.caption,
            stage.title,
            entries,
            icon or "certificate",
            separator_of(stage, labels) or None,
            state=state,
        )
    entry = replace(_task_entry(stage, labels), state=state)
    return Card(phase.caption, None, (entry,), stage.icon or _ICONS[stage.kind], state=state)


_ICONS = {"step": "check", "exam": "exam", "certification": "certificate"}


def _all_card(items: list[tuple[m.Phase, Prerequisite]], marks: Marks, labels: Labels) -> Card:
    """Several prerequisites, each one entry, all of them needed."""
    entries = []
    for phase, stage in items:
        state = marks.settled(stage, marks.handed_down(phase, None))
        entries.append(replace(_task_entry(stage, labels), state=state))
    icon = next((s.icon for _, s in items if s.icon), None) or "certificate"
    state = together([e.state for e in entries])
    caption = items[0][0].caption
    return Card(caption, None, tuple(entries), icon, labels.and_word, None, state, True)


def separator_of(stage: m.Choice | m.AllOf, labels: Labels) -> str:
    """The word between a choice's options or a group's steps: the spec's, else the
    labels' ("OR", "AND"); "" for none."""
    if stage.separator is not None:
        return stage.separator
    return labels.or_word if isinstance(stage, m.Choice) else labels.and_word


def _task_entry(stage: Prerequisite, labels: Labels) -> Entry:
    """One prerequisite as one entry: what it is called and, below, what it involves."""
    url = first_url(stage.links)
    if isinstance(stage, m.Certification):
        return Entry(stage.name, stage.requires or stage.validity, url)
    if isinstance(stage, m.Exam):
        return Entry(stage.title, exam_words(stage, labels), url)
    if isinstance(stage, m.Step):
        return Entry(stage.title, stage.description, url)
    untitled = labels.one_of_these if isinstance(stage, m.Choice) else labels.all_of_these
    return Entry(stage.title or untitled, in_words(stage, labels), url)


def _option_title(option: m.Option, labels: Labels) -> str:
    """An option's title; an untitled one is named by its description or its steps."""
    if option.title:
        return option.title
    steps = chain(labels, "then", (in_words(s, labels) for s in option.steps))
    return option.description or steps or labels.an_option


def _option_detail(option: m.Option, labels: Labels) -> str | None:
    """An option's description, else its steps in a line: "A, then B or C"."""
    if not option.title:  # its description or steps are its title already
        return None
    if option.description or not option.steps:
        return option.description
    return chain(labels, "then", (in_words(step, labels) for step in option.steps))


def in_words(stage: Any, labels: Labels) -> str:
    """A stage in a few words: "A or B", "A and B", "Exam X", its title."""
    if isinstance(stage, m.Choice):
        return chain(labels, "either", (_option_title(o, labels) for o in stage.options))
    if isinstance(stage, m.AllOf):
        return chain(labels, "both", (in_words(s, labels) for s in stage.steps))
    if isinstance(stage, m.Exam):
        return exam_words(stage, labels) or stage.title
    if isinstance(stage, m.Certification):
        return stage.name
    return stage.title or labels.a_list


def exam_words(exam: m.Exam, labels: Labels) -> str | None:
    """ "Exam AZ-400", or None for an exam without a code (its title says it)."""
    return labels.fill("exam_code", code=exam.code) if exam.code else None


def sub_entry(stage: m.SubStage, state: m.State | None, labels: Labels) -> Entry:
    """A step of an all-of group as an entry."""
    if isinstance(stage, m.Exam):
        return Entry(stage.title, exam_words(stage, labels), first_url(stage.links), state)
    title = stage.title or labels.one_of_these
    return Entry(title, stage.description, first_url(stage.links), state)


def _exam_card(
    journey: m.Journey, exam_at: int, goal_at: int | None, marks: Marks, labels: Labels
) -> Card | None:
    if exam_at >= len(journey.phases):
        return None
    phase = journey.phases[exam_at]
    steps = _before_goal(journey, exam_at) if exam_at == goal_at else list(phase.steps)
    down = marks.handed_down(phase, None)
    group = next((s for s in steps if isinstance(s, m.AllOf) and exams_in(s)), None)
    exams = [s for s in steps if isinstance(s, m.Exam) and s.need != "optional"]
    if group is not None and not exams:
        card = _stage_card(phase, group, marks, labels)
        return replace(card, icon=group.icon or "exam")
    if not exams:
        return None
    entries = tuple(
        Entry(e.title, _exam_detail(e, labels), first_url(e.links), marks.settled(e, down))
        for e in exams
    )
    state = together([e.state for e in entries])
    return Card(phase.caption, None, entries, exams[0].icon or "exam", state=state)


def _exam_detail(exam: m.Exam, labels: Labels) -> str | None:
    """ "Exam SAP-C02", and what the exam requires: "requires an active CKA"."""
    requires = labels.fill("needs_requires", what=exam.requires) if exam.requires else None
    return NOTE_SEPARATOR.join(w for w in (exam_words(exam, labels), requires) if w) or None


def _goal_card(journey: m.Journey, goal_at: int | None, marks: Marks) -> Card | None:
    goal = journey.goal()
    if goal is None or goal_at is None:
        return None
    phase = journey.phases[goal_at]
    said = [goal.issuer.rstrip(":") if goal.issuer else None, goal.level]
    kicker = NOTE_SEPARATOR.join(w for w in said if w).upper() or None
    state = marks.settled(goal, marks.handed_down(phase, None))
    entry = Entry(goal.name, goal.validity, first_url(goal.links))
    return Card(phase.caption, kicker, (entry,), certification=goal, state=state)


def _title_card(journey: m.Journey) -> Card:
    header = journey.header
    url = header.call_to_action.url if header.call_to_action else None
    return Card(None, header.lead, (Entry(header.title, None, url),), "flag")


def first_url(links: Sequence[m.Link]) -> str | None:
    return links[0].url if links else None


__all__ = [
    "Card",
    "Entry",
    "exams_in",
    "goal_index",
    "in_words",
    "need_in",
    "node_drawn",
    "separator_of",
    "shown_footer",
    "summary_cards",
]

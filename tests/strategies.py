"""Hypothesis strategies for journeys: short and long text, choices, lists, every stage kind,
nested choices, all-of groups, optional steps, roles and personal progress."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from journeygraphic import model as m

_WORDS = st.sampled_from(
    [
        "Azure",
        "DevOps",
        "learn",
        "exam",
        "skills",
        "Microsoft",
        "certification",
        "a",
        "of",
        "continuous",
        "integration",
        "AZ-400",
        "and",
        "infrastructure",
        "Supercalifragilistic",
        "x",
        "deployment",
        "monitoring",
        "W",
        "$5",
        "<tag>",
        "&",
        "Ünïcödé",
        "日本",
    ]
)


_RIBBON_WORDS = st.sampled_from(["Azure", "DevOps", "exam", "skills", "AZ-400", "&", "日本", "x"])


def _one_line(parts: list[str]) -> list[str]:
    return [" ".join(parts)]


def words(min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[str]:
    return st.lists(_WORDS, min_size=min_size, max_size=max_size).map(" ".join)


def long_word() -> st.SearchStrategy[str]:
    return st.integers(30, 120).map(lambda n: "W" * n)


text = st.one_of(words(), words(10, 40), long_word())
maybe_text = st.none() | text
icons = st.none() | st.sampled_from(m.ICON_NAMES)
links = st.lists(
    st.builds(m.Link, label=words(1, 5), url=st.just("https://example.com/x")), max_size=2
)


steps = st.builds(m.Step, title=text, description=maybe_text, icon=icons, links=links)
bullets = st.builds(
    m.Bullets, title=maybe_text, items=st.lists(text, min_size=1, max_size=5), icon=icons
)
callouts = st.builds(
    m.Callout,
    title=maybe_text,
    items=st.lists(
        st.one_of(text, st.builds(m.Entry, title=text, description=maybe_text)), max_size=4
    ),
)
exams = st.builds(m.Exam, code=words(1, 1), title=text, links=links)
options = st.builds(
    m.Option,
    title=text,
    description=maybe_text,
    icon=icons,
    links=links,
    steps=st.lists(st.one_of(steps, exams), max_size=2),
)
choices = st.builds(m.Choice, title=maybe_text, options=st.lists(options, min_size=2, max_size=4))
certifications = st.builds(
    m.Certification,
    name=text,
    level=st.sampled_from(m.LEVELS),
    description=maybe_text,
    # a ribbon of two short words at most: longer ones are refused (test_layout_measure.py)
    badge_lines=st.none() | st.lists(_RIBBON_WORDS, min_size=1, max_size=2).map(_one_line),
)
stages = st.one_of(steps, bullets, callouts, exams, choices, certifications)
phases = st.builds(
    m.Phase,
    caption=text,
    detail=maybe_text,
    icon=icons,
    track=st.booleans(),
    steps=st.lists(stages, max_size=5),
)
headers = st.builds(
    m.Header,
    lead=maybe_text,
    title=text,
    call_to_action=st.none()
    | st.builds(
        m.CallToAction, lead=maybe_text, label=words(1, 4), url=st.just("https://example.com")
    ),
)
journeys = st.builds(
    m.Journey,
    header=headers,
    phases=st.lists(phases, min_size=1, max_size=7),
    footer=st.none() | st.builds(m.Footer, brand=maybe_text, note=maybe_text),
)

# -- bigger journeys for the layouts of issue 4: up to 60 stages, choices of 2 to 5 options,
# options that are short sequences, footers with links. `journeys` above stays as it was.

wide_choices = st.builds(
    m.Choice,
    title=maybe_text,
    options=st.lists(options, min_size=2, max_size=5),
    separator=st.sampled_from(["OR", "or", "ODER"]),
)
any_stages = st.one_of(steps, bullets, callouts, exams, wide_choices, certifications)
long_phases = st.builds(
    m.Phase,
    caption=text,
    detail=maybe_text,
    icon=icons,
    track=st.booleans(),
    steps=st.lists(any_stages, max_size=6),
)
footers = st.none() | st.builds(
    m.Footer,
    brand=maybe_text,
    note=maybe_text,
    link=st.none() | st.builds(m.Link, label=words(1, 6), url=st.just("https://example.com/f")),
)
big_journeys = st.builds(
    m.Journey,
    header=headers,
    phases=st.lists(long_phases, min_size=1, max_size=10),
    footer=footers,
)

# -- the features of issue 4's second half: optional steps, choices nested in options,
# all-of groups, phase roles and personal progress. The strategies above stay as they were.

optional_steps = st.builds(
    m.Step, title=text, description=maybe_text, icon=icons, links=links, optional=st.booleans()
)
leaves = st.one_of(optional_steps, exams)
inner_options = st.builds(
    m.Option, title=text, description=maybe_text, icon=icons, steps=st.lists(leaves, max_size=2)
)
inner_choices = st.builds(
    m.Choice,
    title=maybe_text,
    options=st.lists(inner_options, min_size=2, max_size=3),
    optional=st.booleans(),
)
inner_groups = st.builds(m.AllOf, title=maybe_text, steps=st.lists(leaves, min_size=2, max_size=3))
# a choice or group two deep: inside an option (or a group's steps) of another
outer_options = st.builds(
    m.Option,
    title=text,
    description=maybe_text,
    icon=icons,
    links=links,
    steps=st.lists(st.one_of(leaves, inner_choices, inner_groups), max_size=3),
)
nested_choices = st.builds(
    m.Choice,
    title=maybe_text,
    description=maybe_text,
    options=st.lists(outer_options, min_size=2, max_size=4),
    separator=st.sampled_from(["OR", "or", "ODER", "W" * 70, "or else " * 12]),
    optional=st.booleans(),
)
all_groups = st.builds(
    m.AllOf,
    title=maybe_text,
    steps=st.lists(st.one_of(leaves, inner_choices), min_size=2, max_size=3),
    separator=st.sampled_from(["AND", "UND", "and also " * 8]),
    optional=st.booleans(),
)
icon_only_callouts = st.builds(m.Callout, icon=st.sampled_from(m.ICON_NAMES))
feature_stages = st.one_of(
    optional_steps, bullets, callouts, icon_only_callouts, exams, nested_choices, all_groups,
    certifications,
)  # fmt: skip
feature_phases = st.builds(
    m.Phase,
    caption=text,
    detail=maybe_text,
    icon=icons,
    track=st.booleans(),
    role=st.none() | st.sampled_from(m.PHASE_ROLES),
    steps=st.lists(feature_stages, max_size=5),
)
feature_journeys = st.builds(
    m.Journey,
    header=st.builds(m.Header, lead=maybe_text, title=text),
    phases=st.lists(feature_phases, min_size=1, max_size=7),
    footer=footers,
)


def with_ids(journey: m.Journey) -> m.Journey:
    """``journey`` with a unique id on every phase, stage, option and nested step."""
    count = iter(range(1_000_000))

    def ided(model: Any) -> Any:
        update: dict[str, Any] = {"id": f"id{next(count)}"}
        if isinstance(model, (m.Phase, m.Option, m.AllOf)):
            update["steps"] = [ided(s) for s in model.steps]
        if isinstance(model, m.Choice):
            update["options"] = [ided(o) for o in model.options]
        return model.model_copy(update=update)

    return journey.model_copy(update={"phases": [ided(p) for p in journey.phases]})


@st.composite
def journeys_with_progress(draw: st.DrawFn) -> tuple[m.Journey, m.Progress]:
    """A journey with ids everywhere and progress on some of them (at most one current)."""
    journey = with_ids(draw(feature_journeys | big_journeys))
    ids = m.journey_ids(journey)
    marked = draw(st.lists(st.sampled_from(ids), unique=True, max_size=12))
    states = draw(st.lists(st.sampled_from(["done", "skipped"]), min_size=len(marked)))
    steps: dict[str, Any] = dict(zip(marked, states, strict=False))
    if marked and draw(st.booleans()):
        steps[draw(st.sampled_from(marked))] = "current"
    return journey, m.Progress(steps=steps)

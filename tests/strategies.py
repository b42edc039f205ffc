"""Hypothesis strategies for journeys: short and long text, choices, lists, every stage kind."""

from __future__ import annotations

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
    badge_lines=st.none() | st.lists(words(1, 3), min_size=1, max_size=2),
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
journeys = st.builds(
    m.Journey,
    header=st.builds(
        m.Header,
        lead=maybe_text,
        title=text,
        call_to_action=st.none()
        | st.builds(
            m.CallToAction, lead=maybe_text, label=words(1, 4), url=st.just("https://example.com")
        ),
    ),
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
    header=st.builds(
        m.Header,
        lead=maybe_text,
        title=text,
        call_to_action=st.none()
        | st.builds(
            m.CallToAction, lead=maybe_text, label=words(1, 4), url=st.just("https://example.com")
        ),
    ),
    phases=st.lists(long_phases, min_size=1, max_size=10),
    footer=footers,
)

"""Text versions (Markdown and plain text) of a journey: complete, agreeing, and safe.

Safety is checked with a real CommonMark parser (markdown-it-py, raw HTML switched on, as a
careless site would have it): whatever a spec says, the HTML holds only the tags our outline
makes, links only where the spec has links, and the text reads back as the spec wrote it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import journeygraphic as jg
from journeygraphic import model as m
from journeygraphic.backends import FORMATS, TEXT_FORMATS, render_scene
from journeygraphic.textformat import markdown, plain, render_text, summary
from svgcheck import SVG_NS
from test_reading_order import headlines

ROOT = Path(__file__).resolve().parent.parent
SPECS = [*sorted((ROOT / "specs").glob("*.yaml")), ROOT / "examples" / "features.yaml"]
OUR_TAGS = {"h1", "p", "ol", "ul", "li", "strong", "a"}
_PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@pytest.fixture(scope="module")
def az400() -> m.Journey:
    return jg.load(ROOT / "specs" / "az400.yaml")


class _Html(HTMLParser):
    """The tags, link targets and text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [value or "" for name, value in attrs if name == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_of(md: str) -> _Html:
    parsed = _Html()
    parsed.feed(_PARSER.render(md))
    return parsed


def spec_urls(journey: m.Journey) -> list[str]:
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, (m.Link, m.CallToAction)):
            found.append(value.url)
        if isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif isinstance(value, m.BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))

    walk(journey)
    return found


# --- what the text versions say ------------------------------------------------------------


def test_text_formats_are_registered_and_rendered(az400: m.Journey) -> None:
    assert TEXT_FORMATS == ("md", "txt")
    assert set(TEXT_FORMATS) <= set(FORMATS)
    assert jg.render(az400, "md") == markdown(az400).encode()
    assert jg.render(az400, "txt") == plain(az400).encode()
    with pytest.raises(ValueError, match="from the journey"):
        render_scene(jg.build_scene(az400), "md")
    with pytest.raises(ValueError, match="md, txt"):
        render_text(az400, "html")


def test_markdown_outline_of_az400(az400: m.Journey) -> None:
    md = markdown(az400)
    lines = md.splitlines()
    assert lines[0] == "# The journey to Microsoft Certified: DevOps Engineer Expert"
    assert lines[2] == summary(az400)
    phases = [line for line in lines if re.match(r"\d+\. ", line)]
    assert phases[0] == "1. **Start here** — Decide if this is the right certification for you"
    assert [p.split("**")[1] for p in phases] == [p.caption for p in az400.phases]
    assert "   1. **Earn one of these certifications** — one of:" in lines
    assert "      - **Azure Developer Associate** — Exam AZ-204 ([Certification page](" in md
    assert "   2. **Train your way** — one of:" in lines
    assert "   1. **Exam AZ-400: Designing and Implementing Microsoft DevOps Solutions**" in md
    assert "      - Azure Architecture Center" in lines


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_every_stage_and_link_is_in_both_versions(spec: Path) -> None:
    journey = jg.load(spec)
    md, txt = markdown(journey), plain(journey)
    html = html_of(md)
    words = " ".join(html.text)
    for phrase in [p.caption for p in journey.phases] + [
        h for s in journey.stages() for h in headlines(s)
    ]:
        assert phrase in words, phrase
        assert phrase in txt, phrase
    assert sorted(html.hrefs) == sorted(spec_urls(journey))
    for url in spec_urls(journey):
        assert f"<{url}>" in txt


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_markdown_and_text_have_the_same_outline(spec: Path) -> None:
    journey = jg.load(spec)
    marker = re.compile(r"^(\s*)(\d+\.|-) ")
    md = [marker.match(line) for line in markdown(journey).splitlines()]
    txt = [marker.match(line) for line in plain(journey).splitlines()]
    assert [x.group(0) for x in md if x] == [x.group(0) for x in txt if x]
    assert html_of(markdown(journey)).tags.count("li") == sum(1 for x in txt if x)


def test_plain_text_has_no_markup(az400: m.Journey) -> None:
    txt = plain(az400)
    assert "**" not in txt and "](" not in txt and "\\" not in txt
    assert txt.splitlines()[1] == "=" * len(txt.splitlines()[0])


def test_features_show_nesting_optional_and_all_of() -> None:
    md = markdown(jg.load(ROOT / "examples" / "features.yaml"))
    assert "      - **Two fundamentals**\n        1. **Cloud Fundamentals** — Exam EX-900\n" in md
    assert "        2. One of:\n           - **Data Fundamentals** — Exam EX-910\n" in md
    assert "   3. **Study group** (optional) — Learn with others each week" in md
    assert "   1. All of, in any order:\n      - **Exam EX-410: Designing Cloud Platforms**" in md


def test_an_unknown_stage_kind_still_shows_its_title_and_detail(az400: m.Journey) -> None:
    # Another kind may be added to the model before this module learns it.
    future = SimpleNamespace(kind="lab", title="Build a lab", description="In a sandbox", links=[])
    phase = az400.phases[0].model_copy(update={"steps": [future]})
    journey = az400.model_copy(update={"phases": [phase]})
    assert "   1. **Build a lab** — In a sandbox" in markdown(journey)
    assert "   1. Build a lab — In a sandbox" in plain(journey)


# --- the summary is the SVG's <desc> and the PDF's subject ---------------------------------


def test_summary_of_az400(az400: m.Journey) -> None:
    assert summary(az400) == (
        "A journey in 6 phases: Start here; Earn a prerequisite; Upskill; Pass the required "
        "exam; Earn the certification; Keep going. It ends with the certification Microsoft "
        "Certified: DevOps Engineer Expert."
    )


@pytest.mark.parametrize("layout", ["poster", "vertical", "compact"])
def test_svg_desc_is_the_text_summary(az400: m.Journey, layout: str) -> None:
    root = ET.fromstring(jg.render(az400, "svg", layout=layout))
    desc = root.find(f"{{{SVG_NS}}}desc")
    assert desc is not None and desc.text == summary(az400)
    assert summary(az400) in plain(az400)


# --- safety --------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "*not emphasis* and __not strong__ and `not code`",
    "[click](javascript:alert(1))",
    "![img](https://example.com/x.png)",
    "&lt;b&gt; &amp; &#60;",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "2) not a list",
    "> not a quote",
    "=== not a heading",
    "--- not a rule",
    "```\nnot a fence\n```",
    "line one\n# line two\n<div>three</div>",
    "a | b | c",
    "~~not struck~~",
    "<https://example.com> and https://example.com",
    "trailing backslash \\",
    "**\\*",
]


def _journey_with(text: str, url: str = "https://example.com/a_b(c)<d>") -> m.Journey:
    link = m.Link(label=text, url=url)
    step = m.Step(title=text, description=text, links=[link])
    choice = m.Choice(
        title=text, options=[m.Option(title=text), m.Option(title=text, description=text)]
    )
    bullets = m.Bullets(title=text, items=[text, m.Entry(title=text, description=text)])
    phase = m.Phase(caption=text, detail=text, steps=[step, choice, bullets])
    header = m.Header(lead=text, title=text, call_to_action=m.CallToAction(label=text, url=url))
    footer = m.Footer(brand=text, note=text, link=link)
    return m.Journey(header=header, phases=[phase], footer=footer)


def _flat(text: str) -> str:
    return " ".join(text.split())


_PLACEHOLDER = "QQQ"


def _assert_inert(text: str) -> None:
    """The HTML of a journey full of ``text`` is the HTML of one full of a plain word,
    tag for tag and link for link, with the plain word replaced by ``text`` as written."""
    html = html_of(markdown(_journey_with(text)))
    plain_html = html_of(markdown(_journey_with(_PLACEHOLDER)))
    assert set(html.tags) <= OUR_TAGS, html.tags
    assert html.tags == plain_html.tags
    assert html.hrefs == plain_html.hrefs
    expected = "".join(plain_html.text).replace(_PLACEHOLDER, _flat(text))
    assert "".join(html.text) == expected


def test_the_placeholder_is_used_everywhere() -> None:
    html = html_of(markdown(_journey_with(_PLACEHOLDER)))
    assert "".join(html.text).count(_PLACEHOLDER) == 20
    assert set(html.tags) == OUR_TAGS


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_never_turns_spec_text_into_markup(text: str) -> None:
    _assert_inert(text)


def test_link_addresses_cannot_escape_the_link() -> None:
    journey = _journey_with("label", "https://example.com/a b)(<x>\"'\\é")
    html = html_of(markdown(journey))
    assert set(html.hrefs) == {"https://example.com/a%20b%29%28%3Cx%3E%22'%5C%C3%A9"}


def test_an_unsafe_link_is_written_as_text_only() -> None:
    # The model refuses such links; the text code checks again where a link is made.
    journey = _journey_with("label")
    bad = m.Link.model_construct(label="Open me", url="javascript:alert(1)")
    phase = journey.phases[0]
    step = phase.steps[0].model_copy(update={"links": [bad]})
    journey = journey.model_copy(
        update={"phases": [phase.model_copy(update={"steps": [step]})], "footer": None}
    )
    journey = journey.model_copy(
        update={"header": journey.header.model_copy(update={"call_to_action": None})}
    )
    html = html_of(markdown(journey))
    assert html.hrefs == [] and "Open me" in "".join(html.text)
    assert "javascript" not in plain(journey) and "javascript" not in markdown(journey)


_PUNCTUATION = st.sampled_from([*"<>&*_`[]()#!|~\\-+=.:;'\" \n\t", "1.", "2)", "&lt;"])
_SPEC_TEXT = st.lists(
    st.one_of(_PUNCTUATION, st.text(alphabet="ab é中", min_size=1, max_size=3)),
    min_size=1,
    max_size=12,
).map("".join)


@given(_SPEC_TEXT.filter(lambda t: t.strip()))
def test_any_text_reads_back_as_written(text: str) -> None:
    _assert_inert(text.strip())

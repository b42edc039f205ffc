"""The words the layouts write: built-in tables per language, a spec's overrides, RTL marks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import pytest

import journeygraphic as jg
from journeygraphic import labels as lb
from journeygraphic.layout._blocks import LINK_MARK, RTL_MARK
from journeygraphic.model import State
from journeygraphic.scene import Text

ROOT = Path(__file__).resolve().parents[1]
WORLD = ROOT / "examples" / "world"
SVG = "{http://www.w3.org/2000/svg}"
PROGRESS: dict[str, State] = {
    "az-104": "done",
    "az-204": "skipped",
    "outline": "done",
    "az-400-exam": "current",
}
KEYS = list(lb.Labels.model_fields)
ENGLISH = lb.labels_for("en")


def _spec(body: str, head: str = "") -> str:
    return f"version: 1\n{head}header: {{title: T}}\nphases:\n  - caption: C\n    steps:\n{body}"


def _svg_words(svg: bytes) -> str:
    """Every text the SVG shows or says (text, title, desc), one per line."""
    root = ET.fromstring(svg)
    return "\n".join(t for e in root.iter() for t in (e.text, e.tail) if t and t.strip())


# -- the tables ------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", sorted(lb.LOCALES))
def test_every_table_is_complete_and_valid(locale: str) -> None:
    table = lb.LOCALES[locale]
    if locale != "en":
        assert sorted(table) == sorted(KEYS)  # every key, and no key the model lacks
    labels = lb.Labels.model_validate(table)  # each template keeps its placeholders
    assert labels.model_dump() == lb.labels_for(locale).model_dump()


def test_the_asked_for_languages_are_built_in() -> None:
    assert {"en", "de", "fr", "es", "pt", "ja", "zh", "ar"} <= set(lb.LOCALES)


def test_english_is_the_words_the_layouts_always_wrote() -> None:
    assert (ENGLISH.done, ENGLISH.current, ENGLISH.skipped) == ("DONE", "YOU ARE HERE", "SKIPPED")
    assert (ENGLISH.or_word, ENGLISH.and_word) == ("OR", "AND")
    assert ENGLISH.all_of == "ALL OF, IN ANY ORDER"
    assert ENGLISH.fill("exam_code", code="AZ-400") == "Exam AZ-400"
    assert ENGLISH.fill("as_of", date="June 2024") == "As of June 2024"


def test_cjk_tables_have_no_spaces_in_their_words() -> None:
    for locale in ("ja", "zh"):
        spaced = [k for k, v in lb.LOCALES[locale].items() if " " in v and k != "exam_code"]
        assert spaced == [], locale


@pytest.mark.parametrize(
    ("tag", "locale"),
    [("de", "de"), ("de-AT", "de"), ("pt-BR", "pt"), ("pt_PT", "pt"), ("zh-Hant-TW", "zh"),
     ("AR", "ar"), ("xx", "en"), ("nl-BE", "en")],
)  # fmt: skip
def test_a_tag_falls_back_to_its_language_then_english(tag: str, locale: str) -> None:
    assert lb.locale_of(tag) == locale
    assert lb.labels_for(tag) == lb.labels_for(locale)


@pytest.mark.parametrize(
    ("lang", "date", "shown"),
    [
        ("de", "June 2024", "Juni 2024"),
        ("de", "Jun. 2024", "Juni 2024"),
        ("fr", "2024-08", "août 2024"),
        ("es", "March 2023", "marzo de 2023"),
        ("pt-BR", "2024-12-01", "dezembro de 2024"),
        ("ja", "June 2024", "2024年6月"),
        ("zh", "2024-06", "2024年6月"),
        ("ar", "June 2024", "يونيو 2024"),
        ("de", "2024", "2024"),  # a year, or any other text, is kept as written
        ("de", "Sommer 2024", "Sommer 2024"),
        ("de", "2024-13", "2024-13"),
        ("en", "Jun 2024", "Jun 2024"),  # English keeps what the spec says
        ("en", "2024-06", "2024-06"),
    ],
)
def test_month_names_are_the_language_s(lang: str, date: str, shown: str) -> None:
    assert lb.month_year(lang, date) == shown


def test_the_as_of_note_is_a_template_with_a_localised_month() -> None:
    journey = jg.loads(_spec("      - title: S\n", 'lang: de\nas_of: "June 2024"\n'))
    assert journey.as_of_note() == "Stand: Juni 2024"
    assert jg.loads(_spec("      - title: S\n", 'as_of: "June 2024"\n')).as_of_note() == (
        "As of June 2024"
    )
    japanese = jg.loads(_spec("      - title: S\n", 'lang: ja\nas_of: "2024-06"\n'))
    assert japanese.as_of_note() == "2024年6月時点"


def test_a_filled_in_part_is_not_filled_in_again() -> None:
    said = ENGLISH.fill("summary_goal_via", goal="X {others}", others="Y")
    assert said == "It ends with the certification X {others}, earning Y on the way."


def test_sentences_follow_the_language_s_word_order() -> None:
    text = "      - kind: certification\n        name: Zwei\n"
    two = _spec("      - kind: certification\n        name: Eins\n" + text, "lang: de\n")
    summary = jg.render(jg.loads(two), "txt").decode().split("\n")[3]
    assert summary == (
        "Ein Zertifizierungsweg in 1 Phase: C. Er endet mit der Zertifizierung Zwei; "
        "auf dem Weg dorthin erwerben Sie Eins."
    )
    japanese = jg.render(jg.loads(two.replace("lang: de", "lang: ja")), "txt").decode()
    assert "1つのフェーズからなる道のり：C。最終目標は認定資格「Zwei」で、" in japanese  # no space


def test_the_keys_in_the_readme_are_the_model_s() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    found = re.search(r"<!-- labels:start -->\n(.*)\n<!-- labels:end -->", readme, re.S)
    assert found is not None and found.group(1) == lb.key_table()
    assert all(f"`{key}`" in found.group(1) for key in KEYS)


# -- a spec's labels -------------------------------------------------------------------------


def test_a_spec_overrides_some_labels_and_keeps_the_language_s_others() -> None:
    spec = _spec("      - kind: choice\n        options: [{title: A}, {title: B}]\n", "lang: de\n")
    spec = spec.replace("header:", "labels: {or_word: ENTWEDER, current: DU BIST HIER}\nheader:")
    journey = jg.loads(spec)
    words = journey.wording()
    assert (words.or_word, words.current, words.done) == ("ENTWEDER", "DU BIST HIER", "ERLEDIGT")
    scene = jg.build_scene(journey)
    separators = [t.lines for t in scene.walk() if isinstance(t, Text) and t.role == "separator"]
    assert separators == [("ENTWEDER",)]


def test_a_label_is_escaped_in_every_output() -> None:
    hostile = "<b>&amp;</b>"
    spec = _spec("      - kind: choice\n        options: [{title: A}, {title: B}]\n")
    spec = spec.replace(
        "header:", f'labels: {{or_word: "{hostile}", one_of: "{hostile}"}}\nheader:'
    )
    journey = jg.loads(spec)
    svg = jg.render(journey, "svg")
    assert b"<b>" not in svg  # written as text, wrapped over two lines
    assert hostile in _svg_words(svg).replace("\n", "")
    markdown = jg.render(journey, "md").decode()
    assert "<b>" not in markdown and hostile not in markdown


def test_an_unknown_label_is_located_with_a_did_you_mean() -> None:
    spec = _spec("      - title: S\n").replace("header:", "labels:\n  don: FERTIG\nheader:")
    with pytest.raises(jg.SpecError) as info:
        jg.loads(spec)
    problem = info.value.problems[0]
    assert (problem.line, problem.col, problem.path) == (3, 3, "labels.don")
    assert "did you mean 'done'?" in problem.message


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ('"VORHER {wat}"', "this label takes {what} (got {wat})"),
        ("VORHER", "this label takes {what} (got none)"),
        ('""', "a label cannot be empty"),
        ('"x\\ny"', "a label is one line"),
        ('"' + "x" * 121 + '"', "the limit is 120"),
    ],
)
def test_a_bad_label_says_why(value: str, said: str) -> None:
    spec = _spec("      - title: S\n").replace("header:", f"labels:\n  requires: {value}\nheader:")
    with pytest.raises(jg.SpecError) as info:
        jg.loads(spec)
    problem = info.value.problems[0]
    assert problem.path == "labels.requires" and problem.line == 3
    assert said in problem.message


def test_a_choice_s_own_separator_still_wins() -> None:
    body = "      - kind: choice\n        separator: {}\n"
    body += "        options: [{{title: A}}, {{title: B}}]\n"
    for given, drawn in (("WAHL", [("WAHL",)]), ('""', [])):
        journey = jg.loads(_spec(body.format(given), "lang: de\n"))
        scene = jg.build_scene(journey)
        words = [t.lines for t in scene.walk() if isinstance(t, Text) and t.role == "separator"]
        assert words == drawn


# -- the world examples ----------------------------------------------------------------------


# Words of the English table long enough not to be a code or a name in the spec's text.
def _latin_words(texts: Iterable[str]) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", " ".join(texts)))


ENGLISH_WORDS = _latin_words(ENGLISH.model_dump().values())
COMMENT = re.compile(r"(^|\s)#.*$", re.M)


@pytest.mark.parametrize("lang", ["de", "ja", "ar"])
@pytest.mark.parametrize("layout", ["poster", "vertical", "compact"])
def test_no_english_label_in_a_world_example(lang: str, layout: str) -> None:
    """The Arabic example (Arabic text, Latin only in names) in German, Japanese, Arabic."""
    journey = jg.load(WORLD / "ar.yaml").model_copy(update={"lang": lang})
    progress = jg.Progress(steps=PROGRESS)  # status words and the legend are drawn
    svg = jg.render(journey, "svg", layout=layout, progress=progress)
    shown = set(re.findall(r"[A-Za-z]{2,}", _svg_words(svg)))
    spec_text = COMMENT.sub("", (WORLD / "ar.yaml").read_text("utf-8"))
    names = set(re.findall(r"[A-Za-z]{2,}", spec_text))  # Microsoft, Azure, DevOps, url...
    english = ENGLISH_WORDS - _latin_words(lb.labels_for(lang).model_dump().values())  # "in"
    assert len(english) > 40 and (shown - names) & english == set()
    assert not ({"OR", "DONE", "SKIPPED", "HERE", "Exam", "As", "pick"} & shown)
    assert jg.render(journey, "txt").decode().isascii() is False


@pytest.mark.parametrize("name", ["ar", "ja"])
def test_the_world_examples_say_their_language(name: str) -> None:
    journey = jg.load(WORLD / f"{name}.yaml")
    assert journey.lang == name
    text = _svg_words(jg.render(journey, "svg", progress=jg.Progress(steps=PROGRESS)))
    words = journey.wording()
    for said in (words.current, words.skipped, words.legend_current, words.as_of.split("{")[0]):
        assert said.strip() in text
    assert not re.search(r"\b(OR|DONE|YOU ARE HERE|SKIPPED|Exam|As of|pick one)\b", text)


# -- right to left ---------------------------------------------------------------------------


def test_a_link_s_mark_turns_round_in_a_right_to_left_journey() -> None:
    journey = jg.load(WORLD / "ar.yaml")
    links = [t for t in jg.build_scene(journey).walk() if isinstance(t, Text) and "◂" in str(t)]
    assert links and all(t.lines[-1].endswith(f"\u00a0{RTL_MARK}") for t in links)
    svg = jg.render(journey, "svg").decode()
    assert "\u203a" not in svg and svg.count(RTL_MARK) == len(links)
    # a Latin label reads left to right: its mark goes before it, at the left end
    latin = journey.model_copy(
        update={"footer": journey.footer.model_copy(  # type: ignore[union-attr]
            update={"link": jg.model.Link(label="Microsoft Learn", url="https://learn.microsoft.com")}
        )}
    )  # fmt: skip
    scene = jg.build_scene(latin)
    footer = [t for t in scene.walk() if isinstance(t, Text) and t.role == "link"]
    assert footer[-1].lines == (f"{RTL_MARK}\u00a0Microsoft Learn",)
    assert footer[-1].anchor == "end"  # mirrored: the text's right end at the page's right


def test_a_left_to_right_journey_keeps_its_mark() -> None:
    svg = jg.render(jg.load(ROOT / "specs" / "az400.yaml"), "svg").decode()
    assert LINK_MARK in svg and RTL_MARK not in svg


ALL_OF = """\
version: 1
lang: {lang}
header: {{title: Test}}
phases:
  - caption: Exam
    steps:
      - kind: all
        steps:
          - {{title: Reading}}
          - {{title: Writing}}
  - caption: Earn
    steps:
      - {{kind: certification, name: Cert}}
"""


@pytest.mark.parametrize("lang", sorted(lb.LOCALES))
def test_the_all_of_label_never_takes_three_lines(lang: str) -> None:
    journey = jg.loads(ALL_OF.format(lang=lang), fmt="yaml")
    label = lb.labels_for(lang).all_of.replace(" ", "")
    for layout in ("poster", "vertical", "compact"):
        for width in (320, 360, 480, 800, 1200, 1600, 2400):
            scene = jg.build_scene(journey, layout=layout, width=width)
            shown = [t for t in scene.walk() if isinstance(t, Text) and _part_of(t, label)]
            assert shown, (layout, width)
            assert max(len(t.lines) for t in shown) <= 2, (layout, width)


def _part_of(text: Text, label: str) -> bool:
    joined = "".join(text.lines).replace(" ", "")
    return len(joined) > 3 and joined in label

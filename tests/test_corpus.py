"""The corpus of real journeys (tests/corpus, issue 14 item 6) and the checks that measure it.

Every corpus spec validates and renders in every layout at every common width in three
themes with the layout checker clean, no word split without a hyphen, no badge text outside
its shield, and the width asked for honoured or warned about (WidthWarning). The checks of
tests/corpus_checks.py are tried here on hand-made scenes too, so they are known to find
what they claim; bench/corpus.py reports the page-use figures (column balance, phone header).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import corpus_checks as cc
import journeygraphic as jg
from journeygraphic.check import check_scene
from journeygraphic.cli import main
from journeygraphic.scene import Box, Circle, Font, Rect, Scene, Text
from journeygraphic.scene import Path as ScenePath

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SPECS = sorted(CORPUS.glob("*.yaml"))
LAYOUTS = ("poster", "vertical", "compact", "auto")
FONT = Font("DejaVu Sans", "DejaVuSans.ttf", 12.0)


def test_the_corpus_is_large_and_varied() -> None:
    journeys = {p.stem: jg.load(p) for p in SPECS}
    assert len(journeys) >= 14
    assert all(j.as_of for j in journeys.values()), "every corpus spec says when it was true"
    assert max(len(j.phases) for j in journeys.values()) >= 9
    assert sum(1 for j in journeys.values() if len(j.phases) >= 8) >= 2
    two_certificates = [j for j in journeys.values() if len(cc._certifications(j)) >= 2]
    assert len(two_certificates) >= 3  # a certification on the way: AWS, CKA->CKS, RHCSA->RHCE


def test_the_corpus_validates_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CORPUS)]) == 0
    assert f"{len(SPECS)} valid, 0 invalid" in capsys.readouterr().err


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_every_layout_renders_clean_at_1600_and_360(spec: Path) -> None:
    journey = jg.load(spec)
    for layout in LAYOUTS:
        for width in (1600, 360):
            scene = jg.build_scene(journey, layout=layout, width=width, base_dir=spec.parent)
            assert check_scene(scene) == [], (layout, width)
            assert scene.width > 0 and scene.height > 0


WIDTHS = (320, 360, 480, 800, 1200, 1600, 2400)
THEMES = ("default", "dark", "high-contrast")


def _views() -> list[tuple[str, int, str]]:
    """Every layout at every width in each of three themes (84 views of each spec)."""
    return [(layout, w, t) for layout in LAYOUTS for w in WIDTHS for t in THEMES]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_every_view_of_the_corpus_is_publishable(spec: Path) -> None:
    journey = jg.load(spec)
    vocab = cc.vocabulary(cc.journey_texts(journey))
    for layout, width, theme in _views():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", jg.LayoutWarning)
            scene = jg.build_scene(journey, layout=layout, width=width, theme=theme)
        view = (layout, width, theme)
        assert check_scene(scene) == [], view
        assert cc.mid_word_splits(scene, vocab) == [], view
        assert cc.badge_text_outside(scene) == [], view
        warned = any(issubclass(w.category, jg.WidthWarning) for w in caught)
        assert cc.width_excess(scene, width) <= 0.5 or warned, view


def test_the_frictions_name_real_corpus_specs() -> None:
    lines = (CORPUS / "FRICTIONS.md").read_text(encoding="utf-8").splitlines()
    named = {line.split("`")[1] for line in lines if line.startswith("- `")}
    assert len(named) >= 8
    assert named <= {p.name for p in SPECS}


# -- the checks, on hand-made scenes -------------------------------------------------------


def _text(lines: tuple[str, ...], x: float = 10, y: float = 20, role: str = "body") -> Text:
    widths = tuple(7.0 * len(line) for line in lines)
    return Text(x, y, lines, FONT, "#000000", 15, widths=widths, ascent=10, descent=3, role=role)


def _scene(*items: object, width: float = 400, height: float = 400) -> Scene:
    return Scene(width, height, "#ffffff", tuple(items))  # type: ignore[arg-type]


VOCAB = cc.vocabulary(["Classroom training", "Earn the certification", "Start here"])


def test_a_split_inside_a_word_is_found() -> None:
    scene = _scene(_text(("Classroo", "m training")), _text(("Earn the certificatio", "n")))
    found = cc.mid_word_splits(scene, VOCAB)
    assert [str(s) for s in found] == ["Classroo|m", "certificatio|n"]
    assert found[0].word == "Classroom"


def test_a_break_at_a_space_or_after_a_hyphen_is_no_split() -> None:
    scene = _scene(
        _text(("Start", "here")),  # 'starthere' is no word of the journey
        _text(("Classroom", "training")),
        _text(("certifi-", "cation")),  # hyphenated: fine
    )
    assert cc.mid_word_splits(scene, VOCAB) == []


def test_a_split_is_found_in_upper_case_labels_too() -> None:
    scene = _scene(_text(("CLASSR", "OOM"), role="badge-text"))
    assert [s.role for s in cc.mid_word_splits(scene, VOCAB)] == ["badge-text"]


def test_the_vocabulary_reads_every_string_of_a_journey() -> None:
    journey = jg.load(CORPUS / "nursing-rn.yaml")
    vocab = cc.vocabulary(cc.journey_texts(journey))
    assert {"microbiology", "authorization", "nclex"} <= vocab.words
    assert ("clinical", "rotations") in vocab.pairs


def test_width_excess() -> None:
    assert cc.width_excess(_scene(width=1232), 800) == 432
    assert cc.width_excess(_scene(width=800), 800) == 0


def _node(cx: float) -> Circle:
    return Circle(cx, 100, 8, "#ffffff", role="node")


def test_poster_columns_are_measured_from_the_timeline_down() -> None:
    scene = _scene(
        _node(18),
        _node(218),
        Rect(10, 120, 150, 580, "#eeeeee", role="card"),  # column 1: bottom at 700
        _text(("short",), x=210, y=130),  # column 2: bottom at 133
        Rect(0, 760, 400, 40, "#000000", role="band"),  # the footer: not a column
        _text(("legend",), x=210, y=740, role="legend"),
        height=800,
    )
    heights = cc.poster_columns(scene)
    assert heights == [600, 33]
    assert cc.column_balance(heights) == pytest.approx(600 / 316.5)
    assert cc.column_balance([100, 100, 100]) == 1.0
    assert cc.poster_columns(_scene(_text(("no nodes",)))) == []


def test_header_fraction_of_a_phone_screen() -> None:
    top = Rect(0, 0, 360, 320, "#000000", role="band")
    bottom = Rect(0, 900, 360, 40, "#000000", role="band")
    scene = _scene(top, bottom)
    assert cc.header_fraction(scene) == 0.5
    assert cc.header_fraction(_scene()) == 0


def _shield(x: float, y: float, w: float) -> ScenePath:
    """A shield like the badge's: straight sides, a curved bottom to a tip."""
    return ScenePath(
        (
            ("M", x, y),
            ("L", x + w, y),
            ("L", x + w, y + 0.7 * w),
            ("C", x + w, y + w, x + w / 2, y + 1.1 * w, x + w / 2, y + 1.1 * w),
            ("C", x + w / 2, y + 1.1 * w, x, y + w, x, y + 0.7 * w),
            ("Z",),
        ),
        fill="#0064b5",
        role="badge",
    )


def test_badge_words_inside_the_shield_pass_and_outside_fail() -> None:
    inside = _text(("EXPERT",), x=30, y=30, role="badge-text")  # 42 px wide in 100
    wide = _text(("SECURITY SPECIALIST",), x=10, y=30, role="badge-text")  # 133 px
    assert cc.badge_text_outside(_scene(_shield(10, 10, 100), inside)) == []
    found = cc.badge_text_outside(_scene(_shield(10, 10, 100), wide))
    assert len(found) == 1 and found[0].by == pytest.approx(33)


def test_badge_words_in_the_narrow_tip_are_outside_though_inside_the_bounding_box() -> None:
    low = _text(("STARS",), x=15, y=110, role="badge-text")  # at the tip: the shield narrows
    found = cc.badge_text_outside(_scene(_shield(10, 10, 100), low))
    assert found and found[0].line == "STARS"
    assert Box(10, 10, 100, 110).contains(low.line_boxes()[0])  # the box alone would pass


def test_badge_words_on_the_ribbon_are_held_to_the_ribbon() -> None:
    ribbon = Rect(4, 50, 112, 24, "#ffffff", role="badge")
    fits = _text(("RIBBON",), x=30, y=65, role="badge-text")
    spills = _text(("A RIBBON THAT IS FAR TOO LONG",), x=4, y=65, role="badge-text")
    assert cc.badge_text_outside(_scene(_shield(10, 10, 100), ribbon, fits)) == []
    assert cc.badge_text_outside(_scene(_shield(10, 10, 100), ribbon, spills))


def test_ellipsis_lines() -> None:
    scene = _scene(_text(("The Linux Foundation …", "whole")), _text(("also...",)))
    assert cc.ellipsis_lines(scene) == ["The Linux Foundation …", "also..."]


def test_dropped_badge_words_name_what_the_badge_lost() -> None:
    journey = jg.load(CORPUS / "kubernetes-cka-cks.yaml")
    kept = _scene(  # the spec's badge_issuer, not its full issuer, is what a badge shows
        _text(("LF / CNCF",), role="badge-text"),
        _text(("SECURITY", "SPECIALIST"), role="badge-text"),
        _text(("CKA",), role="badge-text"),
    )
    assert cc.dropped_badge_words(kept, journey) == []
    lost = _scene(
        _text(("LF /",), role="badge-text"),
        _text(("SECURITY SPECIALIST",), role="badge-text"),
    )
    assert cc.dropped_badge_words(lost, journey) == ["CNCF"]


def test_lone_last_words() -> None:
    scene = _scene(
        _text(("Train your", "way"), role="heading"),
        _text(("Start", "here"), role="caption"),  # narrow, but not a lone word
        _text(("Train your", "way"), role="body"),  # body text is not judged here
    )
    assert cc.lone_last_words(scene) == ["Train your / way"]

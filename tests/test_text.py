"""The measurer: widths (fast path, shaping, fallback runs, very long text) and line breaking
(spaces, CJK, web addresses, hyphens, no-break spaces, clusters), and text direction."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import ImageFont

import hyphencheck
import needs
from journeygraphic.fonts import DEJAVU_COMMON
from journeygraphic.text import (
    REFERENCE_SIZE,
    SAFETY,
    Measurer,
    bidi_mark,
    font_path,
    text_direction,
    words,
)

MEASURER = Measurer("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT = MEASURER.font(16)
BOLD = MEASURER.font(16, "bold")
# Closing punctuation a line may not start with, opening punctuation it may not end with.
CLOSING = set("、。，．）」』】！？ー")
OPENING = set("（「『【")


def basic_width(text: str, file: str = "DejaVuSans.ttf", size: float = 16) -> float:
    font = ImageFont.truetype(font_path(file), REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC)
    return float(font.getlength(text)) * SAFETY / REFERENCE_SIZE * size


def shaped_width(text: str, size: float = 16) -> float:
    font = ImageFont.truetype(
        font_path("DejaVuSans.ttf"), REFERENCE_SIZE, layout_engine=ImageFont.Layout.RAQM
    )
    return float(font.getlength(text)) * SAFETY / REFERENCE_SIZE * size


def wrap(text: str, width: float, font: object = FONT) -> list[str]:
    return MEASURER.wrap(text, font, width)  # type: ignore[arg-type]


# --- widths -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["DevOps Engineer Expert", "Exam AZ-400", "café – naïve"])
def test_text_the_font_covers_is_measured_as_before(text: str) -> None:
    # One unshaped measurement, exactly what the layouts and goldens were built on.
    assert MEASURER.width(text, FONT) == pytest.approx(basic_width(text))


def test_text_the_font_covers_needs_no_fallback_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_runs(*args: object) -> None:
        raise AssertionError("per-character font lookup on text DejaVu covers")

    monkeypatch.setattr("journeygraphic.text.runs", no_runs)
    measurer = Measurer("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    assert measurer.width("Ελληνικά, кириллица – café", FONT) > 0
    assert measurer.wrap("Designing and Implementing Microsoft DevOps Solutions", FONT, 90)


def test_arabic_is_measured_shaped() -> None:
    word = "مهندس"  # joined forms are narrower than the letters on their own
    assert MEASURER.width(word, FONT) == pytest.approx(shaped_width(word))
    assert MEASURER.width(word, FONT) < basic_width(word) - 1


@needs.CJK_FONT
def test_cjk_is_measured_in_its_fallback_face() -> None:
    # Noto Sans CJK's ideographs are one em wide; DejaVu would have measured its .notdef.
    assert MEASURER.width("日本語", FONT) == pytest.approx(3 * 16 * SAFETY, rel=0.01)


def test_mixed_text_is_the_sum_of_its_runs() -> None:
    whole = MEASURER.width("Azure 日本", FONT)
    parts = MEASURER.width("Azure ", FONT) + MEASURER.width("日本", FONT)
    assert whole == pytest.approx(parts, rel=0.01)


def test_very_long_text_measures_right_past_freetypes_overflow() -> None:
    # 26.6 fixed point overflows near 16,600 of the widest glyph at the reference size.
    widest = "\u1676"  # 2.016 em in DejaVu Sans Bold
    one = MEASURER.width(widest, BOLD)
    assert MEASURER.width(widest * 40_000, BOLD) == pytest.approx(one * 40_000, rel=1e-3)
    arabic = "مهندس " * 8_000
    assert MEASURER.width(arabic, FONT) == pytest.approx(
        8_000 * MEASURER.width("مهندس ", FONT), rel=1e-3
    )


def test_separators_raqm_refuses_are_measured_not_raised() -> None:
    for separator in "\r\x1c\x1d\x1e\x85\u2029":
        assert MEASURER.width(f"Z\u0353a{separator}b", FONT) > 0  # shaped: a mark


@given(st.text(max_size=40))
def test_any_text_measures_and_wraps_without_losing_a_character(text: str) -> None:
    assert math.isfinite(MEASURER.width(text, FONT)) and MEASURER.width(text, FONT) >= 0
    lines = wrap(text, 60)
    # The lines are the text, in order, with only spaces and inserted hyphens changed.
    assert hyphencheck.match(text, lines, complete=True) is not None


def test_widths_are_cached_per_string() -> None:
    measurer = Measurer("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    measurer.width("日本", FONT)
    measurer.width("日本", MEASURER.font(30))
    assert len(measurer._widths) == 1


# --- line breaking ------------------------------------------------------------------------


def test_spaces_break_and_words_stay_whole() -> None:
    assert wrap("Designing and Implementing Microsoft DevOps Solutions", 150) == [
        "Designing and",
        "Implementing",
        "Microsoft DevOps",
        "Solutions",
    ]


def test_cjk_breaks_between_ideographs_within_the_width() -> None:
    text = "DevOps エンジニアは、人、プロセス、テクノロジを組み合わせて、価値を届けます。"
    lines = wrap(text, 120)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert len(lines) > 3 and all(MEASURER.width(line, FONT) <= 120 for line in lines)


@needs.CJK_FONT  # the widths below are Noto's one-em ideographs
@pytest.mark.parametrize("width", [50, 55, 70, 85, 100, 130])  # 3 em fits: "ンー。"
def test_cjk_punctuation_keeps_to_its_neighbour(width: float) -> None:
    text = "「括弧」のテスト。長い文章、折り返し（かっこ）です！ラーメンー。"
    for line in wrap(text, width):
        assert line[0] not in CLOSING, line
        assert line[-1] not in OPENING, line


def test_web_addresses_break_after_slashes_and_separators() -> None:
    url = "https://learn.microsoft.com/credentials/certifications/devops-engineer?tabs=skills&v=2"
    lines = wrap(url, 200)
    assert "".join(lines) == url
    assert lines[0].startswith("https://")  # never between the two slashes
    assert all(line[-1] in "/?&=-." for line in lines[:-1]), lines


def test_a_bare_domain_breaks_after_its_dots_not_inside_a_label() -> None:
    domain = "training.linuxfoundation.org"
    lines = wrap(domain, MEASURER.width("linuxfoundation.org", FONT) + 1)
    assert lines == ["training.", "linuxfoundation.org"]


def test_hyphenated_words_break_after_the_hyphen_but_codes_hold() -> None:
    assert wrap("self-paced", 50) == ["self-", "paced"]
    code = MEASURER.width("AZ-400T00", FONT) + 1
    assert wrap("course AZ-400T00 today", code) == ["course", "AZ-400T00", "today"]
    assert words("AZ-400 self-paced -flag") == ["AZ-400", "self-", "paced", "-flag"]


def test_no_break_space_holds() -> None:
    text = "Exam costs 165\u00a0USD today"
    width = MEASURER.width("Exam costs 165", FONT) + 2
    lines = wrap(text, width)
    assert lines == ["Exam costs", "165\u00a0USD today"]


def test_word_wider_than_the_line_is_split_between_clusters() -> None:
    word = "e\u0301" * 30 + "👩\u200d💻" * 10  # combining accents; a ZWJ sequence
    lines = wrap(word, 40)
    assert "".join(lines) == word and len(lines) > 2
    for line in lines:
        assert not line.startswith(("\u0301", "\u200d", "💻"))
        assert not line.endswith("\u200d")


def test_paragraphs_are_kept() -> None:
    assert wrap("one\ntwo 日本", 500) == ["one", "two 日本"]


# --- direction ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "direction"),
    [
        (["Exam AZ-400"], "ltr"),
        (["مهندس DevOps"], "rtl"),
        (["AZ-400: مهندس"], "ltr"),  # the first strong character decides
        (["2020", "מהנדס"], "rtl"),  # digits are not strong
        (["日本語"], "ltr"),
        (["", "123"], "ltr"),
    ],
)
def test_direction_follows_the_first_strong_character(lines: list[str], direction: str) -> None:
    assert text_direction(lines) == direction


def test_bidi_mark_only_for_text_with_right_to_left_letters() -> None:
    assert bidi_mark(["DevOps", "日本"]) == ""
    assert bidi_mark(["مهندس", "DevOps"]) == "\u200f"
    assert bidi_mark(["Share:", "שתפו"]) == "\u200e"


def test_the_dejavu_shortcut_lists_only_characters_both_files_have() -> None:
    from journeygraphic.fonts import DEJAVU_COMMON, DEJAVU_FILES, coverage, font_path

    for file in DEJAVU_FILES:
        assert coverage(font_path(file)) >= DEJAVU_COMMON, file


# --- measuring many lines cheaply (performance work must not change a width) ------------


@pytest.mark.parametrize("file", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"])
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=80))
def test_ascii_widths_from_pairs_equal_measuring_the_whole_line(file: str, text: str) -> None:
    from journeygraphic.text import _pair_length

    font = ImageFont.truetype(font_path(file), REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC)
    assert _pair_length(file, text) == float(font.getlength(text))


@pytest.mark.parametrize(
    "text", ["AVATAR Ty. Wo, LTA 'quoted' \"x\" -- 1/2 & 3", "AV" * 50, "\x01\x7f a\tb", "W"]
)
def test_kerned_ascii_lines_are_measured_exactly(text: str) -> None:
    from journeygraphic.text import _pair_length

    font = ImageFont.truetype(
        font_path("DejaVuSans.ttf"), REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC
    )
    assert _pair_length("DejaVuSans.ttf", text) == float(font.getlength(text))


@given(st.text(alphabet=sorted(map(chr, DEJAVU_COMMON)) + list("Ελληνικά кириллица"), max_size=80))
def test_covered_non_ascii_widths_from_pairs_equal_measuring_the_whole_line(text: str) -> None:
    from journeygraphic.text import _pair_length

    font = ImageFont.truetype(
        font_path("DejaVuSans.ttf"), REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC
    )
    assert _pair_length("DejaVuSans.ttf", text) == float(font.getlength(text))


MIXED = st.lists(
    st.sampled_from([*"ab Zé-日本語。", "مهندس", "😀", "👩\u200d💻", "\u0301"]), max_size=12
).map("".join)


@given(MIXED, MIXED)
def test_a_line_measured_from_its_start_equals_measuring_it_whole(start: str, rest: str) -> None:
    # The wrapper measures a candidate line from the line before it (its runs but the last
    # remembered): the same float as measuring every run of the whole line afresh.
    from journeygraphic.fonts import runs
    from journeygraphic.text import _reference_width, _run_width

    text = start + rest
    _reference_width(start, "DejaVuSans.ttf", "regular")
    from_start = _reference_width(text, "DejaVuSans.ttf", "regular", start)
    path = font_path("DejaVuSans.ttf")
    if text.isascii() or not any(r.face or r.missing for r in runs(text, path)):
        return  # measured unshaped, from pairs (compared above)
    whole = 0.0
    for run in runs(text, path):
        whole += _run_width(run, "DejaVuSans.ttf")
    assert from_start == whole


@needs.CJK_FONT
def test_long_mixed_text_is_measured_from_remembered_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    # Lines of Latin and CJK words: each candidate line walks and shapes only its last run
    # and the word added, not the whole line again.
    from journeygraphic import text as text_module

    walked: list[str] = []
    shaped: list[str] = []
    cut, measure = text_module.runs, text_module._run_width

    def counted_runs(text: str, *args: Any) -> Any:
        walked.append(text)
        return cut(text, *args)

    def counted_widths(run: Any, file: str) -> float:
        shaped.append(run.text)
        return measure(run, file)

    monkeypatch.setattr(text_module, "runs", counted_runs)
    monkeypatch.setattr(text_module, "_run_width", counted_widths)
    measurer = Measurer("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    text = " ".join(("abcdef", "日本語本")[i % 2] + str(i) for i in range(400))
    assert len(measurer.wrap(text, FONT, 2000)) >= 20
    # Every candidate walked or shaped whole would take each character ~8 times.
    assert sum(map(len, walked)) < 3 * len(text)
    assert sum(map(len, shaped)) < 3 * len(text)


# --- clusters: capped, so every cluster fits a line -------------------------------------


def test_a_long_zwj_chain_wraps_within_the_line_between_emoji() -> None:
    chain = "👨" + "\u200d👩" * 999  # 1,000 emoji, one unbroken ZWJ sequence
    for width in (200.0, 50.0):
        lines = wrap(chain, width)
        assert "".join(lines) == chain and len(lines) > 10
        assert all(MEASURER.width(line, FONT) <= width for line in lines)
        assert all(not line.startswith("\u200d") for line in lines)  # cut after a joiner


def test_a_letter_with_thousands_of_marks_measures_as_the_letter() -> None:
    # Renderers stack marks on their base at no width; past 30 in a row none is measured.
    letter = "a" + "\u0301" * 9_999
    assert MEASURER.width("a", FONT) - 0.1 < MEASURER.width(letter, FONT)
    assert MEASURER.width(letter, FONT) < MEASURER.width("a\u0301" * 3, FONT)
    assert wrap(letter, 100) == [letter]


def test_clusters_are_capped_at_30_marks_and_10_joined_emoji() -> None:
    from journeygraphic.text import _cluster_end

    marks = "e" + "\u0301" * 100
    assert _cluster_end(marks, 0) == 31 and _cluster_end(marks, 31) == 62  # a mark + 30
    family = "👨\u200d👩\u200d👧\u200d👦"
    assert _cluster_end(family, 0) == len(family)  # a real sequence is whole
    chain = "👨" + "\u200d👩" * 20
    assert _cluster_end(chain, 0) == 20 and chain[19] == "\u200d"  # 10 emoji, the joiner
    assert _cluster_end(chain, 0, joins=1) == 2


@pytest.mark.parametrize("width", [20.0, 45.0, 80.0, 200.0])
@pytest.mark.parametrize(
    "text",
    ["Designing Microsoft DevOps Solutions", "supercalifragilistic words", "日本語のテキスト", ""],
)
def test_too_wide_counts_the_words_wider_than_the_line(text: str, width: float) -> None:
    measurer = Measurer("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    expected = sum(measurer.width(w, FONT) > width for w in words(text))
    assert measurer.too_wide(text, FONT, width) == expected
    assert measurer.too_wide(text, FONT, width) == expected  # remembered: the same


@pytest.mark.parametrize("width", [60.0, 110.0, 300.0])
def test_wrapped_gives_lines_widths_and_balanced_lines(width: float) -> None:
    text = "Implement an instrumentation strategy and security and compliance plans"
    lines, widths = MEASURER.wrapped(text, FONT, width)
    greedy = wrap(text, width)
    assert list(lines) == unwidowed(text, greedy, width)
    assert widths == tuple(round(MEASURER.width(line, FONT), 2) for line in lines)
    balanced, _ = MEASURER.wrapped(text, FONT, width, balance=True)
    # The narrowest wrap (to 1 px) that takes no more lines than the greedy one, and is no
    # narrower than the widest word that fits.
    widest = max(MEASURER.width(w, FONT) for w in words(text))
    low, high = (max(width / 2, widest), width) if widest <= width else (width, width)
    while high - low > 1:
        mid = (low + high) / 2
        low, high = (low, mid) if len(wrap(text, mid)) <= len(greedy) else (mid, high)
    assert list(balanced) == unwidowed(text, wrap(text, high), width)
    assert len(balanced) == len(greedy)


# --- wraps remembered per span of widths ---------------------------------------------------

# Pieces that exercise every decision a wrap makes: spaces, CJK and its punctuation, hyphens,
# web addresses, no-break spaces, words wider than a line (split between clusters), marks,
# joiners, right-to-left text and paragraphs.
_PIECES = st.sampled_from(
    [
        " ",
        "  ",
        "\n",
        "a",
        "word",
        "DevOps",
        "self-paced",
        "AZ-400",
        "https://learn.microsoft.com/en-us/training/paths?a=1&b=2#top",
        "Supercalifragilisticexpialidocious" * 2,
        "日本語の試験",
        "「認定」。",
        "\u00a0",
        "café",
        "مرحبا",
        "e\u0301" * 6,
        "👩\u200d💻",
    ]
)
_TEXTS = st.one_of(st.lists(_PIECES, max_size=14).map("".join), st.text(max_size=30))
SPANNED = Measurer("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")  # remembers all


def fresh_wrap(text: str, font: object, width: float) -> list[str]:
    """A wrap by a measurer that remembers nothing yet, so wraps afresh."""
    measurer = Measurer("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    return measurer.wrap(text, font, width)  # type: ignore[arg-type]


@st.composite
def _widths(draw: st.DrawFn, text: str) -> float:
    """Any width, or exactly a width the wrap compares with (a piece of the text), or the
    float just below or above it: where a span of widths starts or ends."""
    if not text or draw(st.booleans()):
        return draw(st.floats(-5, 400, allow_nan=False))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    width = SPANNED.width(text[start:end], FONT)
    return draw(
        st.sampled_from([width, math.nextafter(width, -math.inf), math.nextafter(width, math.inf)])
    )


@given(st.data(), _TEXTS)
def test_a_wrap_remembered_for_a_span_of_widths_is_a_fresh_wrap(
    data: st.DataObject, text: str
) -> None:
    for _ in range(4):
        width = data.draw(_widths(text))
        assert SPANNED.wrap(text, FONT, width) == fresh_wrap(text, FONT, width)


def unwidowed(text: str, lines: list[str], width: float) -> list[str]:
    """``lines`` with the word before a lone last word narrower than 4 em moved down to it,
    when both fit; when that would leave a word alone on the line above, the lines balanced
    instead if that leaves no short word alone after the first line, else the move only
    when the word left alone is a long one."""
    last = re.split(r"[ \t]+", text.rsplit("\n", maxsplit=1)[-1].strip(" \t"))
    if len(lines) < 2 or len(last) < 2 or lines[-1] != last[-1] or not _lone(lines[-1]):
        return lines
    if not lines[-2].endswith(" " + last[-2]):
        return lines
    kept, moved = lines[-2][: -len(last[-2]) - 1], f"{last[-2]} {last[-1]}"
    if len(lines) > 2 and " " not in kept.strip():
        widest = max(MEASURER.width(line, FONT) for line in lines)
        balanced = balanced_lines(text, widest)
        if not any(_lone(line) for line in balanced[1:]):
            return balanced
        if _lone(kept):
            return lines
    if not MEASURER.width(moved, FONT) <= width:
        return lines
    return [*lines[:-2], kept, moved]


def _lone(line: str) -> bool:
    line = line.strip()
    short = MEASURER.width(line, FONT) < 4 * FONT.size
    return " " not in line and not line.endswith("-") and short


def test_a_widow_is_never_fixed_by_stranding_a_word_above_it() -> None:
    text = "About two years at a community college"
    for width in range(120, 320, 4):
        lines, _ = MEASURER.wrapped(text, FONT, width)
        assert not any(_lone(line) for line in lines[1:-1]), (width, lines)
        assert len(lines) == len(wrap(text, width)), width  # never an extra line
    lines, _ = MEASURER.wrapped(text, FONT, 150)
    assert lines == ("About two years", "at a community", "college")  # balanced


def fresh_placed(text: str, width: float) -> list[str]:
    return unwidowed(text, fresh_wrap(text, FONT, width), width)


def fresh_balanced(text: str, width: float) -> list[str]:
    return unwidowed(text, balanced_lines(text, width), width)


def balanced_lines(text: str, width: float) -> list[str]:
    """The narrowest wrap (to 1 px) in as many lines as at ``width``, by fresh wraps."""
    lines = fresh_wrap(text, FONT, width)
    if len(lines) < 2:
        return lines
    widest = max((MEASURER.width(w, FONT) for w in words(text)), default=0.0)
    if widest > width:  # a word breaks anyway: left as wrapped
        return lines
    low, high = max(width / 2, widest), width
    while high - low > 1:
        mid = (low + high) / 2
        low, high = (low, mid) if len(fresh_wrap(text, FONT, mid)) <= len(lines) else (mid, high)
    return fresh_wrap(text, FONT, high)


@given(st.data(), _TEXTS, st.booleans())
def test_placed_wraps_from_spans_are_fresh_wraps(
    data: st.DataObject, text: str, balance: bool
) -> None:
    width = data.draw(_widths(text))
    lines, widths = SPANNED.wrapped(text, FONT, width, balance)
    assert list(lines) == (fresh_balanced(text, width) if balance else fresh_placed(text, width))
    assert widths == tuple(round(SPANNED.width(line, FONT), 2) for line in lines)


def test_a_span_ends_exactly_where_a_candidate_line_stops_fitting() -> None:
    text = "aaa aaa aaa"
    fits = MEASURER.width("aaa aaa", FONT)
    below = math.nextafter(fits, 0)
    for order in ([fits, below, fits + 1, below - 1], [below, fits, below - 1, fits + 1]):
        measurer = Measurer("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
        for width in order:
            expected = ["aaa aaa", "aaa"] if width >= fits else ["aaa", "aaa", "aaa"]
            assert measurer.wrap(text, FONT, width) == expected, width


def test_a_nan_width_is_never_answered_from_a_span() -> None:
    measurer = Measurer("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    text = "Supercalifragilistic words"
    for width in (math.nan, 100.0, math.nan, 1e9, math.inf, -math.inf):
        assert measurer.wrap(text, FONT, width) == fresh_wrap(text, FONT, width)


def test_remembered_spans_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("journeygraphic.text._MAX_WRAPS", 3)
    measurer = Measurer("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    text = "Designing and Implementing Microsoft DevOps Solutions"
    for width in range(40, 400, 7):
        assert measurer.wrap(text, FONT, width) == fresh_wrap(text, FONT, width)
        assert measurer.wrapped(text, FONT, width, True)[0] == tuple(fresh_balanced(text, width))
        assert measurer._span_count <= 3
        assert sum(len(spans.lows) for spans in measurer._spans.values()) <= 3


@pytest.mark.private_route
@pytest.mark.parametrize("shaped", [False, True])
def test_the_freetype_core_measures_as_imagefont_does(shaped: bool) -> None:
    # Measuring uses Pillow's FreeType core directly (no PIL.Image import); it must give
    # exactly what ImageFont.truetype, which wraps the same core, gives.
    from journeygraphic import text as text_module

    assert text_module._CORE is not None  # this Pillow has the core: the direct route is on
    for file in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        ours = text_module._pil_font(file, text_module.REFERENCE_SIZE, shaped=shaped)
        layout = ImageFont.Layout.RAQM if shaped else ImageFont.Layout.BASIC
        theirs = ImageFont.truetype(
            text_module.font_path(file), text_module.REFERENCE_SIZE, layout_engine=layout
        )
        assert isinstance(ours, text_module._CoreFace)
        assert ours.getmetrics() == theirs.getmetrics()
        for sample in ("AVATAR Wave", "Get started at › Learn", "naïve café", "مرحبا بالعالم", ""):
            assert ours.getlength(sample) == theirs.getlength(sample)


@pytest.mark.private_route
def test_an_svg_render_loads_neither_pil_image_nor_subprocess() -> None:
    # Start-up cost: measuring needs only Pillow's FreeType core, and fc-list (run through
    # subprocess) only for characters DejaVu lacks.
    code = (
        "import sys, journeygraphic as jg\n"
        "jg.render(jg.load('specs/az400.yaml'), 'svg')\n"
        "loaded = sorted({'PIL.Image', 'subprocess', 'matplotlib'} & set(sys.modules))\n"
        "assert not loaded, loaded\n"
    )
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)

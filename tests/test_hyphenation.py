"""Hyphenation: no line ends inside a word without a hyphen, in any layout at any width.

The matrix test reads the wrapped lines of every text of every scene (see hyphencheck.py
for how breaks are classified); the property tests check the wrapper itself.
"""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from pathlib import Path

import pyphen
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hyphencheck
import journeygraphic as jg
from journeygraphic.hyphenate import HYPHEN, dictionary_name, points
from journeygraphic.text import Measurer, _is_address, words

ROOT = Path(__file__).resolve().parent.parent
HAND_MADE = ROOT / "tests" / "typography"
SPECS = [
    *sorted((ROOT / "specs").glob("*.yaml")),
    ROOT / "examples" / "features.yaml",
    *sorted((ROOT / "examples" / "world").glob("*.yaml")),
    *sorted(HAND_MADE.glob("*.yaml")),
]
MEASURER = Measurer("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT = MEASURER.font(15)


# --- every text of every layout at every width --------------------------------------------


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_line_ends_inside_a_word_without_a_hyphen(spec: Path) -> None:
    report = hyphencheck.check_spec(spec)
    assert not report.splits, f"lines end inside words: {sorted(set(report.splits))[:10]}"
    assert not report.bad_hyphens, f"hyphens off the dictionary: {report.bad_hyphens[:10]}"
    # Every multi-line text was traced to what the layout wrapped: nothing went unchecked.
    assert not report.unmatched, report.unmatched[:5]
    assert report.counts.get("space", 0) > 0


@pytest.mark.parametrize("name", ["long-words", "german"])
def test_the_hand_made_journeys_make_words_break(name: str) -> None:
    # They are there to be hyphenated: at 320-480 px their long words cannot fit a line.
    # (The nursing journey's words fit since layouts keep a readable measure.)
    report = hyphencheck.check_spec(HAND_MADE / f"{name}.yaml", widths=(320, 360, 480))
    assert report.counts.get("hyphenated", 0) > 0


def test_the_german_journey_is_hyphenated_with_the_german_dictionary() -> None:
    journey = jg.load(HAND_MADE / "german.yaml")
    assert journey.lang == "de"
    german = pyphen.Pyphen(lang="de_DE")
    broken = []
    for layout, width in (("poster", 480), ("vertical", 320)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", jg.WidthWarning)
            scene = jg.build_scene(journey, layout=layout, width=width)
        lines = [line for text in hyphencheck._texts(scene.items) for line in text.lines]
        broken += [line.split()[-1] for line in lines if line.startswith("Kranken")]
    # de_DE: Kran-ken-pfle-ge-hel-fe-rin-nen; "Krankenp|flege" would be a split.
    cut = [word[:-1] for word in broken if word.endswith("-")]
    assert cut and all(len(part) in german.positions(_word_of(part)) for part in cut), broken


def _word_of(prefix: str) -> str:
    return next(w for w in GERMAN_WORDS if w.startswith(prefix))


GERMAN_WORDS = ("Krankenpflegeausbildung", "Krankenpflegehelferinnen", "Krankenhausstationen")


# --- the wrapper -----------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "certification",
        "Authorization",
        "microbiology",
        "whitepapers",
        "Classroom",
        "Recommended",
        "Infrastructure",
        "(CKS)",
        "you?",
        "a",
        "of",
        "DevOps",
        "self-paced",
        "instructor-led",
        "AZ-400T00",
        "https://learn.example.com/paths?a=1",
        "Supercalifragilisticexpialidocious",
        "naïve",
        "x" * 30,
    ]
)
_TEXTS = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)


def _broken_words(text: str, lines: list[str]) -> list[tuple[str, int, int, bool]]:
    """Each break inside a space-separated word: the word, where in it the line that ends
    there starts (negative: with words before it) and ends, and whether a hyphen was
    drawn there."""
    breaks = hyphencheck.match(text, lines, complete=True)
    assert breaks is not None, (text, lines)
    found = []
    line_start = hyphencheck._skip_space(text, 0)
    for _, at, inserted in breaks:
        if at < len(text) and text[at] not in " \n":
            word, start = hyphencheck._token(text, at)
            found.append((word, line_start - start, at - start, inserted))
        line_start = hyphencheck._skip_space(text, at)
    return found


@given(_TEXTS, st.floats(20, 400))
def test_lines_fit_and_give_back_the_text(text: str, width: float) -> None:
    lines = MEASURER.wrap(text, FONT, width)
    for line in lines:
        # Only a single character wider than the line may stick out.
        assert MEASURER.width(line, FONT) <= width or len(line) == 1, (line, width)
    assert hyphencheck.match(text, lines, complete=True) is not None


@given(_TEXTS, st.floats(20, 400))
def test_words_break_only_where_they_may(text: str, width: float) -> None:
    lines = MEASURER.wrap(text, FONT, width)
    for word, begin, at, inserted in _broken_words(text, lines):
        if word[at - 1] in "-/?&=#" or (word[at - 1] == "." and _is_address(word)):
            assert not inserted
            continue  # after the word's own hyphen, or inside a web address
        piece = next(p for p in words(word) if word.find(p) <= at <= word.find(p) + len(p))
        start = word.find(piece)
        # A word breaks only if it could not fit a line of its own...
        assert MEASURER.width(piece, FONT) > width, (word, at, width)
        cuts = () if _is_address(word) else points(piece, "en")  # no hyphen in an address
        if inserted:
            assert at - start in cuts, (word, at)  # at a hyphenation point
            continue
        # ...and between characters only on a line of its own where no hyphenated part
        # fits: no word, or a syllable (with its hyphen) wider than the line.
        assert begin >= start, (word, begin, at)
        first = next((c for c in cuts if c > begin - start), None)
        if first is not None:
            part = piece[begin - start : first] + HYPHEN
            assert MEASURER.width(part, FONT) > width, (word, at, width)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("certification", 80, ["certifica-", "tion"]),
        ("Get Internationalization", 140, ["Get International-", "ization"]),  # fills the line
        ("Recommended first", 80, ["Recom-", "mended", "first"]),
        ("DevOps", 40, ["Dev-", "Ops"]),  # at the case change, never "De-vOps"
        ("instructor-led", 60, ["instruc-", "tor-led"]),
    ],
)
def test_the_last_hyphenation_point_that_fits(text: str, width: float, lines: list[str]) -> None:
    assert MEASURER.wrap(text, FONT, width) == lines


def test_a_word_that_fits_its_own_line_is_never_hyphenated() -> None:
    # "Authorization" fits 120 px alone: it moves to the next line whole.
    assert MEASURER.wrap("An Authorization", FONT, 120) == ["An", "Authorization"]


def test_a_word_after_its_own_hyphen_breaks_there_first() -> None:
    assert MEASURER.wrap("Kubernetes-certification", FONT, 110) == [
        "Kubernetes-",
        "certification",
    ]


def test_codes_and_addresses_still_split_between_characters() -> None:
    lines = MEASURER.wrap("AZ-400T00XYZ1234", FONT, 50)
    assert "".join(lines) == "AZ-400T00XYZ1234"  # no hyphen added inside a code
    assert all(MEASURER.width(line, FONT) <= 50 for line in lines)


def test_the_hyphen_is_measured_with_the_line() -> None:
    lines, widths = MEASURER.wrapped("certification", FONT, 80)
    assert lines[0].endswith(HYPHEN)
    assert widths[0] == round(MEASURER.width(lines[0], FONT), 2) <= 80


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("en", "en_US"),
        ("en-GB", "en_GB"),
        ("de", "de_DE"),
        ("de-CH", "de_CH"),
        ("pt", "pt_PT"),
        ("pt_BR", "pt_BR"),
        ("fr", "fr"),
        ("ja", None),
        ("ar", None),
        ("zh-Hans", None),
    ],
)
def test_a_language_tag_picks_a_dictionary(lang: str, name: str | None) -> None:
    found = dictionary_name(lang)
    assert found == name or (name is not None and found is not None and found.startswith(name))


def test_a_language_without_a_dictionary_splits_as_before() -> None:
    # No Japanese dictionary: a long Latin word in a ja journey splits between characters.
    lines = MEASURER.wrap("certification", FONT, 50, "ja")
    assert "".join(lines) == "certification"
    assert all(MEASURER.width(line, FONT) <= 50 for line in lines)


def test_german_compounds_break_at_german_points() -> None:
    lines = MEASURER.wrap("Krankenpflegeausbildung", FONT, 80, "de")
    assert lines == ["Kranken-", "pflege-", "ausbil-", "dung"]


@pytest.mark.parametrize(
    ("text", "width"),
    [("Registered Nurse (RN)", 150), ("Are you ready? Where next for you?", 130)],
)
def test_a_short_last_word_is_not_left_alone(text: str, width: float) -> None:
    greedy = MEASURER.wrap(text, FONT, width)
    assert " " not in greedy[-1]  # the greedy wrap leaves it alone...
    placed, widths = MEASURER.wrapped(text, FONT, width)
    assert len(placed) == len(greedy)  # ...and no line is added to fix that
    assert " " in placed[-1]
    assert max(widths) <= width
    assert " ".join(placed) == " ".join(greedy)


def test_a_long_last_word_may_stand_alone() -> None:
    text = "Implementing Authorization Infrastructure"
    assert MEASURER.wrapped(text, FONT, 240)[0] == tuple(MEASURER.wrap(text, FONT, 240))


def test_balancing_breaks_no_word_the_greedy_wrap_keeps() -> None:
    # Balancing used to narrow "Recommended first" until it split ("Recomme|nded first").
    lines, _ = MEASURER.wrapped("Recommended first", FONT, 120, balance=True)
    assert lines in (("Recommended", "first"), ("Recommended first",))
    assert not any(line.endswith(HYPHEN) for line in lines)


def test_the_dictionary_is_loaded_only_when_a_word_must_break() -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import journeygraphic as jg\n"
        "from journeygraphic.text import Measurer\n"
        "m = Measurer('DejaVu Sans', 'DejaVuSans.ttf', 'DejaVuSans-Bold.ttf')\n"
        "m.wrap('Designing and Implementing Microsoft DevOps Solutions', m.font(15), 200)\n"
        "m.wrap('AZ-400T00 https://example.com/a/b', m.font(15), 20)\n"
        "print('pyphen' in sys.modules)\n"
        "m.wrap('certification', m.font(15), 50)\n"
        "print('pyphen' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


def test_the_lang_field_is_checked() -> None:
    with pytest.raises(ValueError, match="language tag"):
        jg.Journey.model_validate(
            {"lang": "english please", "header": {"title": "x"}, "phases": []}
        )
    assert re.fullmatch(r"[a-z]{2}", jg.Journey.model_fields["lang"].default)


@pytest.mark.parametrize(
    "word",
    ["AZ-400T00", "v2", "example.com", "(CKS)", "iPhone", "naïvely" * 10, "x" * 65, "0AaAAK"],
)
def test_no_word_no_hyphenation_points(word: str) -> None:
    # Codes, addresses, short acronyms and runs of letters longer than any word.
    assert points(word, "en") == ()


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("(certification),", (4, 6, 8, 10)),  # punctuation around the word is left out
        ("DevOps", (3,)),  # the case change, and no point inside "Ops"
        ("microbiology.", (2, 5, 7, 9)),
    ],
)
def test_hyphenation_points_of_words(word: str, expected: tuple[int, ...]) -> None:
    assert points(word, "en") == expected


@pytest.mark.parametrize("name", ["de_DE", "en_US", "hu_HU", "ca", "af_ZA"])
def test_the_lazy_dictionary_finds_the_points_pyphen_finds(name: str) -> None:
    # Words made of the dictionary's own patterns meet many of them; hu_HU and ca hold
    # nonstandard breaks ("/..=.."), af_ZA characters written as ^^hh.
    import random

    import pyphen

    from journeygraphic.hyphenate import _dictionary

    ours = _dictionary(name)
    theirs = pyphen.Pyphen(lang=name, left=2, right=3)
    pieces = [letters.strip(".") for letters in ours._lines]
    rng = random.Random(name)
    for _ in range(400):
        word = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 5))) or "a"
        word = word.upper() if rng.random() < 0.2 else word
        assert ours.positions(word) == list(theirs.positions(word)), word


def test_a_dictionary_is_read_lazily() -> None:
    import pyphen

    from journeygraphic.hyphenate import _Patterns

    german = _Patterns(Path(pyphen.LANGUAGES["de_DE"]), 2, 3)
    assert german.positions("Zertifizierungsprüfung") == [3, 5, 7, 10, 15, 18]
    # Only the patterns the word's pieces meet are parsed, not German's ~66,000.
    assert 0 < len(german._parsed) < 1_000 < len(german._lines)

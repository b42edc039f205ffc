"""Fuzzing (issue 6): any input ends in a clean picture or a located SpecError, never else.

The property, for spec-shaped data, raw bytes, mutated real specs and the command line:
either the journey renders, the layout checker finds nothing and the SVG passes the
allowlist (tests/svgcheck.py), or a SpecError says where and why, in text that is safe for
a terminal and a CI log. Any other exception is a bug.

A short budget of each runs with the default suite (the hypothesis profile's examples).
The long run is one command, and takes a few minutes per thousand examples:

    python -m pytest -m fuzz tests/test_fuzz.py

which uses the ``fuzz`` profile of tests/conftest.py (2,000 examples per test).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journeygraphic as jg
from journeygraphic.backends import render_scene
from journeygraphic.check import check_scene
from journeygraphic.cli import main
from journeygraphic.errors import SpecError
from journeygraphic.loader import Located, check_journey, loads, validate
from journeygraphic.model import ICON_NAMES, LEVELS, PHASE_ROLES, Journey
from svgcheck import assert_inert_svg
from test_hostile import assert_terminal_safe

SPECS = sorted((Path(__file__).resolve().parent.parent / "specs").glob("*.yaml"))
FUZZ = settings(
    settings.get_profile("fuzz"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --------------------------------------------------------------------------- strategies

# Text a spec may hold, however odd: markup, dollars, link-like words, YAML 1.1 words,
# combining marks, scripts DejaVu lacks, very long words.
ODD_TEXT = [
    "<script>alert(1)</script>",
    "]]><svg onload=alert(1)>",
    '" onmouseover="x',
    "&amp; &#106; &lt;",
    "javascript:alert(1)",
    "::error::x",
    "##vso[task.x]",
    "$5 to $10",
    "$$",
    "\\frac{1}{2}",
    "unbalanced $",
    "Z\u0351\u0352\u0353a\u0354",
    "日本語 🚀",
    "\u2e3b\ufdfd",
    "a\u200db\u200cc",
    "NO",
    "on",
    "012",
    "12:30",
    "tab\tand\nnewline",
    "before\rafter",
]
# Text every spec must refuse: controls, bidi overrides, surrogates, non-characters.
REFUSED_TEXT = ["\x1b[31m", "\x00", "\u202egnp.exe", "\u2066x\u2069", "\ud800", "\ufeffx", "\x85"]
WORDS = st.sampled_from(["Azure", "learn", "exam", "a", "of", "DevOps", "AZ-400", "&", "W" * 30])
good_text = st.one_of(
    st.lists(WORDS, min_size=1, max_size=12).map(" ".join),
    st.lists(WORDS, min_size=1, max_size=12).map(" ".join),
    st.sampled_from(ODD_TEXT),
    st.lists(st.sampled_from(ODD_TEXT), min_size=1, max_size=4).map(" ".join),
    st.text(st.characters(exclude_categories=("Cc", "Cs", "Cf")), min_size=1, max_size=30),
    st.integers(1, 2200).map(lambda n: "x" * n),
)
bad_value = st.one_of(
    st.sampled_from(REFUSED_TEXT),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.lists(st.integers(), max_size=3),
    st.just(""),
    st.text(max_size=20),
)
value = good_text
urls = st.sampled_from(["https://example.com/a?b=1&c=2", "#top", "mailto:x@y.z", "docs/x"])
BAD_URLS = ["javascript:x", " JaVaScRiPt:x", "//evil", "\\\\evil", "&#106;s:x", "data:x"]


def maybe(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


def shaped(
    required: dict[str, st.SearchStrategy[Any]], optional: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping with its required fields and some optional ones."""
    return st.builds(lambda a, b: {**a, **b}, st.fixed_dictionaries(required), maybe(optional))


links = st.lists(shaped({"label": value, "url": urls}, {}), max_size=2)
common = {
    "id": st.sampled_from(["a", "b", "c1", "d-2"]),
    "description": value,
    "icon": st.sampled_from(ICON_NAMES),
    "links": links,
    "optional": st.booleans(),
}
items = st.lists(st.one_of(value, shaped({"title": value}, {"description": value})), max_size=4)
leaf = st.one_of(
    shaped({"title": value}, {"optional": st.booleans()}),
    shaped({"kind": st.just("exam"), "code": value, "title": value}, {}),
)


def groups(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A choice or an all-of group whose options or steps may hold ``inner``."""
    option = shaped({"title": value}, {**common, "steps": st.lists(inner, max_size=2)})
    return st.one_of(
        shaped(
            {"kind": st.just("choice"), "options": st.lists(option, min_size=2, max_size=4)},
            {**common, "title": value, "separator": value},
        ),
        shaped(
            {"kind": st.just("all"), "steps": st.lists(inner, min_size=2, max_size=3)},
            {**common, "title": value, "separator": value},
        ),
    )


# groups nest two deep, and now and then three (which must be refused with a location)
nested = groups(st.one_of(leaf, groups(st.one_of(leaf, groups(leaf)))))
stage = st.one_of(
    shaped({"title": value}, common),
    shaped({"kind": st.just("bullets"), "items": items.filter(bool)}, {**common, "title": value}),
    shaped({"kind": st.just("callout")}, {**common, "title": value, "items": items}),
    shaped({"kind": st.just("exam"), "code": value, "title": value}, common),
    shaped(
        {"kind": st.just("certification"), "name": value, "level": st.sampled_from(LEVELS)},
        {**common, "issuer": value, "badge_lines": st.lists(value, min_size=1, max_size=3)},
    ),
    nested,
)
phase = shaped(
    {"caption": value},
    {"detail": value, "icon": st.sampled_from(ICON_NAMES), "track": st.booleans(),
     "role": st.sampled_from(PHASE_ROLES), "steps": st.lists(stage, max_size=5)},
)  # fmt: skip
clean_specs = shaped(
    {
        "header": shaped({"title": value}, {"lead": value}),
        "phases": st.lists(phase, min_size=1, max_size=4),
    },
    {
        "as_of": value,
        "theme": st.sampled_from(["dark", "print", "high-contrast"]),
        "footer": shaped(
            {}, {"brand": value, "note": value, "link": shaped({"label": value, "url": urls}, {})}
        ),
    },
)
HOSTILE_VALUES = st.one_of(
    st.sampled_from(REFUSED_TEXT + BAD_URLS),
    bad_value,
    st.sampled_from(["../x.yaml", "/etc/x.yaml", "https://evil.example/t.yaml"]),
    st.dictionaries(st.sampled_from(["kind", "bogus", "::error::", "Title"]), good_text),
)


def _slots(data: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in the data: the places a mutation can hit."""
    keys = list(data) if isinstance(data, dict) else range(len(data))
    for key in keys:
        out.append((data, key))
        if isinstance(data[key], (dict, list)):
            _slots(data[key], out)
    return out


@st.composite
def spec_data(draw: st.DrawFn) -> dict[str, Any]:
    """A well-formed spec with none, one or a few hostile changes (values, keys, deletions)."""
    data = draw(clean_specs)
    for _ in range(draw(st.integers(0, 3))):
        slots = _slots(data, [])
        if not slots:
            break
        container, key = draw(st.sampled_from(slots))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            container[key] = draw(HOSTILE_VALUES)
        elif action == "delete" and isinstance(container, dict):
            del container[key]
        elif isinstance(container, dict):
            container[draw(st.sampled_from(["bogus", "::error::", "Titel", "kind"]))] = draw(value)
    return data


TOKENS = [
    "&a ", "*a", "!!str ", "!!python/object:os.system ", "<<: ", "? ", "- ", "[", "]", "{", "}",
    ": ", " #", "'", '"', "\t", "\n", "\x1b", "\u202e", "javascript:", "::error::", "---\n",
    "...\n", "%YAML 1.1\n", "~", "NaN", "1e999", "\ufeff", "\x00", "\\", "$$", "\r", "\x85",
]  # fmt: skip


@st.composite
def mutated_specs(draw: st.DrawFn) -> str:
    """A real spec with a few random cuts, insertions and repeats."""
    text = draw(st.sampled_from(SPECS)).read_text("utf-8")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "repeat"]))
        if op == "insert":
            text = (
                text[:at]
                + draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=5)))
                + text[at:]
            )
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        else:
            text = text[:at] + text[at : at + draw(st.integers(1, 200))] * 2 + text[at:]
    return text


# --------------------------------------------------------------------------- the property


def assert_clean_error(error: SpecError) -> None:
    assert error.problems, "a SpecError must say what is wrong"
    for problem in error.problems:
        assert problem.message and (problem.line is None or problem.line >= 1)
        assert len(str(problem)) < 1200
    assert_terminal_safe(str(error))


def renders_or_fails_cleanly(journey_source: Any, fmt: str = "svg") -> None:
    """``journey_source`` (a callable giving a Journey) ends in a clean picture or SpecError."""
    try:
        journey = journey_source()
        scene = jg.build_scene(journey)
    except SpecError as error:
        assert_clean_error(error)
        return
    assert check_scene(scene) == []
    data = render_scene(scene, fmt)
    if fmt == "svg":
        assert_inert_svg(data)
    else:
        assert data.startswith(b"\x89PNG")


def text_of(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def spec_case(data: dict[str, Any], fmt: str, picture: str) -> None:
    renders_or_fails_cleanly(lambda: loads(text_of(data, fmt), filename=f"f.{fmt}"), picture)


def model_case(data: dict[str, Any]) -> None:
    def build() -> Journey:
        return check_journey(validate(Journey, Located(data, "f.yaml")))

    renders_or_fails_cleanly(build)


def bytes_case(raw: bytes) -> None:
    renders_or_fails_cleanly(lambda: loads(raw, filename="f.yaml"))


def mutation_case(text: str) -> None:
    renders_or_fails_cleanly(lambda: loads(text, filename="f.yaml"))


def cli_case(text: str, tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp / "spec.yaml"
    spec.write_text(text, "utf-8", errors="surrogatepass")
    out = tmp / "out.svg"
    code = main([str(spec), "-o", str(out)])
    err = capsys.readouterr().err
    assert code in (0, 2), err
    assert "Traceback" not in err
    assert_terminal_safe(err)
    if code == 0:
        assert_inert_svg(out.read_bytes())
    else:
        assert re.match(re.escape(str(spec)), err) or err.startswith("error: "), err


PICTURES = st.sampled_from(["svg", "svg", "svg", "png"])
FORMATS = st.sampled_from(["yaml", "json"])

# --------------------------------------------------------------------------- short budget


@given(data=spec_data(), fmt=FORMATS, picture=PICTURES)
def test_spec_shaped_data(data: dict[str, Any], fmt: str, picture: str) -> None:
    spec_case(data, fmt, picture)


@given(data=spec_data())
def test_model_validation_of_any_data(data: dict[str, Any]) -> None:
    model_case(data)


@given(raw=st.binary(max_size=600))
def test_raw_bytes(raw: bytes) -> None:
    bytes_case(raw)


@given(text=mutated_specs())
def test_mutated_real_specs(text: str) -> None:
    mutation_case(text)


@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated_specs())
def test_command_line_on_mutated_specs(
    text: str, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_case(text, tmp_path_factory.mktemp("cli"), capsys)


# --------------------------------------------------------------------------- long run (-m fuzz)


@pytest.mark.fuzz
@FUZZ
@given(data=spec_data(), fmt=FORMATS, picture=PICTURES)
def test_fuzz_spec_shaped_data(data: dict[str, Any], fmt: str, picture: str) -> None:
    spec_case(data, fmt, picture)


@pytest.mark.fuzz
@FUZZ
@given(data=spec_data())
def test_fuzz_model_validation_of_any_data(data: dict[str, Any]) -> None:
    model_case(data)


@pytest.mark.fuzz
@FUZZ
@given(raw=st.binary(max_size=4000))
def test_fuzz_raw_bytes(raw: bytes) -> None:
    bytes_case(raw)


@pytest.mark.fuzz
@FUZZ
@given(text=mutated_specs())
def test_fuzz_mutated_real_specs(text: str) -> None:
    mutation_case(text)


@pytest.mark.fuzz
@settings(FUZZ, max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated_specs())
def test_fuzz_command_line_on_mutated_specs(
    text: str, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_case(text, tmp_path_factory.mktemp("cli"), capsys)

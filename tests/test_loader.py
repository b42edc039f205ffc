"""The loader: YAML/JSON → located plain data, refusals, and located validation errors."""

from __future__ import annotations

import json
import time
from importlib import resources
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from journeygraphic.errors import Problem, SpecError
from journeygraphic.loader import (
    MAX_DEPTH,
    Located,
    load,
    loads,
    parse,
    read_spec,
    validate,
)
from journeygraphic.model import Bullets, Choice, Journey, Step
from journeygraphic.spec import _yaml
from journeygraphic.theme import Theme, builtin_theme

MINIMAL = dedent(
    """\
    header:
      title: DevOps Engineer Expert
    phases:
      - caption: Start here
        steps:
          - title: Decide if this is for you
    """
)


def problems_of(text: str | bytes, **kwargs: Any) -> list[Problem]:
    """The problems ``loads`` reports (it must report some)."""
    with pytest.raises(SpecError) as info:
        loads(text, **kwargs)
    assert info.value.problems, "a SpecError must carry at least one problem"
    return info.value.problems


def only_problem(text: str | bytes, **kwargs: Any) -> Problem:
    found = problems_of(text, **kwargs)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def spec(body: str) -> str:
    """MINIMAL's header with the given (dedented) phases section."""
    return "header:\n  title: DevOps Engineer Expert\n" + dedent(body)


# --------------------------------------------------------------------------- good input

RICH_YAML = dedent(
    """\
    as_of: "2020"
    header:
      lead: "The journey to Microsoft Certified:"
      title: DevOps Engineer Expert
    phases:
      - id: start
        caption: Start here
        track: true
        steps:
          - kind: bullets
            items:
              - Collaboration and code
              - title: Security
                description: and compliance
          - kind: choice
            options:
              - title: Azure Administrator
                links:
                  - label: Page
                    url: https://example.com/admin
              - title: Azure Developer
                steps:
                  - kind: exam
                    code: AZ-204
                    title: Developing for Azure
          - title: Practise
            optional: yes
    footer:
      note: Written in our own words
    """
)

RICH_DATA: dict[str, Any] = {
    "as_of": "2020",
    "header": {"lead": "The journey to Microsoft Certified:", "title": "DevOps Engineer Expert"},
    "phases": [
        {
            "id": "start",
            "caption": "Start here",
            "track": True,
            "steps": [
                {
                    "kind": "bullets",
                    "items": [
                        "Collaboration and code",
                        {"title": "Security", "description": "and compliance"},
                    ],
                },
                {
                    "kind": "choice",
                    "options": [
                        {
                            "title": "Azure Administrator",
                            "links": [{"label": "Page", "url": "https://example.com/admin"}],
                        },
                        {
                            "title": "Azure Developer",
                            "steps": [
                                {"kind": "exam", "code": "AZ-204", "title": "Developing for Azure"}
                            ],
                        },
                    ],
                },
                {"title": "Practise", "optional": True},
            ],
        }
    ],
    "footer": {"note": "Written in our own words"},
}


def test_yaml_and_json_versions_load_equal() -> None:
    from_yaml = loads(RICH_YAML, filename="rich.yaml")
    from_json = loads(json.dumps(RICH_DATA, indent=2), filename="rich.json")
    assert from_yaml == from_json
    stages = from_yaml.phases[0].steps
    assert isinstance(stages[0], Bullets)
    assert isinstance(stages[1], Choice)
    assert isinstance(stages[2], Step) and stages[2].optional is True


def test_minimal_spec_loads() -> None:
    journey = loads(MINIMAL)
    assert journey.header.title == "DevOps Engineer Expert"
    step = journey.phases[0].steps[0]
    assert isinstance(step, Step) and step.title == "Decide if this is for you"


def test_yaml_positions_of_values_and_keys() -> None:
    located = parse(MINIMAL)
    title = ("phases", 0, "steps", 0, "title")
    assert located.value_marks[title] == (6, 16)
    assert located.key_marks[title] == (6, 9)
    assert located.value_marks[("phases", 0)] == (4, 5)
    assert located.key_marks[("phases",)] == (3, 1)
    assert located.value_marks[()] == (1, 1)


def test_json_positions_come_from_the_yaml_composer() -> None:
    text = '{\n  "header": {"title": "x"},\n  "phases": [\n    {"caption": "c"}\n  ]\n}\n'
    located = parse(text, fmt="json")
    assert located.value_marks[("phases", 0, "caption")] == (4, 17)
    assert located.key_marks[("phases", 0, "caption")] == (4, 6)


def test_tab_indented_json_is_still_located() -> None:
    text = '{\n\t"header": {"title": "x"},\n\t"phases": [{"caption": "c"}]\n}'
    assert parse(text, fmt="json").key_marks[("phases",)] == (3, 2)


def test_json_location_pass_failing_falls_back_to_the_top() -> None:
    # U+0080 is fine in a JSON string but not in YAML, so the location pass cannot finish.
    located = parse('{"header": {"title": "x\x80"}}', fmt="json")
    assert located.data == {"header": {"title": "x\x80"}}
    assert located.locate(("header", "title")) == (1, 1)


def test_located_is_frozen() -> None:
    located = parse(MINIMAL)
    with pytest.raises(AttributeError):
        located.data = {}  # type: ignore[misc]


@pytest.mark.parametrize("text", ["NO", "on", "012", "12:30", "2020-05-01", "1e3", ".inf", "0x1F"])
def test_yaml_1_1_surprises_stay_text(text: str) -> None:
    journey = loads(MINIMAL.replace("Decide if this is for you", text))
    step = journey.phases[0].steps[0]
    assert isinstance(step, Step) and step.title == text


def test_plain_nulls_are_none_and_quoted_ones_are_text() -> None:
    located = parse("a: ~\nb: null\nc:\nd: 'null'\ne: \"~\"\nf: |\n  null\n")
    assert located.data == {"a": None, "b": None, "c": None, "d": "null", "e": "~", "f": "null\n"}


def test_lax_mode_turns_text_into_booleans_where_the_model_wants_them() -> None:
    journey = loads(MINIMAL.replace("    steps:", "    track: yes\n    steps:"))
    assert journey.phases[0].track is True


# --------------------------------------------------------------------------- YAML refusals

REFUSALS = [
    pytest.param("a: !!str 1\n", 1, 4, ["tags", "'!!str'"], id="core-tag"),
    pytest.param("a: !custom x\n", 1, 4, ["tags", "'!custom'"], id="local-tag"),
    pytest.param("a: &anchor 1\n", 1, 4, ["anchors", "aliases"], id="anchor"),
    pytest.param("a: 1\nb: *anchor\n", 2, 4, ["anchors", "aliases"], id="alias"),
    pytest.param("base: {x: 1}\nother:\n  <<: {y: 2}\n", 3, 3, ["merge", "<<"], id="merge-key"),
    pytest.param("? [a, b]\n: 1\n", 1, 3, ["key", "plain text"], id="list-key"),
    pytest.param("a: 1\n---\nb: 2\n", 2, 1, ["more than one", "document"], id="two-documents"),
    pytest.param("", 1, 1, ["empty", "header", "phases"], id="empty"),
    pytest.param("  \n\n", 1, 1, ["empty"], id="blank"),
    pytest.param("# only a comment\n", 1, 1, ["empty"], id="comment-only"),
    pytest.param("---\n", 1, 1, ["empty"], id="empty-document"),
    pytest.param("- a\n- b\n", 1, 1, ["top level", "mapping", "list"], id="top-level-list"),
    pytest.param("just text\n", 1, 1, ["top level", "mapping"], id="top-level-scalar"),
    pytest.param("a: [1, 2\n", 2, 1, ["not valid YAML", "expected ',' or ']'"], id="unclosed"),
    pytest.param("a:\n\tb: 1\n", 2, 1, ["not valid YAML", "'\\t'"], id="tab-indent"),
    pytest.param("a: b\nc: d: e\n", 2, 5, ["not valid YAML", "mapping values"], id="colon"),
    pytest.param("a: x\x1by\n", 1, 5, ["U+001B", "not allowed"], id="escape-char"),
]


@pytest.mark.parametrize(("text", "line", "col", "words"), REFUSALS)
def test_yaml_refusals_are_located(text: str, line: int, col: int, words: list[str]) -> None:
    problem = only_problem(text, filename="bad.yaml")
    assert (problem.file, problem.line, problem.col) == ("bad.yaml", line, col)
    for word in words:
        assert word in problem.message


def test_duplicate_keys_name_both_lines() -> None:
    text = spec(
        """\
        phases:
          - caption: Start here
            steps:
              - title: One
                description: first
                title: Two
        """
    )
    problem = only_problem(text)
    assert (problem.line, problem.col) == (8, 9)
    assert "duplicate key 'title'" in problem.message
    assert "line 6" in problem.message and "line 8" in problem.message
    assert problem.path == "phases[0].steps[0].title"


def test_every_duplicate_is_reported() -> None:
    found = problems_of("a: 1\nb: 2\na: 3\nb: 4\n")
    assert [(p.line, p.message.split(" (")[0]) for p in found] == [
        (3, "duplicate key 'a'"),
        (4, "duplicate key 'b'"),
    ]


def test_anchor_refusal_names_its_path() -> None:
    text = spec(
        """\
        phases:
          - caption: &c Start here
        """
    )
    problem = only_problem(text)
    assert (problem.line, problem.col, problem.path) == (4, 14, "phases[0].caption")


def test_billion_laughs_fails_fast() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.perf_counter()
    problem = only_problem("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1.0
    assert "anchors and aliases" in problem.message
    assert (problem.line, problem.col) == (1, 5)


DEEP = 10_000


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        pytest.param("[" * DEEP + "]" * DEEP, "yaml", id="yaml-flow"),
        pytest.param("- " * DEEP + "x\n", "yaml", id="yaml-block"),
        pytest.param("a: " + "{a: " * DEEP + "x" + "}" * DEEP, "yaml", id="yaml-mappings"),
        pytest.param("[" * DEEP + "]" * DEEP, "json", id="json-lists"),
        pytest.param('{"a": ' * DEEP + "1" + "}" * DEEP, "json", id="json-objects"),
    ],
)
def test_very_deep_nesting_fails_cleanly(text: str, fmt: str) -> None:
    with pytest.raises(SpecError) as info:  # a RecursionError would escape this
        parse(text, fmt=fmt)  # type: ignore[arg-type]
    (problem,) = info.value.problems
    assert f"nested more than {MAX_DEPTH} levels" in problem.message
    assert problem.line == 1


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_nesting_limit_is_exact(fmt: Any) -> None:
    def nested(depth: int) -> str:  # the top-level mapping is one level
        inner = "[" * (depth - 1) + "]" * (depth - 1)
        return f'{{"a": {inner}}}' if fmt == "json" else f"a: {inner}"

    located = parse(nested(MAX_DEPTH), fmt=fmt)
    assert located.locate(("a",) + (0,) * (MAX_DEPTH - 3)) != (1, 1)
    with pytest.raises(SpecError, match="nested more than"):
        parse(nested(MAX_DEPTH + 1), fmt=fmt)


# --------------------------------------------------------------------------- JSON


def test_json_duplicate_keys_name_both_lines() -> None:
    text = '{\n  "header": {"title": "x"},\n  "phases": [],\n  "header": {"title": "y"}\n}'
    problem = only_problem(text, fmt="json")
    assert (problem.line, problem.col) == (4, 3)
    assert "duplicate key 'header'" in problem.message
    assert "line 2" in problem.message and "line 4" in problem.message


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"])
def test_json_non_finite_numbers_are_refused_and_located(number: str) -> None:
    text = f'{{\n  "header": {{"title": "x"}},\n  "phases": [{{"caption": {number}}}]\n}}'
    problem = only_problem(text, fmt="json")
    assert (problem.line, problem.col) == (3, 26)
    assert number in problem.message and "finite" in problem.message
    assert problem.path == "phases[0].caption"


def test_json_huge_integer_is_refused_not_crashed() -> None:
    problem = only_problem('{"header": {"title": ' + "9" * 5000 + "}}", fmt="json")
    assert "not a number a spec can use" in problem.message


def test_json_syntax_error_is_located() -> None:
    text = '{\n  "header": {"title": "x"},\n  "phases": [\n    {"caption": "x",, }\n  ]\n}'
    problem = only_problem(text, fmt="json")
    assert (problem.line, problem.col) == (4, 21)
    assert "not valid JSON" in problem.message


def test_json_top_level_must_be_a_mapping() -> None:
    problem = only_problem('[{"header": {}}]', fmt="json")
    assert "top level must be a mapping" in problem.message and "a list" in problem.message


def test_json_lone_surrogate_is_refused() -> None:
    text = '{"header": {"title": "x\\ud800"}, "phases": [{"caption": "c"}]}'
    problem = only_problem(text, fmt="json")
    assert "surrogate" in problem.message
    assert (problem.line, problem.col, problem.path) == (1, 22, "header.title")


@pytest.mark.parametrize(
    ("filename", "fmt", "text"),
    [
        ("spec.json", None, '{"header": {"title": "x"}, "phases": [{"caption": "c"}]}'),
        ("spec.JSON", None, '{"header": {"title": "x"}, "phases": [{"caption": "c"}]}'),
        ("spec", None, '  {"header": {"title": "x"}, "phases": [{"caption": "c"}]}'),
        ("spec.yml", None, MINIMAL),
        ("<stdin>", None, MINIMAL),
        ("spec.txt", "json", '{"header": {"title": "x"}, "phases": [{"caption": "c"}]}'),
    ],
)
def test_format_detection(filename: str, fmt: Any, text: str) -> None:
    assert isinstance(loads(text, filename=filename, fmt=fmt), Journey)


def test_yaml_suffix_wins_over_sniffing() -> None:
    # A YAML flow mapping starts with '{' too; the suffix says how to read it.
    journey = loads("{header: {title: x}, phases: [{caption: c}]}", filename="flow.yaml")
    assert journey.header.title == "x"


def test_json_suffix_means_json_errors() -> None:
    problem = only_problem(MINIMAL, filename="spec.json")
    assert "not valid JSON" in problem.message and problem.file == "spec.json"


# --------------------------------------------------------------------------- bytes


def test_input_over_the_size_limit_is_refused_before_parsing() -> None:
    for text in ("a: " + "x" * 200, ("a: " + "x" * 200).encode()):
        problem = only_problem(text, max_bytes=100)
        assert "203 bytes" in problem.message and "100 bytes" in problem.message


def test_size_limit_counts_utf8_bytes_of_text() -> None:
    problem = only_problem("a: " + "é" * 60, max_bytes=100)  # 60 characters, 123 bytes
    assert "123 bytes" in problem.message


@pytest.mark.parametrize("text", [b"\xef\xbb\xbf" + MINIMAL.encode(), "\ufeff" + MINIMAL])
def test_utf8_bom_is_accepted(text: bytes | str) -> None:
    assert loads(text).header.title == "DevOps Engineer Expert"


def test_bom_does_not_shift_positions() -> None:
    assert parse(b"\xef\xbb\xbfa: 1\n").value_marks[("a",)] == (1, 4)


def test_invalid_utf8_is_located() -> None:
    raw = b"header:\n  title: caf\xc3\xa9 \xe9t\xe9\n"
    problem = only_problem(raw, filename="latin.yaml")
    assert (problem.line, problem.col) == (2, 15)
    assert "UTF-8" in problem.message and "0xE9" in problem.message


def test_utf16_gets_a_hint() -> None:
    problem = only_problem(MINIMAL.encode("utf-16"))
    assert "UTF-16" in problem.message and (problem.line, problem.col) == (1, 1)


@pytest.mark.parametrize("text", ["a: 1\nb: x\x00y\n", b"a: 1\nb: x\x00y\n"])
def test_nul_bytes_are_refused_and_located(text: str | bytes) -> None:
    problem = only_problem(text)
    assert "NUL" in problem.message and (problem.line, problem.col) == (2, 5)


# --------------------------------------------------------------------------- files


def test_read_spec_and_load_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "az.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert read_spec(path).filename == str(path)
    assert load(path).header.title == "DevOps Engineer Expert"
    (tmp_path / "az.json").write_text(json.dumps(RICH_DATA), encoding="utf-8")
    assert load(str(tmp_path / "az.json")) == loads(RICH_YAML)


def test_missing_file_is_named_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SpecError) as info:
        load("specs/nope.yaml")
    (problem,) = info.value.problems
    assert problem.file == "specs/nope.yaml" and "does not exist" in problem.message
    assert str(info.value) == "specs/nope.yaml: the file does not exist"


def test_a_folder_is_not_a_spec(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as info:
        read_spec(tmp_path)
    assert "folder" in info.value.problems[0].message


def test_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 5000)
    with pytest.raises(SpecError) as info:
        read_spec(path, max_bytes=1000)
    assert "5,003 bytes" in info.value.problems[0].message


def test_errors_in_a_file_carry_its_name_and_position(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL.replace("title: Decide", "titel: Decide"), encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load(path)
    assert str(info.value).startswith(f"{path}:6:9: unknown field 'titel'")


# --------------------------------------------------------------------------- validation


def test_unknown_field_suggests_and_lists_allowed_names_at_the_key() -> None:
    problem = only_problem(MINIMAL.replace("title: Decide", "titel: Decide"))
    assert problem.message == (
        "unknown field 'titel'; did you mean 'title'? "
        "Allowed here: description, icon, id, kind, links, optional, requirement, requires, title"
    )
    assert (problem.line, problem.col) == (6, 9)
    assert problem.path == "phases[0].steps[0].titel"


def test_unknown_field_without_a_close_name() -> None:
    problem = only_problem(MINIMAL.replace("caption:", "zzz: 1\n    caption:"))
    assert problem.message == (
        "unknown field 'zzz'; allowed here: caption, detail, icon, id, node, role, steps, track"
    )


def test_missing_field_points_at_its_mapping() -> None:
    text = spec(
        """\
        phases:
          - caption: Start here
            steps:
              - kind: exam
                code: AZ-400
        """
    )
    problem = only_problem(text)
    assert problem.message == "missing required field 'title'"
    assert (problem.line, problem.col, problem.path) == (6, 9, "phases[0].steps[0]")


def test_missing_top_level_field() -> None:
    problem = only_problem("phases:\n  - caption: c\n")
    assert problem.message == "missing required field 'header'"
    assert (problem.line, problem.col, problem.path) == (1, 1, "")


def test_unknown_kind_suggests_and_points_at_the_kind() -> None:
    text = spec(
        """\
        phases:
          - caption: Start here
            steps:
              - kind: bulets
                items: [a]
        """
    )
    problem = only_problem(text)
    assert problem.message == (
        "unknown kind 'bulets'; use one of: step, bullets, callout, choice, all, exam, "
        "certification; did you mean 'bullets'?"
    )
    assert (problem.line, problem.col, problem.path) == (6, 15, "phases[0].steps[0].kind")


def _kind_in_an_option(kind: str) -> str:
    """A spec whose first option holds one stage of ``kind`` (at line 10, column 23)."""
    return spec(
        f"""\
        phases:
          - caption: Start here
            steps:
              - kind: choice
                options:
                  - title: A
                    steps:
                      - kind: {kind}
                  - title: B
        """
    )


def test_kind_not_allowed_inside_an_option() -> None:
    text = _kind_in_an_option("callout")
    problem = only_problem(text)
    assert problem.message.startswith(
        "kind 'callout' is not allowed here, only directly in a phase; use one of: step,"
    )
    assert "did you mean" not in problem.message  # a real kind: nothing to respell
    assert (problem.line, problem.col) == (10, 23)


def test_a_misspelt_kind_inside_an_option_is_unknown_with_a_suggestion() -> None:
    text = _kind_in_an_option("stepp")
    problem = only_problem(text)
    assert problem.message == (
        "unknown kind 'stepp'; use one of: step, bullets, exam, choice, all; did you mean 'step'?"
    )
    assert (problem.line, problem.col) == (10, 23)


def test_stage_that_is_not_a_mapping() -> None:
    problem = only_problem(MINIMAL.replace("- title: Decide if this is for you", "- Decide"))
    assert problem.message == "expected a mapping of fields here, got text 'Decide'"
    assert (problem.line, problem.col) == (6, 9)


def test_literal_choices_are_listed() -> None:
    text = spec(
        """\
        phases:
          - caption: Earn it
            steps:
              - kind: certification
                name: DevOps Engineer Expert
                requirement: master
        """
    )
    problem = only_problem(text)
    assert problem.message == (
        "'master' is not allowed; use one of: required, recommended, optional"
    )
    assert (problem.line, problem.col, problem.path) == (8, 22, "phases[0].steps[0].requirement")


def test_literal_suggests_a_close_value() -> None:
    problem = only_problem(
        MINIMAL + "      - kind: certification\n        name: x\n        requirement: Optional\n"
    )
    assert problem.message.endswith("; did you mean 'optional'?")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[a, b]", "expected text here, got a list"),
        ("{a: b}", "expected text here, got a mapping"),
        ("", "expected text here, got an empty value"),
    ],
)
def test_type_errors_read_as_sentences(value: str, message: str) -> None:
    problem = only_problem(MINIMAL.replace("Decide if this is for you", value))
    assert problem.message == message
    assert problem.path == "phases[0].steps[0].title"


def test_json_numbers_are_not_text() -> None:
    text = '{"header": {"title": 42}, "phases": [{"caption": "c", "track": "maybe"}]}'
    messages = [p.message for p in problems_of(text, fmt="json")]
    assert messages == [
        "expected text here, got the number 42",
        "expected true or false here, got text 'maybe'",
    ]


def test_validator_sentences_lose_the_pydantic_prefix() -> None:
    text = spec(
        """\
        phases:
          - caption: Start here
            steps:
              - title: Read
                links:
                  - label: Go
                    url: javascript:alert(1)
        """
    )
    problem = only_problem(text)
    assert problem.message.startswith("the scheme 'javascript:' is not allowed")
    assert (problem.line, problem.col) == (9, 18)


def test_list_length_limits() -> None:
    problem = only_problem("header: {title: x}\nphases: []\n")
    assert problem.message == "needs at least 1 item, has 0"
    assert (problem.line, problem.col, problem.path) == (2, 9, "phases")
    many = "header: {title: x}\nphases:\n" + "  - caption: c\n" * 13
    assert only_problem(many).message == "takes at most 12 items, has 13"


def test_error_inside_a_choice_option_inside_a_phase_is_located() -> None:
    text = spec(
        """\
        phases:
          - caption: Start here
            steps:
              - title: Decide
          - caption: Earn a prerequisite
            steps:
              - kind: choice
                title: Earn one of these
                options:
                  - title: Azure Administrator
                  - title: Azure Developer
                    icon: laptop
                    links:
                      - label: Page
                        url: ftp://example.com/dev
        """
    )
    problem = only_problem(text, filename="specs/az400.yaml")
    assert problem.path == "phases[1].steps[0].options[1].links[0].url"
    assert (problem.line, problem.col) == (17, 22)
    assert str(problem).startswith("specs/az400.yaml:17:22: the scheme 'ftp:' is not allowed")


def test_text_or_entry_union_gives_one_sentence() -> None:
    text = json.dumps(
        {
            "header": {"title": "x"},
            "phases": [
                {"caption": "c", "steps": [{"kind": "bullets", "items": [5, {"title": 3}]}]}
            ],
        }
    )
    found = problems_of(text, fmt="json")
    assert [(p.path, p.message) for p in found] == [
        ("phases[0].steps[0].items[0]", "expected text or a mapping here, got the number 5"),
        ("phases[0].steps[0].items[1].title", "expected text here, got the number 3"),
    ]


def test_entry_typo_is_reported_once() -> None:
    text = spec(
        """\
        phases:
          - caption: Start here
            steps:
              - kind: bullets
                items:
                  - titel: Security
        """
    )
    problem = only_problem(text)
    assert problem.message.startswith("unknown field 'titel'; did you mean 'title'?")
    assert (problem.line, problem.col) == (8, 13)


def test_problems_are_sorted_by_position() -> None:
    text = spec(
        """\
        phases:
          - caption: [a]
            icon: nope
            steps:
              - kind: nope
        footer: {brand: [b]}
        """
    ).replace("title: DevOps Engineer Expert", "title: {}")
    found = problems_of(text)
    assert [(p.line, p.col) for p in found] == sorted((p.line or 0, p.col or 0) for p in found)
    assert len(found) == 5


def test_model_level_rule_is_located_at_its_mapping() -> None:
    text = spec(
        """\
        phases:
          - caption: Start here
            steps:
              - kind: choice
                options:
                  - title: Only one
        """
    )
    problem = only_problem(text)
    assert problem.message.startswith("a choice needs at least two options")
    assert (problem.line, problem.col, problem.path) == (6, 9, "phases[0].steps[0]")


def test_version_one_is_accepted_from_yaml() -> None:
    # Plain scalars are text; the model must accept the text "1" where it wants the number.
    assert loads("version: 1\n" + MINIMAL).version == 1


def test_the_real_az400_spec_loads() -> None:
    spec_file = Path(__file__).resolve().parent.parent / "specs" / "az400.yaml"
    assert load(spec_file).header.title == "DevOps Engineer Expert"


# --------------------------------------------------------------------------- echoed text


def test_control_and_bidi_characters_are_escaped_in_messages() -> None:
    text = 'header:\n  title: x\n  "ti\\e[31mtle\\u202e": 1\nphases:\n  - caption: c\n'
    problem = only_problem(text)
    assert "ti\\u001b[31mtle\\u202e" in problem.message
    assert "\x1b" not in str(problem) and "\u202e" not in str(problem)


def test_echoed_values_are_truncated() -> None:
    problem = only_problem(MINIMAL + "      - kind: " + "k" * 500 + "\n")
    assert "k" * 59 + "…'" in problem.message
    assert "k" * 61 not in problem.message


def test_ci_log_commands_cannot_start_a_line() -> None:
    text = MINIMAL.replace("caption: Start here", "caption: Start here\n    '::error::boom': 1")
    error = only_problem(text, filename="::warning::x.yaml")
    assert "'::error::boom'" in error.message
    assert not str(error).startswith("::")


# --------------------------------------------------------------------------- generic validate


def test_validate_works_for_themes_too() -> None:
    source = resources.files("journeygraphic.themes").joinpath("default.yaml").read_bytes()
    located = parse(source, filename="default.yaml")
    assert validate(Theme, located) == builtin_theme()
    broken = source.replace(b'page: "#FFFFFF"', b"page: white")
    with pytest.raises(SpecError) as info:
        validate(Theme, parse(broken, filename="default.yaml"))
    (problem,) = info.value.problems
    assert problem.message == "'white' is not a colour; write it as #RRGGBB"
    assert problem.path == "palette.page" and problem.col == 9


def test_validate_uses_located_positions() -> None:
    located = Located({"header": {}}, "x.yaml", {(): (3, 1), ("header",): (4, 2)}, {})
    with pytest.raises(SpecError) as info:
        validate(Journey, located)
    assert [(str(p)) for p in info.value.problems] == [
        "x.yaml:3:1: missing required field 'phases'",
        "x.yaml:4:2: missing required field 'title' (at header)",
    ]


# --------------------------------------------------------------------------- never a raw error


@given(text=st.text(max_size=200), fmt=st.sampled_from(["yaml", "json"]))
def test_any_text_parses_or_raises_spec_error(text: str, fmt: Any) -> None:
    try:
        located = parse(text, fmt=fmt)
    except SpecError as exc:
        assert exc.problems and all(p.line is None or p.line >= 1 for p in exc.problems)
    else:
        assert isinstance(located.data, dict)


@given(raw=st.binary(max_size=200))
def test_any_bytes_parse_or_raise_spec_error(raw: bytes) -> None:
    try:
        loads(raw)
    except SpecError as exc:
        assert all("\x1b" not in str(p) for p in exc.problems)


YAMLISH = st.text(alphabet=list(":-[]{},&*!?|>'\"#%@`\n abc01~<"), max_size=120)


@given(text=YAMLISH)
def test_yaml_punctuation_soup_never_escapes_as_a_raw_error(text: str) -> None:
    try:
        loads(text)
    except SpecError as exc:
        assert all(p.line is not None and p.line >= 1 for p in exc.problems)


# --------------------------------------------------------------------------- libyaml and PyYAML

# Inputs where libyaml (the fast path) and PyYAML's own parser (the reference) could part ways:
# errors, refusals, and text libyaml reads differently, which must go to the reference.
PARSER_CASES = [
    *[p.values[0] for p in REFUSALS],
    "a: [1, 2\n",
    "a: b\nc: d: e\n",
    "a: 'unclosed\n",
    'a: "\\q"\n',
    "a: x\x85b: \x07\n",
    "a: \ud800\n",
    "a: b\t\n",
    "a:\tb\n",
    "a: [x?y]\n",
    "a: {b: c?d}\n",
    "a: {b: , c: d}\n",
    "a: [b: ]\n",
    "a: |#\n  x\n",
    "a: >-2#\n  x\n",
    "%YAML 1.3\n---\na: 1\n",
    "a: !x,y b\n",
    "fill: #ff0000\nb: 1\n",
    "a: 1\na: 2\n",
    "a: 1\nb:",
    "a:\n  - ",
    "a: [" * 70 + "]" * 70,
    "a: [" + "x, " * 10_001 + "]\n",
    "é: 😀\nb: [😀, c]\nd: {e: f}\ng: x\r\nh: y\u2028i: z",
    "a: |\n  x\n  y",
    "? a",
    "a:\n  ? b",
    "a: 1\r\nb:\n  c: d\n  ? e",
]


def _outcome(text: str, **kwargs: Any) -> tuple[Any, ...]:
    try:
        located = parse(text, **kwargs)
    except SpecError as error:
        return ("error", str(error))
    return (located.data, dict(located.value_marks), dict(located.key_marks))


def _both_parsers(text: str, monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> tuple[Any, Any]:
    fast = _outcome(text, **kwargs)
    with monkeypatch.context() as patch:
        patch.setattr(_yaml, "_CComposer", None)  # as on a machine without libyaml
        reference = _outcome(text, **kwargs)
    return fast, reference


@pytest.mark.parametrize("text", PARSER_CASES)
@pytest.mark.parametrize("filename", ["x.yaml", "x.json"])
def test_libyaml_and_pure_python_give_the_same_result(
    text: str, filename: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, reference = _both_parsers(text, monkeypatch, filename=filename)
    assert fast == reference


def test_libyaml_and_pure_python_read_every_shipped_file_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = Path(__file__).parent.parent
    files = [*root.glob("specs/*.yaml"), *root.glob("examples/**/*.yaml")]
    files += list((root / "src" / "journeygraphic" / "themes").glob("*.yaml"))
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        for variant in (text, text.rstrip("\n"), text.replace("\n", "\r\n")):
            fast, reference = _both_parsers(variant, monkeypatch, filename=path.name)
            assert fast == reference, path
        fast, reference = _both_parsers(json.dumps(parse(text).data, indent=1), monkeypatch)
        assert fast == reference, path


@given(text=YAMLISH)
def test_libyaml_and_pure_python_agree_on_punctuation_soup(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, reference = _both_parsers(text, monkeypatch, fmt="yaml")
    assert fast == reference


def test_specs_are_read_by_libyaml_when_it_is_there(monkeypatch: pytest.MonkeyPatch) -> None:
    if not yaml.__with_libyaml__:  # then the pure-Python parser is the only one, and is tested
        return
    broken = type("Broken", (), {"__init__": lambda *_: pytest.fail("fell back to PyYAML")})
    monkeypatch.setattr(_yaml, "_Composer", broken)
    assert load(Path(__file__).parent.parent / "specs" / "az400.yaml").header.title

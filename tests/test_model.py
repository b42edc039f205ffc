"""The model's new shapes: nested choices, all-of groups, roles, progress, and odd icons."""

from __future__ import annotations

import textwrap

import pytest
from pydantic import ValidationError

import journeygraphic as jg
from journeygraphic import model as m
from journeygraphic.layout._roles import separator_of
from journeygraphic.loader import loads


def _spec(steps: str) -> str:
    body = textwrap.indent(textwrap.dedent(steps), " " * 6)
    return f"header: {{title: T}}\nphases:\n  - caption: P\n    steps:\n{body}"


def _problem(text: str) -> jg.Problem:
    with pytest.raises(jg.SpecError) as error:
        loads(text)
    assert len(error.value.problems) == 1, error.value
    return error.value.problems[0]


# -- nesting ---------------------------------------------------------------------------------

NESTED = """\
- kind: choice
  options:
    - title: A
      steps:
        - title: first
        - kind: choice
          options:
            - title: B
            - title: C
    - title: D
"""


def test_a_choice_may_sit_inside_an_option() -> None:
    journey = loads(_spec(NESTED))
    inner = journey.phases[0].steps[0].options[0].steps[1]  # type: ignore[union-attr]
    assert isinstance(inner, m.Choice)
    assert [o.title for o in inner.options] == ["B", "C"]


def test_a_third_level_is_a_located_error_with_a_sentence() -> None:
    deep = NESTED.replace(
        "            - title: B\n",
        "            - title: B\n"
        "              steps:\n"
        "                - kind: all\n"
        "                  steps: [{title: x}, {title: y}]\n",
    )
    problem = _problem(_spec(deep))
    assert problem.message.startswith("this 'all' group is nested too deep")
    assert "2 levels at most" in problem.message
    assert (problem.line, problem.col) == (14, 25)  # the "- kind: all" one level too deep
    assert problem.path == "phases[0].steps[0].options[0].steps[1].options[0].steps[0]"


def test_nesting_is_checked_when_built_in_python_too() -> None:
    leaf = m.AllOf(steps=[m.Step(title="x"), m.Step(title="y")])
    middle = m.Choice(options=[m.Option(title="b", steps=[leaf]), m.Option(title="c")])
    with pytest.raises(ValidationError, match="nested too deep"):
        m.Choice(options=[m.Option(title="a", steps=[middle]), m.Option(title="d")])


def test_ids_inside_nested_choices_and_groups_must_be_unique() -> None:
    text = _spec(NESTED.replace("- title: B", "- {id: twice, title: B}")).replace(
        "- title: first", "- {id: twice, title: first}"
    )
    problem = _problem(text)
    assert "the id 'twice' is used twice" in problem.message
    assert "phases[0].steps[0].options[0].steps[1].options[0]" in problem.message


# -- all-of groups ----------------------------------------------------------------------------


def test_an_all_group_holds_two_or_more_steps() -> None:
    journey = loads(_spec("- kind: all\n  steps: [{kind: exam, code: A-1, title: a}, {title: b}]"))
    group = journey.phases[0].steps[0]
    assert isinstance(group, m.AllOf) and group.separator is None  # the labels' word
    assert separator_of(group, journey.wording()) == "AND"
    problem = _problem(_spec("- kind: all\n  steps: [{title: only}]"))
    assert "needs at least two steps" in problem.message


def test_unknown_kinds_list_all() -> None:
    problem = _problem(_spec("- kind: everything\n  title: x"))
    assert "choice, all, exam" in problem.message


def test_kinds_allowed_inside_an_option_are_named() -> None:
    text = _spec("- kind: choice\n  options: [{title: a, steps: [{kind: callout}]}, {title: b}]")
    problem = _problem(text)
    assert problem.message.startswith("kind 'callout' is not allowed here")
    assert "step, bullets, exam, choice, all" in problem.message


# -- roles and ids ------------------------------------------------------------------------------


def test_a_phase_may_say_its_role() -> None:
    journey = loads(_spec("- title: x").replace("- caption: P", "- caption: P\n    role: exam"))
    assert journey.phases[0].role == "exam"
    problem = _problem(_spec("- title: x").replace("- caption: P", "- caption: P\n    role: exm"))
    assert "did you mean 'exam'?" in problem.message


def test_journey_ids_walks_every_level() -> None:
    text = _spec(NESTED.replace("- title: C", "- {id: c, title: C}")).replace(
        "- caption: P", "- caption: P\n    id: p"
    )
    assert m.journey_ids(loads(text)) == ["p", "c"]


# -- icons from Python ------------------------------------------------------------------------


def test_an_unencodable_icon_is_a_validation_error_with_a_sentence() -> None:
    with pytest.raises(ValidationError) as error:
        m.Phase(caption="x", icon="\ud800")
    message = str(error.value)
    assert "unknown icon '\\ud800'" in message and "built-in icons are" in message


# -- progress -----------------------------------------------------------------------------------


def test_progress_states_and_one_current() -> None:
    progress = m.Progress(steps={"a": "done", "b": "current", "c": "skipped"})
    assert progress.state("b") == "current" and progress.state("zz") is None
    with pytest.raises(ValidationError, match="only one step can be current"):
        m.Progress(steps={"a": "current", "b": "current"})
    with pytest.raises(ValidationError):
        m.Progress(steps={"a": "finished"})  # type: ignore[dict-item]


def test_the_schema_knows_the_new_kinds_and_roles() -> None:
    schema = str(jg.Journey.model_json_schema())
    assert "'all'" in schema and "prerequisite" in schema and "AllOf" in schema

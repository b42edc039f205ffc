"""The JSON Schema of the spec format: the committed copy is current, and it is a schema
that editors can use on the real specs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from journeygraphic.cli import main, schema_text

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "schema" / "journey.schema.json"
REGENERATE = "python -m journeygraphic schema > schema/journey.schema.json"
SPECS = [*sorted((ROOT / "specs").glob("*.yaml")), ROOT / "examples" / "features.yaml"]


def test_the_committed_schema_is_current() -> None:
    assert COMMITTED.read_text("utf-8") == schema_text(), (
        f"schema/journey.schema.json is stale; regenerate it with: {REGENERATE}"
    )


def test_the_command_prints_exactly_the_committed_bytes(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert main(["schema"]) == 0
    out, err = capsysbinary.readouterr()
    assert out == COMMITTED.read_bytes() and err == b""


def test_the_text_is_stable_json() -> None:
    text = schema_text()
    schema = json.loads(text)
    assert text == json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert schema["title"] == "Journey" and schema["type"] == "object"
    assert {"header", "phases"} <= set(schema["required"])


def test_it_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text()))


@pytest.mark.parametrize("spec", SPECS, ids=lambda path: path.name)
def test_every_catalog_spec_meets_the_schema(spec: Path) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    data = yaml.safe_load(spec.read_text("utf-8"))  # stages without kind: are steps
    problems = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(data)]
    assert problems == []


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"colour": "red"}, "Additional properties are not allowed"),
        ({"phases": []}, "should be non-empty"),
        ({"header": {}}, "'title' is a required property"),
    ],
)
def test_the_schema_refuses_what_the_model_refuses(change: dict[str, Any], words: str) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    data = yaml.safe_load((ROOT / "specs" / "az900.yaml").read_text("utf-8"))
    messages = [e.message for e in validator.iter_errors(data | change)]
    assert any(words in message for message in messages), messages


def test_a_stage_without_kind_matches_exactly_one_shape() -> None:
    """A missing ``kind`` means a step, so only the step shape may accept it in editors."""
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    data = yaml.safe_load((ROOT / "specs" / "az900.yaml").read_text("utf-8"))
    data["phases"][0]["steps"] = [{"title": "Read the skills outline"}]
    assert list(validator.iter_errors(data)) == []
    data["phases"][0]["steps"] = [{"items": ["a"]}]  # a callout or bullets without its kind
    assert list(validator.iter_errors(data)) != []

"""JSON → located plain data: positions come from composing the same text as YAML."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import partial
from typing import (
    Any,
)

from ..errors import Problem, SpecError
from ..limits import Limits
from ..safety import escape
from ._located import TOP, Located, fail, position, raise_if, show, shown_file
from ._yaml import Builder, compose, libyaml_first, not_a_mapping, too_deep, too_many

# A JSON string (possibly unterminated) or a bracket: enough to measure nesting before parsing.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)


@dataclass(frozen=True)
class BadNumber:
    """Stands in for NaN, ±Infinity or an absurdly long number so it can be located later."""

    text: str


def parse_json(text: str, filename: str, limits: Limits) -> Located:
    deep_at = _json_too_deep(text, limits.max_depth)
    if deep_at is not None:
        line, col = position(text, deep_at)
        raise fail(filename, too_deep(limits.max_depth), line, col)
    duplicates: list[str] = []
    try:
        data = json.loads(
            text,
            object_pairs_hook=partial(_json_object, duplicates),
            parse_constant=BadNumber,
            parse_float=_json_float,
            parse_int=_json_int,
        )
    except json.JSONDecodeError as exc:
        message = escape(f"this is not valid JSON: {exc.msg}")
        raise SpecError([Problem(message, shown_file(filename), exc.lineno, exc.colno)]) from None
    if _count_nodes(data) > limits.max_nodes:  # before the slower pass that finds positions
        raise fail(filename, too_many(limits.max_nodes), *TOP)
    located, found = _locate_json(data, text, filename, limits)
    if not isinstance(data, dict):
        raise fail(filename, not_a_mapping(_json_noun(data)), *located.locate(()))
    raise_if(_json_duplicates(duplicates, found, located))
    return located


def _json_too_deep(text: str, limit: int) -> int | None:
    """Index of the first bracket nested deeper than ``limit`` (json would recurse on it)."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        if token.group() in "[{":
            depth += 1
            if depth > limit:
                return token.start()
        elif token.group() in "]}":
            depth -= 1
    return None


def _json_object(duplicates: list[str], pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            duplicates.append(key)
        result[key] = value
    return result


def _json_float(text: str) -> float | BadNumber:
    value = float(text)
    return value if math.isfinite(value) else BadNumber(text)  # 1e999 is infinity


def _json_int(text: str) -> int | BadNumber:
    # Python refuses to convert very long digit strings; no spec needs one.
    return int(text) if len(text) <= 100 else BadNumber(text)


def _count_nodes(data: Any) -> int:
    """Values in parsed JSON, keys included, counted the way the YAML composer counts."""
    if isinstance(data, dict):
        return 1 + len(data) + sum(_count_nodes(value) for value in data.values())
    if isinstance(data, list):
        return 1 + sum(_count_nodes(value) for value in data)
    return 1


def _locate_json(
    data: Any, text: str, filename: str, limits: Limits
) -> tuple[Located, list[Problem]]:
    """Positions for JSON data, found by composing the same text as YAML.

    JSON is nearly a subset of YAML, so this usually yields every position (and, for
    duplicate keys, both lines). It must never make a valid spec fail, so when it cannot
    finish, everything is located at the top of the file instead.
    """
    try:
        # Valid JSON has tabs only between tokens, where YAML refuses them; a space keeps
        # every column where it was.
        spaced = text.replace("\t", " ")
        root = libyaml_first(spaced, lambda kind: compose(spaced, filename, limits, kind))
        builder = Builder(filename, spaced)
        if root is not None:
            builder.build(root)
    except Exception:  # positions are a nicety: valid JSON must load even if this fails
        return Located(data, filename, {(): TOP}, {}), []
    return Located(data, filename, builder.value_marks, builder.key_marks), builder.problems


def _json_duplicates(keys: list[str], found: list[Problem], located: Located) -> list[Problem]:
    if not keys:
        return []
    if found:
        return found
    line, col = located.locate(())
    return [
        Problem(f"duplicate key {show(k)}", shown_file(located.filename), line, col) for k in keys
    ]


def _json_noun(data: Any) -> str:
    return "a list" if isinstance(data, list) else "a single value"

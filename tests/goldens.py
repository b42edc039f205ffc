"""Compare JSON goldens with a small tolerance on numbers, so a FreeType or Pillow update
that moves a glyph advance by a hundredth of a pixel does not fail the suite."""

from __future__ import annotations

import json

TOLERANCE = 0.05  # px


def first_difference(expected: object, actual: object, path: str = "$") -> str | None:
    """Where ``actual`` first differs from ``expected`` (beyond the tolerance), or None."""
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        if isinstance(expected, bool) or isinstance(actual, bool):
            return None if expected == actual else f"{path}: {expected!r} != {actual!r}"
        return None if abs(expected - actual) <= TOLERANCE else f"{path}: {expected} != {actual}"
    if isinstance(expected, dict) and isinstance(actual, dict):
        if expected.keys() != actual.keys():
            return f"{path}: keys {sorted(expected)} != {sorted(actual)}"
        for key in expected:
            found = first_difference(expected[key], actual[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{path}: {len(expected)} items != {len(actual)} items"
        for i, (a, b) in enumerate(zip(expected, actual, strict=True)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if expected == actual else f"{path}: {expected!r} != {actual!r}"


def compare_json(expected_text: str, actual_text: str) -> str | None:
    return first_difference(json.loads(expected_text), json.loads(actual_text))

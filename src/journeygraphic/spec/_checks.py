"""Limits on what was read: values no spec may hold, and journeys too big to lay out.

Every :class:`~journeygraphic.limits.Limits` on input is checked before the work it guards:
text length before validation (:func:`data_problems`), the size of the journey
(:func:`check_journey`) before layout.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import (
    Any,
)

from pydantic import BaseModel

from ..errors import Problem, SpecError
from ..limits import Limits, how_to_raise
from ..model import Journey
from ._json import BadNumber
from ._located import SURROGATE, DataPath, Located, at, show


def check_journey(
    journey: Journey, limits: Limits | None = None, located: Located | None = None
) -> Journey:
    """Refuse a journey too big to lay out: too much text, or too many things to draw.

    Run before layout, on journeys from files and from Python alike. Returns ``journey``.

    Args:
        journey: A validated journey.
        limits: ``max_text``, ``max_total_text`` and ``max_steps`` are checked.
        located: The data it was validated from, to locate problems (else paths only).

    Raises:
        SpecError: The first limit exceeded, located at the value that crossed it.
    """
    limits = limits or Limits()
    found = _too_long_text(journey, limits) or _too_much(journey, limits)
    if found is not None:
        path, message = found
        raise SpecError([at(located, message, path, "<journey>")])
    return journey


def _too_long_text(journey: Journey, limits: Limits) -> tuple[DataPath, str] | None:
    sizes: list[int] = []
    _text_sizes(journey, sizes)
    if max(sizes, default=0) <= limits.max_text and sum(sizes) <= limits.max_total_text:
        return None  # the usual case, found without building a path for every text
    total = 0
    for path, text in _model_texts(journey):
        if len(text) > limits.max_text:
            return path, text_too_long(len(text), limits.max_text)
        total += len(text)
        if total > limits.max_total_text:
            over = f"the journey has over {limits.max_total_text:,} characters of text"
            return path, f"{over}; {how_to_raise('max_total_text')}"
    return None


def _too_much(journey: Journey, limits: Limits) -> tuple[DataPath, str] | None:
    for count, path in enumerate(_drawn(journey), start=1):
        if count > limits.max_steps:
            message = (
                f"the journey has over {limits.max_steps:,} stages, options, list items and "
                f"links to draw; {how_to_raise('max_steps')}"
            )
            return path, message
    return None


def text_too_long(length: int, limit: int) -> str:
    over = f"this text has {length:,} characters, over the limit of {limit:,}"
    return f"{over}; {how_to_raise('max_text')}"


_PARTS = ("options", "steps", "items", "links")  # the lists whose entries are each drawn


def _drawn(journey: Journey) -> Iterator[DataPath]:
    """The path of everything the layout draws as its own block, in spec order."""
    for p, phase in enumerate(journey.phases):
        yield from _parts(phase, ("phases", p))


def _parts(model: BaseModel, path: DataPath) -> Iterator[DataPath]:
    fields = type(model).model_fields
    for name in _PARTS:
        if name not in fields:  # (pydantic's getattr for a missing name is slow)
            continue
        for index, part in enumerate(getattr(model, name) or ()):
            here = (*path, name, index)
            yield here
            if isinstance(part, BaseModel):
                yield from _parts(part, here)


def _model_texts(value: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """Every text value in a model, with its data path (models nest only a few deep)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _model_texts(getattr(value, name), (*path, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _model_texts(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _model_texts(item, (*path, str(key)))


def _text_sizes(value: Any, sizes: list[int]) -> None:
    """The length of every text value in a model, in :func:`_model_texts` order."""
    if isinstance(value, str):
        sizes.append(len(value))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _text_sizes(getattr(value, name), sizes)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _text_sizes(item, sizes)
    elif isinstance(value, dict):
        for item in value.values():
            _text_sizes(item, sizes)


def data_problems(located: Located, limits: Limits | None) -> list[Problem]:
    """Values no spec may hold: NaN/Infinity, unpaired surrogates, text over ``limits``.

    Surrogates are refused before pydantic sees them: its errors cannot carry them.
    """
    if _clean(located.data, math.inf if limits is None else limits.max_text):
        return []  # the usual case, found without building a path for every value
    problems: list[Problem] = []
    for path, value in _walk(located.data):
        key = path[-1] if path and isinstance(path[-1], str) else None
        if key is not None and SURROGATE.search(key):
            message = "this key contains an unpaired surrogate (U+D800–U+DFFF)"
            problems.append(located.problem(message, path, key=True))
        if limits is not None and key is not None and len(key) > limits.max_text:
            problems.append(located.problem(text_too_long(len(key), limits.max_text), path))
        if isinstance(value, str) and SURROGATE.search(value):
            message = "this text contains an unpaired surrogate (U+D800–U+DFFF)"
            problems.append(located.problem(message, path))
        if limits is not None and isinstance(value, str) and len(value) > limits.max_text:
            problems.append(located.problem(text_too_long(len(value), limits.max_text), path))
        if isinstance(value, BadNumber):
            message = f"{show(value.text)} is not a number a spec can use; write a finite number"
            problems.append(located.problem(message, path))
    return problems


def _clean(data: Any, max_text: float) -> bool:
    """True when :func:`data_problems` would find nothing in ``data``."""
    if isinstance(data, str):
        return len(data) <= max_text and SURROGATE.search(data) is None
    if isinstance(data, dict):
        return all(_clean(key, max_text) and _clean(v, max_text) for key, v in data.items())
    if isinstance(data, list):
        return all(_clean(value, max_text) for value in data)
    return not isinstance(data, BadNumber)


def _walk(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, Any]]:
    # Recursion is safe: both parsers cap nesting at Limits.max_depth (at most 200).
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, (*path, index))

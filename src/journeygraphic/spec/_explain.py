"""Pydantic's validation errors as located sentences a person can act on.

A pydantic ``loc`` mixes data keys with union labels; it is walked through the model's types
to find the data path, the field's owner and what was expected, and each error becomes one
sentence with a "did you mean" where a close name exists.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import (
    Annotated,
    Any,
    Literal,
    TypeAlias,
    Union,
    get_args,
    get_origin,
)

from pydantic import BaseModel, Discriminator, Tag, ValidationError
from pydantic_core import ErrorDetails

from ..errors import Problem
from ..model import STAGE_KINDS
from ._located import DataPath, Located, capped, dotted, show

_KIND = "kind"  # the field the model's stage discriminator reads


@dataclass(frozen=True)
class _Resolved:
    """Where a pydantic ``loc`` points, both in the data and in the model."""

    path: DataPath  # the loc without union labels: a path into the data
    owner: type[BaseModel] | None  # the model whose field the last loc element names
    annotation: Any  # the (unwrapped) type at the end of the loc
    choice: tuple[DataPath, str] | None  # first smart-union branch taken: (data path, label)


@dataclass(frozen=True)
class _Issue:
    """One pydantic error, explained and located."""

    kind: str
    path: DataPath
    message: str
    value: Any
    choice: tuple[DataPath, str] | None
    expected: str | None  # set for a plain type mismatch at ``path``
    key: bool = False  # located at the key rather than the value
    shown_path: DataPath | None = None
    suggestion: str | None = None  # for an unknown field: the allowed name it resembles

    def problem(self, located: Located) -> Problem:
        problem = located.problem(self.message, self.path, key=self.key)
        if self.shown_path is not None:
            problem.path = dotted(self.shown_path)
        return problem


def explained(model: type[BaseModel], located: Located, error: ValidationError) -> list[Problem]:
    """One located problem per useful pydantic error, sorted and capped."""
    issues = [_issue(model, located, err) for err in error.errors(include_url=False)]
    return capped([issue.problem(located) for issue in _prune(issues)])


def _issue(model: type[BaseModel], located: Located, err: ErrorDetails) -> _Issue:
    resolved = _resolve(model, tuple(err["loc"]))
    kind = err["type"]
    explain = _EXPLAIN.get(kind, _explain_default)
    expected = _EXPECTED.get(kind)
    path, shown, key, suggestion = resolved.path, None, False, None
    if kind == "missing":
        shown = path[:-1]  # the message names the field; point at its parent mapping
    elif kind == "extra_forbidden":
        key = True
        suggestion = _closest(str(path[-1]), _field_names(resolved.owner)) if path else None
    elif kind in _KIND_ERRORS and isinstance(err["input"], dict) and _KIND in err["input"]:
        path = (*path, _KIND)
    return _Issue(
        kind=kind,
        path=path,
        message=explain(err, resolved),
        value=err["input"],
        choice=resolved.choice,
        expected=expected,
        key=key,
        shown_path=shown,
        suggestion=suggestion,
    )


def _resolve(model: type[BaseModel], loc: tuple[str | int, ...]) -> _Resolved:
    """Walk ``loc`` through the model's types so union labels can be told from data keys."""
    annotation: Any = model
    owner: type[BaseModel] | None = None
    path: list[str | int] = []
    choice: tuple[DataPath, str] | None = None
    for part in loc:
        annotation, tagged = _unwrap(annotation)
        members = _union_members(annotation)
        if members and isinstance(part, str):  # a label naming the union branch taken
            if choice is None and not tagged:
                choice = (tuple(path), part)
            annotation = _branch(members, part)
            continue
        path.append(part)
        owner, annotation = _step(annotation, part)
    return _Resolved(tuple(path), owner, _unwrap(annotation)[0], choice)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """Strip ``Annotated`` and ``| None``; also say whether a discriminator was seen."""
    tagged = False
    while True:
        if get_origin(annotation) is Annotated:
            base, *metadata = get_args(annotation)
            tagged = tagged or any(isinstance(m, Discriminator) for m in metadata)
            annotation = base
            continue
        members = _union_members(annotation)
        real = [m for m in members if m is not type(None)]
        if members and len(real) == 1:
            annotation = real[0]
            continue
        return annotation, tagged


def _union_members(annotation: Any) -> tuple[Any, ...]:
    return get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else ()


def _branch(members: tuple[Any, ...], label: str) -> Any:
    """The union member a pydantic loc label names: a Tag, a class name, else a non-model."""
    for member in members:
        if _tag_of(member) == label or getattr(_unwrap(member)[0], "__name__", None) == label:
            return member
    plain = [m for m in members if not _is_model(_unwrap(m)[0]) and m is not type(None)]
    return plain[0] if plain else Any  # e.g. 'function-after[_clean_text(), constrained-str]'


def _step(annotation: Any, part: str | int) -> tuple[type[BaseModel] | None, Any]:
    """(model owning ``part``, type of the value at ``part``) one loc element further."""
    if _is_model(annotation) and isinstance(part, str):
        field = annotation.model_fields.get(part)
        if field is None:
            return annotation, Any
        # A field whose model is built on first use (a spec's inline theme) names its type.
        lazy = [m.lazy_annotation for m in field.metadata if hasattr(m, "lazy_annotation")]
        return annotation, lazy[0]() if lazy else field.annotation
    args = get_args(annotation)
    if get_origin(annotation) in (list, tuple, set, frozenset) and args:
        return None, args[0]
    if get_origin(annotation) is dict and len(args) == 2:
        return None, args[1]
    return None, Any


def _tag_of(member: Any) -> str | None:
    if get_origin(member) is not Annotated:
        return None
    tags = [m.tag for m in get_args(member)[1:] if isinstance(m, Tag)]
    return tags[0] if tags else None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _prune(issues: list[_Issue]) -> list[_Issue]:
    """Keep only the useful branch of each smart union (e.g. "text or an entry").

    Pydantic reports one error per union member. A member that failed only because the value
    has the wrong type says nothing useful when another member got further; when every member
    failed that way, one sentence lists what would have been accepted.
    """
    groups: dict[DataPath, dict[str, list[_Issue]]] = {}
    kept: list[_Issue] = []
    for issue in issues:
        if issue.choice is None:
            kept.append(issue)
        else:
            where, label = issue.choice
            groups.setdefault(where, {}).setdefault(label, []).append(issue)
    for where, branches in groups.items():
        kept += _best_branches(where, branches)
    return _without_typo_twins(kept)


def _without_typo_twins(issues: list[_Issue]) -> list[_Issue]:
    """A misspelt required field is both unknown and missing; report it once, as the typo."""
    meant = {(*i.path[:-1], i.suggestion) for i in issues if i.suggestion is not None}
    return [i for i in issues if not (i.kind == "missing" and i.path in meant)]


def _best_branches(where: DataPath, branches: dict[str, list[_Issue]]) -> list[_Issue]:
    def wrong_type(issue: _Issue) -> bool:
        return issue.expected is not None and issue.path == where

    useful = [issues for issues in branches.values() if not all(map(wrong_type, issues))]
    if useful or len(branches) == 1:
        return [i for issues in (useful or branches.values()) for i in issues]
    first = next(iter(branches.values()))[0]
    names = list(dict.fromkeys(i.expected for b in branches.values() for i in b if i.expected))
    message = f"expected {' or '.join(names)} here, got {_describe(first.value)}"
    return [_Issue("union", where, message, first.value, None, None)]


Explain: TypeAlias = Callable[[ErrorDetails, _Resolved], str]


_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "none_required": "nothing",
}


# Fields that moved, by (owner model, field): where the value is written now.
_MOVED = {
    ("LevelStyleOverride", "label"): (
        "the level word is the spec's content now, so no theme can change it; write it on "
        "the certification (e.g. level: PROFESSIONAL) and leave 'label' out of the theme"
    ),
    ("LevelStyle", "label"): (
        "the level word is the spec's content now, so no theme can change it; write it on "
        "the certification (e.g. level: PROFESSIONAL) and leave 'label' out of the theme"
    ),
}

_KIND_ERRORS = frozenset({"unknown_kind", "union_tag_invalid", "union_tag_not_found"})


_BOUNDS = {
    "greater_than": ("must be more than", "gt"),
    "greater_than_equal": ("must be at least", "ge"),
    "less_than": ("must be less than", "lt"),
    "less_than_equal": ("must be at most", "le"),
    "multiple_of": ("must be a multiple of", "multiple_of"),
}


def _explain_default(err: ErrorDetails, resolved: _Resolved) -> str:
    kind = err["type"]
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]} here, got {_describe(err['input'])}"
    if kind in _BOUNDS:
        words, bound = _BOUNDS[kind]
        return f"{words} {_ctx(err, bound)}, got {_describe(err['input'])}"
    return err["msg"]


def _explain_extra(err: ErrorDetails, resolved: _Resolved) -> str:
    name = str(resolved.path[-1]) if resolved.path else ""
    moved = _MOVED.get((getattr(resolved.owner, "__name__", ""), name))
    if moved:
        return f"unknown field {show(name)}: {moved}"
    allowed = _field_names(resolved.owner)
    text = f"unknown field {show(name)}"
    hint = did_you_mean(name, allowed)
    if not allowed:
        return text + hint
    return text + (f"{hint} Allowed here: " if hint else "; allowed here: ") + ", ".join(allowed)


def _explain_missing(err: ErrorDetails, resolved: _Resolved) -> str:
    return f"missing required field {show(str(resolved.path[-1]) if resolved.path else '')}"


def _explain_kind(err: ErrorDetails, resolved: _Resolved) -> str:
    value = err["input"]
    kinds = [t for t in map(_tag_of, _union_members(resolved.annotation)) if t]
    use = f"use one of: {', '.join(kinds)}"
    if not isinstance(value, dict):
        return f"expected a mapping of fields here, got {_describe(value)}"
    kind = value.get(_KIND)
    if not isinstance(kind, str):
        return f"the kind must be text, got {_describe(kind)}; {use}"
    if err["type"] == "unknown_kind" or kind not in STAGE_KINDS:
        return f"unknown kind {show(kind)}; {use}{did_you_mean(kind, kinds)}"
    # A real kind in the wrong place: there is no spelling to suggest.
    return f"kind {show(kind)} is not allowed here, only directly in a phase; {use}"


def _explain_choice(err: ErrorDetails, resolved: _Resolved) -> str:
    value = err["input"]
    options = _allowed_values(resolved.annotation) or [_ctx(err, "expected")]
    use = f"use one of: {', '.join(options)}"
    if isinstance(value, (dict, list)):
        return f"expected one value here, got {_describe(value)}; {use}"
    shown = show(value) if isinstance(value, str) else str(value)
    return f"{shown} is not allowed; {use}{did_you_mean(str(value), options)}"


def _explain_value(err: ErrorDetails, resolved: _Resolved) -> str:
    # Our validators raise ValueError with a sentence; pydantic only adds a prefix.
    return err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _explain_size(err: ErrorDetails, resolved: _Resolved) -> str:
    value = err["input"]
    count = len(value) if isinstance(value, (list, dict, str)) else 0
    if err["type"] == "too_short":
        return f"needs at least {_items(int(_ctx(err, 'min_length')))}, has {count}"
    return f"takes at most {_items(int(_ctx(err, 'max_length')))}, has {count}"


def _explain_text_size(err: ErrorDetails, resolved: _Resolved) -> str:
    length = len(err["input"]) if isinstance(err["input"], str) else 0
    if err["type"] == "string_too_short":
        return f"text needs at least {_ctx(err, 'min_length')} characters, has {length}"
    return f"text is too long ({length:,} characters); the limit is {_ctx(err, 'max_length')}"


def _explain_pattern(err: ErrorDetails, resolved: _Resolved) -> str:
    return f"{show(err['input'])} does not have the required form ({_ctx(err, 'pattern')})"


_EXPLAIN: dict[str, Explain] = {
    "extra_forbidden": _explain_extra,
    "missing": _explain_missing,
    "unknown_kind": _explain_kind,
    "union_tag_invalid": _explain_kind,
    "union_tag_not_found": _explain_kind,
    "literal_error": _explain_choice,
    "enum": _explain_choice,
    "value_error": _explain_value,
    "assertion_error": _explain_value,
    "too_short": _explain_size,
    "too_long": _explain_size,
    "string_too_short": _explain_text_size,
    "string_too_long": _explain_text_size,
    "string_pattern_mismatch": _explain_pattern,
}


def _allowed_values(annotation: Any) -> list[str]:
    if get_origin(annotation) is Literal:
        return [str(arg) for arg in get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    return []


def _ctx(err: ErrorDetails, name: str) -> str:
    return str(err.get("ctx", {}).get(name, "?"))


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def did_you_mean(word: str, options: list[str]) -> str:
    close = _closest(word, options)
    return f"; did you mean {show(close)}?" if close else ""


def _closest(word: str, options: list[str]) -> str | None:
    """The option ``word`` most likely misspells, if any."""
    lowered = {o.lower(): o for o in options if o != word}
    if word.lower() in lowered:  # 'Title' → 'title', however short
        return lowered[word.lower()]
    close = difflib.get_close_matches(word, [o for o in options if o != word], n=1, cutoff=0.6)
    return close[0] if close else None


def _field_names(owner: type[BaseModel] | None) -> list[str]:
    return sorted(owner.model_fields) if owner else []


def _describe(value: Any) -> str:
    """A value as it would be named in a sentence: "a list", "the number 3", "text 'x'"."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {show(value)}"
    return f"a {type(value).__name__}"

"""What a journey *is*: pydantic v2 models, frozen, no I/O.

A journey has a header, an ordered list of phases and a footer. A phase holds stages:
plain steps, bullet lists, callouts, either/or choices, exams and the certification itself.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from .limits import CEILINGS
from .safety import bad_characters, link_problem
from .theme import ThemeOverride, ThemeRef

ICON_NAMES = (
    "laptop",
    "whiteboard",
    "map-pin",
    "document",
    "check",
    "book",
    "exam",
    "certificate",
    "link",
    "flag",
    "star",
    "refresh",
    "people",
    "code",
    "cloud",
    "lightbulb",
)
LEVELS = ("fundamentals", "associate", "expert", "specialty")
# The model's hard ceiling; Limits.max_text (default 2,000) is the working limit, checked
# by the loader before validation and by the pipeline before layout.
MAX_TEXT = CEILINGS["max_text"]


def _clean_text(value: str) -> str:
    bad = bad_characters(value)
    if bad:
        raise ValueError(f"text contains control or bidi-override characters ({', '.join(bad)})")
    value = value.strip()
    if not value:
        raise ValueError("text cannot be empty")
    return value


def _check_url(value: str) -> str:
    problem = link_problem(value)
    if problem:
        raise ValueError(problem)
    return value.strip()


def _check_icon(value: str) -> str:
    if value not in ICON_NAMES:
        shown = value if len(value) <= 30 else value[:27] + "..."
        raise ValueError(f"unknown icon '{shown}'; built-in icons are: {', '.join(ICON_NAMES)}")
    return value


TextStr = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_clean_text)]
Url = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_check_url)]
IconName = Annotated[str, AfterValidator(_check_icon)]
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]{0,63}$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(
            "an id starts with a letter and has only letters, digits, '-' and '_' "
            "(at most 64 characters)"
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]
Level = Literal["fundamentals", "associate", "expert", "specialty"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Link(_Model):
    """A hyperlink: the text shown and where it goes."""

    label: TextStr
    url: Url


class Entry(_Model):
    """A list entry with a bold title and optional description."""

    title: TextStr
    description: TextStr | None = None
    links: list[Link] = []


ListItem = Union[TextStr, Entry]


class _StageBase(_Model):
    id: Id | None = None
    description: TextStr | None = None
    icon: IconName | None = None
    links: list[Link] = []
    optional: bool = False


class Step(_StageBase):
    """A plain step: do this."""

    kind: Literal["step"] = "step"
    title: TextStr


class Bullets(_StageBase):
    """A titled bullet list, e.g. who the certification is for."""

    kind: Literal["bullets"] = "bullets"
    title: TextStr | None = None
    items: list[ListItem] = Field(min_length=1)


class Callout(_StageBase):
    """A shaded box of advice set apart from the path."""

    kind: Literal["callout"] = "callout"
    title: TextStr | None = None
    items: list[ListItem] = []


class Exam(_StageBase):
    """A required exam."""

    kind: Literal["exam"] = "exam"
    code: TextStr
    title: TextStr


class Certification(_StageBase):
    """The milestone: the certification earned, drawn with its level badge."""

    kind: Literal["certification"] = "certification"
    issuer: TextStr = "Microsoft Certified"
    name: TextStr
    level: Level
    badge_lines: list[TextStr] | None = Field(default=None, max_length=3)


SubStage = Annotated[
    Union[
        Annotated[Step, Tag("step")],
        Annotated[Bullets, Tag("bullets")],
        Annotated[Exam, Tag("exam")],
    ],
    Discriminator(lambda v: _kind_of(v)),  # noqa: PLW0108 - _kind_of is defined below
]


class Option(_Model):
    """One alternative of a choice; it may be a short sequence of steps."""

    id: Id | None = None
    title: TextStr
    description: TextStr | None = None
    icon: IconName | None = None
    links: list[Link] = []
    steps: list[SubStage] = Field(default=[], max_length=6)


class Choice(_StageBase):
    """Do one of these: options drawn side by side (or stacked) with "OR" between them."""

    kind: Literal["choice"] = "choice"
    title: TextStr | None = None
    separator: TextStr = "OR"
    options: list[Option]

    @model_validator(mode="after")
    def _two_or_more(self) -> Choice:
        if len(self.options) < 2:
            raise ValueError(
                "a choice needs at least two options; for a single one use a plain step"
            )
        return self


def _kind_of(value: Any) -> str | None:
    if isinstance(value, dict):
        kind = value.get("kind", "step")
        return kind if isinstance(kind, str) else None
    return getattr(value, "kind", None)


Stage = Annotated[
    Union[
        Annotated[Step, Tag("step")],
        Annotated[Bullets, Tag("bullets")],
        Annotated[Callout, Tag("callout")],
        Annotated[Choice, Tag("choice")],
        Annotated[Exam, Tag("exam")],
        Annotated[Certification, Tag("certification")],
    ],
    Discriminator(
        _kind_of,
        custom_error_type="unknown_kind",
        custom_error_message=(
            "unknown kind; use one of: step, bullets, callout, choice, exam, certification"
        ),
    ),
]
STAGE_KINDS = ("step", "bullets", "callout", "choice", "exam", "certification")


class Phase(_Model):
    """A column of the poster under one node of the timeline."""

    id: Id | None = None
    caption: TextStr
    detail: TextStr | None = None
    icon: IconName | None = None
    track: bool = False
    steps: list[Stage] = Field(default=[], max_length=40)


class CallToAction(_Model):
    lead: TextStr | None = None
    label: TextStr
    url: Url


class Header(_Model):
    lead: TextStr | None = None
    title: TextStr
    call_to_action: CallToAction | None = None


class Footer(_Model):
    brand: TextStr | None = None
    note: TextStr | None = None
    link: Link | None = None


class Journey(_Model):
    """A whole journey: header, phases in order, footer."""

    version: int = 1
    as_of: TextStr | None = None
    # A built-in theme name, a theme file relative to the spec, or inline overrides.
    theme: Union[ThemeRef, ThemeOverride, None] = None
    header: Header
    phases: list[Phase] = Field(min_length=1, max_length=12)
    footer: Footer | None = None

    @field_validator("version")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version != 1:
            raise ValueError(f"spec version {version} is not supported; this is version 1")
        return version

    @model_validator(mode="after")
    def _unique_ids(self) -> Journey:
        seen: dict[str, str] = {}
        for ident, where in _all_ids(self):
            if ident in seen:
                raise ValueError(
                    f"the id '{ident}' is used twice, at {seen[ident]} and at {where}; "
                    "ids must be unique"
                )
            seen[ident] = where
        return self

    def stages(self) -> list[Any]:
        """Every stage of every phase, in order."""
        return [stage for phase in self.phases for stage in phase.steps]


def _all_ids(journey: Journey) -> list[tuple[str, str]]:
    """Every id given in the journey, with where it stands (e.g. ``phases[1].steps[0]``)."""
    found: list[tuple[str, str]] = []
    for p, phase in enumerate(journey.phases):
        _note(found, phase.id, f"phases[{p}]")
        for s, stage in enumerate(phase.steps):
            _note(found, stage.id, f"phases[{p}].steps[{s}]")
            for o, option in enumerate(getattr(stage, "options", [])):
                where = f"phases[{p}].steps[{s}].options[{o}]"
                _note(found, option.id, where)
                for n, sub in enumerate(option.steps):
                    _note(found, sub.id, f"{where}.steps[{n}]")
    return found


def _note(found: list[tuple[str, str]], ident: str | None, where: str) -> None:
    if ident:
        found.append((ident, where))

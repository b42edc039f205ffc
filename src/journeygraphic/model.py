"""What a journey *is*: pydantic v2 models, frozen, no I/O.

A journey has a header, an ordered list of phases and a footer. A phase holds stages:
plain steps, bullet lists, callouts, either/or choices, all-of groups, exams and the
certification itself. Choices and all-of groups nest: an option (or a group's item) may hold
another choice or group, two levels deep at most. A :class:`Progress` marks stages done,
current or skipped by id.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    TypeAdapter,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema

from ._checked import Checked
from .icons import ICONS
from .labels import Labels, labels_for, month_year
from .limits import CEILINGS
from .safety import bad_characters, link_problem
from .tokens import ThemeRef, theme_override

ICON_NAMES = tuple(ICONS)  # the icons drawn are the icons a spec may name
# The level words the built-in themes have a badge style for; any other short word (or
# none) is allowed too and drawn in the theme's default style.
LEVELS = (
    "fundamentals",
    "foundational",
    "associate",
    "professional",
    "expert",
    "specialty",
    "certificate",
    "licence",
)
REQUIREMENTS = ("required", "recommended", "optional")
MAX_LEVEL = 24  # characters: a level word fits under the badge's ribbon
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
        raise ValueError(
            f"unknown icon '{_printable(shown)}'; built-in icons are: {', '.join(ICON_NAMES)}"
        )
    return value


def _printable(text: str) -> str:
    # A lone surrogate cannot be encoded into pydantic's message; show it as \uXXXX.
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


TextStr = Annotated[str, Checked(_clean_text, MAX_TEXT)]
Url = Annotated[str, Checked(_check_url, MAX_TEXT)]
IconName = Annotated[str, Checked(_check_icon)]
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]{0,63}$")


def _check_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise ValueError(
            "an id starts with a letter and has only letters, digits, '-' and '_' "
            "(at most 64 characters)"
        )
    return value


Id = Annotated[str, Checked(_check_id)]


def _check_level(value: str) -> str:
    value = _clean_text(value)
    if "\n" in value:
        raise ValueError("a level is one short line, e.g. 'professional' or 'B2'")
    return value


def _check_separator(value: str) -> str:
    """Like text, but may be empty: then the items share one dot with no word between."""
    bad = bad_characters(value)
    if bad:
        raise ValueError(f"text contains control or bidi-override characters ({', '.join(bad)})")
    return value.strip()


# Any short word: "professional", "B2", "Core"; the theme styles the badge by it.
Level = Annotated[str, Checked(_check_level, MAX_LEVEL)]
Separator = Annotated[str, Checked(_check_separator, MAX_TEXT)]
Requirement = Literal["required", "recommended", "optional"]


_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}$")


def _check_lang(value: str) -> str:
    if not _LANG.fullmatch(value):
        raise ValueError(
            "lang is a language tag such as 'en', 'de' or 'pt-BR' (letters, then parts after '-')"
        )
    return value


LangTag = Annotated[str, Checked(_check_lang, 35)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _kind_required(schema: dict[str, Any]) -> None:
    """In the JSON Schema only a step may leave out ``kind``, so an editor's ``oneOf`` picks
    exactly one stage shape (validation itself treats a missing kind as "step")."""
    required = schema.setdefault("required", [])
    if "kind" not in required:
        required.insert(0, "kind")


_KIND_REQUIRED = ConfigDict(json_schema_extra=_kind_required)


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


def _requirement_from_optional(data: Any) -> Any:
    """``optional: true`` is the old way to say ``requirement: optional``; keep the two in
    step so either can be read, and refuse a spec that says both differently."""
    if not isinstance(data, dict) or "optional" not in data:
        return data
    try:  # read as the field reads it ("true" from YAML); a bad value is the field's error
        optional = _BOOL.validate_python(data["optional"])
    except ValidationError:
        return data
    requirement = data.get("requirement")
    if optional is False and requirement is None:
        return data
    if requirement is None:
        return {**data, "requirement": "optional" if optional else "required"}
    if isinstance(requirement, str) and (requirement == "optional") != optional:
        raise ValueError(
            f"'optional: {str(optional).lower()}' and 'requirement: {requirement}' disagree; "
            "keep 'requirement' and leave 'optional' out"
        )
    return data


_BOOL = TypeAdapter(bool)


class _Needed(_Model):
    """What may be required, recommended or optional, with a short "requires" note."""

    requirement: Requirement | None = None
    # A short note of what must come first, e.g. "an active CKA".
    requires: TextStr | None = None

    @property
    def need(self) -> Requirement:
        """How far this is needed: "required" unless the spec says otherwise."""
        return self.requirement or "required"


class _StageBase(_Needed):
    id: Id | None = None
    description: TextStr | None = None
    icon: IconName | None = None
    links: list[Link] = []
    # The old flag for ``requirement: optional``; kept in step with it when read.
    optional: bool = False

    @model_validator(mode="before")
    @classmethod
    def _optional_is_a_requirement(cls, data: Any) -> Any:
        return _requirement_from_optional(data)

    @model_validator(mode="after")
    def _optional_follows_requirement(self) -> Any:
        if self.optional != (self.requirement == "optional"):
            object.__setattr__(self, "optional", self.requirement == "optional")
        return self


class Step(_StageBase):
    """A plain step: do this."""

    kind: Literal["step"] = "step"
    title: TextStr


class Bullets(_StageBase):
    """A titled bullet list, e.g. who the certification is for."""

    model_config = _KIND_REQUIRED

    kind: Literal["bullets"] = "bullets"
    title: TextStr | None = None
    items: list[ListItem] = Field(min_length=1)


class Callout(_StageBase):
    """A shaded box of advice set apart from the path."""

    model_config = _KIND_REQUIRED

    kind: Literal["callout"] = "callout"
    title: TextStr | None = None
    items: list[ListItem] = []


class Exam(_StageBase):
    """A required exam."""

    model_config = _KIND_REQUIRED

    kind: Literal["exam"] = "exam"
    code: TextStr | None = None  # many issuers' exams have none
    title: TextStr


class Certification(_StageBase):
    """A certification, licence or degree, drawn with its badge.

    The last one of a journey is its goal, unless another says ``goal: true``; the others
    are on the way. ``level`` is any short word (or none): the badge writes it, and the
    theme's badge style for that word (else its default style) gives the look.
    """

    model_config = _KIND_REQUIRED

    kind: Literal["certification"] = "certification"
    issuer: TextStr | None = None  # no issuer is assumed: the badge says what the spec says
    name: TextStr
    level: Level | None = None
    badge_lines: list[TextStr] | None = Field(default=None, max_length=3)
    # The issuer's words on the badge when its full name does not fit: "LF / CNCF".
    badge_issuer: TextStr | None = None
    goal: bool = False
    # How long it is valid and how it is renewed: "valid 3 years; renew free online".
    validity: TextStr | None = None


def _kind_of(value: Any) -> str | None:
    if isinstance(value, dict):
        kind = value.get("kind", "step")
        return kind if isinstance(kind, str) else None
    return getattr(value, "kind", None)


SubStage = Annotated[
    Union[
        Annotated[Step, Tag("step")],
        Annotated[Bullets, Tag("bullets")],
        Annotated[Exam, Tag("exam")],
        Annotated["Choice", Tag("choice")],
        Annotated["AllOf", Tag("all")],
    ],
    Discriminator(_kind_of),
]
MAX_NESTING = 2  # a choice or group inside an option or item of another, and no deeper


class Option(_Needed):
    """One alternative of a choice; it may be a short sequence of steps (or a nested choice)."""

    id: Id | None = None
    title: TextStr | None = None
    description: TextStr | None = None
    icon: IconName | None = None
    links: list[Link] = []
    steps: list[SubStage] = Field(default=[], max_length=6)


class Choice(_StageBase):
    """Do one of these: options drawn side by side (or stacked) with "OR" between them."""

    model_config = _KIND_REQUIRED

    kind: Literal["choice"] = "choice"
    title: TextStr | None = None
    # None: the labels' word ("OR" in English); "" draws the options under one dot, no word
    separator: Separator | None = None
    options: list[Option]

    @model_validator(mode="after")
    def _two_or_more(self) -> Choice:
        if len(self.options) < 2:
            raise ValueError(
                "a choice needs at least two options; for a single one use a plain step"
            )
        _refuse_deep_nesting(self)
        return self


class AllOf(_StageBase):
    """Do all of these, in any order: e.g. two exams that together earn a certification."""

    model_config = _KIND_REQUIRED

    kind: Literal["all"] = "all"
    title: TextStr | None = None
    separator: Separator | None = None  # None: the labels' word ("AND" in English)
    steps: list[SubStage] = Field(max_length=6)

    @model_validator(mode="after")
    def _two_or_more(self) -> AllOf:
        if len(self.steps) < 2:
            raise ValueError(
                "an 'all' group needs at least two steps; for a single one use a plain step"
            )
        _refuse_deep_nesting(self)
        return self


# Option refers to Choice and AllOf before they exist; resolve that now, so its field
# annotations (which the loader walks to locate errors) hold the real classes.
Option.model_rebuild(force=True)
Group = Union[Choice, AllOf]
DataPath = tuple[Union[str, int], ...]


def group_children(group: Any) -> list[tuple[DataPath, Any]]:
    """The stages directly inside a choice's options or an all-of group, with their paths.

    A path is relative to ``group`` and carries the union tag pydantic puts in error
    locations (e.g. ``("options", 1, "steps", 0, "choice")`` for a nested choice).
    """
    if isinstance(group, Choice):
        return [
            (("options", o, "steps", s, sub.kind), sub)
            for o, option in enumerate(group.options)
            for s, sub in enumerate(option.steps)
        ]
    if isinstance(group, AllOf):
        return [(("steps", s, sub.kind), sub) for s, sub in enumerate(group.steps)]
    return []


def _refuse_deep_nesting(group: Group) -> None:
    """A group inside a group inside this one is one level too deep: say where.

    Groups are validated innermost first, so the outermost group is the one that sees a
    third level; the error is raised with the deep group's own location.
    """
    for path, child in group_children(group):
        for inner_path, inner in group_children(child):
            if isinstance(inner, (Choice, AllOf)):
                where = (*path, *inner_path[:-1])
                raise ValidationError.from_exception_data(
                    type(group).__name__,
                    [InitErrorDetails(type=_too_deep(inner), loc=where, input=inner)],
                )


def _too_deep(inner: Group) -> PydanticCustomError:
    what = "choice" if isinstance(inner, Choice) else "'all' group"
    return PydanticCustomError(
        "nesting_too_deep",
        f"this {what} is nested too deep: a choice or 'all' group may sit inside an option "
        f"or step of another one, but no deeper ({MAX_NESTING} levels at most); move it to "
        "a stage of its own or list its steps plainly",
    )


Stage = Annotated[
    Union[
        Annotated[Step, Tag("step")],
        Annotated[Bullets, Tag("bullets")],
        Annotated[Callout, Tag("callout")],
        Annotated[Choice, Tag("choice")],
        Annotated[AllOf, Tag("all")],
        Annotated[Exam, Tag("exam")],
        Annotated[Certification, Tag("certification")],
    ],
    Discriminator(
        _kind_of,
        custom_error_type="unknown_kind",
        custom_error_message=(
            "unknown kind; use one of: step, bullets, callout, choice, all, exam, certification"
        ),
    ),
]
STAGE_KINDS = ("step", "bullets", "callout", "choice", "all", "exam", "certification")
Role = Literal[
    "start",
    "prerequisite",
    "study",
    "upskill",
    "application",
    "exam",
    "endorsement",
    "certification",
    "maintenance",
    "next",
]
PHASE_ROLES: tuple[str, ...] = get_args(Role)


class Phase(_Model):
    """A column of the poster under one node of the timeline; the compact layout reads its
    ``role`` instead of guessing."""

    id: Id | None = None
    caption: TextStr | None = None  # none: no caption is drawn
    detail: TextStr | None = None
    icon: IconName | None = None
    track: bool = False
    node: bool = True  # false: no node on the timeline for this phase
    role: Role | None = None
    steps: list[Stage] = Field(default=[], max_length=40)


class CallToAction(_Model):
    lead: TextStr | None = None
    label: TextStr
    url: Url


class Header(_Model):
    lead: TextStr | None = None
    title: TextStr
    call_to_action: CallToAction | None = None

    @property
    def full_title(self) -> str:
        """The lead line and the title as one line, e.g. for alt text and outlines."""
        return f"{self.lead} {self.title}" if self.lead else self.title


class Footer(_Model):
    brand: TextStr | None = None
    note: TextStr | None = None
    link: Link | None = None


def _theme_setting(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """Inline overrides go through the partial-theme model, built only when a spec has them;
    a name or path (or nothing) is checked as it always was."""
    override = theme_override()
    if isinstance(value, override):
        return value
    if not isinstance(value, dict):
        return handler(value)
    try:
        return override.model_validate(value)
    except ValidationError as error:  # placed as pydantic places a union member's errors
        raise ValidationError.from_exception_data(error.title, _labelled(error)) from None


def _labelled(error: ValidationError) -> list[InitErrorDetails]:
    label = theme_override().__name__
    return [
        InitErrorDetails(
            type=detail["type"],
            loc=(label, *detail["loc"]),
            input=detail["input"],
            ctx=detail.get("ctx", {}),
        )
        for detail in error.errors()
    ]


class _ThemeSettingSchema:
    """The JSON Schema of ``theme:`` as editors need it (a name or path, or the overrides),
    and the model the loader walks to place an error in the overrides."""

    @staticmethod
    def lazy_annotation() -> Any:
        return Union[ThemeRef, theme_override(), None]

    def __get_pydantic_json_schema__(self, _: Any, handler: Any) -> Any:
        ref = core_schema.str_schema(max_length=500)
        choices = core_schema.union_schema([ref, theme_override().__pydantic_core_schema__])
        return handler(core_schema.nullable_schema(choices))


if TYPE_CHECKING:
    ThemeSetting = Union[str, BaseModel, None]
else:
    ThemeSetting = Annotated[
        Union[ThemeRef, dict[str, Any], None],  # a mapping goes to the override model
        WrapValidator(_theme_setting),
        _ThemeSettingSchema(),
    ]


class Journey(_Model):
    """A whole journey: header, phases in order, footer."""

    version: int = 1
    # When the content was true, e.g. "June 2024"; shown in the footer and the outlines.
    as_of: TextStr | None = None
    show_as_of: bool = True
    # A built-in theme name, a theme file relative to the spec, or inline overrides.
    theme: ThemeSetting = None
    # "rtl" mirrors the whole poster, for journeys written right to left.
    direction: Literal["ltr", "rtl"] = "ltr"
    # The language of the text (a BCP 47 tag): words too wide for a line are hyphenated
    # with its dictionary, and the words the layouts write come from its labels.
    lang: LangTag = "en"
    # Words the layouts write (status words, "OR", the legend...) that differ from the
    # built-in table for ``lang``; see ``journeygraphic.labels``.
    labels: Labels | None = None
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
    def _one_goal(self) -> Journey:
        goals = [
            (p, s)
            for p, phase in enumerate(self.phases)
            for s, stage in enumerate(phase.steps)
            if isinstance(stage, Certification) and stage.goal
        ]
        if len(goals) > 1:
            (p0, s0), (p1, s1) = goals[:2]
            error = PydanticCustomError(
                "two_goals",
                "a journey has one goal; phases[{p0}].steps[{s0}] is marked 'goal: true' "
                "already - leave 'goal' out here (the others are on the way)",
                {"p0": p0, "s0": s0},
            )
            loc = ("phases", p1, "steps", s1, "certification", "goal")
            details = InitErrorDetails(type=error, loc=loc, input=True)
            raise ValidationError.from_exception_data("Journey", [details])
        return self

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

    def certifications(self) -> list[Certification]:
        """Every certification, in order: the goal and those on the way."""
        return [s for s in self.stages() if isinstance(s, Certification)]

    def goal(self) -> Certification | None:
        """The journey's one goal: the certification marked ``goal: true``, else the last."""
        found = self.certifications()
        return next((c for c in found if c.goal), found[-1] if found else None)

    def goal_phase(self) -> int | None:
        """The index of the phase that holds the goal, or None without certifications."""
        goal = self.goal()
        for i, phase in enumerate(self.phases):
            if any(stage is goal for stage in phase.steps):
                return i
        return None

    def wording(self) -> Labels:
        """The words the layouts and outlines write: ``lang``'s table with ``labels``."""
        return labels_for(self.lang, self.labels)

    def as_of_note(self) -> str | None:
        """ "As of June 2024" when the spec gives ``as_of`` and does not hide it."""
        if not (self.as_of and self.show_as_of):
            return None
        return self.wording().fill("as_of", date=month_year(self.lang, self.as_of))

    def footer_note(self) -> str | None:
        """The footer's note as shown: "As of June 2024 · " before the spec's note."""
        note = self.footer.note if self.footer else None
        return " \u00b7 ".join(w for w in (self.as_of_note(), note) if w) or None


def _all_ids(journey: Journey) -> list[tuple[str, str]]:
    """Every id given in the journey, with where it stands (e.g. ``phases[1].steps[0]``)."""
    found: list[tuple[str, str]] = []
    for p, phase in enumerate(journey.phases):
        _note(found, phase.id, f"phases[{p}]")
        for s, stage in enumerate(phase.steps):
            _stage_ids(found, stage, f"phases[{p}].steps[{s}]")
    return found


def _stage_ids(found: list[tuple[str, str]], stage: Any, where: str) -> None:
    _note(found, stage.id, where)
    for o, option in enumerate(getattr(stage, "options", [])):
        _note(found, option.id, f"{where}.options[{o}]")
        for n, sub in enumerate(option.steps):
            _stage_ids(found, sub, f"{where}.options[{o}].steps[{n}]")
    if isinstance(stage, AllOf):
        for n, sub in enumerate(stage.steps):
            _stage_ids(found, sub, f"{where}.steps[{n}]")


def _note(found: list[tuple[str, str]], ident: str | None, where: str) -> None:
    if ident:
        found.append((ident, where))


def journey_ids(journey: Journey) -> list[str]:
    """Every id in ``journey`` (phases, stages, options, nested steps), in spec order."""
    return [ident for ident, _ in _all_ids(journey)]


# --------------------------------------------------------------------------- progress

State = Literal["done", "current", "skipped"]
STATES = ("done", "current", "skipped")


class Progress(_Model):
    """Personal progress through a journey: ids of phases, stages or options, and a state.

    ``done`` fills that part of the path, ``current`` is "you are here" (at most one),
    ``skipped`` fades it. Ids must exist in the journey; the loader checks that.
    """

    version: int = 1
    steps: dict[Id, State] = {}

    @field_validator("version")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version != 1:
            raise ValueError(f"progress version {version} is not supported; this is version 1")
        return version

    @model_validator(mode="after")
    def _one_current(self) -> Progress:
        current = [ident for ident, state in self.steps.items() if state == "current"]
        if len(current) > 1:
            error = PydanticCustomError(
                "two_current",
                "only one step can be current (you are in one place); '{first}' is current "
                "already - mark this one done or leave it out",
                {"first": current[0]},
            )
            details = InitErrorDetails(type=error, loc=("steps", current[1]), input="current")
            raise ValidationError.from_exception_data("Progress", [details])
        return self

    def state(self, ident: str | None) -> State | None:
        """The state marked for ``ident``, or None."""
        return self.steps.get(ident) if ident else None

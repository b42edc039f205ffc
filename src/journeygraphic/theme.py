"""Themes are data: semantic colour, type, shape and badge tokens, validated like a spec.

A theme file (YAML or JSON) may be partial: whatever it leaves out comes from the theme it
``extends:`` (by built-in name or by a path relative to the file), and in the end from the
built-in ``default``. Layers, lowest first::

    default < extends chain (base first) < the theme itself < overrides in the spec

Every layer is validated on its own with the loader, so an unknown token or a bad colour is
reported at ``file:line:col``. The merged theme must pass the WCAG 2.1 AA contrast check
(:mod:`journeygraphic.contrast`) unless the caller accepts low contrast explicitly.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from ._checked import Checked
from .errors import Problem, SpecError
from .safety import bad_characters

if TYPE_CHECKING:
    from .loader import DataPath, Located
    from .model import Journey

# The themes shipped in ``journeygraphic/themes`` (a test keeps this list and the files equal).
BUILTIN_THEMES = (
    "default",
    "fundamentals",
    "associate",
    "expert",
    "specialty",
    "dark",
    "high-contrast",
    "print",
)
MAX_CHAIN = 8  # themes extending themes, at most this deep
THEME_SUFFIXES = (".yaml", ".yml", ".json")

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
_FONT_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,80}\.(ttf|otf)$")
_FAMILY = re.compile(r"^[A-Za-z0-9 ,'\-]{1,200}$")


# --------------------------------------------------------------------------- token types


def _check_colour(value: str) -> str:
    if not _HEX.fullmatch(value):
        raise ValueError(f"'{value[:40]}' is not a colour; write it as #RRGGBB")
    return value.upper()


def _check_font_file(value: str) -> str:
    from .text import font_dir

    if not _FONT_FILE.fullmatch(value):
        raise ValueError(
            f"'{value[:60]}' is not a font file name; give a bare name such as DejaVuSans.ttf"
        )
    if not (font_dir() / value).is_file():
        raise ValueError(f"there is no font file '{value}' among matplotlib's fonts")
    return value


def _check_family(value: str) -> str:
    if not _FAMILY.fullmatch(value):
        raise ValueError(
            "a font family list may hold only letters, digits, spaces, commas, hyphens and "
            "single quotes, e.g. \"'DejaVu Sans', Arial, sans-serif\""
        )
    return value


def _check_ref(value: str) -> str:
    """A built-in theme name, or a relative path to a theme file."""
    value = value.strip()
    if bad_characters(value):
        raise ValueError("a theme name contains control or bidi-override characters")
    if _NAME.fullmatch(value):
        if value not in BUILTIN_THEMES:
            raise ValueError(_unknown_theme(value))
        return value
    if PurePosixPath(value).suffix.lower() not in THEME_SUFFIXES:
        raise ValueError(_unknown_theme(value))
    if _is_absolute(value):
        raise ValueError(
            f"the theme file '{value[:60]}' must be given relative to the spec's folder"
        )
    return value


def _is_absolute(value: str) -> bool:
    return (
        PurePosixPath(value).is_absolute()
        or PureWindowsPath(value).is_absolute()
        or bool(PureWindowsPath(value).drive)
    )


def _unknown_theme(value: str) -> str:
    import difflib  # only when something is wrong

    shown = value if len(value) <= 40 else value[:37] + "..."
    close = difflib.get_close_matches(value, BUILTIN_THEMES, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return (
        f"unknown theme '{shown}'; {hint}built-in themes are: {', '.join(BUILTIN_THEMES)}; "
        "a theme file is named by its path, ending .yaml, .yml or .json"
    )


Colour = Annotated[str, Checked(_check_colour)]
FontFile = Annotated[str, Checked(_check_font_file)]
Family = Annotated[str, Checked(_check_family)]
ThemeRef = Annotated[str, Checked(_check_ref, 500)]
Size = Annotated[float, Field(ge=6, le=200)]
Length = Annotated[float, Field(gt=0, le=64)]


# --------------------------------------------------------------------------- the model


class _Tokens(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Palette(_Tokens):
    """Colours by role. Each text colour names the background it is read on."""

    page: Colour
    text: Colour
    muted_text: Colour
    band: Colour
    band_text: Colour
    band_muted_text: Colour
    accent: Colour
    link: Colour
    progress: Colour
    on_progress: Colour  # marks drawn on a progress-coloured disc
    rest: Colour
    track: Colour
    node_fill: Colour
    node_stroke: Colour
    choice_separator: Colour
    callout: Colour
    callout_text: Colour
    icon: Colour
    # Personal progress, optional steps and the legend. The defaults are the default
    # theme's, so a theme written before these tokens existed still validates.
    done: Colour = "#0078D4"  # the path travelled and done dots, when progress is drawn
    current: Colour = "#0078D4"  # the ring and frame around "you are here"
    status_text: Colour = "#005A9E"  # the words "done", "you are here", on page and cards
    skipped: Colour = "#696969"  # text and marks of skipped steps: faded, still readable
    optional: Colour = "#8A8886"  # the dashed outline around optional steps
    legend_text: Colour = "#505050"  # the legend's explanations


class Sizes(_Tokens):
    """Font sizes in pixels, one per typographic role."""

    lead: Size
    title: Size
    cta: Size
    caption: Size
    heading: Size
    body: Size
    small: Size


class Typography(_Tokens):
    family: Family
    regular_font: FontFile
    bold_font: FontFile
    sizes: Sizes
    line_height: float = Field(ge=1.0, le=3.0)


class Shape(_Tokens):
    unit: Length
    radius: float = Field(ge=0, le=64)
    timeline_width: Length
    track_width: Length
    node_radius: Length
    dot_radius: Length
    icon_size: float = Field(gt=0, le=128)
    icon_stroke: float = Field(gt=0, le=16)
    frame_width: Length = 2  # the outline around the current step and optional steps
    optional_dash: tuple[Length, Length] = (6, 4)  # dash and gap of that outline if optional


class LevelStyle(_Tokens):
    """How one certification level's badge differs: top panel, stars, level word, outline."""

    top: Colour
    top_text: Colour
    stars: int = Field(ge=0, le=5)
    label: Annotated[str, Field(min_length=1, max_length=24)] | None = None
    outline: Colour | None = None
    shield: Colour | None = None


class Levels(_Tokens):
    fundamentals: LevelStyle
    associate: LevelStyle
    expert: LevelStyle
    specialty: LevelStyle


class BadgeStyle(_Tokens):
    """The level badge: one shield shape; levels change the top panel, stars and outline."""

    outline: Colour
    shield: Colour
    ribbon: Colour
    ribbon_text: Colour
    star: Colour
    level_text: Colour
    levels: Levels


class Theme(_Tokens):
    """A complete theme: every token has a value."""

    name: Annotated[str, Field(min_length=1, max_length=60)]
    description: Annotated[str, Field(max_length=300)] = ""
    palette: Palette
    typography: Typography
    shape: Shape
    badge: BadgeStyle


def _partial(model: type[BaseModel], name: str) -> type[BaseModel]:
    """``model`` with every field optional (nested models too) and the same checks.

    A value that is given is validated exactly as in ``model``; a field that is left out
    stays unset, so a layer can be merged over another with ``exclude_unset``.
    """
    fields: dict[str, Any] = {}
    for field_name, info in model.model_fields.items():
        annotation: Any = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            annotation = _partial(annotation, f"{annotation.__name__}Override")
        elif info.metadata:
            params = (annotation, *info.metadata)
            annotation = Annotated[params]
        fields[field_name] = (annotation, Field(default=None, description=info.description))
    return create_model(
        name, __config__=ConfigDict(extra="forbid", frozen=True), __doc__=model.__doc__, **fields
    )


def _override_model() -> type[BaseModel]:
    base = _partial(Theme, "_ThemeLayer")
    return create_model(
        "ThemeOverride",
        __base__=base,
        __doc__="A partial theme: any tokens, over the theme it extends (default: 'default').",
        extends=(ThemeRef | None, None),
    )


@lru_cache(maxsize=1)
def theme_override() -> type[BaseModel]:
    """The model of a partial theme (every token optional, plus ``extends``).

    Built on first use: twenty-odd model classes that a journey drawn with a built-in theme
    never needs, and that would otherwise cost every run's start-up.
    """
    return _override_model()


if TYPE_CHECKING:
    ThemeOverride = BaseModel
else:

    def __getattr__(name: str) -> Any:
        if name == "ThemeOverride":  # ``theme.ThemeOverride``, built when first asked for
            return theme_override()
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- layers


@dataclass(frozen=True)
class _Layer:
    """One validated theme layer: the tokens it sets and where it was written."""

    data: dict[str, Any]
    located: Located | None
    prefix: DataPath  # where the layer's data sits in its file (("theme",) in a spec)
    filename: str

    def problem(self, message: str, path: DataPath) -> Problem:
        full = (*self.prefix, *path)
        if self.located is not None:
            return self.located.problem(message, full)
        return Problem(message, self.filename, path=".".join(map(str, full)))


@dataclass(frozen=True)
class _Site:
    """Where a theme reference was written, and the folders it resolves against."""

    layer: _Layer | None  # None: given by the caller (CLI or library), not in a file
    path: DataPath
    base: Path | None  # folder a relative path is resolved against
    root: Path | None  # folder the file must stay inside
    shown_base: str = ""  # ``base`` as the user would write it, for messages
    root_label: str = "the spec's folder"

    def fail(self, message: str) -> SpecError:
        if self.layer is None:
            return SpecError([Problem(message, "<theme>")])
        return SpecError([self.layer.problem(message, self.path)])

    def shown(self, ref: str) -> str:
        return os.path.normpath(os.path.join(self.shown_base, ref))


def _layer_of(model: BaseModel, located: Located | None, prefix: DataPath, name: str) -> _Layer:
    data = model.model_dump(exclude_unset=True)
    return _Layer(data, located, prefix, name)


@lru_cache(maxsize=len(BUILTIN_THEMES))
def _builtin_layer(name: str) -> _Layer:
    from .loader import parse

    filename = f"journeygraphic/themes/{name}.yaml"
    raw = resources.files("journeygraphic.themes").joinpath(f"{name}.yaml").read_bytes()
    located = parse(raw, filename=filename, fmt="yaml")
    # Trusted package data, checked token by token in the tests (and the merged theme is
    # validated in full): no partial model needed to read it.
    return _Layer(located.data, located, (), filename)


def _file_layer(site: _Site, ref: str) -> tuple[_Layer, Path]:
    """Read the theme file ``ref`` names, confined to the site's root folder."""
    from .loader import read_spec, validate

    if site.base is None or site.root is None:
        raise site.fail(
            f"the theme file '{ref}' is relative to the spec's folder, which is not known "
            "here; load the spec from a file (the command line does) or pass base_dir"
        )
    shown = site.shown(ref)
    target = (site.base / ref).resolve()
    if not target.is_relative_to(site.root.resolve()):
        raise site.fail(
            f"the theme file '{ref}' resolves outside {site.root_label}; theme files must "
            f"be in {site.root_label} or below it"
        )
    if not target.is_file():
        raise site.fail(f"the theme file '{shown}' does not exist")
    try:
        located = replace(read_spec(target), filename=shown)
    except SpecError as error:
        raise SpecError([replace(p, file=shown) for p in error.problems]) from None
    return _layer_of(validate(theme_override(), located), located, (), shown), target


# A theme already on the chain: its identity (real path or builtin name) and shown name.
_Seen = tuple[tuple[str, str], ...]


def _chain(ref: str, site: _Site, seen: _Seen = ()) -> list[_Layer]:
    """The layers ``ref`` stands for, base first: default, its ``extends`` chain, itself."""
    if len(seen) >= MAX_CHAIN:
        raise site.fail(f"themes extend each other more than {MAX_CHAIN} deep")
    if _NAME.fullmatch(ref):
        key, layer, folder = f"builtin:{ref}", _builtin_layer(ref), None
    elif site.layer is not None and site.layer.filename.startswith("journeygraphic/"):
        raise site.fail("a built-in theme can only extend another built-in theme")
    else:
        layer, path = _file_layer(site, ref)
        key, folder = str(path), path.parent
    here = (key, ref if _NAME.fullmatch(ref) else layer.filename)
    if key in (k for k, _ in seen):
        loop = " -> ".join(name for _, name in (*seen, here))
        raise site.fail(f"themes extend each other in a cycle: {loop}")
    parent = layer.data.get("extends")
    if parent is None:
        base = [] if ref == "default" else _chain("default", site, (*seen, here))
        return [*base, layer]
    shown_base = os.path.dirname(layer.filename)
    next_site = _Site(layer, ("extends",), folder, site.root, shown_base, site.root_label)
    return [*_chain(parent, next_site, (*seen, here)), layer]


# --------------------------------------------------------------------------- merging


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _combine(layers: list[_Layer]) -> Theme:
    data: dict[str, Any] = {}
    for layer in layers:
        data = _merge(data, {k: v for k, v in layer.data.items() if k != "extends"})
    return Theme.model_validate(data)


def _origin(layers: list[_Layer], path: tuple[str, ...]) -> tuple[int, _Layer]:
    """The last layer that set the token at ``path``, with its index (default: the first)."""
    for index in range(len(layers) - 1, -1, -1):
        value: Any = layers[index].data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if value is not None:
            return index, layers[index]
    return 0, layers[0]


# --------------------------------------------------------------------------- public API


@lru_cache(maxsize=len(BUILTIN_THEMES))
def builtin_theme(name: str = "default") -> Theme:
    """A theme shipped inside the package, with its ``extends`` chain applied.

    Raises:
        ValueError: ``name`` is not a built-in theme.
    """
    if name not in BUILTIN_THEMES:
        raise ValueError(_unknown_theme(name))
    return _combine(_chain(name, _Site(None, (), None, None)))


def builtin_descriptions() -> dict[str, str]:
    """Each built-in theme's name and one-line description, in listing order."""
    return {name: builtin_theme(name).description for name in BUILTIN_THEMES}


def resolve_theme(
    journey: Journey | None = None,
    *,
    choice: str | os.PathLike[str] | None = None,
    spec: Located | None = None,
    base_dir: str | os.PathLike[str] | None = None,
    accept_low_contrast: bool = False,
) -> Theme:
    """The theme to draw ``journey`` with, layered, validated and contrast-checked.

    Args:
        journey: Its ``theme:`` names a built-in theme, a theme file relative to the spec's
            folder, or inline overrides (``{extends: expert, palette: {accent: ...}}``).
        choice: A built-in name or a theme file path (relative to the current folder) that
            replaces the journey's theme entirely, as ``--theme`` does.
        spec: The spec as read by the loader: locates problems in the spec and gives the
            spec's folder, which theme files must stay inside.
        base_dir: The spec's folder, when ``spec`` is not given.
        accept_low_contrast: Use a theme even if a pair misses WCAG 2.1 AA.

    Raises:
        SpecError: A theme file is missing, unreadable, outside the spec's folder, invalid
            or in an ``extends`` cycle, or the theme fails the contrast check; each problem
            located where it was written.
    """
    layers = _layers(journey, choice, spec, base_dir)
    theme = _combine(layers)
    if not accept_low_contrast:
        require_contrast(theme, layers)
    return theme


def _layers(
    journey: Journey | None,
    choice: str | os.PathLike[str] | None,
    spec: Located | None,
    base_dir: str | os.PathLike[str] | None,
) -> list[_Layer]:
    if choice is not None:
        return _chain(*_chosen(os.fspath(choice)))
    setting = journey.theme if journey is not None else None
    spec_layer = _Layer({}, spec, (), spec.filename if spec else "<spec>")
    folder = _spec_folder(spec, base_dir)
    shown_base = os.path.dirname(spec.filename) if spec else ""
    site = _Site(spec_layer, ("theme",), folder, folder, shown_base)
    if setting is None:
        return _chain("default", site)
    if isinstance(setting, str):
        return _chain(setting, site)
    override = _layer_of(setting, spec, ("theme",), spec_layer.filename)
    return [
        *_chain(
            override.data.get("extends") or "default", replace(site, path=("theme", "extends"))
        ),
        override,
    ]


def _chosen(choice: str) -> tuple[str, _Site]:
    """A theme given by the caller: a built-in name, else a file path (its folder is root)."""
    if _NAME.fullmatch(choice) and choice in BUILTIN_THEMES:
        return choice, _Site(None, (), None, None)
    if _NAME.fullmatch(choice) or PurePosixPath(choice).suffix.lower() not in THEME_SUFFIXES:
        raise SpecError([Problem(_unknown_theme(choice), "--theme")])
    path = Path(choice)
    folder = path.parent
    caller = _Layer({}, None, (), "--theme")
    label = "the folder of the --theme file"
    return path.name, _Site(caller, (), folder, folder, str(folder), label)


def _spec_folder(spec: Located | None, base_dir: str | os.PathLike[str] | None) -> Path | None:
    if base_dir is not None:
        return Path(base_dir)
    if spec is not None and not spec.filename.startswith("<"):
        return Path(spec.filename).parent
    return None


def require_contrast(theme: Theme, layers: list[_Layer] | None = None) -> None:
    """Refuse ``theme`` if any text or graphic pair misses WCAG 2.1 AA.

    Each problem names the pair, both colours, the ratio and the rule, and is located at the
    token the most specific layer set (so an override in a spec is blamed in the spec).

    Raises:
        SpecError: One problem per failing pair.
    """
    from .contrast import failures

    found = failures(theme)
    if not found:
        return
    problems = []
    for finding in found:
        message = f"low contrast: {finding.sentence()} (or accept it with --accept-low-contrast)"
        problems.append(_blame(theme, layers, finding.pair.fg, finding.pair.bg, message))
    raise SpecError(problems)


def _blame(
    theme: Theme,
    layers: list[_Layer] | None,
    fg: tuple[str, ...],
    bg: tuple[str, ...],
    message: str,
) -> Problem:
    if not layers:
        return Problem(message, f"<theme {theme.name}>", path=".".join(fg))
    fg_index, fg_layer = _origin(layers, fg)
    bg_index, bg_layer = _origin(layers, bg)
    layer, path = (fg_layer, fg) if fg_index >= bg_index else (bg_layer, bg)
    return layer.problem(message, path)


__all__ = [
    "BUILTIN_THEMES",
    "BadgeStyle",
    "LevelStyle",
    "Levels",
    "Palette",
    "Shape",
    "Sizes",
    "Theme",
    "ThemeOverride",
    "ThemeRef",
    "Typography",
    "builtin_descriptions",
    "builtin_theme",
    "require_contrast",
    "resolve_theme",
    "theme_override",
]

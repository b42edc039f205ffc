"""The theme token schema: what a theme file may hold, validated like a spec.

Tokens are semantic (``palette.progress``, ``badge.levels.expert.top``), not per-shape
colours. :class:`Theme` is a complete theme; :func:`theme_override` is the same schema with
every token optional, plus ``extends``, for theme files and a spec's inline ``theme:``.
Reading theme files and layering them is :mod:`journeygraphic.theme`'s job; this module
is data only, so the model and the layouts can use it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, create_model

from ._checked import Checked
from .fonts import font_dir
from .safety import bad_characters
from .scene import Artwork

THEME_SUFFIXES = (".yaml", ".yml", ".json")

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
# How a built-in theme is named; anything else in ``theme:`` is a file path.
THEME_NAME = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
_FONT_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,80}\.(ttf|otf)$")
_FAMILY = re.compile(r"^[A-Za-z0-9 ,'\-]{1,200}$")
_FONTCONFIG_FAMILY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-]{0,79}$")
FONT_SUFFIXES = (".ttf", ".otf")
LOGO_SUFFIXES = (".png", ".svg")


# --------------------------------------------------------------------------- token types


def _check_colour(value: str) -> str:
    if not _HEX.fullmatch(value):
        raise ValueError(f"'{value[:40]}' is not a colour; write it as #RRGGBB")
    return value.upper()


def _check_font_file(value: str) -> str:
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


def _check_font_ref(value: str) -> str:
    """A brand font file: a path relative to the theme file (confined when it is read)."""
    if PurePosixPath(value).suffix.lower() not in FONT_SUFFIXES:
        raise ValueError(f"'{value[:60]}' is not a font file; name a .ttf or .otf file")
    if _is_absolute(value):
        raise ValueError(f"the font file '{value[:60]}' must be given relative to the theme file")
    return value


def _check_logo_ref(value: str) -> str:
    """A logo file: a path relative to the theme file (confined when it is read)."""
    if PurePosixPath(value).suffix.lower() not in LOGO_SUFFIXES:
        raise ValueError(f"'{value[:60]}' is not a logo file; name a .png or .svg file")
    if _is_absolute(value):
        raise ValueError(f"the logo file '{value[:60]}' must be given relative to the theme file")
    return value


def _check_fontconfig(value: str) -> str:
    if not _FONTCONFIG_FAMILY.fullmatch(value):
        raise ValueError(
            "a fontconfig family is one family name (letters, digits, spaces and hyphens), "
            "e.g. 'DejaVu Serif'"
        )
    return value


def _check_ref(value: str) -> str:
    """A built-in theme name, or a relative path to a theme file."""
    value = value.strip()
    if bad_characters(value):
        raise ValueError("a theme name contains control or bidi-override characters")
    if THEME_NAME.fullmatch(value):
        if value not in BUILTIN_THEMES:
            raise ValueError(unknown_theme(value))
        return value
    if PurePosixPath(value).suffix.lower() not in THEME_SUFFIXES:
        raise ValueError(unknown_theme(value))
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


def unknown_theme(value: str) -> str:
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
FontRef = Annotated[str, Checked(_check_font_ref, 300)]
FontconfigFamily = Annotated[str, Checked(_check_fontconfig, 80)]
LogoRef = Annotated[str, Checked(_check_logo_ref, 300)]
LogoPlace = Literal["header-left", "header-right", "footer-left", "footer-right"]
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


class FontFiles(_Tokens):
    """A brand's own TrueType files, relative to the theme file (or the spec, inline)."""

    regular: FontRef
    bold: FontRef | None = None  # default: the regular file draws bold text too


class Typography(_Tokens):
    family: Family
    regular_font: FontFile
    bold_font: FontFile
    sizes: Sizes
    line_height: float = Field(ge=1.0, le=3.0)
    # A brand font instead of regular_font/bold_font: files beside the theme, or a family
    # fontconfig finds. The theme reader resolves either into regular_font/bold_font.
    files: FontFiles | None = None
    fontconfig: FontconfigFamily | None = None


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
    recommended_dash: tuple[Length, Length] = (14, 4)  # ... and if recommended: longer dashes


def _check_level_key(value: str) -> str:
    if not _LEVEL_KEY.fullmatch(value) or value != value.lower():
        raise ValueError(
            f"'{value[:40]}' cannot name a level's badge style; write the level word in lower "
            "case (letters, digits, single spaces, '-' or '_'), as in 'professional' or 'b2'"
        )
    return value


_LEVEL_KEY = re.compile(r"^[^\W_]\w*(?:[ \-]\w+)*$")
LevelKey = Annotated[str, Checked(_check_level_key, 24)]


class LevelStyle(_Tokens):
    """How the badge of one level looks. Every token is optional: what a style leaves out
    comes from the badge-wide tokens (top: the shield colour, stars: none, word: written)."""

    top: Colour | None = None  # the top panel, which carries the issuer's words
    top_text: Colour | None = None  # the issuer's words on it
    stars: int | None = Field(default=None, ge=0, le=5)
    word: bool | None = None  # write the spec's level word under the ribbon
    outline: Colour | None = None
    shield: Colour | None = None


@dataclass(frozen=True)
class LevelLook:
    """One level's badge with every token filled in (see :meth:`BadgeStyle.look`)."""

    top: str
    top_text: str
    stars: int
    word: bool
    outline: str
    shield: str


# The order the level themes are listed in (``journeygraphic themes``).
LEVEL_THEMES = ("fundamentals", "associate", "expert", "specialty")


def _shipped() -> tuple[str, ...]:
    """The themes in ``journeygraphic/themes`` (the one list of them), in listing order:
    ``default``, then one per level in the levels' order, then the rest by name."""
    files = resources.files("journeygraphic.themes").iterdir()
    names = {f.name.removesuffix(".yaml") for f in files if f.name.endswith(".yaml")}
    first = [name for name in ("default", *LEVEL_THEMES) if name in names]
    return (*first, *sorted(names.difference(first)))


BUILTIN_THEMES = _shipped()


class BadgeStyle(_Tokens):
    """The badge: one shield shape; a style per level word changes its top panel, stars,
    outline and whether the level word is written. A level without a style of its own
    (or a certification without a level) is drawn in the ``default`` style."""

    outline: Colour
    shield: Colour
    ribbon: Colour
    ribbon_text: Colour
    star: Colour
    level_text: Colour
    default: LevelStyle = LevelStyle()
    levels: dict[LevelKey, LevelStyle] = {}

    def style_name(self, level: str | None) -> str | None:
        """The key of ``level``'s own style (its word in lower case), or None: default."""
        key = " ".join(level.split()).lower() if level else None
        return key if key in self.levels else None

    def look(self, level: str | None) -> LevelLook:
        """The badge look for the level word ``level`` (None: no level): its own style, or
        the ``default`` style; what the style leaves out comes from the badge-wide tokens."""
        name = self.style_name(level)
        style = self.levels[name] if name else self.default
        return LevelLook(
            top=style.top or self.shield,
            top_text=style.top_text or self.level_text,
            stars=style.stars or 0,
            word=True if style.word is None else style.word,
            outline=style.outline or self.outline,
            shield=style.shield or self.shield,
        )


class Logo(_Tokens):
    """A brand's logo in the header or footer band: a PNG or SVG file beside the theme
    (or beside the spec, in its inline ``theme:``), ``height`` px high, its width from
    its own proportions. The theme reader reads and sanitises it into :attr:`art`."""

    file: LogoRef
    place: LogoPlace = "header-right"
    height: float = Field(default=40, ge=8, le=160)
    _art: Artwork | None = PrivateAttr(default=None)

    @property
    def art(self) -> Artwork | None:
        """The logo as read (None until the theme reader has read the file)."""
        return self._art


class Theme(_Tokens):
    """A complete theme: every token has a value."""

    name: Annotated[str, Field(min_length=1, max_length=60)]
    description: Annotated[str, Field(max_length=300)] = ""
    palette: Palette
    typography: Typography
    shape: Shape
    badge: BadgeStyle
    logo: Logo | None = None


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


__all__ = [
    "BUILTIN_THEMES",
    "LEVEL_THEMES",
    "THEME_NAME",
    "THEME_SUFFIXES",
    "BadgeStyle",
    "FontFiles",
    "LevelLook",
    "LevelStyle",
    "Logo",
    "Palette",
    "Shape",
    "Sizes",
    "Theme",
    "ThemeOverride",
    "ThemeRef",
    "Typography",
    "theme_override",
    "unknown_theme",
]

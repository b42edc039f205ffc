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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, create_model, model_validator

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


def _relative_file(what: str, suffixes: tuple[str, ...]) -> Callable[[str], str]:
    """A check for a file beside the theme: the suffix and a relative path (it is confined
    when it is read)."""
    names = " or ".join(suffixes)

    def check(value: str) -> str:
        if PurePosixPath(value).suffix.lower() not in suffixes:
            raise ValueError(f"'{value[:60]}' is not a {what}; name a {names} file")
        if _is_absolute(value):
            raise ValueError(f"the {what} '{value[:60]}' must be given relative to the theme file")
        return value

    return check


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
FontRef = Annotated[str, Checked(_relative_file("font file", FONT_SUFFIXES), 300)]
FontconfigFamily = Annotated[str, Checked(_check_fontconfig, 80)]
LogoRef = Annotated[str, Checked(_relative_file("logo file", LOGO_SUFFIXES), 300)]
LogoPlace = Literal["header-left", "header-right", "footer-left", "footer-right"]
Size = Annotated[float, Field(ge=6, le=200)]
Length = Annotated[float, Field(gt=0, le=64)]


# --------------------------------------------------------------------------- the model


class _Tokens(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _paints(what: str, *default: str | None) -> Any:
    """A colour token's field (required unless a ``default`` is given): ``what`` it paints
    is its description, which the schema, the token reference and ``help()`` show."""
    if default:
        return Field(default=default[0], description=what)
    return Field(description=what)


class Palette(_Tokens):
    """Colours by role. Each text colour names the background it is read on."""

    page: Colour = _paints("the poster background")
    text: Colour = _paints("captions, headings, body text and bullets, on page and callout")
    muted_text: Colour = _paints("the OR between options and kickers, on page and callout")
    band: Colour = _paints("the header and footer bands")
    band_text: Colour = _paints("the header title, lead and footer brand, on the band")
    band_muted_text: Colour = _paints("the footer note, on the band")
    accent: Colour = _paints("the call to action and the footer link, on the band")
    link: Colour = _paints("links, on page and callout")
    progress: Colour = _paints("the brand colour: the timeline travelled, phase icons")
    on_progress: Colour = _paints("marks drawn on a progress-coloured disc or card medallion")
    rest: Colour = _paints("the timeline ahead, and the rings of nodes not yet reached")
    track: Colour = _paints("the curved upskill track")
    node_fill: Colour = _paints("the inside of timeline nodes and track dots")
    node_stroke: Colour = _paints("the ring of the timeline nodes already reached")
    choice_separator: Colour = _paints("the line beside OR between options")
    callout: Colour = _paints("shaded callout boxes and compact cards")
    callout_text: Colour = _paints("text on callouts and cards")
    icon: Colour = _paints("line icons beside steps")
    # Personal progress, optional steps and the legend. The defaults are the default
    # theme's, so a theme written before these tokens existed still validates.
    done: Colour = _paints("with personal progress: the path travelled and done dots", "#0078D4")
    current: Colour = _paints("the ring and outline around 'you are here'", "#0078D4")
    status_text: Colour = _paints("the words 'done', 'you are here', on page and cards", "#005A9E")
    skipped: Colour = _paints("text and marks of skipped steps: faded, still readable", "#696969")
    optional: Colour = _paints("the dashed outline around optional steps", "#8A8886")
    legend_text: Colour = _paints("the legend's explanations", "#505050")
    outline: Colour = _paints(
        "the outline of a callout or card whose fill would vanish on the page "
        "(closer than 1.1:1, as in high-contrast)",
        "#505050",
    )


class Sizes(_Tokens):
    """Font sizes in pixels, one per typographic role."""

    lead: Size = Field(description="the header's lead line")
    title: Size = Field(description="the header's title (the certification's name)")
    cta: Size = Field(description="the call to action in the header")
    caption: Size = Field(description="phase captions above the timeline")
    heading: Size = Field(description="step titles and block headings")
    body: Size = Field(description="details, bullets and card text")
    small: Size = Field(description="status words, kickers, the legend and the footer note")


class FontFiles(_Tokens):
    """A brand's own TrueType files, relative to the theme file (or the spec, inline)."""

    regular: FontRef
    bold: FontRef | None = None  # default: the regular file draws bold text too


class Typography(_Tokens):
    """Fonts and sizes: the files that measure and draw every text, and the CSS family."""

    family: Family = Field(description="the CSS font-family list written into the SVG")
    regular_font: FontFile = Field(description="regular text: a font file matplotlib ships")
    bold_font: FontFile = Field(description="bold text: a font file matplotlib ships")
    sizes: Sizes
    line_height: float = Field(ge=1.0, le=3.0, description="line spacing, in multiples of size")
    # A brand font instead of regular_font/bold_font: files beside the theme, or a family
    # fontconfig finds. The theme reader resolves either into regular_font/bold_font.
    files: FontFiles | None = Field(
        default=None, description="the brand's own TrueType files: `regular`, `bold`"
    )
    fontconfig: FontconfigFamily | None = Field(
        default=None, description="a font family found by fontconfig (`fc-match`) instead"
    )


class Shape(_Tokens):
    """Lengths in pixels: the grid unit, corners, line widths, node and icon sizes."""

    unit: Length = Field(description="the spacing unit every gap is a multiple of")
    radius: float = Field(ge=0, le=64, description="the corner radius of callouts and cards")
    timeline_width: Length = Field(description="the width of the timeline")
    track_width: Length = Field(description="the width of the curved upskill track")
    node_radius: Length = Field(description="the radius of a timeline node")
    dot_radius: Length = Field(description="the radius of a dot on the upskill track")
    icon_size: float = Field(gt=0, le=128, description="the size of a line icon")
    icon_stroke: float = Field(gt=0, le=16, description="the line width of icons")
    frame_width: Length = Field(
        default=2, description="the outline around the current step, optional steps and faint cards"
    )
    optional_dash: tuple[Length, Length] = Field(
        default=(6, 4), description="dash and gap of an optional step's outline"
    )
    recommended_dash: tuple[Length, Length] = Field(
        default=(14, 4), description="dash and gap of a recommended step's outline: longer dashes"
    )


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

    top: Colour | None = _paints("the top panel, which carries the issuer's words", None)
    top_text: Colour | None = _paints("the issuer's words on the top panel", None)
    stars: int | None = Field(default=None, ge=0, le=5, description="how many stars (0-5)")
    word: bool | None = Field(
        default=None, description="whether the spec's level word is written under the ribbon"
    )
    outline: Colour | None = _paints("the shield's outline", None)
    shield: Colour | None = _paints("the lower shield", None)


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


# Tokens renamed in 0.x, by section: old name -> new name. The old name still loads, with a
# located ThemeWarning (deprecated aliases, not versioned: every theme file keeps working).
RENAMED: dict[str, dict[str, str]] = {
    "badge": {"level_text": "level_text_colour", "ribbon_text": "ribbon_text_colour"},
}


class BadgeStyle(_Tokens):
    """The badge: one shield shape; a style per level word changes its top panel, stars,
    outline and whether the level word is written. A level without a style of its own
    (or a certification without a level) is drawn in the ``default`` style."""

    outline: Colour = _paints("the shield's outline (a level style may change it)")
    shield: Colour = _paints("the lower shield (a level style may change it)")
    ribbon: Colour = _paints("the ribbon across the middle")
    ribbon_text_colour: Colour = _paints("the certification's short name on the ribbon")
    star: Colour = _paints("the stars on the lower shield")
    level_text_colour: Colour = _paints(
        "the level word on the lower shield, and a top panel's words unless its style sets them"
    )
    default: LevelStyle = Field(
        default=LevelStyle(),
        description="the style of a level without a style of its own, and of no level: the "
        "plain look of a certificate, licence or degree",
    )
    levels: dict[LevelKey, LevelStyle] = Field(
        default={}, description="a style per level word, matched in lower case"
    )

    @model_validator(mode="before")
    @classmethod
    def _renamed(cls, data: Any) -> Any:
        """The old names (``level_text``, ``ribbon_text``) still load; theme files that use
        them are warned at the token (see :data:`RENAMED`)."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for old, new in RENAMED["badge"].items():
            if old in data:
                value = data.pop(old)
                data.setdefault(new, value)
        return data

    @property
    def level_text(self) -> str:
        """Deprecated: the old name of :attr:`level_text_colour`."""
        return self.level_text_colour

    @property
    def ribbon_text(self) -> str:
        """Deprecated: the old name of :attr:`ribbon_text_colour`."""
        return self.ribbon_text_colour

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
            top_text=style.top_text or self.level_text_colour,
            stars=style.stars or 0,
            word=True if style.word is None else style.word,
            outline=style.outline or self.outline,
            shield=style.shield or self.shield,
        )


@dataclass(frozen=True)
class Follow:
    """A colour token that follows another while no theme layer sets it after its source.

    A theme that sets ``palette.progress`` (its brand colour) and not ``node_stroke`` gets
    node rings in its own colour, not the default theme's blue. A layer that sets both keeps
    both, so the built-in themes draw exactly what they write.

    Attributes:
        token: The dotted path of the following token.
        source: The dotted path it follows.
        how: ``same``: the source's colour; ``darker``/``lighter``: the source mixed half
            with black / 30 % with white.
        on: Tokens the colour must reach 4.5:1 against: if it does not, it is darkened or
            lightened in 5 % steps until it does, keeping the brand's hue (a change to
            them re-derives it too).
    """

    token: str
    source: str
    how: str = "same"
    on: tuple[str, ...] = ()

    def said(self) -> str:
        """The rule in words, for the token reference."""
        said = f"`{self.source}`" + ("" if self.how == "same" else f", {self.how}")
        if self.on:
            said += f", readable on {' and '.join(f'`{t}`' for t in self.on)}"
        return said


_PAGE_AND_CARD = ("palette.page", "palette.callout")
PLAIN_LEVELS = ("certificate", "licence", "license")
_WORD = ("badge.level_text_colour",)


def _top_text(level: str) -> Follow:
    top = f"badge.levels.{level}.top"
    return Follow(f"{top}_text", "badge.shield", "darker", (top,))


def _top(level: str, how: str = "darker") -> Follow:
    top = f"badge.levels.{level}.top"
    return Follow(top, "badge.shield", how, (f"{top}_text",))


# Every brand colour that derives from another, stated once, in the order they are derived.
FOLLOWS: tuple[Follow, ...] = (
    Follow("palette.node_stroke", "palette.progress"),
    Follow("palette.done", "palette.progress"),
    Follow("palette.current", "palette.progress"),
    Follow("palette.link", "palette.progress", "same", _PAGE_AND_CARD),
    Follow("palette.status_text", "palette.progress", "same", _PAGE_AND_CARD),
    Follow("palette.accent", "palette.progress", "same", ("palette.band",)),
    Follow("palette.node_fill", "palette.page"),
    Follow("palette.callout_text", "palette.text", "same", ("palette.callout",)),
    Follow("palette.icon", "palette.text"),
    Follow("palette.legend_text", "palette.muted_text"),
    Follow("palette.optional", "palette.track"),
    Follow("palette.outline", "palette.muted_text"),
    Follow("badge.shield", "palette.progress", "same", _WORD),
    Follow("badge.outline", "badge.shield", "darker"),
    Follow("badge.ribbon_text_colour", "badge.shield", "darker", ("badge.ribbon",)),
    _top_text("fundamentals"),
    _top_text("foundational"),
    _top("professional"),
    _top("expert"),
    Follow("badge.levels.specialty.shield", "palette.progress", "same", _WORD),
    _top("specialty", "same"),
    Follow("badge.levels.specialty.outline", "badge.levels.specialty.shield", "lighter"),
    Follow("badge.default.top", "palette.page"),
    Follow("badge.default.top_text", "palette.text", "same", ("badge.default.top",)),
    Follow("badge.default.outline", "palette.text"),
    Follow("badge.default.shield", "badge.shield", "same", _WORD),
    *(  # the plain styles built in by name look like the default style
        Follow(f"badge.levels.{level}.{token}", f"badge.default.{token}")
        for level in PLAIN_LEVELS
        for token in ("top", "top_text", "outline", "shield")
    ),
)


class Logo(_Tokens):
    """A brand's logo in the header or footer band: a PNG or SVG file beside the theme
    (or beside the spec, in its inline ``theme:``), ``height`` px high, its width from
    its own proportions. The theme reader reads and sanitises it into :attr:`art`."""

    file: LogoRef = Field(description="a PNG or SVG file beside the theme (SVG: shapes only)")
    place: LogoPlace = Field(
        default="header-right", description="header-left, header-right, footer-left, footer-right"
    )
    height: float = Field(default=40, ge=8, le=160, description="the logo's height in px")
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


_SECTIONS = {"BadgeStyle": "badge"}  # which RENAMED section a model is


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
    for old, new in RENAMED.get(_SECTIONS.get(model.__name__, ""), {}).items():
        said = f"deprecated: the old name of {new}"
        fields[old] = (fields[new][0], Field(default=None, description=said))
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
    "FOLLOWS",
    "LEVEL_THEMES",
    "RENAMED",
    "THEME_NAME",
    "THEME_SUFFIXES",
    "BadgeStyle",
    "Follow",
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

"""Themes are data: semantic colour, type and shape tokens, validated like a spec."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _check_colour(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(f"'{value}' is not a colour; write it as #RRGGBB")
    return value.upper()


Colour = Annotated[str, AfterValidator(_check_colour)]


class _Tokens(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Palette(_Tokens):
    page: Colour
    text: Colour
    muted_text: Colour
    band: Colour
    band_text: Colour
    band_muted_text: Colour
    accent: Colour
    link: Colour
    progress: Colour
    rest: Colour
    track: Colour
    node_fill: Colour
    node_stroke: Colour
    choice_separator: Colour
    callout: Colour
    callout_text: Colour
    icon: Colour
    badge_outline: Colour
    badge_shield: Colour
    badge_ribbon: Colour
    badge_ribbon_text: Colour
    badge_star: Colour
    badge_top_fundamentals: Colour
    badge_top_associate: Colour
    badge_top_expert: Colour
    badge_top_specialty: Colour
    badge_top_text_dark: Colour
    badge_top_text_light: Colour


class Sizes(_Tokens):
    lead: float = Field(ge=6, le=200)
    title: float = Field(ge=6, le=200)
    cta: float = Field(ge=6, le=200)
    caption: float = Field(ge=6, le=200)
    heading: float = Field(ge=6, le=200)
    body: float = Field(ge=6, le=200)
    small: float = Field(ge=6, le=200)


class Typography(_Tokens):
    family: str
    regular_font: str
    bold_font: str
    sizes: Sizes
    line_height: float = Field(ge=1.0, le=3.0)


class Shape(_Tokens):
    unit: float = Field(gt=0, le=64)
    radius: float = Field(ge=0, le=64)
    timeline_width: float = Field(gt=0, le=64)
    track_width: float = Field(gt=0, le=64)
    node_radius: float = Field(gt=0, le=64)
    dot_radius: float = Field(gt=0, le=64)
    icon_size: float = Field(gt=0, le=128)
    icon_stroke: float = Field(gt=0, le=16)


class Theme(_Tokens):
    name: str
    palette: Palette
    typography: Typography
    shape: Shape


@lru_cache(maxsize=8)
def builtin_theme(name: str = "default") -> Theme:
    """A theme shipped inside the package."""
    from .loader import parse, validate

    data = resources.files("journeygraphic.themes").joinpath(f"{name}.yaml").read_bytes()
    return validate(Theme, parse(data, filename=f"<theme {name}>", fmt="yaml"))

"""What the docs integrations (Sphinx, MkDocs) share: options, the cache key, cached rendering.

A picture's file name is a hash of everything that decides its bytes: the validated journey,
the resolved theme (so a theme file, or any file it extends, is covered), the options and
the library's version. A file of that name that already exists is the picture, so an
unchanged build renders nothing. Nothing here imports Sphinx or MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from ._batch import write_atomic
from ._pipeline import Prepared, draw, prepare
from ._version import __version__
from .model import Journey
from .options import RenderOptions, check_layout, check_width
from .spec import load
from .textformat import render_text
from .tokens import BUILTIN_THEMES, THEME_SUFFIXES

__all__ = [
    "FORMATS",
    "Picture",
    "alt_text",
    "check_format",
    "check_layout",
    "existing_theme_file",
    "is_theme_file",
    "parse_width",
    "picture",
    "render_cached",
    "text_version",
    "theme_file_of",
]

FORMATS = ("svg", "png")  # what a browser shows in <img>; LaTeX asks for "pdf" itself
PREFIX = "journeygraphic-"


@dataclass(frozen=True)
class Picture:
    """A journey prepared for a page: its options, the format to embed, and the hash that
    names its picture. ``options.theme`` is a built-in name or an absolute theme file path.
    """

    prepared: Prepared
    format: str
    key: str

    @property
    def journey(self) -> Journey:
        return self.prepared.journey

    @property
    def options(self) -> RenderOptions:
        return self.prepared.options

    def theme_file(self) -> str | None:
        """The theme file the options name (not the spec's own), to watch it for changes."""
        theme = self.options.theme
        return theme if isinstance(theme, str) and is_theme_file(theme) else None

    def file_name(self, fmt: str | None = None) -> str:
        """The picture's file name, e.g. ``journeygraphic-<hash>.svg``."""
        return f"{PREFIX}{self.key}.{fmt or self.format}"


def check_format(value: str) -> str:
    """``value`` if it is a format the integrations embed ("svg" or "png").

    Raises:
        ValueError: It is not.
    """
    if value not in FORMATS:
        raise ValueError(f"unknown format '{value}'; use one of: {', '.join(FORMATS)}")
    return value


def parse_width(value: object) -> float:
    """A layout width in pixels, from a number or its text.

    Raises:
        ValueError: Not a number, or outside 320–10000.
    """
    try:
        width = float(str(value).strip())
    except ValueError:
        raise ValueError(f"width must be a number of pixels, not '{value}'") from None
    return check_width(width)


def is_theme_file(value: str) -> bool:
    """Whether a theme setting names a file (by its suffix) rather than a built-in theme.

    Raises:
        ValueError: It is neither a built-in theme's name nor a .yaml/.yml/.json file.
    """
    if value in BUILTIN_THEMES:
        return False
    if Path(value).suffix.lower() in THEME_SUFFIXES:
        return True
    raise ValueError(
        f"unknown theme '{value}'; use a built-in theme ({', '.join(BUILTIN_THEMES)}) "
        "or a theme file (.yaml, .yml or .json)"
    )


def existing_theme_file(path: str, shown: str) -> str:
    """``path`` if that theme file exists (``shown`` names it in the message).

    Raises:
        ValueError: It does not.
    """
    if not Path(path).is_file():
        raise ValueError(f"the theme file '{shown}' does not exist")
    return path


def picture(spec: str | os.PathLike[str], options: RenderOptions, fmt: str) -> Picture:
    """Load ``spec``, resolve its theme and hash what decides its picture; cheap next to
    drawing.

    Raises:
        SpecError: The spec or a theme file is wrong; each problem located.
    """
    journey = load(spec, limits=options.limits)
    prepared = prepare(journey, replace(options, base_dir=Path(spec).parent))
    return Picture(prepared, fmt, _key(prepared))


def theme_file_of(journey: Journey, spec: str | os.PathLike[str]) -> Path | None:
    """The theme file a spec names in its ``theme:``, if any (to watch it for changes)."""
    ref = journey.theme
    if isinstance(ref, str) and ref not in BUILTIN_THEMES:
        return Path(spec).parent / ref
    return None


def render_cached(picture: Picture, folder: Path, fmt: str | None = None) -> Path:
    """The picture's path in ``folder``, drawn only if no file of its name is there yet.

    Raises:
        RenderError: The journey cannot be drawn within the limits.
        OSError: The folder cannot be written.
    """
    target = folder / picture.file_name(fmt)
    if target.is_file():
        return target
    data = draw(picture.prepared, fmt or picture.format)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)  # a reader never sees half a picture
    return target


def alt_text(journey: Journey) -> str:
    """The picture's default alternative text: the journey's title, and its goal when the
    title does not name it (e.g. a title naming the track, a goal on the way to it)."""
    title = journey.header.full_title
    goal = journey.goal()
    if goal is None or goal.name in title:
        return title
    return f"{title}, ending with the certification {goal.name}"


def text_version(journey: Journey, fmt: str) -> str:
    """The journey as text: "md" (a Markdown outline) or "txt" (plain text)."""
    return render_text(journey, fmt).decode("utf-8")


def _key(prepared: Prepared) -> str:
    options = prepared.options
    parts = [
        prepared.journey.model_dump(mode="json"),
        prepared.theme.model_dump(mode="json"),
        [options.layout, options.width],  # not the format: the file name's suffix has it
        __version__,
    ]
    text = json.dumps(parts, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:32]

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
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ._pipeline import render
from .errors import LayoutWarning
from .layout import LAYOUTS
from .loader import load
from .model import Journey
from .theme import BUILTIN_THEMES, THEME_SUFFIXES, Theme, resolve_theme

__all__ = [
    "FORMATS",
    "Options",
    "Prepared",
    "alt_text",
    "check_format",
    "check_layout",
    "existing_theme_file",
    "is_theme_file",
    "logged_warnings",
    "parse_width",
    "prepare",
    "render_cached",
    "text_version",
    "theme_file_of",
]

FORMATS = ("svg", "png")  # what a browser shows in <img>; LaTeX asks for "pdf" itself
MIN_WIDTH, MAX_WIDTH = 320, 10_000  # as the command line allows
PREFIX = "journeygraphic-"


@dataclass(frozen=True)
class Options:
    """How to draw one journey; ``theme`` is a built-in name or an absolute theme file path."""

    layout: str = "poster"
    theme: str | None = None
    format: str = "svg"
    width: float | None = None


@dataclass(frozen=True)
class Prepared:
    """A journey loaded and its theme resolved, with the hash that names its picture."""

    journey: Journey
    theme: Theme
    options: Options
    key: str

    def file_name(self, fmt: str | None = None) -> str:
        """The picture's file name, e.g. ``journeygraphic-<hash>.svg``."""
        return f"{PREFIX}{self.key}.{fmt or self.options.format}"


def check_layout(value: str) -> str:
    """``value`` if it names a layout.

    Raises:
        ValueError: It does not, with the layouts to choose from.
    """
    if value not in LAYOUTS:
        raise ValueError(f"unknown layout '{value}'; use one of: {', '.join(LAYOUTS)}")
    return value


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
    if not MIN_WIDTH <= width <= MAX_WIDTH:  # NaN fails too
        raise ValueError(f"width must be between {MIN_WIDTH} and {MAX_WIDTH} pixels")
    return width


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


def prepare(spec: str | os.PathLike[str], options: Options) -> Prepared:
    """Load ``spec`` and resolve its theme; cheap next to drawing.

    Raises:
        SpecError: The spec or a theme file is wrong; each problem located.
    """
    journey = load(spec)
    theme = resolve_theme(journey, choice=options.theme, base_dir=Path(spec).parent)
    return Prepared(journey, theme, options, _key(journey, theme, options))


def theme_file_of(journey: Journey, spec: str | os.PathLike[str]) -> Path | None:
    """The theme file a spec names in its ``theme:``, if any (to watch it for changes)."""
    ref = journey.theme
    if isinstance(ref, str) and ref not in BUILTIN_THEMES:
        return Path(spec).parent / ref
    return None


@contextmanager
def logged_warnings(log: Callable[[str], None]) -> Iterator[None]:
    """Hand each layout warning raised inside (a picture wider than asked, shortened text)
    to ``log``, so it shows in the docs build's log rather than on stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LayoutWarning)
        yield
    for item in caught:
        if issubclass(item.category, LayoutWarning):
            log(str(item.message))
        else:
            warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)


def render_cached(prepared: Prepared, folder: Path, fmt: str | None = None) -> Path:
    """The picture's path in ``folder``, drawn only if no file of its name is there yet.

    Raises:
        RenderError: The journey cannot be drawn within the limits.
        OSError: The folder cannot be written.
    """
    fmt = fmt or prepared.options.format
    target = folder / prepared.file_name(fmt)
    if target.is_file():
        return target
    opts = prepared.options
    data = render(prepared.journey, fmt, theme=prepared.theme, layout=opts.layout, width=opts.width)
    _write_atomically(target, data)
    return target


def alt_text(journey: Journey) -> str:
    """The journey's title, as the picture's default alternative text."""
    return journey.header.full_title


def text_version(journey: Journey, fmt: str) -> str:
    """The journey as text: "md" (a Markdown outline) or "txt" (plain text)."""
    return render(journey, fmt).decode("utf-8")


def _key(journey: Journey, theme: Theme, options: Options) -> str:
    from . import __version__

    parts = [
        journey.model_dump(mode="json"),
        theme.model_dump(mode="json"),
        [options.layout, options.width],  # not the format: the file name's suffix has it
        __version__,
    ]
    text = json.dumps(parts, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:32]


def _write_atomically(target: Path, data: bytes) -> None:
    """Write beside ``target`` and rename, so a reader never sees half a picture."""
    from ._batch import write_atomic

    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)

"""What the docs integrations (Sphinx, MkDocs) share: options, the cache key, cached rendering.

A picture's file name is a hash of everything that decides its bytes: the validated journey,
the resolved theme (so a theme file, or any file it extends, is covered), the options and
the library's version. A file of that name that already exists is the picture, so an
unchanged build renders nothing, and :func:`prune` removes the pictures a build no longer
uses. Nothing here imports Sphinx or MkDocs.

Pages are read on screens, so the default is ``auto`` at :data:`DEFAULT_WIDTH`: a picture
laid out for a docs column rather than a poster shrunk into one. A picture is never shown
wider than it is drawn, so on screen its text is (font size × shown width / drawn width):
the poster's smallest reading text, 12 px at 1600, would be 5 px in Sphinx alabaster's
660 px column; laid out at 720 it is 11 px there and 12 px in wider columns.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import json
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from ._batch import write_atomic
from ._pipeline import Prepared, draw, prepare
from ._version import __version__
from .brand import assets_digest
from .errors import LayoutWarning
from .layout import LAYOUTS
from .model import Journey
from .options import RenderOptions, check_width
from .spec import load
from .textformat import render_text
from .tokens import BUILTIN_THEMES, THEME_SUFFIXES

__all__ = [
    "DEFAULT_LAYOUT",
    "DEFAULT_WIDTH",
    "FORMATS",
    "Picture",
    "alt_text",
    "check_format",
    "check_inside",
    "check_layout",
    "did_you_mean",
    "error_html",
    "existing_theme_file",
    "is_theme_file",
    "logged_warnings",
    "parse_width",
    "picture",
    "prune",
    "render_cached",
    "text_version",
    "theme_file_of",
]

FORMATS = ("svg", "png")  # what a browser shows in <img>; LaTeX asks for "pdf" itself
PREFIX = "journeygraphic-"
DEFAULT_LAYOUT = "auto"
# Just over the narrowest text column of the common docs themes (Sphinx alabaster: 660 px,
# measured in Chromium at a 1200 px window), so the smallest reading text (12 px) stays
# >= 11 px there; wider columns (MkDocs, furo, Read the Docs) show it 1:1. auto lays out
# the vertical layout at this width.
DEFAULT_WIDTH = 720


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


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """The clause "; did you mean 'x'?" for the closest of ``known`` to ``word``, or ""."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_inside(
    path: str | os.PathLike[str], shown: str, roots: Iterable[Path], setting: str
) -> Path:
    """``path`` resolved, if it lies in one of ``roots`` (the docs source folder, and any the
    site's configuration adds): a page must not publish a file from elsewhere on the disk.

    Raises:
        ValueError: It lies outside them all, with the setting that widens them.
    """
    target = Path(path).resolve()
    if any(target.is_relative_to(root.resolve()) for root in roots):
        return target
    raise ValueError(
        f"the spec '{shown}' is outside the documentation's folder; keep specs inside it, "
        f"or add their folder to {setting}"
    )


def check_format(value: str) -> str:
    """``value`` if it is a format the integrations embed ("svg" or "png").

    Raises:
        ValueError: It is not, with a did-you-mean.
    """
    return _one_of("format", value.strip(), FORMATS)


def check_layout(value: str) -> str:
    """``value`` if it names a layout.

    Raises:
        ValueError: It does not, with a did-you-mean.
    """
    return _one_of("layout", value.strip(), tuple(LAYOUTS))


def _one_of(what: str, value: str, known: tuple[str, ...]) -> str:
    if value not in known:
        hint = did_you_mean(value, known)
        raise ValueError(f"unknown {what} '{value}'{hint} (use one of: {', '.join(known)})")
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


def prune(folder: Path, keep: Iterable[str]) -> list[Path]:
    """Remove the pictures in ``folder`` whose key is not in ``keep``; the paths removed.

    Only our own files are touched: ``journeygraphic-<32 hex digits>.<format>`` directly in
    ``folder``. A file that cannot be removed is left for the next build.
    """
    wanted = set(keep)
    removed = []
    for path in sorted(folder.glob(f"{PREFIX}*.*")):
        key = path.stem[len(PREFIX) :]
        if _is_key(key) and key not in wanted and path.is_file():
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


def _is_key(text: str) -> bool:
    return len(text) == 32 and all(c in "0123456789abcdef" for c in text)


def error_html(problems: Iterable[str]) -> str:
    """A warning admonition for the page where a picture could not be drawn: a sentence,
    then each located problem on its own line. The classes are those Sphinx and MkDocs
    themes style (``admonition warning``)."""
    lines = "<br />\n".join(f"<code>{html.escape(line)}</code>" for line in problems)
    return (
        '<div class="admonition warning journeygraphic-error">\n'
        '<p class="admonition-title">Warning</p>\n'
        "<p>The journey could not be drawn:</p>\n"
        f"<p>{lines}</p>\n</div>\n"
    )


def alt_text(journey: Journey) -> str:
    """The picture's default alternative text: the journey's title, and its goal when the
    title does not name it (e.g. a title naming the track, a goal on the way to it)."""
    title = journey.header.full_title
    goal = journey.goal()
    if goal is None or goal.name in title:
        return title
    return journey.wording().fill("alt_goal", title=title, goal=goal.name)


def text_version(journey: Journey, fmt: str) -> str:
    """The journey as text: "md" (a Markdown outline) or "txt" (plain text)."""
    return render_text(journey, fmt).decode("utf-8")


def _key(prepared: Prepared) -> str:
    options = prepared.options
    parts = [
        prepared.journey.model_dump(mode="json"),
        prepared.theme.model_dump(mode="json"),
        assets_digest(prepared.theme),  # the logo and font files a theme names
        [options.layout, options.width],  # not the format: the file name's suffix has it
        __version__,
    ]
    text = json.dumps(parts, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:32]

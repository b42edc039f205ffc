"""Hard limits on untrusted input, each checked before the work it guards.

A spec arrives from a stranger; every limit here keeps one kind of work bounded so that a
hostile file ends in a clear error (exit code 2) instead of an out-of-memory crash or a
hang. Defaults are far above what a real journey needs (the specs in ``specs/`` are about
4 KB, 150 values and 2,000 characters of text) and can be raised from Python with
``Limits(max_bytes=...)`` or on the command line with ``--limit max_bytes=...``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

__all__ = ["CEILINGS", "Limits", "how_to_raise"]

# Some limits protect code with a hard edge of its own, so they cannot be raised past it:
# nesting is walked recursively (Python's recursion limit is 1,000 frames), and the text
# measurer works in FreeType's 26.6 fixed point at a 1,000 px reference size, which
# overflows past 2**31 / 64 px: 16,600 of DejaVu Sans' widest glyph (2.016 em).
# A PNG is held in memory several times over while it is encoded (4 bytes a pixel in Agg's
# buffer, again when composited, 3 when converted), so pixels stop at 2**28 (16384²).
CEILINGS = {"max_depth": 200, "max_text": 10_000, "max_pixels": 2**28}


@dataclass(frozen=True)
class Limits:
    """How much of anything one spec may ask for.

    Attributes:
        max_bytes: Size of a spec or theme file, checked before it is read or parsed.
        max_depth: Nesting of mappings and lists, checked while the file is parsed
            (at most 200: nesting is walked recursively).
        max_nodes: Values (text, lists and mappings) in one file, counted while parsing.
        max_text: Characters in one text value, checked before validation and layout
            (at most 10,000: the text measurer is exact only below that).
        max_total_text: Characters of text in the whole journey, checked before layout.
        max_steps: Stages, choice options, option steps and list items in the whole
            journey, checked before layout.
        max_pixels: Pixels of a PNG (width × height × scale²), checked before drawing
            (at most 2**28 = 268,435,456: the PNG is held in memory several times over).
        max_icon_bytes: Size of an icon or image file, checked before it is read.
        max_icon_pixels: Width × height of a raster icon, checked before it is decoded.
        max_font_bytes: Size of a font file a theme names, checked before it is read.
    """

    max_bytes: int = 1_000_000
    max_depth: int = 64
    max_nodes: int = 10_000
    max_text: int = 2_000
    max_total_text: int = 100_000
    max_steps: int = 2_000
    max_pixels: int = 40_000_000
    max_icon_bytes: int = 262_144
    max_icon_pixels: int = 1_048_576
    max_font_bytes: int = 4_000_000

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"the limit {item.name} must be a whole number of at least 1")
            ceiling = CEILINGS.get(item.name)
            if ceiling is not None and value > ceiling:
                raise ValueError(f"the limit {item.name} can be at most {ceiling:,}")

    @classmethod
    def names(cls) -> list[str]:
        """The name of every limit, as ``--limit`` and the constructor take it."""
        return [item.name for item in fields(cls)]

    def with_overrides(self, settings: Iterable[str]) -> Limits:
        """A copy with ``NAME=VALUE`` settings applied (as given to ``--limit``).

        Raises:
            ValueError: A setting is malformed, names no limit or has a bad value; the
                message says which and lists the names.
        """
        changes: dict[str, int] = {}
        for setting in settings:
            name, value = _parse_setting(setting)
            changes[name] = value
        return replace(self, **changes)


def _parse_setting(setting: str) -> tuple[str, int]:
    name, sep, text = setting.partition("=")
    name = name.strip().replace("-", "_")
    if not sep:
        raise ValueError(f"a limit is set as NAME=VALUE, e.g. max_bytes=2000000; got {setting!r}")
    if name not in Limits.names():
        raise ValueError(f"unknown limit {name!r}; the limits are: {', '.join(Limits.names())}")
    try:
        return name, int(text.strip())
    except ValueError:
        raise ValueError(f"the limit {name} must be a whole number, not {text!r}") from None


def how_to_raise(name: str) -> str:
    """The clause every limit error ends with: which limit, and how to raise it."""
    return f"to allow more, raise the limit with --limit {name}=N (Limits({name}=N) in Python)"

"""The private matplotlib and Pillow calls taken for speed, and the way back from them.

Drawing a PNG (``backends.png``) and measuring text (``text``) go through private calls:
matplotlib's ``FT2Font._layout``, ``_set_transform`` and ``_render_glyph``, Agg's
``RendererAgg`` fed a stand-in for its graphics context, and Pillow's FreeType core
``PIL._imagingft``. They give the very pixels and widths of the public routes (a
matplotlib Figure of artists; ``PIL.ImageFont``), which the tests check case by case, in
a fraction of the time. A release may change them: whatever one of them raises turns its
shortcut off for the rest of the process, with one :class:`ShortcutWarning` that names
the versions, and the public route does the work from then on.

``JOURNEYGRAPHIC_PUBLIC_ROUTE=1`` in the environment takes the public routes from the
start, without a warning.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata

__all__ = ["DRAWING", "MEASURING", "ShortcutWarning", "failed", "on", "public_route"]

DRAWING = "drawing PNG"
MEASURING = "measuring text"
_PUBLIC = {DRAWING: "matplotlib's public artist route", MEASURING: "PIL.ImageFont"}
PUBLIC_ROUTE_ENV = "JOURNEYGRAPHIC_PUBLIC_ROUTE"


class ShortcutWarning(UserWarning):
    """A private matplotlib or Pillow call failed; the public route is used from now on."""


def _off_from_environment() -> set[str]:
    return set(_PUBLIC) if os.environ.get(PUBLIC_ROUTE_ENV, "") not in ("", "0") else set()


_OFF = _off_from_environment()  # shortcuts turned off in this process
_LOCK = threading.Lock()  # renders may run in threads: one warning all the same


def on(shortcut: str) -> bool:
    """Whether ``shortcut`` (DRAWING or MEASURING) is still taken in this process."""
    return shortcut not in _OFF


def failed(shortcut: str, call: str, error: BaseException | None) -> None:
    """Turn ``shortcut`` off for the rest of the process; the first time, warn.

    Args:
        shortcut: DRAWING or MEASURING.
        call: The private call that failed, e.g. ``"FT2Font._layout"``.
        error: What it raised, or None when it is missing from this release.
    """
    with _LOCK:
        if shortcut in _OFF:
            return
        _OFF.add(shortcut)
    warnings.warn(ShortcutWarning(_sentence(shortcut, call, error)), stacklevel=3)


def _sentence(shortcut: str, call: str, error: BaseException | None) -> str:
    cause = "is missing" if error is None else f"raised {type(error).__name__}: {error}"
    return (
        f"{shortcut}: the private call {call} {cause} (matplotlib {_version('matplotlib')}, "
        f"Pillow {_version('pillow')}); {_PUBLIC[shortcut]} is used from now on: the same "
        "output, slower"
    )


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:  # pragma: no cover - an unusual install
        return "(version unknown)"


@contextmanager
def public_route() -> Iterator[None]:
    """Both shortcuts off while inside, silently (the tests run every case this way too)."""
    with _LOCK:
        before = set(_OFF)
        _OFF.update(_PUBLIC)
    try:
        yield
    finally:
        with _LOCK:
            _OFF.clear()
            _OFF.update(before)

"""What some tests need from the system, each named by the Debian package that brings it.

A fresh machine without these runs the rest of the suite; each test that needs one skips
with the package to install, and the run ends with one line listing them (conftest.py).
``.ci/run`` installs them all and sets ``JOURNEYGRAPHIC_REQUIRE_SYSTEM=1``, under which a
missing one is a failure instead of a skip, so CI cannot go green by skipping.
"""

from __future__ import annotations

import os
import shutil
from functools import cache

import pytest

REQUIRED = os.environ.get("JOURNEYGRAPHIC_REQUIRE_SYSTEM") == "1"
SKIP_PREFIX = "needs "  # conftest.py finds our skips by it


def which(*names: str) -> str | None:
    """The first of ``names`` found on PATH."""
    return next((p for p in map(shutil.which, names) if p), None)


@cache
def has_font_for(char: str) -> bool:
    from journeygraphic import fonts

    return fonts.face_for(char) is not None


def _mark(missing: bool, what: str, package: str) -> pytest.MarkDecorator:
    # conftest.py reads the mark: a skip on a developer's machine, a failure in CI.
    reason = f"{SKIP_PREFIX}{what}: install Debian's {package}"
    return pytest.mark.system(reason=reason, missing=missing)


def tool(package: str, *names: str) -> pytest.MarkDecorator:
    """Skip unless one of the commands ``names`` is on PATH."""
    return _mark(which(*names) is None, names[0], package)


def font(package: str, char: str) -> pytest.MarkDecorator:
    """Skip unless fontconfig lists a font that draws ``char``."""
    return _mark(not has_font_for(char), f"a font for {char!r}", package)


RSVG = tool("librsvg2-bin", "rsvg-convert")
PDFTOPPM = tool("poppler-utils", "pdftoppm")
CHROMIUM = tool("chromium", "chromium", "chromium-browser", "google-chrome")
CJK_FONT = font("fonts-noto-cjk", "日")
EMOJI_FONT = font("fonts-symbola", "🚀")
FONTCONFIG = tool("fontconfig", "fc-list")

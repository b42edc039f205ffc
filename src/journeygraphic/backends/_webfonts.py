"""Fonts to embed in an SVG: each face the scene draws with, cut down to the characters used.

The faces are the ones layout measured with: the theme's font file and the fallback faces
measuring chose for what it lacks (``Font.fallbacks``, in the order both backends try them),
so a browser draws the SVG with the same glyphs as our PNG, whatever it has installed. Each
face gets every character of the texts it serves, cut to those it has: which face draws a
character is the browser's choice in that order, as it is our PNG's, so nothing is decided
here again. Each becomes one ``@font-face`` rule under the family
name the text already asks for, with a WOFF (zlib; WOFF2 would need brotli) in a ``data:``
URL. A face whose name is not a plain family name, or that cannot be subset, is left out:
the viewer then uses its own font of that name, as it would without embedding.

The output is the same for the same scene: fontTools keeps the font's own timestamps
(``recalcTimestamp=False``) and zlib is deterministic.
"""

from __future__ import annotations

import base64
import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..fonts import font_path
from ..scene import Scene, Text

__all__ = ["FONT_FACE_RULES", "font_face_css"]

_PLAIN_FAMILY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._+-]*")
_CSS_WEIGHT = {"regular": "normal", "bold": "bold"}
# The only CSS an embedded-font SVG may carry: one or more of these rules, nothing else.
FONT_FACE_RULES = re.compile(
    r"(?:@font-face\{font-family:'[A-Za-z0-9][A-Za-z0-9 ._+-]*';font-weight:(?:normal|bold);"
    r"src:url\(data:font/woff;base64,[A-Za-z0-9+/]+={0,2}\) format\('woff'\)\}\n)+"
)


@dataclass(frozen=True)
class _Face:
    family: str
    weight: str  # "normal" or "bold"
    file: str
    index: int


def font_face_css(scene: Scene) -> str:
    """``@font-face`` rules embedding every face ``scene`` draws text with (may be "")."""
    rules = []
    for face, chars in sorted(_faces(scene).items(), key=lambda kv: _order(kv[0])):
        data = _subset(face, chars)
        if data is not None:
            rules.append(_rule(face, data))
    css = "".join(rules)
    if css and not FONT_FACE_RULES.fullmatch(css):  # never write CSS we did not mean to
        raise ValueError("embedded font CSS is not the fixed @font-face form")
    return css


def _order(face: _Face) -> tuple[str, str, str, int]:
    return face.family, face.weight, face.file, face.index


def _faces(scene: Scene) -> dict[_Face, set[str]]:
    """Every face text is drawn with, and the characters of the texts it serves."""
    found: dict[_Face, set[str]] = {}
    for text in _texts(scene):
        chars = set("".join(text.lines))
        for face in _chain(text):
            found.setdefault(face, set()).update(chars)
    return {face: chars for face, chars in found.items() if _PLAIN_FAMILY.fullmatch(face.family)}


def _chain(text: Text) -> list[_Face]:
    """The theme's face of ``text``, then its fallback faces, in the order they are tried."""
    weight = _CSS_WEIGHT[text.font.weight]
    first = text.font.family.split(",")[0].strip().strip("'\"")
    own = _Face(first, weight, font_path(text.font.file), 0)
    return [own, *(_Face(f.family, weight, f.file, f.index) for f in text.font.fallbacks)]


def _texts(scene: Scene) -> Iterator[Text]:
    return (item for item in scene.walk() if isinstance(item, Text))


def _subset(face: _Face, chars: set[str]) -> bytes | None:
    """The face cut down to ``chars`` as WOFF bytes, or None if fontTools cannot do it."""
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    options = subset.Options()
    options.hinting = False  # browsers draw unhinted at these sizes, as our PNG does
    options.desubroutinize = True
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: of no use to a viewer
    try:
        with _quiet("fontTools"):  # it logs each table it drops; that is not the user's news
            font = TTFont(face.file, fontNumber=face.index, recalcTimestamp=False, lazy=False)
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=sorted({ord(c) for c in chars} | {0x20}))
            subsetter.subset(font)
            font.flavor = "woff"
            out = io.BytesIO()
            font.save(out)
    except Exception:  # a broken or exotic system font: the viewer's own font is used
        return None
    return out.getvalue()


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _rule(face: _Face, data: bytes) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f"@font-face{{font-family:'{face.family}';font-weight:{face.weight};"
        f"src:url(data:font/woff;base64,{encoded}) format('woff')}}\n"
    )

"""A brand's own font: font files beside a theme, or a family fontconfig knows.

A theme may name ``typography.files`` (TrueType files relative to the theme file) or
``typography.fontconfig`` (a family name). Files are followed only inside the spec's folder
tree (:func:`journeygraphic.spec._files.confine`), refused before reading when over
``Limits.max_font_bytes``, and opened by fontTools and FreeType before anything measures
with them, so a file that is not a font is a located error, never a crash later. Nothing
here runs unless a theme names a font: the cold path reads no font from the spec's folder.
"""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import SpecError
from .limits import Limits
from .spec import DataPath, Located
from .spec._files import read_bytes, resolve_inside
from .spec._located import at, show
from .tokens import Theme

__all__ = ["BrandFonts", "assets_digest", "font_problem", "fontconfig_fonts", "theme_fonts"]

_REQUIRED_TABLES = ("cmap", "head", "hhea", "hmtx", "maxp", "name", "glyf", "loca")
_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
_FC_WEIGHT = {"regular": "regular", "bold": "bold"}


@dataclass(frozen=True)
class BrandFonts:
    """The absolute paths of a brand's regular and bold files and the family they name."""

    regular: str
    bold: str
    family: str


def theme_fonts(
    files: dict[str, str],
    folder: Path,
    root: Path,
    limits: Limits,
    located: Located | None,
    path: DataPath,
) -> BrandFonts:
    """The font files ``typography.files`` names, relative to ``folder``, checked.

    Raises:
        SpecError: Located at the file's key: outside ``root``, missing, too big or not a
            TrueType font.
    """
    regular = _font_file(folder, files["regular"], root, limits, located, (*path, "regular"))
    bold_ref = files.get("bold")
    bold = (
        regular
        if bold_ref is None
        else _font_file(folder, bold_ref, root, limits, located, (*path, "bold"))
    )
    return BrandFonts(regular, bold, _family_of(regular))


def _font_file(
    folder: Path,
    relative: str,
    root: Path,
    limits: Limits,
    located: Located | None,
    path: DataPath,
) -> str:
    target = resolve_inside(
        folder, relative, located=located, path=path, what="font file", root=root
    )
    try:
        raw = read_bytes(str(target), limits.max_font_bytes, "max_font_bytes")
    except SpecError as error:
        raise SpecError([at(located, error.problems[0].message, path)]) from None
    why = font_problem(raw)
    if why is not None:
        raise SpecError(
            [at(located, f"the font file {show(relative)} cannot be used: {why}", path)]
        )
    return str(target)


def font_problem(raw: bytes) -> str | None:
    """Why ``raw`` is not a TrueType font we can measure, draw and embed; None if it is."""
    if raw[:4] == b"OTTO":
        return (
            "it has CFF (PostScript) outlines, which the PDF backend cannot embed; use a "
            "TrueType build of the font (glyf outlines)"
        )
    if raw[:4] not in _TRUETYPE:
        return "it is not a TrueType or OpenType font (a font collection .ttc is not allowed)"
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # here: only brand fonts

    try:
        with TTFont(io.BytesIO(raw), lazy=False) as font:
            missing = [t for t in _REQUIRED_TABLES if t not in font]
            cmap = font.getBestCmap() if not missing else None
    except Exception:  # fontTools raises many types for damaged data; none may escape
        return "its font tables are damaged"
    if missing:
        return f"it lacks the font tables {', '.join(missing)}"
    if not cmap or ord("A") not in cmap:
        return "it maps no Latin letters to glyphs"
    return _freetype_problem(raw)


def _freetype_problem(raw: bytes) -> str | None:
    """Whether FreeType (which measures and draws) opens it too."""
    from PIL import ImageFont

    try:
        ImageFont.truetype(io.BytesIO(raw), 12).getlength("Ag")
    except Exception:
        return "FreeType cannot read it"
    return None


def _family_of(path: str) -> str:
    """The font's own family name (typographic if given), as CSS would ask for it."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        table = font["name"]
        name = table.getDebugName(1) or table.getDebugName(16) or "Brand"
    plain = "".join(c for c in name if c.isalnum() or c in " -")
    return plain.strip() or "Brand"


def fontconfig_fonts(family: str, located: Located | None, path: DataPath) -> BrandFonts:
    """The regular and bold files fontconfig has for ``family``.

    Raises:
        SpecError: Located at ``path``: fontconfig is not installed, does not know the
            family (it would substitute another), or has it only in a form we cannot use.
    """
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        message = (
            f"the font family {show(family)} is looked up with fontconfig, which is not "
            "installed; install the Debian package 'fontconfig', or name the font files "
            "under typography.files"
        )
        raise SpecError([at(located, message, path)])
    files = [_match(fc_match, family, w, located, path) for w in ("regular", "bold")]
    return BrandFonts(files[0], files[1], family)


def _match(fc_match: str, family: str, weight: str, located: Located | None, path: DataPath) -> str:
    import subprocess  # here: only a theme naming a fontconfig family asks

    escaped = family.replace("-", "\\-")  # in a fontconfig pattern "-" starts a size
    pattern = f"{escaped}:weight={_FC_WEIGHT[weight]}"
    try:
        out = subprocess.run(
            [fc_match, "--format", "%{family}\\t%{file}\\t%{index}\\t%{fontformat}", pattern],
            capture_output=True,
            check=True,
            timeout=30,
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        raise SpecError([at(located, "fontconfig (fc-match) failed to run", path)]) from None
    families, file, index, kind = [*out.split("\t"), "", "", ""][:4]
    known = {name.strip().lower() for name in families.split(",")}
    if family.lower() not in known:
        shown = families.split(",")[0] or "nothing"
        message = f"fontconfig has no font family {show(family)} (it would use {show(shown)})"
        raise SpecError([at(located, message, path)])
    if kind != "TrueType" or index != "0" or not os.path.isabs(file):
        message = (
            f"fontconfig's {weight} face of {show(family)} is not a single TrueType file; "
            "name the font files under typography.files"
        )
        raise SpecError([at(located, message, path)])
    return file


def assets_digest(theme: Theme) -> str:
    """What a picture of ``theme`` depends on beyond its tokens: the logo as read, and each
    brand font file's size and time, so a cache keyed on it notices a new logo or font."""
    import hashlib
    import json

    from .scene import to_data

    logo = theme.logo.art if theme.logo is not None else None
    fonts = []
    for file in {theme.typography.regular_font, theme.typography.bold_font}:
        if os.path.isabs(file):  # a brand font; matplotlib's own fonts come with the package
            info = os.stat(file)
            fonts.append([file, info.st_size, info.st_mtime_ns])
    data = json.dumps([to_data(logo), sorted(fonts)], sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]

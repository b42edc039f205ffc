"""Raster icons from inside the spec's folder: allowlisted formats, sizes capped before decoding."""

from __future__ import annotations

import io
import os
from typing import (
    Any,
)

from ..errors import SpecError
from ..limits import Limits, how_to_raise
from ._files import read_inside
from ._located import DataPath, Located, at, show

__all__ = ["RASTER_FORMATS", "raster_or_why", "read_raster_icon"]

RASTER_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")


def read_raster_icon(
    base_dir: str | os.PathLike[str],
    relative: str,
    *,
    limits: Limits | None = None,
    located: Located | None = None,
    path: DataPath = (),
) -> Any:
    """A raster icon (PNG, JPEG, GIF or WebP) from inside the spec's folder, fully decoded.

    The file's size is checked before it is read, its format by Pillow's allowlist, and
    its width × height before the pixels are decoded. Returns a ``PIL.Image.Image``.

    Raises:
        SpecError: Located at ``path``: outside the folder, too big, not an allowed
            format, animated, too many pixels, or corrupt.
    """
    limits = limits or Limits()
    raw = read_inside(
        base_dir,
        relative,
        max_bytes=limits.max_icon_bytes,
        located=located,
        path=path,
        what="icon",
        limit="max_icon_bytes",
    )
    why = raster_or_why(raw, limits)
    if isinstance(why, str):
        raise SpecError([at(located, f"the icon {show(relative)} cannot be used: {why}", path)])
    return why


def raster_or_why(raw: bytes, limits: Limits) -> Any:
    """The decoded image, or a sentence saying why it is refused."""
    from PIL import Image  # here: an SVG run that reads no raster icon never loads PIL.Image

    try:
        image = Image.open(io.BytesIO(raw), formats=RASTER_FORMATS)
    except Exception:  # Pillow raises many types for hostile data; none may escape
        return f"it is not a {', '.join(RASTER_FORMATS)} image"
    width, height = image.size
    if width * height > limits.max_icon_pixels:
        limit = f"over the limit of {limits.max_icon_pixels:,} pixels"
        return f"it is {width}×{height} pixels, {limit}; {how_to_raise('max_icon_pixels')}"
    if getattr(image, "n_frames", 1) > 1:
        return "it is animated; use a still image"
    try:
        image.load()
    except Exception:
        return "its image data is damaged"
    return image

"""Reading specs: bytes or files → located data → validated models, every problem located."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import PurePath
from typing import (
    TypeVar,
)

from pydantic import BaseModel, ValidationError

from ..errors import SpecError
from ..limits import Limits
from ..model import Journey
from ._checks import check_journey, data_problems
from ._explain import explained
from ._files import read_bytes, too_big
from ._json import parse_json
from ._located import EMPTY, TOP, Format, Located, fail, position, raise_if
from ._yaml import parse_yaml

M = TypeVar("M", bound=BaseModel)


T = TypeVar("T")


def read_spec(
    path: str | os.PathLike[str], *, limits: Limits | None = None, max_bytes: int | None = None
) -> Located:
    """Read and parse one spec file (YAML or JSON, chosen by suffix or content).

    Args:
        path: The file; it is shown in messages exactly as given.
        limits: The limits to hold the file to (default: ``Limits()``).
        max_bytes: Shorthand that replaces ``limits.max_bytes``.

    Raises:
        SpecError: The file is missing, unreadable, not a regular file, too big or not a
            valid spec document.
    """
    limits = _limits(limits, max_bytes)
    name = os.fspath(path)
    return parse(read_bytes(name, limits.max_bytes), filename=name, limits=limits)


def parse(
    text: bytes | str,
    *,
    filename: str = "<spec>",
    fmt: Format | None = None,
    limits: Limits | None = None,
    max_bytes: int | None = None,
) -> Located:
    """Parse spec text into located plain data.

    Args:
        text: UTF-8 bytes (a BOM is accepted) or text.
        filename: Shown in messages; its suffix picks the format when ``fmt`` is None.
        fmt: ``"yaml"`` or ``"json"``; None chooses by suffix, then by a leading ``{``.
        limits: Bytes, depth, number of values and text length (default: ``Limits()``).
        max_bytes: Shorthand that replaces ``limits.max_bytes``.

    Raises:
        SpecError: Every problem found, each with a line and column.
    """
    limits = _limits(limits, max_bytes)
    source = _decode(text, filename, limits.max_bytes)
    if not source.strip():
        raise fail(filename, EMPTY, *TOP)
    kind = fmt or _detect(filename, source)
    if kind not in ("yaml", "json"):
        raise ValueError(f"fmt must be 'yaml' or 'json', not {kind!r}")
    parser = parse_json if kind == "json" else parse_yaml
    located = parser(source, filename, limits)
    raise_if(data_problems(located, limits))
    return located


def validate(model: type[M], located: Located) -> M:
    """Validate located data against a pydantic model, locating every error.

    Args:
        model: The model class, e.g. ``Journey`` or ``Theme``.
        located: Data from :func:`parse` or :func:`read_spec`.

    Raises:
        SpecError: One problem per mistake, sorted by position.
    """
    raise_if(data_problems(located, None))  # data built in Python skipped parse()'s checks
    return _validated(model, located)


def _validated(model: type[M], located: Located) -> M:
    """:func:`validate` for data straight from :func:`parse`, which has checked it already."""
    try:
        return model.model_validate(located.data)
    except ValidationError as exc:
        raise SpecError(explained(model, located, exc)) from None


def load(
    path: str | os.PathLike[str], *, limits: Limits | None = None, max_bytes: int | None = None
) -> Journey:
    """Read, parse and validate a journey spec file, and check it against ``limits``.

    Raises:
        SpecError: Anything wrong with the file, each problem located.
    """
    limits = _limits(limits, max_bytes)
    located = read_spec(path, limits=limits)
    return check_journey(_validated(Journey, located), limits, located)


def loads(
    text: bytes | str,
    *,
    filename: str = "<spec>",
    fmt: Format | None = None,
    limits: Limits | None = None,
    max_bytes: int | None = None,
) -> Journey:
    """Parse and validate a journey spec given as text or bytes, and check its limits.

    Raises:
        SpecError: Anything wrong with the spec, each problem located.
    """
    limits = _limits(limits, max_bytes)
    located = parse(text, filename=filename, fmt=fmt, limits=limits)
    return check_journey(_validated(Journey, located), limits, located)


def _limits(limits: Limits | None, max_bytes: int | None) -> Limits:
    limits = limits or Limits()
    return limits if max_bytes is None else replace(limits, max_bytes=max_bytes)


def _decode(text: bytes | str, filename: str, max_bytes: int) -> str:
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise fail(filename, too_big(size, max_bytes))
    source = _utf8(text, filename) if isinstance(text, bytes) else text
    source = source.removeprefix("\ufeff")  # a UTF-8 byte-order mark is harmless
    nul = source.find("\x00")
    if nul >= 0:
        line, col = position(source, nul)
        raise fail(filename, "the file contains a NUL character; is it a text file?", line, col)
    return source


def _utf8(raw: bytes, filename: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(filename, "the file looks like UTF-16; save it as UTF-8", *TOP)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8")  # valid up to the bad byte
        line, col = position(before, len(before))
        message = f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02X}); save it as UTF-8"
        raise fail(filename, message, line, col) from None


def _detect(filename: str, text: str) -> Format:
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "json" if text.lstrip().startswith("{") else "yaml"

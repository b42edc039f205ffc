"""Spec files → plain data that remembers where every value came from, and located errors.

This is the only module that reads spec files. It turns YAML or JSON into plain dicts, lists
and scalars plus the line and column of every node, validates that data against a pydantic
model, and reports every mistake as a :class:`~journeygraphic.errors.Problem` that says
``file:line:col``, the spec path and a sentence a person can act on.

YAML is read through the composer only (never PyYAML's constructors): plain scalars stay
text, so ``NO``, ``on``, ``012`` or ``12:30`` never silently turn into booleans, numbers or
times, and pydantic's lax mode converts ``"true"`` or ``"3"`` where the model wants them.

Every :class:`~journeygraphic.limits.Limits` on input is checked here, before the work it
guards: bytes before reading, depth and the number of values while composing, text length
before validation, the size of the journey (:func:`check_journey`) before layout. Files a
spec refers to are found with :func:`resolve_inside`, which keeps them inside the spec's
folder.
"""

from __future__ import annotations

import difflib
import io
import json
import math
import os
import re
import stat
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import partial
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import (
    Annotated,
    Any,
    Literal,
    NoReturn,
    TypeAlias,
    TypeVar,
    Union,
    get_args,
    get_origin,
)

import yaml
from pydantic import BaseModel, Discriminator, Tag, ValidationError
from pydantic_core import ErrorDetails
from yaml.events import AliasEvent, Event, ScalarEvent, SequenceStartEvent, StreamEndEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from .errors import Problem, SpecError
from .limits import Limits, how_to_raise
from .model import STAGE_KINDS, Journey, Progress, journey_ids
from .safety import defuse_log_commands

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_PROBLEMS",
    "Located",
    "check_journey",
    "check_progress",
    "load",
    "loads",
    "parse",
    "progress_for",
    "read_inside",
    "read_progress",
    "read_raster_icon",
    "read_spec",
    "resolve_inside",
    "validate",
]

MAX_BYTES = Limits.max_bytes  # the defaults, kept for callers of the first API
MAX_DEPTH = Limits.max_depth
MAX_PROBLEMS = 50  # more would bury the first mistakes (and a hostile file can make 100,000)

DataPath: TypeAlias = tuple[str | int, ...]
Position: TypeAlias = tuple[int, int]
Format: TypeAlias = Literal["yaml", "json"]
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

_TOP: Position = (1, 1)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_ECHO_LIMIT = 60
_MESSAGE_LIMIT = 500
_EMPTY = "the file is empty; a journey needs at least a header and phases"
_KIND = "kind"  # the field the model's stage discriminator reads
# Characters that could move the cursor, recolour a terminal or reorder text when echoed.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# A scheme (``https:``, ``file:``) or a network path (``//host``) at the start of a path.
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*:|//)")
# A hex colour left unquoted after a key: YAML reads `` #`` as the start of a comment.
_COLOUR_COMMENT = re.compile(r"^:[ \t]+(#[0-9A-Fa-f]{3,8})\b")
# A JSON string (possibly unterminated) or a bracket: enough to measure nesting before parsing.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)


# --------------------------------------------------------------------------- located data


@dataclass(frozen=True)
class Located:
    """Plain data from a spec, with the position of every value and every mapping key.

    Attributes:
        data: Dicts, lists, str, None, and (from JSON) bool, int and float.
        filename: The file name as the user gave it, used in every problem.
        value_marks: Data path (e.g. ``("phases", 2, "steps", 0, "title")``) → 1-based
            ``(line, col)`` of the value node.
        key_marks: Data path of a mapping entry → ``(line, col)`` of its key.
    """

    data: Any
    filename: str = "<spec>"
    value_marks: Mapping[DataPath, Position] = field(default_factory=dict)
    key_marks: Mapping[DataPath, Position] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> Position:
        """Where ``path`` is written, or its deepest written ancestor.

        Args:
            path: A data path; it need not exist (a missing field is found at its parent).
            key: Prefer the position of the mapping key over that of the value.
        """
        if key and path in self.key_marks:
            return self.key_marks[path]
        for end in range(len(path), -1, -1):
            if path[:end] in self.value_marks:
                return self.value_marks[path[:end]]
        return _TOP

    def problem(self, message: str, path: DataPath = (), *, key: bool = False) -> Problem:
        """A problem located at ``path`` in this spec."""
        line, col = self.locate(path, key=key)
        return Problem(_clip(_escape(message)), _shown(self.filename), line, col, _dotted(path))


# --------------------------------------------------------------------------- public API


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
    return parse(_read_bytes(name, limits.max_bytes), filename=name, limits=limits)


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
        raise _fail(filename, _EMPTY, *_TOP)
    kind = fmt or _detect(filename, source)
    if kind not in ("yaml", "json"):
        raise ValueError(f"fmt must be 'yaml' or 'json', not {kind!r}")
    parser = _parse_json if kind == "json" else _parse_yaml
    located = parser(source, filename, limits)
    _raise_if(_data_problems(located, limits))
    return located


def validate(model: type[M], located: Located) -> M:
    """Validate located data against a pydantic model, locating every error.

    Args:
        model: The model class, e.g. ``Journey`` or ``Theme``.
        located: Data from :func:`parse` or :func:`read_spec`.

    Raises:
        SpecError: One problem per mistake, sorted by position.
    """
    _raise_if(_data_problems(located, None))  # data built in Python skipped parse()'s checks
    return _validated(model, located)


def _validated(model: type[M], located: Located) -> M:
    """:func:`validate` for data straight from :func:`parse`, which has checked it already."""
    try:
        return model.model_validate(located.data)
    except ValidationError as exc:
        issues = [_issue(model, located, err) for err in exc.errors(include_url=False)]
        raise SpecError(_capped([i.problem(located) for i in _prune(issues)])) from None


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


def check_journey(
    journey: Journey, limits: Limits | None = None, located: Located | None = None
) -> Journey:
    """Refuse a journey too big to lay out: too much text, or too many things to draw.

    Run before layout, on journeys from files and from Python alike. Returns ``journey``.

    Args:
        journey: A validated journey.
        limits: ``max_text``, ``max_total_text`` and ``max_steps`` are checked.
        located: The data it was validated from, to locate problems (else paths only).

    Raises:
        SpecError: The first limit exceeded, located at the value that crossed it.
    """
    limits = limits or Limits()
    found = _too_long_text(journey, limits) or _too_much(journey, limits)
    if found is not None:
        path, message = found
        raise SpecError([_at(located, message, path, "<journey>")])
    return journey


# --------------------------------------------------------------------------- progress files


def read_progress(
    path: str | os.PathLike[str], journey: Journey, *, limits: Limits | None = None
) -> Progress:
    """Read a progress file (YAML or JSON) and check its ids against ``journey``.

    A progress file says how far one person has come::

        version: 1
        steps: {az-104: done, az-400-exam: current, az-204: skipped}

    Args:
        path: The file; it is shown in messages exactly as given.
        journey: The journey whose phase, stage and option ids the file may name.
        limits: Bytes, depth and number of values (default: ``Limits()``).

    Raises:
        SpecError: The file is unreadable or invalid, or names an id the journey lacks;
            each problem located at the progress file's line and column.
    """
    limits = limits or Limits()
    name = os.fspath(path)
    raw = _read_bytes(name, limits.max_bytes)
    return loads_progress(raw, journey, filename=name, limits=limits)


def loads_progress(
    text: bytes | str,
    journey: Journey,
    *,
    filename: str = "<progress>",
    limits: Limits | None = None,
) -> Progress:
    """Parse and check progress given as text; see :func:`read_progress`.

    Raises:
        SpecError: Each problem located in ``text``.
    """
    try:
        located = parse(text, filename=filename, limits=limits)
    except SpecError as error:
        raise SpecError([_as_progress(p) for p in error.problems]) from None
    progress = validate(Progress, located)
    return check_progress(progress, journey, located)


def check_progress(
    progress: Progress, journey: Journey, located: Located | None = None
) -> Progress:
    """Refuse progress that names ids ``journey`` does not have. Returns ``progress``.

    Args:
        located: The data ``progress`` was read from, to locate problems at each id.

    Raises:
        SpecError: One problem per unknown id, with a did-you-mean when one is close.
    """
    known = journey_ids(journey)
    problems = []
    for ident in progress.steps:
        if ident not in known:
            message = f"the journey has no phase, step or option with the id {_show(ident)}"
            hint = _did_you_mean(ident, known)
            if not hint:
                hint = "; ids it has: " + ", ".join(known[:12]) if known else "; it has no ids"
            path: DataPath = ("steps", ident)
            problems.append(
                located.problem(message + hint, path, key=True)
                if located is not None
                else Problem(_clip(_escape(message + hint)), "<progress>", path=_dotted(path))
            )
    if problems:
        raise SpecError(_capped(problems))
    return progress


def progress_for(
    journey: Journey, progress: Progress | Mapping[str, str] | None
) -> Progress | None:
    """``progress`` as a checked :class:`Progress`: a mapping (``{"az-104": "done"}``) is
    read as its ``steps``. None stays None.

    Raises:
        SpecError: A state that is not done, current or skipped, two current steps, or
            an id ``journey`` does not have; located by path (``steps.az-104``).
    """
    if progress is None:
        return None
    if not isinstance(progress, Progress):
        progress = validate(Progress, Located({"steps": dict(progress)}, "<progress>"))
    return check_progress(progress, journey)


def _as_progress(problem: Problem) -> Problem:
    """The loader's journey-worded messages about a whole file, reworded for progress."""
    if problem.message == _EMPTY:
        return replace(problem, message="the file is empty; progress needs 'steps:'")
    if problem.message.startswith("the top level must be a mapping"):
        noun = problem.message.rsplit(", not ", 1)[-1]
        message = f"the top level must be a mapping (version:, steps:), not {noun}"
        return replace(problem, message=message)
    return problem


def _limits(limits: Limits | None, max_bytes: int | None) -> Limits:
    limits = limits or Limits()
    return limits if max_bytes is None else replace(limits, max_bytes=max_bytes)


# --------------------------------------------------------------------------- journey size


def _too_long_text(journey: Journey, limits: Limits) -> tuple[DataPath, str] | None:
    sizes: list[int] = []
    _text_sizes(journey, sizes)
    if max(sizes, default=0) <= limits.max_text and sum(sizes) <= limits.max_total_text:
        return None  # the usual case, found without building a path for every text
    total = 0
    for path, text in _model_texts(journey):
        if len(text) > limits.max_text:
            return path, _text_too_long(len(text), limits.max_text)
        total += len(text)
        if total > limits.max_total_text:
            over = f"the journey has over {limits.max_total_text:,} characters of text"
            return path, f"{over}; {how_to_raise('max_total_text')}"
    return None


def _too_much(journey: Journey, limits: Limits) -> tuple[DataPath, str] | None:
    for count, path in enumerate(_drawn(journey), start=1):
        if count > limits.max_steps:
            message = (
                f"the journey has over {limits.max_steps:,} stages, options, list items and "
                f"links to draw; {how_to_raise('max_steps')}"
            )
            return path, message
    return None


def _text_too_long(length: int, limit: int) -> str:
    over = f"this text has {length:,} characters, over the limit of {limit:,}"
    return f"{over}; {how_to_raise('max_text')}"


_PARTS = ("options", "steps", "items", "links")  # the lists whose entries are each drawn


def _drawn(journey: Journey) -> Iterator[DataPath]:
    """The path of everything the layout draws as its own block, in spec order."""
    for p, phase in enumerate(journey.phases):
        yield from _parts(phase, ("phases", p))


def _parts(model: BaseModel, path: DataPath) -> Iterator[DataPath]:
    fields = type(model).model_fields
    for name in _PARTS:
        if name not in fields:  # (pydantic's getattr for a missing name is slow)
            continue
        for index, part in enumerate(getattr(model, name) or ()):
            here = (*path, name, index)
            yield here
            if isinstance(part, BaseModel):
                yield from _parts(part, here)


def _model_texts(value: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """Every text value in a model, with its data path (models nest only a few deep)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _model_texts(getattr(value, name), (*path, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _model_texts(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _model_texts(item, (*path, str(key)))


def _text_sizes(value: Any, sizes: list[int]) -> None:
    """The length of every text value in a model, in :func:`_model_texts` order."""
    if isinstance(value, str):
        sizes.append(len(value))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _text_sizes(getattr(value, name), sizes)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _text_sizes(item, sizes)
    elif isinstance(value, dict):
        for item in value.values():
            _text_sizes(item, sizes)


def _at(located: Located | None, message: str, path: DataPath, file: str = "<spec>") -> Problem:
    """A problem at ``path`` in ``located``, or (from Python) at just the path."""
    if located is not None:
        return located.problem(message, path)
    return Problem(_clip(_escape(message)), file, path=_dotted(path))


# --------------------------------------------------------------------------- confined files


def resolve_inside(
    base_dir: str | os.PathLike[str],
    relative: str,
    *,
    located: Located | None = None,
    path: DataPath = (),
    what: str = "file",
    root: str | os.PathLike[str] | None = None,
) -> Path:
    """The real path of ``relative``, which must name a regular file inside ``base_dir``.

    Use it for every file a spec names (theme files, icons, images): ``..`` and symlinks
    are resolved first, so neither can lead out of the folder tree. Absolute paths, drive
    letters, backslashes, URLs, devices, FIFOs, sockets and folders are refused.

    Args:
        base_dir: The folder ``relative`` is relative to (the spec's folder).
        relative: The path as written in the spec.
        located: The spec the path was written in, to locate problems.
        path: Where in that spec the path was written (e.g. ``("theme",)``).
        what: What the file is, for messages ("theme file", "icon").
        root: The folder the file must stay in or below, when it is wider than
            ``base_dir`` (e.g. a theme extending another from a sub-folder of the spec's).

    Raises:
        SpecError: Located at ``path``: why the file may not be used.
    """

    def fail(message: str) -> SpecError:
        return SpecError([_at(located, message, path)])

    shown = _show(relative)
    why = _path_problem(relative)
    if why is not None:
        raise fail(f"the {what} {shown} {why}")
    try:
        target = (Path(base_dir) / relative).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        raise fail(f"the {what} {shown} cannot be resolved (a symlink loop?)") from None
    if not target.is_relative_to(Path(base_dir if root is None else root).resolve()):
        raise fail(f"the {what} {shown} leads outside the spec's folder; keep it in or below it")
    try:
        mode = target.stat().st_mode
    except OSError:
        raise fail(f"the {what} {shown} does not exist") from None
    if not stat.S_ISREG(mode):
        raise fail(f"the {what} {shown} is {_file_kind(mode)}, not a regular file")
    return target


def read_inside(
    base_dir: str | os.PathLike[str],
    relative: str,
    *,
    max_bytes: int,
    located: Located | None = None,
    path: DataPath = (),
    what: str = "file",
    limit: str = "max_bytes",
) -> bytes:
    """The bytes of a file confined by :func:`resolve_inside`, refused if over ``max_bytes``.

    Args:
        limit: The name of the limit ``max_bytes`` comes from, for the message.

    Raises:
        SpecError: As :func:`resolve_inside`, or the file is too big or unreadable.
    """
    target = resolve_inside(base_dir, relative, located=located, path=path, what=what)
    try:
        return _read_bytes(str(target), max_bytes, limit)
    except SpecError as error:
        raise SpecError([_at(located, error.problems[0].message, path)]) from None


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
    why = _raster_problem(raw, limits)
    if isinstance(why, str):
        raise SpecError([_at(located, f"the icon {_show(relative)} cannot be used: {why}", path)])
    return why


def _raster_problem(raw: bytes, limits: Limits) -> Any:
    """The decoded image, or a sentence saying why it is refused."""
    from PIL import Image

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


# --------------------------------------------------------------------------- bytes and files


def _read_bytes(name: str, max_bytes: int, limit: str = "max_bytes") -> bytes:
    """The bytes of a regular file, refused before reading if it is over ``max_bytes``.

    The file is opened without blocking and checked again once open, so a FIFO or device
    swapped in after the first check can neither hang the read nor be read.
    """
    try:
        _check_regular(name, os.stat(name), max_bytes, limit)
        fd = os.open(name, os.O_RDONLY | _NO_BLOCK | _NO_TTY | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            _check_regular(name, os.fstat(handle.fileno()), max_bytes, limit)
            raw = handle.read(max_bytes + 1)  # the file may have grown since fstat()
    except FileNotFoundError:
        raise _fail(name, "the file does not exist") from None
    except PermissionError:
        raise _fail(name, "the file cannot be read (permission denied)") from None
    except OSError as exc:
        reason = exc.strerror or "input/output error"
        raise _fail(name, f"the file cannot be read ({reason})") from None
    if len(raw) > max_bytes:
        message = f"the file is over the limit of {max_bytes:,} bytes; {how_to_raise(limit)}"
        raise _fail(name, message)
    return raw


_NO_BLOCK = getattr(os, "O_NONBLOCK", 0)
_NO_TTY = getattr(os, "O_NOCTTY", 0)


def _check_regular(name: str, info: os.stat_result, max_bytes: int, limit: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise _fail(name, "this is a folder, not a spec file")
    if not stat.S_ISREG(info.st_mode):
        raise _fail(name, f"this is {_file_kind(info.st_mode)}, not a regular file")
    if info.st_size > max_bytes:
        raise _fail(name, _too_big(info.st_size, max_bytes, limit))


def _file_kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((noun for test, noun in kinds if test(mode)), "not a regular file")


def _path_problem(relative: str) -> str | None:
    """Why a path written in a spec may not be followed, before touching the disk."""
    if not relative.strip():
        return "is empty"
    if _UNSAFE.search(relative):
        return "contains control characters"
    if "\\" in relative:
        return "contains a backslash; write paths with '/'"
    absolute = PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).is_absolute()
    if absolute or PureWindowsPath(relative).drive:
        return "is an absolute path; give a path relative to the spec's folder"
    if _URL.match(relative):
        return "is a URL; only files in the spec's folder can be used, never the network"
    return None


def _decode(text: bytes | str, filename: str, max_bytes: int) -> str:
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise _fail(filename, _too_big(size, max_bytes))
    source = _utf8(text, filename) if isinstance(text, bytes) else text
    source = source.removeprefix("\ufeff")  # a UTF-8 byte-order mark is harmless
    nul = source.find("\x00")
    if nul >= 0:
        line, col = _position(source, nul)
        raise _fail(filename, "the file contains a NUL character; is it a text file?", line, col)
    return source


def _utf8(raw: bytes, filename: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(filename, "the file looks like UTF-16; save it as UTF-8", *_TOP)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8")  # valid up to the bad byte
        line, col = _position(before, len(before))
        message = f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02X}); save it as UTF-8"
        raise _fail(filename, message, line, col) from None


def _too_big(size: int, limit: int, name: str = "max_bytes") -> str:
    over = f"the file is {size:,} bytes, over the limit of {limit:,} bytes"
    return f"{over}; {how_to_raise(name)}"


def _detect(filename: str, text: str) -> Format:
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "json" if text.lstrip().startswith("{") else "yaml"


# --------------------------------------------------------------------------- YAML


class _Composer(yaml.SafeLoader):
    """PyYAML's composer, refusing anchors, aliases and tags, capping depth and size as it goes.

    Refusing at compose time (rather than after) means an alias bomb, a deeply nested
    document or a flood of tiny values never gets expanded, recursed into or built.
    """

    def __init__(self, text: str, filename: str, limits: Limits) -> None:
        super().__init__(text)
        self.filename = filename
        self.limits = limits
        self.paths: list[DataPath] = []  # data path of every node being composed
        self.count = 0  # nodes composed so far, keys included

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event: Event = self.peek_event()  # type: ignore[no-untyped-call]
        path = self._path_of(parent, index)
        self._refuse_features(event, path)
        if len(self.paths) >= self.limits.max_depth:
            self._refuse(event, (), _too_deep(self.limits.max_depth))
        self.count += 1
        if self.count > self.limits.max_nodes:
            self._refuse(event, path, _too_many(self.limits.max_nodes))
        self.paths.append(path)
        try:
            return super().compose_node(parent, index)
        finally:
            self.paths.pop()

    def _path_of(self, parent: Node | None, index: object) -> DataPath:
        if parent is None:
            return ()
        base = self.paths[-1]
        if isinstance(index, int):
            return (*base, index)
        if isinstance(index, ScalarNode):  # composing the value of this key
            return (*base, index.value)
        return base  # composing a key: report it at its mapping

    def _refuse_features(self, event: Event, path: DataPath) -> None:
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            why = "anchors and aliases ('&name', '*name') are not supported; write the value out"
            self._refuse(event, path, why)
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = _show(tag.replace("tag:yaml.org,2002:", "!!"))  # as the user wrote it
            self._refuse(event, path, f"YAML tags such as {shown} are not supported; remove it")

    def _refuse(self, event: Event, path: DataPath, message: str) -> NoReturn:
        line, col = _mark(event.start_mark)
        problem = Problem(_escape(message), _shown(self.filename), line, col, _dotted(path))
        raise SpecError([problem])


class _DiffersError(Exception):
    """The input is where libyaml and PyYAML's own parser disagree: use PyYAML's."""


if yaml.__with_libyaml__:
    from yaml._yaml import CParser as _CParser

    class _CComposer(yaml.composer.Composer, _CParser, yaml.resolver.BaseResolver):
        """A lean composer on libyaml's C parser, many times faster than PyYAML's own.

        Used only for text it reads exactly as PyYAML's parser does (see
        :func:`_libyaml_first`), and it never words an error: anything a spec may not hold
        (anchors, tags, too deep, too many values) or that libyaml reads differently raises
        :class:`_DiffersError`, and the file is read again by :class:`_Composer`. Its marks count
        characters as PyYAML's do, except at the end of a file without a final line break,
        which libyaml puts on a line of its own; ``_scalar`` moves it back.
        """

        def __init__(self, text: str, filename: str, limits: Limits) -> None:
            _CParser.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.BaseResolver.__init__(self)
            self.text = text
            self.max_depth = limits.max_depth
            self.max_nodes = limits.max_nodes
            self.depth = 0  # nodes being composed
            self.count = 0  # nodes composed so far, keys included
            self.end = len(text)
            self.end_column = -1  # PyYAML's column at the end, when no line break ends the text
            if text and text[-1] not in _BREAKS:
                self.end_column = self.end - max(text.rfind(c) for c in _BREAKS) - 1

        def compose_node(self, parent: Node | None, index: object) -> Node | None:
            event: Any = self.peek_event()
            self.count += 1
            refused = event.anchor is not None or event.tag is not None  # AliasEvent: anchor
            if refused or self.depth >= self.max_depth or self.count > self.max_nodes:
                raise _DiffersError
            self.depth += 1
            if event.__class__ is ScalarEvent:
                node: Node = self._scalar(parent)
            elif event.__class__ is SequenceStartEvent:
                node = self.compose_sequence_node(None)  # type: ignore[arg-type]  # no anchor
            else:
                node = self.compose_mapping_node(None)  # type: ignore[arg-type]
            self.depth -= 1
            return node

        def _scalar(self, parent: Node | None) -> ScalarNode:
            event: Any = self.get_event()
            start = event.start_mark
            if start.index == self.end and self.end_column > 0 and start.column == 0:
                start = yaml.Mark("", start.index, start.line - 1, self.end_column, None, 0)
            node = ScalarNode(_STR_TAG, event.value, start, event.end_mark, event.style)
            if self._differs(node, parent):
                raise _DiffersError
            return node

        def _differs(self, node: ScalarNode, parent: Node | None) -> bool:
            if not node.style and getattr(parent, "flow_style", False) is True:
                # In [ ] and { }, libyaml lets '?' into plain text (PyYAML stops there) and
                # places a missing value at the next token (PyYAML: right after the ':').
                return "?" in node.value or not node.value
            if node.style in ("|", ">"):  # libyaml reads '|#' as '|' and a comment
                return _HEADER_COMMENT.match(self.text, node.start_mark.index) is not None
            return False

else:  # pragma: no cover - PyYAML built without libyaml
    _CComposer = None  # type: ignore[assignment,misc]

_ComposerClass: TypeAlias = Callable[[str, str, Limits], Any]
_BREAKS = "\n\r\x85\u2028\u2029"
_STR_TAG = "tag:yaml.org,2002:str"  # tags are refused, so every node's tag goes unread
_HEADER_COMMENT = re.compile(r"[|>][0-9+-]{0,2}#")


class _Builder:
    """Turns composed nodes into plain data, noting positions and collecting problems."""

    def __init__(self, filename: str, text: str) -> None:
        self.filename = filename
        self.text = text
        self.problems_seen = 0
        self.value_marks: dict[DataPath, Position] = {}
        self.key_marks: dict[DataPath, Position] = {}
        self.problems: list[Problem] = []

    def build(self, node: Node, path: DataPath = ()) -> Any:
        self.value_marks[path] = _mark(node.start_mark)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)  # the composer makes only these three kinds
        # Only an unquoted null or empty value is None; everything else written is text.
        return None if _plain(node) and node.value in _NULLS else str(node.value)

    def _mapping(self, node: MappingNode, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                continue
            here = (*path, key)
            if key in result:
                self._duplicate(key, key_node, here)
                continue
            self.key_marks[here] = _mark(key_node.start_mark)
            self._commented_colour(key_node, value_node, here)
            result[key] = self.build(value_node, here)
        return result

    def _commented_colour(self, key: Node, value: Node, path: DataPath) -> None:
        """``fill: #ff0000`` is a key with an empty value and a comment: say so."""
        if not (isinstance(value, ScalarNode) and _plain(value) and value.value == ""):
            return
        end = key.end_mark.index  # characters into the text, from either parser
        rest = self.text[end : end + 40]
        match = _COLOUR_COMMENT.match(rest.split("\n", 1)[0])  # 40 characters: no O(n²)
        if match:
            colour = match.group(1)
            message = (
                f"this value is empty: in YAML ' #' starts a comment, so {_show(colour)} was "
                f'ignored; quote it: "{colour}"'
            )
            self._problem(message, key, path)

    def _key(self, node: Node, path: DataPath) -> str | None:
        if not isinstance(node, ScalarNode):
            self._problem("a key must be plain text, not a list or mapping", node, path)
            return None
        if node.value == "<<" and _plain(node):
            self._problem("merge keys ('<<') are not supported; write the fields out", node, path)
            return None
        return str(node.value)

    def _duplicate(self, key: str, node: Node, path: DataPath) -> None:
        first = self.key_marks[path][0]
        again = _mark(node.start_mark)[0]
        message = f"duplicate key {_show(key)} (first at line {first}, again at line {again})"
        self._problem(message, node, path)

    def _problem(self, message: str, node: Node, path: DataPath) -> None:
        line, col = _mark(node.start_mark)
        self.problems.append(Problem(message, _shown(self.filename), line, col, _dotted(path)))


def _plain(node: ScalarNode) -> bool:
    """Written without quotes or ``|``/``>`` (PyYAML says None, libyaml '')."""
    return not node.style


def _parse_yaml(text: str, filename: str, limits: Limits) -> Located:
    return _libyaml_first(text, lambda kind: _build_yaml(text, filename, limits, kind))


def _libyaml_first(text: str, work: Callable[[_ComposerClass], T]) -> T:
    """``work`` done with libyaml's parser when it reads ``text`` as PyYAML's would, else
    (or when anything is wrong) with PyYAML's, which words and places every error as always.
    """
    # libyaml also takes tabs where PyYAML refuses them; tabs are rare outside quotes.
    if _CComposer is not None and "\t" not in text:
        try:
            return work(_CComposer)
        except (SpecError, yaml.YAMLError, _DiffersError, UnicodeError):  # Unicode: surrogates
            pass  # errors are rare: their messages come from the reference parser below
    return work(_Composer)


def _build_yaml(text: str, filename: str, limits: Limits, composer: _ComposerClass) -> Located:
    root = _compose(text, filename, limits, composer)
    if root is None or (isinstance(root, ScalarNode) and _plain(root) and not root.value):
        raise _fail(filename, _EMPTY, *_TOP)
    if not isinstance(root, MappingNode):
        line, col = _mark(root.start_mark)
        raise _fail(filename, _not_a_mapping(_node_noun(root)), line, col)
    builder = _Builder(filename, text)
    data = builder.build(root)
    _raise_if(builder.problems)
    return Located(data, filename, builder.value_marks, builder.key_marks)


def _compose(
    text: str, filename: str, limits: Limits, kind: _ComposerClass = _Composer
) -> Node | None:
    """The single document in ``text`` as a node tree (None when there is none)."""
    composer: Any = None
    try:
        composer = kind(text, filename, limits)  # the reader checks characters right away
        composer.get_event()  # stream start
        root = None if composer.check_event(StreamEndEvent) else composer.compose_document()
        if not composer.check_event(StreamEndEvent):
            second: Event = composer.get_event()
            line, col = _mark(second.start_mark)
            message = "the file holds more than one YAML document ('---'); keep just one"
            raise _fail(filename, message, line, col)
        return root
    except yaml.YAMLError as exc:
        raise SpecError([_yaml_problem(exc, text, filename)]) from None
    finally:
        if composer is not None:
            composer.dispose()


def _yaml_problem(exc: yaml.YAMLError, text: str, filename: str) -> Problem:
    line, col = _TOP
    message = "this is not valid YAML"
    if isinstance(exc, ReaderError):
        line, col = _position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"the character U+{code:04X} is not allowed in a YAML file"
    elif isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = _mark(mark) if mark is not None else _TOP
        message += f": {exc.problem or exc.context}"
        if exc.problem and exc.context:
            message += f" ({exc.context}{_at_line(exc.context_mark, line)})"
    return Problem(_clip(_escape(message)), _shown(filename), line, col)


def _at_line(mark: Any, line: int) -> str:
    if mark is None or mark.line + 1 == line:
        return ""
    return f" that starts at line {mark.line + 1}"


def _mark(mark: Any) -> Position:
    """A PyYAML mark (0-based) as a 1-based (line, col)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else _TOP


def _node_noun(node: Node) -> str:
    return "a list" if isinstance(node, SequenceNode) else "a single value"


def _not_a_mapping(noun: str) -> str:
    return f"the top level must be a mapping of fields (header:, phases: …), not {noun}"


def _too_deep(limit: int) -> str:
    return f"the data is nested more than {limit} levels deep; {how_to_raise('max_depth')}"


def _too_many(limit: int) -> str:
    return f"the file holds more than {limit:,} values; {how_to_raise('max_nodes')}"


# --------------------------------------------------------------------------- JSON


@dataclass(frozen=True)
class _BadNumber:
    """Stands in for NaN, ±Infinity or an absurdly long number so it can be located later."""

    text: str


def _parse_json(text: str, filename: str, limits: Limits) -> Located:
    too_deep = _json_too_deep(text, limits.max_depth)
    if too_deep is not None:
        line, col = _position(text, too_deep)
        raise _fail(filename, _too_deep(limits.max_depth), line, col)
    duplicates: list[str] = []
    try:
        data = json.loads(
            text,
            object_pairs_hook=partial(_json_object, duplicates),
            parse_constant=_BadNumber,
            parse_float=_json_float,
            parse_int=_json_int,
        )
    except json.JSONDecodeError as exc:
        message = _escape(f"this is not valid JSON: {exc.msg}")
        raise SpecError([Problem(message, _shown(filename), exc.lineno, exc.colno)]) from None
    if _count_nodes(data) > limits.max_nodes:  # before the slower pass that finds positions
        raise _fail(filename, _too_many(limits.max_nodes), *_TOP)
    located, found = _locate_json(data, text, filename, limits)
    if not isinstance(data, dict):
        raise _fail(filename, _not_a_mapping(_json_noun(data)), *located.locate(()))
    _raise_if(_json_duplicates(duplicates, found, located))
    return located


def _json_too_deep(text: str, limit: int) -> int | None:
    """Index of the first bracket nested deeper than ``limit`` (json would recurse on it)."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        if token.group() in "[{":
            depth += 1
            if depth > limit:
                return token.start()
        elif token.group() in "]}":
            depth -= 1
    return None


def _json_object(duplicates: list[str], pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            duplicates.append(key)
        result[key] = value
    return result


def _json_float(text: str) -> float | _BadNumber:
    value = float(text)
    return value if math.isfinite(value) else _BadNumber(text)  # 1e999 is infinity


def _json_int(text: str) -> int | _BadNumber:
    # Python refuses to convert very long digit strings; no spec needs one.
    return int(text) if len(text) <= 100 else _BadNumber(text)


def _count_nodes(data: Any) -> int:
    """Values in parsed JSON, keys included, counted the way the YAML composer counts."""
    if isinstance(data, dict):
        return 1 + len(data) + sum(_count_nodes(value) for value in data.values())
    if isinstance(data, list):
        return 1 + sum(_count_nodes(value) for value in data)
    return 1


def _locate_json(
    data: Any, text: str, filename: str, limits: Limits
) -> tuple[Located, list[Problem]]:
    """Positions for JSON data, found by composing the same text as YAML.

    JSON is nearly a subset of YAML, so this usually yields every position (and, for
    duplicate keys, both lines). It must never make a valid spec fail, so when it cannot
    finish, everything is located at the top of the file instead.
    """
    try:
        # Valid JSON has tabs only between tokens, where YAML refuses them; a space keeps
        # every column where it was.
        spaced = text.replace("\t", " ")
        root = _libyaml_first(spaced, lambda kind: _compose(spaced, filename, limits, kind))
        builder = _Builder(filename, spaced)
        if root is not None:
            builder.build(root)
    except Exception:  # positions are a nicety: valid JSON must load even if this fails
        return Located(data, filename, {(): _TOP}, {}), []
    return Located(data, filename, builder.value_marks, builder.key_marks), builder.problems


def _json_duplicates(keys: list[str], found: list[Problem], located: Located) -> list[Problem]:
    if not keys:
        return []
    if found:
        return found
    line, col = located.locate(())
    return [Problem(f"duplicate key {_show(k)}", _shown(located.filename), line, col) for k in keys]


def _json_noun(data: Any) -> str:
    return "a list" if isinstance(data, list) else "a single value"


# --------------------------------------------------------------------------- data checks


def _data_problems(located: Located, limits: Limits | None) -> list[Problem]:
    """Values no spec may hold: NaN/Infinity, unpaired surrogates, text over ``limits``.

    Surrogates are refused before pydantic sees them: its errors cannot carry them.
    """
    if _clean(located.data, math.inf if limits is None else limits.max_text):
        return []  # the usual case, found without building a path for every value
    problems: list[Problem] = []
    for path, value in _walk(located.data):
        key = path[-1] if path and isinstance(path[-1], str) else None
        if key is not None and _SURROGATE.search(key):
            message = "this key contains an unpaired surrogate (U+D800–U+DFFF)"
            problems.append(located.problem(message, path, key=True))
        if limits is not None and key is not None and len(key) > limits.max_text:
            problems.append(located.problem(_text_too_long(len(key), limits.max_text), path))
        if isinstance(value, str) and _SURROGATE.search(value):
            message = "this text contains an unpaired surrogate (U+D800–U+DFFF)"
            problems.append(located.problem(message, path))
        if limits is not None and isinstance(value, str) and len(value) > limits.max_text:
            problems.append(located.problem(_text_too_long(len(value), limits.max_text), path))
        if isinstance(value, _BadNumber):
            message = f"{_show(value.text)} is not a number a spec can use; write a finite number"
            problems.append(located.problem(message, path))
    return problems


def _clean(data: Any, max_text: float) -> bool:
    """True when :func:`_data_problems` would find nothing in ``data``."""
    if isinstance(data, str):
        return len(data) <= max_text and _SURROGATE.search(data) is None
    if isinstance(data, dict):
        return all(_clean(key, max_text) and _clean(v, max_text) for key, v in data.items())
    if isinstance(data, list):
        return all(_clean(value, max_text) for value in data)
    return not isinstance(data, _BadNumber)


def _walk(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, Any]]:
    # Recursion is safe: both parsers cap nesting at Limits.max_depth (at most 200).
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, (*path, index))


# --------------------------------------------------------------------------- validation errors


@dataclass(frozen=True)
class _Resolved:
    """Where a pydantic ``loc`` points, both in the data and in the model."""

    path: DataPath  # the loc without union labels: a path into the data
    owner: type[BaseModel] | None  # the model whose field the last loc element names
    annotation: Any  # the (unwrapped) type at the end of the loc
    choice: tuple[DataPath, str] | None  # first smart-union branch taken: (data path, label)


@dataclass(frozen=True)
class _Issue:
    """One pydantic error, explained and located."""

    kind: str
    path: DataPath
    message: str
    value: Any
    choice: tuple[DataPath, str] | None
    expected: str | None  # set for a plain type mismatch at ``path``
    key: bool = False  # located at the key rather than the value
    shown_path: DataPath | None = None
    suggestion: str | None = None  # for an unknown field: the allowed name it resembles

    def problem(self, located: Located) -> Problem:
        problem = located.problem(self.message, self.path, key=self.key)
        if self.shown_path is not None:
            problem.path = _dotted(self.shown_path)
        return problem


def _issue(model: type[BaseModel], located: Located, err: ErrorDetails) -> _Issue:
    resolved = _resolve(model, tuple(err["loc"]))
    kind = err["type"]
    explain = _EXPLAIN.get(kind, _explain_default)
    expected = _EXPECTED.get(kind)
    path, shown, key, suggestion = resolved.path, None, False, None
    if kind == "missing":
        shown = path[:-1]  # the message names the field; point at its parent mapping
    elif kind == "extra_forbidden":
        key = True
        suggestion = _closest(str(path[-1]), _field_names(resolved.owner)) if path else None
    elif kind in _KIND_ERRORS and isinstance(err["input"], dict) and _KIND in err["input"]:
        path = (*path, _KIND)
    return _Issue(
        kind=kind,
        path=path,
        message=explain(err, resolved),
        value=err["input"],
        choice=resolved.choice,
        expected=expected,
        key=key,
        shown_path=shown,
        suggestion=suggestion,
    )


def _resolve(model: type[BaseModel], loc: tuple[str | int, ...]) -> _Resolved:
    """Walk ``loc`` through the model's types so union labels can be told from data keys."""
    annotation: Any = model
    owner: type[BaseModel] | None = None
    path: list[str | int] = []
    choice: tuple[DataPath, str] | None = None
    for part in loc:
        annotation, tagged = _unwrap(annotation)
        members = _union_members(annotation)
        if members and isinstance(part, str):  # a label naming the union branch taken
            if choice is None and not tagged:
                choice = (tuple(path), part)
            annotation = _branch(members, part)
            continue
        path.append(part)
        owner, annotation = _step(annotation, part)
    return _Resolved(tuple(path), owner, _unwrap(annotation)[0], choice)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """Strip ``Annotated`` and ``| None``; also say whether a discriminator was seen."""
    tagged = False
    while True:
        if get_origin(annotation) is Annotated:
            base, *metadata = get_args(annotation)
            tagged = tagged or any(isinstance(m, Discriminator) for m in metadata)
            annotation = base
            continue
        members = _union_members(annotation)
        real = [m for m in members if m is not type(None)]
        if members and len(real) == 1:
            annotation = real[0]
            continue
        return annotation, tagged


def _union_members(annotation: Any) -> tuple[Any, ...]:
    return get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else ()


def _branch(members: tuple[Any, ...], label: str) -> Any:
    """The union member a pydantic loc label names: a Tag, a class name, else a non-model."""
    for member in members:
        if _tag_of(member) == label or getattr(_unwrap(member)[0], "__name__", None) == label:
            return member
    plain = [m for m in members if not _is_model(_unwrap(m)[0]) and m is not type(None)]
    return plain[0] if plain else Any  # e.g. 'function-after[_clean_text(), constrained-str]'


def _step(annotation: Any, part: str | int) -> tuple[type[BaseModel] | None, Any]:
    """(model owning ``part``, type of the value at ``part``) one loc element further."""
    if _is_model(annotation) and isinstance(part, str):
        field = annotation.model_fields.get(part)
        if field is None:
            return annotation, Any
        # A field whose model is built on first use (a spec's inline theme) names its type.
        lazy = [m.lazy_annotation for m in field.metadata if hasattr(m, "lazy_annotation")]
        return annotation, lazy[0]() if lazy else field.annotation
    args = get_args(annotation)
    if get_origin(annotation) in (list, tuple, set, frozenset) and args:
        return None, args[0]
    if get_origin(annotation) is dict and len(args) == 2:
        return None, args[1]
    return None, Any


def _tag_of(member: Any) -> str | None:
    if get_origin(member) is not Annotated:
        return None
    tags = [m.tag for m in get_args(member)[1:] if isinstance(m, Tag)]
    return tags[0] if tags else None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _prune(issues: list[_Issue]) -> list[_Issue]:
    """Keep only the useful branch of each smart union (e.g. "text or an entry").

    Pydantic reports one error per union member. A member that failed only because the value
    has the wrong type says nothing useful when another member got further; when every member
    failed that way, one sentence lists what would have been accepted.
    """
    groups: dict[DataPath, dict[str, list[_Issue]]] = {}
    kept: list[_Issue] = []
    for issue in issues:
        if issue.choice is None:
            kept.append(issue)
        else:
            where, label = issue.choice
            groups.setdefault(where, {}).setdefault(label, []).append(issue)
    for where, branches in groups.items():
        kept += _best_branches(where, branches)
    return _without_typo_twins(kept)


def _without_typo_twins(issues: list[_Issue]) -> list[_Issue]:
    """A misspelt required field is both unknown and missing; report it once, as the typo."""
    meant = {(*i.path[:-1], i.suggestion) for i in issues if i.suggestion is not None}
    return [i for i in issues if not (i.kind == "missing" and i.path in meant)]


def _best_branches(where: DataPath, branches: dict[str, list[_Issue]]) -> list[_Issue]:
    def wrong_type(issue: _Issue) -> bool:
        return issue.expected is not None and issue.path == where

    useful = [issues for issues in branches.values() if not all(map(wrong_type, issues))]
    if useful or len(branches) == 1:
        return [i for issues in (useful or branches.values()) for i in issues]
    first = next(iter(branches.values()))[0]
    names = list(dict.fromkeys(i.expected for b in branches.values() for i in b if i.expected))
    message = f"expected {' or '.join(names)} here, got {_describe(first.value)}"
    return [_Issue("union", where, message, first.value, None, None)]


# --------------------------------------------------------------------------- messages

Explain: TypeAlias = Callable[[ErrorDetails, _Resolved], str]

_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "none_required": "nothing",
}
_KIND_ERRORS = frozenset({"unknown_kind", "union_tag_invalid", "union_tag_not_found"})
_BOUNDS = {
    "greater_than": ("must be more than", "gt"),
    "greater_than_equal": ("must be at least", "ge"),
    "less_than": ("must be less than", "lt"),
    "less_than_equal": ("must be at most", "le"),
    "multiple_of": ("must be a multiple of", "multiple_of"),
}


def _explain_default(err: ErrorDetails, resolved: _Resolved) -> str:
    kind = err["type"]
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]} here, got {_describe(err['input'])}"
    if kind in _BOUNDS:
        words, bound = _BOUNDS[kind]
        return f"{words} {_ctx(err, bound)}, got {_describe(err['input'])}"
    return err["msg"]


def _explain_extra(err: ErrorDetails, resolved: _Resolved) -> str:
    name = str(resolved.path[-1]) if resolved.path else ""
    allowed = _field_names(resolved.owner)
    text = f"unknown field {_show(name)}"
    hint = _did_you_mean(name, allowed)
    if not allowed:
        return text + hint
    return text + (f"{hint} Allowed here: " if hint else "; allowed here: ") + ", ".join(allowed)


def _explain_missing(err: ErrorDetails, resolved: _Resolved) -> str:
    return f"missing required field {_show(str(resolved.path[-1]) if resolved.path else '')}"


def _explain_kind(err: ErrorDetails, resolved: _Resolved) -> str:
    value = err["input"]
    kinds = [t for t in map(_tag_of, _union_members(resolved.annotation)) if t]
    use = f"use one of: {', '.join(kinds)}"
    if not isinstance(value, dict):
        return f"expected a mapping of fields here, got {_describe(value)}"
    kind = value.get(_KIND)
    if not isinstance(kind, str):
        return f"the kind must be text, got {_describe(kind)}; {use}"
    if err["type"] == "unknown_kind" or kind not in STAGE_KINDS:
        return f"unknown kind {_show(kind)}; {use}{_did_you_mean(kind, kinds)}"
    # A real kind in the wrong place: there is no spelling to suggest.
    return f"kind {_show(kind)} is not allowed here, only directly in a phase; {use}"


def _explain_choice(err: ErrorDetails, resolved: _Resolved) -> str:
    value = err["input"]
    options = _allowed_values(resolved.annotation) or [_ctx(err, "expected")]
    use = f"use one of: {', '.join(options)}"
    if isinstance(value, (dict, list)):
        return f"expected one value here, got {_describe(value)}; {use}"
    shown = _show(value) if isinstance(value, str) else str(value)
    return f"{shown} is not allowed; {use}{_did_you_mean(str(value), options)}"


def _explain_value(err: ErrorDetails, resolved: _Resolved) -> str:
    # Our validators raise ValueError with a sentence; pydantic only adds a prefix.
    return err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _explain_size(err: ErrorDetails, resolved: _Resolved) -> str:
    value = err["input"]
    count = len(value) if isinstance(value, (list, dict, str)) else 0
    if err["type"] == "too_short":
        return f"needs at least {_items(int(_ctx(err, 'min_length')))}, has {count}"
    return f"takes at most {_items(int(_ctx(err, 'max_length')))}, has {count}"


def _explain_text_size(err: ErrorDetails, resolved: _Resolved) -> str:
    length = len(err["input"]) if isinstance(err["input"], str) else 0
    if err["type"] == "string_too_short":
        return f"text needs at least {_ctx(err, 'min_length')} characters, has {length}"
    return f"text is too long ({length:,} characters); the limit is {_ctx(err, 'max_length')}"


def _explain_pattern(err: ErrorDetails, resolved: _Resolved) -> str:
    return f"{_show(err['input'])} does not have the required form ({_ctx(err, 'pattern')})"


_EXPLAIN: dict[str, Explain] = {
    "extra_forbidden": _explain_extra,
    "missing": _explain_missing,
    "unknown_kind": _explain_kind,
    "union_tag_invalid": _explain_kind,
    "union_tag_not_found": _explain_kind,
    "literal_error": _explain_choice,
    "enum": _explain_choice,
    "value_error": _explain_value,
    "assertion_error": _explain_value,
    "too_short": _explain_size,
    "too_long": _explain_size,
    "string_too_short": _explain_text_size,
    "string_too_long": _explain_text_size,
    "string_pattern_mismatch": _explain_pattern,
}


def _allowed_values(annotation: Any) -> list[str]:
    if get_origin(annotation) is Literal:
        return [str(arg) for arg in get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    return []


def _ctx(err: ErrorDetails, name: str) -> str:
    return str(err.get("ctx", {}).get(name, "?"))


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _did_you_mean(word: str, options: list[str]) -> str:
    close = _closest(word, options)
    return f"; did you mean {_show(close)}?" if close else ""


def _closest(word: str, options: list[str]) -> str | None:
    """The option ``word`` most likely misspells, if any."""
    lowered = {o.lower(): o for o in options if o != word}
    if word.lower() in lowered:  # 'Title' → 'title', however short
        return lowered[word.lower()]
    close = difflib.get_close_matches(word, [o for o in options if o != word], n=1, cutoff=0.6)
    return close[0] if close else None


def _field_names(owner: type[BaseModel] | None) -> list[str]:
    return sorted(owner.model_fields) if owner else []


def _describe(value: Any) -> str:
    """A value as it would be named in a sentence: "a list", "the number 3", "text 'x'"."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {_show(value)}"
    return f"a {type(value).__name__}"


# --------------------------------------------------------------------------- small helpers


def _show(text: str) -> str:
    """User text quoted for a message: escaped, and cut to a readable length."""
    cut = text if len(text) <= _ECHO_LIMIT else text[: _ECHO_LIMIT - 1] + "…"
    return f"'{_escape(cut)}'"


def _escape(text: str) -> str:
    """Control, bidi and surrogate characters as ``\\uXXXX``, CI log commands defused."""
    return defuse_log_commands(_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def _clip(message: str) -> str:
    return message if len(message) <= _MESSAGE_LIMIT else message[: _MESSAGE_LIMIT - 1] + "…"


def _shown(filename: str) -> str:
    # A name starting with '::' would open each error line and read as a CI log command.
    name = _escape(filename)
    return f"./{name}" if name.startswith("::") else name


def _dotted(path: DataPath) -> str:
    """``("phases", 2, "steps", 0, "title")`` → ``phases[2].steps[0].title``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            shown = _escape(part if len(part) <= _ECHO_LIMIT else part[: _ECHO_LIMIT - 1] + "…")
            text += f".{shown}" if text else shown
    return text


def _position(text: str, index: int) -> Position:
    """1-based (line, col) of character ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _fail(
    filename: str, message: str, line: int | None = None, col: int | None = None
) -> SpecError:
    return SpecError([Problem(_escape(message), _shown(filename), line, col)])


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise SpecError(_capped(problems))


def _capped(problems: list[Problem]) -> list[Problem]:
    """Sorted problems, at most MAX_PROBLEMS: a hostile file must not flood the terminal."""
    ordered = _sorted(problems)
    if len(ordered) <= MAX_PROBLEMS:
        return ordered
    kept = ordered[: MAX_PROBLEMS - 1]
    rest = len(ordered) - len(kept)
    kept.append(Problem(f"… and {rest:,} more problems not shown", kept[-1].file))
    return kept


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.col or 0, p.path, p.message))

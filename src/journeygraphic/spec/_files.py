"""Safe reads, and the one confinement rule for every file a spec or theme names.

:func:`read_bytes` reads a regular file, refusing it before reading when it is too big, and
never blocking on a FIFO or device. :func:`confine` is the single place that decides whether
a path written in a spec (a theme file, an icon; later fonts and logos) may be followed:
``..`` and symlinks are resolved first, so neither can lead out of the folder tree.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Literal

from ..errors import SpecError
from ..limits import how_to_raise
from ..safety import UNSAFE
from ._located import DataPath, Located, at, fail, show

# A scheme (``https:``, ``file:``) or a network path (``//host``) at the start of a path.
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*:|//)")


def read_bytes(name: str, max_bytes: int, limit: str = "max_bytes") -> bytes:
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
        raise fail(name, "the file does not exist") from None
    except PermissionError:
        raise fail(name, "the file cannot be read (permission denied)") from None
    except OSError as exc:
        reason = exc.strerror or "input/output error"
        raise fail(name, f"the file cannot be read ({reason})") from None
    if len(raw) > max_bytes:
        message = f"the file is over the limit of {max_bytes:,} bytes; {how_to_raise(limit)}"
        raise fail(name, message)
    return raw


_NO_BLOCK = getattr(os, "O_NONBLOCK", 0)


_NO_TTY = getattr(os, "O_NOCTTY", 0)


def _check_regular(name: str, info: os.stat_result, max_bytes: int, limit: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise fail(name, "this is a folder, not a spec file")
    if not stat.S_ISREG(info.st_mode):
        raise fail(name, f"this is {file_kind(info.st_mode)}, not a regular file")
    if info.st_size > max_bytes:
        raise fail(name, too_big(info.st_size, max_bytes, limit))


def file_kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((noun for test, noun in kinds if test(mode)), "not a regular file")


def too_big(size: int, limit: int, name: str = "max_bytes") -> str:
    over = f"the file is {size:,} bytes, over the limit of {limit:,} bytes"
    return f"{over}; {how_to_raise(name)}"


def path_problem(relative: str) -> str | None:
    """Why a path written in a spec may not be followed, before touching the disk."""
    if not relative.strip():
        return "is empty"
    if UNSAFE.search(relative):
        return "contains control characters"
    if "\\" in relative:
        return "contains a backslash; write paths with '/'"
    absolute = PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).is_absolute()
    if absolute or PureWindowsPath(relative).drive:
        return "is an absolute path; give a path relative to the spec's folder"
    if _URL.match(relative):
        return "is a URL; only files in the spec's folder can be used, never the network"
    return None


Refusal = Literal["path", "loop", "outside", "missing", "irregular"]


@dataclass(frozen=True)
class Refused:
    """Why :func:`confine` will not follow a path: ``kind`` for callers that word the
    sentence themselves, and ``why``, the end of the sentence :func:`resolve_inside` says."""

    kind: Refusal
    why: str


def confine(
    base_dir: str | os.PathLike[str], relative: str, root: str | os.PathLike[str] | None = None
) -> Path | Refused:
    """The real path of ``relative`` if it names a regular file inside ``root``, else why not.

    The one confinement rule for every file a spec or theme names (theme files, icons; later
    fonts and logos): ``..`` and symlinks are resolved before judging; absolute paths, drive
    letters, backslashes, URLs, devices, FIFOs, sockets and folders are refused.

    Args:
        base_dir: The folder ``relative`` is relative to (the spec's folder).
        relative: The path as written.
        root: The folder the file must stay in or below (default ``base_dir``).
    """
    why = path_problem(relative)
    if why is not None:
        return Refused("path", why)
    try:
        target = (Path(base_dir) / relative).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return Refused("loop", "cannot be resolved (a symlink loop?)")
    if not target.is_relative_to(Path(base_dir if root is None else root).resolve()):
        return Refused("outside", "leads outside the spec's folder; keep it in or below it")
    try:
        mode = target.stat().st_mode
    except OSError:
        return Refused("missing", "does not exist")
    if not stat.S_ISREG(mode):
        return Refused("irregular", f"is {file_kind(mode)}, not a regular file")
    return target


def resolve_inside(
    base_dir: str | os.PathLike[str],
    relative: str,
    *,
    located: Located | None = None,
    path: DataPath = (),
    what: str = "file",
    root: str | os.PathLike[str] | None = None,
) -> Path:
    """:func:`confine`, with a refusal raised as a problem located at ``path``.

    Args:
        located: The spec the path was written in, to locate problems.
        path: Where in that spec the path was written (e.g. ``("theme",)``).
        what: What the file is, for messages ("theme file", "icon").

    Raises:
        SpecError: Located at ``path``: why the file may not be used.
    """
    found = confine(base_dir, relative, root)
    if isinstance(found, Refused):
        raise SpecError([at(located, f"the {what} {show(relative)} {found.why}", path)])
    return found


def read_inside(
    base_dir: str | os.PathLike[str],
    relative: str,
    *,
    max_bytes: int,
    located: Located | None = None,
    path: DataPath = (),
    what: str = "file",
    limit: str = "max_bytes",
    root: str | os.PathLike[str] | None = None,
) -> bytes:
    """The bytes of a file confined by :func:`resolve_inside`, refused if over ``max_bytes``.

    Args:
        limit: The name of the limit ``max_bytes`` comes from, for the message.
        root: The folder the file must stay in or below (default ``base_dir``).

    Raises:
        SpecError: As :func:`resolve_inside`, or the file is too big or unreadable.
    """
    target = resolve_inside(base_dir, relative, located=located, path=path, what=what, root=root)
    try:
        return read_bytes(str(target), max_bytes, limit)
    except SpecError as error:
        raise SpecError([at(located, error.problems[0].message, path)]) from None

"""Many specs at once: finding inputs, naming outputs, rendering (in parallel), reporting.

The command line parses its arguments into a :class:`Batch`; this module does the rest.
Each spec is one job: it is read, validated and themed once, then rendered to every asked
format. Jobs run in worker processes when a batch is large, and their outcomes are
reported in input order, so what is printed and written does not depend on timing.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
import traceback
import warnings as warnings_module
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from ._pipeline import Prepared, draw, prepare
from ._shortcuts import ShortcutWarning
from .backends import FORMATS
from .contrast import failures
from .errors import LayoutWarning, RenderError, SpecError, ThemeWarning
from .fonts import MissingGlyphWarning
from .model import Journey
from .options import RenderOptions
from .safety import terminal_safe
from .spec import parse, read_spec, validate
from .tokens import Theme

EXIT_OK = 0
EXIT_STALE = 1
EXIT_INVALID = 2
EXIT_INTERNAL = 3

SPEC_SUFFIXES = (".yaml", ".yml", ".json")
PARALLEL_FROM = 8  # renders; below this, starting processes costs more than it saves
STDOUT = "-"

WRITTEN = "written"
UNCHANGED = "unchanged"
STALE = "stale"
MISSING = "missing"


class UsageError(Exception):
    """A command-line mistake found after parsing (e.g. a format we cannot guess)."""


@dataclass(frozen=True)
class Job:
    """One spec and the files to make from it: ``(format, target)`` pairs; none to validate.

    ``text`` holds the spec's bytes when it was read from stdin; ``spec`` then only names it.
    """

    spec: str
    targets: tuple[tuple[str, str], ...] = ()
    text: bytes | None = None


@dataclass(frozen=True)
class Outcome:
    """What became of one job: each target's status, or the error that stopped it."""

    spec: str
    statuses: tuple[tuple[str, str], ...] = ()
    error: str = ""
    code: int = EXIT_OK
    warnings: tuple[str, ...] = ()
    trace: str = ""


# --------------------------------------------------------------------------- inputs


def expand(inputs: Sequence[str]) -> list[str]:
    """The spec files named by ``inputs``: files, folders and glob patterns, in order.

    A folder gives its ``*.yaml``, ``*.yml`` and ``*.json`` files, not those of its
    subfolders (use a ``**`` pattern for that), sorted by name; hidden files are skipped.
    A pattern gives the files it matches, sorted. A file named twice is rendered once.

    Raises:
        UsageError: A folder holds no spec, or a pattern matches no file.
    """
    found: dict[str, str] = {}
    for given in inputs:
        for spec in _expand_one(given):
            found.setdefault(os.path.realpath(spec), spec)
    return list(found.values())


def _expand_one(given: str) -> list[str]:
    path = Path(given)
    if path.is_dir():
        specs = sorted(
            str(child)
            for child in path.iterdir()
            if child.suffix.lower() in SPEC_SUFFIXES
            and not child.name.startswith(".")
            and child.is_file()
        )
        if not specs:
            raise UsageError(f"the folder '{given}' holds no *.yaml, *.yml or *.json spec")
        return specs
    if _is_pattern(given):
        matches = sorted(m for m in glob.glob(given, recursive=True) if Path(m).is_file())
        if not matches:
            raise UsageError(f"no file matches '{given}'")
        return matches
    return [given]  # a missing file is reported, located, when it is read


def is_batch(inputs: Sequence[str], output: str | None) -> bool:
    """True unless ``inputs`` is one spec file and ``output`` is not a folder."""
    if len(inputs) != 1:
        return True
    given = Path(inputs[0])
    if given.is_dir() or _is_pattern(inputs[0]):
        return True
    if output is None or output == STDOUT:
        return False
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def _is_pattern(given: str) -> bool:
    return glob.has_magic(given) and not Path(given).exists()


# --------------------------------------------------------------------------- outputs


def plan_one(spec: str, formats: Sequence[str], output: str | None) -> Job:
    """The job for the single-file form: ``SPEC [-o FILE|-]``.

    The format comes from ``formats``, else from the output's extension, else SVG; with
    no output each format is written into the current folder as ``<stem>.<format>``.
    """
    if output is None:
        return Job(spec, tuple((fmt, f"{Path(spec).stem}.{fmt}") for fmt in formats or ["svg"]))
    if len(formats) > 1:
        raise UsageError(
            f"{len(formats)} formats cannot go into one file '{output}'; "
            "give -o a folder (ending in '/') or one --format"
        )
    return Job(spec, ((formats[0] if formats else _format_of(output), output),))


def _format_of(output: str) -> str:
    if output == STDOUT:
        return "svg"
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise UsageError(
        f"cannot tell the format from '{output}'; name it "
        + ", ".join(f".{fmt}" for fmt in FORMATS)
        + ", or pass --format"
    )


def plan_batch(specs: Sequence[str], formats: Sequence[str], folder: str) -> list[Job]:
    """One job per spec, writing ``<folder>/<stem>.<format>`` for each format.

    Raises:
        UsageError: Two specs share a stem, so their pictures would overwrite each other.
    """
    formats = list(formats) or ["svg"]
    owners: dict[str, str] = {}
    for spec in specs:
        stem = Path(spec).stem
        if stem in owners:
            raise UsageError(
                f"'{owners[stem]}' and '{spec}' would both be written to "
                f"'{Path(folder) / stem}.*'; rename one or render them into different folders"
            )
        owners[stem] = spec
    return [
        Job(spec, tuple((fmt, str(Path(folder) / f"{Path(spec).stem}.{fmt}")) for fmt in formats))
        for spec in specs
    ]


def output_folder(output: str | None, *, create: bool) -> str:
    """The folder a batch writes into: ``output`` (created if missing) or the current one.

    Raises:
        UsageError: ``output`` is stdout or an existing file.
    """
    if output == STDOUT:
        raise UsageError("-o - writes one spec in one format; give -o a folder for several")
    folder = output or "."
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise UsageError(f"-o '{folder}' is a file; several pictures need a folder")
    if create and not path.exists():
        path.mkdir(parents=True)
    return folder


# --------------------------------------------------------------------------- one job


def load_checked(
    spec: str, options: RenderOptions, warnings: list[str], text: bytes | None = None
) -> Prepared:
    """Read, validate and prepare one spec (theme, progress), with no layout: all that
    ``validate`` does. With ``text`` (stdin's bytes) nothing is read and ``spec`` names it.

    Raises:
        SpecError: The spec, its theme (including contrast) or the progress file is wrong,
            each problem located.
    """
    if text is None:
        located = read_spec(spec, limits=options.limits)
    else:
        located = parse(text, filename=spec, limits=options.limits)
    prepared = prepare(validate(Journey, located), options, source=located)
    if options.accept_low_contrast:
        warnings.extend(_contrast_warnings(prepared.theme))
    return prepared


def _contrast_warnings(theme: Theme) -> Iterator[str]:
    for finding in failures(theme):
        yield f"warning: low contrast accepted: {finding.sentence()}"


def run_job(job: Job, options: RenderOptions, check: bool) -> Outcome:
    """Render ``job`` and store (or, with ``check``, compare) each picture; never raises.

    Every picture of a spec is rendered before any is written, so a spec that fails
    leaves all its old files untouched.
    """
    warnings: list[str] = []
    statuses: list[tuple[str, str]] = []
    try:
        pictures = _render_job(job, options, warnings)
        for target, data in pictures:
            statuses.append((target, store(target, data, check=check)))
    except BrokenPipeError:
        raise  # stdout's reader went away: the command line ends quietly
    except (SpecError, RenderError, UsageError, OSError) as error:
        message, code, trace = _message(job.spec, error), EXIT_INVALID, ""
    except Exception as error:
        message = f"internal error: {type(error).__name__}: {error} (rendering {job.spec})"
        code, trace = EXIT_INTERNAL, traceback.format_exc()
    else:
        return Outcome(job.spec, tuple(statuses), warnings=tuple(warnings))
    return Outcome(job.spec, tuple(statuses), message, code, tuple(warnings), trace)


def _render_job(job: Job, options: RenderOptions, warnings: list[str]) -> list[tuple[str, bytes]]:
    with warnings_module.catch_warnings(record=True) as caught:  # preparing measures too
        warnings_module.simplefilter("always", MissingGlyphWarning)
        warnings_module.simplefilter("always", LayoutWarning)
        warnings_module.simplefilter("always", ThemeWarning)
        prepared = load_checked(job.spec, options, warnings, job.text)
        pictures = [(target, draw(prepared, fmt)) for fmt, target in job.targets]
    warnings.extend(_glyph_warnings(job.spec, caught))
    return pictures


def _glyph_warnings(spec: str, caught: Iterable[warnings_module.WarningMessage]) -> list[str]:
    """One 'warning:' line per distinct missing-glyph, layout (or failed-shortcut) message,
    in the order first seen."""
    lines = [
        f"warning: {spec}: {item.message}"
        for item in caught
        if issubclass(
            item.category, (MissingGlyphWarning, LayoutWarning, ShortcutWarning, ThemeWarning)
        )
    ]
    return list(dict.fromkeys(lines))


def _message(spec: str, error: Exception) -> str:
    if isinstance(error, SpecError):
        return str(error)  # already says file:line:col
    return f"error: {spec}: {error}"


def store(target: str, data: bytes, *, check: bool = False) -> str:
    """Write ``data`` to ``target`` unless it already holds exactly those bytes.

    Returns:
        WRITTEN or UNCHANGED; with ``check`` nothing is written and a differing file is
        STALE, an absent one MISSING.

    Raises:
        UsageError: ``target`` is not something a picture may be written to (see
            :func:`output_kind`), or ``check`` is asked of something that is not a file.
    """
    if target == STDOUT:
        _write_stream(sys.stdout, data)
        return WRITTEN
    path = Path(target)
    kind = output_kind(path)
    if kind in (NEW, REGULAR):
        if kind == REGULAR and _same_bytes(path, data):
            return UNCHANGED
        if check:
            return STALE if kind == REGULAR else MISSING
        write_atomic(path, data)
        return WRITTEN
    if check:
        raise UsageError(f"cannot compare with '{target}': --check compares with files")
    if kind in (STDOUT, STDERR):
        _write_stream(sys.stdout if kind == STDOUT else sys.stderr, data)
    else:
        _write_through(path, data)
    return WRITTEN


def _same_bytes(path: Path, data: bytes) -> bool:
    if path.stat().st_size != len(data):
        return False
    return path.read_bytes() == data


# --------------------------------------------------------------------------- writing files

NEW = "new"  # nothing there: created beside it and renamed into place
REGULAR = "regular"  # a regular file: replaced the same way, keeping its mode
STDERR = "stderr"  # the very file or pipe stderr is (``-o /dev/stderr``): written to it
THROUGH = "through"  # a FIFO or the null device: opened and written, never replaced

# Temporary files being written by this process, removed if a signal ends it mid-write.
_TEMP_FILES: set[str] = set()


def output_kind(target: Path) -> str:
    """How a picture is written to ``target``; what cannot be written to is refused.

    A new path or a regular file is written beside it and renamed into place. What stdout
    or stderr is (``/dev/stdout``, ``/dev/fd/1``) is written to that stream, as ``-o -``
    does; a FIFO (a reader must be waiting) and the null device are written through. A
    symbolic link to anything else, a folder, a socket and any other device are refused,
    so nothing outside the named path is ever replaced or written into.

    Raises:
        UsageError: ``target`` is none of the above.
    """
    try:
        own = os.lstat(target)
    except FileNotFoundError:
        return NEW
    except OSError as error:
        raise UsageError(f"cannot write '{target}': {error.strerror}") from None
    if stat.S_ISREG(own.st_mode):
        return REGULAR
    try:
        followed = os.stat(target)
    except OSError:
        followed = own  # a dangling or looping link
    for kind, fd in ((STDOUT, 1), (STDERR, 2)):
        if _is_stream(followed, fd):
            return kind
    if stat.S_ISFIFO(followed.st_mode) or _is_null_device(followed):
        return THROUGH
    raise UsageError(f"cannot write '{target}': {_refusal(own, followed)}")


def _is_stream(info: os.stat_result, fd: int) -> bool:
    """True if ``info`` is the file, pipe or terminal open as ``fd`` (1 stdout, 2 stderr)."""
    try:
        mine = os.fstat(fd)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == (mine.st_dev, mine.st_ino)


def _is_null_device(info: os.stat_result) -> bool:
    if not stat.S_ISCHR(info.st_mode):
        return False
    null = os.stat(os.devnull)
    return info.st_rdev == null.st_rdev


def _refusal(own: os.stat_result, followed: os.stat_result) -> str:
    """Why a path is not written to, for the error message."""
    if stat.S_ISLNK(own.st_mode):
        what = "a symbolic link"
    elif stat.S_ISDIR(own.st_mode):
        return "it is a folder; name a file, or end -o with '/' to write into it"
    elif stat.S_ISSOCK(own.st_mode):
        what = "a socket"
    elif stat.S_ISBLK(own.st_mode) or stat.S_ISCHR(own.st_mode):
        what = "a device"
    else:
        what = "not a regular file"
    return (
        f"it is {what}; pictures are written only to regular files, new paths, FIFOs, "
        "stdout or /dev/null, so remove it or name another output"
    )


def _write_stream(stream: TextIO | None, data: bytes) -> None:
    if stream is None:  # the process was started with it closed
        raise UsageError("cannot write the picture: the output stream is closed")
    try:
        _write_all(stream.buffer, data)
        stream.flush()
    except BrokenPipeError:
        raise  # the reader went away (``| head``): not the spec's fault, see cli._reader_gone
    except (OSError, ValueError) as error:  # a closed pipe: the picture cannot be delivered
        raise UsageError(f"cannot write the picture to {stream.name}: {error}") from None


def _write_all(buffer: Any, data: bytes) -> None:
    """Write every byte: a pipe whose reader leaves mid-write takes part of the data and
    says so only in the count; the next write then raises BrokenPipeError."""
    view = memoryview(data)
    while view:
        written = buffer.write(view)
        if not written:  # never seen; a loop that cannot end would be worse than an error
            raise OSError(errno.EIO, "the stream took no bytes")
        view = view[written:]


def _write_through(target: Path, data: bytes) -> None:
    """Write to a FIFO or the null device; a FIFO nobody reads is an error, not a hang."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise UsageError(f"cannot write '{target}': no process is reading the FIFO") from None
        raise
    with os.fdopen(fd, "wb") as handle:
        info = os.fstat(fd)
        # Checked again on what was opened: the path may have been swapped since.
        if not (stat.S_ISFIFO(info.st_mode) or _is_null_device(info)):
            raise UsageError(f"cannot write '{target}': it changed while being opened")
        os.set_blocking(fd, True)
        handle.write(data)


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it into place.

    A file already at ``target`` keeps its permission bits; a new file gets those the
    umask allows (as any program's new file does). Only regular files and new paths are
    written this way: see :func:`output_kind` for the rest.

    Raises:
        UsageError: ``target`` is not a regular file or a new path, or its folder is missing.
        OSError: The folder cannot be written.
    """
    kind = output_kind(target)
    if kind not in (NEW, REGULAR):
        raise UsageError(f"cannot replace '{target}': it is not a regular file")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write '{target}': the folder '{folder}' does not exist")
    mode = stat.S_IMODE(os.lstat(target).st_mode) if kind == REGULAR else _new_file_mode()
    prefix = f".{target.name}.{os.getpid()}."
    fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    _TEMP_FILES.add(temp)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    finally:
        _TEMP_FILES.discard(temp)


def _new_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0o666 less the umask."""
    umask = os.umask(0o022)  # there is no way to read the umask without setting it
    os.umask(umask)
    return 0o666 & ~umask


def remove_temp_files() -> None:
    """Remove this process's half-written temporary files (a signal is ending it)."""
    for temp in list(_TEMP_FILES):
        with contextlib.suppress(OSError):
            os.unlink(temp)
        _TEMP_FILES.discard(temp)


def refuse_inputs(jobs: Sequence[Job], inputs: Iterable[str]) -> None:
    """Refuse a plan that would write over one of its own inputs (a spec, theme, progress).

    Raises:
        UsageError: A target is the same file as an input.
    """
    known = {_identity(path): path for path in inputs}
    known.pop(None, None)
    for job in jobs:
        for _, target in job.targets:
            same = known.get(_identity(target)) if target != STDOUT else None
            if same is not None:
                raise UsageError(
                    f"the picture '{target}' would overwrite the input '{same}'; "
                    "name another output (-o) or rename the input"
                )


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


# --------------------------------------------------------------------------- many jobs


def run_jobs(
    jobs: Sequence[Job], options: RenderOptions, check: bool, on_done: Callable[[Outcome], None]
) -> list[Outcome]:
    """Run ``jobs``, in worker processes when there are enough renders and CPUs.

    ``on_done`` sees each outcome as soon as it and all before it are finished, so
    reports come in input order whatever order the workers finish in. If the batch is
    stopped (Ctrl-C, SIGTERM, SIGHUP), the workers are ended and their temporary files
    removed before the exception goes on.
    """
    workers = min(cpu_count(), len(jobs))
    renders = sum(len(job.targets) for job in jobs)
    if workers < 2 or renders < PARALLEL_FROM or _to_stdout(jobs):
        results: Iterable[Outcome] = (run_job(job, options, check) for job in jobs)
        return _collect(results, on_done)
    # Imported here: process pools pull in multiprocessing and logging, which a single
    # render (the common, latency-sensitive case) never needs.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    # Futures, not pool.map: map cancels what is pending when stopped, and Python 3.11's
    # pool then fails on those cancelled futures (InvalidStateError) as its workers end.
    futures = [pool.submit(run_job, job, options, check) for job in jobs]
    try:
        outcomes = _collect((future.result() for future in futures), on_done)
    except BrokenProcessPool as error:  # a worker was killed (out of memory, a signal)
        _end_workers(pool, jobs)
        if _SIGNALLED:  # the signal reached the workers first (sent to the process group)
            raise Interrupted(_SIGNALLED[-1]) from None
        raise RuntimeError(f"a worker process died: {error}") from None
    except BaseException:
        _end_workers(pool, jobs)
        raise
    pool.shutdown()
    return outcomes


class Interrupted(BaseException):
    """SIGTERM or SIGHUP asked the batch to stop: raised like KeyboardInterrupt for SIGINT.

    Attributes:
        signum: The signal's number; the exit code is 128 + signum, as shells report it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_ENDING_SIGNALS = ("SIGTERM", "SIGHUP")
_SIGNALLED: list[int] = []  # signals received while a batch ran
WORKER_GRACE = 5.0  # seconds an ended worker has to remove its temporary file


@contextlib.contextmanager
def signals_stop_batch() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise :class:`Interrupted` in the main thread.

    A signal the caller ignores (``nohup``) stays ignored; outside the main thread (where
    Python cannot set handlers) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    _SIGNALLED.clear()
    for name in _ENDING_SIGNALS:
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is not signal.SIG_IGN:
            previous[signum] = signal.signal(signum, _raise_interrupted)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _raise_interrupted(signum: int, frame: object) -> None:
    _SIGNALLED.append(signum)
    raise Interrupted(signum)


def _worker_start() -> None:
    """In each worker: only the main process reacts to Ctrl-C and hangups, and ends the
    workers with SIGTERM, on which a worker removes its temporary file and exits."""
    for name in ("SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_ends)


def _worker_ends(signum: int, frame: object) -> None:
    remove_temp_files()
    os._exit(128 + signum)


def _end_workers(pool: Any, jobs: Sequence[Job]) -> None:
    """Stop every worker now: SIGTERM, a grace period, then SIGKILL and a sweep of the
    temporary files a killed worker left (named after its pid)."""
    # ProcessPoolExecutor has no public way to stop running work before Python 3.14.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.terminate()
    deadline = time.monotonic() + WORKER_GRACE
    for process in processes:
        process.join(max(deadline - time.monotonic(), 0.0))
        if process.is_alive():
            process.kill()
            process.join()
            _sweep_temp_files(jobs, process.pid)
    pool.shutdown(wait=True)


def _sweep_temp_files(jobs: Sequence[Job], pid: int | None) -> None:
    folders = {Path(target).parent for job in jobs for _, target in job.targets}
    for folder in folders:
        for temp in folder.glob(f".*.{pid}.*.tmp"):
            temp.unlink(missing_ok=True)


def _collect(results: Iterable[Outcome], on_done: Callable[[Outcome], None]) -> list[Outcome]:
    outcomes = []
    for outcome in results:
        on_done(outcome)
        outcomes.append(outcome)
    return outcomes


def _to_stdout(jobs: Sequence[Job]) -> bool:
    return any(target == STDOUT for job in jobs for _, target in job.targets)


def cpu_count() -> int:
    """The CPUs this process may use (its affinity, where the system tells)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def exit_code(outcomes: Iterable[Outcome]) -> int:
    """The worst of the outcomes: internal (3) > invalid (2) > stale (1) > ok (0)."""
    code = EXIT_OK
    for outcome in outcomes:
        code = max(code, outcome.code)
        if any(status in (STALE, MISSING) for _, status in outcome.statuses):
            code = max(code, EXIT_STALE)
    return code


# --------------------------------------------------------------------------- reporting


class Reporter:
    """Prints what happens to stderr: errors, stale files, a progress bar and a summary.

    Args:
        total: How many jobs there are (for the bar).
        verbosity: -1 quiet (errors and stale files only), 0 normal, 1 every file.
        stream: Where to write (stderr).
        bar: Draw a one-line progress bar (only on a terminal, not when quiet).
    """

    def __init__(self, total: int, verbosity: int, stream: TextIO | None, *, bar: bool) -> None:
        self.total = total
        self.verbosity = verbosity
        self.stream: TextIO | None = stream  # None: closed, or gone while writing
        self.bar = bar
        self.done_count = 0
        self.started = time.perf_counter()
        self._shown_width = 0  # characters of bar on screen, to overwrite
        if bar:
            self._draw_bar("")

    def done(self, outcome: Outcome) -> None:
        """Report one finished job, then redraw the bar."""
        self.done_count += 1
        lines = list(self._lines(outcome))
        if lines:
            self._clear_bar()
        for line in lines:
            self.say(line)
        if self.bar and self.done_count < self.total:
            self._draw_bar(outcome.spec)

    def _lines(self, outcome: Outcome) -> Iterator[str]:
        yield from outcome.warnings
        if outcome.error:
            yield outcome.error
            if outcome.code == EXIT_INTERNAL:
                yield "This is a bug in journeygraphic; please report it with the spec."
                if self.verbosity > 0:
                    yield outcome.trace.rstrip()
        if self.verbosity > 0 and not outcome.statuses and not outcome.error:
            yield f"valid {outcome.spec}"
        for target, status in outcome.statuses:
            if status == STALE:
                yield f"would rewrite {target}"
            elif status == MISSING:
                yield f"would write {target} (missing)"
            elif self.verbosity > 0:
                yield f"{'wrote' if status == WRITTEN else 'unchanged'} {target}"

    def summary(self, outcomes: Sequence[Outcome], mode: str) -> None:
        """One line, e.g. "12 written, 3 unchanged, 1 failed in 1.4 s" (not when quiet)."""
        self._clear_bar()
        if self.verbosity < 0:
            return
        seconds = time.perf_counter() - self.started
        self.say(f"{summary_counts(outcomes, mode)} in {seconds:.1f} s")

    def say(self, message: str) -> None:
        """One message line, made safe for a terminal or CI log."""
        self._write(terminal_safe(message) + "\n")

    def _write(self, text: str) -> None:
        """Write to the stream unless it is closed (``2>&1 | head -1``): a reader that went
        away loses the messages, never the pictures, nor the exit code."""
        if self.stream is None:
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.stream = None

    def _draw_bar(self, last: str) -> None:
        columns = shutil.get_terminal_size((80, 24)).columns
        width = 24
        filled = width * self.done_count // max(self.total, 1)
        head = f"[{'#' * filled}{'.' * (width - filled)}] {self.done_count}/{self.total} "
        line = head + terminal_safe(last)[: max(columns - len(head) - 1, 0)]
        self._write("\r" + line.ljust(self._shown_width))
        self._shown_width = len(line)

    def _clear_bar(self) -> None:
        if self._shown_width:
            self._write("\r" + " " * self._shown_width + "\r")
            self._shown_width = 0


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def summary_counts(outcomes: Sequence[Outcome], mode: str) -> str:
    """The counts of a summary line for ``mode`` "render", "check" or "validate"."""
    failed = sum(1 for outcome in outcomes if outcome.error)
    statuses = [status for outcome in outcomes for _, status in outcome.statuses]
    if mode == "validate":
        return f"{len(outcomes) - failed} valid, {failed} invalid"
    if mode == "check":
        stale = sum(1 for status in statuses if status in (STALE, MISSING))
        return f"{stale} stale, {statuses.count(UNCHANGED)} current, {failed} failed"
    written, unchanged = statuses.count(WRITTEN), statuses.count(UNCHANGED)
    return f"{written} written, {unchanged} unchanged, {failed} failed"


# --------------------------------------------------------------------------- a batch


@dataclass(frozen=True)
class Batch:
    """Everything one run of the command line asks for, before any spec is read.

    Attributes:
        inputs: Files, folders and glob patterns as given.
        formats: The formats asked for (empty: from ``-o``'s extension, else SVG).
        output: ``-o`` as given: a file, ``-``, a folder, or None.
        options: How each spec is drawn (sent to worker processes, so picklable).
        mode: "render", "check" (compare, write nothing) or "validate" (no rendering).
        verbosity: -1 quiet, 0 normal, 1 verbose.
        single: The single-file form (one spec file, ``-o`` not a folder): quiet on
            success, as it always was.
        stdin: The spec read from stdin (``-``); ``inputs`` then holds only its name.
    """

    inputs: tuple[str, ...]
    formats: tuple[str, ...] = ()
    output: str | None = None
    options: RenderOptions = field(default_factory=RenderOptions)
    mode: str = "render"
    verbosity: int = 0
    single: bool = False
    stdin: bytes | None = None

    def jobs(self) -> list[Job]:
        """Find the specs and name their outputs; creates the output folder when rendering.

        Raises:
            UsageError: No spec found, clashing output names, or a bad ``-o``.
        """
        jobs = self._plan()
        if self.stdin is not None:
            return [replace(job, text=self.stdin) for job in jobs]
        return jobs

    def _plan(self) -> list[Job]:
        if self.mode == "validate":
            return [Job(spec) for spec in self._specs()]
        if self.mode == "check" and self.output == STDOUT:
            raise UsageError("--check compares with files; it cannot check '-o -'")
        if self.single:
            jobs = [plan_one(self.inputs[0], self.formats, self.output)]
        else:
            folder = output_folder(self.output, create=False)
            jobs = plan_batch(self._specs(), self.formats, folder)
        if self.mode == "render":
            refuse_inputs(jobs, self._input_files(jobs))
            if not self.single:
                output_folder(self.output, create=True)  # once the plan holds
        return jobs

    def _specs(self) -> list[str]:
        """The spec files the inputs name; stdin's spec is its name alone."""
        return [self.inputs[0]] if self.stdin is not None else expand(self.inputs)

    def _input_files(self, jobs: Sequence[Job]) -> list[str]:
        """The files this batch reads that it knows of before reading any spec.

        A theme file a spec names needs no check: its suffix (.yaml, .yml, .json) is never
        an output's, and a hard link to it is replaced by the rename, not written into.
        """
        named = (self.options.theme, self.options.progress_file)
        files = [os.fspath(name) for name in named if isinstance(name, str | os.PathLike)]
        return [job.spec for job in jobs] + files

    def run(
        self, jobs: Sequence[Job], stream: TextIO | None = None, *, summary: bool = False
    ) -> int:
        """Run ``jobs``, report them to ``stream`` (stderr) and return the exit code.

        The summary line is printed for batches, checks, ``-v`` and when ``summary``.
        """
        stream = stream or sys.stderr  # None when the process was started without one
        show_bar = len(jobs) > 1 and self.verbosity >= 0 and _is_terminal(stream)
        reporter = Reporter(len(jobs), self.verbosity, stream, bar=show_bar)
        check = self.mode == "check"
        outcomes = run_jobs(jobs, self.options, check, reporter.done)
        if summary or not self.single or check or self.verbosity > 0:
            reporter.summary(outcomes, self.mode)
        return exit_code(outcomes)

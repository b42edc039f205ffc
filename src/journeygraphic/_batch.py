"""Many specs at once: finding inputs, naming outputs, rendering (in parallel), reporting.

The command line parses its arguments into a :class:`Batch`; this module does the rest.
Each spec is one job: it is read, validated and themed once, then rendered to every asked
format. Jobs run in worker processes when a batch is large, and their outcomes are
reported in input order, so what is printed and written does not depend on timing.
"""

from __future__ import annotations

import glob
import os
import shutil
import sys
import tempfile
import time
import traceback
import warnings as warnings_module
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import RenderError, SpecError
from .limits import Limits
from .safety import terminal_safe

if TYPE_CHECKING:
    from .model import Journey
    from .theme import Theme

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
class Settings:
    """How every spec of a batch becomes pictures; sent to worker processes, so picklable.

    Attributes:
        theme: ``--theme``: a built-in name or a theme file, replacing each spec's theme.
        accept_low_contrast: Use a theme that misses WCAG 2.1 AA, with warnings.
        limits: The safety limits every spec is held to.
        options: Further keyword arguments for :func:`journeygraphic.render`.
    """

    theme: str | None = None
    accept_low_contrast: bool = False
    limits: Limits = field(default_factory=Limits)
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Job:
    """One spec and the files to make from it: ``(format, target)`` pairs; none to validate."""

    spec: str
    targets: tuple[tuple[str, str], ...] = ()


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
    if output != STDOUT and os.path.realpath(output) == os.path.realpath(spec):
        raise UsageError(f"-o '{output}' is the spec itself; name another file")
    return Job(spec, ((formats[0] if formats else _format_of(output), output),))


def _format_of(output: str) -> str:
    from .backends import FORMATS

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


def load_checked(spec: str, settings: Settings, warnings: list[str]) -> tuple[Journey, Theme]:
    """Read, validate and theme one spec, with no layout: all that ``validate`` does.

    Raises:
        SpecError: The spec or its theme is wrong (including contrast), each problem located.
    """
    from .loader import check_journey, read_spec, validate
    from .model import Journey
    from .theme import resolve_theme

    located = read_spec(spec, limits=settings.limits)
    journey = check_journey(validate(Journey, located), settings.limits, located)
    accept = settings.accept_low_contrast
    theme = resolve_theme(journey, choice=settings.theme, spec=located, accept_low_contrast=accept)
    from .layout import measurer_for, refuse_unfitting_badges
    from .layout._context import Context

    refuse_unfitting_badges(journey, Context(theme, measurer_for(theme)), located)
    if accept:
        warnings.extend(_contrast_warnings(theme))
    return journey, theme


def _contrast_warnings(theme: Theme) -> Iterator[str]:
    from .contrast import failures

    for finding in failures(theme):
        yield f"warning: low contrast accepted: {finding.sentence()}"


def run_job(job: Job, settings: Settings, check: bool) -> Outcome:
    """Render ``job`` and store (or, with ``check``, compare) each picture; never raises.

    Every picture of a spec is rendered before any is written, so a spec that fails
    leaves all its old files untouched.
    """
    warnings: list[str] = []
    statuses: list[tuple[str, str]] = []
    try:
        pictures = _render_job(job, settings, warnings)
        for target, data in pictures:
            statuses.append((target, store(target, data, check=check)))
    except (SpecError, RenderError, UsageError, OSError) as error:
        message, code, trace = _message(job.spec, error), EXIT_INVALID, ""
    except Exception as error:
        message = f"internal error: {type(error).__name__}: {error} (rendering {job.spec})"
        code, trace = EXIT_INTERNAL, traceback.format_exc()
    else:
        return Outcome(job.spec, tuple(statuses), warnings=tuple(warnings))
    return Outcome(job.spec, tuple(statuses), message, code, tuple(warnings), trace)


def _render_job(job: Job, settings: Settings, warnings: list[str]) -> list[tuple[str, bytes]]:
    from ._pipeline import render
    from .errors import LayoutWarning
    from .fonts import MissingGlyphWarning

    journey, theme = load_checked(job.spec, settings, warnings)
    options = _options_for(journey, settings)
    with warnings_module.catch_warnings(record=True) as caught:
        warnings_module.simplefilter("always", MissingGlyphWarning)
        warnings_module.simplefilter("always", LayoutWarning)
        pictures = [
            (
                target,
                render(
                    journey,
                    fmt,
                    theme=theme,
                    accept_low_contrast=True,  # checked (or accepted) above, with locations
                    limits=settings.limits,
                    **options,
                ),
            )
            for fmt, target in job.targets
        ]
    warnings.extend(_glyph_warnings(job.spec, caught))
    return pictures


def _options_for(journey: Journey, settings: Settings) -> dict[str, Any]:
    """render() keywords for this journey: a progress file is read against its ids."""
    from .loader import read_progress

    options = dict(settings.options)
    if options.get("progress"):
        options["progress"] = read_progress(options["progress"], journey, limits=settings.limits)
    return options


def _glyph_warnings(spec: str, caught: Iterable[warnings_module.WarningMessage]) -> list[str]:
    """One 'warning:' line per distinct missing-glyph or layout message, in the order
    first seen."""
    from .errors import LayoutWarning
    from .fonts import MissingGlyphWarning

    lines = [
        f"warning: {spec}: {item.message}"
        for item in caught
        if issubclass(item.category, (MissingGlyphWarning, LayoutWarning))
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
    """
    if target == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return WRITTEN
    path = Path(target)
    if path.is_file() and _same_bytes(path, data):
        return UNCHANGED
    if check:
        return STALE if path.exists() else MISSING
    write_atomic(path, data)
    return WRITTEN


def _same_bytes(path: Path, data: bytes) -> bool:
    if path.stat().st_size != len(data):
        return False
    return path.read_bytes() == data


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it into place."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write '{target}': the folder '{folder}' does not exist")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- many jobs


def run_jobs(
    jobs: Sequence[Job], settings: Settings, check: bool, on_done: Callable[[Outcome], None]
) -> list[Outcome]:
    """Run ``jobs``, in worker processes when there are enough renders and CPUs.

    ``on_done`` sees each outcome as soon as it and all before it are finished, so
    reports come in input order whatever order the workers finish in.
    """
    workers = min(cpu_count(), len(jobs))
    renders = sum(len(job.targets) for job in jobs)
    if workers < 2 or renders < PARALLEL_FROM or _to_stdout(jobs):
        results: Iterable[Outcome] = (run_job(job, settings, check) for job in jobs)
        return _collect(results, on_done)
    # Imported here: process pools pull in multiprocessing and logging, which a single
    # render (the common, latency-sensitive case) never needs.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return _collect(pool.map(run_job, jobs, repeat(settings), repeat(check)), on_done)
    except BrokenProcessPool as error:  # a worker was killed (out of memory, a signal)
        raise RuntimeError(f"a worker process died: {error}") from None


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

    def __init__(self, total: int, verbosity: int, stream: TextIO, *, bar: bool) -> None:
        self.total = total
        self.verbosity = verbosity
        self.stream = stream
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
        print(terminal_safe(message), file=self.stream)

    def _draw_bar(self, last: str) -> None:
        columns = shutil.get_terminal_size((80, 24)).columns
        width = 24
        filled = width * self.done_count // max(self.total, 1)
        head = f"[{'#' * filled}{'.' * (width - filled)}] {self.done_count}/{self.total} "
        line = head + terminal_safe(last)[: max(columns - len(head) - 1, 0)]
        self.stream.write("\r" + line.ljust(self._shown_width))
        self.stream.flush()
        self._shown_width = len(line)

    def _clear_bar(self) -> None:
        if self._shown_width:
            self.stream.write("\r" + " " * self._shown_width + "\r")
            self.stream.flush()
            self._shown_width = 0


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
        settings: How each spec is rendered.
        mode: "render", "check" (compare, write nothing) or "validate" (no rendering).
        verbosity: -1 quiet, 0 normal, 1 verbose.
        single: The single-file form (one spec file, ``-o`` not a folder): quiet on
            success, as it always was.
    """

    inputs: tuple[str, ...]
    formats: tuple[str, ...] = ()
    output: str | None = None
    settings: Settings = field(default_factory=Settings)
    mode: str = "render"
    verbosity: int = 0
    single: bool = False

    def jobs(self) -> list[Job]:
        """Find the specs and name their outputs; creates the output folder when rendering.

        Raises:
            UsageError: No spec found, clashing output names, or a bad ``-o``.
        """
        if self.mode == "validate":
            return [Job(spec) for spec in expand(self.inputs)]
        if self.mode == "check" and self.output == STDOUT:
            raise UsageError("--check compares with files; it cannot check '-o -'")
        if self.single:
            return [plan_one(self.inputs[0], self.formats, self.output)]
        specs = expand(self.inputs)
        folder = output_folder(self.output, create=False)
        jobs = plan_batch(specs, self.formats, folder)
        output_folder(self.output, create=self.mode == "render")  # once the plan holds
        return jobs

    def run(
        self, jobs: Sequence[Job], stream: TextIO | None = None, *, summary: bool = False
    ) -> int:
        """Run ``jobs``, report them to ``stream`` (stderr) and return the exit code.

        The summary line is printed for batches, checks, ``-v`` and when ``summary``.
        """
        stream = stream or sys.stderr
        show_bar = len(jobs) > 1 and self.verbosity >= 0 and stream.isatty()
        reporter = Reporter(len(jobs), self.verbosity, stream, bar=show_bar)
        check = self.mode == "check"
        outcomes = run_jobs(jobs, self.settings, check, reporter.done)
        if summary or not self.single or check or self.verbosity > 0:
            reporter.summary(outcomes, self.mode)
        return exit_code(outcomes)

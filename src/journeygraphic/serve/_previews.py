"""What the preview serves: the specs, the view a page asks for, renders and their errors.

Nothing here knows HTTP. A spec is addressed by its index in the list given at start, so
no part of a URL ever names a file. Every render goes through the public API
(:func:`journeygraphic.load`, :func:`journeygraphic.read_progress`,
:func:`journeygraphic.render`), exactly as the command line would draw it.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import journeygraphic as jg

from .._batch import SPEC_SUFFIXES, Job
from .._watch import to_render
from ..theme import builtin_descriptions

LAYOUTS = ("poster", "vertical", "compact", "auto")
WIDTH_PRESETS = {"phone": 360, "docs": 800, "poster": 1600}
MIN_WIDTH, MAX_WIDTH = 320, 10_000  # as the command line's --width
DOWNLOADS = ("svg", "png", "pdf")
TABS = ("picture", "outline")
SOURCE_LIMIT = 2_000_000  # bytes read from a file to quote one line of it in an error
LINE_LIMIT = 240  # characters of that line shown around the column
CACHE_SIZE = 48  # renders kept: a few views of a few specs, each a few hundred KB at most


@dataclass(frozen=True)
class View:
    """What a page shows; only the view changes, never a file. Kept in the URL's query."""

    layout: str = "poster"
    theme: str = ""  # "" draws the spec's own theme
    width: int | None = None  # None: the layout's own (1600 poster, 800 vertical, ...)
    progress: bool = True
    tab: str = "picture"

    @classmethod
    def from_query(cls, query: str) -> View:
        """The view a query string asks for; a value we do not offer keeps the default."""
        asked = {key: values[-1] for key, values in parse_qs(query).items()}
        default = cls()
        return cls(
            layout=_choice(asked.get("layout"), LAYOUTS, default.layout),
            theme=_choice(asked.get("theme"), ("", *theme_names()), default.theme),
            width=_width(asked.get("width"), default.width),
            progress=asked.get("progress", "on") != "off",
            tab=_choice(asked.get("tab"), TABS, default.tab),
        )

    def query(self, **changes: Any) -> str:
        """This view (with ``changes``) as a query string, in a fixed order."""
        view = replace(self, **changes)
        return urlencode(
            {
                "layout": view.layout,
                "theme": view.theme,
                "width": view.width or "",
                "progress": "on" if view.progress else "off",
                "tab": view.tab,
            }
        )

    def drawing(self) -> View:
        """The parts of this view that change the picture (the tab does not)."""
        return replace(self, tab="picture")


def theme_names() -> tuple[str, ...]:
    """The built-in themes a page may choose."""
    return tuple(builtin_descriptions())


def _choice(value: str | None, allowed: Sequence[str], default: str) -> str:
    return value if value is not None and value in allowed else default


def _width(value: str | None, default: int | None) -> int | None:
    if value in WIDTH_PRESETS:
        return WIDTH_PRESETS[value]
    if value is None or not value.isdigit() or len(value) > 5:
        return default
    return int(value) if MIN_WIDTH <= int(value) <= MAX_WIDTH else default


@dataclass(frozen=True)
class Shown:
    """One problem as a page shows it: where, what, and the line of the file it is on."""

    message: str
    file: str = ""
    line: int | None = None
    col: int | None = None
    path: str = ""
    source: str = ""  # the offending line, clipped around the column
    caret: int | None = None  # 0-based index in ``source`` of the column's character

    def where(self) -> str:
        """``file:line:col`` (or less, when the problem is not located)."""
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.col or 1}"

    def as_json(self) -> dict[str, Any]:
        """The problem for the page's script and for tests."""
        return {
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "path": self.path,
            "source": self.source,
            "caret": self.caret,
        }


@dataclass(frozen=True)
class Result:
    """A render of one spec in one view and format: its bytes, or the problems that stopped it."""

    generation: int
    data: bytes | None = None
    problems: tuple[Shown, ...] = ()
    title: str = ""

    @property
    def ok(self) -> bool:
        """True when there is a picture."""
        return self.data is not None


@dataclass
class Previews:
    """The served specs, how often each changed, and the renders of their views.

    Thread-safe: the server answers each request in its own thread, and the file watcher
    reports changes from another.

    Attributes:
        specs: The spec files, as given (after expanding folders and patterns).
        progress: A progress file the page may draw, or None.
    """

    specs: Sequence[str]
    progress: str | None = None
    _generations: list[int] = field(init=False)
    _changed: threading.Condition = field(init=False, default_factory=threading.Condition)
    _stopping: bool = field(init=False, default=False)
    _cache: OrderedDict[tuple[Any, ...], Result] = field(init=False, default_factory=OrderedDict)
    _good: OrderedDict[tuple[Any, ...], Result] = field(init=False, default_factory=OrderedDict)
    # One render at a time: matplotlib (PNG, PDF) is not thread-safe, and two cores are enough
    # to keep one preview busy.
    _render_lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._generations = [0] * len(self.specs)

    # ----------------------------------------------------------------- changes

    def generation(self, index: int) -> int:
        """How many times spec ``index`` (or a file it uses) has changed since the start."""
        with self._changed:
            return self._generations[index]

    def changed(self, paths: Collection[str]) -> list[int]:
        """Note that ``paths`` changed; returns the indices of the specs that may look different.

        The rule is ``--watch``'s: a changed spec changes itself; any other YAML or JSON
        file (a theme or progress file) may change every spec.
        """
        jobs = [Job(spec) for spec in self.specs]
        again = {job.spec for job in to_render(paths, jobs)}
        indices = [i for i, spec in enumerate(self.specs) if spec in again]
        if indices:
            with self._changed:
                for index in indices:
                    self._generations[index] += 1
                self._changed.notify_all()
        return indices

    def follow(self, changes: Iterable[Collection[str]]) -> None:
        """Note each set of changed paths from ``changes`` (a watcher) until it ends."""
        for paths in changes:
            if self._stopping:
                return
            self.changed(paths)

    def wait(self, index: int, seen: int, timeout: float) -> int | None:
        """Wait until spec ``index`` passes generation ``seen`` or ``timeout`` seconds pass.

        Returns:
            The current generation, or None once the server is stopping.
        """
        with self._changed:
            self._changed.wait_for(
                lambda: self._stopping or self._generations[index] != seen, timeout
            )
            return None if self._stopping else self._generations[index]

    def stop(self) -> None:
        """Wake every waiting stream so it can end."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()

    # ----------------------------------------------------------------- renders

    def result(self, index: int, view: View, fmt: str = "svg") -> Result:
        """Spec ``index`` drawn as ``view`` in ``fmt`` ("svg", "png", "pdf" or "md"), cached."""
        generation = self.generation(index)
        key = (index, generation, view.drawing(), fmt)
        with self._render_lock:
            result = self._cache.get(key)
            if result is None:
                result = self._render(index, view, fmt, generation)
                _remember(self._cache, key, result)
            if result.ok:
                _remember(self._good, (index, view.drawing(), fmt), result)
            return result

    def last_good(self, index: int, view: View, fmt: str = "svg") -> Result | None:
        """The newest render of this view that had a picture, if any."""
        with self._render_lock:
            return self._good.get((index, view.drawing(), fmt))

    def _render(self, index: int, view: View, fmt: str, generation: int) -> Result:
        spec = self.specs[index]
        title = ""
        try:
            journey = jg.load(spec)
            title = journey.header.full_title
            progress = None
            if self.progress and view.progress:
                progress = jg.read_progress(self.progress, journey)
            data = jg.render(
                journey,
                fmt,
                theme=view.theme or None,
                layout=view.layout,
                width=view.width,
                base_dir=os.path.dirname(spec) or ".",
                progress=progress,
            )
        except jg.SpecError as error:
            problems = tuple(self._shown(problem) for problem in error.problems)
        except (jg.RenderError, OSError) as error:
            problems = (Shown(f"{error}", file=spec),)
        except Exception as error:  # a bug: show it rather than kill the stream
            problems = (Shown(f"internal error: {type(error).__name__}: {error}", file=spec),)
        else:
            return Result(generation, data, title=title)
        return Result(generation, None, problems, title)

    def _shown(self, problem: jg.Problem) -> Shown:
        shown = Shown(problem.message, problem.file, problem.line, problem.col, problem.path)
        if problem.line is None:
            return shown
        source = self._source_file(problem.file)
        if source is None:
            return shown
        line = _line_of(source, problem.line)
        if line is None:
            return shown
        text, caret = _clipped(line, (problem.col or 1) - 1)
        return replace(shown, source=text, caret=caret)

    def _source_file(self, name: str) -> Path | None:
        """The file an error names, if it is one we serve: a spec, the progress file, or a
        YAML or JSON file inside a spec's folder (a theme). Never anything else."""
        served = {os.path.realpath(spec) for spec in self.specs}
        if self.progress:
            served.add(os.path.realpath(self.progress))
        folders = {os.path.dirname(path) for path in served}
        # A theme file's name is shown relative to the spec's folder by the public API.
        candidates = [name, *(os.path.join(folder, name) for folder in sorted(folders))]
        for candidate in candidates:
            real = os.path.realpath(candidate)
            inside = os.path.dirname(real) in folders or any(
                real.startswith(folder + os.sep) for folder in folders
            )
            ours = real in served or (inside and Path(real).suffix.lower() in SPEC_SUFFIXES)
            if ours and os.path.isfile(real):
                return Path(real)
        return None


_Cache = OrderedDict[tuple[Any, ...], Result]


def _remember(cache: _Cache, key: tuple[Any, ...], value: Result) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > CACHE_SIZE:
        cache.popitem(last=False)


def _line_of(path: Path, number: int) -> str | None:
    try:
        with path.open("rb") as handle:
            raw = handle.read(SOURCE_LIMIT)
    except OSError:
        return None
    lines = raw.decode("utf-8", errors="replace").splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else None


def _clipped(line: str, column: int) -> tuple[str, int]:
    """``line`` cut to about LINE_LIMIT characters around ``column``, and the column in it."""
    column = max(0, min(column, len(line)))
    start = max(0, min(column - LINE_LIMIT // 2, len(line) - LINE_LIMIT))
    text = line[start : start + LINE_LIMIT]
    return text, column - start


def download_name(spec: str, fmt: str) -> str:
    """The file name a download suggests: the spec's stem in plain ASCII, and the format."""
    stem = "".join(_plain(char) for char in Path(spec).stem)
    return f"{stem.strip('.') or 'journey'}.{fmt}"


def _plain(char: str) -> str:
    return char if char.isascii() and (char.isalnum() or char in "-_.") else "_"

"""``--watch``: render again whenever a spec, a theme file or a theme's font or logo changes.

The source of file changes is passed in (watchfiles in real use, a plain list in tests),
so the logic that decides what to render again is tested without waiting on a file system.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from ._batch import EXIT_INVALID, EXIT_OK, SPEC_SUFFIXES, Batch, Job, UsageError
from .safety import terminal_safe
from .tokens import FONT_SUFFIXES, LOGO_SUFFIXES

INSTALL_HINT = (
    "--watch needs the optional 'watchfiles' package; install it with: "
    "pip install 'journeygraphic[watch]'"
)


def watchfiles_changes(paths: Sequence[str]) -> Iterator[set[str]]:
    """The changed paths under ``paths``, one set per burst of changes, until Ctrl-C.

    Raises:
        UsageError: watchfiles is not installed (checked now, not at the first change).
    """
    try:
        import watchfiles
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    bursts = watchfiles.watch(*paths, raise_interrupt=False)
    return ({path for _, path in burst} for burst in bursts)


def watched_paths(inputs: Sequence[str], theme: str | None = None) -> list[str]:
    """The folders to watch: each input's folder (a folder input itself) and ``--theme``'s.

    Theme files a spec names live inside the spec's folder, so watching it (recursively)
    covers them too.
    """
    folders: dict[str, str] = {}
    extra = [theme] if theme and Path(theme).is_file() else []
    for given in [*inputs, *extra]:
        folder = _folder_of(given)
        folders.setdefault(os.path.realpath(folder), folder)
    return list(folders.values())


def _folder_of(given: str) -> str:
    path = Path(given)
    if path.is_dir():
        return given
    if glob.has_magic(given) and not path.exists():
        fixed = list(_until_magic(path.parts))
        return str(Path(*fixed)) if fixed else "."
    return str(path.parent)


def _until_magic(parts: Sequence[str]) -> Iterator[str]:
    for part in parts:
        if glob.has_magic(part):
            return
        yield part


def to_render(changed: Collection[str], jobs: Sequence[Job]) -> list[Job]:
    """The jobs to run again after the files ``changed`` changed.

    A changed spec is rendered again on its own. Any other changed YAML or JSON file (a
    theme file, say), font file, or PNG/SVG that is not one of our pictures (a theme's
    logo) renders every spec again, since any of them may use it. Other files, our own
    pictures (named after their specs) and temporary files among them, change nothing.
    """
    stems = {Path(job.spec).stem for job in jobs}
    sources = {os.path.realpath(path) for path in changed if _is_source(path)}
    assets = {path for path in changed if _is_asset(path) and Path(path).stem not in stems}
    if not sources and not assets:
        return []
    own = [job for job in jobs if os.path.realpath(job.spec) in sources]
    return own if not assets and len(own) == len(sources) else list(jobs)


def _is_source(path: str) -> bool:
    return _named(path, SPEC_SUFFIXES)


def _is_asset(path: str) -> bool:
    """A file a theme may name beside it: a font or a logo."""
    return _named(path, (*FONT_SUFFIXES, *LOGO_SUFFIXES))


def _named(path: str, suffixes: Sequence[str]) -> bool:
    """Whether ``path`` ends in one of ``suffixes`` and is no hidden (editor's) file."""
    name = Path(path).name
    return Path(name).suffix.lower() in suffixes and not name.startswith(".")


def watch(batch: Batch, changes: Iterable[Collection[str]], stream: TextIO) -> int:
    """Render ``batch``, then again after each set of changed paths, until they end.

    A spec that fails is reported and watched like the others, so fixing it renders it.
    Ctrl-C ends the watch; that is a success (exit 0).
    """
    try:
        _round(batch, None, stream)
        if batch.verbosity >= 0:
            print("watching for changes (Ctrl-C to stop)", file=stream)
        for changed in changes:
            _round(batch, changed, stream)
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def _round(batch: Batch, changed: Collection[str] | None, stream: TextIO) -> int:
    try:
        jobs = batch.jobs()  # again each round: a new spec in a watched folder joins in
    except UsageError as error:
        print(terminal_safe(f"error: {error}"), file=stream)
        return EXIT_INVALID
    if changed is not None:
        jobs = to_render(changed, jobs)
    return batch.run(jobs, stream, summary=True) if jobs else EXIT_OK

"""Progress files: how far one person has come, read and checked against a journey."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace

from ..errors import Problem, SpecError
from ..limits import Limits
from ..model import Journey, Progress, journey_ids
from ..safety import clip, escape
from ._explain import did_you_mean
from ._files import read_bytes
from ._located import EMPTY, DataPath, Located, capped, dotted, show
from ._read import parse, validate


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
    raw = read_bytes(name, limits.max_bytes)
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
            message = f"the journey has no phase, step or option with the id {show(ident)}"
            hint = did_you_mean(ident, known)
            if not hint:
                hint = "; ids it has: " + ", ".join(known[:12]) if known else "; it has no ids"
            path: DataPath = ("steps", ident)
            problems.append(
                located.problem(message + hint, path, key=True)
                if located is not None
                else Problem(clip(escape(message + hint)), "<progress>", path=dotted(path))
            )
    if problems:
        raise SpecError(capped(problems))
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
    if problem.message == EMPTY:
        return replace(problem, message="the file is empty; progress needs 'steps:'")
    if problem.message.startswith("the top level must be a mapping"):
        noun = problem.message.rsplit(", not ", 1)[-1]
        message = f"the top level must be a mapping (version:, steps:), not {noun}"
        return replace(problem, message=message)
    return problem

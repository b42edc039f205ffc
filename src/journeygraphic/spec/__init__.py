"""The reading side: spec files → plain data that remembers where every value came from,
validated models, and located errors.

This package is the only place that reads spec, theme and progress files. It turns YAML or
JSON into plain dicts, lists and scalars plus the line and column of every node, validates
that data against a pydantic model, and reports every mistake as a
:class:`~journeygraphic.errors.Problem` that says ``file:line:col``, the spec path and a
sentence a person can act on. Its parts, each private:

- ``_files``: safe reads and :func:`~journeygraphic.spec._files.confine`, the one rule for
  every file a spec or theme names;
- ``_yaml`` and ``_json``: the two formats, composed into :class:`Located` data;
- ``_checks``: limits on what was read, and on the journey's size before layout;
- ``_explain``: pydantic's errors as located sentences;
- ``_progress``: progress files, checked against a journey;
- ``_raster``: raster icons, confined and capped before decoding;
- ``_read``: :func:`read_spec`, :func:`parse`, :func:`validate`, :func:`load`, :func:`loads`.
"""

from __future__ import annotations

from ..limits import Limits
from ._checks import check_journey
from ._located import MAX_PROBLEMS, DataPath, Format, Located
from ._located import at as problem_at
from ._progress import check_progress, loads_progress, progress_for, read_progress
from ._read import load, loads, parse, read_spec, validate

MAX_BYTES = Limits.max_bytes  # the defaults, kept for callers of the first API
MAX_DEPTH = Limits.max_depth

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_PROBLEMS",
    "DataPath",
    "Format",
    "Located",
    "check_journey",
    "check_progress",
    "load",
    "loads",
    "loads_progress",
    "parse",
    "problem_at",
    "progress_for",
    "read_progress",
    "read_spec",
    "validate",
]

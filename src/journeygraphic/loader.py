"""The first name of the reading side, kept so ``journeygraphic.loader.read_progress`` and
friends keep working: everything here is :mod:`journeygraphic.spec`'s public API."""

from __future__ import annotations

from .spec import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_PROBLEMS,
    DataPath,
    Format,
    Located,
    check_journey,
    check_progress,
    load,
    loads,
    loads_progress,
    parse,
    progress_for,
    read_progress,
    read_spec,
    validate,
)

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
    "progress_for",
    "read_progress",
    "read_spec",
    "validate",
]

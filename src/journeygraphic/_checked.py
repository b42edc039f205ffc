"""Checked strings for the models: ``Annotated[str, Checked(check, max_length=...)]``.

It is the core schema that ``Annotated[str, Field(max_length=...), AfterValidator(check)]``
gives (a string of at most ``max_length`` characters, then ``check``), built directly:
pydantic builds such a field in about two thirds of the time, and every run of the command
line builds the models' hundred-odd checked fields before it reads a spec.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic_core import CoreSchema, core_schema

__all__ = ["Checked"]


@dataclass(frozen=True)
class Checked:
    """A string, at most ``max_length`` characters long, then ``check`` (which may raise
    ValueError with a sentence, or return the value cleaned)."""

    check: Callable[[str], str]
    max_length: int | None = None

    def __get_pydantic_core_schema__(self, _source: Any, _handler: Any) -> CoreSchema:
        text = core_schema.str_schema(max_length=self.max_length)
        return core_schema.no_info_after_validator_function(self.check, text)

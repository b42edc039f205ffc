"""Errors a person can act on: where (file:line:col and spec path), what, and what is allowed."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    """One mistake in a spec or theme."""

    message: str
    file: str = "<spec>"
    line: int | None = None
    col: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        at = f" (at {self.path})" if self.path else ""
        return f"{where}: {self.message}{at}"


@dataclass
class SpecError(Exception):
    """A spec (or theme) could not be used. Carries every problem found, each located."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class RenderError(Exception):
    """The journey is valid but cannot be drawn within the limits (too big, text cannot fit)."""


class ThemeWarning(UserWarning):
    """A theme file loads, but uses an old token name; the message says the new one."""


class LayoutWarning(UserWarning):
    """The picture is drawn, but not quite as asked; ``--strict`` refuses it."""


class WidthWarning(LayoutWarning):
    """The layout needed a wider page than the width asked for (and drew it that wide)."""


class ShortenedWarning(LayoutWarning):
    """A text did not fit its place and was shortened, ending in an ellipsis."""

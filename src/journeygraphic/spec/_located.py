"""Located data: plain values that remember where they were written, and located problems.

Also the small helpers every part of the reading side words its messages with: user text
quoted, escaped and cut short (:func:`show`), data paths written as ``phases[2].title``,
problems sorted and capped at :data:`MAX_PROBLEMS`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import (
    Any,
    Literal,
    TypeAlias,
)

from ..errors import Problem, SpecError
from ..safety import clip, escape

MAX_PROBLEMS = 50  # more would bury the first mistakes (and a hostile file can make 100,000)


DataPath: TypeAlias = tuple[str | int, ...]


Position: TypeAlias = tuple[int, int]


Format: TypeAlias = Literal["yaml", "json"]


TOP: Position = (1, 1)


_ECHO_LIMIT = 60


EMPTY = "the file is empty; a journey needs at least a header and phases"


SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Located:
    """Plain data from a spec, with the position of every value and every mapping key.

    Attributes:
        data: Dicts, lists, str, None, and (from JSON) bool, int and float.
        filename: The file name as the user gave it, used in every problem.
        value_marks: Data path (e.g. ``("phases", 2, "steps", 0, "title")``) → 1-based
            ``(line, col)`` of the value node.
        key_marks: Data path of a mapping entry → ``(line, col)`` of its key.
    """

    data: Any
    filename: str = "<spec>"
    value_marks: Mapping[DataPath, Position] = field(default_factory=dict)
    key_marks: Mapping[DataPath, Position] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> Position:
        """Where ``path`` is written, or its deepest written ancestor.

        Args:
            path: A data path; it need not exist (a missing field is found at its parent).
            key: Prefer the position of the mapping key over that of the value.
        """
        if key and path in self.key_marks:
            return self.key_marks[path]
        for end in range(len(path), -1, -1):
            if path[:end] in self.value_marks:
                return self.value_marks[path[:end]]
        return TOP

    def problem(self, message: str, path: DataPath = (), *, key: bool = False) -> Problem:
        """A problem located at ``path`` in this spec."""
        line, col = self.locate(path, key=key)
        return Problem(clip(escape(message)), shown_file(self.filename), line, col, dotted(path))


def at(located: Located | None, message: str, path: DataPath, file: str = "<spec>") -> Problem:
    """A problem at ``path`` in ``located``, or (from Python) at just the path."""
    if located is not None:
        return located.problem(message, path)
    return Problem(clip(escape(message)), file, path=dotted(path))


def show(text: str) -> str:
    """User text quoted for a message: escaped, and cut to a readable length."""
    cut = text if len(text) <= _ECHO_LIMIT else text[: _ECHO_LIMIT - 1] + "…"
    return f"'{escape(cut)}'"


def shown_file(filename: str) -> str:
    # A name starting with '::' would open each error line and read as a CI log command.
    name = escape(filename)
    return f"./{name}" if name.startswith("::") else name


def dotted(path: DataPath) -> str:
    """``("phases", 2, "steps", 0, "title")`` → ``phases[2].steps[0].title``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            shown = escape(part if len(part) <= _ECHO_LIMIT else part[: _ECHO_LIMIT - 1] + "…")
            text += f".{shown}" if text else shown
    return text


def position(text: str, index: int) -> Position:
    """1-based (line, col) of character ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def fail(filename: str, message: str, line: int | None = None, col: int | None = None) -> SpecError:
    return SpecError([Problem(escape(message), shown_file(filename), line, col)])


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise SpecError(capped(problems))


def capped(problems: list[Problem]) -> list[Problem]:
    """Sorted problems, at most MAX_PROBLEMS: a hostile file must not flood the terminal."""
    ordered = sorted_problems(problems)
    if len(ordered) <= MAX_PROBLEMS:
        return ordered
    kept = ordered[: MAX_PROBLEMS - 1]
    rest = len(ordered) - len(kept)
    kept.append(Problem(f"… and {rest:,} more problems not shown", kept[-1].file))
    return kept


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.col or 0, p.path, p.message))

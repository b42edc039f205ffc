"""Personal progress as layouts read it: a state per stage, and how far along the path.

Three readings of one :class:`~journeygraphic.model.Progress`:

- *shown*: the state a stage is labelled with ("Done", "You are here", "Skipped"): its own
  mark, or one handed down from what holds it (a phase marked done marks its steps done);
- *settled*: the state it counts as for dots, cards and the path: the shown state, else
  what its parts add up to (a choice with one option done is done);
- *reach*: how far the path is travelled, in phases (see :meth:`Marks.reach`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import model as m

TASKS = ("step", "choice", "all", "exam", "certification")  # bullets and callouts inform


@dataclass(frozen=True)
class Marks:
    """Progress by id. ``given`` is False when no progress was asked for at all."""

    states: Mapping[str, m.State] = field(default_factory=dict)
    given: bool = False

    def own(self, ident: str | None) -> m.State | None:
        return self.states.get(ident) if ident else None

    def shown(self, item: Any, inherited: m.State | None = None) -> m.State | None:
        """The state ``item`` (a stage or option) is labelled with."""
        # No progress (the usual case): no need to look for an id most stages lack.
        own = self.own(getattr(item, "id", None)) if self.states else None
        if own is not None:
            return own
        return inherited if getattr(item, "kind", "step") in TASKS else None

    def handed_down(self, item: Any, inherited: m.State | None) -> m.State | None:
        """What the parts of ``item`` inherit: done and skipped pass down, except that a
        done choice does not make every option done (only one was taken)."""
        state = self.own(getattr(item, "id", None)) or inherited
        if state == "current" or (state == "done" and isinstance(item, m.Choice)):
            return None
        return state

    def settled(self, item: Any, inherited: m.State | None = None) -> m.State | None:
        """The state ``item`` counts as: shown, else derived from its options or steps."""
        shown = self.shown(item, inherited)
        if shown is not None:
            return shown
        down = self.handed_down(item, inherited)
        if isinstance(item, m.Choice):
            return _any_of([self.option(o, down) for o in item.options])
        if isinstance(item, m.AllOf):
            return _all_of([self.settled(s, down) for s in item.steps])
        return None

    def option(self, option: m.Option, inherited: m.State | None = None) -> m.State | None:
        """The state an option counts as: its own, else what its steps add up to."""
        own = self.own(option.id)
        if own is not None or not option.steps:
            return own or inherited
        down = self.handed_down(option, inherited)
        return _all_of([self.settled(s, down) for s in option.steps])

    # -- phases and the path ---------------------------------------------------------------

    def phase_fraction(self, phase: m.Phase) -> float:
        """How much of a phase is settled: done or skipped tasks over its tasks.

        Optional tasks count only once settled; bullets and callouts never count. A phase
        marked done is whole; a phase with no tasks counts nothing until marked.
        """
        if self.own(phase.id) in ("done", "skipped"):
            return 1.0
        counted = []
        for stage in phase.steps:
            state = self.settled(stage) if stage.kind in TASKS else None
            if stage.kind in TASKS and (state is not None or not stage.optional):
                counted.append(state)
        if not counted:
            return 0.0
        return sum(state in ("done", "skipped") for state in counted) / len(counted)

    def current_phase(self, phases: Sequence[m.Phase]) -> int | None:
        """The index of the phase that holds "you are here", if any."""
        for i, phase in enumerate(phases):
            if self.own(phase.id) == "current" or self._holds_current(phase.steps):
                return i
        return None

    def _holds_current(self, stages: Sequence[Any]) -> bool:
        for stage in stages:
            if self.own(stage.id) == "current":
                return True
            for option in getattr(stage, "options", []):
                if self.own(option.id) == "current" or self._holds_current(option.steps):
                    return True
            if isinstance(stage, m.AllOf) and self._holds_current(stage.steps):
                return True
        return False

    def reach(self, phases: Sequence[m.Phase]) -> float | None:
        """How far the path is travelled, in phases; None when nothing is.

        Phase ``i`` owns the stretch of path from its node to the next one; ``i + f`` means
        ``f`` of that stretch is travelled. The path runs to the furthest phase that has
        anything done, filled in proportion to how much of that phase is settled (so a
        partly done phase fills its stretch partly), and at least to the node of the phase
        that holds "you are here". Everything before that point counts as passed.
        """
        best: float | None = None
        current = self.current_phase(phases)
        for i, phase in enumerate(phases):
            fraction = self.phase_fraction(phase)
            if fraction > 0 or i == current:
                best = max(best if best is not None else 0.0, i + fraction)
        return best


def along(reach: float | None, stops: Sequence[float], end: float) -> float | None:
    """Where the travelled path ends on a line through ``stops`` (the nodes) that runs on
    to ``end``; None when nothing is travelled. See :meth:`Marks.reach`."""
    if reach is None:
        return None
    i = min(int(reach), len(stops) - 1)
    after = stops[i + 1] if i + 1 < len(stops) else end
    return stops[i] + (reach - i) * (after - stops[i])


def _any_of(states: list[m.State | None]) -> m.State | None:
    """A choice: current if an option is, done if one is, skipped if all are."""
    if "current" in states:
        return "current"
    if "done" in states:
        return "done"
    return "skipped" if states and all(s == "skipped" for s in states) else None


def together(states: list[m.State | None]) -> m.State | None:
    """Parts that are all needed: current if one is, done once every one is settled."""
    return _all_of(states)


def _all_of(states: list[m.State | None]) -> m.State | None:
    """A sequence or group: current if a part is, done once every part is settled."""
    if "current" in states:
        return "current"
    if states and all(s in ("done", "skipped") for s in states):
        return "done" if "done" in states else "skipped"
    return None


def marks_for(progress: m.Progress | None) -> Marks:
    """The layouts' view of ``progress`` (None: no progress drawn)."""
    if progress is None:
        return Marks()
    return Marks(dict(progress.steps), True)


__all__ = ["TASKS", "Marks", "along", "marks_for", "together"]

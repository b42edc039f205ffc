"""Marks on a stage for its progress state and for being optional.

A marked stage gets a status line above it ("✓ DONE", "YOU ARE HERE", "SKIPPED",
"OPTIONAL", in the journey's labels), so the state is told in words and never by colour
alone. The current step is outlined in the progress colour, an optional one with a dashed
outline; a skipped one is drawn in the faded ``skipped`` colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..labels import Labels
from ..model import Requirement, State
from ..scene import Circle, Command, Icon, Item, Link, Path, Rect, Text
from ._context import Block, Context

DONE_MARK = "\u2713\u00a0"  # before the word for done: told by a sign as well as a word
SEPARATOR = " \u00b7 "


def state_words(labels: Labels, state: State) -> str:
    """The status words for a progress state: "✓ DONE", "YOU ARE HERE", "SKIPPED"."""
    if state == "done":
        return DONE_MARK + labels.done
    return labels.current if state == "current" else labels.skipped


Build = Callable[[float, float, float], Block]  # (x, top, width) -> Block


@dataclass(frozen=True)
class Status:
    """How a stage is marked: the words above it, their colour, an outline, fading."""

    words: str
    fill: str
    frame: str | None = None
    dash: tuple[float, ...] = ()
    fade: bool = False


def status_for(
    ctx: Context, state: State | None, optional: bool | Requirement, requires: str | None = None
) -> Status | None:
    """The marks for a stage in ``state``, as needed as ``optional`` says (True: optional,
    False: required, or the requirement word), with what it requires; None when it needs
    none. Optional steps get a short-dashed outline, recommended ones a long-dashed one."""
    need = _need(optional)
    if state is None and need == "required" and not requires:
        return None
    pal, shape = ctx.theme.palette, ctx.theme.shape
    labels = ctx.labels
    words = [getattr(labels, need)] if need != "required" else []
    if requires:
        words.append(labels.fill("requires", what=requires.upper()))
    if state is not None:
        words.append(state_words(labels, state))
    fill = pal.muted_text if state is None else pal.status_text
    if state == "skipped":
        fill = pal.skipped
    if state == "current":
        return Status(SEPARATOR.join(words), fill, pal.current)
    if need != "required":
        dash = shape.optional_dash if need == "optional" else shape.recommended_dash
        return Status(SEPARATOR.join(words), fill, pal.optional, dash, state == "skipped")
    return Status(SEPARATOR.join(words), fill, fade=state == "skipped")


def _need(optional: bool | Requirement) -> Requirement:
    if isinstance(optional, bool):
        return "optional" if optional else "required"
    return optional


def marked(
    ctx: Context, status: Status | None, build: Build, x: float, top: float, width: float
) -> Block:
    """``build`` at (x, top, width) with ``status``'s words above it, outlined or faded."""
    if status is None:
        return build(x, top, width)
    pad = ctx.unit if status.frame else 0.0
    inner_x, inner_w, y = x + pad, width - 2 * pad, top + pad
    font = ctx.font("small", "bold")
    words, words_h = ctx.text(status.words, inner_x, y, inner_w, font, status.fill, role="status")
    body = build(inner_x, y + words_h + ctx.unit / 2, inner_w)
    items: list[Item] = [words, *body.items]
    if status.fade:
        items = faded(items, ctx.theme.palette.skipped)
    height = words_h + ctx.unit / 2 + body.height + 2 * pad
    if status.frame:
        outline = Rect(
            x,
            top,
            width,
            height,
            "none",
            stroke=status.frame,
            stroke_width=ctx.theme.shape.frame_width,
            radius=ctx.theme.shape.radius,
            dash=status.dash,
            role="frame",
        )
        items.insert(0, outline)
    return Block(items, height, y + ctx.line_height(font) / 2)


def faded(items: Sequence[Item], colour: str) -> list[Item]:
    """Text and icons in ``colour``; shapes (cards, badges, lines) stay as they are."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, Text) and not item.role.startswith("badge"):
            out.append(replace(item, fill=colour))
        elif isinstance(item, Icon):
            out.append(replace(item, color=colour))
        elif isinstance(item, Link):
            out.append(replace(item, items=tuple(faded(item.items, colour))))
        else:
            out.append(item)
    return out


# -- dots on a track and nodes on the timeline ----------------------------------------------

RING_GAP = 5.0  # px between a dot or node and the "you are here" ring around it


def track_with_dots(
    ctx: Context,
    curve: tuple[Command, ...],
    floor: float,
    anchors: list[float],
    states: list[State | None],
) -> list[Item]:
    """An upskill track: ``curve`` ends in a vertical line; with progress it is drawn again
    in the progress colour down to the furthest stage done or current (never above
    ``floor``, where the curve turns straight), then a dot per stage shows its state."""
    shape, pal = ctx.theme.shape, ctx.theme.palette
    x = float(curve[-1][1])
    items: list[Item] = [
        Path(curve, stroke=pal.track, stroke_width=shape.track_width, role="track")
    ]
    walked = [y for y, state in zip(anchors, states, strict=True) if state in ("done", "current")]
    if walked:
        done = (*curve[:2], ("L", x, max(walked[-1], floor)))
        items.append(Path(done, stroke=pal.done, stroke_width=shape.track_width, role="track"))
    for y, state in zip(anchors, states, strict=True):
        items += dot(ctx, x, y, state)
    return items


def dot(ctx: Context, cx: float, cy: float, state: State | None) -> list[Item]:
    """A track dot: hollow in the track colour; filled when done; ringed when current;
    in the faded colour when skipped."""
    shape, pal = ctx.theme.shape, ctx.theme.palette
    colours = {"done": pal.done, "current": pal.current, "skipped": pal.skipped}
    stroke = colours.get(state or "", pal.track)
    fill = pal.done if state == "done" else pal.node_fill
    items: list[Item] = [Circle(cx, cy, shape.dot_radius, fill, stroke, 3, role="dot")]
    if state == "current":
        items.append(ring(ctx, cx, cy, shape.dot_radius))
    return items


def ring(ctx: Context, cx: float, cy: float, r: float) -> Circle:
    """The "you are here" ring around a dot or node of radius ``r``."""
    pal, width = ctx.theme.palette, ctx.theme.shape.frame_width
    return Circle(cx, cy, r + 1.5 + RING_GAP, "none", pal.current, width, role="ring")


def node(
    ctx: Context, cx: float, cy: float, passed: bool, reached: bool, current: bool
) -> list[Item]:
    """A timeline node with progress: filled once passed, ringed at "you are here"."""
    shape, pal = ctx.theme.shape, ctx.theme.palette
    fill = pal.done if passed else pal.node_fill
    stroke = pal.done if reached else pal.rest
    items: list[Item] = [Circle(cx, cy, shape.node_radius, fill, stroke, 3, role="node")]
    if current:
        items.append(ring(ctx, cx, cy, shape.node_radius))
    return items


__all__ = [
    "DONE_MARK",
    "SEPARATOR",
    "Status",
    "dot",
    "faded",
    "marked",
    "node",
    "ring",
    "state_words",
    "status_for",
]

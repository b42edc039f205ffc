"""The legend: what the picture's conventions mean, for the conventions it uses.

Which entries a picture needs is decided from what it draws (:func:`legend_keys`). The
word "OR" between alternatives reads on its own, so a picture whose only convention is a
choice gets no legend (the plain az400 poster stays as it was); once a legend is drawn
for something else, "OR" is explained in it too. Each entry is a small sample drawn with
the same primitives and colours as the picture, then a few words from the journey's labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, cast

from .. import model as m
from ..scene import Item, Path, Rect
from ._context import Block, Context
from ._status import dot, node

# In the order a reader meets them: the path's grammar, then personal progress.
KEYS = ("or", "all", "recommended", "optional", "done", "current", "skipped")
SAMPLE = 4.0  # units: every sample sits in a slot this wide, so the words line up
SAMPLE_ROLE = "legend-sample"


def journey_keys(journey: m.Journey, ctx: Context) -> list[str]:
    """The conventions ``journey`` (and its progress) are drawn with, in legend order."""
    used = set()
    for stage in _all_stages(journey.stages()):
        if isinstance(stage, m.Choice):
            used.add("or")
        elif isinstance(stage, m.AllOf):
            used.add("all")
        if stage.need != "required":
            used.add(stage.need)
        for option in getattr(stage, "options", []):
            if option.need != "required":
                used.add(option.need)
    marks = ctx.marks
    if marks.given:
        used |= set(marks.states.values())
        if (marks.reach(journey.phases) or 0) > 0:
            used.add("done")  # the travelled path is drawn even if no step says done
    return legend_keys(used)


def legend_keys(used: Iterable[str]) -> list[str]:
    """``used`` in legend order; empty when only "OR" would be explained."""
    keys = set(used)
    if not keys - {"or"}:
        return []
    return [key for key in KEYS if key in keys]


def _all_stages(stages: Iterable[Any]) -> Iterator[Any]:
    for stage in stages:
        yield stage
        for option in getattr(stage, "options", []):
            yield from _all_stages(option.steps)
        if isinstance(stage, m.AllOf):
            yield from _all_stages(stage.steps)


def legend_block(
    ctx: Context, keys: list[str], x: float, top: float, width: float, *, cards: bool = False
) -> Block:
    """The entries for ``keys`` in rows that wrap to ``width``; an empty block for none.

    With ``cards`` (the compact layout) progress is shown the way cards show it: a done
    card's connector, the current card's outline, a skipped card's faded words.
    """
    if not keys:
        return Block(anchor_y=top)
    samples = {**_SAMPLES, **_CARD_SAMPLES} if cards else _SAMPLES
    font = ctx.font("small")
    # a row fits the largest sample (the ring around a node) with a little air
    row_h = max(ctx.line_height(font), 2 * ctx.theme.shape.node_radius + 2 * ctx.unit)
    slot = SAMPLE * ctx.unit
    items: list[Item] = []
    cx, cy = x, top + row_h / 2
    bottom = top + row_h
    for key in keys:
        words = getattr(ctx.labels, f"legend_{key}")
        text_w = max(min(ctx.single_width(words, font) + 1, width - slot - ctx.unit), ctx.unit)
        need = slot + ctx.unit + text_w
        if cx > x and cx + need > x + width:
            cx, cy = x, bottom + row_h / 2
            bottom = cy + row_h / 2
        text, text_h = ctx.text(
            words,
            cx + slot + ctx.unit,
            cy - ctx.line_height(font) / 2,
            text_w,  # a page too narrow for the words wraps them
            font,
            ctx.theme.palette.legend_text,
            role="legend",
        )
        items += [*_as_sample(samples[key](ctx, cx + slot / 2, cy)), text]
        bottom = max(bottom, cy - ctx.line_height(font) / 2 + text_h)
        cx += need + 3 * ctx.unit
    return Block(items, bottom - top, top + row_h / 2)


def _as_sample(items: list[Item]) -> list[Item]:
    """Samples look like the picture's marks but are not part of its path: their own role."""
    sampled: list[Item] = [replace(cast(Any, item), role=SAMPLE_ROLE) for item in items]
    return sampled


def _or(ctx: Context, cx: float, cy: float) -> list[Item]:
    return _word(ctx, cx, cy, ctx.labels.or_word)


def _word(ctx: Context, cx: float, cy: float, label: str) -> list[Item]:
    """A separator word as drawn between alternatives or group members."""
    font = ctx.font("small", "bold")
    text, _ = ctx.lines(
        (label,),
        cx,
        cy - ctx.line_height(font) / 2,
        ctx.single_width(label, font) + 2,
        font,
        ctx.theme.palette.muted_text,
        anchor="middle",
        role="separator",
    )
    return [text]


def _all(ctx: Context, cx: float, cy: float) -> list[Item]:
    """A small bracket, as drawn over an all-of group."""
    half, drop = 1.5 * ctx.unit, ctx.unit
    commands = (
        ("M", cx - half, cy + drop / 2),
        ("L", cx - half, cy - drop / 2),
        ("L", cx + half, cy - drop / 2),
        ("L", cx + half, cy + drop / 2),
    )
    colour = ctx.theme.palette.choice_separator
    return [Path(commands, stroke=colour, stroke_width=1.5, role="bracket")]


def _optional(ctx: Context, cx: float, cy: float) -> list[Item]:
    return _dashed(ctx, cx, cy, ctx.theme.shape.optional_dash)


def _recommended(ctx: Context, cx: float, cy: float) -> list[Item]:
    return _dashed(ctx, cx, cy, ctx.theme.shape.recommended_dash)


def _dashed(ctx: Context, cx: float, cy: float, dash: tuple[float, float]) -> list[Item]:
    """A small outline dashed as optional (or recommended) steps are."""
    w, h = 3 * ctx.unit, 2 * ctx.unit
    shape, pal = ctx.theme.shape, ctx.theme.palette
    box = Rect(
        cx - w / 2,
        cy - h / 2,
        w,
        h,
        "none",
        stroke=pal.optional,
        stroke_width=shape.frame_width,
        radius=min(shape.radius, 4),
        dash=dash,
        role="frame",
    )
    return [box]


def _done(ctx: Context, cx: float, cy: float) -> list[Item]:
    """A stretch of travelled path ending in a filled node."""
    shape, pal = ctx.theme.shape, ctx.theme.palette
    r = shape.node_radius
    line = Path(
        (("M", cx - 2 * ctx.unit + 1, cy), ("L", cx, cy)),
        stroke=pal.done,
        stroke_width=shape.timeline_width * 0.75,
        cap="butt",
        role="timeline",
    )
    return [line, *node(ctx, cx + r / 2, cy, True, True, False)]


def _current(ctx: Context, cx: float, cy: float) -> list[Item]:
    return node(ctx, cx, cy, False, True, True)


def _skipped(ctx: Context, cx: float, cy: float) -> list[Item]:
    return dot(ctx, cx, cy, "skipped")


_SAMPLES: dict[str, Callable[[Context, float, float], list[Item]]] = {
    "or": _or,
    "all": _all,
    "recommended": _recommended,
    "optional": _optional,
    "done": _done,
    "current": _current,
    "skipped": _skipped,
}


def _connector(ctx: Context, cx: float, cy: float) -> list[Item]:
    half = 1.5 * ctx.unit
    colour = ctx.theme.palette.done
    return [Path((("M", cx - half, cy), ("L", cx + half, cy)), stroke=colour, stroke_width=2)]


def _outlined(ctx: Context, cx: float, cy: float) -> list[Item]:
    w, h = 3 * ctx.unit, 2 * ctx.unit
    shape, pal = ctx.theme.shape, ctx.theme.palette
    card = Rect(
        cx - w / 2,
        cy - h / 2,
        w,
        h,
        pal.callout,
        stroke=pal.current,
        stroke_width=shape.frame_width,
        radius=min(shape.radius, 4),
        role="card",
    )
    return [card]


def _and(ctx: Context, cx: float, cy: float) -> list[Item]:
    return _word(ctx, cx, cy, ctx.labels.and_word)


def _faded_words(ctx: Context, cx: float, cy: float) -> list[Item]:
    font = ctx.font("small", "bold")
    sample = ctx.labels.legend_sample
    text, _ = ctx.lines(
        (sample,),
        cx,
        cy - ctx.line_height(font) / 2,
        ctx.single_width(sample, font) + 2,
        font,
        ctx.theme.palette.skipped,
        anchor="middle",
        role="legend",
    )
    return [text]


_CARD_SAMPLES: dict[str, Callable[[Context, float, float], list[Item]]] = {
    "all": _and,
    "done": _connector,
    "current": _outlined,
    "skipped": _faded_words,
}

__all__ = ["KEYS", "journey_keys", "legend_block", "legend_keys"]

"""Blocks for each kind of stage, laid out at a position within a given width.

Every builder has the same shape: ``(ctx, stage, x, top, width) -> Block``. Builders are
called again and again while columns are balanced, so they only place and measure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .. import model as m
from ..contrast import faint
from ..scene import Box, Font, Icon, Item, Link, Path, Rect, Text
from ..text import text_direction
from ._context import Block, Context
from ._roles import separator_of
from ._status import Status, faded, marked, status_for
from .badge import badge

LINK_MARK = "\u00a0\u203a"  # no-break space: the angle never sits alone on a line
# In a right-to-left poster a link points left. Not "‹": that is a bidi-mirrored character,
# which browsers turn round in right-to-left text and the PNG renderer does not.
RTL_MARK = "\u25c2"


def linked(ctx: Context, label: str) -> str:
    """A link's label with its mark pointing the way the poster reads: "label ›" left to
    right; in a right-to-left poster "◂" at the label's left end, after an Arabic label
    (which reads from the right) and before a Latin one."""
    if not ctx.rtl:
        return label + LINK_MARK
    if text_direction([label]) == "rtl":
        return f"{label}\u00a0{RTL_MARK}"
    return f"{RTL_MARK}\u00a0{label}"


def unlinked(text: str) -> str:
    """The label of a text :func:`linked` made, without its mark."""
    for mark in (LINK_MARK, f"\u00a0{RTL_MARK}"):
        text = text.removesuffix(mark)
    return text.removeprefix(f"{RTL_MARK}\u00a0")


def stage_block(ctx: Context, stage: Any, x: float, top: float, width: float) -> Block:
    """Lay out any stage, with its progress state and optional mark; dispatches on kind.

    The state shown is the stage's own, or the one ``ctx`` hands down (from a phase); the
    stages inside a choice or group are labelled only with their own, so a skipped choice
    says "skipped" once, not once per option.
    """
    builder = _BUILDERS[stage.kind]
    state = ctx.marks.shown(stage, ctx.inherited)
    status = status_for(ctx, state, stage.need, stage.requires)
    inner = ctx.inheriting(None)
    if isinstance(stage, m.Callout):  # a box already: it takes the marks itself
        return _callout(inner, stage, x, top, width, status)

    def build(bx: float, by: float, bw: float) -> Block:
        return builder(inner, stage, bx, by, bw)

    return marked(ctx, status, build, x, top, width)


def _gap(ctx: Context, units: float = 1) -> float:
    return ctx.unit * units


def _with_icon(
    ctx: Context, icon: str | None, x: float, top: float, width: float
) -> tuple[list[Item], float, float]:
    """Place an optional icon at the left; returns items, text x and text width."""
    if not icon:
        return [], x, width
    size = ctx.theme.shape.icon_size
    pal = ctx.theme.palette
    item = Icon(icon, x, top, size, pal.icon, ctx.theme.shape.icon_stroke)
    indent = size + _gap(ctx, 1.5)
    return [item], x + indent, width - indent


def heading_and_body(
    ctx: Context,
    title: str | None,
    body: str | None,
    x: float,
    top: float,
    width: float,
    *,
    fill: str | None = None,
) -> Block:
    """A bold title over a regular description, each wrapped."""
    pal = ctx.theme.palette
    fill = fill or pal.text
    block = Block(anchor_y=top)
    y = top
    if title:
        font = ctx.font("heading", "bold")
        text, h = ctx.text(title, x, y, width, font, fill, role="heading")
        block.items.append(text)
        block.anchor_y = top + ctx.line_height(font) / 2
        y += h + 2
    if body:
        font = ctx.font("body")
        text, h = ctx.text(body, x, y, width, font, fill, role="body")
        block.items.append(text)
        if not title:
            block.anchor_y = top + ctx.line_height(font) / 2
        y += h
    block.height = y - top
    return block


def links_block(ctx: Context, links: Sequence[m.Link], x: float, top: float, width: float) -> Block:
    """Each link on its own line, in the link colour, wrapped in a real link."""
    block = Block(anchor_y=top)
    y = top
    font = ctx.font("body")
    for link in links:
        text, h = ctx.text(
            linked(ctx, link.label), x, y, width, font, ctx.theme.palette.link, role="link"
        )
        block.items.append(Link(link.url, (text,), title=link.label))
        y += h
    block.height = y - top
    return block


def stack(ctx: Context, parts: list[Callable[[float], Block]], top: float, gap: float) -> Block:
    """Place block builders one under the other; empty blocks take no gap."""
    block = Block(anchor_y=top)
    y = top
    first = True
    for make in parts:
        part = make(y if first else y + gap)
        if not part.items:
            continue
        if first:
            block.anchor_y = part.anchor_y
        y = (y if first else y + gap) + part.height
        block.items += part.items
        first = False
    block.height = y - top
    return block


def _step(ctx: Context, stage: m.Step, x: float, top: float, width: float) -> Block:
    return _titled(ctx, stage.icon, stage.title, stage.description, stage.links, x, top, width)


def _titled(
    ctx: Context,
    icon: str | None,
    title: str | None,
    body: str | None,
    links: Sequence[m.Link],
    x: float,
    top: float,
    width: float,
) -> Block:
    icon_items, tx, tw = _with_icon(ctx, icon, x, top, width)
    block = stack(
        ctx,
        [
            lambda y: heading_and_body(ctx, title, body, tx, y, tw),
            lambda y: links_block(ctx, links, tx, y, tw),
        ],
        top,
        2,
    )
    return _with_icon_height(ctx, block, icon_items)


def _exam(ctx: Context, stage: m.Exam, x: float, top: float, width: float) -> Block:
    if not stage.code:  # no code: the title is the heading
        body = stage.description
        return _titled(ctx, stage.icon, stage.title, body, stage.links, x, top, width)
    title = ctx.labels.fill("exam_code", code=stage.code)
    body = stage.title if not stage.description else f"{stage.title}. {stage.description}"
    return _titled(ctx, stage.icon, title, body, stage.links, x, top, width)


def list_items(
    ctx: Context, items: Sequence[m.ListItem], x: float, top: float, width: float, bullets: bool
) -> Block:
    """Entries one under another; plain strings get a bullet, entries a bold title."""
    parts = [_item_builder(ctx, item, x, width, bullets) for item in items]
    return stack(ctx, parts, top, _gap(ctx, 0.75))


def _item_builder(
    ctx: Context, item: m.ListItem, x: float, width: float, bullets: bool
) -> Callable[[float], Block]:
    if isinstance(item, m.Entry):
        return lambda y: _titled(ctx, None, item.title, item.description, item.links, x, y, width)
    return lambda y: _bullet(ctx, item, x, y, width)


def _bullet(ctx: Context, content: str, x: float, top: float, width: float) -> Block:
    font = ctx.font("body")
    indent = _gap(ctx, 2)
    fill = ctx.theme.palette.text
    dot, _ = ctx.lines(("\u2022",), x, top, indent, font, fill, role="bullet")
    text, h = ctx.text(content, x + indent, top, width - indent, font, fill, role="body")
    return Block([dot, text], h, top + ctx.line_height(font) / 2)


def _bullets(
    ctx: Context, stage: m.Bullets | m.Callout, x: float, top: float, width: float, gap: float = 1
) -> Block:
    """A titled list (a callout's inside too, with ``gap`` 1.5): icon, heading, items, links."""
    icon_items, tx, tw = _with_icon(ctx, stage.icon, x, top, width)
    block = stack(
        ctx,
        [
            lambda y: heading_and_body(ctx, stage.title, stage.description, tx, y, tw),
            lambda y: list_items(ctx, stage.items, tx, y, tw, bullets=True),
            lambda y: links_block(ctx, stage.links, tx, y, tw),
        ],
        top,
        _gap(ctx, gap),
    )
    return _with_icon_height(ctx, block, icon_items)


def _with_icon_height(ctx: Context, block: Block, icon_items: list[Item]) -> Block:
    """The block with its icon in front, at least as tall as the icon (even with no text)."""
    block.items = icon_items + block.items
    if icon_items:
        block.height = max(block.height, ctx.theme.shape.icon_size)
    return block


def _callout(
    ctx: Context,
    stage: m.Callout,
    x: float,
    top: float,
    width: float,
    status: Status | None = None,
) -> Block:
    """A shaded box; marked, its own outline is the status outline and the words sit
    inside it (a second box around a box would only be noise)."""
    pad = _gap(ctx, 2)
    y = top + pad
    items: list[Item] = []
    if status is not None:
        font = ctx.font("small", "bold")
        words, h = ctx.text(
            status.words, x + pad, y, width - 2 * pad, font, status.fill, role="status"
        )
        items.append(words)
        y += h + ctx.unit / 2
    inner = _bullets(ctx, stage, x + pad, y, width - 2 * pad, gap=1.5)
    height = (y - top) + inner.height + pad
    pal, shape = ctx.theme.palette, ctx.theme.shape
    frame = status.frame if status is not None else None
    if frame is None and faint(pal.callout, pal.page):  # a box that would vanish: outlined
        frame = pal.outline
    box = Rect(
        x,
        top,
        width,
        height,
        pal.callout,
        stroke=frame or "none",
        stroke_width=shape.frame_width if frame else 0.0,
        radius=shape.radius,
        dash=status.dash if status is not None else (),
        role="callout",
    )
    items += inner.items
    if status is not None and status.fade:
        items = faded(items, pal.skipped)
    anchor = inner.anchor_y
    if status is not None:  # the status words are the first line
        anchor = top + pad + ctx.line_height(ctx.font("small", "bold")) / 2
    return Block([box, *items], height, anchor)


def _certification(
    ctx: Context, stage: m.Certification, x: float, top: float, width: float
) -> Block:
    shield = badge(ctx, stage, x, top, min(width, 16 * ctx.unit))
    parts = [
        lambda y: heading_and_body(ctx, stage.issuer, None, x, y, width),
        lambda y: heading_and_body(ctx, None, stage.name, x, y, width),
        lambda y: heading_and_body(ctx, None, stage.description, x, y, width),
        lambda y: heading_and_body(ctx, None, stage.validity, x, y, width),
        lambda y: links_block(ctx, stage.links, x, y, width),
    ]
    text_top = top + shield.height + _gap(ctx, 2)
    names = stack(ctx, parts[:2], text_top, 0)
    rest = stack(ctx, parts[2:], text_top + names.height + _gap(ctx, 1.5), 2)
    items = shield.items + names.items + rest.items
    height = (text_top - top) + names.height + (_gap(ctx, 1.5) + rest.height if rest.items else 0)
    return Block(items, height, top + shield.height / 2)


# -- choices and all-of groups ------------------------------------------------------------

MAX_SEPARATOR = 12  # units: a longer "OR" wraps instead of pushing the options apart

# One part of a group, laid out at (x, top, width); ``side_by_side`` puts an icon on top.
Part = Callable[[float, float, float, bool], Block]


def _choice(ctx: Context, stage: m.Choice, x: float, top: float, width: float) -> Block:
    parts = [_option_part(ctx, option) for option in stage.options]
    return _group(ctx, stage, parts, None, x, top, width)


def _all_of(ctx: Context, stage: m.AllOf, x: float, top: float, width: float) -> Block:
    parts = [_step_part(ctx, step) for step in stage.steps]
    return _group(ctx, stage, parts, ctx.labels.all_of, x, top, width)


def _option_part(ctx: Context, option: m.Option) -> Part:
    status = status_for(ctx, ctx.marks.own(option.id), option.need, option.requires)

    def build(x: float, top: float, width: float, side_by_side: bool) -> Block:
        def inner(bx: float, by: float, bw: float) -> Block:
            return _option_block(ctx, option, bx, by, bw, side_by_side)

        return marked(ctx, status, inner, x, top, width)

    return build


def _step_part(ctx: Context, step: Any) -> Part:
    return lambda x, top, width, _: stage_block(ctx, step, x, top, width)


def _group(
    ctx: Context,
    stage: m.Choice | m.AllOf,
    parts: list[Part],
    bracket: str | None,
    x: float,
    top: float,
    width: float,
) -> Block:
    """Title and description, a bracket for an all-of group, the parts, then links."""
    head = heading_and_body(ctx, stage.title, stage.description, x, top, width)
    y = top + head.height + (_gap(ctx) if head.items else 0)
    label = _bracket(ctx, bracket, x, y, width) if bracket else Block(anchor_y=y)
    y += label.height + (_gap(ctx) if label.items else 0)
    body = _parts(ctx, parts, separator_of(stage, ctx.labels), x, y, width)
    links = links_block(ctx, stage.links, x, y + body.height + _gap(ctx), width)
    height = (y - top) + body.height + (_gap(ctx) + links.height if links.items else 0)
    first = head if head.items else (label if label.items else body)
    return Block(head.items + label.items + body.items + links.items, height, first.anchor_y)


def _parts(
    ctx: Context, parts: list[Part], separator: str, x: float, top: float, width: float
) -> Block:
    count = len(parts)
    sep = _separator_width(ctx, separator)
    part_width = (width - (count - 1) * sep) / count
    if part_width >= 19 * ctx.unit:
        return _side_by_side(ctx, parts, separator, x, top, part_width, sep)
    return _stacked(ctx, parts, separator, x, top, width)


def _separator_width(ctx: Context, label: str) -> float:
    if not label:  # no word between the parts: a gutter
        return _gap(ctx, 3)
    font = ctx.font("small", "bold")
    natural = ctx.single_width(label, font) + _gap(ctx, 3)
    return max(_gap(ctx, 5), min(natural, _gap(ctx, MAX_SEPARATOR)))


def _bracket(ctx: Context, label: str, x: float, top: float, width: float) -> Block:
    """An all-of group's label on a bracket over its steps: |-- ALL OF, IN ANY ORDER --|."""
    font = ctx.font("small", "bold")
    pal = ctx.theme.palette
    label, room = _bracket_label(ctx, label, font, width)
    text, height = ctx.text(
        label, x + width / 2, top, room, font, pal.muted_text, anchor="middle", role="separator"
    )
    cy = top + ctx.line_height(font) / 2
    half = max(text.widths) / 2 + _gap(ctx)
    ends = [
        ((x, cy + _gap(ctx)), (x, cy), (x + width / 2 - half, cy)),
        ((x + width / 2 + half, cy), (x + width, cy), (x + width, cy + _gap(ctx))),
    ]
    rules: list[Item] = [
        Path(
            tuple((op, px, py) for op, (px, py) in zip(("M", "L", "L"), points, strict=True)),
            stroke=pal.choice_separator,
            stroke_width=1,
            role="bracket",
        )
        for points in ends
    ]
    return Block([rules[0], text, rules[1]], max(height, cy + _gap(ctx) - top), cy)


def _bracket_label(ctx: Context, label: str, font: Font, width: float) -> tuple[str, float]:
    """The label and the room it is wrapped to: on one line, else broken after its commas
    ("ALL OF," over "IN ANY ORDER"); between the bracket's arms, else (when that saves a
    line) with the arms cut to their end ticks."""
    arms = max(width - _gap(ctx, 6), _gap(ctx, 2))
    ticks = max(width - _gap(ctx, 2), arms)
    choices = [
        (text, room) for text in (label, label.replace(", ", ",\n")) for room in (arms, ticks)
    ]
    counts = [len(ctx.measurer.wrap(text, font, room, ctx.lang)) for text, room in choices]
    for (text, room), count in zip(choices, counts, strict=True):
        if count == text.count("\n") + 1:  # no line of it wraps
            return text, room
    return choices[counts.index(min(counts))]


def _option_block(
    ctx: Context, option: m.Option, x: float, top: float, width: float, icon_on_top: bool
) -> Block:
    if icon_on_top and option.icon:
        size = ctx.theme.shape.icon_size
        icon = Icon(option.icon, x, top, size, ctx.theme.palette.icon, ctx.theme.shape.icon_stroke)
        below = _option_block(
            ctx, option.model_copy(update={"icon": None}), x, top + size + _gap(ctx), width, False
        )
        return Block([icon, *below.items], size + _gap(ctx) + below.height, top + size / 2)
    head = _titled(ctx, option.icon, option.title, option.description, option.links, x, top, width)
    if not option.steps:
        return head
    steps = _sub_steps(ctx, option.steps, x, top + head.height + _gap(ctx), width)
    return Block(head.items + steps.items, head.height + _gap(ctx) + steps.height, head.anchor_y)


def _sub_steps(ctx: Context, steps: Sequence[Any], x: float, top: float, width: float) -> Block:
    """A short sequence inside an option: numbered, each step under the last (a single
    step is not numbered: there is no sequence)."""
    if len(steps) == 1:
        only = steps[0].model_copy(update={"icon": None})
        return stage_block(ctx, only, x, top, width)
    parts = [_numbered(ctx, i + 1, step, x, width) for i, step in enumerate(steps)]
    return stack(ctx, parts, top, _gap(ctx, 0.75))


def _numbered(ctx: Context, n: int, step: Any, x: float, width: float) -> Callable[[float], Block]:
    def build(y: float) -> Block:
        font = ctx.font("body", "bold")
        indent = _gap(ctx, 2.5)
        num, _ = ctx.lines((f"{n}.",), x, y, indent, font, ctx.theme.palette.text, role="bullet")
        inner = stage_block(
            ctx, step.model_copy(update={"icon": None}), x + indent, y, width - indent
        )
        return Block([num, *inner.items], inner.height, inner.anchor_y)

    return build


def _side_by_side(
    ctx: Context,
    parts: list[Part],
    separator: str,
    x: float,
    top: float,
    part_width: float,
    sep: float,
) -> Block:
    blocks = [
        part(x + i * (part_width + sep), top, part_width, True) for i, part in enumerate(parts)
    ]
    height = max(b.height for b in blocks)
    items: list[Item] = []
    extent = height
    for i, block in enumerate(blocks):
        if i and separator:  # the "OR" before the option it introduces, between the two
            centre = x + i * (part_width + sep) - sep / 2
            marks, used = _vertical_or(ctx, separator, centre, top, height, sep - _gap(ctx, 2))
            items += marks
            extent = max(extent, used)
        items += block.items
    return Block(items, extent, blocks[0].anchor_y)


def _stacked(
    ctx: Context, parts: list[Part], separator: str, x: float, top: float, width: float
) -> Block:
    items: list[Item] = []
    y = top
    anchor = top
    for i, part in enumerate(parts):
        if i and not separator:  # no word: only a gap between the two
            y += _gap(ctx, 2)
        elif i:
            sep_items, sep_h = _horizontal_or(ctx, separator, x, y, width)
            items += sep_items
            y += sep_h
        block = part(x, y, width, False)
        anchor = block.anchor_y if i == 0 else anchor
        items += block.items
        y += block.height
    return Block(items, y - top, anchor)


def _label_lines(ctx: Context, label: str, width: float) -> list[str]:
    """A separator's lines: one when it fits ``width`` (the usual "OR"), else wrapped."""
    font = ctx.font("small", "bold")
    if ctx.single_width(label, font) + 2 <= width:
        return [label]
    return ctx.measurer.wrap(label, font, width)


def _or_label(
    ctx: Context, label: str, cx: float, cy: float, width: float
) -> tuple[Text, float, float]:
    """The separator centred on (cx, cy), wrapped to ``width``: text, widest line, height."""
    font = ctx.font("small", "bold")
    lines = _label_lines(ctx, label, width)
    box_w = ctx.single_width(label, font) + 2 if len(lines) == 1 else width
    height = ctx.line_height(font) * len(lines)
    text, _ = ctx.lines(
        tuple(lines),
        cx,
        cy - height / 2,
        box_w,
        font,
        ctx.theme.palette.muted_text,
        anchor="middle",
        role="separator",
    )
    widest = ctx.single_width(label, font) if len(lines) == 1 else max(text.widths)
    return text, widest, height


def _vertical_or(
    ctx: Context, label: str, cx: float, top: float, height: float, width: float
) -> tuple[list[Item], float]:
    """The separator between side-by-side parts, a rule under it; and the height it takes."""
    label_h = ctx.line_height(ctx.font("small", "bold")) * len(_label_lines(ctx, label, width))
    mid = top + max(min(height / 2, 3 * ctx.unit), label_h / 2)
    text, _, _ = _or_label(ctx, label, cx, mid, width)
    gap = label_h / 2 + 4
    if height <= mid - top + gap:  # no room for a rule under the label
        return [text], max(height, mid + label_h / 2 - top)
    end = top + max(height, mid - top + gap + ctx.unit)
    line = Path(
        (("M", cx, mid + gap), ("L", cx, end)),
        stroke=ctx.theme.palette.choice_separator,
        stroke_width=1,
        role="separator",
    )
    return [text, line], end - top


def _horizontal_or(
    ctx: Context, label: str, x: float, top: float, width: float
) -> tuple[list[Item], float]:
    room = max(width - _gap(ctx, 6), _gap(ctx, 2))
    lines = len(_label_lines(ctx, label, room))
    height = max(_gap(ctx, 5), lines * ctx.line_height(ctx.font("small", "bold")) + _gap(ctx, 2))
    cy = top + height / 2
    text, label_w, _ = _or_label(ctx, label, x + width / 2, cy, room)
    colour = ctx.theme.palette.choice_separator
    half = label_w / 2 + _gap(ctx)
    left = Path(
        (("M", x, cy), ("L", x + width / 2 - half, cy)),
        stroke=colour,
        stroke_width=1,
        role="separator",
    )
    right = Path(
        (("M", x + width / 2 + half, cy), ("L", x + width, cy)),
        stroke=colour,
        stroke_width=1,
        role="separator",
    )
    return [left, text, right], height


_BUILDERS: dict[str, Callable[[Context, Any, float, float, float], Block]] = {
    "step": _step,
    "bullets": _bullets,
    "callout": _callout,
    "choice": _choice,
    "all": _all_of,
    "exam": _exam,
    "certification": _certification,
}

__all__ = [
    "LINK_MARK",
    "Block",
    "Box",
    "heading_and_body",
    "linked",
    "links_block",
    "stack",
    "stage_block",
    "unlinked",
]

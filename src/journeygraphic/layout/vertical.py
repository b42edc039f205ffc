"""The vertical layout: phases stacked down a vertical timeline, for docs pages and phones.

Two arrangements, chosen by the width:
- narrow: the node at the left, the caption beside it, the phase's stages under the caption;
- wide: captions in a left column, right-aligned against the timeline, and the stages to
  the right of it, their first line level with the node.
Text wraps to the width; fonts keep their theme sizes. On wide pages the content column
stops at a readable measure and the picture's grid is centred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import model as m
from ..scene import Circle, Icon, Item, Path, Scene
from ._bands import Edges, footer_band, header_band
from ._blocks import Block, stage_block
from ._context import Context
from ._logo import banded
from ._progress import along
from ._roles import goal_index, node_drawn, shown_footer
from ._status import node, track_with_dots
from .legend import journey_keys, legend_block

DEFAULT_WIDTH = 800
MIN_WIDTH = 320  # the narrowest page the command line allows
TWO_COLUMN_FROM = 720.0  # px of grid width from which captions get their own column
MAX_CONTENT = 600.0  # px: about 70 characters of body text, a comfortable measure
SNAP = 8.0


@dataclass(frozen=True)
class Frame:
    """The grid: where the timeline runs and where captions and stages hang from it."""

    page_w: float
    left: float  # text edges of the grid (bands align to them too)
    right: float
    line_x: float  # the timeline
    caption_x: float  # narrow: captions' left edge; wide: their right edge
    caption_w: float
    content_x: float
    content_w: float
    two_column: bool
    unit: float

    @property
    def track_x(self) -> float:
        """Where an upskill track runs: half a node's gutter right of the timeline."""
        return self.line_x + 4 * self.unit

    @property
    def edges(self) -> Edges:
        return Edges(self.page_w, self.left, self.right)


@dataclass
class Placed:
    """A phase laid out: its track (drawn under the timeline), its other items, its node."""

    node_y: float
    bottom: float
    items: list[Item] = field(default_factory=list)
    track: list[Item] = field(default_factory=list)


def _cut(edges: Edges, cut: float) -> Edges:
    """``edges`` of a page ``cut`` px narrower (the logo's room), its left edge kept."""
    return Edges(edges.page_w - cut, edges.left, edges.right - cut)


def layout_vertical(journey: m.Journey, ctx: Context, width: float | None = None) -> Scene:
    """Lay out ``journey`` top to bottom, ``width`` pixels wide (grown to ``MIN_WIDTH``)."""
    frame = make_frame(ctx, float(width or DEFAULT_WIDTH))
    edges = frame.edges
    header = banded(
        ctx,
        "header",
        (edges.left, edges.right),
        lambda cut: header_band(ctx, journey.header, _cut(edges, cut)),
    )
    y = header.height + 5 * ctx.unit
    phases: list[Placed] = []
    for phase in journey.phases:
        inner = ctx.inheriting(ctx.marks.handed_down(phase, None))
        phases.append(_phase(inner, phase, frame, y))
        y = phases[-1].bottom + 6 * ctx.unit
    # the legend hangs right of the line, like the stages: the line runs on to the footer
    keys = journey_keys(journey, ctx)
    key = legend_block(ctx, keys, frame.content_x, y - ctx.unit, frame.content_w)
    line_end = y
    if key.items:
        y += key.height + 3 * ctx.unit
    footer = banded(
        ctx,
        "footer",
        (edges.left, edges.right),
        lambda cut: footer_band(ctx, shown_footer(journey), _cut(edges, cut), y),
    )
    nodes = [p.node_y for p in phases]
    if ctx.marks.given:
        line, dots = _travelled(ctx, journey.phases, frame, header.height, y, nodes, line_end)
    else:
        line = _timeline(ctx, frame, header.height, y, nodes, goal_index(journey))
        dots = _nodes(ctx, frame, journey.phases, phases, goal_index(journey))
    items: list[Item] = [*header.items]
    items += [i for p in phases for i in p.track] + line.items
    items += [i for p in phases for i in p.items] + key.items + dots
    items += footer.items
    return Scene(
        width=frame.page_w,
        height=float(int(y + footer.height + 0.999)),  # whole pixels at any scale
        background=ctx.theme.palette.page,
        items=tuple(items),
        title=_title(journey),
    )


def _title(journey: m.Journey) -> str:
    return f"{journey.header.lead or ''} {journey.header.title}".strip()


# -- the grid ---------------------------------------------------------------------------


def page_margin(ctx: Context, page_w: float) -> float:
    """Margins grow with the page: tight on phones, generous on desktops."""
    for limit, units in ((480, 2), (800, 3), (1200, 4)):
        if page_w < limit:
            return units * ctx.unit
    return 6 * ctx.unit


def make_frame(ctx: Context, width: float) -> Frame:
    """The grid for a page ``width`` wide: two columns when there is room, else one."""
    page_w = max(width, MIN_WIDTH)
    margin = page_margin(ctx, page_w)
    inner = page_w - 2 * margin
    if inner >= TWO_COLUMN_FROM:
        return _two_column(ctx, page_w, margin, inner)
    r = ctx.theme.shape.node_radius
    line_x = margin + r
    content_x = line_x + r + 2 * ctx.unit
    content_w = page_w - margin - content_x
    return Frame(
        page_w=page_w,
        left=margin,
        right=page_w - margin,
        line_x=line_x,
        caption_x=content_x,
        caption_w=content_w,
        content_x=content_x,
        content_w=content_w,
        two_column=False,
        unit=ctx.unit,
    )


def _two_column(ctx: Context, page_w: float, margin: float, inner: float) -> Frame:
    """Captions | timeline | stages, centred when the content column reaches its measure."""
    r = ctx.theme.shape.node_radius
    gutter = r + 3 * ctx.unit  # from the timeline to the text on either side
    caption_w = _snap(min(max(inner * 0.26, 22 * ctx.unit), 35 * ctx.unit))
    content_w = min(inner - caption_w - 2 * gutter, MAX_CONTENT)
    used = caption_w + 2 * gutter + content_w
    left = margin + (inner - used) / 2
    line_x = left + caption_w + gutter
    return Frame(
        page_w=page_w,
        left=left,
        right=left + used,
        line_x=line_x,
        caption_x=line_x - gutter,
        caption_w=caption_w,
        content_x=line_x + gutter,
        content_w=content_w,
        two_column=True,
        unit=ctx.unit,
    )


def _snap(width: float) -> float:
    return float(int(width // SNAP) * SNAP)


# -- phases -----------------------------------------------------------------------------


def _phase(ctx: Context, phase: m.Phase, frame: Frame, top: float) -> Placed:
    if frame.two_column:
        return _phase_wide(ctx, phase, frame, top)
    return _phase_narrow(ctx, phase, frame, top)


def _phase_narrow(ctx: Context, phase: m.Phase, frame: Frame, top: float) -> Placed:
    """Caption beside the node; stages under the caption (on a branch track if asked)."""
    caption = _caption(ctx, phase, frame.content_x, top, frame.content_w, "start")
    node_y = top + _first_line_middle(ctx, phase)
    placed = Placed(node_y, top + caption.height, list(caption.items))
    if not phase.steps:
        return placed
    below = top + caption.height
    if phase.track:
        _add_track(ctx, phase, frame, placed, below + ctx.unit)
    else:
        top = below + 2 * ctx.unit
        stages, _ = _stages(ctx, phase.steps, frame.content_x, top, frame.content_w)
        placed.items += stages.items
        placed.bottom = top + stages.height
    return placed


def _phase_wide(ctx: Context, phase: m.Phase, frame: Frame, top: float) -> Placed:
    """Caption left of the node, stages right of it, their first lines level."""
    middle = _first_line_middle(ctx, phase)
    if phase.track and phase.steps:
        placed = Placed(top + middle, top)
        _add_track(ctx, phase, frame, placed, top + middle)
    else:
        stages, anchors = _stages(ctx, phase.steps, frame.content_x, top, frame.content_w)
        # the node meets the first stage's first line (a badge: its middle)
        node_y = max([top + middle, *anchors[:1]])
        placed = Placed(node_y, top + stages.height, list(stages.items))
    caption_top = placed.node_y - middle
    caption = _caption(ctx, phase, frame.caption_x, caption_top, frame.caption_w, "end")
    placed.items = caption.items + placed.items
    placed.bottom = max(placed.bottom, caption_top + caption.height)
    return placed


def _stages(
    ctx: Context, stages: Sequence[m.Stage], x: float, top: float, width: float
) -> tuple[Block, list[float]]:
    """Stages one under another, and the middle of each one's first line (for dots)."""
    block = Block(anchor_y=top)
    anchors: list[float] = []
    y = top
    for i, stage in enumerate(stages):
        y += 3 * ctx.unit if i else 0
        part = stage_block(ctx, stage, x, y, width)
        anchors.append(part.anchor_y)
        block.items += part.items
        y += part.height
    block.height = y - top
    return block, anchors


def _add_track(ctx: Context, phase: m.Phase, frame: Frame, placed: Placed, branch_y: float) -> None:
    """Stages right of a grey track that branches off the timeline, a dot per stage."""
    radius = frame.track_x - frame.line_x
    x = frame.track_x + 3 * ctx.unit
    right = frame.content_x + frame.content_w
    top = branch_y + radius - ctx.unit / 2
    stages, anchors = _stages(ctx, phase.steps, x, top, right - x)
    placed.items += stages.items
    placed.bottom = top + stages.height
    states = [ctx.marks.settled(s, ctx.inherited) for s in phase.steps]
    placed.track = _track(ctx, frame, branch_y, anchors, states)


def _track(
    ctx: Context,
    frame: Frame,
    branch_y: float,
    anchors: list[float],
    states: list[m.State | None],
) -> list[Item]:
    """A quarter curve from the timeline to the track, then straight down past each dot;
    with progress, again in the progress colour down to the furthest stage done."""
    x0, x1 = frame.line_x, frame.track_x
    radius = x1 - x0
    curve = (
        ("M", x0, branch_y),
        ("C", x0, branch_y + radius * 0.55, x1, branch_y + radius * 0.45, x1, branch_y + radius),
        ("L", x1, max(anchors[-1], branch_y + radius)),
    )
    return track_with_dots(ctx, curve, branch_y + radius, anchors, states)


def _first_line_middle(ctx: Context, phase: m.Phase) -> float:
    """From a caption's top to the middle of its first line (or of its icon)."""
    line = ctx.line_height(ctx.font("caption", "bold"))
    return max(line, ctx.theme.shape.icon_size if phase.icon else 0.0) / 2


def _caption(ctx: Context, phase: m.Phase, x: float, top: float, width: float, align: str) -> Block:
    """The phase's words: caption in bold, then its detail; an icon on the timeline side."""
    pal, size = ctx.theme.palette, ctx.theme.shape.icon_size
    items: list[Item] = []
    middle = _first_line_middle(ctx, phase)
    text_top = top + middle - ctx.line_height(ctx.font("caption", "bold")) / 2
    tx, tw = x, width
    if phase.icon:
        icon_x = x if align == "start" else x - size
        items.append(Icon(phase.icon, icon_x, top, size, pal.progress, ctx.theme.shape.icon_stroke))
        shift = size + ctx.unit
        tx, tw = (x + shift, width - shift) if align == "start" else (x - shift, width - shift)
    bold, regular = ctx.font("caption", "bold"), ctx.font("caption")
    h = 0.0
    if phase.caption:  # a phase without one draws none
        text, h = ctx.text(
            phase.caption, tx, text_top, tw, bold, pal.text, anchor=align, role="caption"
        )
        items.append(text)
    if phase.detail:
        detail, dh = ctx.text(
            phase.detail, tx, text_top + h, tw, regular, pal.text, anchor=align, role="caption"
        )
        items.append(detail)
        h += dh
    return Block(items, max(text_top + h - top, 2 * middle), top)


# -- the timeline -----------------------------------------------------------------------


def _timeline(
    ctx: Context, frame: Frame, top: float, bottom: float, nodes: list[float], goal: int
) -> Block:
    """The thick line from band to band: progress colour to the milestone, then fading."""
    shape, pal = ctx.theme.shape, ctx.theme.palette
    fade_from = nodes[goal]
    fade_to = min(bottom, fade_from + 12 * ctx.unit)
    width = shape.timeline_width
    items: list[Item] = [_segment(frame.line_x, top, fade_from + 1, pal.progress, width)]
    steps = 8
    for i in range(steps):
        a = fade_from + (fade_to - fade_from) * i / steps
        b = fade_from + (fade_to - fade_from) * (i + 1) / steps
        colour = mix(pal.progress, pal.rest, (i + 0.5) / steps)
        # each piece runs 1 px under the next: butt ends that only touch show seams
        items.append(_segment(frame.line_x, a, b + 1, colour, width))
    items.append(_segment(frame.line_x, fade_to, bottom, pal.rest, width))
    return Block(items, bottom - top, top)


def _travelled(
    ctx: Context,
    phases: Sequence[m.Phase],
    frame: Frame,
    top: float,
    bottom: float,
    nodes: list[float],
    last_end: float,
) -> tuple[Block, list[Item]]:
    """The line with personal progress, as in the poster: each phase owns the stretch
    from its node to the next (the last phase: to the end of its stages), filled in
    proportion to how much of it is settled; nodes filled once passed, ringed at "you are
    here"."""
    shape, pal = ctx.theme.shape, ctx.theme.palette
    reach = ctx.marks.reach(phases)
    end = along(reach, nodes, last_end)
    width = shape.timeline_width
    items: list[Item] = []
    if end is not None:
        items.append(_segment(frame.line_x, top, end + 1, pal.done, width))
    items.append(_segment(frame.line_x, end if end is not None else top, bottom, pal.rest, width))
    current = ctx.marks.current_phase(phases)
    circles: list[Item] = []
    for i, y in enumerate(nodes):
        passed = reach is not None and i + 1 <= reach
        reached = reach is not None and i <= reach
        if node_drawn(phases, i):
            circles += node(ctx, frame.line_x, y, passed, reached, i == current)
    return Block(items, bottom - top, top), circles


def _segment(x: float, y0: float, y1: float, colour: str, width: float) -> Path:
    return Path(
        (("M", x, y0), ("L", x, y1)), stroke=colour, stroke_width=width, cap="butt", role="timeline"
    )


def _nodes(
    ctx: Context, frame: Frame, specs: Sequence[m.Phase], phases: list[Placed], goal: int
) -> list[Item]:
    shape, pal = ctx.theme.shape, ctx.theme.palette
    return [
        Circle(
            frame.line_x,
            p.node_y,
            shape.node_radius,
            pal.node_fill,
            pal.node_stroke if i <= goal else pal.rest,
            3,
            role="node",
        )
        for i, p in enumerate(phases)
        if node_drawn(specs, i)
    ]


def mix(a: str, b: str, t: float) -> str:
    """The colour ``t`` of the way from ``a`` to ``b`` (both ``#RRGGBB``)."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb, strict=True))


__all__ = ["DEFAULT_WIDTH", "MIN_WIDTH", "layout_vertical", "make_frame", "page_margin"]

"""The landscape poster: header band, timeline of phases, one column per phase, footer band.

Columns hang from the timeline nodes and share one top line. Column widths are balanced
so that the tallest column is as short as the width allows; the rest is shared evenly. A
column much taller than the others flows into two sub-columns under its node, and the
timeline wraps onto a second row when one row cannot keep every column's measure; the
rule that chooses among these arrangements is ``_plan``'s.
"""

from __future__ import annotations

import math
import operator
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import model as m
from ..scene import Circle, Command, Font, Icon, Item, Link, Path, Rect, Scene, Text
from ._bands import Edges, cta_block, footer_band, roomy
from ._blocks import Block, linked, stage_block
from ._context import Context
from ._logo import banded
from ._move import move
from ._progress import along
from ._roles import goal_index, node_drawn, shown_footer
from ._scale import scaled
from ._status import node, track_with_dots
from .legend import journey_keys, legend_block

DEFAULT_WIDTH = 1600
WIDTH_STEP = 8
# The measure: no column's stages get fewer ems of body text than this, and the busiest
# column (most words) no fewer than BUSY_MEASURE. A poster's short columns read well at
# 12 ems (AZ-400 at 1600 px has 12.3-12.8); running text wants the 18 of DESIGN.md.
# 18 everywhere would put every catalog and corpus poster on two rows at 1600 px (five
# phases need 1672 px, six 1984); a flowed column keeps MIN_MEASURE in each sub-column.
MIN_MEASURE = 12.0
BUSY_MEASURE = 18.0
UP_SCALES = (1.5, 1.375, 1.25, 1.125)  # type scales tried on pages wider than the default
DENSER = (0.9, 0.8)  # type scales tried before the page grows
MIN_TWO_ROWS = 4  # phases: fewer are never split into two rows
FLOW_RATIO = 2.0  # a column taller than this times the median column is flowed if it can be
SUB_GAP = 3  # units between the two sub-columns of a flowed column


@dataclass(frozen=True)
class Grid:
    """One row of columns: where each starts and how wide it is."""

    margin: float
    gap: float
    xs: tuple[float, ...]
    widths: tuple[float, ...]
    page_width: float
    start: int = 0  # the index of the row's first phase
    # Per column: the stage its second sub-column starts with; 0 for a column not flowed.
    splits: tuple[int, ...] = ()
    # Per column: its height from the timeline down (as balanced), for the balance rule.
    heights: tuple[float, ...] = ()
    height: float = 0.0  # the tallest caption plus the tallest column


@dataclass(frozen=True)
class Plan:
    """The arrangement chosen: the (scaled) context, the rows and the page width; and,
    when a column stays more than ``FLOW_RATIO`` times the median height, why."""

    ctx: Context
    rows: tuple[Grid, ...]
    page_width: float
    why: str = ""
    factor: float = 1.0  # the type scale, times the theme's sizes


def layout_poster(journey: m.Journey, ctx: Context, width: float | None = None) -> Scene:
    """Lay out ``journey`` as a landscape poster ``width`` pixels wide (see ``_plan``)."""
    plan = poster_plan(journey, ctx, width)
    ctx, page_w = plan.ctx, plan.page_width
    edges = (6 * ctx.unit, page_w - 6 * ctx.unit)  # the bands' text edges
    header = banded(ctx, "header", edges, lambda cut: _header(ctx, journey.header, page_w - cut))
    items: list[Item] = [*header.items]
    top = header.height + 4 * ctx.unit
    for grid in plan.rows:
        row, bottom = _row(ctx, journey, grid, top)
        items += row
        top = bottom + 6 * ctx.unit
    footer_top = top
    keys = journey_keys(journey, ctx)
    margin = plan.rows[0].margin
    key = legend_block(ctx, keys, margin, footer_top - ctx.unit, page_w - 2 * margin)
    if key.items:
        items += key.items
        footer_top += key.height + 3 * ctx.unit
    footer = banded(
        ctx,
        "footer",
        edges,
        lambda cut: _footer(ctx, shown_footer(journey), page_w - cut, footer_top),
    )
    items += footer.items
    return Scene(
        width=page_w,
        height=float(math.ceil(footer_top + footer.height)),  # whole pixels at any scale
        background=ctx.theme.palette.page,
        items=tuple(items),
        title=_title(journey),
    )


def poster_plan(journey: m.Journey, ctx: Context, width: float | None = None) -> Plan:
    """The arrangement ``layout_poster`` draws: rows, column widths, flowed columns, and
    why a column is left more than ``FLOW_RATIO`` times the median height (if one is)."""
    return _plan(ctx, journey.phases, float(width or DEFAULT_WIDTH))


def _row(ctx: Context, journey: m.Journey, grid: Grid, top: float) -> tuple[list[Item], float]:
    """One row of the poster: captions, the timeline with its nodes, the columns under
    them; and where the lowest column ends."""
    phases = journey.phases[grid.start : grid.start + len(grid.xs)]
    captions = [
        _caption(ctx, p, x, w) for p, x, w in zip(phases, grid.xs, grid.widths, strict=True)
    ]
    caption_h = max(c.height for c in captions)
    timeline_y = top + caption_h + 3 * ctx.unit
    heads = [_shift(b, top + caption_h - b.height).items for b in captions]
    columns = _columns(ctx, phases, grid, timeline_y, heads)
    line, nodes = _timeline(ctx, journey, grid, timeline_y)
    # nodes last: the track leaves from under them
    return line + columns.items + nodes, timeline_y + 5 * ctx.unit + columns.height


def _title(journey: m.Journey) -> str:
    lead = journey.header.lead or ""
    return f"{lead} {journey.header.title}".strip()


# -- header and footer ------------------------------------------------------------------


def _header(ctx: Context, header: m.Header, page_w: float) -> Block:
    pal = ctx.theme.palette
    margin = 6 * ctx.unit
    pad = 4 * ctx.unit
    cta = _cta(ctx, header.call_to_action, page_w - margin, page_w / 3)
    title_w = page_w - 2 * margin - (cta.width + 6 * ctx.unit if cta.items else 0)
    y = pad
    items: list[Item] = []
    if header.lead:
        text, h = ctx.text(
            header.lead, margin, y, title_w, ctx.font("lead"), pal.band_text, role="header"
        )
        items.append(text)
        y += h
    text, h = ctx.text(
        header.title, margin, y, title_w, ctx.font("title", "bold"), pal.band_text, role="header"
    )
    items.append(text)
    height = max(y + h, cta.height + pad) + pad
    cta_top = (height - cta.height) / 2
    band = Rect(0, 0, page_w, height, pal.band, role="band")
    return Block([band, *items, *_shift_items(cta.items, cta_top)], height, 0)


@dataclass
class _Cta:
    items: list[Item]
    width: float
    height: float


def _cta(ctx: Context, cta: m.CallToAction | None, right: float, max_w: float) -> _Cta:
    """The call to action, right-aligned; its lines start at one left edge."""
    if cta is None:
        return _Cta([], 0, 0)
    lead_font, label_font = ctx.font("cta"), ctx.font("cta", "bold")
    widths = [ctx.single_width(cta.label, label_font)]
    if cta.lead:
        widths.append(ctx.single_width(cta.lead, lead_font))
    width = min(max(widths), max_w)
    block = cta_block(ctx, cta, right - width, 0.0, width, (lead_font, label_font))
    return _Cta(block.items, width, block.height)


def _footer(ctx: Context, footer: m.Footer | None, page_w: float, top: float) -> Block:
    pal = ctx.theme.palette
    margin = 6 * ctx.unit
    pad = 3 * ctx.unit
    footer = footer or m.Footer()
    shares = _footer_shares(ctx, footer, page_w)
    if not all(roomy(ctx, *part, shares[name]) for name, part in _footer_parts(ctx, footer)):
        # A narrow poster with long footer texts: stacked, as the vertical layout does.
        return footer_band(ctx, footer, Edges(page_w, margin, page_w - margin), top)
    right: list[Item] = []
    if footer.link:
        font = ctx.font("body", "bold")
        link_w = shares["link"]
        text, _ = ctx.text(
            linked(ctx, footer.link.label),
            page_w - margin - link_w,
            top + pad,
            link_w,
            font,
            pal.accent,
            role="link",
        )
        right.append(Link(footer.link.url, (text,), title=footer.link.label))
    left, left_h = _footer_left(ctx, footer, margin, top + pad, shares)
    inner = max(
        left_h, max((_text_h(t) for t in right), default=0.0), ctx.line_height(ctx.font("body"))
    )
    height = inner + 2 * pad
    band = Rect(0, top, page_w, height, pal.band, role="band")
    return Block([band, *left, *right], height, top)


def _footer_parts(ctx: Context, footer: m.Footer) -> list[tuple[str, tuple[str, Font]]]:
    """The footer's link, brand and note (those present), each with its text and font."""
    bold = ctx.font("body", "bold")
    parts = [
        ("link", footer.link and (linked(ctx, footer.link.label), bold)),
        ("brand", footer.brand and (footer.brand, bold)),
        ("note", footer.note and (footer.note, ctx.font("small"))),
    ]
    return [(name, part) for name, part in parts if part]


def _footer_shares(ctx: Context, footer: m.Footer, page_w: float) -> dict[str, float]:
    """The width each part gets side by side: the link up to a third of the page at the
    right, the brand up to half of the rest at the left, the note what remains between."""
    gap, shares = 3 * ctx.unit, {}
    width = page_w - 2 * 6 * ctx.unit
    for name, (content, font) in _footer_parts(ctx, footer):
        if name == "note":
            shares[name] = width - gap
            continue
        most = page_w / 3 if name == "link" else width / 2
        shares[name] = min(ctx.single_width(content, font), most)
        width -= shares[name] + (gap if name == "brand" else 0)
    return shares


def _footer_left(
    ctx: Context, footer: m.Footer, x: float, top: float, shares: dict[str, float]
) -> tuple[list[Item], float]:
    pal = ctx.theme.palette
    items: list[Item] = []
    height = 0.0
    if footer.brand:
        font = ctx.font("body", "bold")
        brand_w = shares["brand"]
        text, height = ctx.text(footer.brand, x, top, brand_w, font, pal.band_text, role="footer")
        items.append(text)
        x += brand_w + 3 * ctx.unit
    if footer.note:
        font = ctx.font("small")
        note_top = top + (ctx.line_height(ctx.font("body")) - ctx.line_height(font)) / 2
        text, h = ctx.text(
            footer.note, x, note_top, shares["note"], font, pal.band_muted_text, role="footer"
        )
        items.append(text)
        height = max(height, h + note_top - top)
    return items, height


def _text_h(item: Item) -> float:
    texts = item.items if isinstance(item, Link) else (item,)
    return sum(t.line_height * len(t.lines) for t in texts if isinstance(t, Text))


# -- grid and columns -------------------------------------------------------------------


def _plan(ctx: Context, phases: Sequence[m.Phase], page_w: float) -> Plan:
    """The arrangement of the phases' columns on a page ``page_w`` wide.

    Arrangements are tried in this order, and only those whose columns all keep their
    measure (see ``_min_widths``) count:

    1. one row, widths shared by content (``_balance``): the busiest column gets more;
       on a page wider than ``DEFAULT_WIDTH`` at the largest type scale that fits (up to
       ``UP_SCALES[0]``), so a wide poster is a larger poster;
    2. the timeline wrapped onto two rows (node order and colouring kept);
    3. one row, then two, at a denser type scale (``DENSER``).

    In each, a column more than ``FLOW_RATIO`` times as tall as the median column is
    flowed into two sub-columns under its node (``_flowed``) when the others can cede the
    width and the row comes out shorter. The rule: the first arrangement that keeps the
    measure and has no column over ``FLOW_RATIO`` times the median is taken; balance may
    cost a step down the larger scales of a wide page (to the theme's own sizes at the
    least) or a second row, never type denser than the first arrangement that keeps the
    measure. When none is so balanced, that first one is taken, with the reason in
    ``Plan.why``.
    Only when none keeps the measure does the page grow, to the narrowest of those
    arrangements at the theme's own sizes (``layout()`` then warns that it is wider than
    asked).
    """
    busiest = _busiest(phases)
    larger = [f for f in UP_SCALES if f <= page_w / DEFAULT_WIDTH]
    counts = (1, 2) if len(phases) >= MIN_TWO_ROWS else (1,)
    tries = [(n, f) for n in counts for f in (*larger, 1.0)]
    tries += [(n, f) for n in counts for f in DENSER]
    first: Plan | None = None
    for rows, factor in tries:
        if first and factor < min(first.factor, 1.0):
            continue  # balance is not worth type denser than the measure needs
        scaled_ctx = scaled(ctx, factor)
        spans = _spans(len(phases), rows)
        if all(_needed(scaled_ctx, phases, span, busiest) <= page_w for span in spans):
            plan = replace(_arranged(scaled_ctx, phases, spans, busiest, page_w), factor=factor)
            if not plan.why:
                return plan
            first = first or plan
    return first or _widened(ctx, phases, busiest, counts)


def _widened(
    ctx: Context, phases: Sequence[m.Phase], busiest: int, counts: tuple[int, ...]
) -> Plan:
    """The arrangement that needs the narrowest page, at the theme's sizes."""
    needs = []
    for rows in counts:
        spans = _spans(len(phases), rows)
        needs.append((max(_needed(ctx, phases, span, busiest) for span in spans), rows))
    page_w, rows = min(needs)
    return _arranged(ctx, phases, _spans(len(phases), rows), busiest, page_w)


def _arranged(
    ctx: Context,
    phases: Sequence[m.Phase],
    spans: list[tuple[int, int]],
    busiest: int,
    page_w: float,
) -> Plan:
    """Rows of balanced columns; in each, the tallest flowed if it is over the limit."""
    grids = [_grid(ctx, phases, span, busiest, page_w) for span in spans]
    limit = FLOW_RATIO * statistics.median(_drawn_heights(ctx, grids))
    reasons = []
    for r, grid in enumerate(grids):
        grids[r], reason = _flowed(ctx, phases, grid, busiest, limit)
        reasons.append(reason)
    heights = _drawn_heights(ctx, grids)
    balanced = max(heights) <= FLOW_RATIO * statistics.median(heights)
    why = "" if balanced else "; ".join(r for r in reasons if r) or "a column stays tall, flowed"
    return Plan(ctx, tuple(grids), page_w, why)


def _drawn_heights(ctx: Context, grids: Sequence[Grid]) -> list[float]:
    """Every column's height from the timeline down to its lowest item, as drawn."""
    below = 5 * ctx.unit  # columns start this far under the timeline
    return [h + below if h else 0.0 for grid in grids for h in grid.heights]


def _flowed(
    ctx: Context, phases: Sequence[m.Phase], grid: Grid, busiest: int, limit: float
) -> tuple[Grid, str]:
    """``grid`` with its tallest column flowed into two sub-columns, when that column is
    drawn taller than ``limit``, it has two or more stages, the row still keeps every
    measure and comes out shorter; else ``grid`` and the reason it was not flowed."""
    tall = max(range(len(grid.heights)), key=grid.heights.__getitem__)
    if _drawn_heights(ctx, [grid])[tall] <= limit:
        return grid, ""
    phase = phases[grid.start + tall]
    name = repr(phase.caption or phase.id)
    if len(phase.steps) < 2:
        return grid, f"{name} is one stage, which cannot flow into two sub-columns"
    span = (grid.start, grid.start + len(grid.xs))
    needed = _needed(ctx, phases, span, busiest, tall)
    if needed > grid.page_width:
        return grid, f"{name} flowed into two sub-columns needs a {needed:.0f} px page"
    flowed = _grid(ctx, phases, span, busiest, grid.page_width, tall)
    if flowed.height >= grid.height:
        return grid, f"{name} flowed into two sub-columns makes the row no shorter"
    return flowed, ""


def _spans(count: int, rows: int) -> list[tuple[int, int]]:
    """Phases ``[a, b)`` of each row; the first row takes the odd one out."""
    per_row = math.ceil(count / rows)
    return [(a, min(a + per_row, count)) for a in range(0, count, per_row)]


def _busiest(phases: Sequence[m.Phase]) -> int:
    """The phase with the most words: its column is where running text is read."""
    sizes = [len(p.model_dump_json(exclude_none=True)) for p in phases]
    return sizes.index(max(sizes))


def _margins(ctx: Context) -> tuple[float, float]:
    return 6 * ctx.unit, 5 * ctx.unit


def _needed(
    ctx: Context,
    phases: Sequence[m.Phase],
    span: tuple[int, int],
    busiest: int,
    flowed: int | None = None,
) -> float:
    """The page width a row of phases ``span`` needs to keep every column's measure
    (with its column ``flowed`` in two sub-columns)."""
    margin, gap = _margins(ctx)
    mins = _min_widths(ctx, phases, span, busiest, flowed)
    return sum(mins) + 2 * margin + gap * (len(mins) - 1)


def _grid(
    ctx: Context,
    phases: Sequence[m.Phase],
    span: tuple[int, int],
    busiest: int,
    page_w: float,
    flowed: int | None = None,
) -> Grid:
    """A row of columns across the page, widths balanced (never below their measure);
    its column ``flowed`` (counted in the row) in two sub-columns."""
    margin, gap = _margins(ctx)
    row = phases[span[0] : span[1]]
    available = page_w - 2 * margin - gap * (len(row) - 1)
    costs = _ColumnCosts(ctx, row, flowed)
    widths = _balance(costs, available, _min_widths(ctx, phases, span, busiest, flowed))
    xs, x = [], margin
    for w in widths:
        xs.append(x)
        x += w + gap
    splits = tuple(costs.split(i, w) for i, w in enumerate(widths))
    _, captions, columns = zip(*costs.costs(widths), strict=True)
    height = max(captions) + max(columns)
    return Grid(margin, gap, tuple(xs), tuple(widths), page_w, span[0], splits, columns, height)


def _min_widths(
    ctx: Context,
    phases: Sequence[m.Phase],
    span: tuple[int, int],
    busiest: int,
    flowed: int | None = None,
) -> list[float]:
    """Each column's narrowest width: ``MIN_MEASURE`` ems of body text for its stages
    (``BUSY_MEASURE`` for the busiest), plus the track's indent; a column ``flowed``
    (counted in the row) keeps ``MIN_MEASURE`` in each sub-column. Snapped to the grid."""
    body = ctx.theme.typography.sizes.body
    widths: list[float] = []
    for i in range(*span):
        measure = (BUSY_MEASURE if i == busiest else MIN_MEASURE) * body
        track = _track_offset(ctx) if phases[i].track else 0.0
        width = measure + track
        if i - span[0] == flowed:
            width = 2 * (MIN_MEASURE * body + track) + SUB_GAP * ctx.unit
        widths.append(float(math.ceil(width / WIDTH_STEP) * WIDTH_STEP))
    return widths


def _snap(width: float) -> float:
    return float(int(width // WIDTH_STEP) * WIDTH_STEP)


def _balance(costs: _ColumnCosts, available: float, mins: list[float]) -> list[float]:
    """Share ``available`` width so the poster is as short as it can be.

    Starts from equal columns and moves width between pairs of columns while that lowers
    the number of words split mid-word, then (tallest caption + tallest column), then the
    total height of all text (less wrapping).
    Moves come in several sizes to step over wrapping plateaus.
    """
    widths = _equal_widths(available, mins)
    score = costs.score(widths)
    for _ in range(64):
        move = _best_move(costs, widths, mins, score)
        if move is None:
            break
        widths, score = move
    return widths


def _equal_widths(available: float, mins: list[float]) -> list[float]:
    share = _snap(available / len(mins))
    widths = [max(share, low) for low in mins]
    while sum(widths) > available + 0.01:  # squeeze columns above their minimum
        widest = max(range(len(widths)), key=lambda i: widths[i] - mins[i])
        widths[widest] -= WIDTH_STEP
    widths[-1] += available - sum(widths)
    return widths


Cost = tuple[int, float, float]  # words split mid-word, caption height, column height
Score = tuple[int, float, float]


class _ColumnCosts:
    """Words split mid-word, caption and content heights of each column at a width,
    remembered; the column ``flowed`` (if any) measured in two sub-columns."""

    def __init__(self, ctx: Context, phases: Sequence[m.Phase], flowed: int | None = None) -> None:
        self.phases = phases
        self.flowed = flowed
        self.cache: dict[tuple[int, float], Cost] = {}
        self.splits: dict[float, int] = {}  # the flowed column's split at each width
        self.counting = replace(ctx, broken=[0], sizing=True)

    def heights(self, i: int, width: float) -> Cost:
        key = (i, width)
        found = self.cache.get(key)  # one lookup: _best_move asks ~1,000 times a layout
        if found is None:
            phase, counting = self.phases[i], self.counting
            assert counting.broken is not None
            counting.broken[0] = 0
            caption = _caption(counting, phase, 0, width).height
            if i == self.flowed:
                self.splits[width], column = _split(counting, phase, width)
            else:
                column = _column(counting, phase, 0, 0, width).height
            found = self.cache[key] = (counting.broken[0], caption, column)
        return found

    def split(self, i: int, width: float) -> int:
        """Where column ``i``'s second sub-column starts at ``width`` (0: not flowed)."""
        if i != self.flowed:
            return 0
        self.heights(i, width)
        return self.splits[width]

    def costs(self, widths: list[float]) -> list[Cost]:
        return [self.heights(i, w) for i, w in enumerate(widths)]

    def score(self, widths: list[float]) -> Score:
        return _score(self.costs(widths))


def _score(costs: Sequence[Cost]) -> Score:
    """Fewest split words first (a word broken across lines is hard to read), then the
    poster's height, then the total height of all text."""
    broken, captions, columns = zip(*costs, strict=True)
    tallest = max(captions) + max(columns)
    total = sum(map(operator.add, captions, columns))  # column by column, as ever
    return sum(broken), round(tallest, 2), round(total, 2)


def _best_move(
    costs: _ColumnCosts, widths: list[float], mins: list[float], score: Score
) -> tuple[list[float], Score] | None:
    """The single width transfer between two columns that improves ``score`` the most.

    Only the two columns a move changes are looked up again; the others keep their costs.
    """
    if len(widths) < 2:
        return None
    best: tuple[list[float], Score] | None = None
    now = costs.costs(widths)
    for amount in (WIDTH_STEP, 2 * WIDTH_STEP, 4 * WIDTH_STEP, 8 * WIDTH_STEP):
        for give in range(len(widths)):
            if widths[give] - amount < mins[give]:
                continue
            given = costs.heights(give, widths[give] - amount)
            for take in range(len(widths)):
                if take == give:
                    continue
                trial_costs = list(now)
                trial_costs[give] = given
                trial_costs[take] = costs.heights(take, widths[take] + amount)
                trial_score = _score(trial_costs)
                if trial_score < (best[1] if best else score):
                    trial = list(widths)
                    trial[give] -= amount
                    trial[take] += amount
                    best = (trial, trial_score)
        if best:
            return best
    return None


def _column(
    ctx: Context, phase: m.Phase, x: float, top: float, width: float, split: int = 0
) -> Block:
    """A phase's stages stacked; on a track they sit right of the curved line. With a
    ``split``, stages from that one on stack in a second sub-column (``_flowed_column``)."""
    if split:
        return _flowed_column(ctx, phase, x, top, width, split)
    block, anchors = _stack(ctx, phase, phase.steps, x, top, width)
    if phase.track and anchors and not ctx.sizing:  # the track takes no height
        block.items = _track(ctx, x, top, anchors, _states(ctx, phase, phase.steps)) + block.items
    return block


def _stack(
    ctx: Context, phase: m.Phase, stages: Sequence[m.Stage], x: float, top: float, width: float
) -> tuple[Block, list[float]]:
    """``stages`` of ``phase`` one under another, and where each one's track dot goes."""
    offset = _track_offset(ctx) if phase.track else 0.0
    inner = ctx.inheriting(ctx.marks.handed_down(phase, None))
    block = Block(anchor_y=top)
    anchors = []
    y = top
    for i, stage in enumerate(stages):
        y += 3 * ctx.unit if i else 0
        part = stage_block(inner, stage, x + offset, y, width - offset)
        anchors.append(part.anchor_y)
        block.items += part.items
        y += part.height
    block.height = y - top
    return block, anchors


def _states(ctx: Context, phase: m.Phase, stages: Sequence[m.Stage]) -> list[m.State | None]:
    inherited = ctx.marks.handed_down(phase, None)
    return [ctx.marks.settled(s, inherited) for s in stages]


def _sub_width(ctx: Context, width: float) -> float:
    """The width of each sub-column of a flowed column ``width`` wide."""
    return (width - SUB_GAP * ctx.unit) / 2


def _split(ctx: Context, phase: m.Phase, width: float) -> tuple[int, float]:
    """Where to flow ``phase``'s stages into a second sub-column (a stage boundary: a
    choice or group stays whole), and the flowed column's height: the split that makes
    the taller sub-column shortest, on a tie the one that leaves the first the taller.
    A first sub-column on a track is ``_exit_drop`` longer: its track leaves at its foot."""
    sub = _sub_width(ctx, width)
    heights = [_stack(ctx, phase, [stage], 0, 0, sub)[0].height for stage in phase.steps]
    gap, drop = 3 * ctx.unit, _exit_drop(ctx) if phase.track else 0.0
    best: tuple[float, bool, int] | None = None
    for k in range(1, len(heights)):
        first = sum(heights[:k]) + gap * (k - 1) + drop
        second = sum(heights[k:]) + gap * (len(heights) - k - 1)
        key = (max(first, second), second > first, k)
        best = key if best is None or key[:2] < best[:2] else best
    assert best is not None  # a flowed phase has two stages or more
    return best[2], best[0]


def _flowed_column(
    ctx: Context, phase: m.Phase, x: float, top: float, width: float, split: int
) -> Block:
    """A phase's stages in two sub-columns under one node, in stage order: the first
    ``split`` stages down the left one, the rest down the right one. On a track, the line
    leaves the foot of the left sub-column turning towards the gap and comes in from the
    gap at the top of the right one, as a newspaper column continues at the next one's top."""
    sub, stages = _sub_width(ctx, width), phase.steps
    x2 = x + sub + SUB_GAP * ctx.unit
    first, first_anchors = _stack(ctx, phase, stages[:split], x, top, sub)
    second, second_anchors = _stack(ctx, phase, stages[split:], x2, top, sub)
    drop = _exit_drop(ctx) if phase.track else 0.0
    height = max(first.height + drop, second.height)
    items = [*first.items, *second.items]
    if phase.track and not ctx.sizing:
        left_states = _states(ctx, phase, stages[:split])
        right_states = _states(ctx, phase, stages[split:])
        gap_x = x2 - SUB_GAP * ctx.unit / 2
        onward = any(state in ("done", "current") for state in right_states)
        # the way out first: the left sub-column's last dot is drawn over it
        foot = top + first.height + drop
        lines: list[Item] = [*_exit(ctx, x, gap_x, first_anchors[-1], top, foot, onward)]
        lines += _track(ctx, x, top, first_anchors, left_states)
        lines += _entry(ctx, gap_x, x2, top, second_anchors, right_states)
        items = lines + items
    return Block(items, height, top)


def _exit_drop(ctx: Context) -> float:
    """How far below its last stage a first sub-column's track turns towards the gap."""
    return 2 * ctx.unit


def _exit(
    ctx: Context, x: float, gap_x: float, last: float, top: float, foot: float, onward: bool
) -> list[Path]:
    """The track on from the left sub-column's last dot: down, then right to the gap,
    and a dotted line up the gap to where the right sub-column's track comes in at the
    top (in the progress colour once the stages on the right are reached)."""
    pal, shape = ctx.theme.palette, ctx.theme.shape
    track_x = _track_x(ctx, x)
    turn = ctx.unit
    commands = (
        ("M", track_x, last),
        ("L", track_x, foot - turn),
        ("C", track_x, foot - turn * 0.45, track_x + turn * 0.45, foot, track_x + turn, foot),
        ("L", gap_x, foot),
    )
    colour = pal.done if onward else pal.track
    link = (("M", gap_x, foot), ("L", gap_x, _entry_y(ctx, top)))
    return [
        Path(commands, stroke=colour, stroke_width=shape.track_width, role="track"),
        Path(
            link,
            stroke=colour,
            stroke_width=shape.track_width / 3,
            dash=(0.1, ctx.unit),
            role="track",
        ),
    ]


def _entry_y(ctx: Context, top: float) -> float:
    """Where the right sub-column's track comes in from the gap."""
    return top - 2 * ctx.unit


def _entry(
    ctx: Context,
    gap_x: float,
    x2: float,
    top: float,
    anchors: list[float],
    states: list[m.State | None],
) -> list[Item]:
    """The track coming in from the gap at the top of the right sub-column, down past a
    dot per stage, as the first one leaves the node."""
    y, drop = _entry_y(ctx, top), 2 * ctx.unit
    curve = _bend(gap_x, y, _track_x(ctx, x2), drop, anchors[-1])
    return track_with_dots(ctx, curve, y + drop, anchors, states)


def _track_offset(ctx: Context) -> float:
    return 7 * ctx.unit


def _track(
    ctx: Context, x: float, top: float, anchors: list[float], states: list[m.State | None]
) -> list[Item]:
    """The curved line from the phase's node down past a dot per stage.

    With progress, the track is drawn again in the progress colour down to the furthest
    stage done or current, and each dot shows its stage's state.
    """
    node_x = x + ctx.theme.shape.node_radius
    track_x = _track_x(ctx, x)
    timeline_y = top - 5 * ctx.unit
    radius = track_x - node_x
    curve = _bend(node_x, timeline_y, track_x, radius, anchors[-1])
    return track_with_dots(ctx, curve, timeline_y + radius, anchors, states)


def _track_x(ctx: Context, x: float) -> float:
    """Where the track runs down a column (or sub-column) starting at ``x``."""
    return x + 4 * ctx.unit


def _bend(x0: float, y0: float, x1: float, drop: float, last: float) -> tuple[Command, ...]:
    """From (x0, y0) across and down into the track at x1, ``drop`` lower, then straight
    down to ``last``: the curve both a node's track and a continued track start with."""
    reach = x1 - x0
    return (
        ("M", x0, y0),
        ("C", x0 + reach * 0.55, y0, x1, y0 + drop * 0.45, x1, y0 + drop),
        ("L", x1, last),
    )


def _columns(
    ctx: Context,
    phases: Sequence[m.Phase],
    grid: Grid,
    timeline_y: float,
    heads: Sequence[Sequence[Item]],
) -> Block:
    """The phases' columns, each after its caption (``heads``) so the SVG reads phase by phase."""
    top = timeline_y + 5 * ctx.unit
    splits = grid.splits or (0,) * len(phases)
    blocks = [
        _column(ctx, p, x, top, w, split)
        for p, x, w, split in zip(phases, grid.xs, grid.widths, splits, strict=True)
    ]
    items: list[Item] = [i for h, b in zip(heads, blocks, strict=True) for i in (*h, *b.items)]
    return Block(items, max(b.height for b in blocks), top)


def _caption(ctx: Context, phase: m.Phase, x: float, width: float) -> Block:
    """The words above a node: the caption in bold, then the detail."""
    pal = ctx.theme.palette
    items: list[Item] = []
    tx, tw = x, width
    if phase.icon:
        size = ctx.theme.shape.icon_size
        items.append(Icon(phase.icon, x, 0, size, pal.progress, ctx.theme.shape.icon_stroke))
        tx, tw = x + size + ctx.unit, width - size - ctx.unit
    bold, regular = ctx.font("caption", "bold"), ctx.font("caption")
    h = 0.0
    if phase.caption:  # a phase without one draws none
        text, h = ctx.text(phase.caption, tx, 0, tw, bold, pal.text, role="caption", balance=True)
        items.append(text)
    if phase.detail:
        detail, dh = ctx.text(
            phase.detail, tx, h, tw, regular, pal.text, role="caption", balance=True
        )
        items.append(detail)
        h += dh
    return Block(items, max(h, ctx.theme.shape.icon_size if phase.icon else 0), 0)


def _timeline(
    ctx: Context, journey: m.Journey, grid: Grid, y: float
) -> tuple[list[Item], list[Item]]:
    """The thick line across the page: progress colour up to the milestone, then the rest.

    A row's line runs from edge to edge, so a second row reads on from the first; its
    colours are those its stretch of the one line would have.
    """
    shape, pal = ctx.theme.shape, ctx.theme.palette
    page_w = grid.page_width
    nodes = [x + shape.node_radius for x in grid.xs]
    if ctx.marks.given:
        return _travelled(ctx, journey.phases, grid.start, nodes, page_w, y)
    goal = goal_index(journey) - grid.start
    items: list[Item] = []
    if goal >= len(nodes):
        items.append(_segment(0, page_w, y, pal.progress, shape.timeline_width))
    elif goal < 0:
        items.append(_segment(0, page_w, y, pal.rest, shape.timeline_width))
    else:
        items += _faded_line(ctx, nodes[goal], page_w, y)
    circles: list[Item] = [
        Circle(
            nx,
            y,
            shape.node_radius,
            pal.node_fill,
            pal.node_stroke if i <= goal else pal.rest,
            3,
            role="node",
        )
        for i, nx in enumerate(nodes)
        if node_drawn(journey.phases, i)
    ]
    return items, circles


def _faded_line(ctx: Context, fade_from: float, page_w: float, y: float) -> list[Item]:
    """Progress colour to ``fade_from``, fading into the colour of the track ahead."""
    shape, pal = ctx.theme.shape, ctx.theme.palette
    fade_to = min(page_w, fade_from + 12 * ctx.unit)
    items: list[Item] = [_segment(0, fade_from, y, pal.progress, shape.timeline_width)]
    steps = 8
    for i in range(steps):
        a = fade_from + (fade_to - fade_from) * i / steps
        b = fade_from + (fade_to - fade_from) * (i + 1) / steps
        colour = _mix(pal.progress, pal.rest, (i + 0.5) / steps)
        items.append(_segment(a, b, y, colour, shape.timeline_width))
    items.append(_segment(fade_to, page_w, y, pal.rest, shape.timeline_width))
    return items


def _travelled(
    ctx: Context,
    phases: Sequence[m.Phase],
    start: int,
    nodes: list[float],
    page_w: float,
    y: float,
) -> tuple[list[Item], list[Item]]:
    """The timeline with personal progress: the path travelled in the progress colour.

    Each phase owns the stretch from its node to the next node (the last phase of a row:
    to the page's edge), and a partly done phase fills its stretch in proportion to how
    much of it is settled (see ``Marks.reach``). So the line stops between two nodes while
    a phase is under way; a node is filled once its whole stretch is travelled, drawn in
    the progress colour once reached, and ringed where "you are here" is. A row starting
    at phase ``start`` is travelled from the page's left edge once that phase is reached.
    """
    shape, pal = ctx.theme.shape, ctx.theme.palette
    reach = ctx.marks.reach(phases)
    current = ctx.marks.current_phase(phases)
    row_reach = None if reach is None or reach < start else min(reach - start, len(nodes))
    end = along(row_reach, nodes, page_w)
    items: list[Item] = []
    if end is not None:
        items.append(_segment(0, end, y, pal.done, shape.timeline_width))
    if (end or 0.0) < page_w:
        items.append(_segment(end or 0.0, page_w, y, pal.rest, shape.timeline_width))
    circles: list[Item] = []
    for i, nx in enumerate(nodes, start):
        passed = reach is not None and i + 1 <= reach
        reached = reach is not None and i <= reach
        if node_drawn(phases, i):
            circles += node(ctx, nx, y, passed, reached, i == current)
    return items, circles


def _segment(x0: float, x1: float, y: float, colour: str, width: float) -> Path:
    return Path(
        (("M", x0, y), ("L", x1, y)), stroke=colour, stroke_width=width, cap="butt", role="timeline"
    )


def _mix(a: str, b: str, t: float) -> str:
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb, strict=True))


# -- moving blocks ----------------------------------------------------------------------


def _shift(block: Block, dy: float) -> Block:
    return Block(_shift_items(block.items, dy), block.height, block.anchor_y + dy)


def _shift_items(items: Sequence[Item], dy: float) -> list[Item]:
    return [move(item, 0, dy) for item in items]

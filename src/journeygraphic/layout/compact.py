"""The compact layout: prerequisite -> exam -> certification as three cards, for sidebars.

The summary is derived from the spec (see ``summary_cards``). Each card has a label above
it (the caption of the phase it comes from), a medallion (an icon on a disc, or the level
badge for the certification) and its words. Cards sit in a row joined by short connectors
when the width allows, and stack, joined by vertical connectors, when it does not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from .. import model as m
from ..contrast import faint
from ..labels import Labels
from ..scene import Circle, Icon, Item, Link, Path, Rect, Scene
from ._blocks import heading_and_body
from ._context import Block, Context
from ._logo import logo_strip
from ._move import move
from ._progress import Marks
from ._roles import Card, Entry, in_words, summary_cards
from ._status import SEPARATOR, faded, state_words
from .badge import badge
from .legend import legend_block, legend_keys
from .vertical import MIN_WIDTH, page_margin

DEFAULT_WIDTH = 1200
MIN_TEXT = 136.0  # px: the narrowest text column a card may have in a row
MAX_CARD = 480.0  # px: wider cards only make lines longer


@dataclass
class _Placed:
    items: list[Item] = field(default_factory=list)
    height: float = 0.0


def layout_compact(journey: m.Journey, ctx: Context, width: float | None = None) -> Scene:
    """Lay out the three-card summary of ``journey``, ``width`` pixels wide."""
    page_w = max(float(width or DEFAULT_WIDTH), MIN_WIDTH)
    cards = summary_cards(journey, ctx.marks, ctx.labels)
    margin = page_margin(ctx, page_w)
    if _row_fits(ctx, len(cards), page_w - 2 * margin):
        body = _row(ctx, cards, page_w, margin)
    else:
        body = _column(ctx, cards, page_w, margin)
    where = _here_elsewhere(journey, ctx.marks, cards, ctx.labels)
    here = _here_note(ctx, where, margin, body, page_w)
    key = _legend(ctx, cards, page_w, margin, body.height + here.height - ctx.unit)
    height = body.height + here.height + (key.height + 3 * ctx.unit if key.items else 0)
    items = body.items + here.items + key.items
    # No bands here: the logo gets a strip of its own, aligned with the cards' edges.
    cards_x = [(i.x, i.x + i.w) for i in body.items if isinstance(i, Rect)] or [(margin, margin)]
    left, right = min(x for x, _ in cards_x), max(x for _, x in cards_x)
    head = logo_strip(ctx, "header", left, right, 0)
    if head.items:
        items = head.items + [move(item, 0, head.height) for item in items]
    foot = logo_strip(ctx, "footer", left, right, head.height + height)
    height += head.height + foot.height
    return Scene(
        width=page_w,
        height=float(int(height + 0.999)),
        background=ctx.theme.palette.page,
        items=tuple(items + foot.items),
        title=f"{journey.header.lead or ''} {journey.header.title}".strip(),
    )


def _here_elsewhere(
    journey: m.Journey, marks: Marks, cards: list[Card], labels: Labels
) -> str | None:
    """Where "you are here" is when no card shows it (the summary has no card for the
    current step, e.g. one in Upskill): "Upskill: Self-paced learning"."""
    shown = any(c.state == "current" or any(e.state == "current" for e in c.entries) for c in cards)
    if shown or "current" not in marks.states.values():
        return None
    for phase in journey.phases:
        if marks.own(phase.id) == "current":
            return phase.caption or phase.detail or phase.id
        for title in _current_titles(phase.steps, marks, labels):
            return f"{phase.caption}: {title}" if phase.caption else title
    return None


def _current_titles(
    stages: Sequence[m.Stage | m.SubStage], marks: Marks, labels: Labels
) -> Iterator[str]:
    """The title of each stage, option or step inside them marked current, in order."""
    for stage in stages:
        if marks.own(stage.id) == "current":
            yield _stage_title(stage, labels)
        for option in stage.options if isinstance(stage, m.Choice) else ():
            if marks.own(option.id) == "current":
                yield option.title or in_words(stage, labels)
            yield from _current_titles(option.steps, marks, labels)
        if isinstance(stage, m.AllOf):
            yield from _current_titles(stage.steps, marks, labels)


def _stage_title(stage: m.Stage | m.SubStage, labels: Labels) -> str:
    if isinstance(stage, m.Certification):
        return stage.name
    if isinstance(stage, (m.Choice, m.AllOf)):
        return stage.title or in_words(stage, labels)
    return in_words(stage, labels)


def _here_note(
    ctx: Context, where: str | None, margin: float, body: _Placed, page_w: float
) -> _Placed:
    """ "YOU ARE HERE · Upskill: Self-paced learning" under the cards, in the progress
    words' colour: the current step has no card of its own to outline."""
    if where is None:
        return _Placed()
    font = ctx.font("small", "bold")
    words = f"{ctx.labels.current}{SEPARATOR}{where}"
    width = min(page_w - 2 * margin, MAX_CARD * 3)
    left = (page_w - width) / 2
    fill = ctx.theme.palette.status_text
    text, h = ctx.text(words, left, body.height, width, font, fill, role="status")
    return _Placed([text], h + 2 * ctx.unit)


def _legend(ctx: Context, cards: list[Card], page_w: float, margin: float, top: float) -> Block:
    """The key to what the cards draw: "OR" or "AND" between entries, progress states."""
    used = {("all" if c.grouped else "or") for c in cards if c.separator}
    used |= {s for c in cards for s in (c.state, *(e.state for e in c.entries)) if s}
    width = min(page_w - 2 * margin, MAX_CARD * 3)
    left = (page_w - width) / 2
    return legend_block(ctx, legend_keys(used), left, top, width, cards=True)


# -- one card ---------------------------------------------------------------------------


def _medallion_size(ctx: Context) -> float:
    return 8 * ctx.unit


def _pad(ctx: Context) -> float:
    return 2 * ctx.unit


def _text_width(ctx: Context, card_w: float) -> float:
    return card_w - 2 * _pad(ctx) - _medallion_size(ctx) - 2 * ctx.unit


def _medallion(ctx: Context, card: Card, x: float, top: float) -> Block:
    """The certification's badge, or the card's icon knocked out of a progress-blue disc."""
    size = _medallion_size(ctx)
    if card.certification is not None:
        return badge(ctx, card.certification, x, top, size)
    pal, shape = ctx.theme.palette, ctx.theme.shape
    r = size * 0.44
    icon = 4 * ctx.unit
    disc = Circle(x + size / 2, top + size / 2, r, pal.progress, role="medallion")
    stroke = shape.icon_stroke * icon / shape.icon_size  # the same weight as small icons
    corner = (size - icon) / 2
    mark = Icon(card.icon, x + corner, top + corner, icon, pal.on_progress, stroke)
    return Block([disc, mark], size, top)


def _words(ctx: Context, card: Card, x: float, top: float, width: float) -> Block:
    """Progress, kicker, then the entries, each a linked title over its detail, "OR"
    (or "AND") between; a skipped card is faded."""
    pal = ctx.theme.palette
    block = Block(anchor_y=top)
    y = top
    font = ctx.font("small", "bold")
    if card.state:
        fill = pal.skipped if card.state == "skipped" else pal.status_text
        words = state_words(ctx.labels, card.state)
        text, h = ctx.text(words, x, y, width, font, fill, role="status")
        block.items.append(text)
        y += h + ctx.unit / 2
    if card.kicker:
        text, h = ctx.text(card.kicker.upper(), x, y, width, font, pal.muted_text, role="kicker")
        block.items.append(text)
        y += h + ctx.unit / 2
    for i, entry in enumerate(card.entries):
        if i and card.separator:
            gap = ctx.unit / 2
            text, h = ctx.text(
                card.separator, x, y + gap, width, font, pal.muted_text, role="separator"
            )
            block.items.append(text)
            y += h + 2 * gap
        elif i:
            y += ctx.unit
        # one entry: the card's own status line says it already
        shown = entry if len(card.entries) > 1 else replace(entry, state=None)
        part = _entry(ctx, shown, x, y, width)
        block.items += part.items
        y += part.height
    block.height = y - top
    if card.state == "skipped":
        block.items = faded(block.items, pal.skipped)
    return block


_NOTED = ("current", "skipped")


def _entry(ctx: Context, entry: Entry, x: float, top: float, width: float) -> Block:
    """A linked title over its detail; one of several marked done (a check), current or
    skipped (a note after the detail, and faded) in words, not colour alone."""
    pal = ctx.theme.palette
    fill = pal.link if entry.url else pal.callout_text
    title = f"\u2713\u00a0{entry.title}" if entry.state == "done" else entry.title
    head = heading_and_body(ctx, title, None, x, top, width, fill=fill)
    items: list[Item] = list(head.items)
    if entry.url:
        items = [Link(entry.url, tuple(head.items), title=entry.title)]
    # the legend's words: "you are here", "skipped" (a done entry has its check)
    note = getattr(ctx.labels, f"legend_{entry.state}") if entry.state in _NOTED else None
    words = " \u00b7 ".join(w for w in (entry.detail, note) if w) or None
    detail = heading_and_body(ctx, None, words, x, top + head.height + 2, width)
    height = head.height + (2 + detail.height if detail.items else 0)
    items += detail.items
    if entry.state == "skipped":
        items = faded(items, pal.skipped)
    return Block(items, height, top)


def _card_inside(
    ctx: Context, card: Card, x: float, top: float, width: float
) -> tuple[Block, Block]:
    """The medallion and the words of a card whose top-left corner is (x, top)."""
    pad = _pad(ctx)
    medal = _medallion(ctx, card, x + pad, top + pad)
    text_x = x + pad + _medallion_size(ctx) + 2 * ctx.unit
    words = _words(ctx, card, text_x, top + pad, _text_width(ctx, width))
    return medal, words


def _card(ctx: Context, card: Card, x: float, top: float, width: float, height: float) -> _Placed:
    """A card ``height`` tall (at least its content), medallion and words centred in it."""
    medal, words = _card_inside(ctx, card, x, top, width)
    inner = max(medal.height, words.height)
    height = max(height, inner + 2 * _pad(ctx))
    pal = ctx.theme.palette
    rect = Rect(x, top, width, height, pal.callout, radius=ctx.theme.shape.radius, role="card")
    if card.state == "current":  # outlined like the current step in the other layouts
        rect = replace(rect, stroke=pal.current, stroke_width=ctx.theme.shape.frame_width)
    elif faint(pal.callout, pal.page):  # a card that would vanish on the page: outlined
        rect = replace(rect, stroke=pal.outline, stroke_width=ctx.theme.shape.frame_width)
    items: list[Item] = [rect]
    for part in (medal, words):
        dy = (height - 2 * _pad(ctx) - part.height) / 2
        items += [move(item, 0, dy) for item in part.items]
    return _Placed(items, height)


def _card_height(ctx: Context, card: Card, width: float) -> float:
    medal, words = _card_inside(ctx, card, 0, 0, width)
    return max(medal.height, words.height) + 2 * _pad(ctx)


def _label(ctx: Context, card: Card, x: float, top: float, width: float) -> Block:
    if not card.label:
        return Block(anchor_y=top)
    return heading_and_body(ctx, None, card.label, x, top, width)


# -- arrangements -----------------------------------------------------------------------


def _connector(
    ctx: Context, x0: float, y0: float, x1: float, y1: float, travelled: bool = False
) -> Path:
    """A join between cards; in the progress colour once the card before it is done."""
    pal = ctx.theme.palette
    colour = pal.done if travelled else pal.rest
    return Path((("M", x0, y0), ("L", x1, y1)), stroke=colour, stroke_width=2, role="connector")


def _gap(ctx: Context) -> float:
    return 6 * ctx.unit


def _row_fits(ctx: Context, count: int, inner: float) -> bool:
    card_w = (inner - (count - 1) * _gap(ctx)) / count
    return _text_width(ctx, card_w) >= MIN_TEXT


def _row(ctx: Context, cards: list[Card], page_w: float, margin: float) -> _Placed:
    """Cards side by side, equal heights, labels above, short connectors between."""
    count, gap = len(cards), _gap(ctx)
    card_w = min((page_w - 2 * margin - (count - 1) * gap) / count, MAX_CARD)
    left = (page_w - count * card_w - (count - 1) * gap) / 2
    xs = [left + i * (card_w + gap) for i in range(count)]
    top = 3 * ctx.unit
    labels = [_label(ctx, c, x, top, card_w) for c, x in zip(cards, xs, strict=True)]
    label_h = max(b.height for b in labels)
    card_top = top + label_h + (ctx.unit if label_h else 0)
    height = max(_card_height(ctx, c, card_w) for c in cards)
    placed = [_card(ctx, c, x, card_top, card_w, height) for c, x in zip(cards, xs, strict=True)]
    # Each card right after its label, so the SVG reads card by card.
    items: list[Item] = [i for b, p in zip(labels, placed, strict=True) for i in b.items + p.items]
    middle = card_top + height / 2
    items += [
        _connector(ctx, x - gap + ctx.unit, middle, x - ctx.unit, middle, before.state == "done")
        for x, before in zip(xs[1:], cards, strict=False)
    ]
    return _Placed(items, card_top + height + 3 * ctx.unit)


def _column(ctx: Context, cards: list[Card], page_w: float, margin: float) -> _Placed:
    """Cards one under another; a connector runs down from each medallion to the next."""
    card_w = min(page_w - 2 * margin, MAX_CARD)
    x = (page_w - card_w) / 2
    text_x = x + _pad(ctx) + _medallion_size(ctx) + 2 * ctx.unit
    axis = x + _pad(ctx) + _medallion_size(ctx) / 2
    y = 3 * ctx.unit
    items: list[Item] = []
    for i, card in enumerate(cards):
        label = _label(ctx, card, text_x, y, x + card_w - text_x)
        label_h = label.height + ctx.unit if label.items else 0
        if i:
            done = cards[i - 1].state == "done"
            items.append(_connector(ctx, axis, y - 2 * ctx.unit, axis, y + label_h, done))
        items += label.items
        placed = _card(ctx, card, x, y + label_h, card_w, 0)
        items += placed.items
        y += label_h + placed.height + 2 * ctx.unit
    return _Placed(items, y + ctx.unit)


__all__ = ["Card", "Entry", "layout_compact", "summary_cards"]

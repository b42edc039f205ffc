"""The compact layout: prerequisite -> exam -> certification as three cards, for sidebars.

The summary is derived from the spec (see ``summary_cards``). Each card has a label above
it (the caption of the phase it comes from), a medallion (an icon on a disc, or the level
badge for the certification) and its words. Cards sit in a row joined by short connectors
when the width allows, and stack, joined by vertical connectors, when it does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import model as m
from ..scene import Circle, Icon, Item, Link, Path, Rect, Scene
from ._blocks import heading_and_body
from ._context import Block, Context
from ._move import move
from .badge import badge
from .vertical import MIN_WIDTH, page_margin

DEFAULT_WIDTH = 1200
MIN_TEXT = 136.0  # px: the narrowest text column a card may have in a row
MAX_CARD = 480.0  # px: wider cards only make lines longer


@dataclass(frozen=True)
class Entry:
    """One thing to do on a card: a title (linked when it has a url) and a detail line."""

    title: str
    detail: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Card:
    label: str | None  # the words above the card
    kicker: str | None  # small capitals above the entries
    entries: tuple[Entry, ...]
    icon: str = "check"
    separator: str | None = None  # between entries, for a choice ("OR")
    certification: m.Certification | None = None  # drawn with its badge


@dataclass
class _Placed:
    items: list[Item] = field(default_factory=list)
    height: float = 0.0


def layout_compact(journey: m.Journey, ctx: Context, width: float | None = None) -> Scene:
    """Lay out the three-card summary of ``journey``, ``width`` pixels wide."""
    page_w = max(float(width or DEFAULT_WIDTH), MIN_WIDTH)
    cards = summary_cards(journey)
    margin = page_margin(ctx, page_w)
    if _row_fits(ctx, len(cards), page_w - 2 * margin):
        body = _row(ctx, cards, page_w, margin)
    else:
        body = _column(ctx, cards, page_w, margin)
    return Scene(
        width=page_w,
        height=float(int(body.height + 0.999)),
        background=ctx.theme.palette.page,
        items=tuple(body.items),
        title=f"{journey.header.lead or ''} {journey.header.title}".strip(),
        description=" → ".join(_describe(card) for card in cards),
    )


def _describe(card: Card) -> str:
    words = f" {card.separator.lower()} " if card.separator else ", "
    return (card.label or card.kicker or "") + ": " + words.join(e.title for e in card.entries)


# -- deriving the summary ---------------------------------------------------------------


def summary_cards(journey: m.Journey) -> list[Card]:
    """Prerequisite (if any), exam(s) (if any) and the certification (if any).

    The exam phase is the first phase with an exam (else the certification's phase). The
    prerequisite is the last choice in a phase before it that is not an upskill track, or
    failing that the last plain step in such a phase after the first ("start here") one.
    A journey with none of these gets one card with its title.
    """
    exam_at = _exam_phase(journey)
    cards = [
        _prerequisite_card(journey, exam_at),
        _exam_card(journey, exam_at),
        _certification_card(journey),
    ]
    found = [card for card in cards if card is not None]
    return found or [_title_card(journey)]


def _exam_phase(journey: m.Journey) -> int:
    for kind in ("exam", "certification"):
        for i, phase in enumerate(journey.phases):
            if any(stage.kind == kind for stage in phase.steps):
                return i
    return len(journey.phases)


def _prerequisite_card(journey: m.Journey, exam_at: int) -> Card | None:
    before = [p for p in journey.phases[:exam_at] if not p.track]
    kinds: tuple[tuple[type[m.Choice] | type[m.Step], list[m.Phase]], ...] = (
        (m.Choice, before),
        (m.Step, before[1:]),
    )
    for kind, phases in kinds:
        for phase in reversed(phases):
            stage = next((s for s in reversed(phase.steps) if isinstance(s, kind)), None)
            if stage is not None:
                return _stage_card(phase, stage)
    return None


def _stage_card(phase: m.Phase, stage: m.Choice | m.Step) -> Card:
    if isinstance(stage, m.Step):
        entry = Entry(stage.title, stage.description, _first_url(stage.links))
        return Card(phase.caption, None, (entry,), stage.icon or "check")
    entries = tuple(Entry(o.title, o.description, _first_url(o.links)) for o in stage.options)
    icon = next((o.icon for o in stage.options if o.icon), None) or stage.icon or "certificate"
    return Card(phase.caption, stage.title, entries, icon, stage.separator)


def _exam_card(journey: m.Journey, exam_at: int) -> Card | None:
    if exam_at >= len(journey.phases):
        return None
    phase = journey.phases[exam_at]
    exams = [s for s in phase.steps if isinstance(s, m.Exam)]
    if not exams:
        return None
    entries = tuple(Entry(e.title, f"Exam {e.code}", _first_url(e.links)) for e in exams)
    return Card(phase.caption, None, entries, exams[0].icon or "exam")


def _certification_card(journey: m.Journey) -> Card | None:
    for phase in journey.phases:
        for stage in phase.steps:
            if isinstance(stage, m.Certification):
                kicker = f"{stage.issuer.rstrip(':')} · {stage.level}".upper()
                entry = Entry(stage.name, None, _first_url(stage.links))
                return Card(phase.caption, kicker, (entry,), certification=stage)
    return None


def _title_card(journey: m.Journey) -> Card:
    header = journey.header
    url = header.call_to_action.url if header.call_to_action else None
    return Card(None, header.lead, (Entry(header.title, None, url),), "flag")


def _first_url(links: Sequence[m.Link]) -> str | None:
    return links[0].url if links else None


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
    """Kicker, then the entries, each a linked title over its detail, "OR" between."""
    pal = ctx.theme.palette
    block = Block(anchor_y=top)
    y = top
    if card.kicker:
        font = ctx.font("small", "bold")
        text, h = ctx.text(card.kicker.upper(), x, y, width, font, pal.muted_text, role="kicker")
        block.items.append(text)
        y += h + ctx.unit / 2
    for i, entry in enumerate(card.entries):
        if i and card.separator:
            font = ctx.font("small", "bold")
            gap = ctx.unit / 2
            text, h = ctx.text(
                card.separator, x, y + gap, width, font, pal.muted_text, role="separator"
            )
            block.items.append(text)
            y += h + 2 * gap
        elif i:
            y += ctx.unit
        part = _entry(ctx, entry, x, y, width)
        block.items += part.items
        y += part.height
    block.height = y - top
    return block


def _entry(ctx: Context, entry: Entry, x: float, top: float, width: float) -> Block:
    pal = ctx.theme.palette
    fill = pal.link if entry.url else pal.callout_text
    head = heading_and_body(ctx, entry.title, None, x, top, width, fill=fill)
    items: list[Item] = list(head.items)
    if entry.url:
        items = [Link(entry.url, tuple(head.items), title=entry.title)]
    detail = heading_and_body(ctx, None, entry.detail, x, top + head.height + 2, width)
    if not detail.items:
        return Block(items, head.height, top)
    return Block(items + detail.items, head.height + 2 + detail.height, top)


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


def _connector(ctx: Context, x0: float, y0: float, x1: float, y1: float) -> Path:
    pal = ctx.theme.palette
    return Path((("M", x0, y0), ("L", x1, y1)), stroke=pal.rest, stroke_width=2, role="connector")


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
    items: list[Item] = [i for b in labels for i in b.items]
    items += [i for p in placed for i in p.items]
    middle = card_top + height / 2
    items += [_connector(ctx, x - gap + ctx.unit, middle, x - ctx.unit, middle) for x in xs[1:]]
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
            items.append(_connector(ctx, axis, y - 2 * ctx.unit, axis, y + label_h))
        items += label.items
        placed = _card(ctx, card, x, y + label_h, card_w, 0)
        items += placed.items
        y += label_h + placed.height + 2 * ctx.unit
    return _Placed(items, y + ctx.unit)


__all__ = ["Card", "Entry", "layout_compact", "summary_cards"]

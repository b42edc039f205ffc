"""Header and footer bands that reflow to any width.

Between ``left`` and ``right`` (the text edges of the picture's grid) the parts sit side by
side when there is room and stack when there is not; fonts keep their theme sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..scene import Font, Item, Link, Rect
from ._blocks import linked, unlinked
from ._context import Block, Context
from ._move import move
from ._scale import scaled

ROW_FROM = 720.0  # px of text width from which band parts sit side by side
# The header's type scale on phones: (up to this many px of text width, scale).
PHONE_SCALES = ((400.0, 0.6), (480.0, 0.75))
CTA_SHARE = 0.4  # at most this much of a wide header goes to the call to action


@dataclass(frozen=True)
class Edges:
    """The band spans the page; its text stays between ``left`` and ``right``."""

    page_w: float
    left: float
    right: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def wide(self) -> bool:
        return self.width >= ROW_FROM


def header_band(ctx: Context, header: m.Header, edges: Edges) -> Block:
    """The dark band on top: lead and title, with the call to action beside or below.

    On a phone the header's type is smaller (``PHONE_SCALES``), so the title and the call
    to action leave most of the first screen to the journey.
    """
    ctx = scaled(ctx, next((f for up_to, f in PHONE_SCALES if edges.width <= up_to), 1.0))
    pad = ctx.unit * (4 if edges.wide else 3)
    cta_w = min(_cta_natural_width(ctx, header.call_to_action, edges), edges.width * CTA_SHARE)
    beside = edges.wide and header.call_to_action is not None
    title_w = edges.width - (cta_w + 6 * ctx.unit if beside else 0)
    titles = _titles(ctx, header, edges.left, pad, title_w)
    if header.call_to_action is None:
        return _band(ctx, titles.items, 0, titles.height + 2 * pad, edges)
    if beside:
        cta = cta_block(ctx, header.call_to_action, edges.right - cta_w, 0, cta_w)
        height = max(titles.height, cta.height) + 2 * pad
        placed = [move(i, 0, (height - cta.height) / 2) for i in cta.items]
        return _band(ctx, titles.items + placed, 0, height, edges)
    cta_top = pad + titles.height + 2 * ctx.unit
    cta = cta_block(ctx, header.call_to_action, edges.left, cta_top, edges.width)
    return _band(ctx, titles.items + cta.items, 0, cta_top + cta.height + pad, edges)


def _band(ctx: Context, items: list[Item], top: float, height: float, edges: Edges) -> Block:
    band = Rect(0, top, edges.page_w, height, ctx.theme.palette.band, role="band")
    return Block([band, *items], height, top)


def _titles(ctx: Context, header: m.Header, x: float, top: float, width: float) -> Block:
    fill = ctx.theme.palette.band_text
    items: list[Item] = []
    y = top
    if header.lead:
        text, h = ctx.text(header.lead, x, y, width, ctx.font("lead"), fill, role="header")
        items.append(text)
        y += h
    title_font = ctx.font("title", "bold")
    text, h = ctx.text(header.title, x, y, width, title_font, fill, role="header", balance=True)
    items.append(text)
    return Block(items, y + h - top, top)


def _cta_fonts(ctx: Context, cta: m.CallToAction, width: float) -> tuple[Font, Font]:
    """The call-to-action fonts; a link too long for one line drops to the heading size,
    because a web address split mid-word is harder to read than a smaller one."""
    label = ctx.font("cta", "bold")
    if ctx.single_width(cta.label, label) <= width:
        return ctx.font("cta"), label
    return ctx.font("heading"), ctx.font("heading", "bold")


def _cta_natural_width(ctx: Context, cta: m.CallToAction | None, edges: Edges) -> float:
    if cta is None:
        return 0.0
    lead_font, label_font = _cta_fonts(ctx, cta, edges.width * (CTA_SHARE if edges.wide else 1))
    widths = [ctx.single_width(cta.label, label_font)]
    if cta.lead:
        widths.append(ctx.single_width(cta.lead, lead_font))
    return max(widths)


def cta_block(
    ctx: Context,
    cta: m.CallToAction,
    x: float,
    top: float,
    width: float,
    fonts: tuple[Font, Font] | None = None,
) -> Block:
    """The lead line over the accent-coloured link; both start at one left edge."""
    pal = ctx.theme.palette
    lead_font, label_font = fonts or _cta_fonts(ctx, cta, width)
    items: list[Item] = []
    y = top
    if cta.lead:
        text, h = ctx.text(cta.lead, x, y, width, lead_font, pal.band_text, role="header")
        items.append(text)
        y += h
    text, h = ctx.text(cta.label, x, y, width, label_font, pal.accent, role="link")
    items.append(Link(cta.url, (text,), title=cta.label))
    return Block(items, y + h - top, top)


def footer_band(ctx: Context, footer: m.Footer | None, edges: Edges, top: float) -> Block:
    """The dark band at the bottom: brand, note and link in a row, or stacked when narrow."""
    footer = footer or m.Footer()
    pad = 3 * ctx.unit
    parts = _footer_parts(ctx, footer)
    row = _footer_row(ctx, parts, edges, top + pad) if edges.wide else None
    items, height = row or _footer_stack(ctx, parts, edges, top + pad)
    height = max(height, ctx.line_height(ctx.font("body")))
    return _band(ctx, items, top, height + 2 * pad, edges)


@dataclass(frozen=True)
class _Part:
    content: str
    font: Font
    fill: str
    url: str | None = None


def _footer_parts(ctx: Context, footer: m.Footer) -> list[_Part | None]:
    """Brand, note and link (each may be missing), with their fonts and colours."""
    pal = ctx.theme.palette
    brand = footer.brand and _Part(footer.brand, ctx.font("body", "bold"), pal.band_text)
    note = footer.note and _Part(footer.note, ctx.font("small"), pal.band_muted_text)
    link = footer.link and _Part(
        linked(ctx, footer.link.label), ctx.font("body", "bold"), pal.accent, footer.link.url
    )
    return [brand or None, note or None, link or None]


def _footer_row(
    ctx: Context, parts: list[_Part | None], edges: Edges, top: float
) -> tuple[list[Item], float] | None:
    """Brand left, link right, note between; None when a part would get too little room,
    so the parts stack instead."""
    brand, note, link = parts
    gap = 3 * ctx.unit
    items: list[Item] = []
    height = 0.0
    x, right = edges.left, edges.right
    if link:
        link_w = min(ctx.single_width(link.content, link.font), edges.width / 3)
        if not _roomy(ctx, link, link_w):
            return None
        right -= link_w
        item, h = _place(ctx, link, right, top, link_w)
        items.append(item)
        height = h
        right -= gap
    if brand:
        brand_w = min(ctx.single_width(brand.content, brand.font), (right - x) / 2)
        if not _roomy(ctx, brand, brand_w):
            return None
        item, h = _place(ctx, brand, x, top, brand_w)
        items.append(item)
        height = max(height, h)
        x += brand_w + gap
    if note:
        if not _roomy(ctx, note, right - x):
            return None
        # the small note shares the body line's middle with the brand and the link
        body_lh = ctx.line_height(ctx.font("body"))
        note_top = top + (body_lh - ctx.line_height(note.font)) / 2
        item, h = _place(ctx, note, x, note_top, right - x)
        items.append(item)
        height = max(height, note_top - top + h)
    return items, height


def _roomy(ctx: Context, part: _Part, room: float) -> bool:
    return roomy(ctx, part.content, part.font, room)


def roomy(ctx: Context, content: str, font: Font, room: float) -> bool:
    """Room for ``content`` on one line, or for eight grid units of it (a word or two):
    less would break it into a tower of single letters."""
    return room >= min(ctx.single_width(content, font), 8 * ctx.unit)


def _footer_stack(
    ctx: Context, parts: list[_Part | None], edges: Edges, top: float
) -> tuple[list[Item], float]:
    items: list[Item] = []
    y = top
    for part in parts:
        if part is None:
            continue
        if items:
            y += ctx.unit
        item, h = _place(ctx, part, edges.left, y, edges.width)
        items.append(item)
        y += h
    return items, y - top


def _place(ctx: Context, part: _Part, x: float, top: float, width: float) -> tuple[Item, float]:
    text, height = ctx.text(part.content, x, top, width, part.font, part.fill, role="footer")
    if part.url is None:
        return text, height
    return Link(part.url, (text,), title=unlinked(part.content)), height


__all__ = ["Edges", "footer_band", "header_band", "roomy"]

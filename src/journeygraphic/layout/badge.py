"""The level badge: our own shield drawing, told apart by top colour, stars and outline.

One shape for every level. The theme's ``badge`` tokens say, per level, the colour of the
top panel (which carries the issuer's words), the number of stars, the level word drawn
under the ribbon, and optionally a different outline and lower shield (specialty: a light
outline and no stars). The ribbon across the middle carries the certification's short name
(``badge_lines``, else its name), sized to fit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import model as m
from ..errors import Problem, SpecError
from ..safety import terminal_safe
from ..scene import Command, Font, Item, Path, Rect, Weight
from ._context import Block, Context

ELLIPSIS = "\u2026"
HEIGHT_RATIO = 1.12  # shield height over width
PANEL_BOTTOM = 0.40  # where the level-coloured top panel ends, in widths
CHAMFER = 0.16  # the cut top corners, in widths
SAFE_BOTTOM = 1.0  # below this (in widths) the shield is too narrow for marks


@dataclass(frozen=True)
class _Look:
    """The colours and marks of one level's badge, with the theme's defaults filled in."""

    top: str
    top_text: str
    outline: str
    shield: str
    stars: int
    label: str | None


def _look(ctx: Context, level: str | None) -> _Look:
    """The theme's badge style for the spec's level word; the word itself is the spec's."""
    look = ctx.theme.badge.look(level)
    return _Look(
        top=look.top,
        top_text=look.top_text,
        outline=look.outline,
        shield=look.shield,
        stars=look.stars,
        label=level.upper() if level and look.word else None,
    )


def badge(ctx: Context, stage: m.Certification, x: float, top: float, width: float) -> Block:
    """Draw the shield for ``stage`` with its top-left corner at (x, top)."""
    stroke = max(2.0, width * 0.045)
    inset = width * 0.06  # room for the ribbon to stick out on both sides
    sx, sw = x + inset, width - 2 * inset
    height = sw * HEIGHT_RATIO + stroke
    if ctx.sizing:  # the height is the shield's, whatever is drawn on it
        return Block([], height, top)
    look = _look(ctx, stage.level)
    items: list[Item] = [
        Path(_shield(sx, top, sw), fill=look.shield, role="badge"),
        Path(_panel(sx, top, sw), fill=look.top, role="badge"),
        Path(_shield(sx, top, sw), stroke=look.outline, stroke_width=stroke, role="badge"),
    ]
    issuer_items, issuer_bottom = _issuer(ctx, stage, sx, top, sw, look)
    items += issuer_items
    ribbon_top = max(top + sw * 0.33, issuer_bottom + sw * 0.02)
    ribbon_items, ribbon_bottom = _ribbon(ctx, stage, x, ribbon_top, width, stroke, look)
    items += ribbon_items
    items += _lower(ctx, look, sx, sw, ribbon_bottom + stroke / 2, top + sw * SAFE_BOTTOM)
    return Block(items, height, top)


def _shield(x: float, y: float, w: float) -> tuple[Command, ...]:
    chamfer = w * CHAMFER
    side = y + w * 0.68
    tip = y + w * HEIGHT_RATIO
    return (
        ("M", x + chamfer, y),
        ("L", x + w - chamfer, y),
        ("L", x + w, y + chamfer),
        ("L", x + w, side),
        ("C", x + w, y + w * 0.90, x + w * 0.78, y + w * 1.0, x + w / 2, tip),
        ("C", x + w * 0.22, y + w * 1.0, x, y + w * 0.90, x, side),
        ("L", x, y + chamfer),
        ("Z",),
    )


def _panel(x: float, y: float, w: float) -> tuple[Command, ...]:
    chamfer = w * CHAMFER
    bottom = y + w * PANEL_BOTTOM
    return (
        ("M", x + chamfer, y),
        ("L", x + w - chamfer, y),
        ("L", x + w, y + chamfer),
        ("L", x + w, bottom),
        ("L", x, bottom),
        ("L", x, y + chamfer),
        ("Z",),
    )


def _issuer(
    ctx: Context, stage: m.Certification, x: float, top: float, w: float, look: _Look
) -> tuple[list[Item], float]:
    """The issuer's words in the top panel, in the level's top-text colour (none when the
    spec names no issuer: none is assumed); words that need a third line are shortened with
    an ellipsis (and named in a warning)."""
    words = _issuer_words(stage)
    if not words:
        return [], top
    font = _issuer_font(ctx, words, w)
    lines = tuple(_shortened(ctx, words, font, w * 0.74, "badge_issuer"))
    text, height = ctx.lines(
        lines,
        x + w / 2,
        top + w * 0.06,
        w * 0.74,
        font,
        look.top_text,
        anchor="middle",
        role="badge-text",
    )
    return [text], top + w * 0.06 + height


def _issuer_words(stage: m.Certification) -> str:
    """The words of the top panel: the spec's ``badge_issuer``, else its issuer."""
    return (stage.badge_issuer or stage.issuer or "").rstrip(":").upper()


def _issuer_font(ctx: Context, words: str, w: float) -> Font:
    return _fitting_font(ctx, words, w * 0.74, w * 0.09, w * 0.065, "bold")


def _shortened(ctx: Context, words: str, font: Font, width: float, field: str) -> list[str]:
    """``words`` wrapped into at most two lines; the last ends in an ellipsis when more did
    not fit, and ``ctx.shortened`` says so and which spec ``field`` can say it shorter."""
    lines = ctx.measurer.wrap(words, font, width)
    if len(lines) <= 2:
        return lines
    last = lines[1].rstrip(" /-:,;")
    while last and ctx.measurer.width(last + ELLIPSIS, font) > width:
        last = last[:-1].rstrip(" /-:,;")
    shown = [lines[0], last + ELLIPSIS]
    said = terminal_safe(f"'{words}' as '{' '.join(shown)}'")
    sentence = f"the badge shows {said}: it does not fit the shield ({field} can say it shorter)"
    ctx.shortened[sentence] = None
    return shown


def _ribbon(
    ctx: Context,
    stage: m.Certification,
    x: float,
    top: float,
    width: float,
    stroke: float,
    look: _Look,
) -> tuple[list[Item], float]:
    style = ctx.theme.badge
    words = " ".join(stage.badge_lines or [stage.name]).upper()
    inner = width * 0.84
    font = _ribbon_font(ctx, words, inner, width)
    lines = ctx.measurer.wrap(words, font, inner)
    if not _fits(ctx, lines, font, inner, 2):
        if stage.badge_lines:  # words written for the badge: refused (badge_problems)
            raise SpecError([Problem(ribbon_refusal(words), path="badge_lines")])
        lines = _shortened(ctx, words, font, inner, "badge_lines")  # the name, shortened
    lh = ctx.line_height(font)
    height = lh * len(lines) + width * 0.08
    rect = Rect(
        x,
        top,
        width,
        height,
        style.ribbon,
        look.outline,
        stroke * 0.8,
        radius=width * 0.06,
        role="badge",
    )
    text, _ = ctx.lines(
        tuple(lines),
        x + width / 2,
        top + width * 0.04,
        inner,
        font,
        style.ribbon_text_colour,
        anchor="middle",
        role="badge-text",
    )
    return [rect, text], top + height


def _lower(ctx: Context, look: _Look, x: float, w: float, top: float, bottom: float) -> list[Item]:
    """The level word and the stars, centred in the lower shield between ``top`` and
    ``bottom``; stars shrink to share the room with the word."""
    room = bottom - top
    cx = x + w / 2
    items: list[Item] = []
    label_h = 0.0
    if look.label:
        font = _fitting_font(ctx, look.label, w * 0.62, w * 0.085, w * 0.05, "bold")
        if ctx.measurer.width(look.label, font) > w * 0.62:  # badge_problems refuses it first
            raise SpecError([Problem(level_refusal(look.label))])
        label_h = ctx.line_height(font)
        star_h = min(w * 0.17, room - label_h - w * 0.04) if look.stars else 0.0
        y = top + (room - label_h - (star_h + w * 0.03 if star_h > 0 else 0)) / 2
        text, _ = ctx.lines(
            (look.label,),
            cx,
            y,
            w * 0.62,
            font,
            ctx.theme.badge.level_text_colour,
            anchor="middle",
            role="badge-text",
        )
        items.append(text)
        if star_h > 0:
            items += _stars(look.stars, cx, y + label_h + w * 0.03 + star_h / 2, star_h / 2, ctx)
        return items
    if look.stars:
        r = min(w * 0.085, room * 0.32)
        items += _stars(look.stars, cx, top + room * 0.5, r, ctx)
    return items


def _fits(ctx: Context, lines: list[str], font: Font, width: float, most: int) -> bool:
    return len(lines) <= most and all(ctx.measurer.width(line, font) <= width for line in lines)


def ribbon_refusal(words: str) -> str:
    """Why a ribbon's words are refused, and what to do."""
    shown = terminal_safe(words if len(words) <= 60 else words[:59] + ELLIPSIS)
    return (
        f"the badge ribbon '{shown}' does not fit the shield, even in two lines at the "
        "smallest readable size; give a shorter badge_lines (e.g. two short words)"
    )


def issuer_refusal(words: str) -> str:
    """Why ``badge_issuer`` is refused: two lines at the smallest size do not hold it."""
    shown = terminal_safe(words if len(words) <= 60 else words[:59] + ELLIPSIS)
    return (
        f"the badge's issuer words '{shown}' do not fit its top panel, even in two lines at "
        "the smallest readable size; give a shorter badge_issuer (e.g. initials)"
    )


def level_refusal(label: str) -> str:
    """Why a level word is refused: too long for the lower shield at the smallest size."""
    shown = terminal_safe(label if len(label) <= 60 else label[:59] + ELLIPSIS)
    return (
        f"the level word '{shown}' does not fit the badge's lower shield at the smallest "
        "readable size; give a shorter level"
    )


def badge_problems(journey: m.Journey, ctx: Context) -> list[tuple[str, tuple[str | int, ...]]]:
    """Each certification whose ``badge_lines`` or level word cannot fit its badge: a
    sentence and the data path of the field, checked before any drawing so the error can be
    located in the spec. (A ribbon taken from the certification's name is shortened.)"""
    found: list[tuple[str, tuple[str | int, ...]]] = []
    width = 16 * ctx.unit
    for i, phase in enumerate(journey.phases):
        for j, stage in enumerate(phase.steps):
            if isinstance(stage, m.Certification):
                found += _stage_problems(ctx, stage, width, ("phases", i, "steps", j))
    return found


def _stage_problems(
    ctx: Context, stage: m.Certification, width: float, where: tuple[str | int, ...]
) -> list[tuple[str, tuple[str | int, ...]]]:
    found: list[tuple[str, tuple[str | int, ...]]] = []
    if stage.badge_lines:
        words = " ".join(stage.badge_lines).upper()
        inner = width * 0.84
        font = _ribbon_font(ctx, words, inner, width)
        if not _fits(ctx, ctx.measurer.wrap(words, font, inner), font, inner, 2):
            found.append((ribbon_refusal(words), (*where, "badge_lines")))
    if stage.badge_issuer:
        words = _issuer_words(stage)
        font = _issuer_font(ctx, words, width)
        if not _fits(ctx, ctx.measurer.wrap(words, font, width * 0.74), font, width * 0.74, 2):
            found.append((issuer_refusal(words), (*where, "badge_issuer")))
    label = _look(ctx, stage.level).label
    if label:
        shield = width * (1 - 2 * 0.06)  # as badge() insets it
        font = _fitting_font(ctx, label, shield * 0.62, shield * 0.085, shield * 0.05, "bold")
        if ctx.measurer.width(label, font) > shield * 0.62:
            found.append((level_refusal(label), (*where, "level")))
    return found


def _ribbon_font(ctx: Context, words: str, inner: float, width: float) -> Font:
    """One line as large as it fits (down to 0.075 widths), else two smaller lines."""
    one_line = _fitting_font(ctx, words, inner, width * 0.1, width * 0.075, "bold", lines=1)
    if ctx.measurer.width(words, one_line) <= inner:
        return one_line
    return _fitting_font(ctx, words, inner, width * 0.085, width * 0.065, "bold")


def _fitting_font(
    ctx: Context,
    words: str,
    width: float,
    largest: float,
    smallest: float,
    weight: Weight,
    lines: int = 2,
) -> Font:
    """The largest size in [smallest, largest] at which ``words`` fits ``width`` in
    ``lines`` lines (one, for a single word)."""
    size = largest
    limit = lines if " " in words else 1
    while size > smallest:
        font = ctx.measurer.font(round(size, 1), weight)
        if len(ctx.measurer.wrap(words, font, width)) <= limit:
            return font
        size -= 0.5
    return ctx.measurer.font(round(smallest, 1), weight)


def _stars(count: int, cx: float, cy: float, r: float, ctx: Context) -> list[Item]:
    """``count`` stars in a row; with three, the middle one sits a little lower."""
    fill = ctx.theme.badge.star
    gap = r * 2.3
    first = cx - gap * (count - 1) / 2
    drop = r * 0.35 if count == 3 else 0.0
    return [
        Path(
            _star(first + i * gap, cy + (drop if count == 3 and i == 1 else 0.0) - drop / 2, r),
            fill=fill,
            role="badge",
        )
        for i in range(count)
    ]


def _star(cx: float, cy: float, r: float) -> tuple[Command, ...]:
    points: list[Command] = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.42
        angle = -math.pi / 2 + i * math.pi / 5
        op = "M" if i == 0 else "L"
        points.append(
            (op, round(cx + radius * math.cos(angle), 2), round(cy + radius * math.sin(angle), 2))
        )
    return (*points, ("Z",))

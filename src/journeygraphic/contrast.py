"""WCAG 2.1 contrast for every text/background (and graphic/background) pair a theme draws.

The pairs are listed here, explicitly, next to the font roles each one is drawn in, so the
rule that applies follows from the theme's own type sizes:

- text (WCAG 2.1 AA, success criterion 1.4.3): 4.5:1, or 3:1 when *every* use of the pair is
  large text (at least 24px, or at least 18.66px in bold);
- graphics needed to read the poster (1.4.11: icons, the timeline, the track, badge stars):
  3:1 against what they sit on.

A layout that draws a new colour pair must add it to :func:`pairs`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

from .tokens import Theme

Weight = Literal["regular", "bold"]
# (size role in typography.sizes, weight); "badge" text is sized by the badge, always small.
Use = tuple[str, Weight]
TokenPath = tuple[str, ...]

BODY, LARGE, GRAPHIC = 4.5, 3.0, 3.0
# A filled shape closer than this to what it sits on cannot be seen: it gets an outline.
FAINT = 1.1
LARGE_PX, LARGE_BOLD_PX = 24.0, 18.66
_BADGE: tuple[Use, ...] = (("badge", "bold"),)


@dataclass(frozen=True)
class Pair:
    """A foreground token drawn on a background token, and how it is drawn.

    Attributes:
        fg: Token path of the foreground, e.g. ``("palette", "text")``.
        bg: Token path of the background, e.g. ``("palette", "page")``.
        what: The pair in words, e.g. "body text on the page".
        uses: Font roles the foreground is drawn in; empty for a graphic.
        alt: Another foreground that shows the same shape (a shield's fill, beside its
            outline): the pair passes if either does, and is measured with the better.
    """

    fg: TokenPath
    bg: TokenPath
    what: str
    uses: tuple[Use, ...] = ()
    alt: TokenPath = ()


@dataclass(frozen=True)
class Finding:
    """A pair measured against its rule."""

    pair: Pair
    fg: str
    bg: str
    ratio: float
    needed: float
    rule: str

    @property
    def passes(self) -> bool:
        return self.ratio >= self.needed

    def sentence(self) -> str:
        """E.g. "muted text on the page: palette.muted_text #9A9A9A on palette.page ..."."""
        return (
            f"{self.pair.what}: {_dotted(self.pair.fg)} {self.fg} on {_dotted(self.pair.bg)} "
            f"{self.bg} has a contrast of {_shown(self.ratio)}:1; {self.rule}"
        )


# -- colour maths ---------------------------------------------------------------------------


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` (0 to 1) of ``other`` mixed in, channel by channel."""
    a = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    b = (int(other[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(a, b, strict=True))


def readable(colour: str, against: tuple[str, ...], needed: float = BODY) -> str:
    """``colour``, else the first 5 % step towards black or white (whichever reads better
    against ``against``) that reaches ``needed`` on all of them: the brand's hue, kept."""
    if not against or min(ratio(colour, c) for c in against) >= needed:
        return colour.upper()
    darkest = max(luminance(c) for c in against) > 0.18  # light backgrounds: go darker
    end = "#000000" if darkest else "#FFFFFF"
    for step in range(1, 21):
        candidate = mix(colour, end, step / 20)
        if min(ratio(candidate, c) for c in against) >= needed:
            return candidate
    return end


def follow(how: str, source: str, on: tuple[str, ...]) -> str:
    """The colour a following token takes (see :class:`journeygraphic.tokens.Follow`):
    ``source``, made darker or lighter as ``how`` says, then readable on ``on``."""
    if how == "darker":
        source = mix(source, "#000000", 0.5)
    elif how == "lighter":
        source = mix(source, "#FFFFFF", 0.3)
    return readable(source, on)


def faint(fill: str, behind: str) -> bool:
    """Whether a shape filled ``fill`` would vanish on ``behind`` (within :data:`FAINT`),
    so it needs an outline (``palette.outline``)."""
    return ratio(fill, behind) < FAINT


def _shown(value: float) -> str:
    # Round down: 4.499 must never be shown as the 4.50 it fails to reach.
    return f"{math.floor(value * 100) / 100:.2f}"


def _dotted(path: TokenPath) -> str:
    return ".".join(path)


# -- the pairs ------------------------------------------------------------------------------

_BODY_USES: tuple[Use, ...] = (
    ("caption", "bold"),
    ("caption", "regular"),
    ("heading", "bold"),
    ("body", "regular"),
    ("body", "bold"),
)
_SEPARATOR: tuple[Use, ...] = (("small", "bold"),)
_LINK: tuple[Use, ...] = (("body", "regular"),)
_BAND_USES: tuple[Use, ...] = (
    ("lead", "regular"),
    ("title", "bold"),
    ("cta", "regular"),
    ("heading", "regular"),
    ("body", "bold"),
)
_ACCENT_USES: tuple[Use, ...] = (("cta", "bold"), ("heading", "bold"), ("body", "bold"))


def _p(fg: str, bg: str, what: str, uses: tuple[Use, ...] = ()) -> Pair:
    return Pair(tuple(fg.split(".")), tuple(bg.split(".")), what, uses)


PAGE_PAIRS = (
    _p("palette.text", "palette.page", "text on the page", _BODY_USES),
    _p("palette.muted_text", "palette.page", "muted text (the OR between options)", _SEPARATOR),
    _p("palette.link", "palette.page", "links on the page", _LINK),
    _p("palette.text", "palette.callout", "text in a callout", _BODY_USES),
    _p("palette.callout_text", "palette.callout", "callout text on the callout", _BODY_USES),
    _p("palette.muted_text", "palette.callout", "muted text in a callout", _SEPARATOR),
    _p("palette.link", "palette.callout", "links in a callout", _LINK),
    _p("palette.band_text", "palette.band", "header and footer text on the band", _BAND_USES),
    _p(
        "palette.band_muted_text",
        "palette.band",
        "footer note on the band",
        (("small", "regular"),),
    ),
    _p(
        "palette.accent", "palette.band", "call to action and footer link on the band", _ACCENT_USES
    ),
    # personal progress and the legend
    _p("palette.status_text", "palette.page", "progress words on the page", _SEPARATOR),
    _p("palette.status_text", "palette.callout", "progress words on a card", _SEPARATOR),
    _p("palette.skipped", "palette.page", "skipped steps on the page", _BODY_USES + _SEPARATOR),
    _p("palette.skipped", "palette.callout", "skipped steps on a card", _BODY_USES + _SEPARATOR),
    _p("palette.legend_text", "palette.page", "the legend", (("small", "regular"),)),
)
GRAPHIC_PAIRS = (
    _p("palette.icon", "palette.page", "icons on the page"),
    _p("palette.icon", "palette.callout", "icons in a callout"),
    _p("palette.progress", "palette.page", "the timeline travelled and phase icons"),
    _p("palette.rest", "palette.page", "the timeline ahead"),
    _p("palette.node_stroke", "palette.page", "timeline nodes"),
    _p("palette.track", "palette.page", "the upskill track"),
    _p("palette.on_progress", "palette.progress", "icons on a progress-coloured disc"),
    _p("palette.done", "palette.page", "the path travelled and done dots"),
    _p("palette.on_progress", "palette.done", "the check on a done dot"),
    _p("palette.current", "palette.page", "the ring and outline of 'you are here'"),
    _p("palette.optional", "palette.page", "the dashed outline of optional steps"),
    _p("palette.outline", "palette.page", "the outline of a card that would vanish on the page"),
)


def pairs(theme: Theme) -> list[Pair]:
    """Every pair ``theme`` produces: page and band pairs, graphics, and each badge level's."""
    return [*PAGE_PAIRS, *GRAPHIC_PAIRS, *_badge_pairs(theme)]


def _badge_pairs(theme: Theme) -> Iterator[Pair]:
    yield _p("badge.ribbon_text_colour", "badge.ribbon", "badge ribbon text on the ribbon", _BADGE)
    for level in (None, *theme.badge.levels):
        look = theme.badge.look(level)
        name = f"{level} badge" if level else "default badge"

        def at(tok: str, level: str | None = level) -> str:
            return _level_token(theme, level, tok)

        yield _p(at("top_text"), at("top"), f"{name} issuer text", _BADGE)
        shape = _p(at("outline"), "palette.page", f"{name} outline (or shield) on the page")
        yield replace(shape, alt=_p(at("shield"), "palette.page", "").fg)
        if look.word:
            yield _p("badge.level_text_colour", at("shield"), f"{name} level word", _BADGE)
        if look.stars:
            yield _p("badge.star", at("shield"), f"{name} stars")


_BADGE_FALLBACK = {"top": "shield", "top_text": "level_text_colour"}


def _level_token(theme: Theme, level: str | None, tok: str) -> str:
    """Where the colour ``tok`` of ``level``'s badge is set: its style (the default style
    for None), else the badge-wide token it falls back to (see ``BadgeStyle.look``)."""
    style = theme.badge.levels[level] if level is not None else theme.badge.default
    if getattr(style, tok) is not None:
        return f"badge.levels.{level}.{tok}" if level is not None else f"badge.default.{tok}"
    return f"badge.{_BADGE_FALLBACK.get(tok, tok)}"


# -- measuring ------------------------------------------------------------------------------


def token(theme: Theme, path: TokenPath) -> str:
    """The colour at ``path`` in ``theme`` (e.g. ``("palette", "text")``)."""
    value: object = theme
    for part in path:
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    if not isinstance(value, str):
        raise TypeError(f"{_dotted(path)} is not a colour token")
    return value


def measure(theme: Theme, pair: Pair) -> Finding:
    """``pair`` in ``theme``: its two colours, their ratio and the rule it must meet."""
    fg, bg = token(theme, pair.fg), token(theme, pair.bg)
    needed, rule = _rule(theme, pair)
    if pair.alt and ratio(token(theme, pair.alt), bg) > ratio(fg, bg):
        pair = replace(pair, fg=pair.alt, alt=pair.fg)
        fg = token(theme, pair.fg)
    return Finding(pair, fg, bg, ratio(fg, bg), needed, rule)


def _rule(theme: Theme, pair: Pair) -> tuple[float, str]:
    if not pair.uses:
        return GRAPHIC, "graphics need at least 3:1 (WCAG 2.1 AA, 1.4.11 non-text contrast)"
    if all(_is_large(theme, use) for use in pair.uses):
        return LARGE, "large text needs at least 3:1 (WCAG 2.1 AA, 1.4.3)"
    return BODY, "text needs at least 4.5:1 (WCAG 2.1 AA, 1.4.3)"


def _is_large(theme: Theme, use: Use) -> bool:
    role, weight = use
    size = getattr(theme.typography.sizes, role, None)
    if size is None:
        return False
    return bool(size >= LARGE_PX or (weight == "bold" and size >= LARGE_BOLD_PX))


def report(theme: Theme) -> list[Finding]:
    """Every pair of ``theme``, measured."""
    return [measure(theme, pair) for pair in pairs(theme)]


def failures(theme: Theme) -> list[Finding]:
    """The pairs of ``theme`` that miss WCAG 2.1 AA; empty when the theme is readable."""
    return [finding for finding in report(theme) if not finding.passes]


__all__ = [
    "FAINT",
    "Finding",
    "Pair",
    "failures",
    "faint",
    "follow",
    "luminance",
    "measure",
    "mix",
    "pairs",
    "ratio",
    "readable",
    "report",
]

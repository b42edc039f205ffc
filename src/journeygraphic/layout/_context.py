"""What every layout shares: the theme, the measurer, and placing wrapped text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..labels import Labels, labels_for
from ..model import State
from ..scene import Box, Font, Item, Scene, Text, Weight
from ..text import Measurer
from ..tokens import Theme
from ._progress import Marks


@dataclass
class Block:
    """Items laid out at an absolute position, and the height they take."""

    items: list[Item] = field(default_factory=list)
    height: float = 0.0
    # Where a track dot or bullet should sit: the middle of the first line.
    anchor_y: float = 0.0


@dataclass(frozen=True)
class Context:
    theme: Theme
    measurer: Measurer
    marks: Marks = field(default_factory=Marks)
    # The progress state handed down to the stages being laid out (a phase marked done).
    inherited: State | None = None
    # The journey's language tag: words too wide for a line are hyphenated in it.
    lang: str = "en"
    # The words the layout writes itself ("DONE", "OR", the legend), in the journey's language.
    labels: Labels = field(default_factory=lambda: labels_for("en"))
    # The journey reads right to left: marks that point the way (a link's "›") turn round.
    rtl: bool = False
    # When set, counts words too wide for their line (split mid-word) as text is placed:
    # the poster's column balancing avoids widths that split words.
    broken: list[int] | None = None
    # Set while columns are balanced: only heights (and ``broken``) are read, so builders
    # may leave out items no height depends on (tracks, badges).
    sizing: bool = False
    # Font spacing, worked out once per layout (shared by the contexts made from this one).
    spacings: dict[tuple[str, float], tuple[float, float, float, float]] = field(
        default_factory=dict, compare=False, repr=False
    )
    fonts: dict[tuple[str, Weight], Font] = field(default_factory=dict, compare=False, repr=False)
    # Sentences naming texts the layout shortened with an ellipsis (warned once each).
    shortened: dict[str, None] = field(default_factory=dict, compare=False, repr=False)
    # Placed texts with characters no font has (lines and font: the characters), as the
    # measurer found them; the ones in the finished scene are warned about once.
    missing: dict[tuple[tuple[str, ...], Font], frozenset[str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def unit(self) -> float:
        return self.theme.shape.unit

    def inheriting(self, state: State | None) -> Context:
        """This context, with ``state`` handed down to the stages laid out in it."""
        return self if state == self.inherited else replace(self, inherited=state)

    def font(self, role: str, weight: Weight = "regular") -> Font:
        found = self.fonts.get((role, weight))
        if found is None:
            size = getattr(self.theme.typography.sizes, role)
            found = self.fonts[role, weight] = self.measurer.font(size, weight)
        return found

    def line_height(self, font: Font) -> float:
        return self._spacing(font)[2]

    def text(
        self,
        content: str,
        x: float,
        top: float,
        width: float,
        font: Font,
        fill: str,
        *,
        anchor: str = "start",
        role: str = "",
        balance: bool = False,
    ) -> tuple[Text, float]:
        """Wrap ``content`` into ``width`` and place its first line box at ``top``.

        With ``balance``, lines are made about equally long (no one-word last line).
        """
        lines, widths = self.measurer.wrapped(content, font, width, balance, self.lang)
        if self.broken is not None:
            # Line-break pieces, not split(): a CJK paragraph has no spaces but breaks anywhere.
            self.broken[0] += self.measurer.too_wide(content, font, width)
        return self._place(lines, widths, x, top, width, font, fill, anchor, role)

    def lines(
        self,
        lines: tuple[str, ...],
        x: float,
        top: float,
        width: float,
        font: Font,
        fill: str,
        *,
        anchor: str = "start",
        role: str = "",
    ) -> tuple[Text, float]:
        """Place already-broken lines; returns the text and the height it takes."""
        widths = tuple(round(self.measurer.width(line, font), 2) for line in lines)
        return self._place(lines, widths, x, top, width, font, fill, anchor, role)

    def _place(
        self,
        lines: tuple[str, ...],
        widths: tuple[float, ...],
        x: float,
        top: float,
        width: float,
        font: Font,
        fill: str,
        anchor: str,
        role: str,
    ) -> tuple[Text, float]:
        ascent, descent, step, lead = self._spacing(font)
        height = step * len(lines)
        if not self.sizing:  # a sizing text is dropped once its height is read
            font, missing = self.measurer.drawing(lines, font)  # fallbacks, as measured
            if missing:
                self.missing[lines, font] = missing
        left = x if anchor == "start" else x - width / 2 if anchor == "middle" else x - width
        # Positional (the fields' order), as this runs ~900 times a layout: x, y (baseline
        # of the first line), lines, font, fill, line_height, anchor, widths, ascent,
        # descent, bounds, role.
        text = Text(
            x,
            round(top + lead + ascent, 2),
            lines,
            font,
            fill,
            step,
            anchor,  # type: ignore[arg-type]
            widths,
            ascent,
            descent,
            Box(left, top, width, height),
            role,
        )
        return text, height

    def _spacing(self, font: Font) -> tuple[float, float, float, float]:
        """Ascent, descent, line height and the gap above the ascent in a line box."""
        key = (font.file, font.size)
        found = self.spacings.get(key)
        if found is None:
            metrics = self.measurer.metrics(font)
            step = round(font.size * self.theme.typography.line_height, 2)
            lead = (step - metrics.ascent - metrics.descent) / 2
            found = self.spacings[key] = (metrics.ascent, metrics.descent, step, lead)
        return found

    def missing_in(self, scene: Scene) -> set[str]:
        """The characters no font has in the texts of ``scene`` (placed in this context)."""
        if not self.missing:  # the usual answer: the scene need not be walked
            return set()
        found: set[str] = set()
        for item in scene.walk():
            if isinstance(item, Text):
                found.update(self.missing.get((item.lines, item.font), ()))
        return found

    def single_width(self, content: str, font: Font) -> float:
        return self.measurer.width(content, font)

"""What every layout shares: the theme, the measurer, and placing wrapped text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import State
from ..scene import Box, Font, Item, Text, Weight
from ..text import Measurer, words
from ..theme import Theme
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
    # When set, counts words too wide for their line (split mid-word) as text is placed:
    # the poster's column balancing avoids widths that split words.
    broken: list[int] | None = None

    @property
    def unit(self) -> float:
        return self.theme.shape.unit

    def inheriting(self, state: State | None) -> Context:
        """This context, with ``state`` handed down to the stages laid out in it."""
        return self if state == self.inherited else replace(self, inherited=state)

    def font(self, role: str, weight: Weight = "regular") -> Font:
        size = getattr(self.theme.typography.sizes, role)
        return self.measurer.font(size, weight)

    def line_height(self, font: Font) -> float:
        return round(font.size * self.theme.typography.line_height, 2)

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
        lines = self.measurer.wrap(content, font, width)
        if self.broken is not None:
            # Line-break pieces, not split(): a CJK paragraph has no spaces but breaks anywhere.
            self.broken[0] += sum(self.measurer.width(w, font) > width for w in words(content))
        if balance and len(lines) > 1:
            lines = self._balanced(content, font, width, len(lines))
        return self.lines(tuple(lines), x, top, width, font, fill, anchor=anchor, role=role)

    def _balanced(self, content: str, font: Font, width: float, count: int) -> list[str]:
        """The narrowest wrap (to 1 px) that still takes ``count`` lines."""
        low, high = width / 2, width
        while high - low > 1:
            mid = (low + high) / 2
            if len(self.measurer.wrap(content, font, mid)) <= count:
                high = mid
            else:
                low = mid
        return self.measurer.wrap(content, font, high)

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
        metrics = self.measurer.metrics(font)
        step = self.line_height(font)
        baseline = top + (step - metrics.ascent - metrics.descent) / 2 + metrics.ascent
        height = step * len(lines)
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        text = Text(
            x=x,
            y=round(baseline, 2),
            lines=lines,
            font=font,
            fill=fill,
            line_height=step,
            anchor=anchor,  # type: ignore[arg-type]
            widths=tuple(round(self.measurer.width(line, font), 2) for line in lines),
            ascent=metrics.ascent,
            descent=metrics.descent,
            bounds=Box(left, top, width, height),
            role=role,
        )
        return text, height

    def single_width(self, content: str, font: Font) -> float:
        return self.measurer.width(content, font)

"""Typography and page-use checks on finished scenes, shared by bench/corpus.py and the tests.

Each check reads only a :class:`~journeygraphic.scene.Scene` (and, for words, the journey it
came from), so it can be run on any layout and tried on hand-made scenes. The checks say what
a reader would notice (issue 14): words split with no hyphen, a width not honoured, columns of
very unequal height, a phone screen filled by the header, badge words outside the shield, and
text shortened or dropped.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from journeygraphic.scene import Box, Circle, Command, Icon, Item, Path, Rect, Scene, Text

LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters in any script
# Words the layouts write themselves (labels and legends), so splits in them count too.
LAYOUT_WORDS = (
    "ALL OF, IN ANY ORDER · OPTIONAL · YOU ARE HERE · DONE · SKIPPED · Exam · "
    "MICROSOFT CERTIFIED · Certification · Prerequisite · optional step · one of · all of"
)
SCREEN = 640.0  # px: the first screen of a phone, for the vertical header
TOL = 0.5  # px, as the layout checker allows


# -- words split with no hyphen ------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """The words of a journey's text (lower case) and the word pairs written with a space
    between them, so a line break at a space is told from one inside a word."""

    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]


def vocabulary(texts: Iterable[str]) -> Vocabulary:
    """The words and adjacent word pairs of ``texts``."""
    words: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for text in (*texts, LAYOUT_WORDS):
        for chunk in text.split():
            words.update(w.lower() for w in LETTERS.findall(chunk))
        tokens = [LETTERS.findall(chunk) for chunk in text.split()]
        for left, right in itertools.pairwise(tokens):
            if left and right:
                pairs.add((left[-1].lower(), right[0].lower()))
    return Vocabulary(frozenset(words), frozenset(pairs))


def journey_texts(journey: Any) -> list[str]:
    """Every string of a journey's content (titles, items, notes ...), in no set order."""
    own = list(_strings(journey.model_dump(exclude={"theme"})))
    return own + list(journey.wording().model_dump().values())  # the words the layouts add


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, (list, tuple)):
        for value in data:
            yield from _strings(value)


@dataclass(frozen=True)
class Split:
    """A word broken across two lines of one text block with no hyphen: ``before|after``."""

    before: str
    after: str
    role: str

    @property
    def word(self) -> str:
        return self.before + self.after

    def __str__(self) -> str:
        return f"{self.before}|{self.after}"


def mid_word_splits(scene: Scene, vocab: Vocabulary) -> list[Split]:
    """Line breaks that fall inside a word: a line ends in a letter, the next line of the same
    block starts with one, the two pieces together make a word of the journey, and the
    journey never writes those two pieces as words with a space between them."""
    found = []
    for item in scene.walk():
        if isinstance(item, Text):
            found += _splits_in(item, vocab)
    return found


def _splits_in(text: Text, vocab: Vocabulary) -> list[Split]:
    found = []
    for upper, lower in itertools.pairwise(text.lines):
        tail = re.search(r"[^\W\d_]+$", upper)
        head = re.match(r"[^\W\d_]+", lower)
        if not (tail and head):
            continue
        before, after = tail.group(), head.group()
        joined = (before + after).lower()
        if joined in vocab.words and (before.lower(), after.lower()) not in vocab.pairs:
            found.append(Split(before, after, text.role))
    return found


# -- widths, columns and the first screen --------------------------------------------------


def width_excess(scene: Scene, asked: float) -> float:
    """How many px wider than ``asked`` the scene is (0 when the width is honoured)."""
    return max(0.0, scene.width - asked)


def poster_columns(scene: Scene) -> list[float]:
    """The height of each poster column, from the top of its timeline to its lowest item.

    Columns hang from the timeline nodes: a column starts at its node's left edge and ends
    where the next one starts; a flowed column's two sub-columns are one column. A poster
    of two rows has a timeline per row: a row's columns end where the next row's captions
    begin, the last row's at the footer band. Legend, footer and band items are not column
    content. Empty for a scene without nodes (compact cards).
    """
    nodes = [c for c in scene.walk() if isinstance(c, Circle) and c.role == "node"]
    lines = sorted({n.cy for n in nodes})
    heights: list[float] = []
    for i, line_y in enumerate(lines):
        row = sorted((n for n in nodes if n.cy == line_y), key=lambda n: n.cx)
        end = _row_end(scene, line_y, lines[i + 1] if i + 1 < len(lines) else None)
        heights += _row_columns(scene, [n.cx - n.r for n in row], line_y, end)
    return heights


def _row_end(scene: Scene, line_y: float, next_line: float | None) -> float:
    """Where a row's columns must end: the next row's first caption, else the footer."""
    if next_line is not None:
        captions = [
            box.y
            for item in scene.walk()
            if getattr(item, "role", "") == "caption"
            and (box := item_box(item)) is not None
            and line_y < box.y < next_line
            and box.bottom < next_line
        ]
        return min(captions, default=next_line)
    bands = [r.y for r in scene.walk() if isinstance(r, Rect) and r.role == "band" and r.y > line_y]
    return min(bands, default=float("inf"))


def _row_columns(scene: Scene, lefts: list[float], line_y: float, end: float) -> list[float]:
    bottoms = [line_y] * len(lefts)
    for item in scene.walk():
        role = getattr(item, "role", "")  # walk() has flattened the links away
        if role.startswith("legend") or role in ("band", "footer", "node", "timeline"):
            continue
        box = item_box(item)
        if box is None or box.y < line_y - TOL or box.y >= end - TOL:
            continue
        column = max(0, sum(1 for left in lefts if left <= box.x + TOL) - 1)
        bottoms[column] = max(bottoms[column], box.bottom)
    return [b - line_y for b in bottoms]


def column_balance(heights: list[float]) -> float:
    """Tallest column over the median column (1.0 is perfectly even; 0 for no columns)."""
    if not heights:
        return 0.0
    median = statistics.median(heights)
    return max(heights) / median if median > 0 else float("inf")


def header_fraction(scene: Scene, screen: float = SCREEN) -> float:
    """Where the header band (title and call to action) ends, as a fraction of a screen."""
    bands = [r for r in scene.walk() if isinstance(r, Rect) and r.role == "band" and r.y <= TOL]
    return max((r.y + r.h for r in bands), default=0.0) / screen


def item_box(item: Item) -> Box | None:
    """The bounding box of a drawable item (text: its lines' ink-safe boxes)."""
    if isinstance(item, Text):
        return _union(item.line_boxes())
    if isinstance(item, Rect):
        return item.box
    if isinstance(item, Icon):
        return item.box
    if isinstance(item, Circle):
        return Box(item.cx - item.r, item.cy - item.r, 2 * item.r, 2 * item.r)
    if isinstance(item, Path):
        points = polygon(item.commands)
        if not points:
            return None
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    return None


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    x0, y0 = min(b.x for b in boxes), min(b.y for b in boxes)
    x1, y1 = max(b.right for b in boxes), max(b.bottom for b in boxes)
    return Box(x0, y0, x1 - x0, y1 - y0)


# -- badges --------------------------------------------------------------------------------


def polygon(commands: Iterable[Command]) -> list[tuple[float, float]]:
    """A path's outline as points (curves sampled 16 times)."""
    points: list[tuple[float, float]] = []
    for command in commands:
        op, *raw = command
        c = [float(v) for v in raw]
        if op in ("M", "L"):
            points.append((c[0], c[1]))
        elif op == "C" and points:
            x0, y0 = points[-1]
            for i in range(1, 17):
                t, u = i / 16, 1 - i / 16
                points.append(
                    (
                        u**3 * x0 + 3 * u * u * t * c[0] + 3 * u * t * t * c[2] + t**3 * c[4],
                        u**3 * y0 + 3 * u * u * t * c[1] + 3 * u * t * t * c[3] + t**3 * c[5],
                    )
                )
    return points


def span_at(points: list[tuple[float, float]], y: float) -> tuple[float, float] | None:
    """The leftmost and rightmost x where the closed outline ``points`` crosses height y."""
    xs = []
    for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]], strict=True):
        if min(y0, y1) <= y <= max(y0, y1) and y0 != y1:
            xs.append(x0 + (x1 - x0) * (y - y0) / (y1 - y0))
        elif y0 == y1 == y:
            xs += [x0, x1]
    return (min(xs), max(xs)) if xs else None


@dataclass(frozen=True)
class Outside:
    """A badge line of text that leaves its shape, by how many px."""

    line: str
    by: float

    def __str__(self) -> str:
        return f"'{self.line}' by {self.by:.1f}px"


def badge_text_outside(scene: Scene) -> list[Outside]:
    """Badge words not inside their shape: a line on the ribbon must stay on the ribbon,
    any other badge line inside the shield's outline at its top and bottom (the shield is
    convex, so that is enough), not merely inside the shield's bounding box."""
    items = scene.walk()
    shields = [polygon(p.commands) for p in items if isinstance(p, Path) and _is_shield(p)]
    ribbons = [r.box for r in items if isinstance(r, Rect) and r.role == "badge"]
    found = []
    for text in (t for t in items if isinstance(t, Text) and t.role == "badge-text"):
        for line, box in zip(text.lines, text.line_boxes(), strict=True):
            by = _overshoot(box, shields, ribbons)
            if by > TOL:
                found.append(Outside(line, by))
    return found


def _is_shield(item: Path) -> bool:
    return item.role == "badge" and item.fill != "none" and any(c[0] == "C" for c in item.commands)


def _overshoot(box: Box, shields: list[list[tuple[float, float]]], ribbons: list[Box]) -> float:
    """How far ``box`` leaves the shape it sits on (a ribbon, else the nearest shield)."""
    middle = box.y + box.h / 2
    for ribbon in ribbons:
        if ribbon.y <= middle <= ribbon.bottom and ribbon.x <= box.x + box.w / 2 <= ribbon.right:
            return max(ribbon.x - box.x, box.right - ribbon.right, 0.0)
    best = float("inf")
    for shield in shields:
        spans = [span_at(shield, y) for y in (box.y, box.bottom)]
        if any(s is None for s in spans):
            miss = box.w  # above or below the shield altogether
        else:
            miss = max(max(s[0] - box.x, box.right - s[1]) for s in spans if s)
        best = min(best, max(miss, 0.0))
    return 0.0 if best == float("inf") else best


# -- text shortened or dropped -------------------------------------------------------------


def ellipsis_lines(scene: Scene) -> list[str]:
    """Lines the layout shortened and marked with an ellipsis."""
    return [
        line
        for item in scene.walk()
        if isinstance(item, Text)
        for line in item.lines
        if line.endswith(("…", "..."))
    ]


def dropped_badge_words(scene: Scene, journey: Any) -> list[str]:
    """Issuer and ribbon words of a drawn badge that are missing from it, silently: the badge
    shows some of a certification's words (so it is that certification's) but not all."""
    drawn = {
        w.upper()
        for item in scene.walk()
        if isinstance(item, Text) and item.role == "badge-text"
        for line in item.lines
        for w in line.split()
    }
    missing = []
    for stage in _certifications(journey):
        issuer = (stage.badge_issuer or stage.issuer or "").rstrip(":").upper().split()
        ribbon = " ".join(stage.badge_lines or [stage.name]).upper().split()
        if ribbon and ribbon[0] in drawn:  # this certification's badge is on the page
            missing += [w for w in (*issuer, *ribbon) if w not in drawn]
    return missing


def _certifications(journey: Any) -> list[Any]:
    return [s for s in journey.stages() if getattr(s, "kind", "") == "certification"]


# -- lone last words -----------------------------------------------------------------------


def lone_last_words(scene: Scene, roles: tuple[str, ...] = ("caption", "heading")) -> list[str]:
    """Blocks whose last line is one short word left alone under a line of several words,
    e.g. 'Train your / way', '... Security Specialist / (CKS)'. A two-word text set one word
    a line ('Start / here') is a narrow column, not a lone word, and is not counted."""
    return [
        f"{item.lines[-2]} / {item.lines[-1]}"
        for item in scene.walk()
        if isinstance(item, Text)
        and item.role in roles
        and len(item.lines) >= 2
        and len(item.lines[-2].split()) >= 2
        and " " not in item.lines[-1].strip()
        and len(item.lines[-1].strip()) <= 8
    ]

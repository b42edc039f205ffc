"""Measurements of a finished scene, read off its items (no layout internals).

Used by the layout tests and by ``python tests/measure.py`` (a table over the test
journeys). A poster's columns are found from its timeline nodes: a stage's text belongs
to the nearest node above it and to its left.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from journeygraphic.scene import Box, Circle, Icon, Rect, Scene, Text

COLUMN_ROLES = frozenset({"body", "heading", "link", "status"})


@dataclass(frozen=True)
class Column:
    x: float  # the node's centre
    y: float
    bottom: float  # the lowest text line in the column
    measure: float  # from the leftmost stage icon or text to the rightmost text's edge, px

    @property
    def height(self) -> float:
        return self.bottom - self.y


def nodes(scene: Scene) -> list[Circle]:
    return [i for i in scene.walk() if isinstance(i, Circle) and i.role == "node"]


def _footer_top(scene: Scene) -> float:
    bands = [i.y for i in scene.walk() if isinstance(i, Rect) and i.role == "band" and i.y > 0]
    return min(bands, default=scene.height)


def _owner(marks: list[Circle], box: Box) -> int | None:
    above = [i for i, n in enumerate(marks) if n.cy <= box.y and n.cx - n.r - 1 <= box.x]
    if not above:
        return None
    return max(above, key=lambda i: (marks[i].cy, marks[i].cx))


def columns(scene: Scene) -> list[Column]:
    """The poster's columns, one per node, with their heights and measure (the width
    its stages' body and heading texts span, icons included)."""
    marks = nodes(scene)
    bottoms = {i: n.cy for i, n in enumerate(marks)}
    lefts: dict[int, float] = {}
    rights: dict[int, float] = {}
    footer = _footer_top(scene)
    for item in scene.walk():
        if isinstance(item, Icon) and item.y > 0:
            box = item.box
        elif isinstance(item, Text) and item.role in COLUMN_ROLES and item.bounds is not None:
            box = item.bounds
        else:
            continue
        owner = _owner(marks, box)
        if owner is None or box.y >= footer:
            continue
        bottoms[owner] = max(bottoms[owner], box.bottom)
        if isinstance(item, Icon) or item.role in ("body", "heading"):
            lefts[owner] = min(lefts.get(owner, 1e9), box.x)
        if isinstance(item, Text) and item.role in ("body", "heading"):
            rights[owner] = max(rights.get(owner, 0.0), box.right)
    return [
        Column(n.cx, n.cy, bottoms[i], max(0.0, rights.get(i, 0.0) - lefts.get(i, 0.0)))
        for i, n in enumerate(marks)
    ]


def body_size(scene: Scene) -> float:
    sizes = [i.font.size for i in scene.walk() if isinstance(i, Text) and i.role == "body"]
    return statistics.median(sizes) if sizes else 15.0


def busiest_ems(scene: Scene) -> float:
    """The text width of the tallest column, in ems of the body size."""
    cols = [c for c in columns(scene) if c.measure]
    tallest = max(cols, key=lambda c: c.height)
    return tallest.measure / body_size(scene)


def narrowest_ems(scene: Scene) -> float:
    """The narrowest column text width, in ems of the body size."""
    return min(c.measure for c in columns(scene) if c.measure) / body_size(scene)


def balance(scene: Scene) -> float:
    """The tallest column's height over the median column height."""
    heights = [c.height for c in columns(scene) if c.height > 0]
    return max(heights) / statistics.median(heights)


def header_bottom(scene: Scene) -> float:
    """Where the header band ends (the band at the top of the page)."""
    bands = [i for i in scene.walk() if isinstance(i, Rect) and i.role == "band" and i.y == 0]
    return bands[0].h if bands else 0.0


def _table() -> None:  # pragma: no cover - a script for people
    import sys
    import time
    import warnings
    from pathlib import Path

    import journeygraphic as jg

    root = Path(__file__).resolve().parent.parent
    specs = [root / "specs" / "az400.yaml", *sorted((root / "tests" / "journeys").glob("*.yaml"))]
    runs = [("poster", w) for w in (800, 1200, 1600, 2400)]
    runs += [("vertical", w) for w in (320, 360, 480)] + [("compact", w) for w in (360, 1200)]
    warnings.simplefilter("ignore")
    print("spec layout asked got height busiest-ems narrowest-ems balance header ms")
    for spec in specs:
        journey = jg.load(spec)
        for name, width in runs:
            start = time.perf_counter()
            scene = jg.build_scene(journey, layout=name, width=width)
            ms = (time.perf_counter() - start) * 1000
            cols = name == "poster"
            row = [
                spec.stem,
                name,
                width,
                round(scene.width),
                round(scene.height),
                f"{busiest_ems(scene):.1f}" if cols else "-",
                f"{narrowest_ems(scene):.1f}" if cols else "-",
                f"{balance(scene):.2f}" if cols else "-",
                round(header_bottom(scene)),
                f"{ms:.0f}",
            ]
            print(" ".join(str(v) for v in row))
            if "--png" in sys.argv:
                out = Path("/tmp/measure") / sys.argv[-1]
                out.mkdir(parents=True, exist_ok=True)
                target = out / f"{spec.stem}-{name}-{width}.png"
                target.write_bytes(jg.render(journey, "png", layout=name, width=width))


if __name__ == "__main__":  # pragma: no cover
    _table()

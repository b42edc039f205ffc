"""The layout checker: proof by measurement that nothing spills, overlaps or leaves the page.

Rules, on a finished scene:
- every item lies inside the canvas;
- every text line lies inside the region its text was given (its ``bounds``);
- no two text lines overlap, and no text touches an icon, a node, a dot or a connector;
- a text line that meets a rectangle lies wholly inside it (text on a card, never across
  its edge), and cards do not overlap each other;
- a node, dot or "you are here" ring that meets a card, callout or outline (the frame of
  the current or an optional step) lies wholly inside it;
- a text line on a non-rectangular shape (a badge's shield) lies inside that shape's
  outline, not just inside its bounding box.
Pairs are found with a uniform grid, so a long or tall journey costs about linear time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .scene import Box, Circle, Icon, Image, Item, Path, Rect, Scene, Text

TOLERANCE = 0.5  # px; measured widths are rounded to 0.01 and strokes are anti-aliased
ROUND = frozenset({"node", "dot", "ring", "medallion"})  # circles that mark the path
BOXES = frozenset({"card", "callout", "frame"})  # rectangles that hold a stage


@dataclass(frozen=True)
class Shape:
    kind: str  # "text", "rect", "icon", "mark" (nodes, dots, connector samples)
    box: Box
    label: str
    owner: int  # index of the item it came from
    pad: float = 0.0  # half a stroke: a line's ends may meet the canvas edge


def check_scene(scene: Scene) -> list[str]:
    """All the ways ``scene`` breaks the layout rules, as sentences; empty when it is clean."""
    shapes = list(_shapes(scene))
    problems = [p for s in shapes for p in _outside_canvas(scene, s)]
    problems += _outside_bounds(scene)
    problems += outside_shapes(scene)
    problems += [p for a, b in _pairs(shapes) for p in _conflict(a, b)]
    return problems


def _shapes(scene: Scene) -> Iterator[Shape]:
    for index, item in enumerate(scene.walk()):
        yield from _item_shapes(item, index)


def _item_shapes(item: Item, index: int) -> Iterator[Shape]:
    if isinstance(item, Text):
        for line, box in zip(item.lines, item.line_boxes(), strict=True):
            yield Shape("text", box, f"text '{_short(line)}'", index)
    elif isinstance(item, Rect):
        yield Shape("rect", item.box, f"{item.role or 'rect'} box", index)
    elif isinstance(item, Icon):
        yield Shape("icon", item.box, f"icon '{item.name}'", index)
    elif isinstance(item, Image):
        yield Shape("icon", item.box, "logo", index)
    elif isinstance(item, Circle):
        r = item.r + item.stroke_width / 2
        yield Shape(
            "mark", Box(item.cx - r, item.cy - r, 2 * r, 2 * r), item.role or "circle", index
        )
    elif isinstance(item, Path):
        yield from _path_samples(item, index)


def _path_samples(path: Path, index: int) -> Iterator[Shape]:
    """Boxes along a stroked path, so a connector is checked where it really runs: one
    box for a horizontal or vertical segment, small boxes every 4 px along the others."""
    half = max(path.stroke_width, 1.0) / 2
    label = path.role or "path"
    kind = "mark" if path.stroke != "none" and path.role not in ("badge",) else "fill"
    for x0, y0, x1, y1 in _spans(path):
        x, y = min(x0, x1) - half, min(y0, y1) - half
        box = Box(x, y, abs(x1 - x0) + 2 * half, abs(y1 - y0) + 2 * half)
        yield Shape(kind, box, label, index, half)


def _spans(path: Path) -> Iterator[tuple[float, float, float, float]]:
    """The path as straight spans (x0, y0, x1, y1); a point is a span of no length."""
    cx = cy = 0.0
    for command in path.commands:
        op, *raw = command
        coords = [float(v) for v in raw]
        if op == "M":
            cx, cy = coords
            yield cx, cy, cx, cy
        elif op == "L":
            x1, y1 = coords
            if x1 == cx or y1 == cy:
                yield cx, cy, x1, y1
            else:
                yield from ((x, y, x, y) for x, y in _line_points(cx, cy, x1, y1))
            cx, cy = x1, y1
        elif op == "C":
            yield from ((x, y, x, y) for x, y in _curve_points(cx, cy, coords))
            cx, cy = coords[4], coords[5]


def _points(path: Path) -> Iterator[tuple[float, float]]:
    """The path's outline as points (curves and slanted lines sampled), for containment."""
    return ((x1, y1) for _, _, x1, y1 in _spans(path))


def _line_points(x0: float, y0: float, x1: float, y1: float) -> Iterator[tuple[float, float]]:
    length = max(abs(x1 - x0), abs(y1 - y0))
    count = max(1, int(length // 4))
    for i in range(1, count + 1):
        t = i / count
        yield x0 + (x1 - x0) * t, y0 + (y1 - y0) * t


def _curve_points(x0: float, y0: float, c: list[float]) -> Iterator[tuple[float, float]]:
    for i in range(1, 17):
        t = i / 16
        u = 1 - t
        x = u**3 * x0 + 3 * u * u * t * c[0] + 3 * u * t * t * c[2] + t**3 * c[4]
        y = u**3 * y0 + 3 * u * u * t * c[1] + 3 * u * t * t * c[3] + t**3 * c[5]
        yield x, y


def _outside_canvas(scene: Scene, shape: Shape) -> list[str]:
    canvas = Box(0, 0, scene.width, scene.height)
    if canvas.contains(shape.box, TOLERANCE + shape.pad):
        return []
    return [f"{shape.label} leaves the canvas at {_where(shape.box)}"]


def _outside_bounds(scene: Scene) -> list[str]:
    problems = []
    for item in scene.walk():
        if not isinstance(item, Text) or item.bounds is None:
            continue
        for line, box in zip(item.lines, item.line_boxes(), strict=True):
            if box.x < item.bounds.x - TOLERANCE or box.right > item.bounds.right + TOLERANCE:
                problems.append(
                    f"text '{_short(line)}' is {box.w:.1f}px wide but its box is "
                    f"{item.bounds.w:.1f}px"
                )
    return problems


def outside_shapes(scene: Scene) -> list[str]:
    """Text lines that leave the non-rectangular shape they sit on (a badge's shield).

    A line sits on the smallest filled, closed path whose outline holds the line's
    centre; each corner of the line's box must then lie inside that outline too, not
    just inside its bounding box (the shield narrows to a point).
    """
    holders = [
        (_area(poly), poly, item.role or "shape")
        for item in scene.walk()
        if isinstance(item, Path) and item.fill != "none" and item.commands[-1][0] == "Z"
        for poly in [list(_points(item))]
    ]
    holders.sort(key=lambda holder: holder[0])
    problems = []
    for item in scene.walk():
        if not isinstance(item, Text):
            continue
        for line, box in zip(item.lines, item.line_boxes(), strict=True):
            middle = (box.x + box.w / 2, box.y + box.h / 2)
            holder = next((h for h in holders if _inside(middle, h[1])), None)
            if holder is None:
                continue
            corners = [(x, y) for x in (box.x, box.right) for y in (box.y, box.bottom)]
            if not all(_inside(corner, holder[1], TOLERANCE) for corner in corners):
                problems.append(
                    f"text '{_short(line)}' leaves its {holder[2]} shape at {_where(box)}"
                )
    return problems


def _area(poly: list[tuple[float, float]]) -> float:
    pairs = zip(poly, poly[1:] + poly[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


def _inside(point: tuple[float, float], poly: list[tuple[float, float]], tol: float = 0.0) -> bool:
    """Inside the polygon (even-odd ray cast), or within ``tol`` of its outline."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside or (tol > 0 and _near_outline(point, poly, tol))


def _near_outline(point: tuple[float, float], poly: list[tuple[float, float]], tol: float) -> bool:
    x, y = point
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1], strict=True):
        dx, dy = x1 - x0, y1 - y0
        t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy or 1.0)))
        if (x - x0 - t * dx) ** 2 + (y - y0 - t * dy) ** 2 <= tol * tol:
            return True
    return False


CELL = 64.0  # px: the grid's cell, about a line of text or a node


def _pairs(shapes: list[Shape]) -> Iterator[tuple[Shape, Shape]]:
    """Pairs of shapes from different items whose boxes overlap, in a fixed order.

    Each shape is put in the cells of a uniform grid that its box touches, and only shapes
    sharing a cell are compared, so the work grows with the shapes and the area they cover,
    not with their square (a tall scene's thousands of lines at one height included).
    """
    order = sorted(range(len(shapes)), key=lambda i: shapes[i].box.y)  # as a y sweep meets them
    rank = {shape_index: position for position, shape_index in enumerate(order)}
    cells: dict[tuple[int, int], list[int]] = {}
    for i in order:
        for cell in _cells(shapes[i].box):
            cells.setdefault(cell, []).append(i)
    found: set[tuple[int, int]] = set()
    for members in cells.values():
        for n, i in enumerate(members):
            a = shapes[i]
            for j in members[n + 1 :]:
                b = shapes[j]
                if a.owner != b.owner and a.box.overlaps(b.box, TOLERANCE):
                    found.add((i, j))  # i met first: members are in sweep order
    for i, j in sorted(found, key=lambda pair: (rank[pair[1]], rank[pair[0]])):
        yield shapes[i], shapes[j]


def _cells(box: Box) -> Iterator[tuple[int, int]]:
    left, right = int(box.x // CELL), int(box.right // CELL)
    top, bottom = int(box.y // CELL), int(box.bottom // CELL)
    for column in range(left, right + 1):
        for row in range(top, bottom + 1):
            yield column, row


def _conflict(a: Shape, b: Shape) -> list[str]:
    kinds = {a.kind, b.kind}
    if kinds == {"text"}:
        return [f"{a.label} overlaps {b.label} at {_where(a.box)}"]
    if "text" in kinds and kinds & {"icon", "mark"}:
        return [f"{a.label} overlaps {b.label} at {_where(a.box)}"]
    if kinds == {"text", "rect"}:
        text, rect = (a, b) if a.kind == "text" else (b, a)
        if not rect.box.contains(text.box, TOLERANCE):
            return [f"{text.label} crosses the edge of the {rect.label} at {_where(text.box)}"]
    if kinds == {"icon", "rect"}:
        icon, rect = (a, b) if a.kind == "icon" else (b, a)
        if not rect.box.contains(icon.box, TOLERANCE):
            return [f"{icon.label} crosses the edge of the {rect.label}"]
    if kinds == {"icon"}:
        return [f"{a.label} overlaps {b.label} at {_where(a.box)}"]
    if kinds == {"mark", "rect"}:
        mark, rect = (a, b) if a.kind == "mark" else (b, a)
        boxed = rect.label.removesuffix(" box") in BOXES
        if mark.label in ROUND and boxed and not rect.box.contains(mark.box, TOLERANCE):
            return [f"{mark.label} crosses the edge of the {rect.label} at {_where(mark.box)}"]
    nested = a.box.contains(b.box) or b.box.contains(a.box)
    if a.kind == b.kind == "rect" and "band" not in a.label + b.label and not nested:
        return [f"{a.label} overlaps {b.label} at {_where(a.box)}"]
    return []


def _where(box: Box) -> str:
    return f"({box.x:.0f}, {box.y:.0f})"


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."

"""A brand's logo: a PNG or an SVG file beside the theme, made safe before anything draws it.

A raster logo goes through the raster icons' limits (:mod:`journeygraphic.spec._raster`:
allowlisted formats, bytes and pixels capped before decoding) and is kept as a PNG.

An SVG logo is parsed by expat with a DOCTYPE, any entity declaration or reference, and
processing instructions refused before they can expand or fetch anything, then turned into
our own scene paths: only shapes (``svg g path rect circle ellipse line polyline polygon``)
with flat colours survive, re-emitted by each backend through its own escaping writer.
Scripts, ``foreignObject``, images, links, styles, gradients, text, event attributes and
any external reference are refused with the element, the attribute and the line named.
"""

from __future__ import annotations

import base64
import io
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import SpecError
from .geometry import circle_commands
from .limits import Limits
from .scene import Artwork, Command, Path
from .spec import DataPath, Located
from .spec._files import read_inside
from .spec._located import at, show
from .spec._raster import raster_or_why
from .tokens import LOGO_SUFFIXES

__all__ = ["LOGO_SUFFIXES", "read_logo", "svg_artwork"]

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
SHAPES = ("path", "rect", "circle", "ellipse", "line", "polyline", "polygon")
_KEPT = frozenset({"svg", "g", *SHAPES})
_SKIPPED = frozenset({"title", "desc", "metadata"})  # not drawn: left out with what they hold
_MAX_ELEMENTS = 5000
_MAX_COMMANDS = 50_000
_MAX_DEPTH = 32
# Painting properties, as attributes or in a style="a: b; ..." (inherited down the tree).
_PAINT = ("fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin")
_NEUTRAL = {  # accepted only with these values: anything else would not look the same
    "fill-rule": "nonzero",
    "clip-rule": "nonzero",
    "opacity": "1",
    "fill-opacity": "1",
    "stroke-opacity": "1",
    "display": "inline",
    "visibility": "visible",
}
_NAMED = {
    "black": "#000000",
    "white": "#FFFFFF",
    "red": "#FF0000",
    "green": "#008000",
    "blue": "#0000FF",
    "yellow": "#FFFF00",
    "gray": "#808080",
    "grey": "#808080",
    "orange": "#FFA500",
    "purple": "#800080",
    "navy": "#000080",
    "teal": "#008080",
}
_HEX = re.compile(r"#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_LENGTH = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(px)?\s*")
_TRANSFORM = re.compile(r"\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^()]*)\)\s*,?")

Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as SVG's matrix()
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class _RefusedError(Exception):
    """Why the logo is refused, and the line of the logo file that says so."""

    def __init__(self, why: str, line: int = 0) -> None:
        super().__init__(why)
        self.why, self.line = why, line


def read_logo(
    folder: str | os.PathLike[str],
    relative: str,
    root: str | os.PathLike[str],
    limits: Limits,
    located: Located | None,
    path: DataPath,
) -> Artwork:
    """The logo file ``relative`` names (relative to ``folder``, confined to ``root``).

    Raises:
        SpecError: Located at ``path``: outside the folder, too big, not a PNG or a
            well-formed SVG, or an SVG holding anything but shapes in flat colours.
    """
    raw = read_inside(
        folder,
        relative,
        root=root,
        max_bytes=limits.max_icon_bytes,
        located=located,
        path=path,
        what="logo",
        limit="max_icon_bytes",
    )
    try:
        if relative.lower().endswith(".svg"):
            return svg_artwork(raw)
        return _raster_artwork(raw, limits)
    except _RefusedError as refused:
        where = f" (line {refused.line})" if refused.line else ""
        message = f"the logo {show(relative)} cannot be used{where}: {refused.why}"
        raise SpecError([at(located, message, path)]) from None


def _raster_artwork(raw: bytes, limits: Limits) -> Artwork:
    image = raster_or_why(raw, limits)
    if isinstance(image, str):
        raise _RefusedError(image)
    out = io.BytesIO()
    image.convert("RGBA").save(out, format="PNG", optimize=False)  # no text chunks, no time
    png = base64.b64encode(out.getvalue()).decode("ascii")
    return Artwork(float(image.width), float(image.height), png=png)


# --------------------------------------------------------------------------- parsing


@dataclass
class _Node:
    tag: str  # local name; "" for an element outside the SVG namespace
    attributes: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)


def _parse(raw: bytes) -> _Node:
    """The element tree of ``raw``, refusing everything that could expand or fetch."""
    from xml.parsers import expat  # here: only a theme with an SVG logo parses XML

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Node] = []
    root: list[_Node] = []
    count = [0]

    def refuse(what: str) -> Any:
        def handler(*_: Any) -> None:
            raise _RefusedError(what, parser.CurrentLineNumber)

        return handler

    def start(name: str, attributes: dict[str, str]) -> None:
        count[0] += 1
        if count[0] > _MAX_ELEMENTS or len(stack) >= _MAX_DEPTH:
            raise _RefusedError(f"it has over {_MAX_ELEMENTS:,} elements or {_MAX_DEPTH} levels")
        namespace, _, local = name.rpartition(" ")
        tag = local if namespace == _SVG_NS else f"?{local}"  # "?": another namespace
        node = _Node(tag, attributes, parser.CurrentLineNumber)
        (stack[-1].children if stack else root).append(node)
        stack.append(node)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _name: stack.pop()
    doctype = "a DOCTYPE is not allowed in a logo (entities could expand or fetch files)"
    parser.StartDoctypeDeclHandler = refuse(doctype)
    parser.EntityDeclHandler = refuse("an ENTITY declaration is not allowed in a logo")
    parser.ExternalEntityRefHandler = refuse("an external entity is not allowed in a logo")
    parser.SkippedEntityHandler = refuse("an entity reference is not allowed in a logo")
    parser.ProcessingInstructionHandler = refuse(
        "a processing instruction (such as xml-stylesheet) is not allowed in a logo"
    )
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as error:
        raise _RefusedError(
            f"it is not well-formed XML ({expat.ErrorString(error.code)})", error.lineno
        ) from None
    if not root or root[0].tag != "svg":
        raise _RefusedError(
            "it is not an SVG document (its root is not <svg> in the SVG namespace)"
        )
    return root[0]


# --------------------------------------------------------------------------- sanitising


@dataclass(frozen=True)
class _Paint:
    fill: str = "#000000"
    stroke: str = "none"
    stroke_width: float = 1.0
    cap: str = "butt"
    join: str = "miter"


def svg_artwork(raw: bytes) -> Artwork:
    """An SVG logo as our own paths, in its viewBox's units from (0, 0).

    Raises:
        _RefusedError: Anything but shapes in flat colours, or a malformed value.
    """
    svg = _parse(raw)
    left, top, width, height = _viewbox(svg)
    paths: list[Path] = []
    start = _translate(-left, -top)
    _walk(svg, start, _Paint(), paths, [0])
    return Artwork(width, height, paths=tuple(paths))


def _viewbox(svg: _Node) -> tuple[float, float, float, float]:
    box = svg.attributes.get("viewBox")
    if box is not None:
        numbers = _numbers(box, svg.line)
        if len(numbers) == 4 and numbers[2] > 0 and numbers[3] > 0:
            return numbers[0], numbers[1], numbers[2], numbers[3]
        raise _RefusedError("its viewBox is not four numbers with a positive size", svg.line)
    width = _length(svg.attributes.get("width", ""), svg.line)
    height = _length(svg.attributes.get("height", ""), svg.line)
    if width > 0 and height > 0:
        return 0.0, 0.0, width, height
    raise _RefusedError("it has neither a viewBox nor a width and height in pixels", svg.line)


def _walk(node: _Node, matrix: Matrix, paint: _Paint, out: list[Path], budget: list[int]) -> None:
    _check_attributes(node)
    if node.tag.startswith("?"):
        return  # another namespace's element (an editor's notes): never drawn, left out
    if node.tag in _SKIPPED or (node.tag == "defs" and not node.children):
        return  # not drawn; an editor's empty <defs /> neither
    if node.tag not in _KEPT:
        allowed = ", ".join(sorted(_KEPT))
        raise _RefusedError(
            f"the element <{node.tag}> is not allowed in a logo; a logo may hold only shapes "
            f"in flat colours ({allowed})",
            node.line,
        )
    matrix = _compose(matrix, _transform(node.attributes.get("transform", ""), node.line))
    paint = _painted(node, paint)
    if node.tag in SHAPES:
        commands = _shape_commands(node)
        budget[0] += len(commands)
        if budget[0] > _MAX_COMMANDS:
            raise _RefusedError(f"it has over {_MAX_COMMANDS:,} path commands", node.line)
        drawn = _path(commands, matrix, paint, node.tag in ("line", "polyline"))
        if drawn is not None:
            out.append(drawn)
        return
    for child in node.children:
        _walk(child, matrix, paint, out, budget)


def _check_attributes(node: _Node) -> None:
    """Refuse event attributes, references out of the logo and styles that fetch."""
    for name, value in node.attributes.items():
        local = name.rpartition(" ")[2]
        where = f"<{node.tag.lstrip('?')}>"
        if local.lower().startswith("on"):
            raise _RefusedError(
                f"the event attribute {local}= on {where} is not allowed", node.line
            )
        if local == "href" and not re.fullmatch(r"#[A-Za-z_][\w.\-]*", value.strip()):
            raise _RefusedError(
                f"{where} has href={show(value)}: a logo may not refer to anything outside itself",
                node.line,
            )
        if "url(" in value.replace(" ", "").lower():
            raise _RefusedError(
                f"{where} has {local}={show(value)}: url() references (gradients, patterns, "
                "external files) are not allowed; use flat colours",
                node.line,
            )


def _properties(node: _Node) -> dict[str, str]:
    """Painting properties from attributes and the ``style`` attribute (which wins)."""
    found = {k: v for k, v in node.attributes.items() if " " not in k}
    for declaration in node.attributes.get("style", "").split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            found[name.strip().lower()] = value.strip()
        elif declaration.strip():
            raise _RefusedError(
                f"the style {show(declaration)} is not a CSS declaration", node.line
            )
    return found


def _painted(node: _Node, paint: _Paint) -> _Paint:
    props = _properties(node)
    for name, neutral in _NEUTRAL.items():
        value = props.get(name)
        if value is not None and not _neutral(value, neutral):
            raise _RefusedError(
                f"<{node.tag}> has {name}: {show(value)}, which logos cannot use (only "
                f"{neutral}); flatten it in the editor",
                node.line,
            )
    changes: dict[str, Any] = {}
    for name in ("fill", "stroke"):
        if name in props:
            changes[name] = _colour(props[name], node.line)
    if "stroke-width" in props:
        changes["stroke_width"] = _length(props["stroke-width"], node.line)
    if "stroke-linecap" in props:
        changes["cap"] = _keyword(props["stroke-linecap"], ("butt", "round", "square"), node)
    if "stroke-linejoin" in props:
        changes["join"] = _keyword(props["stroke-linejoin"], ("miter", "round", "bevel"), node)
    return _Paint(**{**paint.__dict__, **changes}) if changes else paint


def _neutral(value: str, neutral: str) -> bool:
    if neutral == "1":
        try:
            return float(value) == 1
        except ValueError:
            return False
    return value.strip() == neutral


def _keyword(value: str, allowed: tuple[str, ...], node: _Node) -> str:
    if value.strip() not in allowed:
        raise _RefusedError(f"{show(value)} is not one of {', '.join(allowed)}", node.line)
    return value.strip()


def _colour(value: str, line: int) -> str:
    value = value.strip()
    if value == "none":
        return "none"
    if _HEX.fullmatch(value):
        digits = value[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return "#" + digits.upper()
    if value.lower() in _NAMED:
        return _NAMED[value.lower()]
    raise _RefusedError(
        f"the colour {show(value)} is not #rgb, #rrggbb, none or a basic name", line
    )


def _numbers(text: str, line: int) -> list[float]:
    rest = _NUMBER.sub(" ", text).replace(",", " ")
    if rest.strip():
        raise _RefusedError(f"{show(text[:40])} is not a list of numbers", line)
    return [float(n) for n in _NUMBER.findall(text)]


def _length(text: str, line: int, default: float | None = None) -> float:
    if not text and default is not None:
        return default
    match = _LENGTH.fullmatch(text)
    if match is None:
        raise _RefusedError(f"the length {show(text[:40])} is not a number of pixels", line)
    value = float(match.group(1))
    if not math.isfinite(value) or abs(value) > 1e6:
        raise _RefusedError(f"the length {show(text[:40])} is out of range", line)
    return value


# --------------------------------------------------------------------------- geometry


def _translate(dx: float, dy: float) -> Matrix:
    return (1.0, 0.0, 0.0, 1.0, dx, dy)


def _compose(outer: Matrix, inner: Matrix) -> Matrix:
    a, b, c, d, e, f = outer
    a2, b2, c2, d2, e2, f2 = inner
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def _transform(text: str, line: int) -> Matrix:
    matrix = _IDENTITY
    position = 0
    while position < len(text.strip()):
        match = _TRANSFORM.match(text, position)
        if match is None:
            raise _RefusedError(f"the transform {show(text[:60])} is not understood", line)
        matrix = _compose(
            matrix, _one_transform(match.group(1), _numbers(match.group(2), line), line)
        )
        position = match.end()
    return matrix


def _one_transform(kind: str, n: list[float], line: int) -> Matrix:
    counts = {"matrix": (6,), "translate": (1, 2), "scale": (1, 2), "rotate": (1, 3)}
    if len(n) not in counts.get(kind, (1,)):
        raise _RefusedError(f"{kind}() has {len(n)} numbers", line)
    if kind == "matrix":
        return (n[0], n[1], n[2], n[3], n[4], n[5])
    if kind == "translate":
        return _translate(n[0], n[1] if len(n) > 1 else 0.0)
    if kind == "scale":
        return (n[0], 0.0, 0.0, n[1] if len(n) > 1 else n[0], 0.0, 0.0)
    if kind == "rotate":
        turn = math.radians(n[0])
        cos, sin = math.cos(turn), math.sin(turn)
        spin = (cos, sin, -sin, cos, 0.0, 0.0)
        if len(n) == 3:
            return _compose(_compose(_translate(n[1], n[2]), spin), _translate(-n[1], -n[2]))
        return spin
    tan = math.tan(math.radians(n[0]))
    return (1.0, 0.0, tan, 1.0, 0.0, 0.0) if kind == "skewX" else (1.0, tan, 0.0, 1.0, 0.0, 0.0)


def _path(commands: list[Command], matrix: Matrix, paint: _Paint, open_only: bool) -> Path | None:
    if not commands:
        return None
    a, b, c, d, e, f = matrix
    moved: list[Command] = []
    for op, *coords in commands:
        points = [float(v) for v in coords]
        out: list[float] = []
        for x, y in zip(points[0::2], points[1::2], strict=True):
            out += [round(a * x + c * y + e, 3), round(b * x + d * y + f, 3)]
        moved.append((op, *out))
    fill = "none" if open_only else paint.fill
    width = paint.stroke_width * math.sqrt(abs(a * d - b * c))
    stroke = paint.stroke if width > 0 else "none"
    if fill == "none" and stroke == "none":
        return None
    return Path(
        tuple(moved),
        stroke=stroke,
        stroke_width=round(width, 3) if stroke != "none" else 0.0,
        fill=fill,
        cap=paint.cap,  # type: ignore[arg-type]  # checked against the keywords
        join=paint.join,  # type: ignore[arg-type]
        role="logo",
    )


def _shape_commands(node: _Node) -> list[Command]:
    attr = node.attributes

    def get(name: str) -> float:
        return _length(attr.get(name, ""), node.line, 0.0)

    if node.tag == "path":
        return path_commands(attr.get("d", ""), node.line)
    if node.tag == "rect":
        return _rect(get("x"), get("y"), get("width"), get("height"), attr, node.line)
    if node.tag in ("circle", "ellipse"):
        r = get("r")
        rx, ry = (r, r) if node.tag == "circle" else (get("rx"), get("ry"))
        return _ellipse(get("cx"), get("cy"), rx, ry)
    if node.tag == "line":
        return [("M", get("x1"), get("y1")), ("L", get("x2"), get("y2"))]
    points = _numbers(attr.get("points", ""), node.line)
    if len(points) < 4 or len(points) % 2:
        raise _RefusedError(f"<{node.tag}> needs an even list of at least 4 numbers", node.line)
    commands: list[Command] = [("M", points[0], points[1])]
    commands += [("L", x, y) for x, y in zip(points[2::2], points[3::2], strict=True)]
    return [*commands, ("Z",)] if node.tag == "polygon" else commands


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> list[Command]:
    if rx <= 0 or ry <= 0:
        return []
    unit = circle_commands(0.0, 0.0, 1.0)
    return [
        (
            op,
            *[
                v * (rx if i % 2 == 0 else ry) + (cx if i % 2 == 0 else cy)
                for i, v in enumerate(map(float, rest))
            ],
        )
        for op, *rest in unit
    ]


def _rect(x: float, y: float, w: float, h: float, attr: dict[str, str], line: int) -> list[Command]:
    if w <= 0 or h <= 0:
        return []
    rx_text, ry_text = attr.get("rx", ""), attr.get("ry", "")
    rx = _length(rx_text or ry_text, line, 0.0)
    ry = _length(ry_text or rx_text, line, 0.0)
    rx, ry = min(rx, w / 2), min(ry, h / 2)
    if rx <= 0 or ry <= 0:
        return [("M", x, y), ("L", x + w, y), ("L", x + w, y + h), ("L", x, y + h), ("Z",)]
    k = 0.5522847498
    return [
        ("M", x + rx, y),
        ("L", x + w - rx, y),
        ("C", x + w - rx + k * rx, y, x + w, y + ry - k * ry, x + w, y + ry),
        ("L", x + w, y + h - ry),
        ("C", x + w, y + h - ry + k * ry, x + w - rx + k * rx, y + h, x + w - rx, y + h),
        ("L", x + rx, y + h),
        ("C", x + rx - k * rx, y + h, x, y + h - ry + k * ry, x, y + h - ry),
        ("L", x, y + ry),
        ("C", x, y + ry - k * ry, x + rx - k * rx, y, x + rx, y),
        ("Z",),
    ]


# --------------------------------------------------------------------------- path data

_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}
_TOKEN = re.compile(r"\s*,?\s*([MmLlHhVvCcSsQqTtAaZz]|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


def _tokens(data: str, line: int) -> Iterator[str]:
    position = 0
    while position < len(data):
        match = _TOKEN.match(data, position)
        if match is None:
            if data[position:].strip(" \t\r\n,"):
                raise _RefusedError(
                    f"the path data {show(data[position : position + 30])} is not understood", line
                )
            return
        yield match.group(1)
        position = match.end()


def path_commands(data: str, line: int = 0) -> list[Command]:
    """SVG path data as absolute M, L, C and Z commands (arcs and quadratics as cubics)."""
    tokens = list(_tokens(data, line))
    pen = _Pen(line)
    i, op = 0, ""
    while i < len(tokens):
        if tokens[i].isalpha():
            op, i = tokens[i], i + 1
        elif not op:
            raise _RefusedError("path data must start with a command", line)
        arity = _ARITY[op.upper()]
        args = tokens[i : i + arity]
        if len(args) < arity or any(t.isalpha() for t in args):
            raise _RefusedError(f"the path command {op} lacks numbers", line)
        i += arity
        op = pen.draw(op, [float(t) for t in args])
    if pen.out and pen.out[0][0] != "M":
        raise _RefusedError("path data must start with a move (M)", line)
    return pen.out


class _Pen:
    """Where path data has got to: the current point, the subpath's start, the last
    control points (for S and T), and the absolute commands so far."""

    def __init__(self, line: int) -> None:
        self.line = line
        self.x = self.y = self.sx = self.sy = 0.0
        self.control: tuple[float, float] | None = None  # of the last C or S
        self.quad: tuple[float, float] | None = None  # of the last Q or T
        self.out: list[Command] = []

    def draw(self, op: str, args: list[float]) -> str:
        """Add one command; returns the command further numbers repeat (M repeats as L)."""
        upper, rel = op.upper(), op.islower()
        points = [
            (args[k] + self.x, args[k + 1] + self.y) if rel else (args[k], args[k + 1])
            for k in range(0, len(args) - 1, 2)
        ]
        control, quad = self.control, self.quad
        self.control = self.quad = None
        if upper == "Z":
            self.out.append(("Z",))
            self._to(self.sx, self.sy)
        elif upper == "M":
            self.out.append(("M", *points[0]))
            self.sx, self.sy = points[0]
            self._to(*points[0])
            return "l" if rel else "L"
        elif upper == "L":
            self.out.append(("L", *points[0]))
            self._to(*points[0])
        elif upper in ("H", "V"):
            self._line_hv(upper, args[0], rel)
        elif upper in ("C", "S"):
            self._curve(upper, points, control)
        elif upper in ("Q", "T"):
            self._quadratic(upper, points, quad)
        else:
            end = (args[5] + self.x, args[6] + self.y) if rel else (args[5], args[6])
            flags = (args[3] != 0, args[4] != 0)
            self.out += _arc(self.x, self.y, args[0], args[1], args[2], *flags, *end)
            self._to(*end)
        return op

    def _to(self, x: float, y: float) -> None:
        self.x, self.y = x, y

    def _line_hv(self, upper: str, value: float, rel: bool) -> None:
        if upper == "H":
            self.x = self.x + value if rel else value
        else:
            self.y = self.y + value if rel else value
        self.out.append(("L", self.x, self.y))

    def _curve(
        self, upper: str, points: list[tuple[float, float]], last: tuple[float, float] | None
    ) -> None:
        if upper == "C":
            first, second, end = points
        else:
            first = (2 * self.x - last[0], 2 * self.y - last[1]) if last else (self.x, self.y)
            second, end = points
        self.out.append(("C", *first, *second, *end))
        self.control = second
        self._to(*end)

    def _quadratic(
        self, upper: str, points: list[tuple[float, float]], last: tuple[float, float] | None
    ) -> None:
        if upper == "Q":
            q, end = points
        else:
            q = (2 * self.x - last[0], 2 * self.y - last[1]) if last else (self.x, self.y)
            end = points[0]
        self.out.append(_quad(self.x, self.y, *q, *end))
        self.quad = q
        self._to(*end)


def _quad(x0: float, y0: float, qx: float, qy: float, x: float, y: float) -> Command:
    return (
        "C",
        x0 + 2 / 3 * (qx - x0),
        y0 + 2 / 3 * (qy - y0),
        x + 2 / 3 * (qx - x),
        y + 2 / 3 * (qy - y),
        x,
        y,
    )


def _arc(
    x1: float,
    y1: float,
    rx: float,
    ry: float,
    angle: float,
    large: bool,
    sweep: bool,
    x2: float,
    y2: float,
) -> list[Command]:
    """An SVG elliptical arc as cubic curves (the SVG spec's endpoint-to-centre steps)."""
    if (x1, y1) == (x2, y2):
        return []
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        return [("L", x2, y2)]
    phi = math.radians(angle)
    cos, sin = math.cos(phi), math.sin(phi)
    dx, dy = (x1 - x2) / 2, (y1 - y2) / 2
    px, py = cos * dx + sin * dy, -sin * dx + cos * dy
    scale = (px * px) / (rx * rx) + (py * py) / (ry * ry)
    if scale > 1:
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    num = rx * rx * ry * ry - rx * rx * py * py - ry * ry * px * px
    den = rx * rx * py * py + ry * ry * px * px
    factor = math.sqrt(max(num / den, 0.0)) * (-1 if large == sweep else 1)
    cxp, cyp = factor * rx * py / ry, -factor * ry * px / rx
    cx = cos * cxp - sin * cyp + (x1 + x2) / 2
    cy = sin * cxp + cos * cyp + (y1 + y2) / 2
    start = math.atan2((py - cyp) / ry, (px - cxp) / rx)
    end = math.atan2((-py - cyp) / ry, (-px - cxp) / rx)
    delta = end - start
    if sweep and delta < 0:
        delta += 2 * math.pi
    elif not sweep and delta > 0:
        delta -= 2 * math.pi
    pieces = max(1, math.ceil(abs(delta) / (math.pi / 2) - 1e-9))
    step = delta / pieces
    k = 4 / 3 * math.tan(step / 4)
    out: list[Command] = []

    def point(t: float) -> tuple[float, float, float, float]:
        ex, ey = rx * math.cos(t), ry * math.sin(t)
        tx, ty = -rx * math.sin(t), ry * math.cos(t)
        return (
            cx + cos * ex - sin * ey,
            cy + sin * ex + cos * ey,
            cos * tx - sin * ty,
            sin * tx + cos * ty,
        )

    for n in range(pieces):
        a0, a1 = start + n * step, start + (n + 1) * step
        p0x, p0y, t0x, t0y = point(a0)
        p1x, p1y, t1x, t1y = point(a1)
        out.append(("C", p0x + k * t0x, p0y + k * t0y, p1x - k * t1x, p1y - k * t1y, p1x, p1y))
    return out

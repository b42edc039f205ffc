"""The SVG backend: one small function per primitive, plain elements only.

Output is inert (no scripts, event attributes, external resources or foreignObject) and
byte-identical for the same scene: numbers go through ``fmt``, ids come from a hash of
the scene, and nothing depends on time or dict order.

Nothing here trusts the scene: every string is cleaned and escaped at the point of output,
every link is checked again where it becomes live, and every attribute value that is not
free text (colours, numbers, anchors, line caps) must match a closed form, so an
earlier layer that let something through cannot turn it into markup or a fetch.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from svgwrite.base import BaseElement, Desc, Title
from svgwrite.container import Hyperlink
from svgwrite.drawing import Drawing
from svgwrite.path import Path as SvgPath
from svgwrite.shapes import Circle as SvgCircle
from svgwrite.shapes import Rect as SvgRect
from svgwrite.text import Text as SvgText
from svgwrite.text import TSpan

from .. import icons
from ..fonts import family_list
from ..safety import link_problem, strip_bad_characters
from ..scene import Circle, Command, Icon, Item, Link, Path, Rect, Scene, Text, to_json
from ..text import text_direction
from ._geometry import arrowhead, check_colour, clamp_radius, fmt, normalise

__all__ = ["render", "render_with_fonts"]

# Characters XML 1.0 cannot carry at all; safety.strip_bad_characters handles the rest
# (a carriage return is legal XML, but parsers turn it into a newline).
_NOT_XML = re.compile("[\r\ud800-\udfff\ufffe\uffff]")
# Closed forms for attribute values that are not free text. ``fullmatch``: a trailing
# newline must not slip through as it would with ``$``.
_COLOUR = re.compile(r"none|#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}")
_KEYWORDS = {
    "text-anchor": frozenset({"start", "middle", "end"}),
    "stroke-linecap": frozenset({"butt", "round", "square"}),
    "stroke-linejoin": frozenset({"miter", "round", "bevel"}),
}
_RTL_ANCHOR = {"start": "end", "middle": "middle", "end": "start"}
# Elements whose text content is drawn: whitespace added for readability must stay out.
_TEXT_ELEMENTS = {"text", "tspan", "title", "desc"}
# svgwrite validates every attribute unless told not to, element by element; it is slow
# and would reject SVG 2 attributes we want (href, rel) on <a>.
_FAST = {"debug": False, "profile": "full"}


def render(scene: Scene, *, scale: float = 1.0) -> bytes:
    """The scene as a standalone UTF-8 SVG document."""
    return _document(scene, scale, css="")


def render_with_fonts(scene: Scene, *, scale: float = 1.0) -> bytes:
    """As :func:`render`, with the fonts it uses embedded, cut down to the glyphs it needs.

    They sit in one ``<style>`` of ``@font-face`` rules with ``data:`` URLs (WOFF) inside
    ``<defs>``, so the SVG draws with our fonts in any browser, and still fetches nothing.
    """
    from ._webfonts import font_face_css

    return _document(scene, scale, css=font_face_css(scene))


def _document(scene: Scene, scale: float, css: str) -> bytes:
    content = to_json(scene).encode("utf-8", "surrogatepass")  # hashed, never written
    prefix = "jg-" + hashlib.sha256(content).hexdigest()[:8]
    drawing = _drawing(scene, scale, prefix)
    if scene.background != "none":
        drawing.add(_rect_element(Rect(0, 0, scene.width, scene.height, scene.background)))
    for element in _items(scene.items, in_link=False):
        drawing.add(element)
    root = drawing.get_xml()
    if css:
        _add_style(root, css)
    _add_line_breaks(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()


def _drawing(scene: Scene, scale: float, prefix: str) -> Drawing:
    drawing = Drawing(
        size=(fmt(scene.width * scale), fmt(scene.height * scale)),
        **_FAST,
        viewBox=f"0 0 {fmt(scene.width)} {fmt(scene.height)}",
        role="img",
        id=prefix,
    )
    labels = [_labelled(Title(_clean(scene.title)), f"{prefix}-title")]
    if scene.description.strip():
        labels.append(_labelled(Desc(_clean(scene.description)), f"{prefix}-desc"))
    drawing["aria-labelledby"] = " ".join(label.xml.get("id") for label in labels)
    drawing.elements[:] = labels  # replaces svgwrite's empty <defs>: we reference nothing
    return drawing


def _add_style(root: ET.Element, css: str) -> None:
    """``<defs><style>css</style></defs>`` after the title and description.

    Only the fixed ``@font-face`` form may pass: this is the one place the SVG holds CSS.
    """
    from ._webfonts import FONT_FACE_RULES

    if not FONT_FACE_RULES.fullmatch(css):
        raise ValueError("an SVG may only carry @font-face rules of embedded fonts")
    labels = sum(1 for child in root if child.tag in ("title", "desc"))
    defs = ET.Element("defs")
    ET.SubElement(defs, "style").text = css
    root.insert(labels, defs)


def _labelled(label: Title, element_id: str) -> Title:
    label.xml.set("id", element_id)
    return label


def _items(items: Sequence[Item], *, in_link: bool) -> list[BaseElement]:
    out: list[BaseElement] = []
    for item in items:
        if isinstance(item, Link):
            out += _link(item, in_link=in_link)
        else:
            out += _item(item)
    return out


def _item(item: Item) -> list[BaseElement]:
    if isinstance(item, Rect):
        return [_rect_element(item)]
    if isinstance(item, Circle):
        return [_circle_element(item)]
    if isinstance(item, Path):
        return _path_elements(item)
    if isinstance(item, Text):
        return [_text_element(item)]
    if isinstance(item, Icon):
        return [_icon_element(item)]
    raise TypeError(f"the SVG backend cannot draw {type(item).__name__}")


def _link(link: Link, *, in_link: bool) -> list[BaseElement]:
    """An ``<a>`` around the items, or just the items if the link is unsafe or nested.

    The href is checked again here, whatever validated it before: this is where it becomes
    live. Both ``href`` (SVG 2: browsers, librsvg 2.5x) and ``xlink:href`` (SVG 1.1:
    Inkscape 0.92, Batik, older viewers) are written; where both exist, SVG 2 uses ``href``.
    """
    children = _items(link.items, in_link=True)
    href = _clean(link.href).strip()
    if in_link or link_problem(href) is not None:  # an <a> inside an <a> is not allowed
        return children
    anchor = Hyperlink(href, target="_blank", rel="noopener noreferrer", **_FAST)
    anchor["href"] = href
    if link.title.strip():
        anchor.add(Title(_clean(link.title)))
    for child in children:
        anchor.add(child)
    return [anchor]


def _rect_element(rect: Rect) -> BaseElement:
    # A native <rect> stays editable in Inkscape and office software; the radius is clamped
    # the way the PNG backend's cubic corners are, so both draw the same outline.
    r = clamp_radius(rect.w, rect.h, rect.radius)
    element = SvgRect(insert=(fmt(rect.x), fmt(rect.y)), size=(fmt(rect.w), fmt(rect.h)), **_FAST)
    if r > 0:
        element.update({"rx": fmt(r), "ry": fmt(r)})
    return _painted(element, rect.fill, rect.stroke, rect.stroke_width, rect.dash)


def _circle_element(circle: Circle) -> BaseElement:
    element = SvgCircle(center=(fmt(circle.cx), fmt(circle.cy)), r=fmt(max(circle.r, 0.0)), **_FAST)
    return _painted(element, circle.fill, circle.stroke, circle.stroke_width, ())


def _path_elements(path: Path) -> list[BaseElement]:
    commands = normalise(path.commands)
    head: tuple[Command, ...] = ()
    if path.arrow_end and path.stroke != "none" and path.stroke_width > 0:
        commands, head = arrowhead(commands, path.stroke_width)
    line = SvgPath(d=path_data(commands), **_FAST)
    line.update(
        {
            "stroke-linecap": _keyword("stroke-linecap", path.cap),
            "stroke-linejoin": _keyword("stroke-linejoin", path.join),
        }
    )
    out = [_painted(line, path.fill, path.stroke, path.stroke_width, path.dash)]
    if head:
        out.append(_painted(SvgPath(d=path_data(head), **_FAST), path.stroke, "none", 0, ()))
    return out


def _icon_element(icon: Icon) -> BaseElement:
    element = SvgPath(d=path_data(icons.icon_commands(icon)), **_FAST)
    element.update({"stroke-linecap": "round", "stroke-linejoin": "round"})
    return _painted(element, "none", icon.color, icon.stroke_width, ())


def _text_element(text: Text) -> BaseElement:
    """One ``<text>`` with a ``<tspan>`` per line at its absolute baseline.

    Lines stay in logical order; right-to-left text says ``direction="rtl"`` and the viewer
    reorders and shapes it. That direction turns ``text-anchor`` round ("start" is then
    the right end), so the anchor is flipped to keep the scene's left/right meaning.
    """
    font = text.font
    rtl = text_direction(text.lines) == "rtl"
    anchor = _RTL_ANCHOR.get(text.anchor, text.anchor) if rtl else text.anchor
    element = SvgText(
        "",
        font_family=_clean(family_list(font)),
        font_size=fmt(font.size),
        fill=_colour(text.fill),
        text_anchor=_keyword("text-anchor", anchor),
        **_FAST,
    )
    if rtl:
        element.update({"direction": "rtl", "unicode-bidi": "embed"})
    if font.weight == "bold":
        element["font-weight"] = "bold"
    for i, line in enumerate(text.lines):
        baseline = text.y + i * text.line_height
        element.add(TSpan(_clean(line), x=[fmt(text.x)], y=[fmt(baseline)], **_FAST))
    return element


def _painted(
    element: BaseElement, fill: str, stroke: str, width: float, dash: tuple[float, ...]
) -> BaseElement:
    """Set fill and stroke; stroke attributes only when a stroke is actually drawn."""
    element["fill"] = _colour(fill)
    if _colour(stroke) != "none" and width > 0:
        element.update({"stroke": stroke, "stroke-width": fmt(width)})
        if dash:
            element["stroke-dasharray"] = " ".join(fmt(d) for d in dash)
    return element


def path_data(commands: Sequence[Command]) -> str:
    """An SVG ``d`` attribute: absolute commands, numbers through ``fmt``."""
    parts = []
    for command in normalise(commands):
        numbers = " ".join(fmt(float(v)) for v in command[1:])
        parts.append(f"{command[0]}{numbers}" if numbers else str(command[0]))
    return " ".join(parts)


def _clean(text: str) -> str:
    """Text safe to write: no control or bidi-override characters, nothing XML forbids."""
    return _NOT_XML.sub("", strip_bad_characters(text))


def _colour(value: str) -> str:
    """A colour that can only be a colour: ``#rgb``, ``#rrggbb`` or ``none``, nothing more."""
    check_colour(value)
    if not _COLOUR.fullmatch(value):
        raise ValueError(f"{value!r} is not a colour a backend can draw; use #rrggbb or none")
    return value


def _keyword(attribute: str, value: str) -> str:
    if value not in _KEYWORDS[attribute]:
        allowed = ", ".join(sorted(_KEYWORDS[attribute]))
        raise ValueError(f"{value!r} is not a {attribute} value; use one of: {allowed}")
    return value


def _add_line_breaks(element: ET.Element) -> None:
    """One element per line, for readable diffs; never inside text, where it would show."""
    if element.tag in _TEXT_ELEMENTS or len(element) == 0:
        return
    element.text = "\n"
    for child in element:
        child.tail = "\n"
        _add_line_breaks(child)

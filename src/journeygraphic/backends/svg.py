"""The SVG backend: one small function per primitive, plain elements only.

Output is inert (no scripts, event attributes, external resources or foreignObject) and
byte-identical for the same scene: numbers go through ``fmt``, ids come from a hash of
what is drawn and said, and nothing depends on time or dict order.

Nothing here trusts the scene: every string is cleaned here and escaped by ``_xml`` at the
point of output, every link is checked again where it becomes live, and every attribute
value that is not free text (colours, numbers, anchors, line caps) must match a closed
form, so an earlier layer that let something through cannot turn it into markup or a fetch.

The document is written as strings by ``_xml`` (no svgwrite, no ElementTree): importing
and building those cost more than the rest of drawing a scene.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from .. import icons
from ..fonts import family_list
from ..geometry import clamp_radius
from ..safety import link_problem, strip_bad_characters
from ..scene import Circle, Command, Icon, Image, Item, Link, Path, Rect, Scene, Text
from ..text import text_direction
from ._geometry import arrowhead, check_colour, fmt, normalise
from ._xml import Markup, container, element

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
# The root's fixed attributes. ``xlink`` is for the ``xlink:href`` of links; the others
# are what svgwrite wrote, kept so that the output does not change.
_SVG_ROOT = {
    "xmlns": "http://www.w3.org/2000/svg",
    "xmlns:xlink": "http://www.w3.org/1999/xlink",
    "xmlns:ev": "http://www.w3.org/2001/xml-events",
    "baseProfile": "full",
    "version": "1.1",
}
_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


def render(scene: Scene, *, scale: float = 1.0) -> bytes:
    """The scene as a standalone UTF-8 SVG document."""
    return _document(scene, scale, css="")


def render_with_fonts(scene: Scene, *, scale: float = 1.0) -> bytes:
    """As :func:`render`, with the fonts it uses embedded, cut down to the glyphs it needs.

    They sit in one ``<style>`` of ``@font-face`` rules with ``data:`` URLs (WOFF) inside
    ``<defs>``, so the SVG draws with our fonts in any browser, and still fetches nothing.
    """
    from ._webfonts import font_face_css  # here: only --embed-fonts loads fontTools

    return _document(scene, scale, css=font_face_css(scene))


def _document(scene: Scene, scale: float, css: str) -> bytes:
    drawn: list[Markup] = []
    if scene.background != "none":
        drawn.append(_rect_element(Rect(0, 0, scene.width, scene.height, scene.background)))
    drawn += _items(scene.items, in_link=False)
    prefix = _id_prefix(scene, drawn)
    attributes = {
        **_SVG_ROOT,
        "width": fmt(scene.width * scale),
        "height": fmt(scene.height * scale),
        "viewBox": f"0 0 {fmt(scene.width)} {fmt(scene.height)}",
        "role": "img",
        "id": prefix,
    }
    children = _labels(scene, prefix, attributes)
    if css:
        children.append(_style(css))
    return f"{_DECLARATION}{container('svg', attributes, children + drawn)}\n".encode()


def _id_prefix(scene: Scene, drawn: list[Markup]) -> str:
    """Ids from a hash of what is drawn and said, so two different pictures inlined in one
    page never share an id, and the same picture always gets the same one."""
    said = f"{fmt(scene.width)} {fmt(scene.height)}\n{scene.title}\n{scene.description}\n"
    content = (said + "\n".join(drawn)).encode("utf-8", "surrogatepass")
    return "jg-" + hashlib.sha256(content).hexdigest()[:8]


def _labels(scene: Scene, prefix: str, root: dict[str, str]) -> list[Markup]:
    """The title and description (if any), named by the root's ``aria-labelledby``."""
    ids = [f"{prefix}-title"]
    labels = [element("title", {"id": ids[0]}, _clean(scene.title))]
    if scene.description.strip():
        ids.append(f"{prefix}-desc")
        labels.append(element("desc", {"id": ids[1]}, _clean(scene.description)))
    root["aria-labelledby"] = " ".join(ids)
    return labels


def _style(css: str) -> Markup:
    """``<defs><style>css</style></defs>``, to go after the title and description.

    Only the fixed ``@font-face`` form may pass: this is the one place the SVG holds CSS.
    """
    from ._webfonts import FONT_FACE_RULES  # here: only --embed-fonts loads fontTools

    if not FONT_FACE_RULES.fullmatch(css):
        raise ValueError("an SVG may only carry @font-face rules of embedded fonts")
    return container("defs", {}, [element("style", {}, css)])


def _items(items: Sequence[Item], *, in_link: bool) -> list[Markup]:
    out: list[Markup] = []
    for item in items:
        if isinstance(item, Link):
            out += _link(item, in_link=in_link)
        else:
            out += _item(item)
    return out


def _item(item: Item) -> list[Markup]:
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
    if isinstance(item, Image):
        return [_image_element(item)]
    raise TypeError(f"the SVG backend cannot draw {type(item).__name__}")


def _link(link: Link, *, in_link: bool) -> list[Markup]:
    """An ``<a>`` around the items, or just the items if the link is unsafe or nested.

    The href is checked again here, whatever validated it before: this is where it becomes
    live. Both ``href`` (SVG 2: browsers, librsvg 2.5x) and ``xlink:href`` (SVG 1.1:
    Inkscape 0.92, Batik, older viewers) are written; where both exist, SVG 2 uses ``href``.
    """
    children = _items(link.items, in_link=True)
    href = _clean(link.href).strip()
    if in_link or link_problem(href) is not None:  # an <a> inside an <a> is not allowed
        return children
    attributes = {
        "href": href,
        "xlink:href": href,
        "target": "_blank",
        "rel": "noopener noreferrer",
    }
    if link.title.strip():
        children.insert(0, element("title", {}, _clean(link.title)))
    return [container("a", attributes, children)]


def _rect_element(rect: Rect) -> Markup:
    # A native <rect> stays editable in Inkscape and office software; the radius is clamped
    # the way the PNG backend's cubic corners are, so both draw the same outline.
    r = clamp_radius(rect.w, rect.h, rect.radius)
    attributes = {"x": fmt(rect.x), "y": fmt(rect.y), "width": fmt(rect.w), "height": fmt(rect.h)}
    if r > 0:
        attributes["rx"] = attributes["ry"] = fmt(r)
    _paint(attributes, rect.fill, rect.stroke, rect.stroke_width, rect.dash)
    return element("rect", attributes)


def _circle_element(circle: Circle) -> Markup:
    attributes = {"cx": fmt(circle.cx), "cy": fmt(circle.cy), "r": fmt(max(circle.r, 0.0))}
    _paint(attributes, circle.fill, circle.stroke, circle.stroke_width, ())
    return element("circle", attributes)


def _path_elements(path: Path) -> list[Markup]:
    commands: Sequence[Command] = path.commands  # path_data (and arrowhead) normalise them
    head: tuple[Command, ...] = ()
    if path.arrow_end and path.stroke != "none" and path.stroke_width > 0:
        commands, head = arrowhead(commands, path.stroke_width)
    line = {
        "d": path_data(commands),
        "stroke-linecap": _keyword("stroke-linecap", path.cap),
        "stroke-linejoin": _keyword("stroke-linejoin", path.join),
    }
    _paint(line, path.fill, path.stroke, path.stroke_width, path.dash)
    out = [element("path", line)]
    if head:
        tip = {"d": path_data(head)}
        _paint(tip, path.stroke, "none", 0, ())
        out.append(element("path", tip))
    return out


def _icon_element(icon: Icon) -> Markup:
    attributes = {
        "d": path_data(icons.icon_commands(icon)),
        "stroke-linecap": "round",
        "stroke-linejoin": "round",
    }
    _paint(attributes, "none", icon.color, icon.stroke_width, ())
    return element("path", attributes)


def _image_element(image: Image) -> Markup:
    """A logo's pixels inline as a ``data:`` PNG: nothing is fetched, and the base64 must
    be plain base64 of a PNG (the scene's bytes, which the theme reader encoded)."""
    if not _PNG_DATA.fullmatch(image.png):
        raise ValueError("an image must be a base64 PNG")
    attributes = {
        "x": fmt(image.x),
        "y": fmt(image.y),
        "width": fmt(image.w),
        "height": fmt(image.h),
        "preserveAspectRatio": "none",
        "href": f"data:image/png;base64,{image.png}",
    }
    return element("image", attributes)


_PNG_DATA = re.compile(r"iVBORw0KGgo[A-Za-z0-9+/]*={0,2}")  # base64 of the PNG signature on


def _text_element(text: Text) -> Markup:
    """One ``<text>`` with a ``<tspan>`` per line at its absolute baseline.

    Lines stay in logical order; right-to-left text says ``direction="rtl"`` and the viewer
    reorders and shapes it. That direction turns ``text-anchor`` round ("start" is then
    the right end), so the anchor is flipped to keep the scene's left/right meaning.
    """
    font = text.font
    rtl = text_direction(text.lines) == "rtl"
    anchor = _RTL_ANCHOR.get(text.anchor, text.anchor) if rtl else text.anchor
    attributes = {
        "font-family": _clean(family_list(font)),
        "font-size": fmt(font.size),
        "fill": _colour(text.fill),
        "text-anchor": _keyword("text-anchor", anchor),
    }
    if rtl:
        attributes.update({"direction": "rtl", "unicode-bidi": "embed"})
    if font.weight == "bold":
        attributes["font-weight"] = "bold"
    lines = [
        element("tspan", {"x": fmt(text.x), "y": fmt(text.y + i * text.line_height)}, _clean(line))
        for i, line in enumerate(text.lines)
    ]
    return element("text", attributes, children=lines)


def _paint(
    attributes: dict[str, str], fill: str, stroke: str, width: float, dash: tuple[float, ...]
) -> None:
    """Add fill and stroke; stroke attributes only when a stroke is actually drawn."""
    attributes["fill"] = _colour(fill)
    if _colour(stroke) != "none" and width > 0:
        attributes["stroke"] = stroke
        attributes["stroke-width"] = fmt(width)
        if dash:
            attributes["stroke-dasharray"] = " ".join(fmt(d) for d in dash)


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

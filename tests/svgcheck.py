"""An allowlist checker for the SVG we emit: only known elements and attributes, all inert.

Reusable from any test: ``problems = check_svg(data)`` lists everything outside the
allowlist (an empty list means the document is fine); ``assert_inert_svg`` fails with them.
The one piece of CSS allowed is what ``embed_fonts`` writes: a ``<defs>`` at the top holding
a ``<style>`` of ``@font-face`` rules whose only source is a ``data:`` URL of a font type.
``tests/conftest.py`` wraps the SVG backend so that every SVG rendered in the test process
goes through ``assert_inert_svg``.

The document must parse twice: with defusedxml (no DTD, no entities, nothing external) and
with expat keeping comments and processing instructions, which must not exist.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from defusedxml import ElementTree as SafeET

from journeygraphic.safety import bad_characters, link_problem

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'

_PAINT = {"fill", "stroke", "stroke-width", "stroke-dasharray"}
_LINE = {"stroke-linecap", "stroke-linejoin"}

ALLOWED: dict[str, set[str]] = {
    "svg": {
        "width",
        "height",
        "viewBox",
        "role",
        "aria-labelledby",
        "id",
        "baseProfile",
        "version",
    },
    "title": {"id"},
    "desc": {"id"},
    "rect": {"x", "y", "width", "height", "rx", "ry"} | _PAINT,
    "circle": {"cx", "cy", "r"} | _PAINT,
    "path": {"d"} | _PAINT | _LINE,
    "text": {
        "font-family",
        "font-size",
        "font-weight",
        "fill",
        "text-anchor",
        "direction",
        "unicode-bidi",
    },
    "tspan": {"x", "y"},
    "a": {"href", f"{{{XLINK_NS}}}href", "target", "rel"},
    # a theme's raster logo: its pixels inline as a data: PNG, nothing fetched
    "image": {"x", "y", "width", "height", "preserveAspectRatio", "href"},
    # --embed-fonts: <defs><style> holding only @font-face rules (see _check_styles)
    "defs": set(),
    "style": set(),
}
# The only CSS allowed: @font-face rules whose one source is a data: URL of a font type.
_FONT_TYPES = r"font/(?:woff2?|ttf|otf|sfnt)"
_FONT_FORMATS = r"woff2?|truetype|opentype"
FONT_FACES = re.compile(
    r"(?:@font-face\{font-family:'[A-Za-z0-9][A-Za-z0-9 ._+-]*';font-weight:(?:normal|bold);"
    rf"src:url\(data:{_FONT_TYPES};base64,[A-Za-z0-9+/]+={{0,2}}\) format\('(?:{_FONT_FORMATS})'\)"
    r"\}\n)+"
)

PNG_DATA = re.compile(r"data:image/png;base64,iVBORw0KGgo[A-Za-z0-9+/]*={0,2}")
_NUMBER = r"-?\d+(\.\d{1,2})?"
_COLOUR = re.compile(r"none|#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}")
# Attribute values with a closed form, checked with fullmatch (a trailing newline fails).
FORMS: dict[str, re.Pattern[str]] = {
    "fill": _COLOUR,
    "stroke": _COLOUR,
    "d": re.compile(
        rf"[MLCZ](?:{_NUMBER}(?: {_NUMBER})*)?(?: [MLCZ](?:{_NUMBER}(?: {_NUMBER})*)?)*"
    ),
    "viewBox": re.compile(rf"{_NUMBER} {_NUMBER} {_NUMBER} {_NUMBER}"),
    "stroke-dasharray": re.compile(rf"{_NUMBER}(?: {_NUMBER})*"),
    "text-anchor": re.compile(r"start|middle|end"),
    "direction": re.compile(r"rtl"),
    "unicode-bidi": re.compile(r"embed"),
    "stroke-linecap": re.compile(r"butt|round|square"),
    "stroke-linejoin": re.compile(r"miter|round|bevel"),
    "font-weight": re.compile(r"bold"),
    "role": re.compile(r"img"),
    "preserveAspectRatio": re.compile(r"none"),
    "target": re.compile(r"_blank"),
    "rel": re.compile(r"noopener noreferrer"),
    "version": re.compile(r"1\.1"),
    "baseProfile": re.compile(r"full"),
    "id": re.compile(r"jg-[0-9a-f]{8}(?:-title|-desc)?"),
    "aria-labelledby": re.compile(r"jg-[0-9a-f]{8}-title(?: jg-[0-9a-f]{8}-desc)?"),
}
_NUMERIC = {"x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "stroke-width", "font-size"}
FORMS.update({name: re.compile(_NUMBER) for name in _NUMERIC})
# Font families are free text (escaped), but nothing in one may reach CSS or a resource.
_FAMILY_UNSAFE = re.compile(r"url\(|@|;|\{|\}|\\|/\*", re.IGNORECASE)


def _local(tag: str) -> str:
    """The element name without the SVG namespace; foreign namespaces stay visible."""
    prefix = f"{{{SVG_NS}}}"
    return tag[len(prefix) :] if tag.startswith(prefix) else tag


def check_svg(data: bytes) -> list[str]:
    """Every way ``data`` strays from the inert SVG we promise; empty when it does not."""
    problems = _check_document(data)
    root = ET.fromstring(data)  # expat: fails on anything that is not well-formed XML
    if root.tag != f"{{{SVG_NS}}}svg":
        problems.append(f"root element is {root.tag}, not svg")
    for element in root.iter():
        problems += _check_element(element)
    problems += _check_ids(root)
    problems += _check_styles(root)
    return problems


def _check_document(data: bytes) -> list[str]:
    """Strict parses: defusedxml refuses DTDs and entities; no comments or PIs may exist."""
    problems = []
    if not data.startswith(DECLARATION):
        problems.append("the document does not start with the UTF-8 XML declaration")
    try:
        SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except Exception as error:  # defusedxml's own errors and expat's ParseError alike
        problems.append(f"defusedxml refuses the document: {type(error).__name__}: {error}")
    keeper = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True, insert_pis=True))
    for element in ET.fromstring(data, parser=keeper).iter():
        if element.tag in (ET.Comment, ET.ProcessingInstruction):
            problems.append(f"comment or processing instruction: {element.text!r}")
    return problems


def _check_element(element: ET.Element) -> list[str]:
    if not isinstance(element.tag, str):
        return []  # comments and PIs are reported by _check_document
    name = _local(element.tag)
    if name not in ALLOWED:
        return [f"element <{name}> is not allowed"]
    problems = [f"<{name}> holds control or bidi characters {bad}" for bad in _bad_text(element)]
    for attribute, value in element.attrib.items():
        where = f"<{name} {attribute}={value!r}>"
        if attribute not in ALLOWED[name]:
            problems.append(f"attribute not allowed: {where}")
        elif name == "image" and attribute == "href":
            if not PNG_DATA.fullmatch(value):
                problems.append(f"<image> is not allowed but as an inline PNG: {where:.120}")
        elif attribute in FORMS and not FORMS[attribute].fullmatch(value):
            problems.append(f"value not in its fixed form: {where}")
        elif attribute.endswith("href") and link_problem(value) is not None:
            problems.append(f"unsafe link: {where}")
        elif attribute == "font-family" and _FAMILY_UNSAFE.search(value):
            problems.append(f"font family with CSS syntax: {where}")
        elif "url(" in value.lower() or attribute.lower().startswith("on"):
            problems.append(f"reference or handler: {where}")
        elif bad_characters(value):
            problems.append(f"control or bidi characters in {where}")
    if name == "a" and element.get("rel") != "noopener noreferrer":
        problems.append(f"link without rel='noopener noreferrer': {element.attrib}")
    return problems


def _bad_text(element: ET.Element) -> list[list[str]]:
    found = [bad_characters(part) for part in (element.text, element.tail) if part]
    return [bad for bad in found if bad]


def _check_styles(root: ET.Element) -> list[str]:
    """``<defs>`` only at the top holding only ``<style>``, and that only @font-face."""
    problems = []
    top = {id(child) for child in root}
    for defs in root.iter(f"{{{SVG_NS}}}defs"):
        if id(defs) not in top:
            problems.append("<defs> is allowed only as a child of <svg>")
        if (defs.text or "").strip() or any(_local(c.tag) != "style" for c in defs):
            problems.append("<defs> may hold only <style>")
    inside = {id(style) for defs in root for style in defs if _local(defs.tag) == "defs"}
    for style in root.iter(f"{{{SVG_NS}}}style"):
        if id(style) not in inside:
            problems.append("<style> is not allowed outside the top <defs>")
        if len(style) or not FONT_FACES.fullmatch(style.text or ""):
            problems.append(f"<style> is not allowed to hold this: {style.text!r:.120}")
    return problems


def _check_ids(root: ET.Element) -> list[str]:
    """Every id is the picture's own prefix (so pictures can share a page) and unique."""
    prefix = root.get("id", "")
    ids = [e.get("id", "") for e in root.iter() if e.get("id") is not None]
    problems = [
        f"id {i!r} lacks the picture's prefix {prefix!r}" for i in ids if not i.startswith(prefix)
    ]
    if len(set(ids)) != len(ids):
        problems.append(f"duplicate ids: {ids}")
    for ref in root.get("aria-labelledby", "").split():
        if ref not in ids:
            problems.append(f"aria-labelledby names a missing id {ref!r}")
    return problems


def assert_inert_svg(data: bytes) -> None:
    problems = check_svg(data)
    assert not problems, "\n".join(problems)

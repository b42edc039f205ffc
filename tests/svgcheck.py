"""An allowlist checker for the SVG we emit: only known elements and attributes, all inert.

Reusable from any test: ``problems = check_svg(data)`` lists everything outside the
allowlist (an empty list means the document is fine); ``assert_inert_svg`` fails with them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from journeygraphic.safety import link_problem

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

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
    "text": {"font-family", "font-size", "font-weight", "fill", "text-anchor"},
    "tspan": {"x", "y"},
    "a": {"href", f"{{{XLINK_NS}}}href", "target", "rel"},
}

_COLOUR = re.compile(r"^(none|#[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{3})$")
_NUMBER = re.compile(r"^-?\d+(\.\d{1,2})?$")
_NUMERIC = {"x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "stroke-width", "font-size"}


def _local(tag: str) -> str:
    """The element name without the SVG namespace; foreign namespaces stay visible."""
    prefix = f"{{{SVG_NS}}}"
    return tag[len(prefix) :] if tag.startswith(prefix) else tag


def check_svg(data: bytes) -> list[str]:
    """Every way ``data`` strays from the inert SVG we promise; empty when it does not."""
    root = ET.fromstring(data)  # expat: fails on anything that is not well-formed XML
    problems: list[str] = []
    if root.tag != f"{{{SVG_NS}}}svg":
        problems.append(f"root element is {root.tag}, not svg")
    for element in root.iter():
        problems += _check_element(element)
    return problems


def _check_element(element: ET.Element) -> list[str]:
    name = _local(element.tag)
    if name not in ALLOWED:
        return [f"element <{name}> is not allowed"]
    problems = []
    for attribute, value in element.attrib.items():
        where = f"<{name} {attribute}={value!r}>"
        if attribute not in ALLOWED[name]:
            problems.append(f"attribute not allowed: {where}")
        elif attribute in ("fill", "stroke") and not _COLOUR.match(value):
            problems.append(f"not a plain colour: {where}")
        elif attribute in _NUMERIC and not _NUMBER.match(value):
            problems.append(f"number not in fixed format: {where}")
        elif attribute.endswith("href") and link_problem(value) is not None:
            problems.append(f"unsafe link: {where}")
        elif "url(" in value.lower() or attribute.lower().startswith("on"):
            problems.append(f"reference or handler: {where}")
    return problems


def assert_inert_svg(data: bytes) -> None:
    problems = check_svg(data)
    assert not problems, "\n".join(problems)

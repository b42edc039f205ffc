"""A tiny XML writer for the SVG backend: elements straight to strings, escaped on output.

It writes what ``xml.etree.ElementTree.tostring`` wrote for the same tree (attributes
sorted by name, ``<tag a="1" />`` when empty, the same escaping as Python 3.11), so the
SVG stays byte-identical, without loading ElementTree or building a tree first.

Every text and attribute value is escaped here, whatever the caller did before. Only
tag and attribute names are taken as they are: they are constants of the backend, never
data. Finished elements are :data:`Markup`, so a plain string cannot pass as a child
without going through :func:`element` or :func:`container`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NewType

__all__ = ["Markup", "container", "element", "escape_attribute", "escape_text"]

Markup = NewType("Markup", str)


def escape_text(text: str) -> str:
    """Character data: ``&``, ``<`` and ``>`` as entities (``>`` too, so ``]]>`` is safe)."""
    # The ``in`` tests make the usual case (nothing to escape) a few fast scans.
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attribute(value: str) -> str:
    """A value for ``name="..."``: markup and the quote escaped, and the whitespace a
    parser would otherwise normalise to a space (CR, LF, tab) kept as character references.
    """
    value = escape_text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#09;")
    return value


def _start(tag: str, attributes: Mapping[str, str]) -> str:
    # An empty value means no attribute at all, as svgwrite did before us.
    parts = [
        f' {name}="{escape_attribute(value)}"'
        for name, value in sorted(attributes.items())
        if value
    ]
    return f"<{tag}{''.join(parts)}"


def element(
    tag: str, attributes: Mapping[str, str], text: str = "", children: Sequence[Markup] = ()
) -> Markup:
    """``<tag ...>text children</tag>`` on one line: for elements whose content is drawn
    (text, tspan, title, desc, style), where added whitespace would show."""
    start = _start(tag, attributes)
    if not text and not children:
        return Markup(f"{start} />")
    return Markup(f"{start}>{escape_text(text)}{''.join(children)}</{tag}>")


def container(tag: str, attributes: Mapping[str, str], children: Sequence[Markup]) -> Markup:
    """``<tag ...>`` with one child per line, for readable diffs of the SVG."""
    start = _start(tag, attributes)
    if not children:
        return Markup(f"{start} />")
    body = "\n".join(children)
    return Markup(f"{start}>\n{body}\n</{tag}>")

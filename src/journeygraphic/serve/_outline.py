"""The Markdown outline as HTML, for the preview's "Text outline" tab.

A converter for exactly the Markdown :mod:`journeygraphic.textformat` writes, not for
Markdown in general: a ``#`` heading, paragraphs, nested ``1.`` and ``-`` lists, ``**strong**``
text, ``[text](address)`` links and backslash escapes. textformat escapes every Markdown
and HTML metacharacter of spec text, so an unescaped ``**``, ``[`` or ``]`` is always ours;
every character of text still goes through :func:`html.escape` here, and a link is made
only for an http(s) or mailto address.
"""

from __future__ import annotations

import html
import re
import string
from urllib.parse import urlsplit

__all__ = ["outline_html"]

_ITEM = re.compile(r"( *)(\d{1,9}\.|-) (.*)")
_LINK_SCHEMES = ("http", "https", "mailto")


def outline_html(markdown: str) -> str:
    """HTML for ``markdown``, an outline written by :func:`journeygraphic.textformat.markdown`."""
    out: list[str] = []
    lists: list[tuple[int, str]] = []  # (indent, tag) of each open list, innermost last
    for line in markdown.splitlines():
        item = _ITEM.fullmatch(line)
        if item is None:
            _close_lists(lists, out, below=-1)
            out.extend(_block(line))
            continue
        indent, tag = len(item[1]), "ol" if item[2] != "-" else "ul"
        _close_lists(lists, out, below=indent)
        if lists and lists[-1][0] == indent:
            out.append("</li>\n<li>")
        else:
            lists.append((indent, tag))
            out.append(f"<{tag}>\n<li>")
        out.append(_inline(item[3]))
    _close_lists(lists, out, below=-1)
    return "".join(out)


def _close_lists(lists: list[tuple[int, str]], out: list[str], *, below: int) -> None:
    """Close the open lists indented deeper than ``below`` (all of them for -1)."""
    while lists and lists[-1][0] > below:
        out.append(f"</li>\n</{lists.pop()[1]}>\n")


def _block(line: str) -> list[str]:
    if not line.strip():
        return []
    if line.startswith("# "):
        return [f"<h1>{_inline(line[2:])}</h1>\n"]
    return [f"<p>{_inline(line)}</p>\n"]


def _inline(text: str) -> str:
    """Escapes, strong text and links of one line, as escaped HTML."""
    out: list[str] = []
    strong = False
    i = 0
    while i < len(text):
        if text[i] == "\\" and text[i + 1 : i + 2] in _PUNCTUATION:
            out.append(_escape(text[i + 1]))
            i += 2
        elif text.startswith("**", i):
            out.append("</strong>" if strong else "<strong>")
            strong = not strong
            i += 2
        elif text[i] == "[" and (link := _link(text, i)) is not None:
            html_link, i = link
            out.append(html_link)
        else:
            out.append(_escape(text[i]))
            i += 1
    if strong:
        out.append("</strong>")
    return "".join(out)


_PUNCTUATION = frozenset(string.punctuation)


def _link(text: str, start: int) -> tuple[str, int] | None:
    """The link ``[label](address)`` at ``start`` as HTML and the index after it."""
    close = _unescaped(text, "]", start + 1)
    if close < 0 or text[close + 1 : close + 2] != "(":
        return None
    end = text.find(")", close + 2)
    if end < 0:
        return None
    label, address = _inline(text[start + 1 : close]), text[close + 2 : end]
    if urlsplit(address).scheme.lower() not in _LINK_SCHEMES:
        return label, end + 1
    return f'<a href="{_escape(address)}" rel="noopener noreferrer">{label}</a>', end + 1


def _unescaped(text: str, char: str, start: int) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == char:
            return i
        else:
            i += 1
    return -1


def _escape(text: str) -> str:
    return html.escape(text, quote=True)

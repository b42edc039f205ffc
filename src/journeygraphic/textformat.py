"""Text versions of a journey: a Markdown outline and plain text, built from the model alone.

Both come from one outline (numbered phases, numbered stages, "one of" / "all of" groups,
links), so they say the same things; :func:`summary` is the short paragraph that opens both
and that the SVG carries as its ``<desc>``. They need no layout, no fonts and no matplotlib.

Markdown is safe to publish from an untrusted spec: spec text is flattened to one line and
every Markdown or HTML metacharacter in it is backslash-escaped (so no raw HTML, emphasis or
link can be made from text), and a link is written only when ``safety.link_problem`` passes
it, with its address percent-encoded so it cannot end the link early.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote

from . import model as m
from .backends import TEXT_FORMATS
from .labels import Labels, chain
from .safety import link_problem, strip_bad_characters

__all__ = [
    "TEXT_FORMATS",
    "Item",
    "Outline",
    "Piece",
    "markdown",
    "outline",
    "plain",
    "render_text",
    "summary",
]

# What can make markup anywhere in a line, in CommonMark or in the Python-Markdown
# extensions MkDocs sites use: emphasis, code, links, images, HTML, entities, tables,
# strikethrough, headings, admonitions (!!!), attribute lists ({: }), footnotes ([^1]),
# abbreviations (*[HTML]:), mark (==), caret (^^), keys (++), math ($) and emoji (:name:).
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]<>#|~&!$^=+]|:(?=[+\-\w]+:)")
# What starts a block at the start of a line: a list item, a thematic break, a setext
# underline, a definition (": "), collapsible details (???), tabs (===), blocks (///), a
# snippet (--8<--). Its first character is escaped too.
_MD_BLOCK_START = re.compile(r"[-+=:?/%]|\d{1,9}[.)]")
# Python-Markdown undoes a backslash only before these; any other character is written
# as a numeric character reference, which CommonMark and Python-Markdown both read.
_MD_BACKSLASHED = frozenset("\\`*_{}[]()>#+-.!")
_SPACES = re.compile(r"\s+")
# An address keeps these characters; everything else (spaces, <, >, parentheses, quotes,
# backslashes, non-ASCII) is percent-encoded, so it cannot close "(...)" or open markup.
_URL_SAFE = ":/?#[]@!$&*+,;=%~-._'"

Style = Literal["text", "strong", "link"]


@dataclass(frozen=True)
class _Piece:
    """A run of inline text: plain, strong (bold in Markdown) or a link to ``url``."""

    text: str
    style: Style = "text"
    url: str = ""


@dataclass
class _Node:
    """One line of the outline and the lines nested under it."""

    pieces: list[_Piece]
    children: list[_Node] = field(default_factory=list)
    numbered: bool = False  # children numbered (1. 2. ...) rather than bulleted


def summary(journey: m.Journey) -> str:
    """One paragraph saying what the journey is: its phases in order and where it ends.

    It opens the text versions and is the SVG's ``<desc>``, so all of them agree. Its
    sentences are the journey's labels (``summary``, ``summary_goal``...).
    """
    words = journey.wording()
    captions = chain(words, "phase_list", (_flat(p.caption) for p in journey.phases if p.caption))
    count = str(len(journey.phases))
    one = len(journey.phases) == 1
    if captions:
        text = words.fill("summary_one" if one else "summary", count=count, phases=captions)
    else:
        text = words.fill("summary_untitled_one" if one else "summary_untitled", count=count)
    goal = journey.goal()
    if goal is None:
        return text
    name = _certification_name(goal)
    others = [_certification_name(c) for c in journey.certifications() if c is not goal]
    if others:
        ending = words.fill("summary_goal_via", goal=name, others=_and(words, others))
    else:
        ending = words.fill("summary_goal", goal=name)
    return _sentences(text, ending)


def _sentences(first: str, second: str) -> str:
    """Two sentences, a space between unless the first ends in a full-width stop ("。")."""
    return first + second if first.endswith(_WIDE_STOPS) else f"{first} {second}"


_WIDE_STOPS = ("\u3002", "\uff0e", "\uff01", "\uff1f")


def markdown(journey: m.Journey) -> str:
    """The journey as a Markdown outline: title, summary, numbered phases and stages, links."""
    title = _md_line(_md_pieces(_title(journey)))
    lines = [f"# {title}", "", _md_line(_md_escape(summary(journey))), ""]
    lines += _call_to_action(journey.header.call_to_action, _md_paragraph)
    lines += _write_list(_phases(journey), _md_paragraph, numbered=True, indent="")
    footer = _footer(journey)
    if footer:
        lines += ["", _md_paragraph(footer)]
    return "\n".join(lines) + "\n"


def plain(journey: m.Journey) -> str:
    """The journey as plain text: the same outline as :func:`markdown`, without markup."""
    title = _txt_pieces(_title(journey))
    lines = [title, "=" * min(len(title), 72), "", summary(journey), ""]
    lines += _call_to_action(journey.header.call_to_action, _txt_pieces)
    lines += _write_list(_phases(journey), _txt_pieces, numbered=True, indent="")
    footer = _footer(journey)
    if footer:
        lines += ["", _txt_pieces(footer)]
    return "\n".join(lines) + "\n"


Piece = _Piece  # public names for writers of other markup (see :func:`outline`)
Item = _Node


@dataclass(frozen=True)
class Outline:
    """The outline both text versions write, for writers of other markup (the Sphinx
    directive builds document nodes of it). Every text is on one line and stripped of
    control characters; a "link" piece's url has passed the link check (one that did not
    is plain text)."""

    title: str
    summary: str
    call_to_action: list[Piece]
    items: list[Item]
    footer: list[Piece]


def outline(journey: m.Journey) -> Outline:
    """The journey's outline: what :func:`markdown` and :func:`plain` write, as data."""
    cta = journey.header.call_to_action
    lead = [_Piece(f"{cta.lead} ")] if cta and cta.lead else []
    action = [*lead, _Piece(cta.label, "link", cta.url)] if cta else []
    return Outline(
        _flat(journey.header.full_title),
        _flat(summary(journey)),
        _clean(action),
        [_clean_node(node) for node in _phases(journey)],
        _clean(_footer(journey)),
    )


def _clean(pieces: list[_Piece]) -> list[_Piece]:
    out = []
    for piece in pieces:
        url = _safe_url(piece.url) if piece.style == "link" else ""
        style: Style = "link" if url else ("text" if piece.style == "link" else piece.style)
        out.append(_Piece(_flat(piece.text), style, url))
    return out


def _clean_node(node: _Node) -> _Node:
    return _Node(_clean(node.pieces), [_clean_node(c) for c in node.children], node.numbered)


def render_text(journey: m.Journey, fmt: str) -> bytes:
    """The text version ``fmt`` ("md" or "txt") of ``journey`` as UTF-8 bytes."""
    if fmt == "md":
        return markdown(journey).encode("utf-8")
    if fmt == "txt":
        return plain(journey).encode("utf-8")
    raise ValueError(f"unknown text format '{fmt}'; choose one of: {', '.join(TEXT_FORMATS)}")


# -- the outline ---------------------------------------------------------------------------


def _title(journey: m.Journey) -> list[_Piece]:
    return [_Piece(journey.header.full_title)]


def _call_to_action(cta: m.CallToAction | None, write: Callable[[list[_Piece]], str]) -> list[str]:
    if cta is None:
        return []
    pieces = [_Piece(f"{cta.lead} ")] if cta.lead else []
    return [write([*pieces, _Piece(cta.label, "link", cta.url)]), ""]


def _footer(journey: m.Journey) -> list[_Piece]:
    """Brand, note (after "As of ...", as the picture shows it) and link."""
    footer = journey.footer or m.Footer()
    brand, note = footer.brand, journey.footer_note()
    pieces = _joined([_Piece(text) for text in (brand, note) if text], " — ")
    if footer.link:
        pieces += [_Piece(" — " if pieces else ""), _link(footer.link)]
    return pieces


def _phases(journey: m.Journey) -> list[_Node]:
    words = journey.wording()
    return [_phase(phase, words) for phase in journey.phases]


def _phase(phase: m.Phase, words: Labels) -> _Node:
    pieces = [_Piece(phase.caption, "strong")] if phase.caption else []
    if phase.detail:
        pieces.append(_Piece(f" — {phase.detail}" if pieces else phase.detail))
    return _Node(pieces, _stages(phase.steps, words), numbered=True)


def _stages(stages: Sequence[Any], words: Labels) -> list[_Node]:
    """The stages' lines; a bare list (no title, no description) is its items, with no
    invented heading over them."""
    nodes: list[_Node] = []
    for stage in stages:
        if isinstance(stage, m.Bullets) and not (stage.title or stage.description):
            nodes += [_entry(item) for item in stage.items]
        else:
            nodes.append(_stage(stage, words))
    return nodes


def _stage(stage: Any, words: Labels) -> _Node:
    """One stage; a kind this module does not know yet still shows its title and detail."""
    if isinstance(stage, m.Choice):
        return _group(stage, words.one_of, [_option(o, words) for o in stage.options], words)
    if isinstance(stage, m.AllOf):
        return _group(stage, words.all_of_outline, _stages(stage.steps, words), words)
    if isinstance(stage, (m.Bullets, m.Callout)):
        head = [_Piece(f"{words.note}: ")] if isinstance(stage, m.Callout) else []
        title = [_Piece(stage.title, "strong")] if stage.title else []
        node = _Node(_described(stage, [*head, *title], words))
        node.children = [_entry(item) for item in stage.items]
        return node
    if isinstance(stage, m.Exam):
        named = words.fill("exam_code", code=stage.code) if stage.code else words.exam
        return _Node(_described(stage, [_Piece(f"{named}: {stage.title}", "strong")], words))
    if isinstance(stage, m.Certification):
        name = _certification_name(stage)
        pieces = _described(stage, [_Piece(f"{words.certification}: {name}", "strong")], words)
        return _Node(pieces + ([_Piece(f" — {stage.validity}")] if stage.validity else []))
    return _Node(_described(stage, [_Piece(_name_of(stage), "strong")], words))


def _group(stage: m.Choice | m.AllOf, how: str, children: list[_Node], words: Labels) -> _Node:
    title = [_Piece(stage.title, "strong"), _Piece(f" — {how}:")] if stage.title else []
    pieces = _described(stage, title or [_Piece(how[0].upper() + how[1:] + ":")], words)
    return _Node(pieces, children)


def _option(option: m.Option, words: Labels) -> _Node:
    steps = _stages(option.steps, words)
    if not (option.title or option.description) and steps:  # its steps say what it is
        first, *rest = steps
        return _Node(_described(option, first.pieces, words), first.children + rest)
    pieces = [_Piece(option.title, "strong")] if option.title else []
    if option.description:
        pieces.append(_Piece(f" — {option.description}" if pieces else option.description))
    pieces = _described(option, pieces, words)
    return _Node(pieces, steps, numbered=len(steps) > 1)  # one step is no sequence


def _entry(item: m.ListItem) -> _Node:
    if isinstance(item, str):
        return _Node([_Piece(item)])
    pieces = [_Piece(item.title, "strong")]
    pieces += [_Piece(f" — {item.description}")] if item.description else []
    return _Node(pieces + _links(item.links))


def _described(stage: Any, pieces: list[_Piece], words: Labels) -> list[_Piece]:
    """``pieces`` with the stage's "(optional)" or "(recommended)" mark, what it requires,
    its description and links after them."""
    out = list(pieces)
    need = getattr(stage, "need", "required")
    notes = [getattr(words, f"needs_{need}")] if need != "required" else []
    if getattr(stage, "requires", None):
        notes.append(words.fill("needs_requires", what=stage.requires))
    if notes:
        out.append(_Piece(f" ({'; '.join(notes)})"))
    if isinstance(stage, m.Option):  # its description is placed already
        return out + _links(stage.links)
    description = getattr(stage, "description", None)
    if isinstance(description, str) and description:
        out.append(_Piece(f" — {description}"))
    return out + _links(getattr(stage, "links", []))


def _name_of(stage: Any) -> str:
    for attribute in ("title", "name", "code"):
        value = getattr(stage, attribute, None)
        if isinstance(value, str) and value:
            return value
    return str(getattr(stage, "kind", "step")).capitalize()


def _certification_name(stage: m.Certification) -> str:
    return f"{stage.issuer} {stage.name}" if stage.issuer else stage.name


def _links(links: Iterable[m.Link]) -> list[_Piece]:
    out: list[_Piece] = []
    for i, link in enumerate(links):
        out += [_Piece(" (" if i == 0 else ", "), _link(link)]
    return [*out, _Piece(")")] if out else []


def _link(link: m.Link) -> _Piece:
    return _Piece(link.label, "link", link.url)


def _joined(pieces: list[_Piece], separator: str) -> list[_Piece]:
    out: list[_Piece] = []
    for piece in pieces:
        out += [_Piece(separator), piece] if out else [piece]
    return out


def _and(words: Labels, names: Sequence[str]) -> str:
    """ "A, B and C" in the labels' words."""
    if len(names) == 1:
        return names[0]
    return words.fill("both", a=chain(words, "listed", names[:-1]), b=names[-1])


# -- writing -------------------------------------------------------------------------------


def _write_list(
    nodes: list[_Node], write: Callable[[list[_Piece]], str], *, numbered: bool, indent: str
) -> list[str]:
    """Nested list lines; children line up under their parent's text, as Markdown needs."""
    lines: list[str] = []
    for i, node in enumerate(nodes, start=1):
        marker = f"{i}." if numbered else "-"
        lines.append(f"{indent}{marker} {write(node.pieces)}")
        inner = indent + " " * (len(marker) + 1)
        lines += _write_list(node.children, write, numbered=node.numbered, indent=inner)
    return lines


def _md_pieces(pieces: Iterable[_Piece]) -> str:
    return "".join(_md_piece(piece) for piece in pieces)


def _md_paragraph(pieces: list[_Piece]) -> str:
    return _md_line(_md_pieces(pieces))


def _md_piece(piece: _Piece) -> str:
    text = _md_escape(piece.text)
    if piece.style == "strong":
        return f"**{text}**"
    if piece.style == "link":
        url = _safe_url(piece.url)
        return f"[{text}]({quote(url, safe=_URL_SAFE)})" if url else text
    return text


def _txt_pieces(pieces: list[_Piece]) -> str:
    out = []
    for piece in pieces:
        text = _flat(piece.text)
        url = _safe_url(piece.url) if piece.style == "link" else ""
        out.append(f"{text} <{url}>" if url and url != text else text)
    return "".join(out)


def _safe_url(url: str) -> str:
    """``url`` cleaned and trimmed, or "" when it may not be a link (checked again here)."""
    url = _flat(url).strip()
    return url if url and link_problem(url) is None else ""


def _flat(text: str) -> str:
    """Spec text on one line, without control or bidi-override characters.

    One line, so no spec text can start a Markdown block (a heading, a list, a fence).
    """
    return _SPACES.sub(" ", strip_bad_characters(text))


def _md_line(text: str) -> str:
    """A line of Markdown whose start cannot open a block (``- ``, ``1. ``, ``===``)."""
    text = text.lstrip()
    match = _MD_BLOCK_START.match(text)
    if match is None:
        return text
    end = match.end() - 1  # the character that makes it a marker
    return text[:end] + _md_char(text[end]) + text[end + 1 :]


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(lambda found: _md_char(found.group()), _flat(text))


def _md_char(char: str) -> str:
    """One character made literal in Markdown, in a form every reader undoes."""
    return "\\" + char if char in _MD_BACKSLASHED else f"&#{ord(char)};"

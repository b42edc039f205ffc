"""Sphinx extension: ``.. journeygraphic:: specs/az400.yaml`` draws a journey in the page.

Enable it with ``extensions = ["journeygraphic.sphinx"]`` in ``conf.py``. The spec path is
relative to the document, or to the source folder when it starts with "/", as for
``literalinclude``. Options: ``:layout:``, ``:theme:``, ``:format:`` (svg or png),
``:width:``, ``:alt:`` (default: the journey's title), ``:class:`` and ``:text:`` (the
journey's outline under the picture, as lists with working links).
``journeygraphic_layout`` (default ``auto``), ``journeygraphic_width`` (default 720, a
docs column, so the picture is laid out for the page rather than shrunk into it),
``journeygraphic_theme`` and ``journeygraphic_format`` in ``conf.py`` set the defaults.

The spec is read when the document is read, and noted as its dependency, so editing it
rebuilds the page. The picture is drawn when the page is written, into the builder's image
folder as ``journeygraphic-<hash>.<format>``; a file of that name already there is reused,
and at the end of a build those no document uses any more are removed. A bad spec or
option is a warning located at ``file:line:col`` (type ``journeygraphic``; ``-W`` makes it
fatal) and a warning admonition with the same message in the page, never a crash.
"""

from __future__ import annotations

import contextlib
import posixpath
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from ._embed import (
    DEFAULT_LAYOUT,
    DEFAULT_WIDTH,
    Picture,
    alt_text,
    check_format,
    check_inside,
    check_layout,
    did_you_mean,
    error_html,
    existing_theme_file,
    is_theme_file,
    logged_warnings,
    parse_width,
    picture,
    prune,
    render_cached,
    theme_file_of,
)
from ._version import __version__
from .errors import RenderError, SpecError
from .options import RenderOptions
from .textformat import Item, Piece, outline

__all__ = ["JourneyDirective", "journeygraphic", "setup"]

logger = logging.getLogger(__name__)


class journeygraphic(nodes.General, nodes.Element):  # noqa: N801 - docutils nodes are lower case
    """A journey to draw: holds the :class:`Picture` to embed, the alt text and classes."""


class _Options(dict[str, Any]):
    """The directive's options; an unknown one is refused with a did-you-mean.

    docutils looks each option up here and reports the KeyError's text as the error.
    """

    def __missing__(self, key: str) -> Any:
        raise KeyError(f'unknown option: "{key}"{did_you_mean(key, self)}')


class JourneyDirective(SphinxDirective):
    """``.. journeygraphic:: path/to/spec.yaml`` with drawing options."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = _Options(
        layout=check_layout,
        theme=directives.unchanged_required,
        format=check_format,
        width=parse_width,
        alt=directives.unchanged,
        **{"class": directives.class_option},
        text=directives.flag,
    )

    def run(self) -> list[nodes.Node]:
        """Read the spec and return the node that draws it, or a warning (logged and shown
        in the page as an admonition)."""
        shown, spec = self.env.relfn2path(self.arguments[0])
        self.env.note_dependency(spec)  # even a broken spec: fixing it rebuilds the page
        try:
            spec = str(check_inside(spec, shown, self._roots(), "journeygraphic_spec_roots"))
            options, fmt = self._options()
            prepared = picture(spec, options, fmt)
        except ValueError as error:
            return self._warn(str(error), "option")
        except SpecError as error:
            return self._warn(str(_shown_as(error, spec, shown)), "spec")
        for theme_file in (prepared.theme_file(), theme_file_of(prepared.journey, spec)):
            if theme_file is not None:
                self.env.note_dependency(str(theme_file))
        _pictures(self.env).setdefault(self.env.docname, set()).add(prepared.key)
        return self._nodes(prepared)

    def _roots(self) -> list[Path]:
        """The source folder and the folders ``journeygraphic_spec_roots`` adds (relative to
        the source folder, e.g. ``["../specs"]``)."""
        source = Path(self.env.srcdir)
        return [source, *(source / root for root in self.config.journeygraphic_spec_roots)]

    def _options(self) -> tuple[RenderOptions, str]:
        config = self.config
        theme = self.options.get("theme", config.journeygraphic_theme)
        if theme and is_theme_file(theme):
            # the option is relative to the document; conf.py's to the source folder
            where = theme if "theme" in self.options else "/" + theme.lstrip("/")
            shown, path = self.env.relfn2path(where)
            theme = existing_theme_file(path, shown)
        width = config.journeygraphic_width
        options = RenderOptions(
            layout=self.options.get("layout", check_layout(config.journeygraphic_layout)),
            theme=theme or None,
            width=self.options.get("width", None if width is None else parse_width(width)),
        )
        return options, self.options.get("format", check_format(config.journeygraphic_format))

    def _nodes(self, prepared: Picture) -> list[nodes.Node]:
        node = journeygraphic()
        self.set_source_info(node)
        node["prepared"] = prepared
        node["alt"] = self.options.get("alt") or alt_text(prepared.journey)
        node["classes"] += self.options.get("class", [])
        if "text" not in self.options:
            return [node]
        return [node, outline_nodes(prepared.journey)]

    def _warn(self, message: str, kind: str) -> list[nodes.Node]:
        logger.warning(
            "journeygraphic: %s",
            message,
            location=self.get_location(),
            type="journeygraphic",
            subtype=kind,
        )
        return [_admonition(message)]


def _admonition(message: str) -> nodes.Element:
    """A warning box in the page: the journey is missing, and why (each problem a line)."""
    box = nodes.warning(classes=["journeygraphic-error"])
    box += nodes.paragraph(text="The journey could not be drawn:")
    for line in message.splitlines():
        box += nodes.paragraph("", "", nodes.literal(line, line))
    return box


def outline_nodes(journey: Any) -> nodes.Element:
    """The journey's outline as document nodes: title, summary, numbered lists, links.

    Built from the outline's data, not from its Markdown or plain text, so every builder
    gets real lists and references (HTML links, LaTeX hyperlinks).
    """
    parts = outline(journey)
    box = nodes.container(classes=["journeygraphic-text"])
    box += nodes.paragraph("", "", nodes.strong(parts.title, parts.title))
    box += nodes.paragraph(parts.summary, parts.summary)
    if parts.call_to_action:
        box += nodes.paragraph("", "", *_inline(parts.call_to_action))
    box += _list(parts.items, numbered=True)
    if parts.footer:
        box += nodes.paragraph("", "", *_inline(parts.footer))
    return box


def _list(items: list[Item], *, numbered: bool) -> nodes.Element:
    listing: nodes.Element
    if numbered:
        listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    else:
        listing = nodes.bullet_list(bullet="-")
    for item in items:
        entry = nodes.list_item("", nodes.paragraph("", "", *_inline(item.pieces)))
        if item.children:
            entry += _list(item.children, numbered=item.numbered)
        listing.append(entry)
    return listing


def _inline(pieces: list[Piece]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for piece in pieces:
        if piece.style == "strong":
            out.append(nodes.strong(piece.text, piece.text))
        elif piece.style == "link":
            out.append(nodes.reference(piece.text, piece.text, refuri=piece.url))
        else:
            out.append(nodes.Text(piece.text))
    return out


def _shown_as(error: SpecError, path: str, shown: str) -> SpecError:
    """``error`` with the spec's absolute path replaced by the one relative to the sources."""
    return SpecError([replace(p, file=shown) if p.file == path else p for p in error.problems])


def _draw(builder: Builder, node: journeygraphic, fmt: str | None = None) -> str:
    """The picture's path for the page (drawn now if not cached).

    Raises:
        _NotDrawnError: It could not be drawn; the warning is logged.
    """
    prepared: Picture = node["prepared"]
    folder = Path(builder.outdir) / builder.imagedir
    try:
        with logged_warnings(lambda m: logger.warning("journeygraphic: %s", m, location=node)):
            path = render_cached(prepared, folder, fmt)
    except (RenderError, SpecError, OSError) as error:
        logger.warning("journeygraphic: %s", error, location=node, type="journeygraphic")
        raise _NotDrawnError(str(error)) from None
    return posixpath.join(builder.imgpath, path.name)


class _NotDrawnError(Exception):
    """A picture that could not be drawn when the page was written (already warned)."""


def _visit_html(self: Any, node: journeygraphic) -> None:
    alt = self.attval(node["alt"])
    try:
        src = _draw(self.builder, node)
    except _NotDrawnError as error:
        self.body.append(error_html(str(error).splitlines()))
        raise nodes.SkipNode from None
    classes = self.attval(" ".join(["journeygraphic", *node["classes"]]))
    self.body.append(f'<div class="{classes}"><img src="{self.attval(src)}" alt="{alt}" /></div>\n')
    raise nodes.SkipNode


def _visit_latex(self: Any, node: journeygraphic) -> None:
    with contextlib.suppress(_NotDrawnError):  # warned; LaTeX gets no box
        src = _draw(self.builder, node, "pdf")  # vector, and LaTeX cannot include SVG
        include = f"\\sphinxincludegraphics{{{src}}}"
        self.body.append(f"\n\\begin{{center}}{include}\\end{{center}}\n")
    raise nodes.SkipNode


def _visit_as_text(self: SphinxTranslator, node: journeygraphic) -> None:
    """Builders without pictures (text, man, texinfo) get the alt text in brackets."""
    label = f"[{node['alt']}]"
    if hasattr(self, "add_text"):
        self.add_text(label)
    else:
        self.body.append(label)  # type: ignore[attr-defined]
    raise nodes.SkipNode


# -- which pictures the documents use, to prune the others -----------------------------------


def _pictures(env: BuildEnvironment) -> dict[str, set[str]]:
    """Each document's picture keys, kept in the environment across incremental builds."""
    if not hasattr(env, "journeygraphic_pictures"):
        env.journeygraphic_pictures = {}  # type: ignore[attr-defined]
    return env.journeygraphic_pictures  # type: ignore[attr-defined, no-any-return]


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _pictures(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: Any) -> None:
    for docname in docnames:
        if docname in _pictures(other):
            _pictures(env)[docname] = _pictures(other)[docname]


def _prune(app: Sphinx, exception: BaseException | None) -> None:
    """After a good build, remove the pictures in the image folder no document uses."""
    if exception is not None or not hasattr(app.builder, "imagedir"):
        return
    keep = {key for keys in _pictures(app.env).values() for key in keys}
    prune(Path(app.builder.outdir) / app.builder.imagedir, keep)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive, its node and the ``journeygraphic_*`` config values."""
    app.add_config_value("journeygraphic_layout", DEFAULT_LAYOUT, "env", types=[str])
    app.add_config_value(
        "journeygraphic_width", DEFAULT_WIDTH, "env", types=[int, float, type(None)]
    )
    app.add_config_value("journeygraphic_theme", None, "env", types=[str, type(None)])
    app.add_config_value("journeygraphic_format", "svg", "env", types=[str])
    app.add_config_value("journeygraphic_spec_roots", [], "env", types=[list, tuple])
    app.add_node(
        journeygraphic,
        html=(_visit_html, None),
        latex=(_visit_latex, None),
        text=(_visit_as_text, None),
        man=(_visit_as_text, None),
        texinfo=(_visit_as_text, None),
    )
    app.add_directive("journeygraphic", JourneyDirective)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _prune)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

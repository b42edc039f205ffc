"""Sphinx extension: ``.. journeygraphic:: specs/az400.yaml`` draws a journey in the page.

Enable it with ``extensions = ["journeygraphic.sphinx"]`` in ``conf.py``. The spec path is
relative to the document, or to the source folder when it starts with "/", as for
``literalinclude``. Options: ``:layout:``, ``:theme:``, ``:format:`` (svg or png),
``:width:``, ``:alt:`` (default: the journey's title), ``:class:`` and ``:text:`` (the plain
text version under the picture). ``journeygraphic_layout``, ``journeygraphic_theme`` and
``journeygraphic_format`` in ``conf.py`` set the defaults.

The spec is read when the document is read, and noted as its dependency, so editing it
rebuilds the page. The picture is drawn when the page is written, into the builder's image
folder as ``journeygraphic-<hash>.<format>``; a file of that name already there is reused.
A bad spec is a warning located at ``file:line:col`` (type ``journeygraphic``), not a crash.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from . import __version__
from ._embed import (
    Options,
    Prepared,
    alt_text,
    check_format,
    check_layout,
    existing_theme_file,
    is_theme_file,
    logged_warnings,
    parse_width,
    prepare,
    render_cached,
    text_version,
    theme_file_of,
)
from .errors import RenderError, SpecError

__all__ = ["JourneyDirective", "journeygraphic", "setup"]

logger = logging.getLogger(__name__)


class journeygraphic(nodes.General, nodes.Element):  # noqa: N801 - docutils nodes are lower case
    """A journey to draw: holds the :class:`Prepared` journey, the alt text and classes."""


class JourneyDirective(SphinxDirective):
    """``.. journeygraphic:: path/to/spec.yaml`` with drawing options."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "layout": check_layout,
        "theme": directives.unchanged_required,
        "format": check_format,
        "width": parse_width,
        "alt": directives.unchanged,
        "class": directives.class_option,
        "text": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        """Read the spec and return the node that draws it, or nothing and a warning."""
        shown, spec = self.env.relfn2path(self.arguments[0])
        self.env.note_dependency(spec)  # even a broken spec: fixing it rebuilds the page
        try:
            options = self._options()
            prepared = prepare(spec, options)
        except ValueError as error:
            return self._warn(str(error), "option")
        except SpecError as error:
            return self._warn(str(_shown_as(error, spec, shown)), "spec")
        if prepared.options.theme and is_theme_file(prepared.options.theme):
            self.env.note_dependency(prepared.options.theme)
        theme_file = theme_file_of(prepared.journey, spec)
        if theme_file is not None:
            self.env.note_dependency(str(theme_file))
        return self._nodes(prepared)

    def _options(self) -> Options:
        config = self.config
        theme = self.options.get("theme", config.journeygraphic_theme)
        if theme and is_theme_file(theme):
            # the option is relative to the document; conf.py's to the source folder
            where = theme if "theme" in self.options else "/" + theme.lstrip("/")
            shown, path = self.env.relfn2path(where)
            theme = existing_theme_file(path, shown)
        return Options(
            layout=self.options.get("layout", check_layout(config.journeygraphic_layout)),
            theme=theme or None,
            format=self.options.get("format", check_format(config.journeygraphic_format)),
            width=self.options.get("width"),
        )

    def _nodes(self, prepared: Prepared) -> list[nodes.Node]:
        node = journeygraphic()
        self.set_source_info(node)
        node["prepared"] = prepared
        node["alt"] = self.options.get("alt") or alt_text(prepared.journey)
        node["classes"] += self.options.get("class", [])
        if "text" not in self.options:
            return [node]
        text = text_version(prepared.journey, "txt")
        block = nodes.literal_block(text, text, classes=["journeygraphic-text"])
        block["language"] = "none"
        return [node, block]

    def _warn(self, message: str, kind: str) -> list[nodes.Node]:
        logger.warning(
            "journeygraphic: %s",
            message,
            location=self.get_location(),
            type="journeygraphic",
            subtype=kind,
        )
        return []


def _shown_as(error: SpecError, path: str, shown: str) -> SpecError:
    """``error`` with the spec's absolute path replaced by the one relative to the sources."""
    return SpecError([replace(p, file=shown) if p.file == path else p for p in error.problems])


def _draw(builder: Builder, node: journeygraphic, fmt: str | None = None) -> str | None:
    """The picture's path for the page (drawn now if not cached), or None after a warning."""
    prepared: Prepared = node["prepared"]
    folder = Path(builder.outdir) / builder.imagedir
    try:
        with logged_warnings(lambda m: logger.warning("journeygraphic: %s", m, location=node)):
            path = render_cached(prepared, folder, fmt)
    except (RenderError, SpecError, OSError) as error:
        logger.warning("journeygraphic: %s", error, location=node, type="journeygraphic")
        return None
    return posixpath.join(builder.imgpath, path.name)


def _visit_html(self: Any, node: journeygraphic) -> None:
    src = _draw(self.builder, node)
    alt = self.attval(node["alt"])
    if src is None:
        self.body.append(f'<p class="journeygraphic-missing">[{alt}]</p>\n')
        raise nodes.SkipNode
    classes = self.attval(" ".join(["journeygraphic", *node["classes"]]))
    self.body.append(f'<div class="{classes}"><img src="{self.attval(src)}" alt="{alt}" /></div>\n')
    raise nodes.SkipNode


def _visit_latex(self: Any, node: journeygraphic) -> None:
    src = _draw(self.builder, node, "pdf")  # vector, and LaTeX cannot include SVG
    if src is not None:
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


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive, its node and the ``journeygraphic_*`` config values."""
    app.add_config_value("journeygraphic_layout", "poster", "env", types=[str])
    app.add_config_value("journeygraphic_theme", None, "env", types=[str, type(None)])
    app.add_config_value("journeygraphic_format", "svg", "env", types=[str])
    app.add_node(
        journeygraphic,
        html=(_visit_html, None),
        latex=(_visit_latex, None),
        text=(_visit_as_text, None),
        man=(_visit_as_text, None),
        texinfo=(_visit_as_text, None),
    )
    app.add_directive("journeygraphic", JourneyDirective)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

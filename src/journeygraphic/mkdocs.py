"""MkDocs plugin: a ``journeygraphic`` fenced block in a page becomes the journey's picture.

Enable it in ``mkdocs.yml`` with ``plugins: [journeygraphic]`` (plus ``search`` if you use
it: listing plugins replaces MkDocs' default list), then write::

    ```journeygraphic
    spec: ../specs/az400.yaml
    layout: vertical
    ```

``spec`` is relative to the page, or to ``docs_dir`` when it starts with "/". Optional keys:
``layout``, ``theme`` (a built-in name or a theme file, found like ``spec``), ``format``
(svg or png), ``width``, ``alt`` (default: the journey's title), ``class`` and ``text``
(the Markdown outline under the picture). The plugin's own options (``layout``, default
``auto``; ``width``, default 720, a docs column; ``theme``, ``format``, ``text``) set the
defaults; ``cache_dir`` (default ``.cache/journeygraphic``, next to ``mkdocs.yml``) keeps
the pictures between builds, named by a content hash, so an unchanged build draws nothing,
and those no page used are removed after a full build. A bad block or spec is one warning
line per problem, located at file:line:col (``mkdocs build --strict`` then fails), and a
warning admonition in the page; never a traceback.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

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
    text_version,
    theme_file_of,
)
from .errors import Problem, RenderError, SpecError
from .layout import LAYOUTS
from .options import RenderOptions
from .spec import Located, parse

__all__ = ["JourneygraphicConfig", "JourneygraphicPlugin", "for_python_markdown"]

log = get_plugin_logger("journeygraphic")

ASSETS = "assets/journeygraphic"  # where the pictures go in the built site
_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^\s`{]*)")
_LIST_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)]) ")
_CLASS = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
# What Python-Markdown (MkDocs' Markdown) unescapes; other escapes become entities.
_PY_MARKDOWN_ESCAPES = set("\\`*_{}[]()>#+-.!")
_KEYS = ("spec", "layout", "theme", "format", "width", "alt", "class", "text")


class JourneygraphicConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's options in ``mkdocs.yml``: defaults for every block, and the cache."""

    layout = c.Choice(tuple(LAYOUTS), default=DEFAULT_LAYOUT)
    width = c.Type((int, float, type(None)), default=DEFAULT_WIDTH)  # null: the layout's own
    theme = c.Optional(c.Type(str))
    format = c.Choice(("svg", "png"), default="svg")
    text = c.Type(bool, default=False)
    cache_dir = c.Type(str, default=".cache/journeygraphic")
    # Folders outside mkdocs.yml's folder that specs may come from, relative to it.
    spec_roots = c.Type(list, default=[])


class JourneygraphicPlugin(BasePlugin[JourneygraphicConfig]):  # type: ignore[no-untyped-call]
    """Replaces each ``journeygraphic`` fenced block with the journey's picture."""

    def __init__(self) -> None:
        self.watched: set[str] = set()  # spec and theme files, for ``mkdocs serve``
        self.used: set[str] = set()  # picture keys this build drew or reused
        self.dirty = False  # ``mkdocs serve --dirty`` builds some pages only: keep the cache

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note a dirty build, which must not prune what unread pages still use."""
        self.dirty = dirty

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Start counting the pictures this build uses."""
        self.used = set()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Remove the cached pictures no page of a full build used."""
        if not self.dirty:
            prune(_cache_dir(config, self.config.cache_dir), self.used)

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Draw every journey block of the page (or reuse its cached picture)."""

        def draw(body: str, line: int) -> str:
            return self._block(body, line, page, config, files)

        return replace_fences(markdown, "journeygraphic", draw)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a spec or theme file that a page draws changes."""
        for path in sorted(self.watched):
            server.watch(path)
        return server

    def _block(self, body: str, line: int, page: Page, config: MkDocsConfig, files: Files) -> str:
        shown = _shown_path(page.file.abs_src_path or page.file.src_uri, config)
        try:
            settings = self._settings(body, line, shown)
        except SpecError as error:
            return _refused([str(p) for p in error.problems])
        try:
            spec = self._confined(_find(settings["spec"], page, config), settings["spec"], config)
            prepared = picture(spec, *self._options(settings, page, config))
            self.used.add(prepared.key)
            with logged_warnings(lambda m: log.warning("%s:%d:1: %s", shown, line, m)):
                image = render_cached(prepared, _cache_dir(config, self.config.cache_dir))
        except (SpecError, RenderError, ValueError, OSError) as error:
            return _refused([f"{shown}:{line}:1: {p}" for p in _problems(error, config)])
        self._watch(spec, prepared)
        src = _publish(image, page, config, files)
        return _html(prepared, src, settings) + self._text(prepared, settings)

    def _confined(self, spec: Path, shown: str, config: MkDocsConfig) -> Path:
        # The project's folder (mkdocs.yml's, which holds docs_dir): specs often sit beside
        # docs/, but a page must not publish a file from elsewhere on the disk.
        root = Path(config.config_file_path or ".").parent
        roots = [root, *(root / extra for extra in self.config.spec_roots)]
        return check_inside(spec, shown, roots, "the plugin's spec_roots")

    def _settings(self, body: str, line: int, shown: str) -> dict[str, Any]:
        try:
            located = parse(body or "{}", filename=shown, fmt="yaml")
        except SpecError as error:
            raise _shifted(error, line) from None
        return _checked(located, line)

    def _options(
        self, settings: dict[str, Any], page: Page, config: MkDocsConfig
    ) -> tuple[RenderOptions, str]:
        theme = settings.get("theme", self.config.theme)
        if theme and is_theme_file(theme):
            theme = existing_theme_file(str(_find(theme, page, config)), theme)
        width = settings.get("width", self.config.width)
        options = RenderOptions(
            layout=check_layout(settings.get("layout", self.config.layout)),
            theme=theme or None,
            width=None if width is None else parse_width(width),
        )
        return options, check_format(settings.get("format", self.config.format))

    def _text(self, prepared: Picture, settings: dict[str, Any]) -> str:
        if not settings.get("text", self.config.text):
            return ""
        return "\n" + for_python_markdown(text_version(prepared.journey, "md"))

    def _watch(self, spec: Path, prepared: Picture) -> None:
        self.watched.add(str(spec))
        for theme_file in (theme_file_of(prepared.journey, spec), prepared.theme_file()):
            if theme_file is not None:
                self.watched.add(str(theme_file))


# -- the fenced blocks ----------------------------------------------------------------------


def replace_fences(markdown: str, info: str, replace_with: Callable[[str, int], str]) -> str:
    """``markdown`` with each fenced block whose info word is ``info`` replaced.

    ``replace_with(body, line)`` gets the block's text and the 1-based line of its opening
    fence. Blocks inside other fences (say, a ````markdown example) are left alone.
    """
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if match is None:
            out.append(lines[i])
            i += 1
            continue
        end = _closing(lines, i + 1, match.group(1))
        if match.group(2) == info:
            out.append(replace_with("\n".join(lines[i + 1 : end]), i + 1))
        else:
            out.extend(lines[i : end + 1])
        i = end + 1
    return "\n".join(out)


def _closing(lines: list[str], start: int, fence: str) -> int:
    """The index of the line closing ``fence``, or the last line (an open fence runs on)."""
    closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    for index in range(start, len(lines)):
        if closing.match(lines[index]):
            return index
    return len(lines)


def _checked(located: Located, line: int) -> dict[str, Any]:
    """The block's settings, every unknown key or wrong value a located problem."""
    data = located.data
    if not isinstance(data, dict):
        raise _shifted(SpecError([located.problem("write the block as 'key: value' lines")]), line)
    problems = [p for key, value in data.items() if (p := _problem(located, key, value))]
    if "spec" not in data:
        problems.append(located.problem("the block needs 'spec: path/to/spec.yaml'"))
    if problems:
        raise _shifted(SpecError(problems), line)
    if "text" in data:
        data["text"] = _flag(data["text"])
    return data


def _flag(value: Any) -> bool | None:
    """True or False from YAML text (the loader keeps scalars as text) or a bool."""
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False}.get(str(value).strip().lower())


def _problem(located: Located, key: str, value: Any) -> Problem | None:
    if key not in _KEYS:
        hint = did_you_mean(str(key), _KEYS)
        message = f"unknown key '{key}'{hint} (use: {', '.join(_KEYS)})"
        return located.problem(message, (key,), key=True)
    if key == "text" and _flag(value) is None:
        return located.problem("text must be true or false", (key,))
    if key == "width" and not isinstance(value, (int, float, str)):
        return located.problem("width must be a number of pixels", (key,))
    if key in ("text", "width"):
        return None
    if not isinstance(value, str) or not value.strip():
        return located.problem(f"{key} must be text", (key,))
    if key == "class" and not all(_CLASS.fullmatch(name) for name in value.split()):
        return located.problem("class must be CSS class names separated by spaces", (key,))
    return None


# -- paths, errors and output ---------------------------------------------------------------


def _find(ref: str, page: Page, config: MkDocsConfig) -> Path:
    """``ref`` relative to the page's folder, or to ``docs_dir`` when it starts with "/"."""
    if ref.startswith("/"):
        return Path(config.docs_dir, ref.lstrip("/")).resolve()
    folder = Path(page.file.abs_src_path or config.docs_dir).parent
    return (folder / ref).resolve()


def _cache_dir(config: MkDocsConfig, setting: str) -> Path:
    root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    return root / setting


def _shown_path(path: str | os.PathLike[str], config: MkDocsConfig) -> str:
    """``path`` as the user sees it: relative to ``mkdocs.yml``'s folder when inside it."""
    root = Path(config.config_file_path or ".").resolve().parent
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _shifted(error: SpecError, line: int) -> SpecError:
    """Problems in a block's text, moved to where the block sits in the page."""
    return SpecError([replace(p, line=(p.line or 1) + line) for p in error.problems])


def _problems(error: Exception, config: MkDocsConfig) -> list[str]:
    """What went wrong: each of a spec's problems at its own file:line:col."""
    if not isinstance(error, SpecError):
        return [str(error)]
    return [str(replace(p, file=_shown_path(p.file, config))) for p in error.problems]


def _refused(lines: list[str]) -> str:
    """Warn once a line (so each is whole in the log) and show them in the page."""
    for line in lines:
        log.warning("%s", line)
    return "\n" + error_html(lines)


def _publish(image: Path, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add the cached picture to the site's files; its URL relative to the page."""
    src_uri = f"{ASSETS}/{image.name}"
    file = files.get_file_from_path(src_uri)
    if file is None:
        file = File.generated(config, src_uri, abs_src_path=str(image))
        files.append(file)
    return get_relative_url(file.url, page.url)


def _html(prepared: Picture, src: str, settings: dict[str, Any]) -> str:
    alt = html.escape(settings.get("alt") or alt_text(prepared.journey), quote=True)
    classes = html.escape(" ".join(["journeygraphic", *settings.get("class", "").split()]))
    return f'\n<div class="{classes}"><img src="{html.escape(src)}" alt="{alt}" /></div>\n'


def for_python_markdown(markdown: str) -> str:
    """Our CommonMark outline made to read the same in Python-Markdown (MkDocs' parser).

    The title becomes bold text (not a second page heading), nested lists are indented by
    four spaces as Python-Markdown needs, and escapes it does not know (``\\<``, ``\\&``,
    ``\\|``, ``\\~``, ``\\=``) become character entities, so they still cannot make HTML.
    """
    lines = markdown.rstrip("\n").split("\n")
    if lines and lines[0].startswith("# "):
        lines[0] = f"**{lines[0][2:]}**"
    return "\n".join(_entities(line) for line in _four_space_lists(lines)) + "\n"


def _four_space_lists(lines: list[str]) -> list[str]:
    out: list[str] = []
    levels: list[int] = []  # the indents of the open list levels
    for line in lines:
        match = _LIST_ITEM.match(line)
        if match is None:
            levels = [] if line.strip() else levels
            out.append(line)
            continue
        indent = len(match.group(1))
        while levels and levels[-1] > indent:
            levels.pop()
        if not levels or levels[-1] < indent:
            levels.append(indent)
        out.append("    " * (len(levels) - 1) + line.lstrip(" "))
    return out


def _entities(line: str) -> str:
    def one(match: re.Match[str]) -> str:
        char = match.group(1)
        return match.group(0) if char in _PY_MARKDOWN_ESCAPES else f"&#{ord(char)};"

    return re.sub(r"\\(.)", one, line)

"""Theme resolution, the reading side of themes: theme files, layering, contrast.

The tokens themselves (what a theme may hold) are :mod:`journeygraphic.tokens`. A theme
file (YAML or JSON) may be partial: whatever it leaves out comes from the theme it
``extends:`` (by built-in name or by a path relative to the file), and in the end from the
built-in ``default``. Layers, lowest first::

    default < extends chain (base first) < the theme itself < overrides in the spec

Every layer is validated on its own by the spec reader, so an unknown token or a bad colour
is reported at ``file:line:col``. The merged theme must pass the WCAG 2.1 AA contrast check
(:mod:`journeygraphic.contrast`) unless the caller accepts low contrast explicitly.
"""

from __future__ import annotations

import copy
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from .brand import BrandFonts, fontconfig_fonts, theme_fonts
from .contrast import failures, follow
from .errors import Problem, SpecError, ThemeWarning
from .limits import Limits
from .model import Journey
from .scene import Artwork
from .spec import DataPath, Located, parse, read_spec, validate
from .spec._files import Refused, confine
from .tokens import (
    BUILTIN_THEMES,
    FOLLOWS,
    RENAMED,
    THEME_NAME,
    THEME_SUFFIXES,
    Theme,
    theme_override,
    unknown_theme,
)

MAX_CHAIN = 8  # themes extending themes, at most this deep

# --------------------------------------------------------------------------- layers


@dataclass(frozen=True)
class _Layer:
    """One validated theme layer: the tokens it sets and where it was written."""

    data: dict[str, Any]
    located: Located | None
    prefix: DataPath  # where the layer's data sits in its file (("theme",) in a spec)
    filename: str
    fonts: BrandFonts | None = None  # the brand font files this layer names, checked
    logo: Artwork | None = None  # the logo this layer names, read and made safe

    def problem(self, message: str, path: DataPath) -> Problem:
        full = (*self.prefix, *path)
        if self.located is not None:
            return self.located.problem(message, full)
        return Problem(message, self.filename, path=".".join(map(str, full)))


@dataclass(frozen=True)
class _Site:
    """Where a theme reference was written, and the folders it resolves against."""

    layer: _Layer | None  # None: given by the caller (CLI or library), not in a file
    path: DataPath
    base: Path | None  # folder a relative path is resolved against
    root: Path | None  # folder the file must stay inside
    shown_base: str = ""  # ``base`` as the user would write it, for messages
    root_label: str = "the spec's folder"
    limits: Limits = field(default_factory=Limits)  # a theme file is held to the spec's

    def fail(self, message: str) -> SpecError:
        if self.layer is None:
            return SpecError([Problem(message, "<theme>")])
        return SpecError([self.layer.problem(message, self.path)])

    def shown(self, ref: str) -> str:
        return os.path.normpath(os.path.join(self.shown_base, ref))


def _layer_of(model: BaseModel, located: Located | None, prefix: DataPath, name: str) -> _Layer:
    data = model.model_dump(exclude_unset=True)
    layer = _Layer(data, located, prefix, name)
    _rename(layer)
    return layer


def _rename(layer: _Layer) -> None:
    """Move tokens written under an old name (:data:`RENAMED`) to the new one, with a
    warning located at the old name."""
    for section, renamed in RENAMED.items():
        tokens = layer.data.get(section)
        for old, new in renamed.items():
            if not isinstance(tokens, dict) or old not in tokens:
                continue
            value = tokens.pop(old)
            if value is None:
                continue
            tokens.setdefault(new, value)
            said = f"'{section}.{old}' is now called '{section}.{new}'; the old name still works"
            warnings.warn(ThemeWarning(str(layer.problem(said, (section, old)))), stacklevel=2)


@lru_cache(maxsize=len(BUILTIN_THEMES))
def _builtin_layer(name: str) -> _Layer:
    filename = f"journeygraphic/themes/{name}.yaml"
    raw = resources.files("journeygraphic.themes").joinpath(f"{name}.yaml").read_bytes()
    located = parse(raw, filename=filename, fmt="yaml")
    # Trusted package data, checked token by token in the tests (and the merged theme is
    # validated in full): no partial model needed to read it.
    return _Layer(located.data, located, (), filename)


def _file_layer(site: _Site, ref: str) -> tuple[_Layer, Path]:
    """Read the theme file ``ref`` names, confined to the site's root folder."""
    if site.base is None or site.root is None:
        raise site.fail(
            f"the theme file '{ref}' is relative to the spec's folder, which is not known "
            "here; load the spec from a file (the command line does) or pass base_dir"
        )
    shown = site.shown(ref)
    target = confine(site.base, ref, site.root)
    if isinstance(target, Refused):
        raise site.fail(_refusal(target, ref, shown, site.root_label))
    try:
        located = replace(read_spec(target, limits=site.limits), filename=shown)
    except SpecError as error:
        raise SpecError([replace(p, file=shown) for p in error.problems]) from None
    layer = _layer_of(validate(theme_override(), located), located, (), shown)
    return _with_assets(layer, target.parent, site.root, site.limits), target


def _with_assets(layer: _Layer, folder: Path | None, root: Path | None, limits: Limits) -> _Layer:
    """``layer`` with the brand font it names found and checked (files next to it, confined
    to ``root``, or a fontconfig family); a layer naming none is returned as it is."""
    logo = (layer.data.get("logo") or {}).get("file")
    if logo:
        if folder is None or root is None:
            raise SpecError([layer.problem(_NO_FOLDER.format("a logo"), ("logo", "file"))])
        from .logo import read_logo  # here: a run without a logo never loads the sanitiser

        art = read_logo(folder, logo, root, limits, layer.located, (*layer.prefix, "logo", "file"))
        layer = replace(layer, logo=art)
    typo = layer.data.get("typography") or {}
    files, family = typo.get("files"), typo.get("fontconfig")
    at_typo = (*layer.prefix, "typography")
    if files and family:
        message = "name the brand font by typography.files or typography.fontconfig, not both"
        raise SpecError([layer.problem(message, ("typography", "fontconfig"))])
    if family:
        return replace(
            layer, fonts=fontconfig_fonts(family, layer.located, (*at_typo, "fontconfig"))
        )
    if not files:
        return layer
    if folder is None or root is None:
        raise SpecError([layer.problem(_NO_FOLDER.format("font files"), ("typography", "files"))])
    fonts = theme_fonts(files, folder, root, limits, layer.located, (*at_typo, "files"))
    return replace(layer, fonts=fonts)


def _refusal(refused: Refused, ref: str, shown: str, root_label: str) -> str:
    """Why a theme file cannot be used, in the words theme messages have always used."""
    if refused.kind == "outside":
        return (
            f"the theme file '{ref}' resolves outside {root_label}; theme files must "
            f"be in {root_label} or below it"
        )
    if refused.kind == "missing":
        return f"the theme file '{shown}' does not exist"
    return f"the theme file '{shown}' {refused.why}"


# A theme already on the chain: its identity (real path or builtin name) and shown name.
_Seen = tuple[tuple[str, str], ...]


def _chain(ref: str, site: _Site, seen: _Seen = ()) -> list[_Layer]:
    """The layers ``ref`` stands for, base first: default, its ``extends`` chain, itself."""
    if len(seen) >= MAX_CHAIN:
        raise site.fail(f"themes extend each other more than {MAX_CHAIN} deep")
    if THEME_NAME.fullmatch(ref):
        key, layer, folder = f"builtin:{ref}", _builtin_layer(ref), None
    elif site.layer is not None and site.layer.filename.startswith("journeygraphic/"):
        raise site.fail("a built-in theme can only extend another built-in theme")
    else:
        layer, path = _file_layer(site, ref)
        key, folder = str(path), path.parent
    here = (key, ref if THEME_NAME.fullmatch(ref) else layer.filename)
    if key in (k for k, _ in seen):
        loop = " -> ".join(name for _, name in (*seen, here))
        raise site.fail(f"themes extend each other in a cycle: {loop}")
    parent = layer.data.get("extends")
    if parent is None:
        base = [] if ref == "default" else _chain("default", site, (*seen, here))
        return [*base, layer]
    shown_base = os.path.dirname(layer.filename)
    next_site = _Site(
        layer, ("extends",), folder, site.root, shown_base, site.root_label, site.limits
    )
    return [*_chain(parent, next_site, (*seen, here)), layer]


# --------------------------------------------------------------------------- merging


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _combine(layers: list[_Layer]) -> Theme:
    data: dict[str, Any] = {}
    for layer in layers:
        data = _merge(data, {k: v for k, v in layer.data.items() if k != "extends"})
    data = copy.deepcopy(data)  # the merge shares the (cached) layers' dicts: derive on a copy
    _follow(data, layers)
    return _with_logo(_branded(Theme.model_validate(data), layers), layers)


def _with_logo(theme: Theme, layers: list[_Layer]) -> Theme:
    """``theme`` with the art of the logo the last layer to set ``logo`` read."""
    art = next((layer.logo for layer in reversed(layers) if "logo" in layer.data), None)
    if theme.logo is None or art is None:
        return theme
    logo = theme.logo.model_copy()
    logo._art = art
    return theme.model_copy(update={"logo": logo})


_NO_FOLDER = (
    "{} named in a theme are found relative to the spec's folder, which is not known here; "
    "load the spec from a file (the command line does) or pass base_dir"
)
_FONT_KEYS = ("regular_font", "bold_font", "files", "fontconfig")


def _branded(theme: Theme, layers: list[_Layer]) -> Theme:
    """``theme`` drawing with the brand font the last layer to choose a font named, if
    any: its checked files become ``regular_font``/``bold_font``, and its family is the
    CSS family unless that layer or a later one sets ``family`` itself."""
    fonts: BrandFonts | None = None
    own_family = False
    for layer in layers:
        typo = layer.data.get("typography") or {}
        if layer.fonts is not None:
            fonts, own_family = layer.fonts, "family" in typo
        elif any(key in typo for key in _FONT_KEYS):
            fonts = None
        else:
            own_family = own_family or "family" in typo
    if fonts is None:
        return theme
    update = {"regular_font": fonts.regular, "bold_font": fonts.bold}
    if not own_family:
        update["family"] = f"'{fonts.family}', sans-serif"
    typography = theme.typography.model_copy(update=update)
    return theme.model_copy(update={"typography": typography})


_RULES = {rule.token: rule for rule in FOLLOWS}


def _follow(data: dict[str, Any], layers: list[_Layer]) -> None:
    """Re-derive each following token (:data:`FOLLOWS`) whose source, or a colour it must
    read on, was set by a later layer than the token itself."""
    for rule in FOLLOWS:
        at = _set_at(layers, _split(rule.token))
        source_at = max(_setter(layers, _split(p))[0] for p in (rule.source, *rule.on))
        source = _get(data, _split(rule.source))
        parent = _get(data, _split(rule.token)[:-1])
        if source_at <= at or not isinstance(source, str) or not isinstance(parent, dict):
            continue
        on = tuple(c for c in (_get(data, _split(p)) for p in rule.on) if isinstance(c, str))
        parent[_split(rule.token)[-1]] = follow(rule.how, source, on)


def _split(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _set_at(layers: list[_Layer], path: tuple[str, ...]) -> int:
    """The index of the last layer that set the token at ``path``; -1: none did."""
    for index in range(len(layers) - 1, -1, -1):
        if _get(layers[index].data, path) is not None:
            return index
    return -1


def _setter(layers: list[_Layer], path: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    """Which layer decided the token at ``path`` (its index, -1: none) and at which token:
    itself, or for a following token whose source was set later, where that was set."""
    found = (_set_at(layers, path), path)
    rule = _RULES.get(".".join(path))
    if rule is not None:
        for source in (rule.source, *rule.on):
            decided = _setter(layers, _split(source))
            if decided[0] > found[0]:
                found = decided
    return found


def _origin(layers: list[_Layer], path: tuple[str, ...]) -> tuple[int, _Layer, tuple[str, ...]]:
    """The layer that decided the token at ``path`` (default: the first), its index and the
    token it was written at (a following token's source, when that decided it)."""
    index, where = _setter(layers, path)
    return max(index, 0), layers[max(index, 0)], where


# --------------------------------------------------------------------------- public API


@lru_cache(maxsize=len(BUILTIN_THEMES))
def builtin_theme(name: str = "default") -> Theme:
    """A theme shipped inside the package, with its ``extends`` chain applied.

    Raises:
        ValueError: ``name`` is not a built-in theme.
    """
    if name not in BUILTIN_THEMES:
        raise ValueError(unknown_theme(name))
    return _combine(_chain(name, _Site(None, (), None, None)))


def builtin_descriptions() -> dict[str, str]:
    """Each built-in theme's name and one-line description, in listing order."""
    return {name: builtin_theme(name).description for name in BUILTIN_THEMES}


def resolve_theme(
    journey: Journey | None = None,
    *,
    choice: str | os.PathLike[str] | None = None,
    spec: Located | None = None,
    base_dir: str | os.PathLike[str] | None = None,
    accept_low_contrast: bool = False,
    limits: Limits | None = None,
) -> Theme:
    """The theme to draw ``journey`` with, layered, validated and contrast-checked.

    Args:
        journey: Its ``theme:`` names a built-in theme, a theme file relative to the spec's
            folder, or inline overrides (``{extends: expert, palette: {accent: ...}}``).
        choice: A built-in name or a theme file path (relative to the current folder) that
            replaces the journey's theme entirely, as ``--theme`` does.
        spec: The spec as read by the loader: locates problems in the spec and gives the
            spec's folder, which theme files must stay inside.
        base_dir: The spec's folder, when ``spec`` is not given.
        accept_low_contrast: Use a theme even if a pair misses WCAG 2.1 AA.
        limits: What theme files are held to (size, depth), as the spec is.

    Raises:
        SpecError: A theme file is missing, unreadable, outside the spec's folder, invalid
            or in an ``extends`` cycle, or the theme fails the contrast check; each problem
            located where it was written.
    """
    layers = _layers(journey, choice, spec, base_dir, limits or Limits())
    theme = _combine(layers)
    if not accept_low_contrast:
        require_contrast(theme, layers)
    return theme


def _layers(
    journey: Journey | None,
    choice: str | os.PathLike[str] | None,
    spec: Located | None,
    base_dir: str | os.PathLike[str] | None,
    limits: Limits,
) -> list[_Layer]:
    if choice is not None:
        ref, chosen = _chosen(os.fspath(choice))
        return _chain(ref, replace(chosen, limits=limits))
    setting = journey.theme if journey is not None else None
    spec_layer = _Layer({}, spec, (), spec.filename if spec else "<spec>")
    folder = _spec_folder(spec, base_dir)
    shown_base = os.path.dirname(spec.filename) if spec else ""
    site = _Site(spec_layer, ("theme",), folder, folder, shown_base, limits=limits)
    if setting is None:
        return _chain("default", site)
    if isinstance(setting, str):
        return _chain(setting, site)
    override = _with_assets(
        _layer_of(setting, spec, ("theme",), spec_layer.filename), folder, folder, limits
    )
    return [
        *_chain(
            override.data.get("extends") or "default", replace(site, path=("theme", "extends"))
        ),
        override,
    ]


def _chosen(choice: str) -> tuple[str, _Site]:
    """A theme given by the caller: a built-in name, else a file path (its folder is root)."""
    if THEME_NAME.fullmatch(choice) and choice in BUILTIN_THEMES:
        return choice, _Site(None, (), None, None)
    if THEME_NAME.fullmatch(choice) or PurePosixPath(choice).suffix.lower() not in THEME_SUFFIXES:
        raise SpecError([Problem(unknown_theme(choice), "--theme")])
    path = Path(choice)
    folder = path.parent
    caller = _Layer({}, None, (), "--theme")
    label = "the folder of the --theme file"
    return path.name, _Site(caller, (), folder, folder, str(folder), label)


def _spec_folder(spec: Located | None, base_dir: str | os.PathLike[str] | None) -> Path | None:
    if base_dir is not None:
        return Path(base_dir)
    if spec is not None and not spec.filename.startswith("<"):
        return Path(spec.filename).parent
    return None


def require_contrast(theme: Theme, layers: list[_Layer] | None = None) -> None:
    """Refuse ``theme`` if any text or graphic pair misses WCAG 2.1 AA.

    Each problem names the pair, both colours, the ratio and the rule, and is located at the
    token the most specific layer set (so an override in a spec is blamed in the spec).

    Raises:
        SpecError: One problem per failing pair.
    """
    found = failures(theme)
    if not found:
        return
    problems = []
    for finding in found:
        message = f"low contrast: {finding.sentence()} (or accept it with --accept-low-contrast)"
        problems.append(_blame(theme, layers, finding.pair.fg, finding.pair.bg, message))
    raise SpecError(problems)


def _blame(
    theme: Theme,
    layers: list[_Layer] | None,
    fg: tuple[str, ...],
    bg: tuple[str, ...],
    message: str,
) -> Problem:
    if not layers:
        return Problem(message, f"<theme {theme.name}>", path=".".join(fg))
    fg_index, fg_layer, fg_at = _origin(layers, fg)
    bg_index, bg_layer, bg_at = _origin(layers, bg)
    layer, path, at = (fg_layer, fg, fg_at) if fg_index >= bg_index else (bg_layer, bg, bg_at)
    if at != path:  # a following token: blamed where the colour it follows was set
        message += f"; {'.'.join(path)} follows {'.'.join(at)}, set here"
    return layer.problem(message, at)


__all__ = [  # and, as before tokens.py, the names callers of this module used most
    "BUILTIN_THEMES",
    "Theme",
    "builtin_descriptions",
    "builtin_theme",
    "require_contrast",
    "resolve_theme",
    "theme_override",
]

"""journeygraphic: turn a journey spec (YAML or JSON) into an infographic.

    >>> import journeygraphic as jg
    >>> journey = jg.load("specs/az400.yaml")
    >>> svg = jg.render(journey, "svg", layout="vertical", width=800, theme="dark")

The public API (details below, and in the API reference of the docs site):

Reading
    load(path), loads(text) -> Journey      read and validate a spec; SpecError if wrong
    read_progress(path, journey)            one learner's progress (done/current/skipped)
Drawing
    render(journey, fmt, options=None, **options) -> bytes
                                            fmt: svg, png, pdf, md (outline), txt
    build_scene(journey, ...) -> Scene      the backend-neutral shapes, e.g. for tests
    RenderOptions(layout, theme, width, scale, strict, progress, embed_fonts, limits, ...)
    builtin_theme(name) -> Theme; Theme     themes are data, checked for contrast
    Limits                                  the safety limits every input is held to
In Jupyter
    a Journey displays as its SVG; journey.show(layout=, theme=, width=, progress=)
Errors and warnings
    SpecError (each Problem located file:line:col), RenderError
    LayoutWarning: WidthWarning (drawn wider than asked), ShortenedWarning (ellipsis)
    ThemeWarning: a theme file uses an old token name (it still loads)
The model (pydantic, frozen), to build journeys in Python
    Journey, Header, Phase, Step, Choice, Option, AllOf, Bullets, Callout, Exam,
    Certification, CallToAction, Entry, Link, Footer, Progress
Integrations
    journeygraphic.sphinx (extension), journeygraphic.mkdocs (plugin), the command line
    ``python -m journeygraphic --help``

>>> mine = jg.read_progress("examples/progress.yaml", journey)
>>> png = jg.render(journey, "png", progress=mine)
>>> options = jg.RenderOptions(layout="vertical", width=800, theme="dark")
>>> jg.render(journey, "svg", options) == svg
True
"""

from __future__ import annotations

from . import jupyter as _jupyter  # noqa: F401  (gives Journey its Jupyter pictures)
from ._pipeline import build_scene, render
from ._version import __version__
from .errors import (
    LayoutWarning,
    Problem,
    RenderError,
    ShortenedWarning,
    SpecError,
    ThemeWarning,
    WidthWarning,
)
from .limits import Limits
from .model import (
    AllOf,
    Bullets,
    Callout,
    CallToAction,
    Certification,
    Choice,
    Entry,
    Exam,
    Footer,
    Header,
    Journey,
    Link,
    Option,
    Phase,
    Progress,
    Step,
)
from .options import RenderOptions
from .scene import Scene
from .spec import load, loads, read_progress
from .theme import Theme, builtin_theme

__all__ = [
    "AllOf",
    "Bullets",
    "CallToAction",
    "Callout",
    "Certification",
    "Choice",
    "Entry",
    "Exam",
    "Footer",
    "Header",
    "Journey",
    "LayoutWarning",
    "Limits",
    "Link",
    "Option",
    "Phase",
    "Problem",
    "Progress",
    "RenderError",
    "RenderOptions",
    "Scene",
    "ShortenedWarning",
    "SpecError",
    "Step",
    "Theme",
    "ThemeWarning",
    "WidthWarning",
    "__version__",
    "build_scene",
    "builtin_theme",
    "load",
    "loads",
    "read_progress",
    "render",
]

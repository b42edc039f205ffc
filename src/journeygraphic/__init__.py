"""journeygraphic: turn a journey spec into a polished infographic.

>>> import journeygraphic as jg
>>> journey = jg.load("specs/az400.yaml")
>>> svg = jg.render(journey, "svg")
>>> mine = jg.read_progress("examples/progress.yaml", journey)
>>> png = jg.render(journey, "png", progress=mine)
>>> options = jg.RenderOptions(layout="vertical", width=800, theme="dark")
>>> same = jg.render(journey, "svg", options) == jg.render(journey, "svg", layout="vertical",
...                                                      width=800, theme="dark")
"""

from __future__ import annotations

from . import jupyter as _jupyter  # noqa: F401  (gives Journey its Jupyter pictures)
from ._pipeline import build_scene, render
from ._version import __version__
from .errors import Problem, RenderError, SpecError
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
    "Limits",
    "Link",
    "Option",
    "Phase",
    "Problem",
    "Progress",
    "RenderError",
    "RenderOptions",
    "Scene",
    "SpecError",
    "Step",
    "Theme",
    "__version__",
    "build_scene",
    "builtin_theme",
    "load",
    "loads",
    "read_progress",
    "render",
]

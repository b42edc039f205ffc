"""journeygraphic: turn a journey spec into a polished infographic.

>>> import journeygraphic as jg
>>> journey = jg.load("specs/az400.yaml")
>>> svg = jg.render(journey, "svg")
>>> mine = jg.read_progress("examples/progress.yaml", journey)
>>> png = jg.render(journey, "png", progress=mine)
"""

from __future__ import annotations

from ._pipeline import build_scene, render
from .errors import LayoutWarning, Problem, RenderError, ShortenedWarning, SpecError, WidthWarning
from .limits import Limits
from .loader import load, loads, read_progress
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
from .scene import Scene
from .theme import Theme, builtin_theme

__version__ = "0.1.0"

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
    "Scene",
    "ShortenedWarning",
    "SpecError",
    "Step",
    "Theme",
    "WidthWarning",
    "__version__",
    "build_scene",
    "builtin_theme",
    "load",
    "loads",
    "read_progress",
    "render",
]

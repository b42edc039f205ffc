"""journeygraphic: turn a journey spec into a polished infographic.

>>> import journeygraphic as jg
>>> journey = jg.load("specs/az400.yaml")
>>> svg = jg.render(journey, "svg")
"""

from __future__ import annotations

from ._pipeline import build_scene, render
from .errors import Problem, RenderError, SpecError
from .limits import Limits
from .loader import load, loads
from .model import (
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
    Step,
)
from .scene import Scene
from .theme import Theme, builtin_theme

__version__ = "0.1.0"

__all__ = [
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
    "RenderError",
    "Scene",
    "SpecError",
    "Step",
    "Theme",
    "__version__",
    "build_scene",
    "builtin_theme",
    "load",
    "loads",
    "render",
]

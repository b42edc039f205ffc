"""journeygraphic: turn a journey spec into a polished infographic.

>>> import journeygraphic as jg
>>> journey = jg.load("specs/az400.yaml")
>>> svg = jg.render(journey, "svg")
>>> mine = jg.read_progress("examples/progress.yaml", journey)
>>> png = jg.render(journey, "png", progress=mine)
"""

from __future__ import annotations

from ._pipeline import build_scene, render
from .errors import Problem, RenderError, SpecError
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

try:  # written by setuptools-scm from the git tag when the package is built or installed
    from ._version import __version__
except ImportError:  # pragma: no cover - a source tree that was never installed
    __version__ = "0.0.0+unknown"

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

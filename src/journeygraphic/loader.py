"""The first name of the reading side, kept so ``journeygraphic.loader.read_progress`` and
friends keep working: it is :mod:`journeygraphic.spec`'s public API, nothing more."""

from __future__ import annotations

from .spec import *  # noqa: F403  (the whole public API of the spec package, by its __all__)
from .spec import __all__  # noqa: F401  (the same names, exported)

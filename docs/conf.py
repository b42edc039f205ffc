"""Sphinx configuration of the journeygraphic docs site: the API reference (autodoc, from
the docstrings) and the gallery. Built with ``sphinx-build -W -b html docs docs/_build``;
tests/test_docs.py builds it the same way, so CI does on every run."""

from __future__ import annotations

project = "journeygraphic"
author = "The journeygraphic developers"
extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",  # Google-style docstrings
    "journeygraphic.sphinx",  # the gallery draws a journey with our own directive
]
napoleon_google_docstring = True
napoleon_numpy_docstring = False
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
# pydantic models list their fields; the BaseModel machinery would drown them
autodoc_inherit_docstrings = False
exclude_patterns = ["_build"]
html_theme = "alabaster"
nitpicky = False
journeygraphic_spec_roots = ["../specs"]  # the specs live beside docs/, in the repository

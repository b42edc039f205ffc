"""``python -m journeygraphic``."""

from .cli import run

run()

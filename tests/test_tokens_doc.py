"""The token reference (docs/tokens.md) is generated from the theme model: the committed page
equals what tools/tokens_doc.py writes, and it lists every token with what it paints."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from journeygraphic.theme import builtin_theme
from journeygraphic.tokens import FOLLOWS, Palette

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "tokens.md"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tokens_doc", ROOT / "tools" / "tokens_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_reference_is_the_generated_one() -> None:
    assert PAGE.read_text(encoding="utf-8") == _tool().markdown(), (
        "docs/tokens.md is stale; run python tools/tokens_doc.py"
    )


def test_every_palette_token_says_what_it_paints_and_its_default() -> None:
    page = PAGE.read_text(encoding="utf-8")
    default = builtin_theme().palette
    for name, info in Palette.model_fields.items():
        assert info.description, name
        row = f"| `palette.{name}` | {info.description} | `{getattr(default, name)}` |"
        assert row in page, name


def test_every_following_token_is_listed_with_its_source() -> None:
    page = PAGE.read_text(encoding="utf-8")
    for rule in FOLLOWS:
        assert rule.said() in page, rule.token


def test_the_readme_links_the_reference() -> None:
    assert "(docs/tokens.md)" in (ROOT / "README.md").read_text(encoding="utf-8")

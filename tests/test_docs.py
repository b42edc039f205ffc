"""The docs site (docs/): the API reference from the docstrings and the gallery build with
``sphinx-build -W``, so a broken docstring or a missing gallery picture fails CI; and
``help(journeygraphic)`` opens with the public API."""

from __future__ import annotations

import pydoc
import re
import subprocess
import sys
from pathlib import Path

import pytest

import journeygraphic as jg

pytest.importorskip("sphinx")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(ROOT / "docs"), str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_the_api_reference_documents_every_public_name(site: Path) -> None:
    page = (site / "api.html").read_text("utf-8")
    documented = set(re.findall(r'id="journeygraphic\.(\w+)"', page))
    wanted = {"load", "loads", "read_progress", "render", "build_scene", "RenderOptions"}
    wanted |= {"Journey", "Phase", "Step", "Choice", "SpecError", "RenderError"}
    assert wanted <= documented
    assert "The journey drawn with these options, for Jupyter to display." in page


def test_the_gallery_shows_the_committed_pictures_and_a_drawn_one(site: Path) -> None:
    page = (site / "gallery.html").read_text("utf-8")
    committed = sorted(p.name for p in (ROOT / "examples" / "gallery").glob("*.svg"))
    shown = sorted(set(re.findall(r'src="_images/([\w-]+\.svg)"', page)) - {""})
    assert [name for name in committed if name not in shown] == []
    assert re.search(r'<img src="_images/journeygraphic-[0-9a-f]{32}\.svg"', page)
    assert '<div class="journeygraphic-text' in page


def test_help_opens_with_the_public_api() -> None:
    text = pydoc.render_doc(jg, renderer=pydoc.plaintext)
    head = "\n".join(text.splitlines()[:60])
    assert head.index("DESCRIPTION") < head.index("The public API")
    names = [name for name in jg.__all__ if name != "__version__"]
    assert [name for name in names if not re.search(rf"\b{name}\b", head)] == []

"""The layers hold: import-linter checks the contracts in pyproject.toml ([tool.importlinter])."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")  # from the 'test' extra


def _lint(*args: str) -> subprocess.CompletedProcess[str]:
    command = [str(LINT_IMPORTS), "--no-cache", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_every_import_contract_is_kept() -> None:
    result = _lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 broken." in result.stdout and "BROKEN" not in result.stdout


def test_a_layer_imported_from_below_breaks_the_contract(tmp_path: Path) -> None:
    # The layouts import the scene, so a config that puts the scene above them must fail:
    # proof that a broken contract fails this test run rather than passing silently.
    config = tmp_path / "upside-down.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "journeygraphic"\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "upside down"\ntype = "layers"\n'
        'containers = ["journeygraphic"]\nlayers = ["scene", "layout"]\n',
        encoding="utf-8",
    )
    result = _lint("--config", str(config))
    assert result.returncode == 1
    assert "BROKEN" in result.stdout
    assert "journeygraphic.layout is not allowed to import journeygraphic.scene" in result.stdout

"""The benchmark script runs end to end (one repetition); its figures are not judged here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def test_benchmark_smoke_run_prints_a_table() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for row in ("cold CLI az400 -> SVG", "in-process layout", "generated 1000 steps"):
        assert row in result.stdout

"""Byte-identical output for the same input and version, run after run.

Every spec in specs/ is rendered twice, by two separate ``python -m journeygraphic``
processes with different hash seeds (so nothing may depend on set or dict order across
runs), and the bytes are compared. The PNGs must carry no time or date chunks.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DATE = re.compile(rb"date|time", re.IGNORECASE)  # e.g. "Creation Time", "date:create"
TIMESTAMP = re.compile(rb"\d\d:\d\d:\d\d")


def render_all(folder: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    for argv in (
        ["specs/", "-o", f"{folder}/", "--format", "svg,png"],
        ["specs/az400.yaml", "-o", f"{folder}/", "--format", "pdf,md,txt"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "journeygraphic", *argv, "-q"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    render_all(first, "1")
    render_all(second, "2")
    return first, second


def test_two_runs_write_the_same_bytes(two_runs: tuple[Path, Path]) -> None:
    first, second = two_runs
    made = sorted(p.name for p in first.iterdir())
    expected = [f"{s.stem}.{fmt}" for s in SPECS for fmt in ("png", "svg")]
    assert set(made) == set(expected) | {"az400.pdf", "az400.md", "az400.txt"}
    assert sorted(p.name for p in second.iterdir()) == made
    differ = [name for name in made if (first / name).read_bytes() != (second / name).read_bytes()]
    assert differ == [], f"not byte-identical across runs: {differ}"


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data.startswith(PNG_SIGNATURE)
    chunks, at = [], len(PNG_SIGNATURE)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        chunks.append((data[at + 4 : at + 8], data[at + 8 : at + 8 + length]))
        at += 12 + length
    return chunks


def test_pngs_carry_no_time(two_runs: tuple[Path, Path]) -> None:
    for png in sorted(two_runs[0].glob("*.png")):
        chunks = png_chunks(png.read_bytes())
        kinds = [kind for kind, _ in chunks]
        assert b"tIME" not in kinds, png.name
        assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
        for kind, body in chunks:
            if kind in (b"tEXt", b"zTXt", b"iTXt"):
                key, _, value = body.partition(b"\0")
                assert not DATE.search(key), (png.name, key)
                assert not TIMESTAMP.search(value), (png.name, key, value)


def test_svgs_carry_no_time(two_runs: tuple[Path, Path]) -> None:
    for svg in sorted(two_runs[0].glob("*.svg")):
        text = svg.read_bytes()
        assert not TIMESTAMP.search(text), svg.name

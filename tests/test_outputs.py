"""Where pictures may be written (issue 16): never over something that is not a picture.

A new path or a regular file is written beside it and renamed into place (keeping the
file's mode, or taking the umask's); stdout, FIFOs and the null device are written
through; symbolic links to anything else, folders, sockets and other devices are refused
with exit 2; a batch never writes over one of its own inputs.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeygraphic._batch import UsageError, output_kind, write_atomic
from journeygraphic.cli import main

MINIMAL = "header:\n  title: T\nphases:\n  - caption: Start\n    steps:\n      - title: Go\n"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "s.yaml"
    path.write_text(MINIMAL, "utf-8")
    return path


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_regular_file_keeps_its_mode(spec: Path) -> None:
    out = spec.parent / "out.svg"
    out.write_text("old", "utf-8")
    out.chmod(0o600)
    assert main([str(spec), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"<?xml")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_a_new_file_gets_the_umask(spec: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        assert main([str(spec), "-o", "new.svg"]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((spec.parent / "new.svg").stat().st_mode) == 0o666 & ~umask


def test_a_symlink_is_refused_and_its_target_untouched(
    spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = spec.parent / "victim.txt"
    victim.write_text("precious", "utf-8")
    link = spec.parent / "out.svg"
    link.symlink_to(victim)
    assert main([str(spec), "-o", str(link)]) == 2
    assert "is a symbolic link" in capsys.readouterr().err
    assert link.is_symlink() and victim.read_text("utf-8") == "precious"


def test_a_symlink_in_a_batch_folder_is_refused_the_others_written(
    spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (spec.parent / "other.yaml").write_text(MINIMAL, "utf-8")
    out = spec.parent / "out"
    out.mkdir()
    victim = spec.parent / "victim.txt"
    victim.write_text("precious", "utf-8")
    (out / "s.svg").symlink_to(victim)
    assert main([str(spec), str(spec.parent / "other.yaml"), "-o", str(out)]) == 2
    assert "out/s.svg': it is a symbolic link" in capsys.readouterr().err
    assert victim.read_text("utf-8") == "precious"
    assert (out / "other.svg").read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/full", "/dev/random"])
def test_other_devices_are_refused(
    spec: Path, device: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} is missing")
    assert main([str(spec), "-o", device, "--format", "svg"]) == 2
    assert "it is a device" in capsys.readouterr().err


def test_the_null_device_is_written_through_not_replaced(spec: Path) -> None:
    before = os.stat(os.devnull)
    assert main([str(spec), "-o", os.devnull, "--format", "svg"]) == 0
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_folder_and_a_socket_are_refused(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UsageError, match="it is a folder"):
        output_kind(spec.parent)
    path = spec.parent / "sock.svg"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert main([str(spec), "-o", str(path)]) == 2
    assert "it is a socket" in capsys.readouterr().err


@needs_fifo
def test_a_fifo_is_written_through_to_its_reader(spec: Path) -> None:
    fifo = spec.parent / "pipe.svg"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    time.sleep(0.2)  # the reader must be waiting: a FIFO nobody reads is an error
    assert main([str(spec), "-o", str(fifo)]) == 0
    reader.join(10)
    assert received and received[0].startswith(b"<?xml")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@needs_fifo
def test_a_fifo_nobody_reads_is_an_error_not_a_hang(
    spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = spec.parent / "pipe.svg"
    os.mkfifo(fifo)
    started = time.perf_counter()
    assert main([str(spec), "-o", str(fifo)]) == 2
    assert time.perf_counter() - started < 5
    assert "no process is reading the FIFO" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="needs /dev/stdout")
@pytest.mark.parametrize("into", ["pipe", "file"])
def test_dev_stdout_is_written_like_dash_o_dash(spec: Path, into: str) -> None:
    argv = [sys.executable, "-m", "journeygraphic", str(spec), "-o", "/dev/stdout", "-f", "svg"]
    if into == "pipe":
        result = subprocess.run(argv, capture_output=True, timeout=60, check=False)
        code, data = result.returncode, result.stdout
    else:
        target = spec.parent / "redirected.svg"
        with target.open("wb") as handle:
            code = subprocess.run(argv, stdout=handle, timeout=60, check=False).returncode
        data = target.read_bytes()
    assert code == 0 and data.startswith(b"<?xml") and data.rstrip().endswith(b"</svg>")
    assert not [name for name in entries(spec.parent) if name.endswith(".tmp")]


def test_a_batch_refuses_to_write_over_its_own_inputs(
    spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journey = spec.parent / "journey.txt"
    journey.write_text(MINIMAL, "utf-8")
    before = entries(spec.parent)
    assert main([str(journey), str(spec), "-o", ".", "--format", "txt"]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert journey.read_text("utf-8") == MINIMAL and entries(spec.parent) == before


def test_a_progress_or_theme_file_is_an_input_too(
    spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    progress = spec.parent / "progress.md"
    progress.write_text("steps: {}\n", "utf-8")
    assert main([str(spec), "-o", str(progress), "--progress", str(progress)]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert progress.read_text("utf-8") == "steps: {}\n"
    theme = spec.parent / "theme.yaml"
    theme.write_text("palette: {}\n", "utf-8")
    assert main([str(spec), "-o", str(theme), "-f", "svg", "--theme", str(theme)]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert theme.read_text("utf-8") == "palette: {}\n"


def test_a_hard_link_to_an_input_is_refused(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.link(spec, spec.parent / "alias.svg")
    assert main([str(spec), "-o", "alias.svg"]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert spec.read_text("utf-8") == MINIMAL


def test_write_atomic_itself_refuses_what_it_cannot_replace(tmp_path: Path) -> None:
    """The docs integrations' picture cache writes through write_atomic too."""
    link = tmp_path / "cached.svg"
    link.symlink_to(tmp_path / "elsewhere.svg")
    with pytest.raises(UsageError, match="symbolic link"):
        write_atomic(link, b"x")
    assert not (tmp_path / "elsewhere.svg").exists()
    with pytest.raises(UsageError, match="not a regular file"):
        write_atomic(Path(os.devnull), b"x")


def test_the_docs_cache_never_follows_a_symlink(tmp_path: Path) -> None:
    from journeygraphic._embed import picture, render_cached
    from journeygraphic.options import RenderOptions

    spec = tmp_path / "s.yaml"
    spec.write_text(MINIMAL, "utf-8")
    prepared = picture(spec, RenderOptions(), "svg")
    folder = tmp_path / "cache"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", "utf-8")
    (folder / prepared.file_name("svg")).symlink_to(folder / "missing.svg")
    with pytest.raises(UsageError, match="symbolic link"):
        render_cached(prepared, folder, "svg")
    assert not (folder / "missing.svg").exists()


# --------------------------------------------------------------------------- a property

KINDS = ["new", "regular", "symlink", "dangling", "fifo", "folder", "input", "null"]


def _make(kind: str, folder: Path, spec: Path) -> str:
    """An output path of ``kind`` in ``folder``; what it is before the run."""
    path = folder / f"out-{kind}.svg"
    if kind == "regular":
        path.write_text("old", "utf-8")
    elif kind == "symlink":
        (folder / "victim.txt").write_text("precious", "utf-8")
        path.symlink_to(folder / "victim.txt")
    elif kind == "dangling":
        path.symlink_to(folder / "nowhere.svg")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "input":
        return str(spec)
    elif kind == "null":
        return os.devnull
    return str(path)


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    found = {}
    for path in folder.iterdir():
        info = os.lstat(path)
        data = path.read_bytes() if stat.S_ISREG(info.st_mode) else b""
        found[path.name] = (stat.S_IFMT(info.st_mode), data)
    return found


@needs_fifo
@settings(max_examples=24, deadline=None)
@given(kind=st.sampled_from(KINDS), umask=st.sampled_from([0o022, 0o077, 0o002]))
def test_property_outputs_never_clobber(
    tmp_path_factory: pytest.TempPathFactory, kind: str, umask: int
) -> None:
    folder = tmp_path_factory.mktemp("out")
    spec = folder / "s.yaml"
    spec.write_text(MINIMAL, "utf-8")
    target = _make(kind, folder, spec)
    before = _snapshot(folder)
    old = os.umask(umask)
    try:
        code = main([str(spec), "-o", target, "--format", "svg", "-q"])
    finally:
        os.umask(old)
    after = _snapshot(folder)
    name = Path(target).name
    assert not [n for n in after if n.endswith(".tmp")], "a temporary file was left"
    if kind in ("new", "regular"):
        assert code == 0 and after[name][1].startswith(b"<?xml")
        assert stat.S_ISREG(os.lstat(target).st_mode)
        assert before_without(after, name) == before_without(before, name)
    elif kind == "folder":  # an existing folder is where the picture goes, as <stem>.svg
        assert code == 0 and (Path(target) / "s.svg").read_bytes().startswith(b"<?xml")
        assert after == before
    else:  # refused, or written through (/dev/null): nothing in the folder changed
        assert code == (0 if kind == "null" else 2)
        assert after == before


def before_without(before: dict[str, tuple[int, bytes]], name: str) -> dict[str, object]:
    return {k: v for k, v in before.items() if k != name}

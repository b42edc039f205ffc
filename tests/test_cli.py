"""The command line, in-process through main(argv) and once through a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import journeygraphic as jg
from journeygraphic.cli import EXIT_INVALID, EXIT_OK, main
from journeygraphic.theme import BUILTIN_THEMES

ROOT = Path(__file__).resolve().parent.parent
AZ400 = ROOT / "specs" / "az400.yaml"
BROKEN = """\
header:
  title: Broken
phases:
  - caption: Start here
    steps:
      - kind: choice
        options:
          - title: Only one option
"""


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_default_writes_svg_named_after_the_spec(in_tmp: Path) -> None:
    assert main([str(AZ400)]) == EXIT_OK
    svg = (in_tmp / "az400.svg").read_text("utf-8")
    assert svg.startswith("<?xml") and "DevOps Engineer Expert" in svg


def test_png_chosen_by_extension(in_tmp: Path) -> None:
    assert main([str(AZ400), "-o", "poster.png"]) == EXIT_OK
    assert (in_tmp / "poster.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_format_overrides_extension_and_scale_doubles_pixels(in_tmp: Path) -> None:
    from PIL import Image

    assert main([str(AZ400), "-o", "a.img", "--format", "png"]) == EXIT_OK
    assert main([str(AZ400), "-o", "b.png", "--scale", "2"]) == EXIT_OK
    one, two = Image.open(in_tmp / "a.img"), Image.open(in_tmp / "b.png")
    assert two.size == (one.size[0] * 2, one.size[1] * 2)


def test_stdout_gets_only_the_bytes(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main([str(AZ400), "-o", "-"]) == EXIT_OK
    out, err = capsysbinary.readouterr()
    assert out.startswith(b"<?xml") and out.rstrip().endswith(b"</svg>")
    assert err == b""


def test_invalid_spec_exits_2_with_location_and_writes_nothing(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = in_tmp / "broken.yaml"
    spec.write_text(BROKEN, encoding="utf-8")
    assert main([str(spec)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "broken.yaml:" in err and "at least two options" in err
    assert "Traceback" not in err
    assert not (in_tmp / "broken.svg").exists()


def test_failure_never_clobbers_an_existing_output(in_tmp: Path) -> None:
    spec = in_tmp / "broken.yaml"
    spec.write_text(BROKEN, encoding="utf-8")
    old = in_tmp / "out.svg"
    old.write_text("previous picture", encoding="utf-8")
    assert main([str(spec), "-o", str(old)]) == EXIT_INVALID
    assert old.read_text("utf-8") == "previous picture"
    assert [p.name for p in in_tmp.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["missing.yaml"], "missing.yaml"),
        ([str(AZ400), "-o", "poster.gif"], "cannot tell the format"),
        ([str(AZ400), "-o", "no/such/folder/a.svg"], "does not exist"),
        ([str(AZ400), "--scale", "0"], "scale"),
        ([str(AZ400), "--format", "bmp"], "invalid choice"),
    ],
)
def test_usage_mistakes_exit_2(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    assert main(argv) == EXIT_INVALID
    assert words in capsys.readouterr().err


def test_help_is_useful(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "--format" in out and "Exit codes" in out


def test_real_subprocess(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "journeygraphic", str(AZ400), "-o", str(tmp_path / "x.svg")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.svg").stat().st_size > 1000
    bad = tmp_path / "bad.yaml"
    bad.write_text("header: [\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "journeygraphic", str(bad)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert "bad.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_a_real_process_flushes_everything_before_it_ends() -> None:
    # The command line ends without tearing the interpreter down (os._exit): what it
    # wrote to stdout and stderr must all be there, with the exit code.
    svg = subprocess.run(
        [sys.executable, "-m", "journeygraphic", str(AZ400), "-o", "-"],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    assert svg == jg.render(jg.load(AZ400), "svg")
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    listed = subprocess.run(  # print()ed, so block-buffered into a pipe
        [sys.executable, "-m", "journeygraphic", "themes"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=buffered,
    ).stdout
    assert [line.split()[0] for line in listed.splitlines()] == list(BUILTIN_THEMES)


def test_layout_flag_names_every_registered_layout(capsys: pytest.CaptureFixture[str]) -> None:
    from journeygraphic.layout import LAYOUTS

    assert main([str(AZ400), "--layout", "diagonal"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "invalid choice: 'diagonal'" in err
    assert all(f"'{name}'" in err for name in LAYOUTS)


@pytest.mark.parametrize("name", ["vertical", "compact", "auto"])
def test_layout_flag_changes_the_picture(in_tmp: Path, name: str) -> None:
    from PIL import Image

    assert main([str(AZ400), "-o", f"{name}.png", "--layout", name, "--width", "480"]) == EXIT_OK
    assert main([str(AZ400), "-o", "poster.png"]) == EXIT_OK
    width, _ = Image.open(in_tmp / f"{name}.png").size
    assert width == 480
    assert Image.open(in_tmp / "poster.png").size[0] == 1600


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from journeygraphic import __version__

    assert main(["--version"]) == EXIT_OK
    assert capsys.readouterr().out == f"journeygraphic {__version__}\n"


def test_help_documents_commands_formats_and_every_exit_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from journeygraphic.backends import FORMATS

    assert main(["--help"]) == EXIT_OK
    out = capsys.readouterr().out
    for words in ["validate", "schema", "themes", "--check", "--watch", "-q", "-v"]:
        assert words in out
    assert ", ".join(FORMATS) in " ".join(out.split())
    codes = out[out.index("Exit codes:") :]
    assert [line.split()[0] for line in codes.splitlines()[1:5]] == ["0", "1", "2", "3"]
    assert "created if missing" in out


def test_formats_come_from_the_backend_registry(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from journeygraphic import backends, cli

    assert cli.FORMATS is backends.FORMATS
    for fmt in backends.FORMATS:
        assert cli._formats(fmt) == [fmt]
    assert main([str(AZ400), "-o", "outline.txt"]) == EXIT_OK  # the extension names it
    assert "DevOps Engineer Expert" in (in_tmp / "outline.txt").read_text("utf-8")


@pytest.mark.parametrize("command", ["validate", "schema", "themes"])
def test_each_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == EXIT_OK
    assert f"usage: journeygraphic {command}" in capsys.readouterr().out


def test_ctrl_c_is_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from journeygraphic import cli

    def interrupted(argv: list[str]) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_render", interrupted)
    assert main([str(AZ400)]) == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_progress_file_is_drawn(in_tmp: Path) -> None:
    progress = ROOT / "examples" / "progress.yaml"
    assert main([str(AZ400), "-o", "plain.svg"]) == EXIT_OK
    assert main([str(AZ400), "--progress", str(progress), "-o", "marked.svg"]) == EXIT_OK
    marked = (in_tmp / "marked.svg").read_text("utf-8")
    assert "YOU ARE HERE" in marked
    assert "YOU ARE HERE" not in (in_tmp / "plain.svg").read_text("utf-8")


def test_progress_with_an_unknown_id_is_located_and_writes_nothing(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_tmp / "me.yaml").write_text("version: 1\nsteps:\n  az-20: done\n", "utf-8")
    assert main([str(AZ400), "--progress", "me.yaml", "-o", "out.svg"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "me.yaml:3:3:" in err and "did you mean 'az-204'?" in err
    assert not (in_tmp / "out.svg").exists()


def test_embed_fonts_puts_font_faces_in_the_svg(in_tmp: Path) -> None:
    assert main([str(AZ400), "--embed-fonts", "-o", "fonts.svg"]) == EXIT_OK
    assert main([str(AZ400), "-o", "plain.svg"]) == EXIT_OK
    embedded = (in_tmp / "fonts.svg").read_bytes()
    assert b"@font-face" in embedded and b"@font-face" not in (in_tmp / "plain.svg").read_bytes()


def test_missing_glyphs_are_a_plain_warning_line(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = AZ400.read_text("utf-8").replace("Engineer Expert", "Engineer Expert \U00017000")
    (in_tmp / "odd.yaml").write_text(spec, "utf-8")
    assert main(["odd.yaml", "-o", "odd.svg"]) == EXIT_OK
    err = capsys.readouterr().err
    assert "warning: odd.yaml: no font has" in err and "U+17000" in err
    assert "Warning" not in err  # not Python's file:line warning format

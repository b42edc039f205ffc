"""The command line's edges (issue 17): stdin, a reader that leaves, misspellings, help,
completion and -V. In-process through main(argv), and a few real processes."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import journeygraphic as jg
from journeygraphic import cli
from journeygraphic.cli import EXIT_BROKEN_PIPE, EXIT_INVALID, EXIT_OK, main
from journeygraphic.layout import LAYOUTS

ROOT = Path(__file__).resolve().parent.parent
AZ400 = ROOT / "specs" / "az400.yaml"


class _Stdin(io.TextIOWrapper):
    """A piped stdin (not a terminal) that remembers how many bytes were read."""

    def __init__(self, data: bytes, *, tty: bool = False) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8")
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, *, tty: bool = False) -> _Stdin:
    stream = _Stdin(data, tty=tty)
    monkeypatch.setattr(sys, "stdin", stream)
    return stream


# --------------------------------------------------------------------------- stdin


def test_dash_reads_the_spec_from_stdin_and_writes_stdout(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    _stdin(monkeypatch, AZ400.read_bytes())
    assert main(["-"]) == EXIT_OK
    out, err = capsysbinary.readouterr()
    assert out == jg.render(jg.load(AZ400), "svg")
    assert err == b"" and list(in_tmp.iterdir()) == []


def test_dash_with_an_output_file_and_format(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, AZ400.read_bytes())
    assert main(["-", "-o", "az.png", "--layout", "vertical"]) == EXIT_OK
    assert (in_tmp / "az.png").read_bytes() == jg.render(jg.load(AZ400), "png", layout="vertical")


def test_messages_name_stdin_or_the_name_given(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"header: [\n")
    assert main(["-"]) == EXIT_INVALID
    assert capsys.readouterr().err.startswith("<stdin>:2:1: this is not valid YAML")
    _stdin(monkeypatch, b"header: [\n")
    assert main(["validate", "-", "--stdin-name", "docs/az.yaml"]) == EXIT_INVALID
    assert capsys.readouterr().err.startswith("docs/az.yaml:2:1: this is not valid YAML")


def test_a_theme_file_is_found_in_the_folder_of_the_stdin_name(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = in_tmp / "docs"
    docs.mkdir()
    (docs / "mine.yaml").write_text("extends: dark\n", "utf-8")
    spec = AZ400.read_bytes() + b"theme: mine.yaml\n"
    _stdin(monkeypatch, spec)
    assert main(["-", "--stdin-name", "docs/az.yaml", "-o", "a.svg"]) == EXIT_OK
    dark = jg.render(jg.load(AZ400), "svg", theme="dark")
    assert (in_tmp / "a.svg").read_bytes() == dark
    _stdin(monkeypatch, spec)  # by default the current folder, which has no mine.yaml
    assert main(["-", "-o", "b.svg"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert err.startswith("<stdin>:") and "mine.yaml" in err
    assert not (in_tmp / "b.svg").exists()


def test_stdin_is_read_only_up_to_the_limit_and_one_byte_more(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stream = _stdin(monkeypatch, b"# padding\n" * 100_000)  # 1 MB
    assert main(["-", "--limit", "max_bytes=5000"]) == EXIT_INVALID
    assert stream.buffer.tell() == 5001
    err = capsys.readouterr().err
    assert err.startswith("<stdin>: the input is over the limit of 5,000 bytes")
    assert "--limit max_bytes=N" in err


@pytest.mark.parametrize(
    ("argv", "tty", "words"),
    [
        (["-"], True, "stdin, which is a terminal"),
        (["-", str(AZ400)], False, "cannot go with other specs"),
        (["-", "--watch", "-o", "x.svg"], False, "cannot watch stdin"),
        (["-", "-o", "out/"], False, "give --stdin-name or -o FILE"),
    ],
)
def test_stdin_forms_that_cannot_work_are_refused(
    in_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    tty: bool,
    words: str,
) -> None:
    _stdin(monkeypatch, AZ400.read_bytes(), tty=tty)
    assert main(argv) == EXIT_INVALID
    assert words in capsys.readouterr().err
    assert list(in_tmp.iterdir()) == []


def test_stdin_into_a_folder_is_named_by_stdin_name(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, AZ400.read_bytes())
    assert main(["-", "--stdin-name", "az.yaml", "-o", "out/", "-f", "svg,md"]) == EXIT_OK
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["az.md", "az.svg"]


def test_a_real_pipe_into_the_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "journeygraphic", "-", "-f", "txt"],
        input=AZ400.read_bytes(),
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == jg.render(jg.load(AZ400), "txt")


# --------------------------------------------------------------------------- closed stdout


class _GoneBuffer(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_left_is_a_quiet_141(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    gone = io.TextIOWrapper(io.BufferedWriter(_GoneBuffer()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", gone)
    for argv in (["schema"], ["themes"], [str(AZ400), "-o", "-"]):
        assert main(argv) == EXIT_BROKEN_PIPE
        assert capsys.readouterr().err == ""


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash (Debian package: bash)")
@pytest.mark.parametrize(
    "command", ["schema | true", f"{AZ400} -o - -f png | head -c 10 >/dev/null"]
)
def test_a_real_pipe_closed_early(command: str) -> None:
    script = f"{sys.executable} -m journeygraphic {command}; echo $" + "{PIPESTATUS[0]}"
    result = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.stdout.split()[-1] == "141"
    assert result.stderr == ""  # no "Broken pipe", no "Exception ignored"


# --------------------------------------------------------------------------- misspellings


def test_a_misspelt_command_renders_nothing(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = in_tmp / "specs"
    specs.mkdir()
    shutil.copy(AZ400, specs / "az400.yaml")
    assert main(["valdate", "specs/"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "'valdate' is neither a command nor a file; did you mean 'validate'?" in err
    assert sorted(p.name for p in in_tmp.iterdir()) == ["specs"]  # nothing drawn


def test_a_file_named_like_a_command_is_still_a_spec(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(AZ400, in_tmp / "valdate")
    assert main(["valdate", "-o", "out.svg"]) == EXIT_OK
    assert (in_tmp / "out.svg").is_file()
    assert main(["nosuchthing"]) == EXIT_INVALID  # far from every command: a missing file
    assert "nosuchthing: the file does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["--layout", "vertcal"],
            "journeygraphic: error: argument --layout: invalid choice: 'vertcal'; "
            "did you mean 'vertical'? (choose from 'poster', 'vertical', 'compact', 'auto')",
        ),
        (
            ["--format", "svgg"],
            "journeygraphic: error: argument -f/--format: invalid choice: 'svgg'; "
            "did you mean 'svg'? (choose from 'svg', 'png', 'pdf', 'md', 'txt')",
        ),
        (
            ["--layot", "poster"],
            "journeygraphic: error: unrecognized arguments: --layot poster; "
            "did you mean '--layout'?",
        ),
    ],
)
def test_a_wrong_value_is_one_line_with_a_did_you_mean(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], argv: list[str], line: str
) -> None:
    assert main([str(AZ400), *argv]) == EXIT_INVALID
    assert capsys.readouterr().err == line + "\n"
    assert list(in_tmp.iterdir()) == []


def test_jpg_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(AZ400), "--format", "jpg"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice: 'jpg'" in err and "usage" not in err


def test_a_missing_spec_still_shows_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert err.startswith("usage: journeygraphic") and "required: SPEC" in err


# --------------------------------------------------------------------------- help, -V


def test_width_help_states_each_layouts_own_default(capsys: pytest.CaptureFixture[str]) -> None:
    from journeygraphic.layout import compact, poster, vertical

    assert main(["--help"]) == EXIT_OK
    text = " ".join(capsys.readouterr().out.split())
    expected = (
        f"poster {poster.DEFAULT_WIDTH}, vertical {vertical.DEFAULT_WIDTH}, "
        f"compact {compact.DEFAULT_WIDTH}; auto: the poster's"
    )
    assert f"width of the picture in pixels (default: {expected})" in text
    assert "default 1600)" not in text


def test_dash_capital_v_is_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-V"]) == EXIT_OK
    assert capsys.readouterr().out == f"journeygraphic {jg.__version__}\n"


# --------------------------------------------------------------------------- completion


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_name_commands_layouts_and_themes(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("shtab", reason="needs the [completion] extra: pip install shtab")
    assert main(["completion", shell]) == EXIT_OK
    script = capsys.readouterr().out
    for word in ["validate", "schema", "themes", "serve", "completion", "--stdin-name"]:
        assert word in script
    assert all(name in script for name in LAYOUTS)
    assert "high-contrast" in script


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash (Debian package: bash)")
def test_bash_completes_commands_files_and_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("shtab", reason="needs the [completion] extra: pip install shtab")
    assert main(["completion", "bash"]) == EXIT_OK
    (tmp_path / "jg.bash").write_text(capsys.readouterr().out, "utf-8")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "az400.yaml").write_text("", "utf-8")
    words = {
        "va": "validate",
        "sp": "specs",
        "specs/a": "specs/az400.yaml",
        "x.yaml --layout v": "vertical",
        "x.yaml --theme high": "high-contrast",
        "validate --acc": "--accept-low-contrast",
        "completion f": "fish",
    }
    lines = ["source jg.bash"]
    for typed in words:
        lines.append(
            f"COMP_WORDS=(journeygraphic {typed}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); "
            "COMPREPLY=(); _shtab_journeygraphic journeygraphic "
            '"${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"; echo "${COMPREPLY[*]}"'
        )
    result = subprocess.run(
        ["bash", "-c", "\n".join(lines)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.splitlines() == list(words.values()), result.stderr


def test_completion_without_shtab_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "shtab", None)  # import shtab now raises ImportError
    assert main(["completion", "bash"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "pip install 'journeygraphic[completion]'" in err and "Traceback" not in err
    assert cli.COMPLETION_HINT in err


def test_completion_help_says_where_each_script_goes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "--help"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "bash-completion/completions/journeygraphic" in out
    assert "fish/completions/journeygraphic.fish" in out and "_journeygraphic" in out
    assert main(["completion", "tcsh"]) == EXIT_INVALID

"""Many specs at once: folders, globs, output names, --check, validate, parallel runs,
reporting, --watch and the pre-commit hook definition."""

from __future__ import annotations

import concurrent.futures
import io
import os
import re
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import entry_points
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
import yaml

from journeygraphic import _batch, cli
from journeygraphic._batch import (
    EXIT_INTERNAL,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_STALE,
    Batch,
    Job,
    Outcome,
    exit_code,
    run_jobs,
)
from journeygraphic._pipeline import Prepared
from journeygraphic._watch import INSTALL_HINT, to_render, watch, watched_paths, watchfiles_changes
from journeygraphic.cli import main
from journeygraphic.options import RenderOptions

ROOT = Path(__file__).resolve().parent.parent


def spec_text(title: str, theme: str = "") -> str:
    return (
        f"header:\n  title: {title}\n{theme}"
        "phases:\n  - caption: Start\n    steps:\n      - title: Go\n"
    )


BROKEN = spec_text("Broken").replace("      - title: Go\n", "      - kind: choice\n")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """specs/a.yaml, specs/b.yml, specs/c.json, and things a folder input must not take."""
    monkeypatch.chdir(tmp_path)
    specs = tmp_path / "specs"
    (specs / "themes").mkdir(parents=True)
    (specs / "a.yaml").write_text(spec_text("Alpha"), "utf-8")
    (specs / "b.yml").write_text(spec_text("Beta"), "utf-8")
    (specs / "c.json").write_text(
        '{"header": {"title": "Gamma"}, "phases": [{"caption": "S", "steps": [{"title": "Go"}]}]}',
        "utf-8",
    )
    (specs / "notes.txt").write_text("not a spec", "utf-8")
    (specs / ".hidden.yaml").write_text("not: [a spec", "utf-8")
    (specs / "themes" / "mine.yaml").write_text("extends: dark\n", "utf-8")
    (specs / "empty").mkdir()
    return tmp_path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- inputs and output names -------------------------------------------------------------------


def test_folder_renders_its_specs_in_every_format_into_a_new_folder(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["specs", "-o", "out/img", "--format", "svg,md"]) == EXIT_OK
    assert names(tree / "out" / "img") == [
        "a.md", "a.svg", "b.md", "b.svg", "c.md", "c.svg",
    ]  # fmt: skip
    assert "Beta" in (tree / "out" / "img" / "b.md").read_text("utf-8")
    err = capsys.readouterr().err
    assert re.fullmatch(r"6 written, 0 unchanged, 0 failed in \d+\.\d s\n", err), err


def test_format_may_be_repeated_and_duplicates_count_once(tree: Path) -> None:
    assert main(["specs/a.yaml", "-o", "out/", "-f", "md", "-f", "txt,md"]) == EXIT_OK
    assert names(tree / "out") == ["a.md", "a.txt"]


def test_patterns_match_files_and_double_star_recurses(tree: Path) -> None:
    (tree / "specs" / "themes" / "deep.yaml").write_text(spec_text("Deep"), "utf-8")
    assert main(["specs/*.y*ml", "-o", "one", "-f", "md"]) == EXIT_OK
    assert names(tree / "one") == ["a.md", "b.md"]
    assert main(["specs/**/d*.yaml", "-o", "two", "-f", "md"]) == EXIT_OK
    assert names(tree / "two") == ["deep.md"]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["nothing/*.yaml", "-o", "out"], "no file matches 'nothing/*.yaml'"),
        (["specs/empty/", "-o", "out"], "holds no *.yaml"),
        (["specs", "-o", "-"], "-o - writes one spec in one format"),
        (["specs", "-o", "specs/a.yaml"], "is a file"),
        (["specs/a.yaml", "-o", "a.svg", "--format", "svg,png"], "cannot go into one file"),
        (["specs/a.yaml", "-o", "a.gif"], "cannot tell the format"),
        (["specs/a.yaml", "-o", "specs/a.yaml", "-f", "svg"], "would overwrite the input"),
        (["specs", "--check", "-o", "-"], "cannot check '-o -'"),
        (["specs", "--watch", "--check"], "does not go with --check"),
    ],
)
def test_batch_usage_mistakes_exit_2_and_write_nothing(
    tree: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    before = sorted(p.name for p in tree.rglob("*"))
    assert main(argv) == EXIT_INVALID
    assert words in capsys.readouterr().err
    assert sorted(p.name for p in tree.rglob("*")) == before


def test_two_specs_with_one_stem_are_refused_up_front(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "other").mkdir()
    (tree / "other" / "a.yaml").write_text(spec_text("Other"), "utf-8")
    assert main(["specs/a.yaml", "other/a.yaml", "-o", "out"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "'specs/a.yaml' and 'other/a.yaml' would both be written to" in err
    assert not (tree / "out").exists()


def test_a_spec_named_twice_is_rendered_once(tree: Path) -> None:
    assert main(["specs/a.yaml", "./specs/a.yaml", "specs", "-o", "out", "-f", "md"]) == 0
    assert names(tree / "out") == ["a.md", "b.md", "c.md"]


def test_one_spec_in_several_formats_goes_to_the_current_folder(tree: Path) -> None:
    assert main(["specs/a.yaml", "--format", "svg,txt"]) == EXIT_OK
    assert (tree / "a.svg").exists() and (tree / "a.txt").exists()


def test_one_spec_into_a_folder_named_with_a_slash(tree: Path) -> None:
    assert main(["specs/a.yaml", "-o", "new/"]) == EXIT_OK
    assert names(tree / "new") == ["a.svg"]


# -- writing, failing, checking ----------------------------------------------------------------


def test_unchanged_pictures_are_not_rewritten(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["specs", "-o", "out", "-f", "svg"]) == EXIT_OK
    picture = tree / "out" / "a.svg"
    os.utime(picture, ns=(1_000_000_000, 1_000_000_000))
    capsys.readouterr()
    assert main(["specs", "-o", "out", "-f", "svg"]) == EXIT_OK
    assert picture.stat().st_mtime_ns == 1_000_000_000
    assert capsys.readouterr().err.startswith("0 written, 3 unchanged, 0 failed")


def test_one_bad_spec_is_reported_and_the_others_still_written(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "specs" / "bad.yaml").write_text(BROKEN, "utf-8")
    (tree / "out").mkdir()
    (tree / "out" / "bad.svg").write_text("the old picture", "utf-8")
    assert main(["specs", "-o", "out"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert re.search(r"^specs/bad\.yaml:6:9: ", err, re.MULTILINE), err
    assert "3 written, 0 unchanged, 1 failed" in err and "Traceback" not in err
    assert names(tree / "out") == ["a.svg", "b.svg", "bad.svg", "c.svg"]
    assert (tree / "out" / "bad.svg").read_text("utf-8") == "the old picture"


def test_a_spec_fails_whole_so_its_other_formats_keep_their_old_files(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = _batch.draw

    def fail_on_txt(prepared: Prepared, fmt: str) -> bytes:
        if fmt == "txt":
            raise RuntimeError("boom")
        return real(prepared, fmt)

    monkeypatch.setattr(_batch, "draw", fail_on_txt)
    assert main(["specs/a.yaml", "specs/b.yml", "-o", "out", "-f", "md,txt"]) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom (rendering specs/a.yaml)" in err
    assert "please report it" in err and "Traceback" not in err
    assert not (tree / "out" / "a.md").exists()


def test_check_lists_stale_and_missing_pictures_writes_nothing_and_exits_1(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["specs", "-o", "out", "-f", "md"]) == EXIT_OK
    assert main(["specs", "-o", "out", "-f", "md", "--check"]) == EXIT_OK
    assert "0 stale, 3 current, 0 failed" in capsys.readouterr().err
    (tree / "out" / "a.md").write_text("edited by hand", "utf-8")
    (tree / "out" / "c.md").unlink()
    assert main(["specs", "-o", "out", "-f", "md", "--check"]) == EXIT_STALE
    err = capsys.readouterr().err
    assert "would rewrite out/a.md\n" in err and "would write out/c.md (missing)\n" in err
    assert "out/b.md" not in err and "2 stale, 1 current, 0 failed" in err
    assert (tree / "out" / "a.md").read_text("utf-8") == "edited by hand"
    assert names(tree / "out") == ["a.md", "b.md"]


def test_check_does_not_create_the_output_folder(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["specs", "-o", "nowhere", "--check", "-q"]) == EXIT_STALE
    assert capsys.readouterr().err.count("(missing)") == 3
    assert not (tree / "nowhere").exists()


def test_check_in_the_single_file_form(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["specs/a.yaml", "-o", "a.txt", "--check"]) == EXIT_STALE
    assert main(["specs/a.yaml", "-o", "a.txt"]) == EXIT_OK
    assert main(["specs/a.yaml", "-o", "a.txt", "--check"]) == EXIT_OK
    assert not (tree / "a.svg").exists()


def test_invalid_input_outranks_stale_output(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "specs" / "bad.yaml").write_text(BROKEN, "utf-8")
    assert main(["specs", "-o", "out", "--check"]) == EXIT_INVALID


def test_exit_code_is_the_worst_outcome() -> None:
    ok = Outcome("a", (("a.svg", "unchanged"),))
    stale = Outcome("b", (("b.svg", "stale"),))
    bad = Outcome("c", error="c.yaml:1:1: wrong", code=EXIT_INVALID)
    bug = Outcome("d", error="internal error", code=EXIT_INTERNAL)
    assert exit_code([ok]) == EXIT_OK
    assert exit_code([ok, stale]) == EXIT_STALE
    assert exit_code([stale, bad, ok]) == EXIT_INVALID
    assert exit_code([bug, bad, stale]) == EXIT_INTERNAL


# -- quiet, verbose, progress ------------------------------------------------------------------


def test_quiet_keeps_only_errors_and_verbose_names_every_file(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "specs" / "bad.yaml").write_text(BROKEN, "utf-8")
    assert main(["specs", "-o", "out", "-f", "md", "-q"]) == EXIT_INVALID
    assert capsys.readouterr().err.splitlines()[0].startswith("specs/bad.yaml:6:9:")
    assert main(["specs", "-o", "out", "-f", "md", "-q"]) == EXIT_INVALID
    assert "written" not in capsys.readouterr().err
    (tree / "specs" / "bad.yaml").unlink()
    (tree / "out" / "b.md").unlink()
    assert main(["specs", "-o", "out", "-f", "md", "-v"]) == EXIT_OK
    lines = capsys.readouterr().err.splitlines()
    assert lines[:3] == ["unchanged out/a.md", "wrote out/b.md", "unchanged out/c.md"]


def test_the_single_file_form_is_silent_on_success(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["specs/a.yaml", "-o", "a.svg"]) == EXIT_OK
    assert capsys.readouterr().err == ""


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def jobs_for(tree: Path, formats: tuple[str, ...] = ("md",)) -> list[Job]:
    batch = Batch(("specs",), formats, "out")
    return batch.jobs()


def test_progress_bar_only_on_a_terminal(tree: Path) -> None:
    terminal, pipe = Terminal(), io.StringIO()
    assert Batch(("specs",), ("md",), "out").run(jobs_for(tree), terminal) == EXIT_OK
    shown = terminal.getvalue()
    assert "\r[" in shown and "] 0/3" in shown and "] 2/3 specs/b.yml" in shown
    assert re.search(r"\r +\r3 written, 0 unchanged, 0 failed in \d+\.\d s\n$", shown)
    assert Batch(("specs",), ("md",), "out").run(jobs_for(tree), pipe) == EXIT_OK
    assert "\r" not in pipe.getvalue()
    quiet = Terminal()
    assert Batch(("specs",), ("md",), "out", verbosity=-1).run(jobs_for(tree), quiet) == 0
    assert quiet.getvalue() == ""


def test_progress_bar_is_cleared_before_an_error_line(tree: Path) -> None:
    (tree / "specs" / "bad.yaml").write_text(BROKEN, "utf-8")
    terminal = Terminal()
    assert Batch(("specs",), ("md",), "out").run(jobs_for(tree), terminal) == EXIT_INVALID
    assert re.search(r"\] 2/4 specs/b\.yml *\r +\rspecs/bad\.yaml:6:9: ", terminal.getvalue())


# -- parallel ----------------------------------------------------------------------------------


class CountingPool(ProcessPoolExecutor):
    """A real process pool that remembers how many workers each use asked for."""

    made: ClassVar[list[int | None]] = []

    def __init__(self, max_workers: int | None = None, **options: Any) -> None:
        CountingPool.made.append(max_workers)
        super().__init__(max_workers=max_workers, **options)


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> type[CountingPool]:
    CountingPool.made = []
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountingPool)
    return CountingPool


def test_large_batches_run_in_worker_processes_and_report_in_input_order(
    tree: Path, monkeypatch: pytest.MonkeyPatch, pool: type[CountingPool]
) -> None:
    for index in range(4):
        (tree / "specs" / f"z{index}.yaml").write_text(spec_text(f"Z{index}"), "utf-8")
    jobs = jobs_for(tree, ("md", "txt"))  # 7 specs, 14 renders
    monkeypatch.setattr(_batch, "cpu_count", lambda: 2)
    seen: list[str] = []
    outcomes = run_jobs(jobs, RenderOptions(), False, lambda outcome: seen.append(outcome.spec))
    assert pool.made == [2]
    assert seen == [job.spec for job in jobs] == [o.spec for o in outcomes]
    assert all(o.code == EXIT_OK for o in outcomes)
    assert "Z3" in (tree / "out" / "z3.txt").read_text("utf-8")


def test_small_batches_or_one_cpu_stay_in_process(
    tree: Path, monkeypatch: pytest.MonkeyPatch, pool: type[CountingPool]
) -> None:
    monkeypatch.setattr(_batch, "cpu_count", lambda: 1)
    jobs = jobs_for(tree, ("md", "txt", "svg"))
    assert exit_code(run_jobs(jobs, RenderOptions(), False, print)) == 0
    monkeypatch.setattr(_batch, "cpu_count", lambda: 4)
    assert exit_code(run_jobs(jobs_for(tree, ("md", "txt")), RenderOptions(), False, print)) == 0
    assert pool.made == []  # 9 renders on one CPU, then 6 renders: too few to fan out


# -- validate ----------------------------------------------------------------------------------


def test_validate_checks_specs_and_themes_without_drawing(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_drawing(*args: object, **kwargs: object) -> None:
        raise AssertionError("validate must not lay out or render")

    monkeypatch.setattr("journeygraphic._batch.draw", no_drawing)
    monkeypatch.setattr("journeygraphic._pipeline.scene_of", no_drawing)
    assert main(["validate", "specs"]) == EXIT_OK
    assert re.fullmatch(r"3 valid, 0 invalid in \d+\.\d s\n", capsys.readouterr().err)
    low = 'theme:\n  palette: {muted_text: "#BBBBBB"}\n'
    (tree / "specs" / "low.yaml").write_text(spec_text("Low", low), "utf-8")
    (tree / "specs" / "bad.yaml").write_text(BROKEN, "utf-8")
    assert main(["validate", "specs", "-v"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "valid specs/a.yaml" in err and "specs/bad.yaml:6:9:" in err
    assert "specs/low.yaml:4:" in err and "contrast" in err
    assert "3 valid, 2 invalid" in err
    assert main(["validate", "specs/low.yaml", "--accept-low-contrast", "-q"]) == EXIT_OK
    assert "warning: low contrast accepted" in capsys.readouterr().err
    assert sorted(p.name for p in tree.iterdir()) == ["specs"]  # nothing written


def test_validate_takes_a_theme_and_refuses_a_missing_file(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "specs/a.yaml", "--theme", "drak"]) == EXIT_INVALID
    assert "did you mean 'dark'" in capsys.readouterr().err
    assert main(["validate", "missing.yaml"]) == EXIT_INVALID
    assert "missing.yaml" in capsys.readouterr().err
    assert main(["validate"]) == EXIT_INVALID


# -- watch -------------------------------------------------------------------------------------


def test_watch_without_watchfiles_says_how_to_install_it(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "watchfiles", None)  # makes `import watchfiles` fail
    assert main(["specs", "-o", "out", "--watch"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert INSTALL_HINT in err and "pip install 'journeygraphic[watch]'" in err
    assert not (tree / "out").exists()


def test_watchfiles_bursts_become_sets_of_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, ...]] = []

    def fake_watch(*paths: str, raise_interrupt: bool) -> Iterator[set[tuple[int, str]]]:
        calls.append((paths, raise_interrupt))
        yield {(2, "specs/a.yaml"), (1, "specs/new.yaml")}

    monkeypatch.setitem(sys.modules, "watchfiles", SimpleNamespace(watch=fake_watch))
    assert list(watchfiles_changes(["specs", "themes"])) == [{"specs/a.yaml", "specs/new.yaml"}]
    assert calls == [(("specs", "themes"), False)]


def test_watched_paths_are_the_inputs_folders(tree: Path) -> None:
    found = watched_paths(
        ["specs", "specs/a.yaml", "other/x.yaml", "docs/**/*.yaml", "*.json"],
        theme="specs/themes/mine.yaml",
    )
    assert found == ["specs", "other", "docs", ".", "specs/themes"]
    assert watched_paths(["specs/a.yaml"], theme="dark") == ["specs"]


def test_to_render_picks_the_changed_spec_or_everything_for_a_theme(tree: Path) -> None:
    jobs = jobs_for(tree)
    spec = str(tree / "specs" / "b.yml")
    assert to_render({spec}, jobs) == [jobs[1]]
    assert to_render({"specs/a.yaml", "./specs/c.json"}, jobs) == [jobs[0], jobs[2]]
    assert to_render({"specs/themes/mine.yaml", spec}, jobs) == jobs
    assert to_render({"out/a.svg", "out/.a.svg.x.tmp", "specs/.a.yaml.swp.yaml"}, jobs) == []
    # a theme's font or logo: any spec may use it (our own pictures are named after specs)
    assert to_render({"specs/themes/logo.svg"}, jobs) == jobs
    assert to_render({"specs/themes/Brand.ttf", "out/b.png"}, jobs) == jobs
    assert to_render({"out/b.png", "specs/notes.txt"}, jobs) == []


def test_watch_renders_again_what_changed(tree: Path) -> None:
    specs = tree / "specs"
    out = tree / "out"
    (specs / "b.yml").write_text(spec_text("Beta", "theme: themes/mine.yaml\n"), "utf-8")

    def changes() -> Iterator[set[str]]:
        assert names(out) == ["a.txt", "b.txt", "c.txt"]  # the first round rendered all
        (specs / "a.yaml").write_text(spec_text("Alpha two"), "utf-8")
        yield {str(specs / "a.yaml")}
        assert "Alpha two" in (out / "a.txt").read_text("utf-8")
        (specs / "themes" / "mine.yaml").write_text("extends: print\n", "utf-8")
        yield {str(specs / "themes" / "mine.yaml")}
        (specs / "d.yaml").write_text(spec_text("Delta"), "utf-8")
        yield {str(specs / "d.yaml"), str(out / "a.txt")}
        (specs / "d.yaml").write_text(BROKEN, "utf-8")
        yield {str(specs / "d.yaml")}

    stream = io.StringIO()
    batch = Batch(("specs",), ("txt",), "out", RenderOptions(), verbosity=1)
    assert watch(batch, changes(), stream) == EXIT_OK
    rounds = [line for line in stream.getvalue().splitlines() if line.startswith(("wrote", "un"))]
    assert rounds == [
        "wrote out/a.txt", "wrote out/b.txt", "wrote out/c.txt",
        "wrote out/a.txt",
        "unchanged out/a.txt", "unchanged out/b.txt", "unchanged out/c.txt",  # text ignores themes
        "wrote out/d.txt",
    ]  # fmt: skip
    assert "specs/d.yaml:6:9:" in stream.getvalue()  # a failure is reported; the watch goes on
    assert "Delta" in (out / "d.txt").read_text("utf-8")


def test_watch_stops_quietly_on_ctrl_c(tree: Path) -> None:
    def interrupted() -> Iterator[set[str]]:
        raise KeyboardInterrupt
        yield set()

    stream = io.StringIO()
    assert watch(Batch(("specs",), ("md",), "out"), interrupted(), stream) == EXIT_OK
    assert "3 written" in stream.getvalue()


# -- the pre-commit hooks ----------------------------------------------------------------------


def hooks() -> list[dict[str, object]]:
    loaded = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(loaded, list)
    return loaded


def test_pre_commit_hooks_name_the_installed_entry_point() -> None:
    (script,) = entry_points(group="console_scripts", name="journeygraphic")
    assert script.load() is cli.run
    assert [hook["id"] for hook in hooks()] == ["journeygraphic", "journeygraphic-check"]
    for hook in hooks():
        assert {"id", "name", "entry", "language", "files", "args"} <= set(hook)
        assert hook["language"] == "python"
        assert str(hook["entry"]).split()[0] == script.name


@pytest.mark.parametrize(
    ("path", "taken"),
    [
        ("journeys/az400.yaml", True),
        ("docs/journeys/az400.yml", True),
        ("docs/journeys/az400.json", True),
        ("mkdocs.yml", False),
        (".github/workflows/ci.yml", False),
        ("docs/journeys/themes/mine.yaml", False),
        ("docs/journeys/notes.md", False),
    ],
)
def test_pre_commit_default_files_pattern(path: str, taken: bool) -> None:
    for hook in hooks():
        assert bool(re.search(str(hook["files"]), path)) is taken


def test_pre_commit_hooks_run_as_pre_commit_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "a.yaml").write_text(spec_text("Alpha"), "utf-8")
    render, check = hooks()

    def run(hook: dict[str, object]) -> int:
        extra = str(hook["entry"]).split()[1:]
        args = [str(arg) for arg in hook["args"]]  # type: ignore[attr-defined]
        return main([*extra, *args, "journeys/a.yaml"])  # pre-commit appends the files

    assert run(check) == EXIT_STALE
    assert run(render) == EXIT_OK
    assert names(tmp_path / "docs" / "img") == ["a.svg"]
    assert run(check) == EXIT_OK

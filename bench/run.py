"""Benchmark: prints a table of medians and peak memory. Needs no network.

    python bench/run.py            # full run (several repetitions)
    python bench/run.py --quick    # one repetition of everything: a smoke run
    python bench/run.py --hostile  # only the hostile corners of issue 16 (each < 5 s)

Timings are noisy on a shared machine; this is a script, never a timed unit test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import journeygraphic as jg
from journeygraphic import model as m
from journeygraphic.backends import render_scene

ROOT = Path(__file__).resolve().parent.parent
AZ400 = ROOT / "specs" / "az400.yaml"
DOT = ROOT / "bench" / "az400.dot"

Row = tuple[str, float, float | None, str]  # name, median seconds, peak MiB, note


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


GNU_TIME = "/usr/bin/time"


def cold(argv: list[str], repeat: int) -> tuple[float, float | None]:
    """Median wall time and peak resident memory (MiB) of a fresh process."""
    times = [_wall(argv) for _ in range(repeat)]
    return statistics.median(times), _peak(argv)


def _wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def _peak(argv: list[str]) -> float | None:
    """Peak RSS from GNU time (rusage of our own child would count the forked parent)."""
    if not os.path.exists(GNU_TIME):
        return None
    result = subprocess.run(
        [GNU_TIME, "-f", "%M", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return int(result.stderr.strip().splitlines()[-1]) / 1024


def cli(fmt: str, out: Path) -> list[str]:
    return [sys.executable, "-m", "journeygraphic", str(AZ400), "-o", str(out / f"a.{fmt}")]


def cold_rows(out: Path, repeat: int) -> list[Row]:
    rows: list[Row] = []
    for fmt in ("svg", "png"):
        seconds, peak = cold(cli(fmt, out), repeat)
        rows.append((f"cold CLI az400 -> {fmt.upper()}", seconds, peak, ""))
    return rows


def in_process_rows(repeat: int) -> list[Row]:
    journey = jg.load(AZ400)
    scene = jg.build_scene(journey)
    return [
        ("in-process load (YAML + validate)", timed(lambda: jg.load(AZ400), repeat), None, ""),
        ("in-process layout", timed(lambda: jg.build_scene(journey), repeat), None, ""),
        (
            "in-process SVG (from scene)",
            timed(lambda: render_scene(scene, "svg"), repeat),
            None,
            "",
        ),
        (
            "in-process layout + SVG",
            timed(lambda: render_scene(jg.build_scene(journey), "svg"), repeat),
            None,
            "",
        ),
        (
            "in-process PNG 1x (from scene)",
            timed(lambda: render_scene(scene, "png"), max(1, repeat // 2)),
            None,
            "",
        ),
        (
            "in-process PNG 2x (from scene)",
            timed(lambda: render_scene(scene, "png", scale=2), max(1, repeat // 2)),
            None,
            "",
        ),
    ]


def batch_specs(folder: Path) -> Path:
    """100 spec files: the catalog repeated, each copy drawn with the next built-in theme."""
    import yaml

    from journeygraphic.theme import BUILTIN_THEMES

    specs = sorted((ROOT / "specs").glob("*.yaml"))
    folder.mkdir()
    for i in range(100):
        data = yaml.safe_load(specs[i % len(specs)].read_text(encoding="utf-8"))
        data["theme"] = BUILTIN_THEMES[i % len(BUILTIN_THEMES)]
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        (folder / f"j{i:03}.yaml").write_text(text, encoding="utf-8")
    return folder


def batch_row(out: Path, repeat: int) -> Row:
    """One command renders a folder of 100 specs, as a docs pipeline would."""
    specs = batch_specs(out / "batch-specs")
    target = out / "batch-out"
    argv = [sys.executable, "-m", "journeygraphic", str(specs), "-o", str(target), "-q"]
    runs = []
    for _ in range(max(1, repeat // 2)):
        shutil.rmtree(target, ignore_errors=True)  # unchanged files are skipped: start empty
        runs.append(_wall(argv))
    seconds = statistics.median(runs)
    shutil.rmtree(target, ignore_errors=True)
    return (
        "batch: 100 specs -> SVG, one CLI command",
        seconds,
        _peak(argv),
        f"{seconds / 100 * 1000:.1f} ms each, {os.cpu_count()} cores",
    )


def generated(steps: int) -> m.Journey:
    """A journey of ``steps`` plain steps spread over ten phases (built without limits)."""
    per_phase = max(1, steps // 10)
    phases = [
        m.Phase.model_construct(
            caption=f"Phase {p + 1}",
            detail=None,
            icon=None,
            id=None,
            track=p % 2 == 0,
            steps=[
                m.Step.model_construct(
                    kind="step",
                    title=f"Step {p}.{s} learn the skills",
                    description="Practise with hands-on labs and review the documentation",
                    icon="book" if s % 3 == 0 else None,
                    links=[],
                    id=None,
                    optional=False,
                )
                for s in range(per_phase)
            ],
        )
        for p in range(10)
    ]
    header = m.Header.model_construct(
        lead="The journey to", title="A long journey", call_to_action=None
    )
    return m.Journey.model_construct(
        header=header, phases=phases, footer=None, theme=None, version=1, as_of=None
    )


def scaling_rows(repeat: int) -> list[Row]:
    rows: list[Row] = []
    seconds: dict[int, float] = {}
    for steps in (10, 100, 1000):
        journey = generated(steps)
        # Three runs of 1,000 in a full run: a median of two would average in the cold run.
        runs = max(1, repeat // (1 if steps < 1000 else 2))
        seconds[steps] = timed(lambda j=journey: render_scene(jg.build_scene(j), "svg"), runs)
        note = f"x{seconds[steps] / seconds[100]:.1f} vs 100" if steps == 1000 else ""
        rows.append((f"generated {steps} steps -> SVG (layout + SVG)", seconds[steps], None, note))
    return rows


HOSTILE_LIMITS = jg.Limits(max_text=10_000)  # the ceiling: one letter and 9,999 marks


def _hostile(steps: list[dict[str, object]]) -> m.Journey:
    """A one-phase journey read through the loader, with the text limit at its ceiling."""
    import json

    spec = {"header": {"title": "Hostile"}, "phases": [{"caption": "Start", "steps": steps}]}
    return jg.loads(json.dumps(spec), limits=HOSTILE_LIMITS)


def hostile_rows(repeat: int, *, slow_text: bool = True) -> list[Row]:
    """Corners found by issue 16, each of which must stay under 5 s (layout + SVG).

    ``slow_text=False`` leaves out the two text rows (took 25 s and 85 s before text.py
    remembered non-ASCII widths and capped clusters; kept out of the --quick smoke run).
    """
    import random

    options = [{"title": f"Option {i}"} for i in range(1999)]
    rng = random.Random(16)
    words = []
    while sum(len(w) + 1 for w in words) < 76_000:
        if rng.random() < 0.5:
            words.append("".join(rng.choice("abcdefghij") for _ in range(6)))
        else:
            words.append("".join(chr(0x4E00 + rng.randrange(2000)) for _ in range(4)))
    mixed = " ".join(words)[:76_000]
    cases = [
        (
            "2,000 options, --strict (checker)",
            [{"kind": "choice", "title": "Pick", "options": options}],
            True,
        ),
        ("1 letter + 9,999 combining marks", [{"title": "a" + "\u0301" * 9_999}], False),
        (
            "76,000 mixed Latin/CJK characters",
            [{"title": mixed[i : i + 1900]} for i in range(0, 76_000, 1900)],
            False,
        ),
    ]
    rows: list[Row] = []
    for name, steps, strict in cases if slow_text else cases[:1]:
        journey = _hostile(steps)
        seconds = timed(
            lambda j=journey, s=strict: render_scene(
                jg.build_scene(j, strict=s, limits=HOSTILE_LIMITS), "svg"
            ),
            max(1, repeat // 3),
        )
        note = "ok (< 5 s)" if seconds < 5 else "OVER the 5 s target"
        rows.append((f"hostile: {name} -> SVG", seconds, None, note))
    return rows


GERMAN = "from journeygraphic.hyphenate import points; points('Zertifizierungsprüfung', 'de')"


def hyphenation_row(repeat: int) -> Row:
    """A fresh process hyphenating one German word: mostly reading the de_DE dictionary
    (pyphen's own reading took 0.65 s), the import of journeygraphic included."""
    seconds, peak = cold([sys.executable, "-c", GERMAN], repeat)
    return ("cold: import + one German word hyphenated", seconds, peak, "")


def dot_rows(out: Path, repeat: int, ours: dict[str, float]) -> list[Row]:
    if shutil.which("dot") is None:
        return [("graphviz dot", float("nan"), None, "not installed: apt-get install graphviz")]
    rows: list[Row] = []
    for fmt in ("svg", "png"):
        argv = ["dot", f"-T{fmt}", str(DOT), "-o", str(out / f"dot.{fmt}")]
        seconds, peak = cold(argv, repeat)
        ratio = ours[fmt] / seconds
        rows.append((f"cold dot -T{fmt} (same 10 steps)", seconds, peak, f"ours is x{ratio:.1f}"))
    return rows


def show(rows: list[Row]) -> None:
    print(f"{'measurement':48} {'median':>10} {'peak MiB':>9}  note")
    for name, seconds, peak, note in rows:
        shown = f"{seconds * 1000:8.1f}ms" if seconds < 1 else f"{seconds:8.2f} s"
        memory = f"{peak:9.0f}" if peak is not None else " " * 9
        print(f"{name:48} {shown:>10} {memory}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repetition of everything")
    parser.add_argument(
        "--hostile", action="store_true", help="only the hostile corners (issue 16), once"
    )
    args = parser.parse_args()
    if args.hostile:
        show([*hostile_rows(1), hyphenation_row(3)])
        return
    repeat = 1 if args.quick else 7
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        rows = cold_rows(out, repeat * 2 + 1)  # cold runs are the noisiest: more of them
        ours = {"svg": rows[0][1], "png": rows[1][1]}
        rows += in_process_rows(repeat * 3)
        rows.append(batch_row(out, repeat))
        rows += scaling_rows(repeat)
        rows += hostile_rows(repeat, slow_text=not args.quick)
        rows.append(hyphenation_row(repeat))
        rows += dot_rows(out, repeat, ours)
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, journeygraphic {jg.__version__}"
    )
    show(rows)


if __name__ == "__main__":
    main()

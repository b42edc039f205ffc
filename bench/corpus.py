"""Measure what a reader sees across the corpus: every spec x layout x width x theme.

    python bench/corpus.py                         # table on stdout, JSON beside it
    python bench/corpus.py --json out.json --worst 6 --png-dir /tmp/worst

Renders tests/corpus/*.yaml and specs/*.yaml in every layout (poster, vertical, compact,
auto) at widths 320-2400 in four themes, in-process with a pool of two processes, and
counts (issue 14): words split with no hyphen, widths not honoured, layout checker
problems, poster column balance (tallest / median), the vertical header's share of a
640 px phone screen at 320-400 px, badge words outside their shape, text shortened with
an ellipsis, badge words silently dropped, and captions/headings ending in one lone word.
The checks themselves live in tests/corpus_checks.py, so tests can use them too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import corpus_checks as cc  # noqa: E402  (found through the path set just above)
import journeygraphic as jg  # noqa: E402
from journeygraphic.check import check_scene  # noqa: E402

LAYOUTS = ("poster", "vertical", "compact", "auto")
WIDTHS = (320, 360, 480, 800, 1200, 1600, 2400)
THEMES = ("default", "dark", "print", "high-contrast")
OWN = "own"  # --themes own,...: the spec's own theme (a named theme replaces it, labels too)
PHONE = (320, 400)  # widths at which the vertical header is measured against one screen
Record = dict[str, Any]


def spec_files() -> list[Path]:
    """The corpus, then the catalog."""
    return sorted((ROOT / "tests" / "corpus").glob("*.yaml")) + sorted(
        (ROOT / "specs").glob("*.yaml")
    )


def measure(scene: Any, journey: Any, vocab: cc.Vocabulary, width: int) -> Record:
    """Every metric of one rendered scene."""
    columns = cc.poster_columns(scene) if _landscape(scene) else []
    return {
        "size": [round(scene.width), round(scene.height)],
        "excess": round(cc.width_excess(scene, width), 1),
        "problems": check_scene(scene),
        "splits": [str(s) for s in cc.mid_word_splits(scene, vocab)],
        "balance": round(cc.column_balance(columns), 2),
        "columns": [round(h) for h in columns],
        "header": round(cc.header_fraction(scene), 3) if not columns else None,
        "badge_outside": [str(o) for o in cc.badge_text_outside(scene)],
        "ellipsis": cc.ellipsis_lines(scene),
        "dropped": cc.dropped_badge_words(scene, journey),
        "lone": cc.lone_last_words(scene),
    }


def _landscape(scene: Any) -> bool:
    """A timeline across the page: nodes at two or more x positions."""
    xs = {round(i.cx) for i in scene.walk() if getattr(i, "role", "") == "node"}
    return len(xs) >= 2


def run_one(task: tuple[str, str, tuple[int, ...], tuple[str, ...]]) -> list[Record]:
    """All widths and themes of one spec in one layout (one pool task: one load)."""
    path, layout, widths, themes = task
    journey = jg.load(path)
    vocab = cc.vocabulary(cc.journey_texts(journey))
    records = []
    for theme in themes:
        for width in widths:
            scene = jg.build_scene(
                journey,
                layout=layout,
                width=width,
                theme=None if theme == OWN else theme,
                base_dir=Path(path).parent,
            )
            record = measure(scene, journey, vocab, width)
            record.update(spec=Path(path).stem, layout=layout, width=width, theme=theme)
            records.append(record)
    return records


def run_all(specs: list[Path], widths: tuple[int, ...], themes: tuple[str, ...]) -> list[Record]:
    tasks = [(str(s), layout, widths, themes) for s in specs for layout in LAYOUTS]
    with ProcessPoolExecutor(max_workers=2) as pool:
        return [r for batch in pool.map(run_one, tasks) for r in batch]


# -- summary -------------------------------------------------------------------------------


def totals(records: list[Record]) -> dict[str, Any]:
    """The headline figure of each metric over all renders."""
    posters = [r for r in records if r["layout"] == "poster" and r["columns"]]
    phones = [
        r for r in records if r["layout"] == "vertical" and PHONE[0] <= r["width"] <= PHONE[1]
    ]
    return {
        "renders": len(records),
        "(a) mid-word splits": sum(len(r["splits"]) for r in records),
        "(a) renders with a split": sum(1 for r in records if r["splits"]),
        "(b) renders wider than asked": sum(1 for r in records if r["excess"] > 0.5),
        "(c) checker problems": sum(len(r["problems"]) for r in records),
        "(c) renders with problems": sum(1 for r in records if r["problems"]),
        "(d) posters with a column > 2x median": sum(1 for r in posters if r["balance"] > 2),
        "(d) worst poster balance": max((r["balance"] for r in posters), default=0.0),
        "(e) vertical 320-400 header > 40% of 640px": sum(
            1 for r in phones if (r["header"] or 0) > 0.40
        ),
        "(e) worst vertical header fraction": max((r["header"] or 0 for r in phones), default=0),
        "(f) badge lines outside their shape": sum(len(r["badge_outside"]) for r in records),
        "(g) lines shortened with an ellipsis": sum(len(r["ellipsis"]) for r in records),
        "(g') badge words dropped silently": sum(len(r["dropped"]) for r in records),
        "(h) captions/headings ending in a lone word": sum(len(r["lone"]) for r in records),
    }


def by_layout_width(records: list[Record]) -> dict[str, dict[int, list[float]]]:
    """Splits, renders wider than asked, and checker problems, per layout and width."""
    table: dict[str, dict[int, list[float]]] = defaultdict(dict)
    for layout in LAYOUTS:
        for width in sorted({r["width"] for r in records}):
            rows = [r for r in records if r["layout"] == layout and r["width"] == width]
            table[layout][width] = [
                sum(len(r["splits"]) for r in rows),
                sum(1 for r in rows if r["excess"] > 0.5),
                sum(len(r["problems"]) for r in rows),
                max((r["balance"] for r in rows), default=0.0),
            ]
    return table


def badness(r: Record) -> float:
    """One number to rank pictures by what a reader would notice first."""
    return float(
        3 * len(r["splits"])
        + 5 * len(r["problems"])
        + 5 * len(r["badge_outside"])
        + 3 * len(r["dropped"])
        + (r["excess"] / 100)
        + max(0.0, r["balance"] - 2) * 4
        + max(0.0, (r["header"] or 0) - 0.4) * 20 * (r["width"] <= PHONE[1])
    )


METRICS: dict[
    str, Callable[[Record], float]
] = {  # a render's score for each metric, to pick the worst picture of each
    "splits": lambda r: len(r["splits"]),
    "excess": lambda r: r["excess"],
    "balance": lambda r: r["balance"] if r["layout"] == "poster" else 0.0,
    "header": lambda r: (r["header"] or 0) if r["width"] <= PHONE[1] else 0.0,
    "badge": lambda r: len(r["badge_outside"]) + len(r["dropped"]),
    "lone": lambda r: len(r["lone"]),
}


def worst_by_metric(records: list[Record]) -> dict[str, Record]:
    """The worst render for each metric (ties: the default theme, then the widest page)."""
    return {
        name: max(records, key=lambda r, f=score: (f(r), r["theme"] == "default", r["width"]))  # type: ignore[misc]
        for name, score in METRICS.items()
    }


def examples(records: list[Record], key: str, limit: int = 12) -> list[str]:
    counter: Counter[str] = Counter(x for r in records for x in r[key])
    return [f"{text} ×{n}" for text, n in counter.most_common(limit)]


def print_report(records: list[Record], seconds: float, worst: list[Record]) -> None:
    print(f"{len(records)} renders in {seconds:.1f} s\n")
    for name, value in totals(records).items():
        print(f"  {name:<46} {value}")
    print("\nper layout x width: splits / wider than asked / checker problems / worst balance")
    table = by_layout_width(records)
    widths = sorted({r["width"] for r in records})
    print("  " + "layout".ljust(9) + "".join(f"{w:>16}" for w in widths))
    for layout, row in table.items():
        cells = "".join(f"{'/'.join(_fmt(v) for v in row[w]):>16}" for w in widths)
        print("  " + layout.ljust(9) + cells)
    for key, title in (
        ("splits", "split words"),
        ("badge_outside", "badge lines outside"),
        ("dropped", "badge words dropped"),
        ("lone", "lone last words"),
    ):
        print(f"\nmost frequent {title}: " + ", ".join(examples(records, key)))
    print("\nworst renders:")
    for r in worst:
        print(
            f"  {badness(r):6.1f}  {r['spec']} {r['layout']} {r['width']} {r['theme']}: "
            f"{r['size'][0]}x{r['size'][1]}, {len(r['splits'])} splits, "
            f"balance {r['balance']}, header {r['header']}, {len(r['problems'])} problems"
        )


def _fmt(value: float) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def render_pngs(records: Iterable[Record], folder: Path) -> list[Path]:
    """Draw the given renders as PNG files, to look at."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {p.stem: p for p in spec_files()}
    written = []
    for r in records:
        path = paths[r["spec"]]
        journey = jg.load(path)
        png = jg.render(
            journey,
            "png",
            layout=r["layout"],
            width=r["width"],
            theme=None if r["theme"] == OWN else r["theme"],
            base_dir=path.parent,
        )
        out = folder / f"{r['spec']}-{r['layout']}-{r['width']}-{r['theme']}.png"
        out.write_bytes(png)
        written.append(out)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=Path("corpus-report.json"))
    parser.add_argument("--worst", type=int, default=8, help="how many worst renders to list")
    parser.add_argument("--png-dir", type=Path, help="draw the worst renders as PNG here")
    parser.add_argument("--themes", default=",".join(THEMES))
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    args = parser.parse_args(argv)
    widths = tuple(int(w) for w in args.widths.split(","))
    themes = tuple(args.themes.split(","))
    start = time.perf_counter()
    records = run_all(spec_files(), widths, themes)
    seconds = time.perf_counter() - start
    worst = _distinct_worst(records, args.worst)
    print_report(records, seconds, worst)
    args.json.write_text(
        json.dumps(
            {
                "totals": totals(records),
                "by_layout_width": by_layout_width(records),
                "records": records,
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"\nJSON: {args.json}")
    if args.png_dir:
        chosen = worst_by_metric(records)
        for (name, r), out in zip(
            chosen.items(), render_pngs(chosen.values(), args.png_dir), strict=True
        ):
            print(f"PNG (worst {name}: {METRICS[name](r)}): {out}")
    return 0


def _distinct_worst(records: list[Record], count: int) -> list[Record]:
    """The worst renders, one per spec and layout, so the list is not one spec eight times."""
    seen: set[tuple[str, str]] = set()
    out = []
    for r in sorted(records, key=badness, reverse=True):
        if (r["spec"], r["layout"]) not in seen and badness(r) > 0:
            seen.add((r["spec"], r["layout"]))
            out.append(r)
        if len(out) == count:
            break
    return out


if __name__ == "__main__":
    sys.exit(main())

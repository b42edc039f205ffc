"""Use journeygraphic as a library: load a spec, or build a journey in Python, and render it.

Run from the repository root:  python examples/library_use.py
"""

from __future__ import annotations

from pathlib import Path

import journeygraphic as jg

HERE = Path(__file__).resolve().parent


def from_a_spec_file() -> None:
    journey = jg.load(HERE.parent / "specs" / "az400.yaml")
    (HERE / "az400.svg").write_bytes(jg.render(journey, "svg"))
    (HERE / "az400.png").write_bytes(jg.render(journey, "png"))


def from_python_objects() -> bytes:
    journey = jg.Journey(
        header=jg.Header(lead="The journey to", title="Your First Certification"),
        phases=[
            jg.Phase(caption="Start here", steps=[jg.Step(title="Pick a certification")]),
            jg.Phase(
                caption="Prepare",
                steps=[
                    jg.Choice(
                        options=[
                            jg.Option(title="Self-paced learning", icon="laptop"),
                            jg.Option(title="Instructor-led training", icon="whiteboard"),
                        ]
                    )
                ],
            ),
            jg.Phase(caption="Pass the exam", steps=[jg.Exam(code="XX-100", title="The exam")]),
            jg.Phase(
                caption="Earn it",
                steps=[jg.Certification(name="Example Fundamentals", level="fundamentals")],
            ),
        ],
    )
    return jg.render(journey, "svg", width=1200)


def in_another_theme() -> bytes:
    # A built-in theme by name (see: python -m journeygraphic themes), or a theme file path.
    # Theme files named in a spec are found relative to the spec's folder: pass base_dir.
    journey = jg.load(HERE.parent / "specs" / "az104.yaml")
    return jg.render(journey, "svg", theme="print", base_dir=HERE.parent / "specs")


def errors_are_located() -> None:
    try:
        jg.loads(
            "header: {title: X}\nphases:\n  - caption: A\n    stepz: []\n", filename="mistake.yaml"
        )
    except jg.SpecError as error:
        print(error)  # mistake.yaml:4:5: unknown field 'stepz'; did you mean 'steps'? ...


if __name__ == "__main__":
    from_a_spec_file()
    print(f"built a journey in Python: {len(from_python_objects())} bytes of SVG")
    print(f"az104 in the print theme: {len(in_another_theme())} bytes of SVG")
    errors_are_located()

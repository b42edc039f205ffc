"""Hostile input (issue 6): the corpus in tests/hostile, limits, confinement, inert output.

Every guarantee of the README's Security section has a test here (or in test_fuzz.py) that
fails if the guarantee breaks.
"""

from __future__ import annotations

import io
import os
import random
import re
import string
import time
from pathlib import Path
from typing import Any

import matplotlib
import pytest
import yaml
from PIL import Image

import journeygraphic as jg
from journeygraphic import loader
from journeygraphic.backends import render_scene
from journeygraphic.backends import svg as svg_backend
from journeygraphic.check import check_scene
from journeygraphic.cli import main
from journeygraphic.errors import RenderError, SpecError
from journeygraphic.limits import CEILINGS, Limits
from journeygraphic.loader import check_journey, loads, parse, read_spec
from journeygraphic.model import Choice, Header, Journey, Option, Phase, Step
from journeygraphic.safety import link_problem, terminal_safe
from journeygraphic.scene import Font, Link, Rect, Scene, Text
from journeygraphic.spec import _files
from journeygraphic.spec._files import read_inside, resolve_inside
from journeygraphic.spec._raster import read_raster_icon
from journeygraphic.text import Measurer
from journeygraphic.theme import resolve_theme
from svgcheck import SVG_NS, assert_inert_svg, check_svg

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "hostile"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((HOSTILE / "expected.yaml").read_text("utf-8"))
FILES = sorted(p.name for p in HOSTILE.iterdir() if p.name != "expected.yaml")
MINIMAL = "header:\n  title: T\nphases:\n  - caption: Start\n    steps:\n      - title: Go\n"
# What no line of error output may hold: escape and control characters, bidi controls,
# a GitHub workflow command at the start of a line, an Azure Pipelines logging command.
UNSAFE_OUTPUT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|^\\s*::|##vso\\[|##\\[",
    re.MULTILINE | re.IGNORECASE,
)


def assert_terminal_safe(text: str) -> None:
    found = UNSAFE_OUTPUT.search(text)
    assert found is None, f"unsafe output {found.group()!r} in:\n{text}"


def first_problem(text: str | bytes, **kwargs: Any) -> jg.Problem:
    with pytest.raises(SpecError) as info:
        loads(text, **kwargs)
    return info.value.problems[0]


def journey_of(*steps: Any) -> Journey:
    return Journey(header=Header(title="T"), phases=[Phase(caption="C", steps=list(steps))])


# --------------------------------------------------------------------------- the corpus


def test_every_hostile_file_has_an_expected_outcome() -> None:
    assert set(FILES) == set(EXPECTED), "tests/hostile and expected.yaml disagree"


def _cases() -> list[Any]:
    marks = {
        name: [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
        for name, case in EXPECTED.items()
    }
    return [pytest.param(name, id=name, marks=marks.get(name, [])) for name in FILES]


@pytest.mark.parametrize("name", _cases())
def test_hostile_file(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = EXPECTED[name]
    spec = HOSTILE / name
    monkeypatch.chdir(tmp_path)
    started = time.perf_counter()
    code = main([str(spec), "-o", "out.svg", *case.get("args", [])])
    seconds = time.perf_counter() - started
    err = capsys.readouterr().err
    assert code == case["exit"], err
    assert seconds < 10, f"{name} took {seconds:.1f} s"
    assert "Traceback" not in err
    assert_terminal_safe(err)
    if code == 0:
        _check_picture(spec, case, tmp_path / "out.svg")
    else:
        _check_error(spec, case, err)


def _check_error(spec: Path, case: dict[str, Any], err: str) -> None:
    lines = err.splitlines()
    assert lines, "an error must say something"
    if "at" in case:
        assert lines[0].startswith(f"{spec}:{case['at']}: "), lines[0]
    for words in case.get("says", []):
        assert words in lines[0], lines[0]
    if "problems" in case:
        assert len(lines) == case["problems"], err
    assert max(map(len, lines)) < 1200, "echoed text must be cut short"


def _check_picture(spec: Path, case: dict[str, Any], out: Path) -> None:
    data = out.read_bytes()
    assert_inert_svg(data)
    text = data.decode("utf-8")
    for needle in case.get("svg_has", []):
        assert needle in text
    journey = jg.load(spec)
    assert check_scene(jg.build_scene(journey, base_dir=spec.parent)) == []
    if case.get("png"):
        png = jg.render(journey, "png", base_dir=spec.parent)
        assert Image.open(io.BytesIO(png)).size[0] > 0


def test_billion_laughs_fails_in_well_under_a_second() -> None:
    started = time.perf_counter()
    with pytest.raises(SpecError, match="anchors and aliases"):
        jg.load(HOSTILE / "billion-laughs.yaml")
    assert time.perf_counter() - started < 0.5


def test_python_tags_never_run(tmp_path: Path) -> None:
    with pytest.raises(SpecError):
        jg.load(HOSTILE / "python-tag.yaml")
    assert not Path("/tmp/jg-pwned").exists()


# --------------------------------------------------------------------------- limits


def test_default_limits_are_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Security") :]
    for name in Limits.names():
        default = getattr(Limits(), name)
        row = next((line for line in section.splitlines() if f"`{name}`" in line), "")
        assert f"{default:,}" in row, f"README's Security section lacks {name} = {default:,}"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"max_bytes": 0}, "at least 1"),
        ({"max_steps": -5}, "at least 1"),
        ({"max_nodes": True}, "whole number"),
        ({"max_text": 2.5}, "whole number"),
        ({"max_text": CEILINGS["max_text"] + 1}, "at most 10,000"),
        ({"max_depth": CEILINGS["max_depth"] + 1}, "at most 200"),
        ({"max_pixels": CEILINGS["max_pixels"] + 1}, "at most 268,435,456"),
    ],
)
def test_limits_refuse_values_the_code_cannot_hold(changes: dict[str, Any], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        Limits(**changes)


def test_limit_overrides_parse_like_the_command_line() -> None:
    limits = Limits().with_overrides(["max_bytes=2_000_000", " max-steps = 7 "])
    assert (limits.max_bytes, limits.max_steps) == (2_000_000, 7)
    for bad, words in [
        ("max_bytes", "NAME=VALUE"),
        ("max_byte=5", "unknown limit 'max_byte'; the limits are: max_bytes"),
        ("max_bytes=lots", "whole number"),
        ("max_bytes=0", "at least 1"),
    ]:
        with pytest.raises(ValueError, match=words):
            Limits().with_overrides([bad])


def test_cli_limit_mistakes_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(ROOT / "specs" / "az400.yaml"), "--limit", "max_text=99999"]) == 2
    assert "--limit: the limit max_text can be at most 10,000" in capsys.readouterr().err


def test_cli_raised_limit_lets_a_bigger_spec_through(tmp_path: Path) -> None:
    spec = tmp_path / "long.yaml"
    spec.write_text(MINIMAL.replace("title: Go", "title: " + "word " * 500), "utf-8")
    out = tmp_path / "o.svg"
    assert main([str(spec), "-o", str(out)]) == 2
    assert main([str(spec), "-o", str(out), "--limit", "max_text=3000"]) == 0
    assert_inert_svg(out.read_bytes())


def test_a_100k_word_is_refused_before_validation_at_its_position() -> None:
    started = time.perf_counter()
    problem = first_problem(MINIMAL.replace("title: Go", "title: " + "W" * 100_000))
    assert time.perf_counter() - started < 1.0
    assert (problem.line, problem.col, problem.path) == (6, 16, "phases[0].steps[0].title")
    assert "100,000 characters" in problem.message and "max_text" in problem.message


def test_the_longest_allowed_word_wraps_in_bounded_time() -> None:
    rng = random.Random(6)
    word = "".join(rng.choice(string.ascii_letters) for _ in range(CEILINGS["max_text"]))
    limits = Limits(max_text=CEILINGS["max_text"])
    journey = journey_of(Step(title=word))
    started = time.perf_counter()
    scene = jg.build_scene(journey, limits=limits)
    assert time.perf_counter() - started < 15
    assert check_scene(scene) == []  # every piece of the word fits its column
    texts = ["".join(t.lines) for t in scene.walk() if isinstance(t, Text)]
    assert word in texts  # wrapped into pieces, none lost


def test_the_measurer_is_exact_up_to_the_text_ceiling() -> None:
    """The reason max_text stops at 10,000: FreeType's 26.6 widths overflow past ~16,600."""
    measurer = Measurer("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    font = measurer.font(16, "bold")
    widest = "\u1676"  # the widest glyph in DejaVu Sans Bold, 2.016 em
    one = measurer.width(widest, font)
    many = measurer.width(widest * CEILINGS["max_text"], font)
    assert many == pytest.approx(one * CEILINGS["max_text"], rel=1e-3)


def test_too_many_steps_are_refused_before_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    options = [Option(title=f"Option {i}") for i in range(Limits().max_steps + 5)]
    journey = journey_of(Choice(options=options))
    monkeypatch.setattr("journeygraphic._pipeline._layout", _must_not_run)
    with pytest.raises(SpecError) as info:
        jg.build_scene(journey)
    (problem,) = info.value.problems
    assert problem.file == "<journey>" and "max_steps" in problem.message
    assert problem.path == f"phases[0].steps[0].options[{Limits().max_steps - 1}]"


def test_too_much_text_is_refused_before_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    phases = [Phase(caption="C", steps=[Step(title="x" * 2000) for _ in range(30)])] * 2
    journey = Journey(header=Header(title="T"), phases=phases)  # 120,000 characters
    monkeypatch.setattr("journeygraphic._pipeline._layout", _must_not_run)
    with pytest.raises(SpecError, match=r"over 100,000 characters of text.*max_total_text=N"):
        jg.build_scene(journey)


def _must_not_run(*args: object, **kwargs: object) -> None:
    raise AssertionError("layout ran although a limit was exceeded")


def test_pixels_are_checked_before_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    journey = journey_of(Step(title="Go"))
    monkeypatch.setattr("journeygraphic.backends.render_scene", _must_not_run)
    with pytest.raises(RenderError, match=r"over the limit of 1,000;.*--limit max_pixels=N"):
        jg.render(journey, "png", limits=Limits(max_pixels=1000))


def test_png_backend_has_its_own_ceiling() -> None:
    giant = Scene(40_000, 40_000, "#FFFFFF", ())
    with pytest.raises(RenderError, match="over the 268,435,456 pixels"):
        render_scene(giant, "png")


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("a:\n" + "- x\n" * 240_000, "yaml"),
        ("a: [" + "x, " * 300_000 + "]", "yaml"),
        ("a: 1\n" * 200_000, "yaml"),
        ('{"a": [' + "1, " * 300_000 + "1]}", "json"),
    ],
    ids=["block-list", "flow-list", "duplicate-keys", "json-list"],
)
def test_a_flood_of_values_stops_at_max_nodes_quickly(text: str, fmt: Any) -> None:
    started = time.perf_counter()
    with pytest.raises(SpecError) as info:
        parse(text, fmt=fmt)
    assert time.perf_counter() - started < 2.0  # composing all of them takes 5-10 s
    (problem,) = info.value.problems
    assert "more than 10,000 values" in problem.message


def test_problems_are_capped() -> None:
    text = MINIMAL + "".join(f"    x{i}: 1\n" for i in range(300))
    with pytest.raises(SpecError) as info:
        loads(text)
    problems = info.value.problems
    assert len(problems) == loader.MAX_PROBLEMS
    assert problems[-1].message == f"… and {300 - loader.MAX_PROBLEMS + 1} more problems not shown"


def test_a_huge_file_is_refused_without_being_read(tmp_path: Path) -> None:
    sparse = tmp_path / "huge.yaml"
    with open(sparse, "wb") as handle:
        handle.truncate(20 * 1024**3)  # 20 GiB of nothing: reading it would take minutes
    started = time.perf_counter()
    with pytest.raises(SpecError, match=r"21,474,836,480 bytes.*--limit max_bytes=N"):
        read_spec(sparse)
    assert time.perf_counter() - started < 1.0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_spec_never_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "spec.yaml"
    os.mkfifo(fifo)
    with pytest.raises(SpecError, match="named pipe"):
        read_spec(fifo)
    # Swapped in after the first check: the open does not block and the second check refuses.
    regular = tmp_path / "real.yaml"
    regular.write_text(MINIMAL, "utf-8")
    real_stat = os.stat
    monkeypatch.setattr(_files.os, "stat", lambda name: real_stat(regular))
    with pytest.raises(SpecError, match="named pipe"):
        read_spec(fifo)


def test_a_device_spec_is_refused() -> None:
    with pytest.raises(SpecError, match="a device, not a regular file"):
        read_spec("/dev/zero")


def test_validate_refuses_surrogates_that_pydantic_cannot_report() -> None:
    data = {"header": {"title": "T"}, "phases": [{"caption": "C", "icon": "\ud800"}]}
    with pytest.raises(SpecError, match="unpaired surrogate"):
        loader.validate(Journey, loader.Located(data, "f.yaml"))


def test_journeys_built_in_python_meet_the_same_limits() -> None:
    journey = journey_of(Step(title="x" * 3000))  # the model's ceiling is 10,000
    with pytest.raises(SpecError) as info:
        check_journey(journey)
    assert info.value.problems[0].path == "phases[0].steps[0].title"
    assert check_journey(journey, Limits(max_text=3000)) is journey


# --------------------------------------------------------------------------- confinement


@pytest.fixture
def spec_dir(tmp_path: Path) -> Path:
    (tmp_path / "spec" / "themes").mkdir(parents=True)
    (tmp_path / "spec" / "themes" / "mine.yaml").write_text("palette: {}\n", "utf-8")
    (tmp_path / "secret.yaml").write_text("password: hunter2\n", "utf-8")
    return tmp_path / "spec"


def test_resolve_inside_finds_files_in_the_folder_tree(spec_dir: Path) -> None:
    found = resolve_inside(spec_dir, "themes/mine.yaml")
    assert found == (spec_dir / "themes" / "mine.yaml").resolve()
    assert resolve_inside(spec_dir, "themes/../themes/./mine.yaml") == found
    (spec_dir / "alias.yaml").symlink_to(spec_dir / "themes" / "mine.yaml")
    assert resolve_inside(spec_dir, "alias.yaml") == found  # a symlink that stays inside
    themes = spec_dir / "themes"
    assert resolve_inside(themes, "../themes/mine.yaml", root=spec_dir) == found
    with pytest.raises(SpecError, match="leads outside"):
        resolve_inside(themes, "../../secret.yaml", root=spec_dir)


@pytest.mark.parametrize(
    ("relative", "words"),
    [
        ("../secret.yaml", "leads outside the spec's folder"),
        ("themes/../../secret.yaml", "leads outside the spec's folder"),
        ("/etc/passwd", "absolute path"),
        ("C:/Windows/win.ini", "absolute path"),
        ("C:secret.yaml", "absolute path"),
        ("\\\\server\\share\\x.yaml", "backslash"),
        ("themes\\mine.yaml", "backslash"),
        ("https://evil.example/t.yaml", "is a URL"),
        ("file:///etc/passwd", "is a URL"),
        ("//evil.example/t.yaml", "absolute path"),
        ("", "is empty"),
        ("themes/mine\x00.yaml", "control characters"),
        ("themes/missing.yaml", "does not exist"),
        ("themes", "is a folder, not a regular file"),
    ],
)
def test_resolve_inside_refuses(spec_dir: Path, relative: str, words: str) -> None:
    with pytest.raises(SpecError) as info:
        resolve_inside(spec_dir, relative, what="theme file")
    (problem,) = info.value.problems
    assert words in problem.message and problem.message.startswith("the theme file ")


def test_resolve_inside_follows_symlinks_before_judging(spec_dir: Path) -> None:
    (spec_dir / "link.yaml").symlink_to(spec_dir.parent / "secret.yaml")
    (spec_dir / "dir").symlink_to(spec_dir.parent)
    (spec_dir / "zero.yaml").symlink_to("/dev/zero")
    for relative in ("link.yaml", "dir/secret.yaml", "zero.yaml"):
        with pytest.raises(SpecError, match="leads outside"):
            resolve_inside(spec_dir, relative)
    (spec_dir / "loop.yaml").symlink_to(spec_dir / "loop.yaml")
    with pytest.raises(SpecError, match=r"cannot be resolved|does not exist"):
        resolve_inside(spec_dir, "loop.yaml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_resolve_inside_refuses_fifos_and_devices(spec_dir: Path) -> None:
    os.mkfifo(spec_dir / "pipe.yaml")
    with pytest.raises(SpecError, match="named pipe"):
        resolve_inside(spec_dir, "pipe.yaml")
    with pytest.raises(SpecError, match="a device"):
        resolve_inside("/dev", "null")


def test_resolve_inside_locates_its_problem_in_the_spec(spec_dir: Path) -> None:
    located = parse("header:\n  title: T\ntheme: ../secret.yaml\n", filename="s.yaml")
    with pytest.raises(SpecError) as info:
        resolve_inside(spec_dir, "../secret.yaml", located=located, path=("theme",))
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.col, problem.path) == ("s.yaml", 3, 8, "theme")


def test_read_inside_enforces_its_byte_limit(spec_dir: Path) -> None:
    assert read_inside(spec_dir, "themes/mine.yaml", max_bytes=100) == b"palette: {}\n"
    with pytest.raises(SpecError, match="over the limit of 5 bytes"):
        read_inside(spec_dir, "themes/mine.yaml", max_bytes=5)


def _image_bytes(size: tuple[int, int], fmt: str, **save: Any) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "#0078D4").save(out, format=fmt, **save)
    return out.getvalue()


def test_raster_icons_are_read_with_an_allowlist_and_caps(
    spec_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (spec_dir / "ok.png").write_bytes(_image_bytes((32, 32), "PNG"))
    assert read_raster_icon(spec_dir, "ok.png").size == (32, 32)
    (spec_dir / "icon.bmp").write_bytes(_image_bytes((8, 8), "BMP"))
    (spec_dir / "icon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", "utf-8")
    (spec_dir / "cut.png").write_bytes(_image_bytes((64, 64), "PNG")[:80])
    (spec_dir / "big.png").write_bytes(_image_bytes((2000, 2000), "PNG"))
    frames = [Image.new("RGB", (8, 8), c) for c in ("#000000", "#FFFFFF")]
    gif = io.BytesIO()
    frames[0].save(gif, format="GIF", save_all=True, append_images=frames[1:])
    (spec_dir / "moving.gif").write_bytes(gif.getvalue())
    for name, words in [
        ("icon.bmp", "not a PNG, JPEG, GIF, WEBP image"),
        ("icon.svg", "not a PNG, JPEG, GIF, WEBP image"),
        ("cut.png", "damaged"),
        ("moving.gif", "animated"),
        ("../secret.yaml", "leads outside"),
    ]:
        with pytest.raises(SpecError, match=words):
            read_raster_icon(spec_dir, name)
    monkeypatch.setattr(Image.Image, "load", _must_not_run)  # refused before decoding
    with pytest.raises(SpecError, match=r"2000×2000 pixels.*max_icon_pixels"):
        read_raster_icon(spec_dir, "big.png")
    with pytest.raises(SpecError, match="max_icon_bytes"):
        read_raster_icon(spec_dir, "ok.png", limits=Limits(max_icon_bytes=10))


# --------------------------------------------------------------------------- inert SVG


def test_the_svg_checker_runs_on_every_render(monkeypatch: pytest.MonkeyPatch) -> None:
    evil = f'<svg xmlns="{SVG_NS}"><script/></svg>'
    monkeypatch.setattr(svg_backend, "container", lambda *a, **k: evil)  # the root element
    with pytest.raises(AssertionError, match="element <script> is not allowed"):
        render_scene(Scene(10, 10, "#FFFFFF", ()), "svg")


def test_two_pictures_can_share_a_page() -> None:
    one = jg.render(jg.load(ROOT / "specs" / "az400.yaml"), "svg")
    two = jg.render(journey_of(Step(title="Go")), "svg")
    ids = []
    for data in (one, two):
        root = _root(data)
        prefix = root.get("id", "")
        own = [e.get("id", "") for e in root.iter() if e.get("id")]
        assert own and all(i == prefix or i.startswith(prefix + "-") for i in own)
        ids.append(set(own))
    assert not ids[0] & ids[1]


def _root(data: bytes) -> Any:
    import xml.etree.ElementTree as ET

    return ET.fromstring(data)


def test_every_committed_svg_passes_the_checker() -> None:
    # A brand's logo (examples/brands/*/*-logo.svg) is input, sanitised when it is read
    # (tests/test_brand.py), not a picture of ours.
    found = sorted(
        p for p in (ROOT / "examples").rglob("*.svg") if not p.name.endswith("-logo.svg")
    )
    assert found
    for path in found:
        assert check_svg(path.read_bytes()) == [], path


HOSTILE_LINES = (
    "\x00nul\x1b[31mansi\x07bell\x7fdel\x85nel",
    "\u202eoverride\u2066isolate\u200emark\u061cletter",
    "lone \ud800 surrogate \ufffe nonchar \r return",
    "</tspan></text><script>alert(1)</script>",
    "]]> <!-- --> <?pi?> &amp; &#x3c; &lt;",
)


def test_the_backend_cleans_and_escapes_whatever_the_scene_holds() -> None:
    font = Font("'DejaVu Sans', \"x\" <y> &z", "DejaVuSans.ttf", 12)
    texts = tuple(
        Text(0, 20 + 20 * i, (line,), font, "#000000", 14) for i, line in enumerate(HOSTILE_LINES)
    )
    scene = Scene(100, 200, "#FFFFFF", texts, "title \x1b\u202e <x>", "desc \x00 &")
    data = render_scene(scene, "svg")  # the conftest wrapper checks it too
    assert_inert_svg(data)
    spans = [e.text or "" for e in _root(data).iter(f"{{{SVG_NS}}}tspan")]
    assert spans[3] == HOSTILE_LINES[3] and spans[4] == HOSTILE_LINES[4]
    assert spans[0] == "nul[31mansibelldelnel" and spans[1] == "overrideisolatemarkletter"
    assert spans[2] == "lone  surrogate  nonchar  return"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\nscript:alert(1)",
        "java\x00script:alert(1)",
        "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example",
        "\\\\evil.example",
        "/\\evil.example",
        "\u3000javascript:alert(1)",
    ],
)
def test_unsafe_links_never_become_anchors(href: str) -> None:
    assert link_problem(href) is not None
    scene = Scene(100, 40, "#FFFFFF", (Link(href, (Rect(0, 0, 10, 10, "#000000"),)),))
    assert b"<a " not in render_scene(scene, "svg")


@pytest.mark.parametrize(
    "item",
    [
        Rect(0, 0, 5, 5, "#FFFFFF\n"),
        Rect(0, 0, 5, 5, "#FFF", stroke="red", stroke_width=1),
        Text(0, 10, ("x",), Font("F", "DejaVuSans.ttf", 10), "#000000", 12, "middle' x='1"),  # type: ignore[arg-type]
    ],
)
def test_values_outside_their_closed_form_are_refused(item: Any) -> None:
    with pytest.raises(ValueError):
        render_scene(Scene(10, 10, "#FFFFFF", (item,)), "svg")


BAD_SVG = [
    ('<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="{ns}">&x;</svg>', "defusedxml refuses"),
    ('<svg xmlns="{ns}"><!-- hidden --></svg>', "comment or processing instruction"),
    ('<svg xmlns="{ns}"><?evil x?></svg>', "comment or processing instruction"),
    ('<svg xmlns="{ns}"><rect fill="#FFFFFF&#10;"/></svg>', "not in its fixed form"),
    ('<svg xmlns="{ns}" id="jg-00000000"><title id="other"/></svg>', "lacks the picture's prefix"),
    ('<svg xmlns="{ns}"><a href="https://x.example"/></svg>', "noopener noreferrer"),
    ('<svg xmlns="{ns}"><text><tspan>a\u202eb</tspan></text></svg>', "bidi"),
    ('<svg xmlns="{ns}"><rect style="fill:red"/></svg>', "attribute not allowed"),
    ('<svg xmlns="{ns}"><style>@import url(x)</style></svg>', "<style> is not allowed"),
    ('<svg xmlns="{ns}"><image href="https://x.example/a.png"/></svg>', "<image> is not allowed"),
    ('<svg xmlns="{ns}"><text font-family="a;b"/></svg>', "CSS syntax"),
    ('<svg xmlns="{ns}"><path d="M0 0 L1e3 0"/></svg>', "not in its fixed form"),
    ('<svg xmlns="{ns}"><a href="java&#x09;script:x" rel="noopener noreferrer"/></svg>', "unsafe"),
]


@pytest.mark.parametrize(("body", "words"), BAD_SVG)
def test_the_svg_checker_catches(body: str, words: str) -> None:
    data = ('<?xml version="1.0" encoding="utf-8"?>\n' + body.format(ns=SVG_NS)).encode()
    assert words in "\n".join(check_svg(data))


# --------------------------------------------------------------------------- text is text


def _ink_width(line: str) -> int:
    font = Font("DejaVu Sans", "DejaVuSans.ttf", 32)
    scene = Scene(400, 60, "#FFFFFF", (Text(10, 45, (line,), font, "#000000", 40),))
    image = Image.open(io.BytesIO(render_scene(scene, "png"))).convert("L")
    box = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert box is not None
    return box[2] - box[0]


def test_dollars_are_drawn_not_typeset() -> None:
    # As mathtext, "$x$" would be an italic x alone, as narrow as "x".
    assert _ink_width("$x$") > _ink_width("x") + 2 * _ink_width("$") * 0.8
    assert _ink_width("$$") > 1.5 * _ink_width("$")


def test_text_is_text_even_if_the_users_matplotlibrc_says_otherwise() -> None:
    font = Font("DejaVu Sans", "DejaVuSans.ttf", 14)
    lines = ("$5 to $10", "$$", "\\frac{1}{2}", "unbalanced $ dollar", "\\usepackage{x}")
    scene = Scene(300, 120, "#FFFFFF", (Text(10, 20, lines, font, "#000000", 20),))
    plain = render_scene(scene, "png")
    with matplotlib.rc_context({"text.usetex": True, "text.parse_math": True}):
        assert render_scene(scene, "png") == plain  # no TeX run, no mathtext, same pixels


# --------------------------------------------------------------------------- terminal and CI


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[31mb", "a\\u001b[31mb"),
        ("ok\rfake", "ok\\u000dfake"),
        ("x\u202ey", "x\\u202ey"),
        ("::error::x", "> ::error::x"),
        ("fine\n  ::warning::x", "fine\n  > ::warning::x"),
        ("a ##vso[task.setvariable variable=x]1", "a #\\u0023vso[task.setvariable variable=x]1"),
        ("##[group]x", "#\\u0023[group]x"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
    ],
)
def test_terminal_safe(raw: str, shown: str) -> None:
    assert terminal_safe(raw) == shown


def test_cli_output_is_safe_even_for_internal_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "::error::x.yaml"
    spec.write_text(MINIMAL.replace("caption: Start", "'::error::y\\e': 1"), "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main([spec.name]) == 2
    err = capsys.readouterr().err
    assert err.startswith("./::error::x.yaml:")
    assert_terminal_safe(err)

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\x1b[2J\n::error::pwned\r##vso[x]")

    monkeypatch.setattr("journeygraphic._batch.draw", explode)
    (tmp_path / "ok.yaml").write_text(MINIMAL, "utf-8")
    assert main(["ok.yaml"]) == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError" in err
    assert_terminal_safe(err)


# --------------------------------------------------------------------------- closed forms

SRC = ROOT / "src" / "journeygraphic"
# A compiled pattern anchored at its end with '$' (which also matches before a final newline).
ANCHORED = re.compile(r"^(_?[A-Z][A-Z0-9_]*) = re\.compile\(\s*r?[\"'](.*)\$[\"']", re.MULTILINE)


def test_closed_forms_are_checked_with_fullmatch() -> None:
    """A `$`-anchored pattern used with .match or .search lets 'value\\n' through."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        source = path.read_text("utf-8")
        for name, _ in ANCHORED.findall(source):
            found.append(name)
            for misuse in (f"{name}.match(", f"{name}.search("):
                assert misuse not in source, f"{path.name}: {misuse} accepts a trailing newline"
    assert len(found) >= 6  # the scan sees the patterns it is meant to police


@pytest.mark.parametrize(
    "spec_text",
    [
        'theme:\n  typography:\n    family: "DejaVu Sans\\n"\n',
        'theme:\n  typography:\n    regular_font: "DejaVuSans.ttf\\n"\n',
        'theme:\n  palette:\n    text: "#1B1B1B\\n"\n',
    ],
)
def test_a_trailing_newline_is_refused_in_closed_forms(spec_text: str) -> None:
    with pytest.raises(SpecError):
        resolve_theme(loads(MINIMAL + spec_text))


@pytest.mark.parametrize(
    "url", ["#step:1", "guide.html?t=12:30", "docs/a:b.html", "?q=a:b", "../x#y:z"]
)
def test_a_colon_after_the_path_starts_is_data(url: str) -> None:
    assert link_problem(url) is None


@pytest.mark.parametrize("url", ["javascript:x#a:b", "data:x?y:z", "a.html:x/y", "jav\tascript:x"])
def test_a_colon_before_the_path_starts_is_a_scheme(url: str) -> None:
    assert link_problem(url) is not None

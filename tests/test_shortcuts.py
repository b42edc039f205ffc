"""Fail-safe shortcuts: a private matplotlib or Pillow call that raises falls back, once per
process, to the public route, with one warning naming the versions and the same output.

Failures are injected the way a new release would bring them: a private call of ours
raises TypeError (a changed signature). matplotlib's own calls of the same methods keep
working, as they would in that release.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from PIL import _imagingft

import journeygraphic as jg
import needs
from journeygraphic import _shortcuts
from journeygraphic import text as text_module
from journeygraphic.backends import png, render_scene
from journeygraphic.scene import Item, Link, Rect, Scene, Text
from test_backends import every_primitive
from test_png_paths import scene

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
VERSIONS = f"(matplotlib {metadata.version('matplotlib')}, Pillow {metadata.version('pillow')})"


@pytest.fixture(autouse=True)
def fresh_process_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Shortcuts on and nothing remembered, as in a new process; put back afterwards."""
    monkeypatch.delenv(_shortcuts.PUBLIC_ROUTE_ENV, raising=False)
    monkeypatch.setattr(_shortcuts, "_OFF", set())
    monkeypatch.setattr(png, "_LAYOUTS", {})  # else remembered glyphs skip the calls
    monkeypatch.setattr(png, "_BITMAPS", {})
    _forget_faces()
    yield
    _forget_faces()  # faces made from an injected core must not outlive the test


def _forget_faces() -> None:
    text_module._face.cache_clear()
    text_module._pair_steps.cache_clear()
    text_module._has_raqm.cache_clear()
    text_module._run_widths.cache_clear()
    text_module._tails.cache_clear()


def shortcut_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, _shortcuts.ShortcutWarning)]


# --- drawing PNG ---------------------------------------------------------------------------


def _changed(real: Callable[..., Any], name: str, calls: list[str]) -> Callable[..., Any]:
    """``real``, except that a call from the PNG backend raises as a changed signature."""

    def changed(*args: Any, **kwargs: Any) -> Any:
        if sys._getframe(1).f_globals.get("__name__") == png.__name__:
            calls.append(name)
            raise TypeError(f"{name}(): incompatible function arguments")
        return real(*args, **kwargs)

    return changed


def _break_method(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(owner, name, _changed(getattr(owner, name), name, calls))
    return calls


def _break_name(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(png, name, _changed(getattr(png, name), name, calls))
    return calls


def _break_renderer(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """RendererAgg with its methods, but a constructor that takes other arguments."""
    calls: list[str] = []
    real = png.RendererAgg

    class Changed:
        draw_path = real.draw_path
        draw_text_image = real.draw_text_image

        def __init__(self, *args: object) -> None:
            calls.append("RendererAgg")
            raise TypeError("RendererAgg(): incompatible constructor arguments")

    monkeypatch.setattr(png, "RendererAgg", Changed)
    return calls


# (what to break, the call the warning names)
PNG_BREAKS: dict[str, tuple[Callable[[pytest.MonkeyPatch], list[str]], str]] = {
    "_layout": (lambda mp: _break_method(mp, png.FT2Font, "_layout"), "FT2Font._layout"),
    "_set_transform": (
        lambda mp: _break_method(mp, png.FT2Font, "_set_transform"),
        "FT2Font._set_transform",
    ),
    "_render_glyph": (
        lambda mp: _break_method(mp, png.FT2Font, "_render_glyph"),
        "FT2Font._render_glyph",
    ),
    "draw_path": (
        lambda mp: _break_method(mp, png.RendererAgg, "draw_path"),
        "RendererAgg.draw_path",
    ),
    "draw_text_image": (
        lambda mp: _break_method(mp, png.RendererAgg, "draw_text_image"),
        "RendererAgg.draw_text_image",
    ),
    "RendererAgg": (_break_renderer, "RendererAgg"),
    "CapStyle": (lambda mp: _break_name(mp, "CapStyle"), "matplotlib._enums"),
}


# Every break on the scene with every primitive; one on the poster with right-to-left text
# and fallback fonts (a second each: it is drawn three times on the public route).
BREAK_CASES = [*(("every_primitive", b) for b in sorted(PNG_BREAKS)), ("ar", "_layout")]


@pytest.mark.parametrize(("name", "broken"), BREAK_CASES)
def test_a_failing_private_drawing_call_falls_back_once_to_the_same_png(
    monkeypatch: pytest.MonkeyPatch, broken: str, name: str
) -> None:
    picture = scene(name)
    with _shortcuts.public_route():
        expected = render_scene(picture, "png", scale=1)
    assert _shortcuts.on(_shortcuts.DRAWING)  # the public route was only borrowed
    brake, call = PNG_BREAKS[broken]
    calls = brake(monkeypatch)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = render_scene(picture, "png", scale=1)
        second = render_scene(picture, "png", scale=1)
    assert first == second == expected
    assert calls == [broken]  # tried once; the second render went straight to the public route
    assert not _shortcuts.on(_shortcuts.DRAWING)
    assert _shortcuts.on(_shortcuts.MEASURING)  # measuring keeps its own shortcut
    (message,) = shortcut_warnings(caught)
    assert message.startswith(f"drawing PNG: the private call {call}")
    assert "raised TypeError" in message and VERSIONS in message


def test_a_private_drawing_call_missing_from_matplotlib_falls_back_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    picture = every_primitive()
    expected = render_scene(picture, "png")
    # as if a release renamed one (matplotlib's own Agg code would follow the rename)
    calls = {**png._PRIVATE_CALLS, "FT2Font": ("_layout", "_set_transform", "_render_glyph2")}
    monkeypatch.setattr(png, "_PRIVATE_CALLS", calls)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert render_scene(picture, "png") == expected
        assert render_scene(picture, "png") == expected
    (message,) = shortcut_warnings(caught)
    assert message.startswith("drawing PNG: the private call FT2Font._render_glyph2 is missing")
    assert VERSIONS in message


def test_an_error_of_the_scene_itself_is_no_fallback() -> None:
    # Errors raised outside the private calls (here a colour no backend draws) are the
    # scene's: they reach the caller as before and leave the shortcut on.
    bad = Scene(100, 50, "#FFFFFF", (Rect(0, 0, 10, 10, "red"),))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValueError, match="not a colour a backend can draw"):
            render_scene(bad, "png")
    assert shortcut_warnings(caught) == []
    assert _shortcuts.on(_shortcuts.DRAWING)


# --- measuring -----------------------------------------------------------------------------


class _ChangedFont:
    """A font from Pillow's core with one member changed the way a release might."""

    def __init__(self, font: Any, broken: str) -> None:
        self._font = font
        self._broken = broken

    def getlength(self, *args: Any) -> Any:
        if self._broken == "getlength":
            raise TypeError("getlength() takes at most 3 arguments (5 given)")
        return self._font.getlength(*args)

    @property
    def ascent(self) -> int:
        if self._broken == "ascent":
            raise AttributeError("'ImagingFont' object has no attribute 'ascent'")
        return int(self._font.ascent)

    @property
    def descent(self) -> int:
        return int(self._font.descent)


class _ChangedCore:
    """``PIL._imagingft`` with one call changed."""

    HAVE_RAQM = _imagingft.HAVE_RAQM

    def __init__(self, broken: str) -> None:
        self.broken = broken
        self.calls: list[str] = []

    def getfont(self, *args: Any, **kwargs: Any) -> Any:
        if self.broken == "getfont":
            self.calls.append("getfont")
            raise TypeError("getfont() got an unexpected keyword argument 'layout_engine'")
        return _ChangedFont(_imagingft.getfont(*args, **kwargs), self.broken)


SAMPLES = [
    "Designing and Implementing Microsoft DevOps Solutions",
    "AVATAR Wave",
    "naïve café – ✓",
    "مرحبا بالعالم",
    "認定資格への道",
    "Learn مرحبا 認定",
]
FILES = [("DejaVuSans.ttf", "regular"), ("DejaVuSans-Bold.ttf", "bold")]


def _measure_everything() -> tuple[list[float], list[tuple[int, int]]]:
    widths = [
        text_module._reference_width(sample, file, weight)  # type: ignore[arg-type]
        for sample in SAMPLES
        for file, weight in FILES
    ]
    metrics = [
        text_module._pil_font(file, size).getmetrics() for file, _ in FILES for size in (12, 20)
    ]
    return widths, metrics


@pytest.mark.parametrize("broken", ["getfont", "getlength", "ascent"])
def test_a_failing_private_measuring_call_falls_back_once_to_the_same_widths(
    monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    with _shortcuts.public_route():
        expected = _measure_everything()
    _forget_faces()
    core = _ChangedCore(broken)
    monkeypatch.setattr(text_module, "_CORE", core)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert _measure_everything() == expected
        assert _measure_everything() == expected
    assert not _shortcuts.on(_shortcuts.MEASURING)
    assert _shortcuts.on(_shortcuts.DRAWING)
    (message,) = shortcut_warnings(caught)
    assert message.startswith("measuring text: the private call PIL._imagingft")
    assert VERSIONS in message and "PIL.ImageFont is used from now on" in message
    if broken == "getfont":
        assert core.calls == ["getfont"]  # never tried again


def test_both_routes_measure_every_example_line_the_same() -> None:
    # The measuring tests run on both routes; this holds them to the same widths over
    # every line the examples draw, in every script they use.
    lines: set[tuple[str, str, str]] = set()
    specs = [*(ROOT / "specs").glob("*.yaml"), *(ROOT / "examples" / "world").glob("*.yaml")]
    for spec in sorted(specs):
        built = jg.build_scene(jg.load(spec), base_dir=spec.parent)
        lines.update((line, t.font.file, t.font.weight) for t in _texts(built) for line in t.lines)
    assert len(lines) > 500

    def widths() -> list[float]:
        _forget_faces()
        return [text_module._reference_width(*line) for line in sorted(lines)]  # type: ignore[arg-type]

    private = widths()
    with _shortcuts.public_route():
        public = widths()
    assert private == public


def _texts(built: Scene) -> Iterator[Text]:
    def walk(items: tuple[Item, ...]) -> Iterator[Text]:
        for item in items:
            if isinstance(item, Link):
                yield from walk(item.items)
            elif isinstance(item, Text):
                yield item

    return walk(built.items)


# --- the command line ----------------------------------------------------------------------

_BREAK_LAYOUT = """
import sys
from matplotlib.ft2font import FT2Font
real = FT2Font._layout
def changed(*args, **kwargs):
    if sys._getframe(1).f_globals.get("__name__") == "journeygraphic.backends.png":
        raise TypeError("_layout(): incompatible function arguments")
    return real(*args, **kwargs)
FT2Font._layout = changed
"""
_BREAK_CORE = """
from PIL import _imagingft
import journeygraphic.text as text
class Core:
    HAVE_RAQM = _imagingft.HAVE_RAQM
    def getfont(self, *args, **kwargs):
        raise TypeError("getfont() takes at most 4 arguments (5 given)")
text._CORE = Core()
"""
_MAIN = "\nfrom journeygraphic.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def _cli(code: str, spec: str, out: Path) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-c", "import sys\n" + code + _MAIN, spec, "-o", str(out)]
    environment = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        argv, check=False, cwd=ROOT, env=environment, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("code", "spec", "fmt", "what"),
    [
        (_BREAK_LAYOUT, "examples/world/ar.yaml", "png", "drawing PNG: the private call FT2Font"),
        pytest.param(
            _BREAK_CORE,
            "examples/world/ja.yaml",
            "svg",
            "measuring text: the private call PIL",
            marks=needs.CJK_FONT,  # else a missing-glyph warning joins the line
        ),
    ],
    ids=["png", "measuring"],
)
def test_the_cli_falls_back_with_one_warning_line_and_the_same_file(
    tmp_path: Path, code: str, spec: str, fmt: str, what: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    done = _cli(code, spec, out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"warning: {spec}: {what}") and VERSIONS in line
    with _shortcuts.public_route():
        assert out.read_bytes() == jg.render(jg.load(ROOT / spec), fmt)


@pytest.mark.parametrize(("value", "off"), [("1", True), ("0", False), ("", False)])
def test_the_environment_switch_takes_the_public_routes_from_the_start(
    monkeypatch: pytest.MonkeyPatch, value: str, off: bool
) -> None:
    monkeypatch.setenv(_shortcuts.PUBLIC_ROUTE_ENV, value)
    expected = {_shortcuts.DRAWING, _shortcuts.MEASURING} if off else set()
    assert _shortcuts._off_from_environment() == expected

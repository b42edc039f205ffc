"""A real browser confirms the SVG: headless Chromium measures every text line we wrote.

The SVG (with its fonts embedded) goes inline into an XHTML page whose script waits for the
fonts, takes ``getBBox()`` of every ``<tspan>`` and writes the numbers into the page;
``chromium --dump-dom`` hands the page back. The scene says which box each line must stay
in: the n-th ``<text>`` of the document is the n-th Text of ``scene.walk()``, the m-th
``<tspan>`` its m-th line (checked by their words). Needs Debian's ``chromium``; skipped,
saying so, where it is missing.
"""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

import journeygraphic as jg
import needs
from journeygraphic.backends import render_scene
from journeygraphic.scene import Scene, Text
from svgcheck import assert_inert_svg

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = needs.which("chromium", "chromium-browser", "google-chrome")
pytestmark = needs.CHROMIUM  # the real-browser checks of the SVG
TOLERANCE = 1.01  # px: Chromium rounds some text boxes out to whole pixels
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio"]

MEASURE = r"""
async function measure() {
  await Promise.all([...document.fonts].map(f => f.load()));
  await document.fonts.ready;
  const faces = [...document.fonts].map(f => [f.family, f.weight, f.status]);
  const lines = [];
  document.querySelectorAll('svg text').forEach((text, i) => {
    text.querySelectorAll('tspan').forEach((span, j) => {
      const b = span.getBBox();
      lines.push([i, j, b.x, b.y, b.width, b.height, span.textContent]);
    });
  });
  // the smallest filled, closed path holding a line's centre is the shape it sits on;
  // every corner of the line's box must be in that path's fill (not just its bounding box)
  const svg = document.querySelector('svg');
  const shapes = [...document.querySelectorAll('svg path')]
    .filter(p => p.getAttribute('fill') && p.getAttribute('fill') !== 'none'
                 && /z\s*$/i.test(p.getAttribute('d')))
    .map(p => { const b = p.getBBox(); return [b.width * b.height, p]; })
    .sort((a, b) => a[0] - b[0]).map(pair => pair[1]);
  const point = (x, y) => { const q = svg.createSVGPoint(); q.x = x; q.y = y; return q; };
  const inShapes = [];
  lines.forEach(([i, j, x, y, w, h, words]) => {
    if (!words.trim()) return;
    const holder = shapes.find(p => p.isPointInFill(point(x + w / 2, y + h / 2)));
    if (!holder) return;
    const t = 1.0;  // px, as the box check's tolerance: anti-aliased edges
    const corners = [[x + t, y + t], [x + w - t, y + t],
                     [x + t, y + h - t], [x + w - t, y + h - t]];
    const out = corners.filter(([cx, cy]) => !holder.isPointInFill(point(cx, cy))).length;
    inShapes.push([i, j, words, out]);
  });
  document.getElementById('out').textContent =
    JSON.stringify({faces: faces, lines: lines, shapes: inShapes});
}
measure().catch(e => { document.getElementById('out').textContent = 'error: ' + e; });
"""


def _chromium(args: list[str], tmp_path: Path) -> str:
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return done.stdout.decode("utf-8")


def measure_in_chromium(svg: bytes, tmp_path: Path) -> dict[str, Any]:
    """Fonts the page loaded and every tspan's box, as Chromium lays the SVG out."""
    inline = svg.decode("utf-8").split("\n", 1)[1]  # the <svg> element, no XML declaration
    page = tmp_path / "page.xhtml"  # XHTML: the SVG is parsed as the XML it is
    page.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>measure</title></head>'
        f'<body style="margin:0">{inline}<pre id="out">pending</pre>'
        f"<script><![CDATA[{MEASURE}]]></script></body></html>",
        encoding="utf-8",
    )
    dom = _chromium(["--virtual-time-budget=10000", "--dump-dom", page.as_uri()], tmp_path)
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, re.DOTALL)
    assert found, "Chromium returned no page"
    result = html.unescape(found.group(1))
    assert result.startswith("{"), f"the measuring script did not finish: {result[:200]}"
    return dict(json.loads(result))


def _texts(scene: Scene) -> list[Text]:
    return [item for item in scene.walk() if isinstance(item, Text)]


def _escapes(scene: Scene, lines: list[list[Any]]) -> list[str]:
    """Lines whose browser box leaves the box their Text must stay in."""
    texts = _texts(scene)
    problems = []
    for i, j, x, y, w, h, words in lines:
        text = texts[i]
        assert words == text.lines[j].replace("\r", ""), "tspans and scene lines differ"
        if text.bounds is None or not words.strip():
            continue
        b = text.bounds
        over = max(b.x - x, x + w - b.right, b.y - y, y + h - b.bottom)
        if over > TOLERANCE:
            problems.append(f"{words!r} at {(x, y, w, h)} leaves {b} by {over:.2f}px")
    return problems


def _too_wide(scene: Scene, lines: list[list[Any]]) -> list[str]:
    """Lines the browser draws wider than layout measured them (layout must not be short)."""
    texts = _texts(scene)
    return [
        f"{words!r}: {w:.1f} > {texts[i].widths[j]:.1f}"
        for i, j, _, _, w, _, words in lines
        if words.strip() and w > texts[i].widths[j] + 0.5
    ]


JOURNEYS = Path(__file__).parent / "journeys"
CASES = [
    ("az400", ROOT / "specs" / "az400.yaml", "poster", 1600),
    ("az400", ROOT / "specs" / "az400.yaml", "vertical", 480),
    ("features", ROOT / "examples" / "features.yaml", "poster", 1600),
    ("features", ROOT / "examples" / "features.yaml", "compact", 1200),
    ("ja", ROOT / "examples" / "world" / "ja.yaml", "poster", 1600),  # CJK fallback faces
    ("mixed", ROOT / "examples" / "world" / "mixed.yaml", "vertical", 480),
    ("kubernetes", JOURNEYS / "kubernetes.yaml", "poster", 1200),  # two-line ribbons
]


@pytest.mark.parametrize(("name", "spec", "layout", "width"), CASES)
def test_every_line_stays_in_its_box_in_chromium(
    name: str, spec: Path, layout: str, width: int, tmp_path: Path
) -> None:
    scene = jg.build_scene(jg.load(spec), layout=layout, width=width)
    svg = render_scene(scene, "svg", embed_fonts=True)
    assert_inert_svg(svg)
    result = measure_in_chromium(svg, tmp_path)
    # the embedded faces, and only they, loaded: the browser drew with our fonts
    embedded = re.findall(r"font-family:'([^']+)';font-weight:(\w+)", svg.decode())
    assert ("DejaVu Sans", "normal") in embedded
    assert sorted(result["faces"]) == sorted([*face, "loaded"] for face in embedded)
    lines = result["lines"]
    assert len({line[0] for line in lines}) == len(_texts(scene))
    assert len(lines) == sum(len(t.lines) for t in _texts(scene))
    assert _escapes(scene, lines) == []
    assert _too_wide(scene, lines) == []
    # text on a badge is checked against the shield's outline, as check.outside_shapes does
    on_shapes = result["shapes"]
    assert [words for _, _, words, out in on_shapes if out] == []
    if layout != "vertical":  # every case but these draws a badge
        assert any(words == "EXPERT" or words.isupper() for _, _, words, _ in on_shapes)


def test_the_box_check_notices_a_line_that_escapes(tmp_path: Path) -> None:
    scene = jg.build_scene(jg.load(ROOT / "specs" / "az400.yaml"))
    lines = measure_in_chromium(render_scene(scene, "svg", embed_fonts=True), tmp_path)["lines"]
    moved = [[i, j, x + 400, y, w, h, words] for i, j, x, y, w, h, words in lines]
    assert _escapes(scene, moved)
    assert _too_wide(scene, [[i, j, x, y, w * 1.1, h, s] for i, j, x, y, w, h, s in lines])


def test_chromium_draws_the_svg_like_our_png(tmp_path: Path) -> None:
    # Measured with Chromium 156 and matplotlib 3.11: mean difference 2.1 of 255 (text
    # anti-aliasing); a wrong font, a shifted shape or a missing element shows far above.
    journey = jg.load(ROOT / "specs" / "az400.yaml")
    scene = jg.build_scene(journey)
    svg = tmp_path / "az400.svg"
    svg.write_bytes(render_scene(scene, "svg", embed_fonts=True))
    shot = tmp_path / "chromium.png"
    size = f"{int(scene.width)},{int(scene.height)}"
    _chromium([f"--screenshot={shot}", f"--window-size={size}", svg.as_uri()], tmp_path)
    theirs = np.asarray(Image.open(shot).convert("RGB"), dtype=float)
    ours = Image.open(io.BytesIO(render_scene(scene, "png"))).convert("RGB")
    assert theirs.shape == np.asarray(ours).shape
    assert np.abs(theirs - np.asarray(ours, dtype=float)).mean() < 3.5

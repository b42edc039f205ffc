"""Backends tested from hand-written scenes: structure, inertness, pixels, determinism."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path as FilePath

import pytest
from PIL import Image

import journeygraphic
from journeygraphic import geometry
from journeygraphic.backends import FORMATS, _geometry, render_scene
from journeygraphic.icons import BOX, ICONS, icon_commands
from journeygraphic.model import ICON_NAMES
from journeygraphic.scene import Circle, Font, Icon, Link, Path, Rect, Scene, Text
from svgcheck import SVG_NS, XLINK_NS, assert_inert_svg, check_svg

NS = {"s": SVG_NS}
SRC = str(FilePath(journeygraphic.__file__).resolve().parent.parent)
REGULAR = Font("DejaVu Sans", "DejaVuSans.ttf", 16)
BOLD = Font("DejaVu Sans", "DejaVuSans-Bold.ttf", 20, "bold")
WHITE = "#FFFFFF"


def scene_of(*items: object, width: float = 200, height: float = 100) -> Scene:
    return Scene(width, height, WHITE, tuple(items), "A title", "A description")  # type: ignore[arg-type]


def text(lines: tuple[str, ...], x: float = 10, y: float = 30, font: Font = REGULAR) -> Text:
    return Text(x, y, lines, font, "#1B1B1B", 20)


def every_primitive() -> Scene:
    return scene_of(
        Rect(10, 10, 80, 40, "#EBEBEB", "#0078D4", 2, radius=8, dash=(4, 2)),
        Circle(150, 30, 12, "#0078D4", "#002050", 1.5),
        Path((("M", 10, 70), ("C", 40, 90, 80, 50, 120, 70)), "#75767B", 3, arrow_end=True),
        Icon("laptop", 160, 60, 24, "#1B1B1B"),
        Link("https://learn.microsoft.com/", (text(("Learn",), 20, 90, BOLD),), "Open Learn"),
        text(("one", "two")),
        width=200,
        height=110,
    )


def svg_root(scene: Scene) -> ET.Element:
    return ET.fromstring(render_scene(scene, "svg"))


def tspans(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iterfind(".//s:tspan", NS)]


def png_image(scene: Scene, scale: float = 1.0) -> Image.Image:
    return Image.open(io.BytesIO(render_scene(scene, "png", scale=scale))).convert("RGB")


def run_python(code: str, **env: str) -> str:
    full_env = {**os.environ, "PYTHONPATH": SRC, **env}
    done = subprocess.run(
        [sys.executable, "-c", code], env=full_env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


# --- geometry ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.0, "0"),
        (-0.001, "0"),
        (-0.0, "0"),
        (1.5, "1.5"),
        (2.0, "2"),
        (1.005e-7, "0"),
        (1e21, "1000000000000000000000"),
        (-3.14159, "-3.14"),
        (10.1, "10.1"),
    ],
)
def test_fmt_is_fixed_and_never_negative_zero(value: float, expected: str) -> None:
    assert _geometry.fmt(value) == expected


def test_fmt_rejects_non_finite() -> None:
    with pytest.raises(ValueError, match="non-finite"):
        _geometry.fmt(float("nan"))


def test_radius_is_clamped_to_half_the_smaller_side() -> None:
    assert geometry.clamp_radius(100, 10, 30) == 5
    assert geometry.clamp_radius(100, 10, -3) == 0
    xs = [float(v) for c in geometry.rect_commands(0, 0, 100, 10, 30) for v in c[1::2]]
    assert min(xs) == 0 and max(xs) == 100


def test_circle_passes_through_its_four_extremes() -> None:
    ends = {
        (round(float(c[-2]), 6), round(float(c[-1]), 6))
        for c in geometry.circle_commands(5, 5, 2)[1:-1]
    }
    assert ends == {(5.0, 7.0), (3.0, 5.0), (5.0, 3.0), (7.0, 5.0)}


def test_arrowhead_tip_is_the_path_end_pointing_along_the_last_segment() -> None:
    trimmed, head = _geometry.arrowhead((("M", 0, 0), ("L", 100, 0)), 2)
    assert head[0] == ("M", 100.0, 0.0)
    base_xs = {float(c[1]) for c in head[1:3]}
    assert base_xs == {100 - 8.0}  # length 4 × stroke width, behind the tip
    assert float(trimmed[-1][1]) < 100  # the line stops inside the head


def test_arrowhead_follows_a_curve_s_final_tangent() -> None:
    _, head = _geometry.arrowhead((("M", 0, 0), ("C", 0, 50, 50, 100, 50, 50)), 1)
    tip, base = head[0], head[1:3]
    mid_y = sum(float(c[2]) for c in base) / 2
    assert tip[1:] == (50.0, 50.0) and mid_y > 50  # the curve arrives moving up (y down)


def test_arrowhead_refuses_a_closed_path() -> None:
    with pytest.raises(ValueError, match="open path"):
        _geometry.arrowhead((("M", 0, 0), ("L", 1, 0), ("Z",)), 1)


def test_bad_path_commands_are_named() -> None:
    with pytest.raises(ValueError, match="bad path command"):
        _geometry.normalise((("M", 0, 0), ("Q", 1, 1, 2, 2)))


# --- icons ---------------------------------------------------------------------------------


def test_every_model_icon_exists_and_nothing_else() -> None:
    assert set(ICONS) == set(ICON_NAMES)


@pytest.mark.parametrize("name", sorted(ICONS))
def test_icon_stays_in_its_box(name: str) -> None:
    numbers = [float(v) for command in ICONS[name] for v in command[1:]]
    assert numbers and all(0 <= v <= BOX for v in numbers)
    assert ICONS[name][0][0] == "M"


def test_icon_commands_scale_and_move() -> None:
    big = icon_commands(Icon("check", 100, 200, 48, "#000000"))
    xs = [float(c[1]) for c in big if c[0] != "Z"]
    assert min(xs) >= 100 and max(xs) <= 148


def test_unknown_icon_is_named() -> None:
    with pytest.raises(ValueError, match="unknown icon 'rocket'"):
        icon_commands(Icon("rocket", 0, 0, 24, "#000000"))


# --- registry ------------------------------------------------------------------------------


def test_unknown_format_lists_the_allowed_ones() -> None:
    with pytest.raises(ValueError, match="svg, png, pdf, md, txt"):
        render_scene(every_primitive(), "gif")
    assert FORMATS == ("svg", "png", "pdf", "md", "txt")


def test_svg_does_not_import_matplotlib() -> None:
    code = (
        "import sys\n"
        "from journeygraphic.backends import render_scene\n"
        "from journeygraphic.scene import Scene, Rect\n"
        "render_scene(Scene(10, 10, '#FFFFFF', (Rect(1, 1, 5, 5, '#FF0000'),)), 'svg')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    assert run_python(code) == "[]"


# --- SVG -----------------------------------------------------------------------------------


def test_svg_root_is_labelled_for_screen_readers() -> None:
    data = render_scene(every_primitive(), "svg")
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<svg')
    root = ET.fromstring(data)
    assert root.get("role") == "img"
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == (
        "200",
        "110",
        "0 0 200 110",
    )
    ids = root.get("aria-labelledby", "").split()
    labels = {
        e.get("id"): e.text for e in root if e.tag in (f"{{{SVG_NS}}}title", f"{{{SVG_NS}}}desc")
    }
    assert [labels.get(i) for i in ids] == ["A title", "A description"]


def test_svg_scale_changes_size_not_view_box() -> None:
    root = ET.fromstring(render_scene(every_primitive(), "svg", scale=2))
    assert (root.get("width"), root.get("viewBox")) == ("400", "0 0 200 110")


def test_ids_come_from_content_so_two_pictures_can_share_a_page() -> None:
    a = svg_root(every_primitive()).get("id")
    b = svg_root(scene_of(Rect(0, 0, 1, 1, "#000000"))).get("id")
    assert a and b and a != b and a.startswith("jg-")


def test_tspans_carry_the_lines_at_their_baselines() -> None:
    root = svg_root(scene_of(text(("first line", "second line"), x=12, y=30)))
    spans = root.findall(".//s:tspan", NS)
    assert [(s.text, s.get("x"), s.get("y")) for s in spans] == [
        ("first line", "12", "30"),
        ("second line", "12", "50"),
    ]


def test_text_attributes() -> None:
    root = svg_root(scene_of(Text(50, 20, ("x",), BOLD, "#0078D4", 24, "middle")))
    element = root.find(".//s:text", NS)
    assert element is not None
    assert element.attrib == {
        "font-family": "DejaVu Sans",
        "font-size": "20",
        "font-weight": "bold",
        "fill": "#0078D4",
        "text-anchor": "middle",
    }
    regular = svg_root(scene_of(text(("x",)))).find(".//s:text", NS)
    assert regular is not None and "font-weight" not in regular.attrib


def test_special_characters_are_escaped_text_not_markup() -> None:
    lines = ('<script>alert("x")</script>', "Tom & Jerry's", "$5 to $10")
    data = render_scene(scene_of(text(lines)), "svg")
    assert b"&lt;script&gt;" in data and b"&amp; Jerry" in data
    root = ET.fromstring(data)
    assert tspans(root) == list(lines)
    assert not [e for e in root.iter() if e.tag.endswith("script")]


def test_quotes_in_attributes_are_escaped() -> None:
    font = Font("'DejaVu Sans', \"Odd\" <Family>", "DejaVuSans.ttf", 12)
    data = render_scene(scene_of(Text(0, 20, ("q",), font, "#000000", 14)), "svg")
    assert b"&quot;Odd&quot; &lt;Family&gt;" in data
    element = ET.fromstring(data).find(".//s:text", NS)
    assert element is not None and element.get("font-family") == font.family


# Every character an XML parser treats specially, every C0/C1 control, bidi controls,
# separators, noncharacters and a lone surrogate: what survives must come back intact.
_HOSTILE = (
    "&amp; &#60; &lt; <![CDATA[x]]> ]]> <!-- c --> <?pi?> <a href='x'> \"q\" 'a' \t\n\r\n "
    + "".join(map(chr, range(0x20)))
    + "".join(map(chr, range(0x7F, 0xA0)))
    + "\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069\ufeff\ud800\udfff\ufffe\uffff end"
)


def _kept(value: str) -> str:
    """What an XML parser gives back for ``value`` after the backend cleaned it."""
    from journeygraphic.backends.svg import _clean

    return _clean(value)


def test_hostile_text_round_trips_through_an_xml_parser() -> None:
    line = "line " + _HOSTILE
    link = Link("https://example.com/?a=1&b=2", (text((line, _HOSTILE)),), "tip " + _HOSTILE)
    scene = Scene(100, 50, WHITE, (link,), "title " + _HOSTILE, "desc " + _HOSTILE)
    root = ET.fromstring(render_scene(scene, "svg"))
    assert tspans(root) == [_kept(line), _kept(_HOSTILE)]
    assert [e.text for e in root][:2] == [_kept("title " + _HOSTILE), _kept("desc " + _HOSTILE)]
    anchor = root.find("s:a", NS)
    assert anchor is not None
    assert [e.text for e in anchor.findall("s:title", NS)] == [_kept("tip " + _HOSTILE)]
    assert anchor.get("href") == "https://example.com/?a=1&b=2"
    tags = ["svg", "title", "desc", "rect", "a", "title", "text", "tspan", "tspan"]
    assert [e.tag.split("}")[1] for e in root.iter()] == tags


def test_attribute_values_cannot_break_out() -> None:
    family = 'X" onload="alert(1)" a=\'b\' <c>&lt\n\t\r y'  # no ';': svgcheck
    href = "https://example.com/\"><script>alert(1)</script>?q='x'&r=\t\n"
    font = Font(family, "DejaVuSans.ttf", 12)
    link = Link(href, (Text(0, 20, ("q",), font, "#000000", 14),))
    data = render_scene(scene_of(link), "svg")
    root = ET.fromstring(data)
    anchor = root.find("s:a", NS)
    element = root.find(".//s:text", NS)
    assert anchor is not None and element is not None
    assert element.get("font-family") == _kept(family)  # newline and tab kept, not spaces
    assert set(element.attrib) == {"font-family", "font-size", "fill", "text-anchor"}
    assert anchor.get("href") == anchor.get(f"{{{XLINK_NS}}}href") == _kept(href).strip()
    assert set(anchor.attrib) == {"href", f"{{{XLINK_NS}}}href", "target", "rel"}
    assert not [e for e in root.iter() if e.tag.endswith("script")]


def test_xml_writer_escapes_like_elementtree() -> None:
    from journeygraphic.backends._xml import container, element

    value = "".join(map(chr, range(1, 0x80))) + "\u2028\ufeff é"
    tree = ET.Element("g", {"a": "1", "b": value})  # svgwrite gave ElementTree sorted names
    ET.SubElement(tree, "title").text = value
    ET.SubElement(tree, "path", {"d": "M0 0"})
    ET.SubElement(tree, "empty")
    tree.text = "\n"
    for child in tree:
        child.tail = "\n"
    ours = container(
        "g",
        {"b": value, "a": "1", "skipped": ""},
        [element("title", {}, value), element("path", {"d": "M0 0"}), element("empty", {})],
    )
    assert ours == ET.tostring(tree, encoding="unicode")


def test_svg_backend_loads_no_xml_library_or_svgwrite() -> None:
    code = (
        "import sys\n"
        "from journeygraphic.backends import render_scene\n"
        "from journeygraphic.scene import Scene, Rect\n"
        "render_scene(Scene(10, 10, '#FFFFFF', (Rect(1, 1, 5, 5, '#FF0000'),)), 'svg')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('svgwrite', 'xml')))\n"
    )
    assert run_python(code) == "[]"


def test_control_and_bidi_characters_are_stripped() -> None:
    scene = Scene(100, 50, WHITE, (text(("Start\u202ehere\x07!",)),), "Ti\x00tle", "de\u2066sc")
    root = ET.fromstring(render_scene(scene, "svg"))
    assert tspans(root) == ["Starthere!"]
    assert [e.text for e in root][:2] == ["Title", "desc"]


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " java\tscript:x",
        "data:text/html,<b>",
        "//evil.example",
    ],
)
def test_unsafe_links_are_dropped_but_their_items_kept(href: str) -> None:
    root = svg_root(scene_of(Link(href, (text(("click me",)),))))
    assert root.find(".//s:a", NS) is None
    assert tspans(root) == ["click me"]
    assert b"script:" not in render_scene(scene_of(Link(href, ())), "svg").lower()


def test_safe_link_wraps_items_with_noopener() -> None:
    root = svg_root(scene_of(Link("https://example.com/?a=1&b=2", (text(("go",)),), "Tip")))
    anchor = root.find(".//s:a", NS)
    assert anchor is not None
    assert anchor.get("href") == anchor.get(f"{{{XLINK_NS}}}href") == "https://example.com/?a=1&b=2"
    assert anchor.get("rel") == "noopener noreferrer"
    assert [t.text for t in anchor.iterfind(".//s:tspan", NS)] == ["go"]
    title = anchor.find("s:title", NS)
    assert title is not None and title.text == "Tip"


def test_nested_links_keep_only_the_outer_anchor() -> None:
    inner = Link("https://inner.example", (text(("in",)),))
    root = svg_root(scene_of(Link("https://outer.example", (inner,))))
    assert [a.get("href") for a in root.iterfind(".//s:a", NS)] == ["https://outer.example"]
    assert tspans(root) == ["in"]


def test_every_primitive_passes_the_allowlist() -> None:
    data = render_scene(every_primitive(), "svg")
    assert_inert_svg(data)
    names = {e.tag.split("}")[1] for e in ET.fromstring(data).iter()}
    assert {"rect", "circle", "path", "text", "tspan", "a", "title", "desc"} <= names


def test_allowlist_checker_catches_what_it_should() -> None:
    bad = (
        f'<svg xmlns="{SVG_NS}"><script>x</script><rect onclick="x" fill="url(#g)"/>'
        f'<a href="javascript:x"/><foreignObject/><text x="1e3"/></svg>'
    ).encode()
    problems = "\n".join(check_svg(bad))
    for needle in ("<script>", "onclick", "url(#g)", "unsafe link", "<foreignObject>", "1e3"):
        assert needle in problems


def test_bad_colour_is_refused_not_written() -> None:
    with pytest.raises(ValueError, match="not a colour"):
        render_scene(scene_of(Rect(0, 0, 5, 5, "url(https://evil.example/x)")), "svg")


def test_rounded_rect_radius_is_clamped_in_svg_too() -> None:
    rect = svg_root(scene_of(Rect(0, 0, 100, 10, WHITE, radius=30))).findall(".//s:rect", NS)[-1]
    assert (rect.get("rx"), rect.get("ry")) == ("5", "5")


def test_arrow_is_a_polygon_in_the_stroke_colour_not_a_marker() -> None:
    data = render_scene(every_primitive(), "svg")
    assert b"marker" not in data
    paths = ET.fromstring(data).findall(".//s:path", NS)
    head = paths[1]
    assert head.get("fill") == "#75767B" and head.get("d", "").endswith("Z")


def test_icon_is_an_unfilled_round_path() -> None:
    path = svg_root(scene_of(Icon("check", 0, 0, 24, "#123456", 2))).find(".//s:path", NS)
    assert path is not None
    assert (path.get("fill"), path.get("stroke"), path.get("stroke-width")) == (
        "none",
        "#123456",
        "2",
    )
    assert path.get("stroke-linecap") == path.get("stroke-linejoin") == "round"


def test_svg_is_byte_identical_run_to_run() -> None:
    first = render_scene(every_primitive(), "svg")
    assert render_scene(every_primitive(), "svg") == first
    code = (
        "import hashlib\n"
        "from test_backends import every_primitive\n"
        "from journeygraphic.backends import render_scene\n"
        "print(hashlib.sha256(render_scene(every_primitive(), 'svg')).hexdigest())\n"
    )
    tests = str(FilePath(__file__).parent)
    hashes = {run_python(code, PYTHONHASHSEED=seed, PYTHONPATH=f"{SRC}:{tests}") for seed in "12"}
    assert hashes == {hashlib.sha256(first).hexdigest()}


# --- SVG with embedded fonts ---------------------------------------------------------------

FONT_RULE = re.compile(
    r"font-family:'([^']+)';font-weight:(\w+);src:url\(data:font/woff;base64,([^)]+)\)"
)


def embedded_fonts(data: bytes) -> dict[tuple[str, str], set[int]]:
    """(family, weight) -> the code points the embedded WOFF maps to glyphs."""
    from fontTools.ttLib import TTFont

    style = ET.fromstring(data).find("s:defs/s:style", NS)
    assert style is not None and style.text
    out = {}
    for family, weight, encoded in FONT_RULE.findall(style.text):
        raw = base64.b64decode(encoded)
        assert raw[:4] == b"wOFF"
        out[(family, weight)] = set(TTFont(io.BytesIO(raw)).getBestCmap())
    return out


def test_embedded_fonts_hold_just_the_characters_drawn() -> None:
    scene = scene_of(text(("Aab",)), text(("Zz",), font=BOLD))
    data = render_scene(scene, "svg", embed_fonts=True)
    assert_inert_svg(data)
    assert embedded_fonts(data) == {
        ("DejaVu Sans", "normal"): set(map(ord, "Aab ")),
        ("DejaVu Sans", "bold"): set(map(ord, "Zz ")),
    }


def test_embedding_adds_one_style_in_defs_and_changes_nothing_else() -> None:
    plain = ET.fromstring(render_scene(every_primitive(), "svg"))
    embedded = ET.fromstring(render_scene(every_primitive(), "svg", embed_fonts=True))
    assert [c.tag for c in embedded][:3] == [f"{{{SVG_NS}}}{n}" for n in ("title", "desc", "defs")]
    defs = embedded.find("s:defs", NS)
    assert defs is not None and [c.tag for c in defs] == [f"{{{SVG_NS}}}style"]
    embedded.remove(defs)
    assert ET.tostring(embedded) == ET.tostring(plain)


def test_embedded_fonts_are_off_by_default_and_byte_identical() -> None:
    assert b"<style" not in render_scene(every_primitive(), "svg")
    first = render_scene(every_primitive(), "svg", embed_fonts=True)
    assert render_scene(every_primitive(), "svg", embed_fonts=True) == first
    code = (
        "import hashlib\n"
        "from test_backends import every_primitive\n"
        "from journeygraphic.backends import render_scene\n"
        "data = render_scene(every_primitive(), 'svg', embed_fonts=True)\n"
        "print(hashlib.sha256(data).hexdigest())\n"
    )
    tests = str(FilePath(__file__).parent)
    hashes = {run_python(code, PYTHONHASHSEED=seed, PYTHONPATH=f"{SRC}:{tests}") for seed in "12"}
    assert hashes == {hashlib.sha256(first).hexdigest()}


def test_embedding_fonts_does_not_import_matplotlib() -> None:
    code = (
        "import sys\n"
        "from test_backends import every_primitive\n"
        "from journeygraphic.backends import render_scene\n"
        "render_scene(every_primitive(), 'svg', embed_fonts=True)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    tests = str(FilePath(__file__).parent)
    assert run_python(code, PYTHONPATH=f"{SRC}:{tests}") == "[]"


def test_a_scene_without_text_embeds_nothing() -> None:
    data = render_scene(scene_of(Rect(0, 0, 5, 5, WHITE)), "svg", embed_fonts=True)
    assert b"<defs" not in data and b"<style" not in data


def test_other_formats_ignore_embed_fonts() -> None:
    scene = scene_of(Rect(0, 0, 5, 5, WHITE))
    assert render_scene(scene, "png", embed_fonts=True) == render_scene(scene, "png")


def test_the_svg_backend_refuses_css_other_than_font_faces() -> None:
    from journeygraphic.backends import svg

    with pytest.raises(ValueError, match="@font-face"):
        svg._style("rect{fill:url(https://evil.example/x)}\n")
    with pytest.raises(ValueError, match="@font-face"):
        svg._style(_GOOD_RULE + "</style><script>alert(1)</script>")
    assert svg._style(_GOOD_RULE) == f"<defs>\n<style>{_GOOD_RULE}</style>\n</defs>"


_GOOD_RULE = (
    "@font-face{font-family:'DejaVu Sans';font-weight:normal;"
    "src:url(data:font/woff;base64,d09GRgAB) format('woff')}\n"
)


def _svg_with(inner: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<svg xmlns="{SVG_NS}">{inner}</svg>').encode()


def test_allowlist_takes_exactly_font_faces_in_top_defs() -> None:
    assert check_svg(_svg_with(f"<defs><style>{_GOOD_RULE}</style></defs>")) == []
    hostile = {
        "other css": f"<defs><style>{_GOOD_RULE}rect{{fill:red}}</style></defs>",
        "remote font": "<defs><style>@font-face{font-family:'X';font-weight:normal;"
        "src:url(https://evil.example/f.woff) format('woff')}\n</style></defs>",
        "not a font": "<defs><style>@font-face{font-family:'X';font-weight:normal;"
        "src:url(data:image/svg+xml;base64,PHN2Zz4=) format('woff')}\n</style></defs>",
        "import": "<defs><style>@import url(https://evil.example/x.css);</style></defs>",
        "family breaks out": "<defs><style>@font-face{font-family:'X'}body{x:1}';"
        "font-weight:normal;src:url(data:font/woff;base64,AA==) format('woff')}\n</style></defs>",
        "style outside defs": f"<style>{_GOOD_RULE}</style>",
        "defs inside a group": f"<a href='#x'><defs><style>{_GOOD_RULE}</style></defs></a>",
        "defs with a gradient": "<defs><linearGradient/></defs>",
        "style attribute": f'<defs><style type="text/css">{_GOOD_RULE}</style></defs>',
        "empty style": "<defs><style></style></defs>",
    }
    for what, inner in hostile.items():
        assert check_svg(_svg_with(inner)), f"the checker let through: {what}"


# --- PNG -----------------------------------------------------------------------------------


@pytest.mark.parametrize("scale", [1, 2])
def test_png_has_the_scene_size_times_scale(scale: int) -> None:
    assert png_image(scene_of(width=123, height=45), scale).size == (123 * scale, 45 * scale)


@pytest.mark.parametrize(("scale", "size"), [(1, (124, 46)), (2, (247, 91)), (1.5, (185, 69))])
def test_png_rounds_a_fractional_size_up(scale: float, size: tuple[int, int]) -> None:
    assert png_image(scene_of(width=123.25, height=45.5), scale).size == size


@pytest.mark.parametrize("scale", [1, 2])
def test_png_colours_where_the_rect_is_and_is_not(scale: int) -> None:
    image = png_image(scene_of(Rect(40, 20, 60, 40, "#FF0000")), scale)
    assert image.getpixel((70 * scale, 40 * scale)) == (255, 0, 0)
    assert image.getpixel((20 * scale, 40 * scale)) == (255, 255, 255)
    assert image.getpixel((110 * scale, 40 * scale)) == (255, 255, 255)


def test_png_y_points_down() -> None:
    image = png_image(scene_of(Rect(0, 0, 200, 10, "#0000FF")))
    assert image.getpixel((100, 5)) == (0, 0, 255)
    assert image.getpixel((100, 95)) == (255, 255, 255)


def dark_pixels(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    return sum(image.crop(box).convert("L").histogram()[:100])


def test_png_draws_text_where_it_says() -> None:
    image = png_image(scene_of(text(("Hello $5 to $10",), x=10, y=40)))
    assert dark_pixels(image, (10, 20, 150, 45)) > 100  # the line's ink, above the baseline
    assert dark_pixels(image, (0, 50, 200, 100)) == 0  # nothing below it


def test_png_anchors_text() -> None:
    right = png_image(scene_of(Text(190, 40, ("End",), REGULAR, "#000000", 20, "end")))
    assert dark_pixels(right, (150, 20, 192, 45)) > 20
    assert dark_pixels(right, (0, 0, 140, 100)) == 0


def test_png_metadata_is_title_and_software_only() -> None:
    data = render_scene(every_primitive(), "png")
    image = Image.open(io.BytesIO(data))
    assert image.info == {"Title": "A title", "Software": "journeygraphic"}
    assert b"tIME" not in data and b"pHYs" not in data


def test_png_is_byte_identical_across_processes() -> None:
    code = (
        "import hashlib\n"
        "from test_backends import every_primitive\n"
        "from journeygraphic.backends import render_scene\n"
        "print(hashlib.sha256(render_scene(every_primitive(), 'png', scale=1.5)).hexdigest())\n"
    )
    tests = str(FilePath(__file__).parent)
    hashes = {run_python(code, PYTHONHASHSEED=seed, PYTHONPATH=f"{SRC}:{tests}") for seed in "12"}
    here = hashlib.sha256(render_scene(every_primitive(), "png", scale=1.5)).hexdigest()
    assert hashes == {here}


@pytest.mark.private_route
def test_png_does_not_load_figures_or_artists() -> None:
    # The PNG backend paints on Agg directly: a Figure, its artists and their modules
    # were most of the time of a cold PNG run.
    code = (
        "import sys\n"
        "from test_backends import every_primitive\n"
        "from journeygraphic.backends import render_scene\n"
        "render_scene(every_primitive(), 'png')\n"
        "heavy = ('pyplot', 'figure', 'axes', 'backend_bases', 'text', 'patches')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'\n"
        "             and m.split('.')[1:2] and m.split('.')[1] in heavy))\n"
    )
    tests = str(FilePath(__file__).parent)
    assert run_python(code, PYTHONPATH=f"{SRC}:{tests}") == "[]"


def test_png_is_the_same_after_other_renders() -> None:
    # Laid-out lines and glyph bitmaps are kept between renders; they must not leak.
    scene = every_primitive()
    first = render_scene(scene, "png")
    render_scene(scene, "png", scale=2.5)
    render_scene(scene_of(text(("Learn one two",), font=BOLD), width=130.7), "png", scale=1.3)
    assert render_scene(scene, "png") == first


def test_png_puts_a_newline_inside_a_line_on_a_line_of_its_own() -> None:
    # Only a hand-made scene has one (layout makes lines); drawn as matplotlib stacks it:
    # the last line on the baseline, the one before it a line higher.
    image = png_image(scene_of(text(("Hello\nHello",), x=10, y=40), height=120))
    assert dark_pixels(image, (10, 26, 80, 41)) > 50  # the last line, on the baseline
    assert dark_pixels(image, (10, 5, 80, 24)) > 50  # the first, one line higher
    assert dark_pixels(image, (0, 45, 200, 120)) == 0  # nothing below the baseline
    assert dark_pixels(image, (90, 0, 200, 120)) == 0  # and not side by side


def test_png_keeps_a_non_latin_title() -> None:
    scene = replace(every_primitive(), title="مسار التعلم ✓")
    info = Image.open(io.BytesIO(render_scene(scene, "png"))).info
    assert info == {"Title": "مسار التعلم ✓", "Software": "journeygraphic"}

"""Brand colours: a theme's own colours reach every brand shape (rings, links, badge, CTA),
derived tokens follow their source, the contrast check blames the token a colour came from,
old token names still load, and high-contrast keeps every shape visible."""

from __future__ import annotations

import dataclasses
import re
import warnings
from pathlib import Path

import pytest

import journeygraphic as jg
from journeygraphic.contrast import faint, mix, ratio
from journeygraphic.errors import SpecError, ThemeWarning
from journeygraphic.scene import Circle, Rect
from journeygraphic.theme import builtin_theme, resolve_theme
from journeygraphic.tokens import FOLLOWS, Theme

ROOT = Path(__file__).resolve().parent.parent
AZ400 = ROOT / "specs" / "az400.yaml"
CORPUS = ROOT / "tests" / "corpus"
RED = "#C8102E"
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
BOXES = ("callout", "card")


def _theme_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "brand.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def _red(tmp_path: Path) -> Theme:
    path = _theme_file(tmp_path, f'name: red\npalette: {{progress: "{RED}"}}\n')
    return resolve_theme(jg.load(AZ400), choice=path)


def _colours(value: object) -> set[str]:
    """Every #RRGGBB string anywhere in a scene item (or a theme), upper-cased."""
    if isinstance(value, str):
        return {value.upper()} if HEX.fullmatch(value) else set()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = (getattr(value, f.name) for f in dataclasses.fields(value))
        return set().union(*map(_colours, fields))
    if isinstance(value, (list, tuple)):
        return set().union(*map(_colours, value))
    if isinstance(value, dict):
        return set().union(*map(_colours, value.values()))
    return set()


def test_node_rings_timeline_and_done_follow_the_brand_colour(tmp_path: Path) -> None:
    theme = _red(tmp_path)
    pal = theme.palette
    assert pal.progress == pal.node_stroke == pal.done == pal.current == RED
    assert pal.link != "#0065B3" and pal.status_text != "#005A9E"
    for colour in (pal.link, pal.status_text):
        assert min(ratio(colour, pal.page), ratio(colour, pal.callout)) >= 4.5
    assert ratio(pal.accent, pal.band) >= 4.5


def test_the_badge_follows_the_brand_colour(tmp_path: Path) -> None:
    badge = _red(tmp_path).badge
    default = builtin_theme().badge
    assert badge.shield not in (default.shield, "#0078D4")
    assert badge.shield[1:3] > badge.shield[3:5]  # still red: more red than green
    expert = badge.look("expert")
    assert expert.top != default.look("expert").top
    assert ratio(expert.top_text, expert.top) >= 4.5
    assert ratio(badge.level_text_colour, badge.shield) >= 4.5


def test_no_colour_of_another_theme_leaks_into_a_brand_picture(tmp_path: Path) -> None:
    """Every colour drawn is one of the theme's tokens: nothing hard-coded in a layout."""
    theme = _red(tmp_path)
    tokens = _colours(theme.model_dump())
    for layout in ("poster", "vertical", "compact"):
        scene = jg.build_scene(jg.load(AZ400), layout=layout, theme=str(tmp_path / "brand.yaml"))
        drawn = _colours(scene.walk()) | _colours(scene.background)
        fade = {mix(theme.palette.progress, theme.palette.rest, i / 16) for i in range(17)}
        assert drawn <= tokens | fade, (layout, sorted(drawn - tokens - fade))
        assert "#0078D4" not in drawn  # the default theme's blue


def test_a_layer_that_sets_both_keeps_both(tmp_path: Path) -> None:
    path = _theme_file(
        tmp_path, f'name: two\npalette: {{progress: "{RED}", node_stroke: "#1B1B1B"}}\n'
    )
    theme = resolve_theme(jg.load(AZ400), choice=path)
    assert theme.palette.node_stroke == "#1B1B1B"
    assert theme.palette.done == RED


def test_built_in_themes_keep_what_they_write() -> None:
    default = builtin_theme()
    assert default.palette.node_stroke == "#0078D4"
    assert default.palette.link == "#0065B3"
    assert default.badge.shield == "#0064B5"
    assert default.badge.default.shield == "#474747"
    assert builtin_theme("dark").palette.link == "#6CB8F6"


def test_every_following_token_and_its_source_exist() -> None:
    data = builtin_theme().model_dump()
    for rule in FOLLOWS:
        for path in (rule.token, rule.source, *rule.on):
            value: object = data
            for part in path.split("."):
                assert isinstance(value, dict) and part in value, path
                value = value[part]


def test_low_contrast_of_a_following_token_is_blamed_at_its_source(tmp_path: Path) -> None:
    path = _theme_file(tmp_path, 'name: pale\npalette:\n  progress: "#FFE680"\n')
    with pytest.raises(SpecError) as caught:
        resolve_theme(jg.load(AZ400), choice=path)
    rings = [p for p in caught.value.problems if "palette.node_stroke" in p.message]
    assert rings, caught.value
    problem = rings[0]
    assert problem.file.endswith("brand.yaml") and problem.line == 3
    assert "#FFE680" in problem.message and "#FFFFFF" in problem.message
    assert re.search(r"contrast of 1\.\d\d:1", problem.message)
    assert "follows palette.progress" in problem.message


def test_old_badge_token_names_load_with_a_located_warning(tmp_path: Path) -> None:
    path = _theme_file(
        tmp_path, 'name: old\nbadge:\n  ribbon_text: "#1B1B1B"\n  level_text: "#FFFFFF"\n'
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        theme = resolve_theme(jg.load(AZ400), choice=path)
    said = [str(w.message) for w in caught if issubclass(w.category, ThemeWarning)]
    assert any("brand.yaml:3:" in s and "ribbon_text_colour" in s for s in said), said
    assert any("brand.yaml:4:" in s and "level_text_colour" in s for s in said), said
    assert theme.badge.ribbon_text_colour == "#1B1B1B"
    assert theme.badge.ribbon_text == "#1B1B1B"  # the old attribute still reads


@pytest.mark.parametrize("layout", ["poster", "vertical", "compact"])
def test_high_contrast_outlines_every_box_that_would_vanish(layout: str) -> None:
    page = builtin_theme("high-contrast").palette.page
    boxes = []
    for spec in (ROOT / "specs" / "az104.yaml", CORPUS / "nursing-rn.yaml"):
        scene = jg.build_scene(jg.load(spec), layout=layout, theme="high-contrast")
        boxes += [i for i in scene.walk() if isinstance(i, Rect) and i.role in BOXES]
    assert boxes  # az104 has callouts, every compact picture cards
    for box in boxes:
        assert faint(box.fill, page)  # black on black: without its outline it would vanish
        assert box.stroke != "none" and box.stroke_width > 0, box
        assert ratio(box.stroke, page) >= 3


def test_default_boxes_stay_without_outline() -> None:
    for layout in ("vertical", "compact"):
        scene = jg.build_scene(jg.load(ROOT / "specs" / "az104.yaml"), layout=layout)
        boxes = [i for i in scene.walk() if isinstance(i, Rect) and i.role in BOXES]
        assert boxes and all(box.stroke == "none" or box.dash for box in boxes)  # dash: optional


def test_nodes_reached_take_the_ring_colour(tmp_path: Path) -> None:
    theme = _red(tmp_path)
    scene = jg.build_scene(jg.load(AZ400), theme=str(tmp_path / "brand.yaml"))
    rings = {c.stroke for c in scene.walk() if isinstance(c, Circle)}
    assert theme.palette.node_stroke in rings
    assert "#0078D4" not in rings


@pytest.mark.parametrize("brand", sorted((ROOT / "examples" / "brands").glob("*.yaml")))
def test_each_gallery_brand_theme_draws_its_own_colour(brand: Path) -> None:
    theme = resolve_theme(jg.load(AZ400), choice=brand)
    scene = jg.build_scene(jg.load(AZ400), theme=str(brand))
    rings = {c.stroke for c in scene.walk() if isinstance(c, Circle)}
    assert theme.palette.progress in rings and "#0078D4" not in rings
    assert theme.badge.shield != builtin_theme().badge.shield


def test_the_gallery_shows_three_journeys_in_brand_themes() -> None:
    readme = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"brand theme `(\w+)`\]\(gallery/([\w-]+)\.svg\)", readme)
    assert len({brand for brand, _ in shown}) >= 3
    assert all("az" not in picture.split("-")[0] for _, picture in shown)  # not Microsoft
    for brand, picture in shown:
        brands = ROOT / "examples" / "brands"
        assert (brands / f"{brand}.yaml").is_file() or (brands / brand / f"{brand}.yaml").is_file()
        assert (ROOT / "examples" / "gallery" / f"{picture}.png").is_file()

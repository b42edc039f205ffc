"""Themes: built-ins, layering, located errors, confinement, contrast, the badge and the CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import journeygraphic as jg
from journeygraphic.check import check_scene
from journeygraphic.cli import EXIT_INVALID, EXIT_OK, main
from journeygraphic.contrast import failures, luminance, pairs, ratio, report
from journeygraphic.scene import Path as PathItem
from journeygraphic.scene import Scene, Text
from journeygraphic.theme import BUILTIN_THEMES, Theme, builtin_theme, resolve_theme

ROOT = Path(__file__).resolve().parent.parent
AZ400 = ROOT / "specs" / "az400.yaml"
LEVELS = ("fundamentals", "associate", "expert", "specialty")
SPEC = """\
header: {title: Themed}
phases:
  - caption: Start
    steps:
      - {title: A step, links: [{label: More, url: "https://example.com"}]}
      - {kind: callout, title: Note, items: [one]}
  - caption: Earn it
    steps: [{kind: certification, name: Example Expert, level: expert}]
"""


@pytest.fixture(scope="module")
def az400() -> jg.Journey:
    return jg.load(AZ400)


def _spec(folder: Path, theme_lines: str, name: str = "spec.yaml") -> Path:
    path = folder / name
    path.write_text(SPEC + theme_lines, encoding="utf-8")
    return path


def _resolve(spec: Path, **kwargs: object) -> Theme:
    from journeygraphic.loader import read_spec, validate

    located = read_spec(spec)
    journey = validate(jg.Journey, located)
    return resolve_theme(journey, spec=located, **kwargs)  # type: ignore[arg-type]


def _problems(error: pytest.ExceptionInfo[jg.SpecError]) -> list[str]:
    return [str(p) for p in error.value.problems]


# -- the built-in themes ---------------------------------------------------------------------


def test_builtin_list_matches_the_theme_files() -> None:
    files = resources.files("journeygraphic.themes").iterdir()
    names = {f.name.removesuffix(".yaml") for f in files if f.name.endswith(".yaml")}
    assert names == set(BUILTIN_THEMES)


@pytest.mark.parametrize("name", BUILTIN_THEMES)
def test_builtin_theme_files_are_valid_layers(name: str) -> None:
    # A run reads them as trusted data, without the partial-theme model: check them here.
    from journeygraphic.loader import parse, validate
    from journeygraphic.theme import theme_override

    raw = resources.files("journeygraphic.themes").joinpath(f"{name}.yaml").read_bytes()
    layer = validate(theme_override(), parse(raw, filename=f"{name}.yaml", fmt="yaml"))
    assert layer.model_dump(exclude_unset=True)


def test_a_builtin_theme_needs_no_partial_theme_model() -> None:
    # Twenty-odd model classes that only inline overrides and theme files need: not
    # built at start-up, nor to draw with a built-in theme.
    code = (
        "import journeygraphic as jg, journeygraphic.theme as t\n"
        "jg.render(jg.load('specs/az400.yaml'), 'svg', theme='expert')\n"
        "assert t.theme_override.cache_info().currsize == 0\n"
        "jg.loads('header: {title: x}\\nphases: [{caption: a, steps: [{title: s}]}]\\n'\n"
        "         'theme: {palette: {accent: \"#FFFFFF\"}}\\n')\n"
        "assert t.theme_override.cache_info().currsize == 1\n"
    )
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


@pytest.mark.parametrize("name", BUILTIN_THEMES)
def test_builtin_theme_passes_contrast_and_renders_cleanly(name: str, az400: jg.Journey) -> None:
    theme = builtin_theme(name)
    assert theme.name == name and theme.description
    assert failures(theme) == []
    scene = jg.build_scene(az400, theme=name)
    assert check_scene(scene) == []
    assert scene.background == theme.palette.page


def test_builtin_themes_look_different(az400: jg.Journey) -> None:
    svgs = {jg.render(az400, "svg", theme=name) for name in BUILTIN_THEMES}
    assert len(svgs) == len(BUILTIN_THEMES)


def test_default_yaml_is_a_complete_theme_on_its_own() -> None:
    from journeygraphic.loader import parse, validate

    raw = resources.files("journeygraphic.themes").joinpath("default.yaml").read_bytes()
    assert validate(Theme, parse(raw, filename="default.yaml")) == builtin_theme("default")


def test_level_badges_follow_the_reference_shields() -> None:
    levels = builtin_theme("default").badge.levels
    tops = {level: levels[level].top for level in LEVELS}
    stars = {level: levels[level].stars for level in LEVELS}
    assert tops == {
        "fundamentals": "#FFFFFF",
        "associate": "#505050",
        "expert": "#002050",
        "specialty": "#0064B5",
    }
    assert stars == {"fundamentals": 1, "associate": 2, "expert": 3, "specialty": 0}
    assert levels["specialty"].outline not in (None, builtin_theme().badge.outline)


@pytest.mark.parametrize("level", ["associate", "expert", "specialty"])
def test_level_themes_take_the_band_from_their_badge(level: str) -> None:
    theme = builtin_theme(level)
    assert theme.palette.band == theme.badge.levels[level].top


def test_fundamentals_theme_is_light_like_its_badge() -> None:
    assert luminance(builtin_theme("fundamentals").palette.band) > 0.8


def test_high_contrast_reaches_aaa_for_every_pair() -> None:
    low = [f.sentence() for f in report(builtin_theme("high-contrast")) if f.ratio < 7]
    assert low == []


def test_print_is_greyscale_and_needs_no_colour() -> None:
    theme = builtin_theme("print")
    colours = _all_colours(theme.model_dump())
    assert colours and all(c[1:3] == c[3:5] == c[5:7] for c in colours)
    # the path travelled and the path ahead differ in lightness, not only in hue
    assert ratio(theme.palette.progress, theme.palette.rest) >= 3
    # levels are told apart by stars and words, never by colour alone
    marks = {(theme.badge.look(lv).stars, theme.badge.look(lv).word and lv) for lv in LEVELS}
    assert len(marks) == len(LEVELS)


def _all_colours(data: object) -> list[str]:
    if isinstance(data, dict):
        return [c for v in data.values() for c in _all_colours(v)]
    if isinstance(data, str) and re.fullmatch(r"#[0-9A-F]{6}", data):
        return [data]
    return []


# -- contrast ----------------------------------------------------------------------------------


def test_contrast_ratio_matches_wcag() -> None:
    assert ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1)
    assert ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert ratio("#0078D4", "#FFFFFF") == ratio("#FFFFFF", "#0078D4")


def test_a_ratio_just_below_the_rule_is_never_shown_as_meeting_it() -> None:
    theme = _with(builtin_theme(), palette={"muted_text": "#777777"})
    found = [f for f in failures(theme) if f.pair.fg == ("palette", "muted_text")]
    assert found and "4.47:1" in found[0].sentence()  # 4.478, never rounded up to 4.48
    assert "4.5:1" in found[0].rule


def test_every_text_pair_is_listed_with_its_rule() -> None:
    listed = {(".".join(p.fg), ".".join(p.bg)) for p in pairs(builtin_theme())}
    for pair in [
        ("palette.text", "palette.page"),
        ("palette.muted_text", "palette.page"),
        ("palette.link", "palette.page"),
        ("palette.band_text", "palette.band"),
        ("palette.accent", "palette.band"),
        ("palette.band_muted_text", "palette.band"),
        ("palette.callout_text", "palette.callout"),
        ("palette.text", "palette.callout"),
        ("badge.ribbon_text_colour", "badge.ribbon"),
        ("badge.levels.expert.top_text", "badge.levels.expert.top"),
    ]:
        assert pair in listed


def test_large_type_only_needs_three_to_one() -> None:
    grey = {"band_text": "#8A8A8A", "band": "#FFFFFF"}  # about 3.4:1
    small = _with(builtin_theme(), palette=grey)
    assert any(f.pair.fg == ("palette", "band_text") for f in failures(small))
    sizes = {"lead": 30, "title": 40, "cta": 26, "heading": 24, "body": 24}
    large = _with(builtin_theme(), palette=grey, typography={"sizes": sizes})
    assert not any(f.pair.fg == ("palette", "band_text") for f in failures(large))


def _with(theme: Theme, **sections: dict[str, object]) -> Theme:
    data = theme.model_dump()
    for key, values in sections.items():
        for name, value in values.items():
            if isinstance(value, dict):
                data[key][name].update(value)
            else:
                data[key][name] = value
    return Theme.model_validate(data)


def test_a_low_contrast_theme_object_is_refused_unless_accepted(az400: jg.Journey) -> None:
    pale = _with(builtin_theme(), palette={"text": "#CCCCCC"})
    with pytest.raises(jg.SpecError) as error:
        jg.render(az400, "svg", theme=pale)
    message = "\n".join(_problems(error))
    assert "palette.text #CCCCCC on palette.page #FFFFFF" in message
    assert "1.6" in message and "4.5:1" in message and "WCAG 2.1 AA" in message
    assert jg.render(az400, "svg", theme=pale, accept_low_contrast=True).startswith(b"<?xml")


# -- layering ----------------------------------------------------------------------------------


def test_spec_overrides_extend_a_builtin(tmp_path: Path) -> None:
    spec = _spec(tmp_path, 'theme:\n  extends: expert\n  palette: {accent: "#7fba00"}\n')
    theme = _resolve(spec)
    assert theme.palette.accent == "#7FBA00"  # the spec
    assert theme.palette.band == builtin_theme("expert").palette.band  # the theme extended
    assert theme.typography == builtin_theme("default").typography  # the built-in defaults


def test_overrides_without_extends_start_from_default(tmp_path: Path) -> None:
    spec = _spec(tmp_path, 'theme:\n  palette: {link: "#004E8C"}\n')
    theme = _resolve(spec)
    assert theme.palette.link == "#004E8C"
    assert theme.palette.band == builtin_theme().palette.band


def test_theme_file_chain_is_layered_in_order(tmp_path: Path) -> None:
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "base.yaml").write_text(
        'extends: dark\npalette: {link: "#8CC8FF", accent: "#FFE066"}\n', encoding="utf-8"
    )
    (tmp_path / "themes" / "mine.yaml").write_text(
        'name: mine\nextends: base.yaml\npalette: {link: "#A0D0FF"}\n', encoding="utf-8"
    )
    theme = _resolve(_spec(tmp_path, "theme: themes/mine.yaml\n"))
    assert theme.name == "mine"
    assert theme.palette.link == "#A0D0FF"  # the theme over what it extends
    assert theme.palette.accent == "#FFE066"  # its base
    assert theme.palette.page == builtin_theme("dark").palette.page  # the base's base


def test_library_render_finds_theme_files_with_base_dir(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text("extends: print\n", encoding="utf-8")
    journey = jg.load(_spec(tmp_path, "theme: t.yaml\n"))
    assert jg.render(journey, "svg", base_dir=tmp_path) == jg.render(journey, "svg", theme="print")
    with pytest.raises(jg.SpecError) as error:
        jg.render(journey, "svg")
    assert "base_dir" in str(error.value)


def test_a_chosen_theme_replaces_the_specs(tmp_path: Path) -> None:
    spec = _spec(tmp_path, 'theme:\n  extends: expert\n  palette: {accent: "#7fba00"}\n')
    assert _resolve(spec, choice="dark") == builtin_theme("dark")


# -- located errors ----------------------------------------------------------------------------


def test_unknown_tokens_and_bad_colours_are_located_in_the_spec(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path, 'theme:\n  extends: dakr\n  palette:\n    acent: "#fff"\n    link: blue\n'
    )
    with pytest.raises(jg.SpecError) as error:
        jg.load(spec)
    problems = _problems(error)
    assert any(p.startswith(f"{spec}:10:12") and "did you mean 'dark'" in p for p in problems)
    assert any(p.startswith(f"{spec}:12:5") and "did you mean 'accent'" in p for p in problems)
    assert any(p.startswith(f"{spec}:13:11") and "'blue' is not a colour" in p for p in problems)


def test_errors_in_a_theme_file_are_located_in_that_file(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "palette:\n  page: '#FFFFFF'\n  txet: '#000000'\nshape: {unit: -1}\n", encoding="utf-8"
    )
    with pytest.raises(jg.SpecError) as error:
        _resolve(_spec(tmp_path, "theme: bad.yaml\n"))
    problems = _problems(error)
    bad = f"{tmp_path}/bad.yaml"
    assert any(p.startswith(f"{bad}:3:3") and "did you mean 'text'" in p for p in problems)
    assert any(p.startswith(f"{bad}:4:15") and "more than 0" in p for p in problems)


def test_unknown_builtin_name_is_refused_at_the_spec(tmp_path: Path) -> None:
    with pytest.raises(jg.SpecError) as error:
        jg.load(_spec(tmp_path, "theme: midnight\n"))
    assert "unknown theme 'midnight'" in str(error.value) and ":9:8:" in str(error.value)


def test_absolute_theme_paths_are_refused(tmp_path: Path) -> None:
    with pytest.raises(jg.SpecError) as error:
        jg.load(_spec(tmp_path, "theme: /etc/theme.yaml\n"))
    assert "relative to the spec's folder" in str(error.value)


def test_missing_theme_file_is_located_at_the_reference(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "theme: nowhere.yaml\n")
    with pytest.raises(jg.SpecError) as error:
        _resolve(spec)
    assert _problems(error) == [
        f"{spec}:9:8: the theme file '{tmp_path}/nowhere.yaml' does not exist (at theme)"
    ]


def test_theme_files_must_stay_in_the_spec_folder(tmp_path: Path) -> None:
    inside, outside = tmp_path / "project", tmp_path / "elsewhere"
    inside.mkdir()
    outside.mkdir()
    (outside / "t.yaml").write_text("extends: dark\n", encoding="utf-8")
    (inside / "sub").mkdir()
    (inside / "sub" / "ok.yaml").write_text("extends: dark\n", encoding="utf-8")
    os.symlink(outside / "t.yaml", inside / "link.yaml")
    for ref in ("../elsewhere/t.yaml", "link.yaml", "sub/../../elsewhere/t.yaml"):
        with pytest.raises(jg.SpecError) as error:
            _resolve(_spec(inside, f"theme: {ref}\n"))
        assert "resolves outside the spec's folder" in str(error.value)
    assert _resolve(_spec(inside, "theme: sub/../sub/ok.yaml\n")) == builtin_theme("dark")


def test_extends_cannot_climb_out_either(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b.yaml").write_text("extends: dark\n", encoding="utf-8")
    (tmp_path / "a" / "t.yaml").write_text("extends: ../b.yaml\n", encoding="utf-8")
    assert _resolve(_spec(tmp_path, "theme: a/t.yaml\n")) == builtin_theme("dark")
    with pytest.raises(jg.SpecError) as error:
        _resolve(_spec(tmp_path / "a", "theme: t.yaml\n"))
    assert str(error.value).startswith(f"{tmp_path}/a/t.yaml:1:10: the theme file '../b.yaml'")


def test_extends_cycles_are_errors(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n", encoding="utf-8")
    with pytest.raises(jg.SpecError) as error:
        _resolve(_spec(tmp_path, "theme: a.yaml\n"))
    assert "cycle" in str(error.value) and "a.yaml -> " in str(error.value)


def test_long_extends_chains_are_refused(tmp_path: Path) -> None:
    for i in range(12):
        (tmp_path / f"t{i}.yaml").write_text(f"extends: t{i + 1}.yaml\n", encoding="utf-8")
    (tmp_path / "t12.yaml").write_text("extends: dark\n", encoding="utf-8")
    with pytest.raises(jg.SpecError) as error:
        _resolve(_spec(tmp_path, "theme: t0.yaml\n"))
    assert "more than 8 deep" in str(error.value)


def test_fonts_must_be_bare_known_files(tmp_path: Path) -> None:
    for font, words in [("/etc/passwd", "not a font file name"), ("Nope.ttf", "no font file")]:
        with pytest.raises(jg.SpecError) as error:
            jg.load(_spec(tmp_path, f"theme:\n  typography: {{regular_font: '{font}'}}\n"))
        assert words in str(error.value)


def test_low_contrast_is_blamed_where_the_token_was_set(tmp_path: Path) -> None:
    spec = _spec(tmp_path, 'theme:\n  extends: expert\n  palette: {band_text: "#333333"}\n')
    with pytest.raises(jg.SpecError) as error:
        _resolve(spec)
    first = _problems(error)[0]
    assert first.startswith(f"{spec}:11:")
    assert "palette.band_text #333333 on palette.band #002050" in first
    assert "--accept-low-contrast" in first
    assert _resolve(spec, accept_low_contrast=True).palette.band_text == "#333333"


def test_the_json_schema_describes_theme_overrides() -> None:
    schema = str(jg.Journey.model_json_schema())
    assert "ThemeOverride" in schema and "accent" in schema


# -- the badge ---------------------------------------------------------------------------------


def _badge_scene(level: str, theme: str = "default") -> tuple[Scene, Theme]:
    journey = jg.Journey(
        header=jg.Header(title="Badge"),
        phases=[
            jg.Phase(
                caption="Earn it",
                steps=[jg.Certification(name="Example", level=level)],  # type: ignore[arg-type]
            )
        ],
    )
    return jg.build_scene(journey, theme=theme), builtin_theme(theme)


def _stars(scene: Scene, theme: Theme) -> int:
    return sum(
        1
        for item in scene.walk()
        if isinstance(item, PathItem)
        and item.role == "badge"
        and item.fill == theme.badge.star
        and len(item.commands) == 11
    )


@pytest.mark.parametrize(
    ("level", "stars", "word"),
    [
        ("fundamentals", 1, None),
        ("associate", 2, "ASSOCIATE"),
        ("expert", 3, "EXPERT"),
        ("specialty", 0, "SPECIALTY"),
    ],
)
def test_badge_tells_the_level(level: str, stars: int, word: str | None) -> None:
    scene, theme = _badge_scene(level)
    assert _stars(scene, theme) == stars
    words = [line for item in scene.walk() if isinstance(item, Text) for line in item.lines]
    assert (word in words) if word else not {"ASSOCIATE", "EXPERT", "SPECIALTY"} & set(words)
    fills = {item.fill for item in scene.walk() if isinstance(item, PathItem)}
    assert theme.badge.levels[level].top in fills
    assert check_scene(scene) == []


def test_specialty_badge_has_its_own_outline() -> None:
    def outlines(level: str) -> set[str]:
        scene, _ = _badge_scene(level)
        return {i.stroke for i in scene.walk() if isinstance(i, PathItem) and i.role == "badge"}

    assert outlines("specialty") != outlines("expert")
    assert builtin_theme().badge.levels["specialty"].outline in outlines("specialty")


# -- the command line --------------------------------------------------------------------------


def test_cli_lists_the_builtin_themes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["themes"]) == EXIT_OK
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == list(BUILTIN_THEMES)
    assert main(["themes", "extra"]) == EXIT_INVALID


def test_cli_theme_flag_overrides_the_spec(tmp_path: Path) -> None:
    out = tmp_path / "dark.svg"
    assert main([str(AZ400), "--theme", "dark", "-o", str(out)]) == EXIT_OK
    assert builtin_theme("dark").palette.page.lower() in out.read_text("utf-8").lower()


def test_cli_theme_flag_takes_a_path(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text('extends: print\npalette: {link: "#222222"}\n', "utf-8")
    out = tmp_path / "mine.svg"
    args = [str(AZ400), "--theme", str(tmp_path / "mine.yaml"), "-o", str(out)]
    assert main(args) == EXIT_OK
    assert "#222222" in out.read_text("utf-8")


def test_cli_refuses_unknown_theme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(AZ400), "--theme", "drak", "-o", str(tmp_path / "x.svg")]) == EXIT_INVALID
    assert "did you mean 'dark'" in capsys.readouterr().err
    assert not (tmp_path / "x.svg").exists()


def test_cli_low_contrast_needs_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _spec(tmp_path, 'theme:\n  palette: {muted_text: "#BBBBBB"}\n')
    out = tmp_path / "out.svg"
    assert main([str(spec), "-o", str(out)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert f"{spec}:10:" in err and "low contrast" in err and "Traceback" not in err
    assert not out.exists()
    assert main([str(spec), "-o", str(out), "--accept-low-contrast"]) == EXIT_OK
    assert "warning: low contrast accepted" in capsys.readouterr().err
    assert out.exists()


# -- tokens for progress, optional steps and the legend ----------------------------------------


def test_progress_and_legend_tokens_are_contrast_checked() -> None:
    listed = {(".".join(p.fg), ".".join(p.bg)) for p in pairs(builtin_theme())}
    for pair in [
        ("palette.status_text", "palette.page"),
        ("palette.status_text", "palette.callout"),
        ("palette.skipped", "palette.page"),
        ("palette.skipped", "palette.callout"),
        ("palette.legend_text", "palette.page"),
        ("palette.done", "palette.page"),
        ("palette.current", "palette.page"),
        ("palette.optional", "palette.page"),
    ]:
        assert pair in listed
    pale = _with(builtin_theme(), palette={"skipped": "#BBBBBB"})
    assert any(f.pair.fg == ("palette", "skipped") for f in failures(pale))


def test_the_default_theme_travels_in_microsoft_blue() -> None:
    palette = builtin_theme().palette
    assert palette.done == palette.progress == "#0078D4"


@pytest.mark.parametrize("name", ["dark", "high-contrast", "print"])
def test_themes_with_their_own_page_set_their_own_progress_tokens(name: str) -> None:
    # a dark or greyscale page cannot borrow the default's light-page colours
    theme, default = builtin_theme(name).palette, builtin_theme().palette
    assert (theme.done, theme.skipped, theme.legend_text) != (
        default.done,
        default.skipped,
        default.legend_text,
    )


def test_a_theme_written_before_the_progress_tokens_still_validates() -> None:
    data = builtin_theme().model_dump()
    for token in ("done", "current", "status_text", "skipped", "optional", "legend_text"):
        del data["palette"][token]
    del data["shape"]["optional_dash"]
    theme = Theme.model_validate(data)
    assert theme.palette.done == "#0078D4" and theme.shape.optional_dash == (6, 4)


@pytest.mark.parametrize("name", BUILTIN_THEMES)
def test_progress_renders_cleanly_in_every_builtin_theme(name: str, az400: jg.Journey) -> None:
    progress = jg.read_progress(ROOT / "examples" / "progress.yaml", az400)
    scene = jg.build_scene(az400, theme=name, progress=progress)
    assert check_scene(scene) == []
    done = next(p for p in scene.walk() if isinstance(p, PathItem) and p.role == "timeline")
    assert done.stroke == builtin_theme(name).palette.done


# -- issue 8: high contrast tells nothing by hue alone -------------------------------------


def _texts(scene: jg.Scene) -> list[str]:
    from journeygraphic.scene import Link, Text

    items = [i for item in scene.items for i in (item.items if isinstance(item, Link) else [item])]
    return [line for item in items if isinstance(item, Text) for line in item.lines]


def test_high_contrast_marks_every_convention_by_shape_or_words() -> None:
    """Choices, all-of groups, optional steps and progress each carry a word or a dash."""
    from journeygraphic.scene import Rect

    features = jg.load(ROOT / "examples" / "features.yaml")
    scene = jg.build_scene(features, theme="high-contrast")
    words = " ".join(_texts(scene))
    assert "OR" in words and "AND" in words and "OPTIONAL" in words
    assert any(isinstance(i, Rect) and i.dash for i in scene.items)  # optional = dashed

    az400 = jg.load(ROOT / "specs" / "az400.yaml")
    mine = jg.read_progress(ROOT / "examples" / "progress.yaml", az400)
    marked = " ".join(_texts(jg.build_scene(az400, theme="high-contrast", progress=mine)))
    assert "DONE" in marked and "YOU ARE HERE" in marked and "SKIPPED" in marked


# --- issue 16: theme files are held to the same --limit as the spec ---------------------


def _spec_with_big_theme(tmp_path: Path, az400_path: Path) -> tuple[Path, int]:
    padding = "# " + "x" * 78 + "\n"
    theme = "extends: expert\n" + padding * 400  # ~32 KB of comments
    (tmp_path / "big.yaml").write_text(theme, encoding="utf-8")
    spec = tmp_path / "journey.yaml"
    spec.write_text(az400_path.read_text("utf-8") + "theme: big.yaml\n", encoding="utf-8")
    return spec, len(theme.encode())


def test_a_theme_file_is_held_to_the_limit_the_spec_is(
    tmp_path: Path, az400_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, size = _spec_with_big_theme(tmp_path, az400_path)
    assert spec.stat().st_size < 20_000 < size
    limit = ["--limit", "max_bytes=20000", str(spec), "-o", str(tmp_path / "out.svg")]
    assert main(limit) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "big.yaml" in err and "max_bytes" in err
    assert not (tmp_path / "out.svg").exists()
    raised = ["--limit", f"max_bytes={size + 1}", *limit[2:]]
    assert main(raised) == EXIT_OK


def test_a_theme_given_on_the_command_line_is_held_to_the_limit(
    tmp_path: Path, az400_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _spec_with_big_theme(tmp_path, az400_path)
    argv = ["--limit", "max_bytes=20000", "--theme", str(tmp_path / "big.yaml"), str(az400_path)]
    assert main([*argv, "-o", str(tmp_path / "out.svg")]) == EXIT_INVALID
    assert "max_bytes" in capsys.readouterr().err

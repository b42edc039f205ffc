"""The Sphinx extension, tested by building small real Sphinx projects in-process."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from defusedxml import ElementTree
from PIL import Image

import journeygraphic as jg
from journeygraphic import _embed
from journeygraphic._pipeline import Prepared

sphinx_application = pytest.importorskip("sphinx.application")
from sphinx.util.docutils import docutils_namespace  # noqa: E402

TITLE = "The journey to Microsoft Certified: DevOps Engineer Expert"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
IMG = re.compile(r'<img src="([^"]+)" alt="([^"]*)" />')


class Project:
    """A Sphinx source folder with the extension on and ``specs/az400.yaml`` in it."""

    def __init__(self, root: Path, spec: Path, conf: str = "") -> None:
        self.src = root / "src"
        self.out = root / "out"
        (self.src / "specs").mkdir(parents=True)
        shutil.copy(spec, self.src / "specs" / "az400.yaml")
        self.write("conf.py", f'extensions = ["journeygraphic.sphinx"]\n{conf}')

    def write(self, name: str, text: str) -> Path:
        path = self.src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def page(self, *directives: str, name: str = "index") -> None:
        body = "\n\n".join(textwrap.dedent(d).strip() for d in directives)
        self.write(f"{name}.rst", f"Title\n=====\n\n{body}\n")

    def build(self, builder: str = "html", *, fresh: bool = False) -> str:
        """Build, and return what Sphinx warned."""
        warnings = io.StringIO()
        with docutils_namespace():
            app = sphinx_application.Sphinx(
                str(self.src),
                str(self.src),
                str(self.out / builder),
                str(self.out / "doctrees"),
                builder,
                status=None,
                warning=warnings,
                freshenv=fresh,
            )
            app.build()
        return ANSI.sub("", warnings.getvalue())

    def html(self, name: str = "index") -> str:
        return (self.out / "html" / f"{name}.html").read_text(encoding="utf-8")

    def images(self, name: str = "index") -> list[tuple[Path, str]]:
        """Each journey picture in the page: its file and its alt text."""
        page = self.out / "html" / f"{name}.html"
        return [(page.parent / src, alt) for src, alt in IMG.findall(self.html(name))]


@pytest.fixture
def project(tmp_path: Path, az400_path: Path) -> Project:
    return Project(tmp_path, az400_path)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The formats drawn by the integrations, one entry per render."""
    drawn: list[str] = []
    real = _embed.draw

    def counting(prepared: Prepared, fmt: str) -> bytes:
        drawn.append(fmt)
        return real(prepared, fmt)

    monkeypatch.setattr(_embed, "draw", counting)
    return drawn


def test_the_directive_puts_the_svg_in_the_page(project: Project, az400_path: Path) -> None:
    project.page(".. journeygraphic:: specs/az400.yaml")
    assert project.build() == ""
    [(image, alt)] = project.images()
    assert re.fullmatch(r"journeygraphic-[0-9a-f]{32}\.svg", image.name)
    assert image.parent.name == "_images"
    assert alt == TITLE
    # laid out for a docs column by default (auto at 720 px), not a poster shrunk into it
    expected = jg.render(jg.load(az400_path), "svg", layout="auto", width=_embed.DEFAULT_WIDTH)
    assert image.read_bytes() == expected
    assert ElementTree.fromstring(image.read_bytes()).tag.endswith("svg")


def test_options_choose_layout_width_format_alt_class_and_text(
    project: Project, az400_path: Path
) -> None:
    project.page(
        """
        .. journeygraphic:: specs/az400.yaml
           :layout: vertical
           :width: 480
           :format: png
           :alt: The AZ-400 path <with "quotes">
           :class: narrow shadowed
           :text:
        """
    )
    assert project.build() == ""
    [(image, alt)] = project.images()
    expected = jg.render(jg.load(az400_path), "png", layout="vertical", width=480)
    assert image.read_bytes() == expected
    with Image.open(image) as png:
        assert png.width == 480
    assert alt == "The AZ-400 path &lt;with &quot;quotes&quot;&gt;"
    html = project.html()
    assert '<div class="journeygraphic narrow shadowed"><img' in html
    # the text version follows the picture: title, then the phases in order
    text = html[html.index('class="journeygraphic-text') :]
    assert text.index(TITLE) < text.index("Start here") < text.index("Keep going")
    # as real lists with working links, not a <pre> of plain text
    assert "<pre" not in text and '<ol class="arabic simple">' in text and "<ul" in text
    link = "https://docs.microsoft.com/learn/certifications/azure-administrator"
    assert f'<a class="reference external" href="{link}">Certification page</a>' in text
    assert "<strong>Start here</strong> — Decide if this is the right certification" in text


def test_paths_are_relative_to_the_document_or_the_source_root(project: Project) -> None:
    project.page(".. toctree::\n\n   guide/page")
    project.page(
        ".. journeygraphic:: ../specs/az400.yaml",
        ".. journeygraphic:: /specs/az400.yaml",
        name="guide/page",
    )
    assert project.build() == ""
    first, second = project.images("guide/page")
    assert first == second  # same journey, same options: one picture
    assert first[0].is_file()


def test_an_unchanged_rebuild_draws_nothing(project: Project, renders: list[str]) -> None:
    project.page(".. journeygraphic:: specs/az400.yaml", ".. journeygraphic:: specs/az400.yaml")
    project.build()
    assert renders == ["svg"]  # two directives, one picture
    [(image, _), _] = project.images()
    stamp = image.stat().st_mtime_ns
    assert project.build(fresh=True) == ""  # every page read and written again
    assert renders == ["svg"]
    assert image.stat().st_mtime_ns == stamp


def test_editing_the_spec_rebuilds_the_page(project: Project, renders: list[str]) -> None:
    project.page(".. journeygraphic:: specs/az400.yaml")
    project.build()
    [(before, _)] = project.images()
    spec = project.src / "specs" / "az400.yaml"
    spec.write_text(spec.read_text().replace("DevOps Engineer Expert", "DevOps Hero"))
    assert project.build() == ""  # incremental: only the dependency says to rebuild
    [(after, alt)] = project.images()
    assert after != before
    assert alt == "The journey to Microsoft Certified: DevOps Hero"
    assert b"DevOps Hero" in after.read_bytes()
    assert renders == ["svg", "svg"]
    assert not before.exists()  # pruned at the end of the build: no page uses it


def test_only_unused_pictures_of_ours_are_pruned(project: Project) -> None:
    project.page(".. toctree::\n\n   other", ".. journeygraphic:: specs/az400.yaml")
    project.page(".. journeygraphic:: specs/az400.yaml\n   :layout: compact", name="other")
    project.build()
    images = project.out / "html" / "_images"
    stale = images / f"journeygraphic-{'0' * 32}.svg"
    strangers = [images / "journeygraphic-notes.svg", images / "diagram.svg"]
    for path in [stale, *strangers]:
        path.write_text("<svg/>", "utf-8")
    project.page(".. toctree::\n\n   other", "No picture here any more.")
    assert project.build() == ""  # incremental: other.rst is not read again
    [(kept, _)] = project.images("other")
    assert kept.is_file()  # used by a page this build did not read
    assert not stale.exists()
    assert all(path.exists() for path in strangers)
    assert sorted(p.name for p in images.glob("journeygraphic-*")) == sorted(
        [kept.name, strangers[0].name]
    )


def test_a_theme_file_is_found_beside_the_document(project: Project) -> None:
    project.write("themes/mine.yaml", 'extends: dark\npalette:\n  accent: "#FF66FF"\n')
    project.page(".. journeygraphic:: specs/az400.yaml\n   :theme: themes/mine.yaml")
    assert project.build() == ""
    [(image, _)] = project.images()
    assert b"#FF66FF" in image.read_bytes().upper()
    project.write("themes/mine.yaml", 'extends: dark\npalette:\n  accent: "#66FFFF"\n')
    project.build()
    [(changed, _)] = project.images()
    assert changed != image
    assert b"#66FFFF" in changed.read_bytes().upper()


def test_conf_py_sets_the_defaults(tmp_path: Path, az400_path: Path) -> None:
    conf = 'journeygraphic_layout = "compact"\njourneygraphic_theme = "dark"\n'
    conf += "journeygraphic_width = 640\n"
    project = Project(tmp_path, az400_path, conf)
    project.page(".. journeygraphic:: specs/az400.yaml")
    assert project.build() == ""
    [(image, _)] = project.images()
    journey = jg.load(az400_path)
    expected = jg.render(journey, "svg", layout="compact", theme="dark", width=640)
    assert image.read_bytes() == expected


def test_no_width_in_conf_py_means_the_layouts_own(tmp_path: Path, az400_path: Path) -> None:
    project = Project(tmp_path / "a", az400_path, "journeygraphic_width = None\n")
    project.page(".. journeygraphic:: specs/az400.yaml\n   :layout: poster")
    assert project.build() == ""
    [(image, _)] = project.images()
    assert image.read_bytes() == jg.render(jg.load(az400_path), "svg")


def test_text_is_at_least_11_px_in_the_default_picture(az400_path: Path) -> None:
    # on screen: font size × shown width / picture width; shown at most 1:1 in a column
    scene = jg.build_scene(jg.load(az400_path), layout="auto", width=_embed.DEFAULT_WIDTH)
    sizes = _reading_sizes(scene)
    assert scene.width == _embed.DEFAULT_WIDTH
    assert min(sizes) >= 11
    poster = jg.build_scene(jg.load(az400_path))  # the old default, shrunk to the column
    assert min(_reading_sizes(poster)) * _embed.DEFAULT_WIDTH / poster.width < 7


def _reading_sizes(scene: jg.Scene) -> list[float]:
    """Font sizes of the text people read (the badge's fitted label is a graphic)."""
    return [t.font.size for t in _texts(scene) if t.role != "badge-text"]


def _texts(item: object) -> list[Any]:
    if type(item).__name__ == "Text":
        return [item]
    if dataclasses.is_dataclass(item):
        return [t for f in dataclasses.fields(item) for t in _texts(getattr(item, f.name))]
    if isinstance(item, (list, tuple)):
        return [t for child in item for t in _texts(child)]
    return []


def test_a_bad_spec_is_a_located_warning(project: Project, bad_spec: str) -> None:
    project.write("specs/bad.yaml", bad_spec)
    project.page(
        ".. journeygraphic:: specs/az400.yaml",
        ".. journeygraphic:: specs/bad.yaml",
        ".. journeygraphic:: specs/missing.yaml",
    )
    warnings = project.build()
    assert "Traceback" not in warnings
    lines = warnings.strip().splitlines()
    assert len(lines) == 2
    assert (
        "index.rst:6: WARNING: journeygraphic: specs/bad.yaml:7:15: unknown kind 'stpe'" in lines[0]
    )
    assert "index.rst:8: WARNING: journeygraphic: specs/missing.yaml:" in lines[1]
    assert "does not exist" in lines[1]
    assert len(project.images()) == 1  # the good one is still drawn
    # and the page says what is missing where the picture would be
    html = project.html()
    assert html.count('<div class="journeygraphic-error admonition warning">') == 2
    assert '<span class="pre">specs/bad.yaml:7:15:</span> <span class="pre">unknown</span>' in html


def test_a_bad_spec_fails_a_build_with_dash_w(project: Project, bad_spec: str) -> None:
    project.write("specs/bad.yaml", bad_spec)
    project.page(".. journeygraphic:: specs/bad.yaml")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "-q",
            "-b",
            "html",
            str(project.src),
            str(project.out),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode != 0
    assert "specs/bad.yaml:7:15: unknown kind 'stpe'" in result.stderr


def test_fixing_a_bad_spec_rebuilds_the_page(project: Project, bad_spec: str) -> None:
    bad = project.write("specs/bad.yaml", bad_spec)
    project.page(".. journeygraphic:: specs/bad.yaml")
    assert "unknown kind" in project.build()
    bad.write_text(bad_spec.replace("stpe", "step"))
    assert project.build() == ""
    assert [alt for _, alt in project.images()] == ["Broken"]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (":layout: diagonal", "unknown layout 'diagonal' (use one of: poster, vertical"),
        (":layout: vertcal", "unknown layout 'vertcal'; did you mean 'vertical'?"),
        (":format: gif", "unknown format 'gif' (use one of: svg, png)"),
        (":format: pgn", "unknown format 'pgn'; did you mean 'png'?"),
        (":layot: vertical", "unknown option: \"layot\"; did you mean 'layout'?"),
        (":width: 12", "width must be between 320 and 10000 pixels"),
        (":theme: nosuch", "unknown theme 'nosuch'"),
        (":theme: nosuch.yaml", "the theme file 'nosuch.yaml' does not exist"),
    ],
)
def test_a_bad_option_is_a_located_warning(project: Project, option: str, message: str) -> None:
    project.page(f".. journeygraphic:: specs/az400.yaml\n   {option}")
    warnings = project.build()
    assert "index.rst:4:" in warnings
    assert message in warnings
    assert "Traceback" not in warnings
    assert project.images() == []


def test_a_picture_that_cannot_be_drawn_is_a_warning(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> bytes:
        raise jg.RenderError("the image would be too big")

    monkeypatch.setattr(_embed, "draw", refuse)
    project.page(".. journeygraphic:: specs/az400.yaml")
    warnings = project.build()
    assert "index.rst:4: WARNING: journeygraphic: the image would be too big" in warnings
    html = project.html()
    assert '<div class="admonition warning journeygraphic-error">' in html
    assert "the image would be too big" in html
    assert not (project.out / "html" / "_images").exists()  # nothing half-written


def test_latex_gets_a_pdf(project: Project) -> None:
    project.page(".. journeygraphic:: specs/az400.yaml")
    assert project.build("latex") == ""
    [tex] = (project.out / "latex").glob("*.tex")
    [name] = re.findall(r"\\sphinxincludegraphics\{([^}]+)\}", tex.read_text())
    assert re.fullmatch(r"journeygraphic-[0-9a-f]{32}\.pdf", name)
    assert (project.out / "latex" / name).read_bytes().startswith(b"%PDF")


def test_text_builders_show_the_alt_text(project: Project) -> None:
    project.page(".. journeygraphic:: specs/az400.yaml")
    assert project.build("text") == ""
    assert f"[{TITLE}]" in (project.out / "text" / "index.txt").read_text()


def test_importing_journeygraphic_loads_no_docs_tool() -> None:
    code = (
        "import sys, journeygraphic\n"
        "tools = ('sphinx', 'docutils', 'mkdocs', 'markdown', 'IPython')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in tools))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_spec_outside_the_source_folder_is_refused(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "journey.yaml").write_text((project.src / "specs" / "az400.yaml").read_text())
    project.page(".. journeygraphic:: ../outside/journey.yaml")
    warnings = project.build()
    assert "is outside the documentation's folder" in warnings
    assert "journeygraphic_spec_roots" in warnings
    assert project.images() == []


def test_spec_roots_widen_the_folders_specs_come_from(tmp_path: Path, az400_path: Path) -> None:
    project = Project(tmp_path, az400_path, 'journeygraphic_spec_roots = ["../shared"]\n')
    (tmp_path / "shared").mkdir()
    shutil.copy(az400_path, tmp_path / "shared" / "journey.yaml")
    project.page(".. journeygraphic:: ../shared/journey.yaml")
    assert project.build() == ""
    assert len(project.images()) == 1

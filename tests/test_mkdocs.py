"""The MkDocs plugin, tested with real ``mkdocs build`` runs on small projects."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from defusedxml import ElementTree

import journeygraphic as jg

pytest.importorskip("mkdocs")
markdown = pytest.importorskip("markdown")
from journeygraphic.mkdocs import for_python_markdown, replace_fences  # noqa: E402

TITLE = "The journey to Microsoft Certified: DevOps Engineer Expert"
IMG = re.compile(r'<div class="([^"]+)"><img src="([^"]+)" alt="([^"]*)" /></div>')
FENCE = "```"


class Site:
    """An MkDocs project (built-in ``mkdocs`` theme) with ``specs/az400.yaml`` beside docs/."""

    def __init__(self, root: Path, spec: Path, plugin: str = "  - journeygraphic\n") -> None:
        self.root = root
        (root / "specs").mkdir()
        shutil.copy(spec, root / "specs" / "az400.yaml")
        self.write("mkdocs.yml", f"site_name: Test\ntheme: mkdocs\nplugins:\n{plugin}")

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def page(self, name: str, *blocks: str) -> None:
        body = "\n\n".join(textwrap.dedent(b).strip() for b in blocks)
        self.write(f"docs/{name}", f"# A page\n\n{body}\n")

    def build(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", *args],
            cwd=self.root,
            capture_output=True,
            check=False,  # the tests read the exit code
            text=True,
            timeout=120,
        )

    def html(self, url: str) -> str:
        return (self.root / "site" / url / "index.html").read_text(encoding="utf-8")

    def images(self, url: str = "") -> list[tuple[str, Path, str]]:
        """Each journey picture in a page: its classes, its file in site/ and its alt."""
        folder = self.root / "site" / url
        found = IMG.findall(self.html(url))
        return [(classes, (folder / src).resolve(), alt) for classes, src, alt in found]


def block(*lines: str) -> str:
    return "\n".join([f"{FENCE}journeygraphic", *lines, FENCE])


@pytest.fixture
def site(tmp_path: Path, az400_path: Path) -> Site:
    return Site(tmp_path, az400_path)


def test_a_block_becomes_the_picture(site: Site, az400_path: Path) -> None:
    site.page("index.md", block("spec: ../specs/az400.yaml"))
    run = site.build("--strict")
    assert run.returncode == 0, run.stderr
    [(classes, image, alt)] = site.images()
    assert classes == "journeygraphic"
    assert alt == TITLE
    assert image.parent == site.root / "site" / "assets" / "journeygraphic"
    # laid out for a docs column by default (auto at 720 px), not a poster shrunk into it
    expected = jg.render(jg.load(az400_path), "svg", layout="auto", width=720)
    assert image.read_bytes() == expected
    assert ElementTree.fromstring(image.read_bytes()).tag.endswith("svg")


def test_options_paths_and_the_text_version(site: Site, az400_path: Path) -> None:
    site.page("index.md", "Home")
    site.page(
        "guide/deep.md",
        block(
            "spec: /../specs/az400.yaml",  # from docs_dir
            "layout: vertical",
            "width: 480",
            "format: png",
            "class: narrow wide",
            'alt: The path <"AZ-400">',
            "text: true",
        ),
    )
    run = site.build("--strict")
    assert run.returncode == 0, run.stderr
    [(classes, image, alt)] = site.images("guide/deep")
    assert classes == "journeygraphic narrow wide"
    assert alt == "The path &lt;&quot;AZ-400&quot;&gt;"
    journey = jg.load(az400_path)
    assert image.read_bytes() == jg.render(journey, "png", layout="vertical", width=480)
    html = site.html("guide/deep")
    outline = html[html.index("<strong>" + TITLE) :]
    assert re.search(r"<ol>\s*<li><strong>Start here</strong>", outline)
    assert re.search(r"<li><strong>Start here</strong>.*?<ol>\s*<li>", outline, re.DOTALL)
    assert outline.index("Start here") < outline.index("Keep going")


def test_a_rebuild_reuses_the_cached_picture(site: Site, az400_path: Path) -> None:
    site.page("index.md", block("spec: ../specs/az400.yaml"), block("spec: ../specs/az400.yaml"))
    assert site.build().returncode == 0
    [cached] = (site.root / ".cache" / "journeygraphic").iterdir()
    before = cached.stat()
    assert site.build().returncode == 0  # MkDocs cleans site/ and builds every page again
    after = cached.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    [(_, first, _), (_, second, _)] = site.images()
    assert first == second
    assert first.read_bytes() == cached.read_bytes()

    spec = site.root / "specs" / "az400.yaml"
    spec.write_text(spec.read_text().replace("DevOps Engineer Expert", "DevOps Hero"))
    assert site.build().returncode == 0
    [(_, image, alt), _] = site.images()
    assert alt == "The journey to Microsoft Certified: DevOps Hero"
    assert b"DevOps Hero" in image.read_bytes()
    # the old picture is pruned from the cache; what is not ours stays
    assert [p.name for p in (site.root / ".cache" / "journeygraphic").iterdir()] == [image.name]


def test_only_unused_pictures_of_ours_leave_the_cache(site: Site) -> None:
    cache = site.root / ".cache" / "journeygraphic"
    cache.mkdir(parents=True)
    stale = cache / f"journeygraphic-{'0' * 32}.svg"
    strangers = [cache / "journeygraphic-notes.svg", cache / "readme.txt"]
    for path in [stale, *strangers]:
        path.write_text("x", "utf-8")
    site.page("index.md", block("spec: ../specs/az400.yaml"))
    assert site.build().returncode == 0
    assert not stale.exists() and all(path.exists() for path in strangers)
    [(_, image, _)] = site.images()
    assert (cache / image.name).is_file()


def test_plugin_options_set_the_defaults(tmp_path: Path, az400_path: Path) -> None:
    plugin = "  - journeygraphic:\n      layout: compact\n      theme: dark\n      width: 900\n"
    site = Site(tmp_path, az400_path, plugin)
    site.write("docs/themes/mine.yaml", 'extends: dark\npalette:\n  accent: "#FF66FF"\n')
    site.page(
        "index.md",
        block("spec: ../specs/az400.yaml"),
        block("spec: ../specs/az400.yaml", "theme: themes/mine.yaml", "layout: poster"),
    )
    run = site.build("--strict")
    assert run.returncode == 0, run.stderr
    [(_, first, _), (_, second, _)] = site.images()
    journey = jg.load(az400_path)
    expected = jg.render(journey, "svg", layout="compact", theme="dark", width=900)
    assert first.read_bytes() == expected
    assert b"#FF66FF" in second.read_bytes().upper()


def test_bad_blocks_and_specs_are_located_warnings(site: Site, bad_spec: str) -> None:
    site.write("specs/bad.yaml", bad_spec)
    site.page(
        "index.md",
        block("spec: ../specs/az400.yaml", "layot: poster"),  # line 3
        block("spec: ../specs/bad.yaml"),  # line 8
        block("spec: ../specs/missing.yaml"),  # line 12
        block("spec: ../specs/az400.yaml", "layout: diagonal"),  # line 16
        block("spec: ../specs/az400.yaml", "text: maybe"),  # line 21
    )
    run = site.build()
    assert run.returncode == 0  # warnings only...
    log = run.stderr
    assert "Traceback" not in log
    warnings = [line for line in log.splitlines() if not line.startswith("INFO")]
    assert warnings == [
        "WARNING -  journeygraphic: docs/index.md:5:1: unknown key 'layot'; did you mean "
        "'layout'? (use: spec, layout, theme, format, width, alt, class, text) (at layot)",
        "WARNING -  journeygraphic: docs/index.md:8:1: specs/bad.yaml:7:15: unknown kind "
        + warnings[1].split("unknown kind ")[1],
        "WARNING -  journeygraphic: docs/index.md:12:1: specs/missing.yaml: the file does "
        "not exist",
        "WARNING -  journeygraphic: docs/index.md:16:1: unknown layout 'diagonal' (use one "
        "of: poster, vertical, compact, auto)",
        "WARNING -  journeygraphic: docs/index.md:23:7: text must be true or false (at text)",
    ]
    assert site.images() == []
    # each refused block leaves a warning box with its messages where the picture would be
    page = site.html("")
    assert page.count('<div class="admonition warning journeygraphic-error">') == 5
    assert "<code>docs/index.md:8:1: specs/bad.yaml:7:15: unknown kind" in page
    strict = site.build("--strict")  # ...which --strict turns into a failed build
    assert strict.returncode != 0
    assert "Traceback" not in strict.stderr


def test_fences_inside_other_fences_are_left_alone() -> None:
    page = "\n".join(
        ["````markdown", block("spec: x.yaml"), "````", "", block("spec: y.yaml"), "after"]
    )
    seen: list[tuple[str, int]] = []

    def note(body: str, line: int) -> str:
        seen.append((body, line))
        return "PICTURE"

    out = replace_fences(page, "journeygraphic", note)
    assert seen == [("spec: y.yaml", 7)]
    assert out.splitlines() == [*page.splitlines()[:6], "PICTURE", "after"]


def test_an_unclosed_block_runs_to_the_end() -> None:
    seen: list[str] = []

    def note(body: str, line: int) -> str:
        seen.append(body)
        return ""

    replace_fences("~~~journeygraphic\nspec: a.yaml\n", "journeygraphic", note)
    assert seen == ["spec: a.yaml\n"]


def test_the_outline_reads_the_same_in_python_markdown(az400_path: Path) -> None:
    journey = jg.load(az400_path).model_copy(
        update={"header": jg.Header(lead="Tom & Jerry's", title="<b>Bold</b> | ~path~ = 1")}
    )
    page = markdown.markdown(for_python_markdown(jg.render(journey, "md").decode()))
    first = re.match(r"<p><strong>(.*?)</strong></p>", page)
    assert first is not None
    assert html.unescape(first.group(1)) == "Tom & Jerry's <b>Bold</b> | ~path~ = 1"
    assert "<b>" not in page
    assert "\\" not in page  # no escape shown as a stray backslash
    assert "<h1>" not in page  # the page keeps its own title
    nested = re.search(r"<li><strong>Upskill</strong>.*?</li>\s*</ol>", page, re.DOTALL)
    assert nested is not None and "<ol>" in nested.group(0)


@pytest.mark.parametrize("ref", ["../../outside/journey.yaml", "/../../outside/journey.yaml"])
def test_a_spec_outside_the_project_folder_is_refused(
    tmp_path: Path, az400_path: Path, ref: str
) -> None:
    (tmp_path / "project").mkdir()
    site = Site(tmp_path / "project", az400_path)
    (tmp_path / "outside").mkdir()
    shutil.copy(az400_path, tmp_path / "outside" / "journey.yaml")
    site.page("index.md", block(f"spec: {ref}"))
    done = site.build()
    assert "is outside the documentation's folder" in done.stderr
    assert site.images() == []
    assert "journey.yaml" not in "".join(p.name for p in (site.root / "site").rglob("*"))


def test_spec_roots_widen_the_folders_specs_come_from(tmp_path: Path, az400_path: Path) -> None:
    plugin = "  - journeygraphic:\n      spec_roots: [../shared]\n"
    (tmp_path / "project").mkdir()
    site = Site(tmp_path / "project", az400_path, plugin)
    (tmp_path / "shared").mkdir()
    shutil.copy(az400_path, tmp_path / "shared" / "journey.yaml")
    site.page("index.md", block("spec: ../../shared/journey.yaml"))
    done = site.build()
    assert done.returncode == 0, done.stderr
    assert len(site.images()) == 1

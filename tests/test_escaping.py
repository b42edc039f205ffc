"""Echoed and published text stays text (issue 16): argparse's errors and the Markdown outline.

argparse echoes a bad option value in its own error line; it goes through the loader's
escaping like every located error. The Markdown outline that MkDocs publishes
(``text: true``) is read with the extensions MkDocs sites turn on, and spec text must not
make an admonition, an attribute, a footnote, an abbreviation or a definition there.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import markdown as python_markdown
import pytest
from markdown_it import MarkdownIt

import journeygraphic as jg
from journeygraphic.cli import main
from journeygraphic.textformat import markdown
from test_hostile import assert_terminal_safe

ROOT = Path(__file__).resolve().parent.parent
AZ400 = str(ROOT / "specs" / "az400.yaml")
HOSTILE = "\x1b[2J\x07\n::error::pwned ##vso[task.setvariable variable=x]1 ##[group]\r"


@pytest.mark.parametrize(
    "argv",
    [
        [AZ400, "--format", "svg," + HOSTILE],
        [AZ400, "--width", HOSTILE],
        [AZ400, "--scale", HOSTILE],
        [AZ400, "--layout", HOSTILE],
        [AZ400, "--bogus" + HOSTILE],
        [AZ400, "--limit", HOSTILE],
        [AZ400, "-o", HOSTILE + ".gif"],
        ["validate", AZ400, "--quiet", "--verbose" + HOSTILE],
        ["schema", HOSTILE],
    ],
)
def test_every_echoed_option_value_is_escaped(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert_terminal_safe(err)
    error_line = err.splitlines()[-1]
    assert "error:" in error_line and ("u001b" in error_line or "x1b" in error_line)
    assert not [line for line in err.splitlines() if line.lstrip().startswith("::")]


EVIL = [
    '!!! warning evil-class "x"',
    '!!! danger ""',
    '{: .evil onclick="alert(1)" }',
    "text {: #hijack .evil }",
    "see [^1] here",
    "[^1]: a footnote",
    "*[HTML]: Hyper Text",
    "HTML",
    ": a definition",
    '??? note "details"',
    '=== "Tab"',
    "/// warning",
    '--8<-- "/etc/passwd"',
    "==marked== ^^inserted^^ ~~deleted~~ ++ctrl+alt++",
    "$x^2$ and $$y$$",
    ":smile: :material-alert:",
    "<div markdown>x</div>",
    "a | b | c",
    "1) one",
    "- dash",
]
EXTENSIONS = ["admonition", "attr_list", "footnotes", "abbr", "def_list", "md_in_html", "tables"]


def _evil_journey() -> jg.Journey:
    steps = [{"kind": "bullets", "title": "B", "items": EVIL}]
    steps += [{"title": text, "description": text} for text in EVIL]
    spec = {
        "header": {"title": EVIL[0], "call_to_action": {"lead": ": lead", "label": EVIL[2]}},
        "phases": [{"caption": text, "steps": steps[:1]} for text in EVIL[:2]]
        + [{"caption": ": c", "steps": steps}],
    }
    spec["header"]["call_to_action"]["url"] = "https://example.com"
    return jg.loads(json.dumps(spec))


def test_the_outline_makes_no_markdown_extension_markup() -> None:
    text = markdown(_evil_journey())
    page = python_markdown.markdown(text, extensions=EXTENSIONS)
    made_by_extensions = ("admonition", 'class="footnote', "<abbr", "<dl", "<dd", "<table", "<div")
    for made in made_by_extensions:
        assert made not in page, made
    assert "evil" not in re.sub(r">[^<]*<", "><", page), "an attribute was injected"
    assert "onclick=" not in page.replace("onclick=&quot;", "")
    assert page.count("<a ") == 1  # the call to action, and nothing else


def test_the_outline_shows_every_evil_text_as_written() -> None:
    text = markdown(_evil_journey())
    for rendered in (
        python_markdown.markdown(text, extensions=EXTENSIONS),
        MarkdownIt("commonmark").render(text),
    ):
        visible = html.unescape(re.sub(r"<[^>]+>", "", rendered))
        for evil in EVIL:
            assert evil in visible, evil


def test_the_corpus_outline_makes_no_markup(tmp_path: Path) -> None:
    spec = ROOT / "tests" / "hostile" / "markdown-extensions.yaml"
    assert main([str(spec), "-o", str(tmp_path / "out.md")]) == 0
    page = python_markdown.markdown((tmp_path / "out.md").read_text("utf-8"), extensions=EXTENSIONS)
    for made in ("admonition", 'class="footnote', "<abbr", "<dl", "<table", 'evil-class"'):
        assert made not in page, made
    assert page.count("<li>") == 12  # the phase, the stage and the ten bullets, each one item

"""The preview's pages: HTML built with every piece of text escaped, and the one script and
one style sheet they load (served as files, so the Content Security Policy allows no inline
script or style at all).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ._previews import DOWNLOADS, LAYOUTS, WIDTH_PRESETS, Result, Shown, View, theme_names

SCRIPT = """\
"use strict";
// The preview's only script: submit the view form on change, and follow the server's
// change events (server-sent events) to swap in the new picture or show the problems.
(() => {
  const body = document.body;
  const form = document.querySelector("form.controls");
  if (form) {
    form.querySelector("button[type=submit]").hidden = true;
    form.addEventListener("change", () => form.requestSubmit());
  }
  if (!body.dataset.state) return;
  const picture = document.getElementById("picture");
  const stage = document.getElementById("stage");
  const problems = document.getElementById("problems");
  const outline = document.getElementById("outline");
  const status = document.getElementById("status");
  let asked = 0;
  function loaded() {
    body.dataset.shown = picture.getAttribute("src");
    body.dataset.shownAt = String(Date.now());
  }
  picture.addEventListener("load", loaded);
  // The first picture may have loaded before this script ran: its load event is gone.
  if (picture.complete && picture.naturalWidth > 0) loaded();
  async function refresh(generation) {
    const mine = ++asked;
    const response = await fetch(body.dataset.state + "&v=" + generation, {cache: "no-store"});
    const state = await response.json();
    if (mine !== asked) return;  // a newer change is on its way
    if (state.picture && picture.getAttribute("src") !== state.picture) {
      picture.src = state.picture;
    }
    picture.alt = state.alt;
    picture.hidden = !state.picture;
    stage.classList.toggle("stale", !state.ok);
    problems.innerHTML = state.overlay;  // built by the server, every text escaped
    problems.hidden = state.ok;
    if (outline && state.outline !== null) outline.innerHTML = state.outline;
    body.dataset.generation = String(state.generation);
    body.dataset.ok = String(state.ok);
  }
  const events = new EventSource(body.dataset.events);
  events.addEventListener("change", (event) => {
    if (event.data !== body.dataset.generation) refresh(event.data);
  });
  events.addEventListener("open", () => { status.textContent = "Live: updates when you save."; });
  events.addEventListener("error", () => { status.textContent = "Reconnecting to the server…"; });
})();
"""

STYLE = """\
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #767676;
  --accent: #0b5cad; --bad: #a4001d; --paper: #ffffff; --panel: #f3f3f3; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, sans-serif; color: var(--ink);
  background: var(--paper); }
header, .bar, main, footer { padding: 0.5rem 1rem; }
header { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: baseline;
  border-bottom: 1px solid var(--line); }
h1 { font-size: 1.15rem; margin: 0; overflow-wrap: anywhere; }
a { color: var(--accent); }
a:focus-visible, select:focus-visible, button:focus-visible, input:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end;
  background: var(--panel); }
.controls { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin: 0; }
label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
select, button { font: inherit; color: var(--ink); min-height: 2.25rem; padding: 0.2rem 0.4rem;
  border: 1px solid var(--line); border-radius: 4px; background: var(--paper); }
.tabs, .downloads { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap;
  margin: 0; padding: 0; list-style: none; }
.tabs a, .downloads a { display: inline-block; padding: 0.35rem 0.6rem;
  border: 1px solid var(--line); border-radius: 4px; text-decoration: none;
  background: var(--paper); }
.tabs a[aria-current="page"] { background: var(--accent); color: #ffffff;
  border-color: var(--accent); }
.downloads span { color: var(--muted); font-size: 0.85rem; }
#stage { position: relative; min-height: 8rem; }
#picture { display: block; max-width: 100%; height: auto; margin: 0 auto;
  border: 1px solid #d0d0d0; transition: opacity 120ms; }
#stage.stale #picture { opacity: 0.3; filter: grayscale(0.6); }
#problems { position: absolute; inset: 0 0 auto 0; max-height: 100%; min-height: 8rem;
  overflow: auto; margin: 0 auto; max-width: 60rem; padding: 0.75rem 1rem; background: #fff5f6;
  border: 2px solid var(--bad); border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,0.25); }
#problems h2 { font-size: 1.05rem; margin: 0 0 0.5rem; color: var(--bad); }
#problems ol { margin: 0; padding-left: 1.25rem; }
#problems li { margin-bottom: 0.75rem; }
.where { font-family: ui-monospace, monospace; font-weight: bold; overflow-wrap: anywhere; }
.message { margin: 0.15rem 0; }
.source { margin: 0.25rem 0 0; padding: 0.4rem 0.5rem; background: var(--paper);
  border: 1px solid #d0d0d0; overflow-x: auto; font: 0.9rem/1.3 ui-monospace, monospace; }
.source mark { background: #ffd7dd; color: var(--ink); }
.caret { color: var(--bad); font-weight: bold; }
#outline { max-width: 48rem; }
#outline li { margin: 0.15rem 0; }
#status { color: var(--muted); font-size: 0.85rem; }
ul.specs { padding-left: 1.25rem; }
ul.specs li { margin: 0.4rem 0; }
.bad { color: var(--bad); }
@media (max-width: 480px) {
  header, .bar, main, footer { padding: 0.4rem 0.5rem; }
  .controls label { flex: 1 1 7rem; }
  select { width: 100%; }
}
"""

_HEAD = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<link rel="stylesheet" href="/static/preview.css">
<script src="/static/preview.js" defer></script>
</head>
"""


def index_page(rows: Sequence[tuple[int, str, str, int]]) -> str:
    """The page listing every served spec: (index, name, title, number of problems)."""
    items = []
    for index, name, title, count in rows:
        about = f" — {escape(title)}" if title else ""
        if count:
            about += f' <span class="bad">({count} problem{"s" if count != 1 else ""})</span>'
        items.append(f'<li><a href="/s/{index}">{escape(name)}</a>{about}</li>')
    return (
        _HEAD.format(title="journeygraphic preview")
        + "<body>\n<header><h1>journeygraphic preview</h1></header>\n<main>\n"
        + f"<p>{len(rows)} spec{'s' if len(rows) != 1 else ''} served. Choose one:</p>\n"
        + '<ul class="specs">\n'
        + "\n".join(items)
        + "\n</ul>\n</main>\n</body>\n</html>\n"
    )


def spec_page(
    index: int,
    name: str,
    view: View,
    result: Result,
    shown: Result | None,
    outline: str | None,
    has_progress: bool,
) -> str:
    """The page of one spec: controls, downloads, and the picture or the outline.

    ``result`` is the current render; ``shown`` the newest good one (the same when the spec
    is fine), drawn dimmed under the problems when the spec has a mistake.
    """
    base = f"/s/{index}"
    data = (
        f' data-state="{base}/state.json?{escape(view.query())}"'
        f' data-events="{base}/events" data-generation="{result.generation}"'
        f' data-ok="{str(result.ok).lower()}"'
    )
    return (
        _HEAD.format(title=f"{escape(name)} — journeygraphic preview")
        + f"<body{data}>\n"
        + '<header><a href="/">All specs</a>'
        + f"<h1>{escape(name)}</h1></header>\n"
        + '<nav class="bar" aria-label="View and downloads">\n'
        + _controls(base, view, has_progress)
        + _tabs(base, view)
        + _downloads(base, view)
        + "</nav>\n<main>\n"
        + _body(base, view, result, shown, outline)
        + '</main>\n<footer><p id="status" aria-live="polite">'
        + "Updates when you save (needs JavaScript).</p></footer>\n</body>\n</html>\n"
    )


def _controls(base: str, view: View, has_progress: bool) -> str:
    themes = [("", "The spec's own"), *((name, name) for name in theme_names())]
    widths = [("", "The layout's own")]
    widths += [(str(px), f"{label.capitalize()} ({px} px)") for label, px in WIDTH_PRESETS.items()]
    chosen_width = str(view.width or "")
    if chosen_width not in dict(widths):
        widths.append((chosen_width, f"{view.width} px"))
    fields = [
        _select("Layout", "layout", [(name, name) for name in LAYOUTS], view.layout),
        _select("Theme", "theme", themes, view.theme),
        _select("Width", "width", widths, chosen_width),
    ]
    if has_progress:
        progress = [("on", "Shown"), ("off", "Hidden")]
        fields.append(_select("Progress", "progress", progress, "on" if view.progress else "off"))
    hidden = f'<input type="hidden" name="tab" value="{escape(view.tab)}">'
    return (
        f'<form class="controls" method="get" action="{base}" aria-label="View options">\n'
        + "\n".join(fields)
        + f'\n{hidden}\n<button type="submit">Apply</button>\n</form>\n'
    )


def _select(label: str, name: str, options: Sequence[tuple[str, str]], chosen: str) -> str:
    items = "".join(
        f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>'
        f"{escape(text)}</option>"
        for value, text in options
    )
    return f'<label>{label}<select name="{name}">{items}</select></label>'


def _tabs(base: str, view: View) -> str:
    links = []
    for tab, text in (("picture", "Picture"), ("outline", "Text outline")):
        current = ' aria-current="page"' if view.tab == tab else ""
        links.append(f'<li><a href="{base}?{escape(view.query(tab=tab))}"{current}>{text}</a></li>')
    return '<ul class="tabs" aria-label="Show">' + "".join(links) + "</ul>\n"


def _downloads(base: str, view: View) -> str:
    query = escape(view.drawing().query())
    links = "".join(
        f'<li><a href="{base}/download.{fmt}?{query}" download>{fmt.upper()}</a></li>'
        for fmt in DOWNLOADS
    )
    return (
        f'<ul class="downloads" aria-label="Download"><li><span>Download</span></li>{links}</ul>\n'
    )


def _body(base: str, view: View, result: Result, shown: Result | None, outline: str | None) -> str:
    stale = "" if result.ok else ' class="stale"'
    hidden_problems = " hidden" if result.ok else ""
    picture = picture_url(base, view, shown)
    img = (
        f'<img id="picture" src="{escape(picture or "")}" alt="{escape(alt_text(shown or result))}"'
        f"{'' if picture else ' hidden'}>"
    )
    stage = (
        f'<div id="stage"{stale}>\n{img}\n'
        f'<section id="problems" role="alert" aria-label="Problems"{hidden_problems}>'
        f"{overlay_html(result.problems)}</section>\n</div>\n"
    )
    if view.tab == "outline":
        text = outline if outline is not None else ""
        return f'<div hidden>{stage}</div>\n<article id="outline">{text}</article>\n'
    return stage


def picture_url(base: str, view: View, shown: Result | None) -> str | None:
    """The address of the picture of ``shown`` (None if there is none yet)."""
    if shown is None:
        return None
    return f"{base}/picture.svg?{view.drawing().query()}&v={shown.generation}"


def alt_text(result: Result) -> str:
    """The picture's text alternative: the journey's title; the outline tab has the rest."""
    return f"Journey picture: {result.title}" if result.title else "Journey picture"


def overlay_html(problems: Sequence[Shown]) -> str:
    """The problems as HTML: where, what, and the offending line with a caret at the column."""
    if not problems:
        return ""
    count = len(problems)
    items = "\n".join(_problem_html(problem) for problem in problems)
    return (
        f"<h2>{count} problem{'s' if count != 1 else ''}; the last good picture is dimmed "
        f"behind</h2>\n<ol>\n{items}\n</ol>"
    )


def _problem_html(problem: Shown) -> str:
    where = escape(problem.where())
    at = f" (at {escape(problem.path)})" if problem.path else ""
    message = escape(problem.message)
    text = f'<li><div class="where">{where}</div><p class="message">{message}{at}</p>'
    if problem.source and problem.caret is not None:
        text += _source_html(problem.source, problem.caret, problem.line)
    return text + "</li>"


def _source_html(source: str, caret: int, line: int | None) -> str:
    before, here, after = source[:caret], source[caret : caret + 1], source[caret + 1 :]
    # The caret line copies the tabs before the column so it lines up under them.
    pad = "".join("\t" if char == "\t" else " " for char in before)
    number = f"{line} | " if line is not None else ""
    gutter = " " * len(number)
    return (
        f'<pre class="source" aria-label="line {line}">{escape(number)}{escape(before)}'
        f"<mark>{escape(here or ' ')}</mark>{escape(after)}\n"
        f'{gutter}{pad}<span class="caret">^</span></pre>'
    )

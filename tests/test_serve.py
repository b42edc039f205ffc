"""``journeygraphic serve`` in-process: routes, safety headers, events and the error overlay.

Each test runs the real server on a free port of 127.0.0.1 in a thread, with a fake change
source (a queue) in place of the file watcher, and stops it at the end.
"""

from __future__ import annotations

import http.client
import io
import json
import queue
import re
import shutil
import socket
import threading
import time
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

import journeygraphic as jg
from journeygraphic.cli import main
from journeygraphic.serve import Previews, _announce, is_loopback, start
from journeygraphic.serve._http import PAGE_CSP, PreviewServer, host_allowed
from journeygraphic.serve._outline import outline_html
from journeygraphic.serve._page import SCRIPT, STYLE
from journeygraphic.serve._previews import View, download_name

ROOT = Path(__file__).resolve().parent.parent
BAD_KIND = "      - kind: exma"


class Changes:
    """A change source the test drives: each ``put`` is one burst of changed paths."""

    def __init__(self) -> None:
        self._bursts: queue.Queue[Collection[str] | None] = queue.Queue()

    def put(self, *paths: Path) -> None:
        self._bursts.put({str(path) for path in paths})

    def end(self) -> None:
        self._bursts.put(None)

    def __iter__(self) -> Iterator[Collection[str]]:
        while (burst := self._bursts.get()) is not None:
            yield burst


class Running:
    """A server on a free port in a thread, and plain HTTP requests to it."""

    def __init__(self, previews: Previews, changes: Changes) -> None:
        self.changes = changes
        self.server = start(previews, "127.0.0.1", 0, changes)
        self.port = self.server.port
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def request(
        self, path: str, method: str = "GET", host: str | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.putrequest(method, path, skip_host=True)
        connection.putheader("Host", host if host is not None else f"127.0.0.1:{self.port}")
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body

    def json(self, path: str) -> dict[str, Any]:
        status, _, body = self.request(path)
        assert status == 200
        return dict(json.loads(body))

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.changes.end()
        self._thread.join(timeout=10)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(ROOT / "specs" / "az400.yaml", work / "journey.yaml")
    shutil.copy(ROOT / "examples" / "progress.yaml", work / "progress.yaml")
    return work


@pytest.fixture
def running(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Running]:
    monkeypatch.chdir(folder)
    server = Running(Previews(["journey.yaml"], "progress.yaml"), Changes())
    try:
        yield server
    finally:
        server.stop()


# --------------------------------------------------------------------------- safety


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "[::1]", "LOCALHOST"])
def test_loopback_names_are_answered(running: Running, name: str) -> None:
    status, _, _ = running.request("/", host=f"{name}:{running.port}")
    assert status == 200


@pytest.mark.parametrize(
    "host",
    ["evil.example:{port}", "127.0.0.1:1", "localhost", "", "127.0.0.1.nip.io:{port}"],
)
def test_other_hosts_are_refused(running: Running, host: str) -> None:
    """A page of another site that rebinds its name to 127.0.0.1 reads nothing."""
    status, headers, body = running.request("/s/0", host=host.format(port=running.port))
    assert status == 403
    assert b"DevOps" not in body
    assert headers["x-content-type-options"] == "nosniff"


def test_a_request_without_host_is_refused(running: Running) -> None:
    with socket.create_connection(("127.0.0.1", running.port), timeout=10) as raw:
        raw.sendall(b"GET / HTTP/1.0\r\n\r\n")
        answer = raw.makefile("rb").read()
    assert answer.startswith(b"HTTP/1.0 403")


def test_a_wildcard_bind_answers_addresses_but_not_names() -> None:
    allowed = {"0.0.0.0:8000", "127.0.0.1:8000"}
    assert host_allowed("192.168.1.7:8000", allowed, wildcard=True)
    assert host_allowed("[fe80::1]:8000", allowed, wildcard=True)
    assert not host_allowed("192.168.1.7:8001", allowed, wildcard=True)
    assert not host_allowed("attacker.example:8000", allowed, wildcard=True)
    assert not host_allowed("192.168.1.7:8000", allowed, wildcard=False)


def test_pages_carry_a_strict_policy(running: Running) -> None:
    for path in ("/", "/s/0", "/s/0/state.json", "/static/preview.js", "/nothing"):
        _, headers, _ = running.request(path)
        assert headers["content-security-policy"] == PAGE_CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["server"] == "journeygraphic-preview"
    policy = dict(part.strip().split(" ", 1) for part in PAGE_CSP.split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'"  # no inline script: ours is a served file
    assert "unsafe" not in PAGE_CSP


def test_the_page_has_no_inline_script_or_style(running: Running) -> None:
    _, _, body = running.request("/s/0")
    page = body.decode()
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/preview.js" defer>']
    assert "<style" not in page and " style=" not in page
    assert re.search(r"\son[a-z]+=", page) is None  # no event handler attributes


def test_the_picture_is_an_image_and_its_own_policy_forbids_scripts(running: Running) -> None:
    _, _, body = running.request("/s/0")
    picture = re.search(r'<img id="picture" src="([^"]+)"', body.decode())
    assert picture
    status, headers, svg = running.request(picture.group(1).replace("&amp;", "&"))
    assert status == 200
    assert headers["content-type"] == "image/svg+xml"
    assert "script-src" not in headers["content-security-policy"]
    assert "sandbox" in headers["content-security-policy"]
    assert svg.startswith(b"<?xml")


@pytest.mark.parametrize(
    "path",
    [
        "/journey.yaml",
        "/etc/passwd",
        "/s/0/../../journey.yaml",
        "/s/%2e%2e/journey.yaml",
        "/static/../journey.yaml",
        "/static/preview.py",
        "/s/1",  # one spec is served: index 0 only
        "/s/00",
        "/s/-1",
        "/s/0/picture.png",
        "/s/0/download.md",
        "/s/0/",
        "//journey.yaml",
        "/favicon.ico",
    ],
)
def test_no_other_path_is_served(running: Running, path: str) -> None:
    status, _, body = running.request(path)
    assert status == 404
    assert body == b"not found\n"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_read_only(running: Running, method: str, folder: Path) -> None:
    before = sorted(p.name for p in folder.iterdir())
    status, headers, _ = running.request("/s/0", method=method)
    assert status == 405
    assert headers["allow"] == "GET, HEAD"
    assert sorted(p.name for p in folder.iterdir()) == before


def test_head_sends_headers_only(running: Running) -> None:
    status, headers, body = running.request("/s/0", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["content-length"]) > 1000


def test_nothing_is_written(running: Running, folder: Path) -> None:
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    for path in ("/", "/s/0?tab=outline", "/s/0/download.svg", "/s/0/download.png"):
        assert running.request(path)[0] == 200
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


# --------------------------------------------------------------------------- views


def test_the_query_keeps_the_view() -> None:
    view = View.from_query("layout=vertical&theme=dark&width=phone&progress=off&tab=outline")
    assert view == View("vertical", "dark", 360, False, "outline")
    assert View.from_query(view.query()) == view
    assert View.from_query(View().query()) == View()


@pytest.mark.parametrize(
    "query",
    ["layout=../../x", "theme=/etc/passwd", "theme=dark.yaml", "width=99", "width=1e9", "tab=x"],
)
def test_values_not_offered_keep_the_default(query: str) -> None:
    assert View.from_query(query) == View()


def test_downloads_are_the_cli_bytes_as_attachments(running: Running, folder: Path) -> None:
    journey = jg.load(folder / "journey.yaml")
    progress = jg.read_progress(folder / "progress.yaml", journey)
    for fmt, kind in (("svg", "image/svg+xml"), ("png", "image/png"), ("pdf", "application/pdf")):
        status, headers, body = running.request(f"/s/0/download.{fmt}?layout=compact&width=800")
        assert status == 200
        assert headers["content-type"] == kind
        assert headers["content-disposition"] == f'attachment; filename="journey.{fmt}"'
        if fmt != "pdf":  # a PDF carries its creation time
            expected = jg.render(
                journey, fmt, layout="compact", width=800, base_dir=folder, progress=progress
            )
            assert body == expected


def test_progress_off_draws_without_it(running: Running, folder: Path) -> None:
    journey = jg.load(folder / "journey.yaml")
    _, _, body = running.request("/s/0/download.svg?progress=off")
    assert body == jg.render(journey, "svg", base_dir=folder)


def test_download_names_are_plain() -> None:
    assert download_name("specs/az400.yaml", "png") == "az400.png"
    assert download_name('a"b\r\n;é.yaml', "svg") == "a_b____.svg"
    assert download_name("..yaml", "pdf") == "journey.pdf"


def test_the_outline_tab_shows_the_markdown_as_html(running: Running) -> None:
    _, _, body = running.request("/s/0?tab=outline")
    page = body.decode()
    assert '<article id="outline"><h1>' in page
    assert "<strong>Earn a prerequisite</strong>" in page
    assert 'aria-current="page">Text outline' in page


def test_the_outline_html_is_what_markdown_it_makes() -> None:
    """Our small converter agrees with a CommonMark parser on every spec's outline."""
    compared = 0
    for spec in sorted((ROOT / "specs").glob("*.yaml")) + sorted(
        (ROOT / "tests" / "corpus").glob("*.yaml")
    ):
        text = jg.render(jg.load(spec), "md").decode()
        assert _normal(outline_html(text)) == _normal(MarkdownIt("commonmark").render(text))
        compared += 1
    assert compared >= 20


def _normal(page: str) -> str:
    page = page.replace(' rel="noopener noreferrer"', "").replace("&#x27;", "'")
    return re.sub(r"\s*\n\s*", "", page.replace("&quot;", '"'))


def test_spec_text_is_escaped_everywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    hostile = "<img src=x onerror=alert(1)> & </script>"
    spec = (ROOT / "specs" / "az400.yaml").read_text(encoding="utf-8")
    spec = spec.replace("title: DevOps Engineer Expert", f'title: "{hostile}"')
    Path("journey.yaml").write_text(spec, encoding="utf-8")
    server = Running(Previews(["journey.yaml"]), Changes())
    try:
        for path in ("/", "/s/0", "/s/0?tab=outline"):
            page = server.request(path)[2].decode()
            assert hostile not in page and "<img src=x" not in page
            assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;/script&gt;" in page
    finally:
        server.stop()


def test_outline_links_only_for_web_addresses() -> None:
    page = outline_html("1. [a](javascript:alert%281%29) [b](https://x.example/a?b=1&c=2)\n")
    assert "javascript" not in page
    assert page.count("<a ") == 1  # the label of the other stays, as plain text
    assert '<li>a <a href="https://x.example/a?b=1&amp;c=2" rel="noopener noreferrer">b</a>' in page


# --------------------------------------------------------------------------- changes


def _events(running: Running) -> Iterator[str]:
    """The ``data:`` of each ``change`` event on spec 0's stream."""
    connection = http.client.HTTPConnection("127.0.0.1", running.port, timeout=30)
    connection.request("GET", "/s/0/events", headers={"Host": f"localhost:{running.port}"})
    response = connection.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    event = ""
    try:
        for raw in iter(response.fp.readline, b""):
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "change":
                yield line[6:]
    finally:
        connection.close()


def test_a_change_is_an_event(running: Running, folder: Path) -> None:
    stream = _events(running)
    assert next(stream) == "0"  # the current generation, at once
    started = time.perf_counter()
    running.changes.put(folder / "journey.yaml")
    assert next(stream) == "1"
    assert time.perf_counter() - started < 0.3


def test_changes_that_touch_no_spec_are_no_event() -> None:
    previews = Previews(["a/one.yaml", "a/two.yaml"])
    assert previews.changed({"a/one.svg", "a/.one.yaml.swp", "a/notes.txt"}) == []
    assert previews.changed({"a/two.yaml"}) == [1]
    assert previews.changed({"a/theme.yaml"}) == [0, 1]  # a theme or progress file: all
    assert [previews.generation(0), previews.generation(1)] == [1, 2]


def test_a_stream_ends_when_the_server_stops(running: Running) -> None:
    stream = _events(running)
    assert next(stream) == "0"
    running.server.previews.stop()
    assert list(stream) == []


# --------------------------------------------------------------------------- problems


def test_a_mistake_keeps_the_last_picture_under_located_problems(
    running: Running, folder: Path
) -> None:
    good = running.json("/s/0/state.json")
    assert good["ok"] and good["errors"] == [] and good["overlay"] == ""

    spec = folder / "journey.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("      - kind: exam", BAD_KIND), encoding="utf-8")
    running.changes.put(spec)
    state = _state_after(running, 1)
    assert state["ok"] is False
    assert state["picture"] == good["picture"]  # the last good one, generation 0
    (error,) = state["errors"]
    line = text[: text.index("      - kind: exam")].count("\n") + 1
    assert (error["file"], error["line"], error["col"]) == ("journey.yaml", line, 15)
    assert error["source"] == BAD_KIND
    assert error["source"][error["caret"] :].startswith("exma")
    assert "did you mean 'exam'?" in error["message"]
    overlay = state["overlay"]
    assert f'<div class="where">journey.yaml:{line}:15</div>' in overlay
    assert f"{line} |       - kind: <mark>e</mark>xma\n" in overlay
    assert "\n" + " " * len(f"{line} |       - kind: ") + '<span class="caret">^</span>' in overlay

    page = running.request("/s/0")[2].decode()  # a fresh page shows the same
    assert '<div id="stage" class="stale">' in page and overlay in page

    spec.write_text(text, encoding="utf-8")
    running.changes.put(spec)
    fixed = _state_after(running, 2)
    assert fixed["ok"] and fixed["overlay"] == ""
    assert fixed["picture"].endswith("&v=2")


def _state_after(running: Running, generation: int) -> dict[str, Any]:
    end = time.monotonic() + 10
    while running.server.previews.generation(0) < generation:
        assert time.monotonic() < end
        time.sleep(0.005)
    return running.json(f"/s/0/state.json?v={generation}")


def test_a_theme_file_mistake_is_shown_in_the_theme_file(running: Running, folder: Path) -> None:
    (folder / "mine.yaml").write_text('extends: dark\npalette:\n  accent: "#ZZZZZZ"\n')
    spec = folder / "journey.yaml"
    spec.write_text(spec.read_text().replace("version: 1\n", "version: 1\ntheme: mine.yaml\n"))
    running.changes.put(spec, folder / "mine.yaml")
    (error,) = _state_after(running, 1)["errors"]
    assert (error["file"], error["line"], error["col"]) == ("mine.yaml", 3, 11)
    assert error["source"] == '  accent: "#ZZZZZZ"'
    assert error["caret"] == 10


def test_a_progress_file_mistake_is_shown_in_the_progress_file(
    running: Running, folder: Path
) -> None:
    progress = folder / "progress.yaml"
    progress.write_text(progress.read_text() + "  nope: done\n")
    running.changes.put(progress)
    (error,) = _state_after(running, 1)["errors"]
    line = progress.read_text().count("\n")
    assert (error["file"], error["line"], error["col"]) == ("progress.yaml", line, 3)
    assert error["source"] == "  nope: done"
    assert running.json("/s/0/state.json?progress=off")["ok"]  # without it, all is well


def test_only_served_files_are_quoted(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A problem naming some other file shows where it is, never what the file holds."""
    monkeypatch.chdir(folder)
    secret = folder.parent / "secret.yaml"
    secret.write_text("password: hunter2\n")
    previews = Previews(["journey.yaml"])
    for name in (str(secret), "../secret.yaml", "/etc/passwd"):
        shown = previews._shown(jg.Problem("boom", name, 1, 1))
        assert shown.source == "" and shown.where() == f"{name}:1:1"
    (folder / "notes.txt").write_text("private\n")
    assert previews._shown(jg.Problem("boom", "notes.txt", 1, 1)).source == ""


def test_a_long_line_is_clipped_around_the_column(folder: Path) -> None:
    spec = folder / "journey.yaml"
    spec.write_text("x" * 5000 + "Y" + "z" * 5000 + "\n")
    shown = Previews([str(spec)])._shown(jg.Problem("boom", str(spec), 1, 5001))
    assert len(shown.source) <= 240
    assert shown.caret is not None and shown.source[shown.caret] == "Y"


# --------------------------------------------------------------------------- command line


def test_the_command_warns_about_a_network_host(running: Running) -> None:
    said = io.StringIO()
    _announce(running.server, "0.0.0.0", said)
    assert said.getvalue().startswith("warning: --host 0.0.0.0 lets other machines")
    quiet = io.StringIO()
    _announce(running.server, "127.0.0.1", quiet)
    assert f"at http://127.0.0.1:{running.port}/" in quiet.getvalue()
    assert "warning" not in quiet.getvalue()


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("::1", True), ("localhost", True), ("0.0.0.0", False), ("::", False)],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_help_and_mistakes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["serve", "--help"]) == 0
    assert "live preview" in capsys.readouterr().out
    assert main(["serve", str(tmp_path)]) == 2  # a folder without specs
    assert "holds no *.yaml" in capsys.readouterr().err
    assert main(["serve", "x.yaml", "--port", "70000"]) == 2


def test_the_server_binds_loopback_by_default() -> None:
    server = PreviewServer(Previews([]))
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert server.url == f"http://127.0.0.1:{server.port}/"
    finally:
        server.server_close()


def test_the_script_and_style_are_served(running: Running) -> None:
    status, headers, body = running.request("/static/preview.js")
    assert status == 200 and body.decode() == SCRIPT
    assert headers["content-type"] == "text/javascript; charset=utf-8"
    assert running.request("/static/preview.css")[2].decode() == STYLE

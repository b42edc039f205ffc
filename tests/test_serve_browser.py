"""``journeygraphic serve`` in a real browser: Debian's Chromium, driven headless.

The browser is driven through the DevTools protocol over a pipe (``--remote-debugging-pipe``:
JSON messages ending in a NUL byte on file descriptors 3 and 4), with the small client below
and no other dependency. The server is the real command, ``python -m journeygraphic serve``,
run as a subprocess on a free port and stopped with Ctrl-C (SIGINT).
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import needs

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = needs.which("chromium", "chromium-browser", "google-chrome")
pytestmark = [
    needs.CHROMIUM,
    pytest.mark.skipif(
        importlib.util.find_spec("watchfiles") is None,
        reason="needs watchfiles: pip install 'journeygraphic[serve]'",
    ),
]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]
CLI = [sys.executable, "-m", "journeygraphic"]
LATENCY_BUDGET_MS = 300  # issue 18: a new picture within 300 ms of a save
WAIT = 30.0  # seconds any one step may take before the test fails


class DevTools:
    """A Chromium under the DevTools protocol, over its pipe: commands, results, events."""

    def __init__(self, executable: str, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def fds_3_and_4() -> None:  # Chromium reads commands on fd 3 and writes on fd 4
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # The only way to put the pipes at fds 3 and 4; no other thread runs yet.
            preexec_fn=fds_3_and_4,  # noqa: PLW1509
            close_fds=False,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._next_id = 0
        self._results: dict[int, queue.Queue[dict[str, Any]]] = {}
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        self.session = ""

    def _read(self) -> None:
        buffer = b""
        while chunk := os.read(self._from_chrome, 65536):
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    self._results[message["id"]].put(message)
                else:
                    self.events.put(message)

    def call(self, method: str, browser: bool = False, **params: Any) -> dict[str, Any]:
        """Send one command (to the page's session unless ``browser``) and wait for its result."""
        with self._lock:
            self._next_id += 1
            ident = self._next_id
            self._results[ident] = queue.Queue()
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if self.session and not browser:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        try:
            reply = self._results[ident].get(timeout=WAIT)
        finally:
            del self._results[ident]
        if "error" in reply:
            raise AssertionError(f"{method}: {reply['error']}")
        return dict(reply.get("result", {}))

    def open_page(self) -> None:
        """Open a tab and attach to it; later commands go to that tab."""
        target = self.call("Target.createTarget", browser=True, url="about:blank")["targetId"]
        attached = self.call("Target.attachToTarget", browser=True, targetId=target, flatten=True)
        self.session = attached["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = WAIT, every: float = 0.01) -> Any:
        """Poll ``expression`` until it is truthy; its value."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(every)
        raise AssertionError(f"timed out waiting for: {expression}")

    def go(self, url: str) -> None:
        """Navigate and wait until the picture (if any) has loaded."""
        self.call("Page.navigate", url=url)
        self.wait_for(f"location.href === {json.dumps(url)} && document.readyState === 'complete'")

    def event(self, method: str, timeout: float = WAIT) -> dict[str, Any]:
        """The next event called ``method`` (earlier others are dropped)."""
        end = time.monotonic() + timeout
        while True:
            message = self.events.get(timeout=max(end - time.monotonic(), 0.01))
            if message.get("method") == method:
                return dict(message["params"])

    def close(self) -> None:
        """Ask the browser to quit, then make sure it has."""
        with contextlib.suppress(AssertionError, queue.Empty, OSError):
            self.call("Browser.close", browser=True)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_chrome)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[DevTools]:
    assert CHROMIUM is not None
    devtools = DevTools(CHROMIUM, tmp_path / "profile")
    try:
        devtools.open_page()
        yield devtools
    finally:
        devtools.close()


class Served:
    """``python -m journeygraphic serve`` running in ``folder``, and its address."""

    def __init__(self, folder: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [*CLI, "serve", *args, "--port", "0"],
            cwd=folder,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        assert self.process.stderr is not None
        line = self.process.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, f"no address in: {line!r}"
        self.url = found.group()

    def interrupt(self) -> tuple[int, str]:
        """Ctrl-C: the exit code and what the server printed after its address."""
        self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=WAIT)
        return self.process.returncode, err

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


@pytest.fixture
def journey(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    spec = folder / "journey.yaml"
    shutil.copy(ROOT / "specs" / "az400.yaml", spec)
    return spec


def _save(path: Path, text: str) -> float:
    """Write ``text`` as an editor would; the time (ms since the epoch) the save finished."""
    path.write_text(text, encoding="utf-8")
    return time.time() * 1000


def _shown_generation(page: DevTools, generation: int) -> str:
    return (
        f"document.body.dataset.generation === '{generation}' && "
        "document.getElementById('picture').complete && "
        "document.body.dataset.shown === document.getElementById('picture').getAttribute('src')"
    )


def test_live_preview_in_chromium(browser: DevTools, journey: Path, tmp_path: Path) -> None:
    served = Served(journey.parent, journey.name)
    try:
        _edit_break_fix(browser, served, journey)
        _switch_view_and_download(browser, served, journey, tmp_path)
        _narrow_screen(browser, tmp_path)
    finally:
        code, printed = served.interrupt()
        served.kill()
    assert code == 130, printed  # Ctrl-C, as the command line reports it
    assert "stopped" in printed


def _edit_break_fix(page: DevTools, served: Served, journey: Path) -> None:
    page.go(served.url + "s/0")
    page.wait_for(_shown_generation(page, 0))
    text = journey.read_text(encoding="utf-8")

    # Save a new caption: the page shows the new picture, which says it, within 300 ms.
    saved = _save(journey, text.replace("caption: Upskill", "caption: Zebra crossing"))
    page.wait_for(_shown_generation(page, 1), every=0.005)
    latency = float(page.evaluate("document.body.dataset.shownAt")) - saved
    svg = page.evaluate("fetch(document.getElementById('picture').src).then(r => r.text())")
    assert "Zebra crossing" in svg
    print(f"save -> new picture in the page: {latency:.0f} ms")
    assert latency < LATENCY_BUDGET_MS

    # Break it: the last good picture stays, dimmed, under the located problem.
    broken = text.replace("      - kind: exam", "      - kind: exma")
    line = broken[: broken.index("kind: exma")].count("\n") + 1
    _save(journey, broken)
    page.wait_for("document.body.dataset.ok === 'false'")
    overlay = page.evaluate(
        "({where: document.querySelector('#problems .where').textContent,"
        " source: document.querySelector('#problems .source').textContent,"
        " hidden: document.getElementById('problems').hidden,"
        " stale: document.getElementById('stage').classList.contains('stale'),"
        " picture: !document.getElementById('picture').hidden})"
    )
    assert overlay["where"] == f"journey.yaml:{line}:15"
    assert overlay["hidden"] is False and overlay["stale"] and overlay["picture"]
    shown, caret = overlay["source"].split("\n")
    assert shown == f"{line} |       - kind: exma"
    assert caret.index("^") == shown.index("exma")  # the caret under the column

    # Fix it: the overlay goes, the picture is bright again.
    _save(journey, text)
    page.wait_for("document.body.dataset.ok === 'true'")
    assert page.evaluate("document.getElementById('problems').hidden")
    assert not page.evaluate("document.getElementById('stage').classList.contains('stale')")


def _choose(page: DevTools, name: str, value: str) -> None:
    """Pick ``value`` in the view form's select ``name``, as a person would."""
    page.evaluate(
        f"(() => {{ const s = document.querySelector('select[name={name}]');"
        f" s.value = {json.dumps(value)};"
        " s.dispatchEvent(new Event('change', {bubbles: true})); })()"
    )
    page.wait_for(
        f"new URLSearchParams(location.search).get({json.dumps(name)}) === {json.dumps(value)}"
        " && document.readyState === 'complete' && document.getElementById('picture').complete"
    )


def _switch_view_and_download(
    page: DevTools, served: Served, journey: Path, tmp_path: Path
) -> None:
    _choose(page, "layout", "vertical")
    _choose(page, "theme", "dark")
    assert page.evaluate("document.querySelector('select[name=layout]').value") == "vertical"
    search = page.evaluate("location.search")
    assert "layout=vertical" in search and "theme=dark" in search  # a link keeps the view

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    page.call(
        "Browser.setDownloadBehavior",
        browser=True,
        behavior="allowAndName",
        downloadPath=str(downloads),
        eventsEnabled=True,
    )
    page.evaluate("document.querySelector('.downloads a[href*=\"download.svg\"]').click()")
    begun = page.event("Browser.downloadWillBegin")
    assert begun["suggestedFilename"] == "journey.svg"
    while page.event("Browser.downloadProgress")["state"] != "completed":
        pass
    cli = subprocess.run(
        [*CLI, journey.name, "-o", "-", "--layout", "vertical", "--theme", "dark"],
        cwd=journey.parent,
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert (downloads / begun["guid"]).read_bytes() == cli.stdout


def _narrow_screen(page: DevTools, tmp_path: Path) -> None:
    """At 360 px nothing sticks out sideways; the screenshot is kept for a person to look at."""
    page.call(
        "Emulation.setDeviceMetricsOverride",
        width=360,
        height=740,
        deviceScaleFactor=1,
        mobile=True,
    )
    page.call("Page.reload")
    page.wait_for(
        "document.readyState === 'complete' && document.getElementById('picture').complete"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot = page.call("Page.captureScreenshot", format="png")["data"]
    (tmp_path / "narrow.png").write_bytes(base64.b64decode(shot))


# --------------------------------------------------------------------------- accessibility

AXE_VERSION = "4.14.1"  # the axe-core release the pages were checked with


@pytest.fixture(scope="session")
def axe_source(pytestconfig: pytest.Config) -> str:
    """axe-core's script, from the npm registry through ``npm pack`` (cached between runs)."""
    store = getattr(pytestconfig, "cache", None)  # None under -p no:cacheprovider
    cache = Path(store.mkdir("axe-core")) if store else None
    if shutil.which("npm") is None:
        pytest.skip("needs npm to fetch axe-core: install Debian's npm")
    if cache is None:
        pytest.skip("keeps axe-core in pytest's cache: run without -p no:cacheprovider")
    script = cache / f"axe-{AXE_VERSION}.min.js"
    if not script.is_file():
        packed = subprocess.run(
            ["npm", "pack", f"axe-core@{AXE_VERSION}", "--pack-destination", str(cache)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        tarball = cache / f"axe-core-{AXE_VERSION}.tgz"
        if packed.returncode != 0 or not tarball.is_file():
            pytest.skip(f"npm could not fetch axe-core {AXE_VERSION}: {packed.stderr[-300:]}")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/axe.min.js")
            assert member is not None
            script.write_bytes(member.read())
        tarball.unlink()
    return script.read_text(encoding="utf-8")


AXE_RUN = """
axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(
  v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')))
"""


def test_pages_pass_axe(browser: DevTools, journey: Path, axe_source: str) -> None:
    """WCAG 2.1 A/AA rules of axe-core on each page: index, picture, problems, outline."""
    served = Served(journey.parent, journey.name)
    try:
        checked = {}
        for name, path in [
            ("index", ""),
            ("picture", "s/0"),
            ("outline", "s/0?tab=outline"),
            ("phone", "s/0?width=phone&layout=vertical"),
        ]:
            browser.go(served.url + path)
            checked[name] = _axe(browser, axe_source)
        browser.go(served.url + "s/0")
        browser.wait_for("document.body.dataset.shown")
        journey.write_text(
            journey.read_text().replace("      - kind: exam", "      - kind: exma"),
            encoding="utf-8",
        )
        browser.wait_for("document.body.dataset.ok === 'false'")
        checked["problems"] = _axe(browser, axe_source)
    finally:
        served.interrupt()
        served.kill()
    assert checked == {name: [] for name in checked}


def _axe(page: DevTools, source: str) -> list[str]:
    page.evaluate(source)  # DevTools evaluation is not held to the page's CSP
    return list(page.evaluate(AXE_RUN))

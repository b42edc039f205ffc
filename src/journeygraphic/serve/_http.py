"""The HTTP side of the preview: a read-only server on the standard library.

Safety comes from the shape of the routes: a fixed set of paths, a spec named by its
index in the served list, and every other path a 404, so nothing in a URL reaches the
disk. Every response carries a strict Content Security Policy and ``nosniff``; a request
whose ``Host`` header is not this server's own is refused (DNS rebinding); only GET and
HEAD are answered.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
from collections.abc import Collection
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from . import _page
from ._outline import outline_html
from ._previews import DOWNLOADS, Previews, View, download_name

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# A picture opened on its own: our SVG has no script, and this forbids any anyway.
PICTURE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox"
)
COMMON_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cache-Control", "no-store"),
)
KEEPALIVE_SECONDS = 15.0  # a comment line on an idle stream, so a closed tab is noticed
CONTENT_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "pdf": "application/pdf",
}
_SPEC_ROUTE = re.compile(
    r"/s/(?P<index>0|[1-9][0-9]{0,5})"
    r"(?:/(?P<part>state\.json|events|picture\.svg|download\.(?P<fmt>svg|png|pdf)))?"
)
_STATIC = {
    "/static/preview.js": ("text/javascript; charset=utf-8", _page.SCRIPT.encode("utf-8")),
    "/static/preview.css": ("text/css; charset=utf-8", _page.STYLE.encode("utf-8")),
}


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its previews and the names it may be called by."""

    daemon_threads = True  # an open event stream must not keep the process alive
    block_on_close = False

    def __init__(self, previews: Previews, host: str = "127.0.0.1", port: int = 0) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), PreviewHandler)
        self.previews = previews
        self.host = host
        self.allowed_hosts = allowed_hosts(host, self.server_address[1])

    @property
    def port(self) -> int:
        """The port bound (the free one the system chose for port 0)."""
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host = self.host if not _is_wildcard(self.host) else "127.0.0.1"
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.port}/"

    def server_close(self) -> None:
        """Wake the open event streams, then close the socket."""
        self.previews.stop()
        super().server_close()


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` header values this server answers: its loopback names and ``host``."""
    names = {"127.0.0.1", "localhost", "[::1]", host.lower()}
    if ":" in host:
        names.add(f"[{host.lower()}]")
    return frozenset(f"{name}:{port}" for name in names)


def host_allowed(header: str | None, allowed: Collection[str], wildcard: bool) -> bool:
    """True if a request's ``Host`` header names this server.

    A server bound to every interface (``--host 0.0.0.0``) also answers any IP address
    literal with its port: a DNS rebinding attack needs a name, never a bare address.
    """
    if not header:
        return False
    header = header.strip().lower()
    if header in allowed:
        return True
    if not wildcard:
        return False
    name, _, port = header.rpartition(":")
    if not any(entry.endswith(f":{port}") for entry in allowed):
        return False
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def _is_wildcard(host: str) -> bool:
    return host in ("0.0.0.0", "::", "")


class PreviewHandler(BaseHTTPRequestHandler):
    """One request: the Host check, the method check, then a fixed table of routes."""

    server: PreviewServer
    server_version = "journeygraphic-preview"
    _csp = PAGE_CSP
    _head = False

    # ----------------------------------------------------------------- methods

    def do_GET(self) -> None:
        """Answer a GET through the routes."""
        if self._host_ok():
            self._route()

    def do_HEAD(self) -> None:
        """Answer a HEAD as a GET, without the body."""
        self._head = True
        self.do_GET()

    def _refuse_method(self) -> None:
        if self._host_ok():
            self._send_text(
                HTTPStatus.METHOD_NOT_ALLOWED,
                "read-only: only GET and HEAD\n",
                headers=(("Allow", "GET, HEAD"),),
            )

    def _host_ok(self) -> bool:
        server = self.server
        if host_allowed(self.headers.get("Host"), server.allowed_hosts, _is_wildcard(server.host)):
            return True
        self._send_text(
            HTTPStatus.FORBIDDEN, "unexpected Host header; open the address the server printed\n"
        )
        return False

    # ----------------------------------------------------------------- routes

    def _route(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/":
            self._send_html(self._index())
        elif parts.path in _STATIC:
            content_type, body = _STATIC[parts.path]
            self._send(HTTPStatus.OK, body, content_type)
        elif (match := _SPEC_ROUTE.fullmatch(parts.path)) and int(match["index"]) < len(
            self.server.previews.specs
        ):
            self._spec(
                int(match["index"]), match["part"], match["fmt"], View.from_query(parts.query)
            )
        else:
            self._send_text(HTTPStatus.NOT_FOUND, "not found\n")

    def _spec(self, index: int, part: str | None, fmt: str | None, view: View) -> None:
        if part is None:
            self._send_html(self._spec_page(index, view))
        elif part == "state.json":
            self._send_json(self._state(index, view))
        elif part == "events":
            self._events(index)
        elif part == "picture.svg":
            self._picture(index, view)
        else:
            self._download(index, fmt or "svg", view)

    def _index(self) -> str:
        previews = self.server.previews
        rows = []
        for index, spec in enumerate(previews.specs):
            result = previews.result(index, View(), "md")
            rows.append((index, spec, result.title, len(result.problems)))
        return _page.index_page(rows)

    def _spec_page(self, index: int, view: View) -> str:
        previews = self.server.previews
        result = previews.result(index, view)
        shown = result if result.ok else previews.last_good(index, view)
        return _page.spec_page(
            index,
            previews.specs[index],
            view,
            result,
            shown,
            self._outline(index, view),
            previews.progress is not None,
        )

    def _outline(self, index: int, view: View) -> str | None:
        if view.tab != "outline":
            return None
        text = self.server.previews.result(index, view, "md")
        return outline_html(text.data.decode("utf-8")) if text.data is not None else None

    def _state(self, index: int, view: View) -> dict[str, Any]:
        """What the page's script needs after a change: the picture to show, or the problems."""
        previews = self.server.previews
        result = previews.result(index, view)
        shown = result if result.ok else previews.last_good(index, view)
        return {
            "generation": result.generation,
            "ok": result.ok,
            "picture": _page.picture_url(f"/s/{index}", view, shown),
            "alt": _page.alt_text(shown or result),
            "errors": [problem.as_json() for problem in result.problems],
            "overlay": _page.overlay_html(result.problems),
            "outline": self._outline(index, view),
        }

    def _picture(self, index: int, view: View) -> None:
        previews = self.server.previews
        result = previews.result(index, view)
        shown = result if result.ok else previews.last_good(index, view)
        if shown is None or shown.data is None:
            self._send_text(HTTPStatus.NOT_FOUND, "no picture yet: the spec has problems\n")
            return
        self._csp = PICTURE_CSP
        self._send(HTTPStatus.OK, shown.data, CONTENT_TYPES["svg"])

    def _download(self, index: int, fmt: str, view: View) -> None:
        previews = self.server.previews
        result = previews.result(index, view, fmt)
        if result.data is None:
            lines = "\n".join(f"{p.where()}: {p.message}" for p in result.problems)
            self._send_text(HTTPStatus.CONFLICT, f"the spec has problems:\n{lines}\n")
            return
        assert fmt in DOWNLOADS
        name = download_name(previews.specs[index], fmt)
        self._csp = PICTURE_CSP
        self._send(
            HTTPStatus.OK,
            result.data,
            CONTENT_TYPES[fmt],
            headers=(("Content-Disposition", f'attachment; filename="{name}"'),),
        )

    def _events(self, index: int) -> None:
        """Server-sent events: ``change`` with the spec's generation, now and on each change."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        if self._head:
            return
        previews = self.server.previews
        seen: int | None = previews.generation(index)
        try:
            self._write(f"retry: 500\nevent: change\ndata: {seen}\n\n")
            while seen is not None:
                now = previews.wait(index, seen, KEEPALIVE_SECONDS)
                if now is None:
                    return
                self._write(f"event: change\ndata: {now}\n\n" if now != seen else ": idle\n\n")
                seen = now
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed

    # ----------------------------------------------------------------- writing

    def _write(self, text: str) -> None:
        self.wfile.write(text.encode("utf-8"))
        self.wfile.flush()

    def _send_html(self, page: str) -> None:
        self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")

    def _send_json(self, data: dict[str, Any]) -> None:
        body = json.dumps(data, ensure_ascii=True).encode("ascii")
        self._send(HTTPStatus.OK, body, "application/json")

    def _send_text(
        self, status: HTTPStatus, text: str, headers: tuple[tuple[str, str], ...] = ()
    ) -> None:
        self._send(status, text.encode("utf-8"), "text/plain; charset=utf-8", headers=headers)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if not self._head:
            self.wfile.write(body)

    def end_headers(self) -> None:
        """Add the security headers to every response, errors of the base class included."""
        self.send_header("Content-Security-Policy", self._csp)
        for name, value in COMMON_HEADERS:
            self.send_header(name, value)
        super().end_headers()

    def version_string(self) -> str:
        """The ``Server`` header: no Python version to fingerprint."""
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a preview's requests are not news."""


# Every other method is refused (405, read-only) rather than left unknown (501).
for _method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"):
    setattr(PreviewHandler, f"do_{_method}", PreviewHandler._refuse_method)

"""``journeygraphic serve``: a live preview of specs in the browser.

    python -m journeygraphic serve specs/az400.yaml [--progress me.yaml] [--port 8000] [--open]

A local, read-only web server (the standard library's, no framework) shows each spec's
picture and follows every save through the same file watcher as ``--watch``: the page
gets a server-sent event and swaps in the new picture, or dims the last good one under
the located problems. Layout, theme, width, progress, the text outline and downloads are
chosen on the page and kept in its URL; nothing is written to disk. Needs the ``serve``
extra (``pip install 'journeygraphic[serve]'``) for watchfiles.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
import threading
from collections.abc import Collection, Iterable, Sequence
from typing import TextIO

from .._batch import UsageError, expand
from ._http import PreviewServer
from ._previews import Previews

__all__ = ["PreviewServer", "Previews", "main", "start"]

INSTALL_HINT = (
    "serve needs the optional 'watchfiles' package; install it with: "
    "pip install 'journeygraphic[serve]'"
)


def main(argv: Sequence[str], stream: TextIO | None = None) -> int:
    """Run ``journeygraphic serve`` until Ctrl-C (which the command line turns into exit 130).

    Raises:
        UsageError: No spec found, or watchfiles is missing.
        OSError: The address cannot be bound (a port in use, say).
        KeyboardInterrupt: Ctrl-C, once the server has stopped.
    """
    stream = stream or sys.stderr
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as done:  # --help, or a usage error argparse has already printed
        return int(done.code or 0)
    changes = _watcher(args.spec, args.progress)
    server = start(Previews(expand(args.spec), args.progress), args.host, args.port, changes)
    try:
        _announce(server, args.host, stream)
        if args.open:
            import webbrowser

            webbrowser.open(server.url)
        server.serve_forever()
    finally:
        server.server_close()
        print("stopped", file=stream)
    return 0


def start(
    previews: Previews,
    host: str = "127.0.0.1",
    port: int = 0,
    changes: Iterable[Collection[str]] = (),
) -> PreviewServer:
    """Bind a server for ``previews`` and follow ``changes`` (a watcher) in a thread.

    The caller runs ``serve_forever`` and finally ``server_close``.
    """
    server = PreviewServer(previews, host, port)
    threading.Thread(target=previews.follow, args=(changes,), daemon=True, name="watch").start()
    return server


def _watcher(inputs: Sequence[str], progress: str | None) -> Iterable[Collection[str]]:
    try:
        import watchfiles  # noqa: F401  (checked here, to name the right extra)
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    from .._watch import watched_paths, watchfiles_changes

    return watchfiles_changes(watched_paths([*inputs, *([progress] if progress else [])]))


def _announce(server: PreviewServer, host: str, stream: TextIO) -> None:
    if not is_loopback(host):
        print(
            f"warning: --host {host} lets other machines reach this preview and read the "
            "specs it serves; use it only on a network you trust",
            file=stream,
        )
    count = len(server.previews.specs)
    print(f"previewing {count} spec{'s' if count != 1 else ''} at {server.url}", file=stream)
    print("Ctrl-C to stop", file=stream, flush=True)


def is_loopback(host: str) -> bool:
    """True for a name or address that only this machine can reach."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeygraphic serve",
        description="A live preview in the browser: each spec's picture, redrawn whenever "
        "a spec, theme or progress file is saved, with its problems shown where they are. "
        "Read-only: nothing is written to disk.",
        epilog="Needs: pip install 'journeygraphic[serve]'. Stop with Ctrl-C (exit 130).",
    )
    parser.add_argument("spec", nargs="+", metavar="SPEC", help="spec files, folders or globs")
    parser.add_argument(
        "--progress", metavar="FILE", help="a progress file the page can draw (on by default)"
    )
    parser.add_argument(
        "--port", type=_port, default=0, help="the port to listen on (default: a free one)"
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1, this machine only; any other "
        "lets the network read your specs, and prints a warning)",
    )
    parser.add_argument("--open", action="store_true", help="open the preview in a browser")
    return parser


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"port must be a number from 0 to 65535, not '{text}'")
    return int(text)

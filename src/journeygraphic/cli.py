"""The command line: ``python -m journeygraphic SPEC [-o OUT] [--format svg|png]``.

Exit codes:
    0  the picture was written
    2  the spec, theme or command line is wrong, or the output cannot be written
    3  an internal error (a bug: please report it)
Errors go to stderr; only rendered bytes go to stdout. Output is written to a temporary
file beside the target and renamed into place, so a failure never leaves half a file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import RenderError, SpecError
from .safety import strip_bad_characters

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_INTERNAL = 3
FORMATS = ("svg", "png")


class _UsageError(Exception):
    """A command-line mistake found after parsing (e.g. a format we cannot guess)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeygraphic",
        description="Render a certification journey spec (YAML or JSON) as an SVG or PNG "
        "infographic.",
        epilog="Exit codes: 0 written, 2 invalid spec/theme/arguments or unwritable output, "
        "3 internal error. Example: python -m journeygraphic specs/az400.yaml -o az400.png",
    )
    parser.add_argument("spec", help="the journey spec file (.yaml, .yml or .json)")
    parser.add_argument(
        "-o",
        "--output",
        help="output file; '-' writes to stdout (default: SPEC's name with the format's "
        "extension, in the current folder)",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="output format (default: from the output's extension, else svg)",
    )
    parser.add_argument(
        "--scale",
        type=_scale,
        default=1.0,
        help="pixel density for PNG, e.g. 2 for HiDPI (default 1)",
    )
    parser.add_argument(
        "--width", type=_width, default=None, help="width of the picture in pixels (default 1600)"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail if the layout checker finds any overlap or overflow",
    )
    parser.add_argument("--version", action="version", version=f"journeygraphic {__version__}")
    return parser


def _scale(text: str) -> float:
    value = _number(text, "scale")
    if not 0.25 <= value <= 8:
        raise argparse.ArgumentTypeError("scale must be between 0.25 and 8")
    return value


def _width(text: str) -> float:
    value = _number(text, "width")
    if not 320 <= value <= 10_000:
        raise argparse.ArgumentTypeError("width must be between 320 and 10000 pixels")
    return value


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} must be a number, not '{text}'") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv``; returns the exit code instead of exiting."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return _render(args)
    except (SpecError, RenderError, _UsageError, OSError) as error:
        _say(f"error: {error}" if not isinstance(error, SpecError) else str(error))
        return EXIT_INVALID
    except Exception as error:
        _say(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in journeygraphic; please report it with the spec that caused it."
        )
        return EXIT_INTERNAL


def _render(args: argparse.Namespace) -> int:
    from ._pipeline import render
    from .loader import load

    fmt = _format(args.format, args.output)
    target = args.output or f"{Path(args.spec).stem}.{fmt}"
    journey = load(args.spec)
    data = render(journey, fmt, width=args.width, scale=args.scale, strict=args.strict)
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(Path(target), data)
    return EXIT_OK


def _format(explicit: str | None, output: str | None) -> str:
    if explicit:
        return explicit
    if output and output != "-":
        suffix = Path(output).suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return suffix
        raise _UsageError(
            f"cannot tell the format from '{output}'; name it .svg or .png, or pass --format"
        )
    return "svg"


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it into place."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise _UsageError(f"cannot write '{target}': the folder '{folder}' does not exist")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _say(message: str) -> None:
    # Spec text can end up in messages: keep terminal escapes and CI commands out of logs.
    print(strip_bad_characters(message).replace("\x1b", ""), file=sys.stderr)


def run() -> None:
    """Entry point for the console script and ``python -m journeygraphic``."""
    sys.exit(main())

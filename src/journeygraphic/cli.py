"""The command line: ``python -m journeygraphic SPEC [-o OUT] [--format svg|png]``.

``python -m journeygraphic themes`` lists the built-in themes.

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
from typing import TYPE_CHECKING

from . import __version__
from .errors import RenderError, SpecError
from .safety import terminal_safe

if TYPE_CHECKING:
    from .limits import Limits
    from .theme import Theme

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_INTERNAL = 3
FORMATS = ("svg", "png")
LAYOUT_NAMES = ("poster", "vertical", "compact", "auto")  # tested against layout.LAYOUTS


class _UsageError(Exception):
    """A command-line mistake found after parsing (e.g. a format we cannot guess)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeygraphic",
        description="Render a certification journey spec (YAML or JSON) as an SVG or PNG "
        "infographic.",
        epilog="Exit codes: 0 written, 2 invalid spec/theme/arguments or unwritable output, "
        "3 internal error. Example: python -m journeygraphic specs/az400.yaml -o az400.png. "
        "List the built-in themes with: python -m journeygraphic themes",
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
        "--layout",
        choices=LAYOUT_NAMES,
        default="poster",
        help="poster (landscape, default), vertical (docs pages, phones), compact (three "
        "cards) or auto (chosen from --width)",
    )
    parser.add_argument(
        "--theme",
        metavar="NAME|PATH",
        help="a built-in theme (see: journeygraphic themes) or a theme file; replaces the "
        "spec's theme",
    )
    parser.add_argument(
        "--accept-low-contrast",
        action="store_true",
        help="use a theme even if some text misses WCAG 2.1 AA contrast (warns instead)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail if the layout checker finds any overlap or overflow",
    )
    parser.add_argument(
        "--limit",
        action="append",
        default=[],
        metavar="NAME=N",
        help="raise (or lower) a safety limit, e.g. --limit max_bytes=2000000; repeatable. "
        "Limits: " + ", ".join(_limit_names()),
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


def _limit_names() -> list[str]:
    from .limits import Limits

    return Limits.names()


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} must be a number, not '{text}'") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv``; returns the exit code instead of exiting."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["themes"]:
        return _themes(argv[1:])
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


def _themes(argv: list[str]) -> int:
    """``journeygraphic themes``: each built-in theme's name and description."""
    if argv:
        _say(f"error: 'themes' takes no arguments, got: {' '.join(argv)}")
        return EXIT_INVALID
    from .theme import builtin_descriptions

    descriptions = builtin_descriptions()
    width = max(map(len, descriptions))
    for name, description in descriptions.items():
        print(f"{name:<{width}}  {description}")
    return EXIT_OK


def _render(args: argparse.Namespace) -> int:
    from ._pipeline import render
    from .loader import check_journey, read_spec, validate
    from .model import Journey
    from .theme import resolve_theme

    fmt = _format(args.format, args.output)
    target = args.output or f"{Path(args.spec).stem}.{fmt}"
    limits = _limits(args.limit)
    located = read_spec(args.spec, limits=limits)
    journey = check_journey(validate(Journey, located), limits, located)
    accept = bool(args.accept_low_contrast)
    theme = resolve_theme(journey, choice=args.theme, spec=located, accept_low_contrast=accept)
    if accept:
        _warn_contrast(theme)
    data = render(
        journey,
        fmt,
        theme=theme,
        layout=args.layout,
        width=args.width,
        scale=args.scale,
        strict=args.strict,
        accept_low_contrast=True,  # checked (or accepted) above, with locations
        limits=limits,
    )
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(Path(target), data)
    return EXIT_OK


def _warn_contrast(theme: Theme) -> None:
    from .contrast import failures

    for finding in failures(theme):
        _say(f"warning: low contrast accepted: {finding.sentence()}")


def _limits(settings: list[str]) -> Limits:
    from .limits import Limits

    try:
        return Limits().with_overrides(settings)
    except ValueError as error:
        raise _UsageError(f"--limit: {error}") from None


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
    print(terminal_safe(message), file=sys.stderr)


def run() -> None:
    """Entry point for the console script and ``python -m journeygraphic``."""
    sys.exit(main())

"""The command line.

    journeygraphic SPEC [-o FILE|-]                     one picture (SVG unless -o says)
    journeygraphic SPEC|FOLDER|GLOB ... -o FOLDER [--format svg,png]
    journeygraphic ... --check     render in memory, compare with the files, write nothing
    journeygraphic ... --watch     render again whenever a spec or theme file changes
    journeygraphic validate SPEC|FOLDER|GLOB ...    check specs and themes only (fast)
    journeygraphic schema          print the JSON Schema of the spec format
    journeygraphic themes          list the built-in themes

A folder gives its *.yaml, *.yml and *.json files (not its subfolders'; quote a pattern
such as 'docs/**/*.yaml' for that). Several specs or formats go into the folder ``-o``
names (created if missing; the current folder without ``-o``) as ``<stem>.<format>``.
Files whose bytes would not change are left alone.

Exit codes:
    0  done: every picture written or already current
    1  --check only: some picture is stale or missing (each listed on stderr)
    2  a spec, theme or the command line is wrong, or an output cannot be written
    3  an internal error (a bug: please report it)
Errors go to stderr; only rendered bytes go to stdout. Output is written to a temporary
file beside the target and renamed into place, so a failure never leaves half a file; in
a batch, one bad spec is reported and the others are still written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from . import __version__
from ._batch import (
    EXIT_INTERNAL,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_STALE,
    STDOUT,
    Batch,
    Settings,
    UsageError,
    is_batch,
    write_atomic,
)
from .backends import FORMATS
from .errors import RenderError, SpecError
from .limits import Limits
from .safety import terminal_safe

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_STALE",
    "FORMATS",
    "LAYOUT_NAMES",
    "main",
    "run",
    "schema_text",
    "write_atomic",
]

LAYOUT_NAMES = ("poster", "vertical", "compact", "auto")  # tested against layout.LAYOUTS
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it

_EXIT_CODES = """\
Exit codes:
  0  done: every picture written or already current
  1  --check only: some picture is stale or missing (each listed on stderr)
  2  invalid spec, theme or arguments, or an output that cannot be written
  3  internal error (a bug: please report it)"""

_EPILOG = f"""\
Commands:
  journeygraphic validate SPEC ...  check specs and their themes only (no drawing; fast)
  journeygraphic schema             print the JSON Schema of the spec format (for editors)
  journeygraphic themes             list the built-in themes
  journeygraphic serve SPEC ...     live preview in the browser (needs [serve])

Inputs and outputs:
  A FOLDER gives its *.yaml, *.yml and *.json files, not its subfolders' (quote a
  pattern such as 'docs/**/*.yaml' for those). With several specs or formats, -o names
  a folder, created if missing (default: the current folder), and each spec becomes
  <folder>/<stem>.<format>; two specs with the same stem are refused before anything is
  drawn. With one spec, -o is a file unless it ends in '/' or is an existing folder.
  A picture whose bytes would not change is not rewritten.

{_EXIT_CODES}

Examples:
  python -m journeygraphic specs/az400.yaml -o az400.png
  python -m journeygraphic specs/ -o docs/img/ --format svg,png
  python -m journeygraphic specs/ -o docs/img/ --format svg,png --check"""

Handler = Callable[[list[str]], int]


class _DoneError(Exception):
    """argparse finished early (--help, --version or a usage error) with this exit code."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


# --------------------------------------------------------------------------- parsers


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeygraphic",
        description="Render certification journey specs (YAML or JSON) as SVG, PNG or other\n"
        "pictures: one file, or many at once for a docs pipeline.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "spec",
        nargs="+",
        metavar="SPEC",
        help="spec files (.yaml, .yml, .json), folders of them, or glob patterns",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file, '-' for stdout, or (for several specs or formats) a folder, "
        "created if missing (default: the current folder, named after each spec)",
    )
    parser.add_argument(
        "-f",
        "--format",
        type=_formats,
        action="extend",
        metavar="FMT[,FMT...]",
        help=f"output formats, comma-separated: {', '.join(FORMATS)} (default: from -o's "
        "extension, else svg)",
    )
    _add_render_options(parser)
    _add_spec_options(parser)
    parser.add_argument(
        "--check",
        action="store_true",
        help="render in memory and compare with the files on disk; write nothing; list the "
        "stale ones and exit 1 if there are any (for CI)",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="render again whenever a spec or theme file changes, until Ctrl-C "
        "(needs: pip install 'journeygraphic[watch]')",
    )
    _add_verbosity(parser)
    parser.add_argument("--version", action="version", version=f"journeygraphic {__version__}")
    return parser


def _add_render_options(parser: argparse.ArgumentParser) -> None:
    """Options passed to render(); each needs a line in _render_options too."""
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
        "--strict",
        action="store_true",
        help="fail if the layout checker finds any overlap or overflow",
    )
    parser.add_argument(
        "--progress",
        metavar="FILE",
        help="a progress file (YAML/JSON: steps: {ID: done|current|skipped}) to draw one "
        "learner's progress on the journey",
    )
    parser.add_argument(
        "--embed-fonts",
        action="store_true",
        help="SVG only: embed a subset of the fonts used, so every viewer draws exactly "
        "what was measured (adds ~13 KiB for az400)",
    )


def _render_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of journeygraphic.render() that come from the command line."""
    return {
        "layout": args.layout,
        "width": args.width,
        "scale": args.scale,
        "strict": args.strict,
        "progress": args.progress,  # a path; read against each journey in _batch
        "embed_fonts": args.embed_fonts,
    }


def _add_spec_options(parser: argparse.ArgumentParser) -> None:
    """Options that change how a spec is read and themed (render and validate alike)."""
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
        "--limit",
        action="append",
        default=[],
        metavar="NAME=N",
        help="raise (or lower) a safety limit, e.g. --limit max_bytes=2000000; repeatable. "
        "Limits: " + ", ".join(Limits.names()),
    )


def _add_verbosity(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only errors and stale files: no progress bar, no summary",
    )
    group.add_argument(
        "-v", "--verbose", action="store_true", help="also print each file written or unchanged"
    )


def _formats(text: str) -> list[str]:
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    for name in names or [text]:
        if name not in FORMATS:
            raise argparse.ArgumentTypeError(
                f"invalid choice: '{name}' (choose from {', '.join(FORMATS)})"
            )
    return names


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


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    try:
        return parser.parse_args(argv)
    except SystemExit as exit_:
        raise _DoneError(int(exit_.code or 0)) from None


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv``; returns the exit code instead of exiting.

    Args:
        argv: The arguments after the program name (default: ``sys.argv[1:]``).

    Returns:
        0 done, 1 stale output (``--check``), 2 user error, 3 internal error.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    handler: Handler = _render
    if argv and argv[0] in _COMMANDS:
        handler, argv = _COMMANDS[argv[0]], argv[1:]
    try:
        return handler(argv)
    except _DoneError as done:
        return done.code
    except (SpecError, RenderError, UsageError, OSError) as error:
        _say(f"error: {error}" if not isinstance(error, SpecError) else str(error))
        return EXIT_INVALID
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except Exception as error:
        _say(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in journeygraphic; please report it with the spec that caused it."
        )
        return EXIT_INTERNAL


def _render(argv: list[str]) -> int:
    """``journeygraphic SPEC ...``: render, ``--check`` or ``--watch``."""
    args = _parse(_parser(), argv)
    batch = Batch(
        inputs=tuple(args.spec),
        formats=tuple(dict.fromkeys(args.format or ())),
        output=args.output,
        settings=_settings(args, _render_options(args)),
        mode="check" if args.check else "render",
        verbosity=_verbosity(args),
        single=not is_batch(args.spec, args.output),
    )
    if args.watch:
        return _watch(batch)
    return batch.run(batch.jobs())


def _watch(batch: Batch) -> int:
    from ._watch import watch, watched_paths, watchfiles_changes

    if batch.mode == "check":
        raise UsageError("--watch renders; it does not go with --check")
    if batch.output == STDOUT:
        raise UsageError("--watch writes files; it cannot write to stdout ('-o -')")
    changes = watchfiles_changes(watched_paths(batch.inputs, batch.settings.theme))
    return watch(batch, changes, sys.stderr)


def _validate(argv: list[str]) -> int:
    """``journeygraphic validate SPEC ...``: read, validate and theme; draw nothing."""
    parser = argparse.ArgumentParser(
        prog="journeygraphic validate",
        description="Check specs and their themes (including contrast) without laying out "
        "or drawing anything.",
        epilog="Exit codes:\n  0  every spec is valid\n  2  some spec or theme is invalid "
        "(each problem listed on stderr)\n  3  internal error (a bug: please report it)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("spec", nargs="+", metavar="SPEC", help="spec files, folders or globs")
    _add_spec_options(parser)
    _add_verbosity(parser)
    args = _parse(parser, argv)
    batch = Batch(
        inputs=tuple(args.spec),
        settings=_settings(args, {}),
        mode="validate",
        verbosity=_verbosity(args),
    )
    return batch.run(batch.jobs())


def _schema(argv: list[str]) -> int:
    """``journeygraphic schema``: the JSON Schema of the spec format, to stdout."""
    parser = argparse.ArgumentParser(
        prog="journeygraphic schema",
        description="Print the JSON Schema of the spec format, for editor completion. "
        "A copy is kept in the repository at schema/journey.schema.json.",
    )
    _parse(parser, argv)
    sys.stdout.buffer.write(schema_text().encode("utf-8"))
    sys.stdout.flush()
    return EXIT_OK


def schema_text() -> str:
    """The JSON Schema of a journey spec as stable text: sorted keys, 2-space indent."""
    from .model import Journey

    schema = Journey.model_json_schema()
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _themes(argv: list[str]) -> int:
    """``journeygraphic themes``: each built-in theme's name and description."""
    parser = argparse.ArgumentParser(
        prog="journeygraphic themes", description="List the built-in themes."
    )
    _parse(parser, argv)
    from .theme import builtin_descriptions

    descriptions = builtin_descriptions()
    width = max(map(len, descriptions))
    for name, description in descriptions.items():
        print(f"{name:<{width}}  {description}")
    return EXIT_OK


def _serve(argv: list[str]) -> int:
    """``journeygraphic serve SPEC ...``: a live preview in the browser."""
    from .serve import main as serve_main

    return serve_main(argv)


_COMMANDS: dict[str, Handler] = {
    "validate": _validate,
    "schema": _schema,
    "themes": _themes,
    "serve": _serve,
}


def _settings(args: argparse.Namespace, options: dict[str, Any]) -> Settings:
    return Settings(
        theme=args.theme,
        accept_low_contrast=bool(args.accept_low_contrast),
        limits=_limits(args.limit),
        options=options,
    )


def _limits(settings: list[str]) -> Limits:
    try:
        return Limits().with_overrides(settings)
    except ValueError as error:
        raise UsageError(f"--limit: {error}") from None


def _verbosity(args: argparse.Namespace) -> int:
    return -1 if args.quiet else 1 if args.verbose else 0


def _say(message: str) -> None:
    # Spec text can end up in messages: keep terminal escapes and CI commands out of logs.
    print(terminal_safe(message), file=sys.stderr)


def run() -> NoReturn:
    """Entry point for the console script and ``python -m journeygraphic``."""
    _exit(main())


def _exit(code: int) -> NoReturn:
    """End the process without tearing the interpreter down.

    Freeing every module and object of a finished run (pydantic's schemas above all) takes
    ~25 ms, a tenth of a cold run. By now every output file is closed and renamed into place
    and any worker pool has been shut down and joined, so only the streams need flushing;
    if they cannot be flushed (a closed pipe), Python's own exit deals with it.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)

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
import contextlib
import json
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from ._batch import (
    EXIT_INTERNAL,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_STALE,
    STDOUT,
    Batch,
    Interrupted,
    UsageError,
    is_batch,
    signals_stop_batch,
    write_atomic,
)
from ._version import __version__
from ._watch import watch, watched_paths, watchfiles_changes
from .backends import FORMATS
from .errors import RenderError, SpecError
from .layout import LAYOUTS
from .limits import Limits
from .model import Journey
from .options import RenderOptions, check_scale, check_width
from .safety import echoed, terminal_safe
from .theme import builtin_descriptions

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_STALE",
    "FORMATS",
    "main",
    "run",
    "schema_text",
    "write_atomic",
]

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


class _Parser(argparse.ArgumentParser):
    """argparse, with its error messages (which echo the bad value) escaped like ours."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and the escaped message to stderr, and exit 2."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"{self.prog}: error: {echoed(message)}\n")


class _DoneError(Exception):
    """argparse finished early (--help, --version or a usage error) with this exit code."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


# --------------------------------------------------------------------------- parsers


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    """Options of the drawing; each needs a line in _render_options too."""
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
        choices=tuple(LAYOUTS),
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
    """The fields of RenderOptions that only drawing has (validate has none of them)."""
    return {
        "layout": args.layout,
        "width": args.width,
        "scale": args.scale,
        "strict": args.strict,
        "progress_file": args.progress,  # read against each journey, once, when prepared
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
    return _bounded(check_scale, _number(text, "scale"))


def _width(text: str) -> float:
    return _bounded(check_width, _number(text, "width"))


def _bounded(check: Callable[[float], float], value: float) -> float:
    """``value`` checked against the bounds RenderOptions states, as an argparse error."""
    try:
        return check(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


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
        with signals_stop_batch():
            return handler(argv)
    except _DoneError as done:
        return done.code
    except (SpecError, RenderError) as error:
        _say(str(error))  # one problem a line, spec text already escaped
        return EXIT_INVALID
    except (UsageError, OSError) as error:
        _say(f"error: {echoed(str(error))}")
        return EXIT_INVALID
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except Interrupted as stop:
        _say(f"stopped by {signal.Signals(stop.signum).name}")
        return 128 + stop.signum
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
        options=_options(args, _render_options(args)),
        mode="check" if args.check else "render",
        verbosity=_verbosity(args),
        single=not is_batch(args.spec, args.output),
    )
    if args.watch:
        return _watch(batch)
    return batch.run(batch.jobs())


def _watch(batch: Batch) -> int:
    if batch.mode == "check":
        raise UsageError("--watch renders; it does not go with --check")
    if batch.output == STDOUT:
        raise UsageError("--watch writes files; it cannot write to stdout ('-o -')")
    changes = watchfiles_changes(watched_paths(batch.inputs, _theme_file(batch.options)))
    return watch(batch, changes, sys.stderr)


def _validate(argv: list[str]) -> int:
    """``journeygraphic validate SPEC ...``: read, validate and theme; draw nothing."""
    parser = _Parser(
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
        options=_options(args, {}),
        mode="validate",
        verbosity=_verbosity(args),
    )
    return batch.run(batch.jobs())


def _schema(argv: list[str]) -> int:
    """``journeygraphic schema``: the JSON Schema of the spec format, to stdout."""
    parser = _Parser(
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
    schema = Journey.model_json_schema()
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _themes(argv: list[str]) -> int:
    """``journeygraphic themes``: each built-in theme's name and description."""
    parser = _Parser(prog="journeygraphic themes", description="List the built-in themes.")
    _parse(parser, argv)
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


def _options(args: argparse.Namespace, drawing: dict[str, Any]) -> RenderOptions:
    return RenderOptions(
        theme=args.theme,
        accept_low_contrast=bool(args.accept_low_contrast),
        limits=_limits(args.limit),
        **drawing,
    )


def _theme_file(options: RenderOptions) -> str | None:
    """``--theme`` as given (the command line gives a name or a path, never a Theme)."""
    return options.theme if isinstance(options.theme, str) else None


def _limits(settings: list[str]) -> Limits:
    try:
        return Limits().with_overrides(settings)
    except ValueError as error:
        raise UsageError(f"--limit: {error}") from None


def _verbosity(args: argparse.Namespace) -> int:
    return -1 if args.quiet else 1 if args.verbose else 0


def _say(message: str) -> None:
    # Spec text can end up in messages: keep terminal escapes and CI commands out of logs.
    # A closed stderr loses the message, never the exit code.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(terminal_safe(message), file=sys.stderr, flush=True)


def run() -> NoReturn:
    """Entry point for the console script and ``python -m journeygraphic``."""
    _fill_closed_streams()
    _exit(main())


def _fill_closed_streams() -> None:
    """Put the null device on stdin, stdout or stderr if the process started without one.

    Otherwise the first file opened would take that number, and anything written to
    "stderr" (by a library, say) would land in a picture.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # takes the lowest free number: this one


def _exit(code: int) -> NoReturn:
    """End the process without tearing the interpreter down.

    Freeing every module and object of a finished run (pydantic's schemas above all) takes
    ~25 ms, a tenth of a cold run. By now every output file is closed and renamed into place
    and any worker pool has been shut down and joined, so only the streams need flushing;
    one that cannot be flushed (a reader that went away) does not change the exit code.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)

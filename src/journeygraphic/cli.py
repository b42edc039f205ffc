"""The command line.

    journeygraphic SPEC [-o FILE|-]                     one picture (SVG unless -o says)
    journeygraphic - [--stdin-name NAME] [-o FILE]      the spec from stdin (to stdout)
    journeygraphic SPEC|FOLDER|GLOB ... -o FOLDER [--format svg,png]
    journeygraphic ... --check     render in memory, compare with the files, write nothing
    journeygraphic ... --watch     render again whenever a spec or theme file changes
    journeygraphic validate SPEC|FOLDER|GLOB ...    check specs and themes only (fast)
    journeygraphic schema          print the JSON Schema of the spec format
    journeygraphic themes          list the built-in themes
    journeygraphic completion bash|zsh|fish   a shell completion script (needs shtab)

A folder gives its *.yaml, *.yml and *.json files (not its subfolders'; quote a pattern
such as 'docs/**/*.yaml' for that). Several specs or formats go into the folder ``-o``
names (created if missing; the current folder without ``-o``) as ``<stem>.<format>``.
Files whose bytes would not change are left alone.

Exit codes:
    0  done: every picture written or already current
    1  --check only: some picture is stale or missing (each listed on stderr)
    2  a spec, theme or the command line is wrong, or an output cannot be written
    3  an internal error (a bug: please report it)
  141  stdout's reader went away (``| head``): nothing more is written, nothing is said
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
    store,
    write_atomic,
)
from ._embed import did_you_mean
from ._version import __version__
from ._watch import watch, watched_paths, watchfiles_changes
from .backends import FORMATS
from .errors import Problem, RenderError, SpecError
from .layout import LAYOUTS, layout_function
from .limits import Limits, how_to_raise
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
# stdout's reader went away. 128 + SIGPIPE is what a shell reports for cat, yes or seq in
# the same place, so `set -o pipefail` scripts treat us like them; 0 would claim a picture
# was delivered that was cut short, and 2 would blame the input.
EXIT_BROKEN_PIPE = 141
STDIN = "-"
STDIN_NAME = "<stdin>"

_EXIT_CODES = """\
Exit codes:
  0  done: every picture written or already current
  1  --check only: some picture is stale or missing (each listed on stderr)
  2  invalid spec, theme or arguments, or an output that cannot be written
  3  internal error (a bug: please report it)
  141  stdout's reader went away (e.g. | head): stopped quietly"""

_EPILOG = f"""\
Commands:
  journeygraphic validate SPEC ...  check specs and their themes only (no drawing; fast)
  journeygraphic schema             print the JSON Schema of the spec format (for editors)
  journeygraphic themes             list the built-in themes
  journeygraphic serve SPEC ...     live preview in the browser (needs [serve])
  journeygraphic completion SHELL   print a bash, zsh or fish completion script
                                    (needs [completion])

Inputs and outputs:
  A FOLDER gives its *.yaml, *.yml and *.json files, not its subfolders' (quote a
  pattern such as 'docs/**/*.yaml' for those). With several specs or formats, -o names
  a folder, created if missing (default: the current folder), and each spec becomes
  <folder>/<stem>.<format>; two specs with the same stem are refused before anything is
  drawn. With one spec, -o is a file unless it ends in '/' or is an existing folder.
  A picture whose bytes would not change is not rewritten.
  SPEC '-' reads one spec from stdin and writes to stdout unless -o says otherwise;
  --stdin-name names it in messages and its folder holds its theme files.

{_EXIT_CODES}

Examples:
  python -m journeygraphic specs/az400.yaml -o az400.png
  python -m journeygraphic specs/ -o docs/img/ --format svg,png
  python -m journeygraphic specs/ -o docs/img/ --format svg,png --check
  generate-spec | python -m journeygraphic - --stdin-name docs/az400.yaml > az400.svg"""

Handler = Callable[[list[str]], int]


class _Parser(argparse.ArgumentParser):
    """argparse, with its error messages (which echo the bad value) escaped like ours.

    A wrong value or an unknown option is one line, with a did-you-mean where one is
    close; only a missing argument shows the usage, which is what it lacks.
    """

    def error(self, message: str) -> NoReturn:
        """Print the escaped message (and, for a missing argument, the usage); exit 2."""
        if message.startswith("the following arguments are required"):
            self.print_usage(sys.stderr)
        message = _with_option_hint(self, message)
        self.exit(EXIT_INVALID, f"{self.prog}: error: {echoed(message)}\n")


def _with_option_hint(parser: argparse.ArgumentParser, message: str) -> str:
    """``message`` with a did-you-mean for the first unknown option, if one is close."""
    prefix = "unrecognized arguments: "
    if not message.startswith(prefix):
        return message
    unknown = message[len(prefix) :].split(maxsplit=1)[0].partition("=")[0]
    if not unknown.startswith("-"):
        return message
    return message + did_you_mean(unknown, parser._option_string_actions)


def _choice(name: str, known: Sequence[str]) -> str:
    """``name`` if it is one of ``known``; else the argparse error, with a did-you-mean."""
    if name in known:
        return name
    choices = ", ".join(f"'{k}'" for k in known)
    raise argparse.ArgumentTypeError(
        f"invalid choice: '{name}'{did_you_mean(name, known)} (choose from {choices})"
    )


def _layout(text: str) -> str:
    return _choice(text.strip(), tuple(LAYOUTS))


class _LayoutWidths:
    """Each layout's default width, as the ``--width`` help says it: read from the layouts
    only when the help is printed (importing every layout costs a render ~40 ms)."""

    def __str__(self) -> str:
        widths = {name: _default_width(name) for name in LAYOUTS}
        parts = [f"{name} {width:g}" for name, width in widths.items() if width is not None]
        return ", ".join(parts) + "; auto: the poster's"


def _default_width(name: str) -> float | None:
    module = sys.modules[layout_function(name).__module__]
    width = getattr(module, "DEFAULT_WIDTH", None)
    return float(width) if width is not None else None


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
    parser.add_argument(
        "--stdin-name",
        metavar="NAME",
        default=STDIN_NAME,
        help="with SPEC '-': the name messages give the spec read from stdin; theme files "
        f"are found in its folder (default: '{STDIN_NAME}' in the current folder)",
    )
    _add_verbosity(parser)
    parser.add_argument(
        "-V", "--version", action="version", version=f"journeygraphic {__version__}"
    )
    return parser


def _add_render_options(parser: argparse.ArgumentParser) -> None:
    """Options of the drawing; each needs a line in _render_options too."""
    parser.add_argument(
        "--scale",
        type=_scale,
        default=1.0,
        help="pixel density for PNG, e.g. 2 for HiDPI (default 1)",
    )
    width = parser.add_argument(
        "--width",
        type=_width,
        default=None,
        help="width of the picture in pixels (default: %(layout_widths)s)",
    )
    width.layout_widths = _LayoutWidths()  # type: ignore[attr-defined]
    parser.add_argument(
        "--layout",
        type=_layout,
        choices=tuple(LAYOUTS),  # checked by _layout first; kept for --help and completion
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
    return [_choice(name, tuple(FORMATS)) for name in names or [text]]


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
            _refuse_misspelt_command(argv if handler is _render else [])
            code = handler(argv)
            _flush_stdout()  # here, so a reader that left is noticed inside the try
            return code
    except _DoneError as done:
        return done.code
    except BrokenPipeError:
        return _reader_gone()
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


def _refuse_misspelt_command(argv: list[str]) -> None:
    """Refuse a first argument that is no file but is close to a command's name.

    ``valdate specs/`` would otherwise be rendered as the spec "valdate" next to
    ``specs/`` (which would be drawn into the current folder). A word with no dot or
    slash that names nothing on disk cannot be a spec file, so it is refused before
    anything is read or written.

    Raises:
        UsageError: It is, with the command it is closest to.
    """
    if not argv or not argv[0].isalpha() or os.path.lexists(argv[0]):
        return
    hint = did_you_mean(argv[0], _COMMANDS)
    if hint:
        raise UsageError(
            f"'{argv[0]}' is neither a command nor a file{hint} "
            f"(commands: {', '.join(_COMMANDS)}); nothing was drawn"
        )


def _flush_stdout() -> None:
    with contextlib.suppress(ValueError, AttributeError):  # closed or absent: nothing to lose
        sys.stdout.flush()


def _reader_gone() -> int:
    """stdout's reader went away (``schema | head -1``): stop quietly, as ``cat`` does.

    Python's advice (the signal module's notes on SIGPIPE): point stdout at the null
    device, so that the flush when the process ends cannot fail again and print.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    return EXIT_BROKEN_PIPE


def _render(argv: list[str]) -> int:
    """``journeygraphic SPEC ...``: render, ``--check`` or ``--watch``."""
    args = _parse(_parser(), argv)
    stdin = _stdin_spec(args)
    output = args.output if stdin is None or args.output else STDOUT
    batch = Batch(
        inputs=(args.stdin_name,) if stdin is not None else tuple(args.spec),
        formats=tuple(dict.fromkeys(args.format or ())),
        output=output,
        options=_options(args, _render_options(args), stdin is not None),
        mode="check" if args.check else "render",
        verbosity=_verbosity(args),
        single=not is_batch(args.spec, output),
        stdin=stdin,
    )
    if stdin is not None:
        _check_stdin_form(args, batch)
    if args.watch:
        return _watch(batch)
    return batch.run(batch.jobs())


def _check_stdin_form(args: argparse.Namespace, batch: Batch) -> None:
    if args.watch:
        raise UsageError("--watch reads files again when they change; it cannot watch stdin")
    if not batch.single and args.stdin_name == STDIN_NAME:
        raise UsageError("name the picture of the spec from stdin: give --stdin-name or -o FILE")


def _stdin_spec(args: argparse.Namespace) -> bytes | None:
    """The spec's bytes if SPEC is '-', read up to the byte limit (and one more, to know).

    Raises:
        UsageError: '-' among other specs, or stdin is closed or a terminal.
        SpecError: The input is over the byte limit, located at its name.
    """
    if STDIN not in args.spec:
        return None
    if len(args.spec) > 1:
        raise UsageError("'-' reads one spec from stdin; it cannot go with other specs")
    stream = sys.stdin
    if stream is None:
        raise UsageError("'-' reads the spec from stdin, which is closed")
    if stream.isatty():
        raise UsageError(
            "'-' reads the spec from stdin, which is a terminal; pipe or redirect a spec "
            "into it: journeygraphic - < spec.yaml"
        )
    limit = _limits(args.limit).max_bytes
    data = stream.buffer.read(limit + 1)
    if len(data) > limit:
        message = f"the input is over the limit of {limit:,} bytes; {how_to_raise('max_bytes')}"
        raise SpecError([Problem(message, args.stdin_name)])
    return data


def _watch(batch: Batch) -> int:
    if batch.mode == "check":
        raise UsageError("--watch renders; it does not go with --check")
    if batch.output == STDOUT:
        raise UsageError("--watch writes files; it cannot write to stdout ('-o -')")
    changes = watchfiles_changes(watched_paths(batch.inputs, _theme_file(batch.options)))
    return watch(batch, changes, sys.stderr)


def _validate(argv: list[str]) -> int:
    """``journeygraphic validate SPEC ...``: read, validate and theme; draw nothing."""
    args = _parse(_validate_parser(), argv)
    stdin = _stdin_spec(args)
    batch = Batch(
        inputs=(args.stdin_name,) if stdin is not None else tuple(args.spec),
        options=_options(args, {}, stdin is not None),
        mode="validate",
        verbosity=_verbosity(args),
        stdin=stdin,
    )
    return batch.run(batch.jobs())


def _validate_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="journeygraphic validate",
        description="Check specs and their themes (including contrast) without laying out "
        "or drawing anything.",
        epilog="Exit codes:\n  0  every spec is valid\n  2  some spec or theme is invalid "
        "(each problem listed on stderr)\n  3  internal error (a bug: please report it)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "spec", nargs="+", metavar="SPEC", help="spec files, folders or globs; '-' for stdin"
    )
    _add_spec_options(parser)
    parser.add_argument(
        "--stdin-name",
        metavar="NAME",
        default=STDIN_NAME,
        help=f"with SPEC '-': the name messages give it (default: '{STDIN_NAME}')",
    )
    _add_verbosity(parser)
    return parser


def _schema(argv: list[str]) -> int:
    """``journeygraphic schema``: the JSON Schema of the spec format, to stdout."""
    _parse(_schema_parser(), argv)
    store(STDOUT, schema_text().encode("utf-8"))
    return EXIT_OK


def _schema_parser() -> argparse.ArgumentParser:
    return _Parser(
        prog="journeygraphic schema",
        description="Print the JSON Schema of the spec format, for editor completion. "
        "A copy is kept in the repository at schema/journey.schema.json.",
    )


def schema_text() -> str:
    """The JSON Schema of a journey spec as stable text: sorted keys, 2-space indent."""
    schema = Journey.model_json_schema()
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _themes(argv: list[str]) -> int:
    """``journeygraphic themes``: each built-in theme's name and description."""
    _parse(_themes_parser(), argv)
    descriptions = builtin_descriptions()
    width = max(map(len, descriptions))
    for name, description in descriptions.items():
        print(f"{name:<{width}}  {description}")
    return EXIT_OK


def _themes_parser() -> argparse.ArgumentParser:
    return _Parser(prog="journeygraphic themes", description="List the built-in themes.")


def _serve(argv: list[str]) -> int:
    """``journeygraphic serve SPEC ...``: a live preview in the browser."""
    from .serve import main as serve_main

    return serve_main(argv)


SHELLS = ("bash", "zsh", "fish")
COMPLETION_HINT = (
    "shell completion needs the optional 'shtab' package; install it with: "
    "pip install 'journeygraphic[completion]'"
)
_INSTALL_COMPLETION = {
    "bash": "journeygraphic completion bash > ~/.local/share/bash-completion/completions/"
    "journeygraphic",
    "zsh": "journeygraphic completion zsh > ~/.zfunc/_journeygraphic, with "
    "fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc",
    "fish": "journeygraphic completion fish > ~/.config/fish/completions/journeygraphic.fish",
}


def _completion(argv: list[str]) -> int:
    """``journeygraphic completion SHELL``: a completion script for bash, zsh or fish."""
    args = _parse(_completion_command_parser(), argv)
    try:
        import shtab
    except ImportError:
        raise UsageError(COMPLETION_HINT) from None
    script = shtab.complete(_completion_parser(shtab), shell=args.shell).rstrip("\n") + "\n"
    if args.shell == "bash":  # the first word is a command or a SPEC: offer files as well
        script += "_shtab_journeygraphic_pos_0_COMPGEN=_shtab_compgen_files\n"
    sys.stdout.write(script)
    return EXIT_OK


def _completion_command_parser() -> argparse.ArgumentParser:
    lines = "\n".join(f"  {shell}: {how}" for shell, how in _INSTALL_COMPLETION.items())
    parser = _Parser(
        prog="journeygraphic completion",
        description="Print a shell completion script for journeygraphic (commands, options, "
        "layouts, themes, formats and files), generated by shtab.",
        epilog=f"Install it once, then open a new shell:\n{lines}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "shell", type=_shell, choices=SHELLS, metavar="SHELL", help=f"one of: {', '.join(SHELLS)}"
    )
    return parser


def _shell(text: str) -> str:
    return _choice(text, SHELLS)


def _command_parsers() -> dict[str, tuple[Callable[[], argparse.ArgumentParser], str]]:
    """Each command's parser and one line about it, for the completion script."""
    from .serve import _parser as serve_parser  # its own options, as ``serve --help`` shows

    return {
        "validate": (_validate_parser, "check specs and their themes only"),
        "schema": (_schema_parser, "print the JSON Schema of the spec format"),
        "themes": (_themes_parser, "list the built-in themes"),
        "serve": (serve_parser, "live preview in the browser"),
        "completion": (_completion_command_parser, "print a shell completion script"),
    }


def _completion_parser(shtab: Any) -> argparse.ArgumentParser:
    """The whole command line as one argparse tree, for shtab: the render options and SPEC
    at the top (files), each command a subparser with its own options."""
    parser = _parser()
    spec = next(a for a in parser._actions if a.dest == "spec")
    parser._remove_action(spec)  # re-added after the commands: the first word is either
    parser._positionals._group_actions.remove(spec)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (make, summary) in _command_parsers().items():
        sub = commands.add_parser(name, parents=[make()], add_help=False, help=summary)
        _complete_values(sub, shtab)
    parser.add_argument("more", nargs="*", metavar="SPEC", help=spec.help)
    _complete_values(parser, shtab)
    return parser


def _complete_values(parser: argparse.ArgumentParser, shtab: Any) -> None:
    """Files for paths; --theme offers the built-in themes, --format the formats.

    This tree only describes the command line to shtab (argparse never parses with it), so
    choices can list what completion offers without refusing anything.
    """
    for action in parser._actions:
        if action.dest in ("spec", "more", "output", "progress", "stdin_name"):
            action.complete = shtab.FILE  # type: ignore[attr-defined]
        elif action.dest == "theme":  # shtab offers choices or files, not both: the names
            action.choices = tuple(builtin_descriptions())
        elif action.dest == "format":
            action.choices = tuple(FORMATS)


_COMMANDS: dict[str, Handler] = {
    "validate": _validate,
    "schema": _schema,
    "themes": _themes,
    "serve": _serve,
    "completion": _completion,
}


def _options(args: argparse.Namespace, drawing: dict[str, Any], stdin: bool) -> RenderOptions:
    # A spec from stdin has no folder of its own: its name's (the current one by default).
    base_dir = (os.path.dirname(args.stdin_name) or ".") if stdin else None
    return RenderOptions(
        theme=args.theme,
        accept_low_contrast=bool(args.accept_low_contrast),
        limits=_limits(args.limit),
        base_dir=base_dir,
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

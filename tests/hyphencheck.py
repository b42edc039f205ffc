"""Finds lines that end inside a word without a hyphen, in a laid-out scene.

Every text the layout hands the measurer to wrap is recorded while the scene is built; each
multi-line Text item of the scene is then matched with the text its lines came from (the
lines are consecutive parts of it, a drawn "-" at the end of a line being either the text's
own hyphen or one the wrap inserted). Each break between two lines is then classified from
the text itself, independently of the wrapper's rules:

- at a space or a paragraph break; after the text's own hyphen; beside a CJK character;
  after a web address's ``/ ? & = #``: fine;
- a drawn hyphen the text does not have: fine at a hyphenation point of the journey's
  language (pyphen's dictionary, or a camel-case change such as Dev|Ops), else ``bad``;
- no hyphen, inside a string that is no word (a code, an address): fine, the last resort;
- no hyphen, between two letters of a word: ``split``, what must never happen.

Run as a script to count over a matrix of specs, layouts and widths (used to compare the
wrapper before and after hyphenation): ``python tests/hyphencheck.py specs/*.yaml``.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyphen

from journeygraphic.scene import Scene, Text
from journeygraphic.text import Measurer, _is_address

LAYOUTS = ("poster", "vertical", "compact")
WIDTHS = (320, 360, 480, 800, 1200, 1600, 2400)
_URL_BREAKS = frozenset("/?&=#")
_SPACES = re.compile(r"[ \t]+")
_OWN_HYPHENS = frozenset("-\u2010\u2013")


@dataclass
class Report:
    """Breaks found, by kind, with examples of the ones that must not happen."""

    counts: dict[str, int] = field(default_factory=dict)
    splits: list[str] = field(default_factory=list)  # "certificatio|n" in "..."
    bad_hyphens: list[str] = field(default_factory=list)
    unmatched: list[tuple[str, ...]] = field(default_factory=list)

    def add(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def merge(self, other: Report) -> None:
        for kind, n in other.counts.items():
            self.counts[kind] = self.counts.get(kind, 0) + n
        self.splits += other.splits
        self.bad_hyphens += other.bad_hyphens
        self.unmatched += other.unmatched


@contextmanager
def recorded_sources() -> Iterator[set[str]]:
    """Every text passed to ``Measurer.wrapped`` or ``Measurer.wrap`` meanwhile."""
    sources: set[str] = set()
    originals = {name: getattr(Measurer, name) for name in ("wrapped", "wrap")}

    def recording(original: Callable[..., Any]) -> Callable[..., Any]:
        def method(self: Measurer, text: str, *args: Any, **kwargs: Any) -> Any:
            sources.add(text)
            return original(self, text, *args, **kwargs)

        return method

    try:
        for name, original in originals.items():
            setattr(Measurer, name, recording(original))
        yield sources
    finally:
        for name, original in originals.items():
            setattr(Measurer, name, original)


def check_scene(scene: Scene, sources: set[str], lang: str) -> Report:
    """Classify every break between the lines of every wrapped text in ``scene``."""
    report = Report()
    by_start = _index(sources)
    for item in _texts(scene.items):
        if len(item.lines) < 2:
            continue
        breaks = _match_any(item.lines, by_start.get(_start(item.lines[0]), ()))
        if breaks is None:
            report.unmatched.append(item.lines)
            continue
        for text, at, inserted in breaks:
            _classify(report, text, at, inserted, lang)
    return report


def _texts(items: Sequence[Any]) -> Iterator[Text]:
    for item in items:
        if isinstance(item, Text):
            yield item
        yield from _texts(getattr(item, "items", ()))


def _start(line: str) -> str:
    return line.lstrip()[:2]


def _index(sources: set[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for text in sorted(sources):
        found.setdefault(_start(text), []).append(text)
    return found


Break = tuple[str, int, bool]  # the source text, where in it the line ended, hyphen inserted


def _match_any(lines: Sequence[str], candidates: Sequence[str]) -> list[Break] | None:
    for text in candidates:
        found = match(text, lines)
        if found is not None:
            return found
    return None


def match(text: str, lines: Sequence[str], complete: bool = False) -> list[Break] | None:
    """The breaks, if ``lines`` are consecutive parts of ``text``: all of it when
    ``complete``, else perhaps cut short (a layout may keep only the first lines). Runs
    of spaces and tabs count as the one space a line is joined with."""
    text = "\n".join(_SPACES.sub(" ", p).strip(" \t") for p in text.split("\n"))
    at = _skip_space(text, 0)
    breaks: list[Break] = []
    for k, line in enumerate(lines):
        last = k == len(lines) - 1
        if text.startswith(line, at):
            end, inserted = at + len(line), False
        elif not last and line.endswith("-") and text.startswith(line[:-1], at):
            end, inserted = at + len(line) - 1, True
        else:
            return None
        if last:
            return None if complete and _skip_space(text, end) < len(text) else breaks
        breaks.append((text, end, inserted))
        at = _skip_space(text, end)
    return breaks


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\n":
        at += 1
    return at


def _classify(report: Report, text: str, at: int, inserted: bool, lang: str) -> None:
    before, after = text[at - 1], text[at] if at < len(text) else " "
    if after in " \t\n":
        report.add("space")
    elif inserted:
        if at in _allowed_points(text, at, lang):
            report.add("hyphenated")
        else:
            report.add("bad hyphen")
            report.bad_hyphens.append(_shown(text, at))
    elif before in _OWN_HYPHENS:
        report.add("own hyphen")
    elif _wide(before) or _wide(after):
        report.add("cjk")
    elif before in _URL_BREAKS or (before == "." and _is_address(_token(text, at)[0])):
        report.add("address")
    elif before.isalpha() and after.isalpha() and _is_word(_token(text, at)[0]):
        report.add("split")
        report.splits.append(_shown(text, at))
    else:
        report.add("non-word split")


def _token(text: str, at: int) -> tuple[str, int]:
    """The run of non-space characters around ``at``, and where it starts."""
    start = at
    while start > 0 and text[start - 1] not in " \t\n":
        start -= 1
    end = at
    while end < len(text) and text[end] not in " \t\n":
        end += 1
    return text[start:end], start


def _is_word(token: str) -> bool:
    """Letters (an apostrophe or hyphen inside), with punctuation around: no code, no URL."""
    core = token.strip(".,;:!?()[]{}\"'«»“”‘’…")
    return bool(core) and all(c.isalpha() or c in "'’-‐" for c in core)


def _allowed_points(text: str, at: int, lang: str) -> set[int]:
    """Offsets in ``text`` of the hyphenation points of the word around ``at``: pyphen's,
    and camel-case changes."""
    token, start = _token(text, at)
    allowed: set[int] = set()
    for match in re.finditer(r"[^\W\d_]+", token):  # the letter runs (hyphens cut them)
        word, offset = match.group(), start + match.start()
        allowed |= {offset + p for p in _dictionary(lang).positions(word)}
        allowed |= {offset + i for i in range(1, len(word)) if word[i - 1 : i + 1].istitle()}
    return allowed


@lru_cache(maxsize=8)
def _dictionary(lang: str) -> Any:
    name = {"en": "en_US", "de": "de_DE", "pt": "pt_PT"}.get(lang, lang)
    return pyphen.Pyphen(lang=pyphen.language_fallback(name.replace("-", "_")) or "en_US")


def _wide(char: str) -> bool:
    return not char.isascii() and unicodedata.east_asian_width(char) in ("W", "F")


def _shown(text: str, at: int) -> str:
    token, start = _token(text, at)
    cut = at - start
    return f"{token[:cut]}|{token[cut:]}"


def check_spec(
    path: Path, layouts: Sequence[str] = LAYOUTS, widths: Sequence[int] = WIDTHS
) -> Report:
    """Every layout of the spec at ``path`` at every width, checked."""
    import journeygraphic as jg

    journey = jg.load(path)
    lang = getattr(journey, "lang", "en")
    report = Report()
    for name in layouts:
        for width in widths:
            with recorded_sources() as sources:
                scene = jg.build_scene(journey, layout=name, width=width)
            report.merge(check_scene(scene, sources, lang))
    return report


def main(paths: Sequence[str]) -> None:
    total = Report()
    for path in paths:
        report = check_spec(Path(path))
        total.merge(report)
        print(f"{path}: {report.counts.get('split', 0)} splits {sorted(set(report.splits))[:8]}")
    print("total", dict(sorted(total.counts.items())), "unmatched", len(total.unmatched))
    for lines in total.unmatched[:10]:
        print("  unmatched", lines)


if __name__ == "__main__":
    main(sys.argv[1:])

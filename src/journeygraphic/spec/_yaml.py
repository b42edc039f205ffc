"""YAML → located plain data, through the composer only (never PyYAML's constructors).

Plain scalars stay text, so ``NO``, ``on``, ``012`` or ``12:30`` never silently turn into
booleans, numbers or times. Anchors, aliases, tags and merge keys are refused where they are
written, and depth and the number of values are capped while composing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import (
    Any,
    NoReturn,
    TypeAlias,
    TypeVar,
)

import yaml
from yaml.events import AliasEvent, Event, ScalarEvent, SequenceStartEvent, StreamEndEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from ..errors import Problem, SpecError
from ..limits import Limits, how_to_raise
from ..safety import clip, escape
from ._located import (
    EMPTY,
    TOP,
    DataPath,
    Located,
    Position,
    dotted,
    fail,
    position,
    raise_if,
    show,
    shown_file,
)

T = TypeVar("T")

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


# A hex colour left unquoted after a key: YAML reads `` #`` as the start of a comment.
_COLOUR_COMMENT = re.compile(r"^:[ \t]+(#[0-9A-Fa-f]{3,8})\b")


class _Composer(yaml.SafeLoader):
    """PyYAML's composer, refusing anchors, aliases and tags, capping depth and size as it goes.

    Refusing at compose time (rather than after) means an alias bomb, a deeply nested
    document or a flood of tiny values never gets expanded, recursed into or built.
    """

    def __init__(self, text: str, filename: str, limits: Limits) -> None:
        super().__init__(text)
        self.filename = filename
        self.limits = limits
        self.paths: list[DataPath] = []  # data path of every node being composed
        self.count = 0  # nodes composed so far, keys included

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event: Event = self.peek_event()  # type: ignore[no-untyped-call]
        path = self._path_of(parent, index)
        self._refuse_features(event, path)
        if len(self.paths) >= self.limits.max_depth:
            self._refuse(event, (), too_deep(self.limits.max_depth))
        self.count += 1
        if self.count > self.limits.max_nodes:
            self._refuse(event, path, too_many(self.limits.max_nodes))
        self.paths.append(path)
        try:
            return super().compose_node(parent, index)
        finally:
            self.paths.pop()

    def _path_of(self, parent: Node | None, index: object) -> DataPath:
        if parent is None:
            return ()
        base = self.paths[-1]
        if isinstance(index, int):
            return (*base, index)
        if isinstance(index, ScalarNode):  # composing the value of this key
            return (*base, index.value)
        return base  # composing a key: report it at its mapping

    def _refuse_features(self, event: Event, path: DataPath) -> None:
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            why = "anchors and aliases ('&name', '*name') are not supported; write the value out"
            self._refuse(event, path, why)
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = show(tag.replace("tag:yaml.org,2002:", "!!"))  # as the user wrote it
            self._refuse(event, path, f"YAML tags such as {shown} are not supported; remove it")

    def _refuse(self, event: Event, path: DataPath, message: str) -> NoReturn:
        line, col = _mark(event.start_mark)
        problem = Problem(escape(message), shown_file(self.filename), line, col, dotted(path))
        raise SpecError([problem])


class _DiffersError(Exception):
    """The input is where libyaml and PyYAML's own parser disagree: use PyYAML's."""


if yaml.__with_libyaml__:
    from yaml._yaml import CParser as _CParser

    class _CComposer(yaml.composer.Composer, _CParser, yaml.resolver.BaseResolver):
        """A lean composer on libyaml's C parser, many times faster than PyYAML's own.

        Why a second composer: measured 2026-12 on the 2-core machine, a cold
        ``journeygraphic specs/az400.yaml -o x.svg`` parses az400.yaml and the default
        theme in 2.8–3.5 ms with it and 30–36 ms with PyYAML's parser alone, i.e. 27–33 ms
        of a ~211 ms cold run (13–16 %, over the 10 % that would justify keeping two).

        Used only for text it reads exactly as PyYAML's parser does (see
        :func:`libyaml_first`), and it never words an error: anything a spec may not hold
        (anchors, tags, too deep, too many values) or that libyaml reads differently raises
        :class:`_DiffersError`, and the file is read again by :class:`_Composer`. Its marks count
        characters as PyYAML's do, except at the end of a file without a final line break,
        which libyaml puts on a line of its own; ``_scalar`` moves it back.
        """

        def __init__(self, text: str, filename: str, limits: Limits) -> None:
            _CParser.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.BaseResolver.__init__(self)
            self.text = text
            self.max_depth = limits.max_depth
            self.max_nodes = limits.max_nodes
            self.depth = 0  # nodes being composed
            self.count = 0  # nodes composed so far, keys included
            self.end = len(text)
            self.end_column = -1  # PyYAML's column at the end, when no line break ends the text
            if text and text[-1] not in _BREAKS:
                self.end_column = self.end - max(text.rfind(c) for c in _BREAKS) - 1

        def compose_node(self, parent: Node | None, index: object) -> Node | None:
            event: Any = self.peek_event()
            self.count += 1
            refused = event.anchor is not None or event.tag is not None  # AliasEvent: anchor
            if refused or self.depth >= self.max_depth or self.count > self.max_nodes:
                raise _DiffersError
            self.depth += 1
            if event.__class__ is ScalarEvent:
                node: Node = self._scalar(parent)
            elif event.__class__ is SequenceStartEvent:
                node = self.compose_sequence_node(None)  # type: ignore[arg-type]  # no anchor
            else:
                node = self.compose_mapping_node(None)  # type: ignore[arg-type]
            self.depth -= 1
            return node

        def _scalar(self, parent: Node | None) -> ScalarNode:
            event: Any = self.get_event()
            start = event.start_mark
            if start.index == self.end and self.end_column > 0 and start.column == 0:
                start = yaml.Mark("", start.index, start.line - 1, self.end_column, None, 0)
            node = ScalarNode(_STR_TAG, event.value, start, event.end_mark, event.style)
            if self._differs(node, parent):
                raise _DiffersError
            return node

        def _differs(self, node: ScalarNode, parent: Node | None) -> bool:
            if not node.style and getattr(parent, "flow_style", False) is True:
                # In [ ] and { }, libyaml lets '?' into plain text (PyYAML stops there) and
                # places a missing value at the next token (PyYAML: right after the ':').
                return "?" in node.value or not node.value
            if node.style in ("|", ">"):  # libyaml reads '|#' as '|' and a comment
                return _HEADER_COMMENT.match(self.text, node.start_mark.index) is not None
            return False

else:  # pragma: no cover - PyYAML built without libyaml
    _CComposer = None  # type: ignore[assignment,misc]


ComposerClass: TypeAlias = Callable[[str, str, Limits], Any]


_BREAKS = "\n\r\x85\u2028\u2029"


_STR_TAG = "tag:yaml.org,2002:str"  # tags are refused, so every node's tag goes unread


_HEADER_COMMENT = re.compile(r"[|>][0-9+-]{0,2}#")


class Builder:
    """Turns composed nodes into plain data, noting positions and collecting problems."""

    def __init__(self, filename: str, text: str) -> None:
        self.filename = filename
        self.text = text
        self.problems_seen = 0
        self.value_marks: dict[DataPath, Position] = {}
        self.key_marks: dict[DataPath, Position] = {}
        self.problems: list[Problem] = []

    def build(self, node: Node, path: DataPath = ()) -> Any:
        self.value_marks[path] = _mark(node.start_mark)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)  # the composer makes only these three kinds
        # Only an unquoted null or empty value is None; everything else written is text.
        return None if _plain(node) and node.value in _NULLS else str(node.value)

    def _mapping(self, node: MappingNode, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                continue
            here = (*path, key)
            if key in result:
                self._duplicate(key, key_node, here)
                continue
            self.key_marks[here] = _mark(key_node.start_mark)
            self._commented_colour(key_node, value_node, here)
            result[key] = self.build(value_node, here)
        return result

    def _commented_colour(self, key: Node, value: Node, path: DataPath) -> None:
        """``fill: #ff0000`` is a key with an empty value and a comment: say so."""
        if not (isinstance(value, ScalarNode) and _plain(value) and value.value == ""):
            return
        end = key.end_mark.index  # characters into the text, from either parser
        rest = self.text[end : end + 40]
        match = _COLOUR_COMMENT.match(rest.split("\n", 1)[0])  # 40 characters: no O(n²)
        if match:
            colour = match.group(1)
            message = (
                f"this value is empty: in YAML ' #' starts a comment, so {show(colour)} was "
                f'ignored; quote it: "{colour}"'
            )
            self._problem(message, key, path)

    def _key(self, node: Node, path: DataPath) -> str | None:
        if not isinstance(node, ScalarNode):
            self._problem("a key must be plain text, not a list or mapping", node, path)
            return None
        if node.value == "<<" and _plain(node):
            self._problem("merge keys ('<<') are not supported; write the fields out", node, path)
            return None
        return str(node.value)

    def _duplicate(self, key: str, node: Node, path: DataPath) -> None:
        first = self.key_marks[path][0]
        again = _mark(node.start_mark)[0]
        message = f"duplicate key {show(key)} (first at line {first}, again at line {again})"
        self._problem(message, node, path)

    def _problem(self, message: str, node: Node, path: DataPath) -> None:
        line, col = _mark(node.start_mark)
        self.problems.append(Problem(message, shown_file(self.filename), line, col, dotted(path)))


def _plain(node: ScalarNode) -> bool:
    """Written without quotes or ``|``/``>`` (PyYAML says None, libyaml '')."""
    return not node.style


def parse_yaml(text: str, filename: str, limits: Limits) -> Located:
    return libyaml_first(text, lambda kind: _build_yaml(text, filename, limits, kind))


def libyaml_first(text: str, work: Callable[[ComposerClass], T]) -> T:
    """``work`` done with libyaml's parser when it reads ``text`` as PyYAML's would, else
    (or when anything is wrong) with PyYAML's, which words and places every error as always.
    """
    # libyaml also takes tabs where PyYAML refuses them; tabs are rare outside quotes.
    if _CComposer is not None and "\t" not in text:
        try:
            return work(_CComposer)
        except (SpecError, yaml.YAMLError, _DiffersError, UnicodeError):  # Unicode: surrogates
            pass  # errors are rare: their messages come from the reference parser below
    return work(_Composer)


def _build_yaml(text: str, filename: str, limits: Limits, composer: ComposerClass) -> Located:
    root = compose(text, filename, limits, composer)
    if root is None or (isinstance(root, ScalarNode) and _plain(root) and not root.value):
        raise fail(filename, EMPTY, *TOP)
    if not isinstance(root, MappingNode):
        line, col = _mark(root.start_mark)
        raise fail(filename, not_a_mapping(_node_noun(root)), line, col)
    builder = Builder(filename, text)
    data = builder.build(root)
    raise_if(builder.problems)
    return Located(data, filename, builder.value_marks, builder.key_marks)


def compose(
    text: str, filename: str, limits: Limits, kind: ComposerClass = _Composer
) -> Node | None:
    """The single document in ``text`` as a node tree (None when there is none)."""
    composer: Any = None
    try:
        composer = kind(text, filename, limits)  # the reader checks characters right away
        composer.get_event()  # stream start
        root = None if composer.check_event(StreamEndEvent) else composer.compose_document()
        if not composer.check_event(StreamEndEvent):
            second: Event = composer.get_event()
            line, col = _mark(second.start_mark)
            message = "the file holds more than one YAML document ('---'); keep just one"
            raise fail(filename, message, line, col)
        return root
    except yaml.YAMLError as exc:
        raise SpecError([_yaml_problem(exc, text, filename)]) from None
    finally:
        if composer is not None:
            composer.dispose()


def _yaml_problem(exc: yaml.YAMLError, text: str, filename: str) -> Problem:
    line, col = TOP
    message = "this is not valid YAML"
    if isinstance(exc, ReaderError):
        line, col = position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"the character U+{code:04X} is not allowed in a YAML file"
    elif isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = _mark(mark) if mark is not None else TOP
        message += f": {exc.problem or exc.context}"
        if exc.problem and exc.context:
            message += f" ({exc.context}{_at_line(exc.context_mark, line)})"
    return Problem(clip(escape(message)), shown_file(filename), line, col)


def _at_line(mark: Any, line: int) -> str:
    if mark is None or mark.line + 1 == line:
        return ""
    return f" that starts at line {mark.line + 1}"


def _mark(mark: Any) -> Position:
    """A PyYAML mark (0-based) as a 1-based (line, col)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else TOP


def _node_noun(node: Node) -> str:
    return "a list" if isinstance(node, SequenceNode) else "a single value"


def not_a_mapping(noun: str) -> str:
    return f"the top level must be a mapping of fields (header:, phases: …), not {noun}"


def too_deep(limit: int) -> str:
    return f"the data is nested more than {limit} levels deep; {how_to_raise('max_depth')}"


def too_many(limit: int) -> str:
    return f"the file holds more than {limit:,} values; {how_to_raise('max_nodes')}"

"""Safe YAML loading that remembers where every value came from, and validation against dataclasses.

Articles, themes and presets are all hand-edited YAML. One validator serves them all: it walks the YAML node
tree (safe loader only), converts values to the dataclass field types, and reports every problem as
`file:line: where: what` with a did-you-mean for misspelt keys.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union

import yaml

from ..errors import Slide2VideoError
from ..unicodetext import scan

KeyPath = tuple[str | int | float, ...]
if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")

#: Most values (scalars, lists, mappings) a document may hold once aliases are expanded. A long article is a few
#: thousand; the limit stops "billion laughs" documents whose nested aliases expand exponentially.
MAX_VALUES = 100_000


_CORE = "tag:yaml.org,2002:"
#: The tags plain data uses. Anything else (`!!python/object`, `!custom`) is refused by name, on scalars,
#: lists and mappings alike, rather than silently read as its untagged value.
STANDARD_TAGS = frozenset(
    _CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "merge")
)
_MERGE = _CORE + "merge"
#: Keys starting with this are the file's own (as in Compose files): ignored, so they can hold shared values
#: under an anchor (`x-defaults: &base {credit: Reuters}`) for slides to merge with `<<: *base`.
EXTENSION_PREFIX = "x-"


class _Loader(yaml.SafeLoader):
    """The safe loader, reading `1e3` and `2.5E-1` as numbers too (YAML 1.2; YAML 1.1 wants `1.0e+3`)."""


_Loader.add_implicit_resolver(
    _CORE + "float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+$"),
    list("-+0123456789."),
)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


@dataclasses.dataclass
class YamlDoc:
    """A parsed YAML document plus the 1-based line of every key path in it.

    `sources` keeps the text of every plain number as written (`1e3`, `007`), so a text field given a number
    reads as the user typed it; `warnings` are the text repairs made while reading (`unicodetext.scan`).
    """

    data: Any
    lines: dict[KeyPath, int]
    path: str
    sources: dict[KeyPath, str] = dataclasses.field(default_factory=dict)
    warnings: list[str] = dataclasses.field(default_factory=list)

    def line(self, keypath: KeyPath) -> int | None:
        while keypath not in self.lines and keypath:
            keypath = keypath[:-1]
        return self.lines.get(keypath)


def load_yaml(text: str, path: str | Path, error: type[Slide2VideoError], what: str = "YAML") -> YamlDoc:
    """Parse `text` with the safe loader; syntax errors become one located line of `error` ("invalid {what}...")."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # the constructor refuses control characters
        line = text[: exc.position].count("\n") + 1
        raise error(f"invalid {what}: unacceptable character #x{exc.character:04x}", path=path, line=line) from None
    doc = YamlDoc(None, {}, str(path))
    try:
        node = loader.get_single_node()
        doc.data = _Builder(loader, doc, error, what).build(node, ()) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        where = mark.line + 1 if mark is not None else None
        col = f", column {mark.column + 1}" if mark is not None else ""
        raise error(f"invalid {what}{col}: {problem}", path=path, line=where) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid {what}: {str(exc).splitlines()[0] if str(exc) else exc!r}", path=path) from None
    except RecursionError:
        raise error(f"invalid {what}: nested too deeply", path=path) from None
    finally:
        loader.dispose()
    return doc


class _Builder:
    """Node tree to plain data, recording each key path's line; tags checked, merge keys (`<<: *base`) applied."""

    def __init__(self, loader: _Loader, doc: YamlDoc, error: type[Slide2VideoError], what: str) -> None:
        self.loader, self.doc, self.error, self.what = loader, doc, error, what

    def fail(self, node: yaml.Node, message: str) -> Slide2VideoError:
        return self.error(f"invalid {self.what}: {message}", path=self.doc.path, line=node.start_mark.line + 1)

    def check_tag(self, node: yaml.Node) -> None:
        if node.tag not in STANDARD_TAGS:
            raise self.fail(
                node, f"tag {_short_tag(node.tag)!r} is not allowed (only plain text, numbers, lists and mappings)"
            )

    def build(self, node: yaml.Node, keypath: KeyPath, line: int | None = None) -> Any:
        lines = self.doc.lines
        if len(lines) >= MAX_VALUES:
            raise self.fail(node, f"more than {MAX_VALUES:,} values once aliases (*name) are expanded")
        # A mapping value is located at its key's line: nested blocks start on the next line.
        lines[keypath] = line if line is not None else node.start_mark.line + 1
        self.check_tag(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, keypath)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(v, (*keypath, i)) for i, v in enumerate(node.value)]
        return self.scalar(node, keypath)

    def scalar(self, node: yaml.Node, keypath: KeyPath) -> Any:
        value = self.loader.construct_object(node, deep=True)
        if isinstance(value, str):
            value, warnings = scan(value, self.doc.path, node.start_mark.line + 1)
            self.doc.warnings += warnings
        elif isinstance(value, int | float) and not isinstance(value, bool) and getattr(node, "style", None) is None:
            self.doc.sources[keypath] = node.value
        return value

    def key(self, knode: yaml.Node) -> Any:
        self.check_tag(knode)
        key = self.loader.construct_object(knode, deep=True)
        if not isinstance(key, str | int | float | bool) or key is None:
            raise self.error("mapping keys must be plain text", path=self.doc.path, line=knode.start_mark.line + 1)
        return scan(key, self.doc.path)[0] if isinstance(key, str) else key

    def merged(self, vnode: yaml.Node) -> list[tuple[yaml.Node, yaml.Node]]:
        """The (key, value) pairs a merge key brings in: a mapping, or a list of them (earlier ones win)."""
        sources = vnode.value if isinstance(vnode, yaml.SequenceNode) else [vnode]
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        for source in reversed(sources):
            if not isinstance(source, yaml.MappingNode):
                raise self.fail(source, "'<<' merges a mapping (or a list of mappings), such as <<: *base")
            for knode, v in source.value:
                pairs += self.merged(v) if knode.tag == _MERGE else [(knode, v)]
        return pairs

    def mapping(self, node: yaml.MappingNode, keypath: KeyPath) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for knode, vnode in node.value:
            if knode.tag == _MERGE:
                for mk, mv in self.merged(vnode):
                    key = self.key(mk)
                    out[key] = self.build(mv, (*keypath, key), mk.start_mark.line + 1)
        inherited = set(out)
        for knode, vnode in node.value:
            if knode.tag == _MERGE:
                continue
            key = self.key(knode)
            if key in out and key not in inherited:
                raise self.error(f"duplicate key {key!r}", path=self.doc.path, line=knode.start_mark.line + 1)
            inherited.discard(key)
            out[key] = self.build(vnode, (*keypath, key), knode.start_mark.line + 1)
        return out


def describe(keypath: KeyPath) -> str:
    out = ""
    for part in keypath:
        # A key with a line break or control character is quoted, so the error stays one line.
        name = str(part) if str(part).isprintable() else repr(str(part))
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{name}" if out else name)
    return out


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class _Invalid(Exception):
    pass


class Validator:
    """Converts YAML data to dataclasses, collecting every problem before raising once."""

    def __init__(self, doc: YamlDoc, error: type[Slide2VideoError]) -> None:
        self.doc = doc
        self.error = error
        self.problems: list[str] = []

    def problem(self, keypath: KeyPath, message: str) -> None:
        line = self.doc.line(keypath)
        where = f"{self.doc.path}:{line}" if line else self.doc.path
        label = describe(keypath)
        self.problems.append(f"{where}: {label + ': ' if label else ''}{message}")

    def raise_if_any(self) -> None:
        if self.problems:
            raise self.error.collect(self.problems, path=self.doc.path)

    def build(self, cls: type[T], data: Any, keypath: KeyPath = ()) -> T | None:
        """Build dataclass `cls` from a mapping; returns None (and records why) when it cannot."""
        try:
            return self._dataclass(cls, data, keypath)
        except _Invalid:
            return None

    def _dataclass(self, cls: type[T], data: Any, keypath: KeyPath) -> T:
        if not isinstance(data, dict):
            self.problem(keypath, f"expected a mapping of {cls.__name__.lower()} fields, got {_type_name(data)}")
            raise _Invalid
        hints = typing.get_type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls) if f.init and f.metadata.get("yaml", True)}
        kwargs: dict[str, Any] = {}
        ok = True
        for key, value in data.items():
            if isinstance(key, str) and key.startswith(EXTENSION_PREFIX):
                continue  # a hand-edited file's own block, typically the anchor that `<<: *base` merges
            if key not in fields:
                close = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(fields)})"
                self.problem((*keypath, key), f"unknown key {key!r}{hint}")
                ok = False
                continue
            try:
                converted = self._value(hints[key], value, (*keypath, key))
                check = fields[key].metadata.get("check")
                rng = fields[key].metadata.get("range")
                message = check(converted) if check and converted is not None else None
                if message is None and rng is not None and converted is not None:
                    message = rng.problem(converted, self.doc.sources.get((*keypath, key)))
                if message:
                    self.problem((*keypath, key), message)
                    ok = False
                kwargs[key] = converted
            except _Invalid:
                ok = False
        for name, f in fields.items():
            missing = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if missing and name not in data:
                self.problem(keypath, f"missing required key {name!r}")
                ok = False
        if not ok:
            raise _Invalid
        return cls(**kwargs)

    def _value(self, tp: Any, value: Any, keypath: KeyPath) -> Any:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (Union, types.UnionType):
            if value is None and type(None) in args:
                return None
            inner = [a for a in args if a is not type(None)]
            if len(inner) == 1:
                return self._value(inner[0], value, keypath)
            for candidate in inner:
                sub = Validator(self.doc, self.error)
                try:
                    return sub._value(candidate, value, keypath)
                except _Invalid:
                    continue
            return self._fail(keypath, "a value of the right kind", value)
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self._dataclass(tp, value, keypath)
        if origin is Literal:
            if value in args:
                return value
            close = difflib.get_close_matches(str(value), [str(a) for a in args], n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            choices = ", ".join(repr(a) for a in args)
            self.problem(keypath, f"{value!r} is not one of {choices}{hint}")
            raise _Invalid
        if origin is list:
            (item_tp,) = args
            if item_tp is str and isinstance(value, str | int | float) and not isinstance(value, bool):
                text = value if isinstance(value, str) else self.doc.sources.get(keypath, str(value))
                return [text] if text.strip() else []
            if not isinstance(value, list):
                return self._fail(keypath, "a list", value)
            items, bad = [], False
            for i, item in enumerate(value):
                try:
                    items.append(self._value(item_tp, item, (*keypath, i)))
                except _Invalid:
                    bad = True
            if bad:
                raise _Invalid
            return items
        if origin is tuple:
            if not isinstance(value, list) or len(value) != len(args):
                return self._fail(keypath, f"a list of {len(args)} values", value)
            return tuple(self._value(a, v, (*keypath, i)) for i, (a, v) in enumerate(zip(args, value, strict=True)))
        if origin is dict:
            _key_tp, val_tp = args
            if not isinstance(value, dict):
                return self._fail(keypath, "a mapping", value)
            return {str(k): self._value(val_tp, v, (*keypath, k)) for k, v in value.items()}
        if tp is str:
            if isinstance(value, str):
                return value
            if isinstance(value, int | float) and not isinstance(value, bool):
                return self.doc.sources.get(keypath, str(value))  # `heading: 1e3` is the text "1e3"
            return self._fail(keypath, "text", value)
        if tp is bool:
            if isinstance(value, bool):
                return value
            return self._fail(keypath, "true or false", value)
        if tp is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            return self._fail(keypath, "a whole number", value)
        if tp is float:
            if isinstance(value, int | float) and not isinstance(value, bool):
                try:
                    number = float(value)
                except OverflowError:  # a 400-digit whole number
                    self.problem(keypath, "a number too large for any setting")
                    raise _Invalid from None
                if not math.isfinite(number):  # YAML's .inf and .nan, and 1e400: never a setting
                    self.problem(keypath, f"{self.doc.sources.get(keypath, repr(value))} is not a finite number")
                    raise _Invalid
                return number
            return self._fail(keypath, "a number", value)
        if tp is Any:
            return value
        raise TypeError(f"unsupported field type {tp!r}")  # a programming error, not a user one

    def _fail(self, keypath: KeyPath, expected: str, value: Any) -> Any:
        self.problem(keypath, f"expected {expected}, got {_type_name(value)}")
        raise _Invalid

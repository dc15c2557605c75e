"""Safe YAML loading that remembers where every value came from, and validation against dataclasses.

Articles, themes and presets are all hand-edited YAML. One validator serves them all: it walks the YAML node
tree (safe loader only), converts values to the dataclass field types, and reports every problem as
`file:line: where: what` with a did-you-mean for misspelt keys.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union

import yaml

from ..errors import Slide2VideoError

KeyPath = tuple[str | int | float, ...]
if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")

#: Most values (scalars, lists, mappings) a document may hold once aliases are expanded. A long article is a few
#: thousand; the limit stops "billion laughs" documents whose nested aliases expand exponentially.
MAX_VALUES = 100_000


@dataclasses.dataclass
class YamlDoc:
    """A parsed YAML document plus the 1-based line of every key path in it."""

    data: Any
    lines: dict[KeyPath, int]
    path: str

    def line(self, keypath: KeyPath) -> int | None:
        while keypath not in self.lines and keypath:
            keypath = keypath[:-1]
        return self.lines.get(keypath)


def load_yaml(text: str, path: str | Path, error: type[Slide2VideoError], what: str = "YAML") -> YamlDoc:
    """Parse `text` with the safe loader; syntax errors become one located line of `error` ("invalid {what}...")."""
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:  # the constructor refuses control characters
        line = text[: exc.position].count("\n") + 1
        raise error(f"invalid {what}: unacceptable character #x{exc.character:04x}", path=path, line=line) from None
    lines: dict[KeyPath, int] = {}
    try:
        node = loader.get_single_node()

        def build(node: yaml.Node, keypath: KeyPath, line: int | None = None) -> Any:
            if len(lines) >= MAX_VALUES:
                raise error(
                    f"invalid {what}: more than {MAX_VALUES:,} values once aliases (*name) are expanded",
                    path=path,
                    line=node.start_mark.line + 1,
                )
            # A mapping value is located at its key's line: nested blocks start on the next line.
            lines[keypath] = line if line is not None else node.start_mark.line + 1
            if isinstance(node, yaml.MappingNode):
                out: dict[Any, Any] = {}
                for knode, vnode in node.value:
                    key = loader.construct_object(knode, deep=True)
                    if not isinstance(key, str | int | float | bool) or key is None:
                        raise error("mapping keys must be plain text", path=path, line=knode.start_mark.line + 1)
                    if key in out:
                        raise error(f"duplicate key {key!r}", path=path, line=knode.start_mark.line + 1)
                    out[key] = build(vnode, (*keypath, key), knode.start_mark.line + 1)
                return out
            if isinstance(node, yaml.SequenceNode):
                return [build(v, (*keypath, i)) for i, v in enumerate(node.value)]
            return loader.construct_object(node, deep=True)

        data = build(node, ()) if node is not None else None
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
    return YamlDoc(data, lines, str(path))


def describe(keypath: KeyPath) -> str:
    out = ""
    for part in keypath:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
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
            if key not in fields:
                close = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(fields)})"
                self.problem((*keypath, key), f"unknown key {key!r}{hint}")
                ok = False
                continue
            try:
                converted = self._value(hints[key], value, (*keypath, key))
                check = fields[key].metadata.get("check")
                message = check(converted) if check and converted is not None else None
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
                return [str(value)] if str(value).strip() else []
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
                return str(value)
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
                return float(value)
            return self._fail(keypath, "a number", value)
        if tp is Any:
            return value
        raise TypeError(f"unsupported field type {tp!r}")  # a programming error, not a user one

    def _fail(self, keypath: KeyPath, expected: str, value: Any) -> Any:
        self.problem(keypath, f"expected {expected}, got {_type_name(value)}")
        raise _Invalid

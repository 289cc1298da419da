"""Typed parameter schemas: turn a YAML mapping into a kind's frozen dataclass, or say why not.

A schema is a frozen dataclass whose fields are annotated with str, int, float, bool, Literal,
``X | None``, ``tuple[X, ...]``, ``dict[str, X]`` or another schema dataclass. A ``Regex`` field
(``Annotated[str, REGEX]``) must compile. An enumerated value is a ``Literal`` or, when the values
live in a vocabulary, ``Annotated[str, OneOf(values)]``: a value outside them is a load error that
lists them and suggests the closest. A list of entries that an extending pack should merge with its
parent's is ``Annotated[tuple[Entry, ...], MergeKey("field")]`` (see ``merge``). Extra semantic
checks go in ``__post_init__`` and raise ``ValueError`` with a Chinese message.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

from gongwen.pipeline.model import Source

REGEX = "regex"
Regex = Annotated[str, REGEX]
REMOVE = "remove"  # in an entry of a keyed list: drop the parent's entry with this key


@dataclass(frozen=True)
class OneOf:
    """The allowed values of an enumerated string: a tuple, or a function returning one when the
    vocabulary is data that should not be read at import time."""

    source: tuple[str, ...] | Callable[[], Iterable[str]]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(self.source() if callable(self.source) else self.source)


@dataclass(frozen=True)
class MergeKey:
    """A list parameter whose entries an extending pack merges with its parent's by this field."""

    field: str


@dataclass(frozen=True)
class SourceRef:
    """A clause cited by one entry of a rule's parameters (e.g. one material's word limit)."""

    document: str
    article: str | None = None
    quote: str | None = None

    def to_source(self) -> Source:
        return Source(self.document, self.article, self.quote)


class ParamError(ValueError):
    """A parameter that does not fit its schema; ``keys`` lead to it from the parameters' root,
    e.g. ``("limits", 0, "limit")``, which ``path`` spells ``params.limits[0].limit``."""

    def __init__(self, keys: tuple[str | int, ...], reason: str) -> None:
        self.keys = keys
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    @property
    def path(self) -> str:
        return "params" + "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in self.keys)


def build(schema: type, raw: Any) -> Any:
    """Convert ``raw`` (parsed YAML) into an instance of ``schema``."""
    return _convert(schema, raw, ())


def choice_error(value: Any, allowed: Iterable[str]) -> str | None:
    """None when ``value`` is one of ``allowed``; otherwise a Chinese reason listing them and
    suggesting the closest (a typo such as ``bdoy`` for ``body``)."""
    allowed = tuple(allowed)
    if value in allowed:
        return None
    reason = f"取值应为 {'、'.join(map(str, allowed))} 之一，实际为“{value}”"
    close = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1, cutoff=0.5)
    return reason + (f"。您是否想用“{close[0]}”？" if close else "")


def _convert(annotation: Any, raw: Any, keys: tuple) -> Any:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        base, *marks = typing.get_args(annotation)
        value = _convert(base, raw, keys)
        if REGEX in marks:
            try:
                re.compile(value)
            except re.error as error:
                raise ParamError(keys, f"正则表达式“{value}”无效（{error}）") from None
        for mark in marks:
            if isinstance(mark, OneOf) and (reason := choice_error(value, mark.values)):
                raise ParamError(keys, reason)
        return value
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if raw is None:
            if len(options) < len(typing.get_args(annotation)):
                return None
            raise ParamError(keys, "不能为空")
        errors = []
        for option in options:
            try:
                return _convert(option, raw, keys)
            except ParamError as error:
                if error.keys != keys:  # the value has this option's shape: its own fault is the answer
                    raise
                errors.append(error.reason)
        raise ParamError(keys, "；".join(errors))
    if origin is Literal:
        if reason := choice_error(raw, typing.get_args(annotation)):
            raise ParamError(keys, reason)
        return raw
    if origin is tuple:
        item_type = typing.get_args(annotation)[0]
        if isinstance(raw, (str, dict)) or not isinstance(raw, (list, tuple)):
            raise ParamError(keys, "应为列表")
        return tuple(_convert(item_type, item, (*keys, i)) for i, item in enumerate(raw))
    if origin is dict:
        key_type, value_type = typing.get_args(annotation)
        if not isinstance(raw, dict):
            raise ParamError(keys, "应为映射（键: 值）")
        return {
            _convert(key_type, key, (*keys, key)): _convert(value_type, value, (*keys, key))
            for key, value in raw.items()
        }
    if dataclasses.is_dataclass(annotation):
        return _build_dataclass(annotation, raw, keys)
    if annotation is bool:
        if not isinstance(raw, bool):
            raise ParamError(keys, f"应为 true 或 false，实际为“{raw}”")
        return raw
    if annotation is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise ParamError(keys, f"应为整数，实际为“{raw}”")
        return raw
    if annotation is float:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise ParamError(keys, f"应为数字，实际为“{raw}”")
        return float(raw)
    if annotation is str:
        if not isinstance(raw, str):
            raise ParamError(keys, f"应为文字，实际为“{raw}”")
        return raw
    raise TypeError(f"unsupported schema annotation {annotation!r} at {keys}")


def _build_dataclass(schema: type, raw: Any, keys: tuple) -> Any:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ParamError(keys, "应为映射（键: 值）")
    hints = typing.get_type_hints(schema, include_extras=True)
    known = {f.name: f for f in dataclasses.fields(schema)}
    for name in raw:
        if name not in known:
            close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
            hint = f"您是否想用“{close[0]}”？" if close else ""
            raise ParamError((*keys, name), f"未知参数 {name}（可用参数：{'、'.join(known)}）。{hint}")
    values = {}
    for name, spec in known.items():
        if name in raw:
            values[name] = _convert(hints[name], raw[name], (*keys, name))
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            raise ParamError((*keys, name), "缺少必填参数")
    try:
        return schema(**values)
    except ValueError as error:
        raise ParamError(keys, str(error)) from None


def merge(schema: type, parent: dict, child: dict) -> dict:
    """The parameters of an overriding rule: the child's keys replace the parent's, except a list
    declared with a ``MergeKey``, which merges entry by entry: a child entry replaces the parent's
    entry with the same key (or is appended), ``remove: true`` drops it, and the parent's other
    entries are kept in their order."""
    hints = typing.get_type_hints(schema, include_extras=True)
    merged = dict(parent)
    for name, value in child.items():
        key = merge_key(hints.get(name))
        if key is None or not isinstance(value, list) or not isinstance(parent.get(name), list):
            merged[name] = value
        else:
            merged[name] = _merge_entries(parent[name], value, key, (name,))
    return merged


def merge_key(annotation: Any) -> str | None:
    """The field a list parameter merges by, when it declares one."""
    if typing.get_origin(annotation) is Annotated:
        return next((mark.field for mark in typing.get_args(annotation)[1:] if isinstance(mark, MergeKey)), None)
    return None


def _merge_entries(parent: list, child: list, key: str, keys: tuple) -> list:
    merged = {entry.get(key, index) if isinstance(entry, dict) else index: entry for index, entry in enumerate(parent)}
    seen = set()
    for index, entry in enumerate(child):
        if not isinstance(entry, dict) or key not in entry:
            raise ParamError((*keys, index), f"应为带 {key} 的映射：列表按 {key} 与上级规则包合并")
        value = entry[key]
        if value in seen:
            raise ParamError((*keys, index, key), f"{key} 为“{value}”的条目重复")
        seen.add(value)
        if entry.get(REMOVE) is True:
            if set(entry) != {key, REMOVE}:
                raise ParamError((*keys, index), f"删除条目时只写 {key} 和 {REMOVE}: true")
            if value not in merged:
                raise ParamError((*keys, index, key), f"上级规则包中没有 {key} 为“{value}”的条目，无从删除")
            del merged[value]
        else:
            merged[value] = entry
    return list(merged.values())


def describe(schema: type) -> list[tuple[str, str, str]]:
    """(name, type, default) for each parameter of a schema, for `gongwen rules --kinds`."""
    hints = typing.get_type_hints(schema, include_extras=True)
    rows = []
    for spec in dataclasses.fields(schema):
        if spec.default is not dataclasses.MISSING:
            default = repr(spec.default)
        elif spec.default_factory is not dataclasses.MISSING:
            default = repr(spec.default_factory())
        else:
            default = "（必填）"
        type_name = _type_name(hints[spec.name])
        if key := merge_key(hints[spec.name]):
            type_name += f"（继承时按 {key} 合并）"
        rows.append((spec.name, type_name, default))
    return rows


def _type_name(annotation: Any) -> str:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Annotated:
        if REGEX in args[1:]:
            return "regex"
        choices = next((mark for mark in args[1:] if isinstance(mark, OneOf)), None)
        return "|".join(choices.values) if choices else _type_name(args[0])
    if origin is Literal:
        return "|".join(map(str, args))
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        text = " | ".join(map(_type_name, options))
        return f"可选[{text}]" if len(options) < len(args) else text
    if origin is tuple:
        return f"tuple[{_type_name(args[0])}...]"
    if origin is dict:
        return f"dict[{_type_name(args[0])}, {_type_name(args[1])}]"
    return getattr(annotation, "__name__", str(annotation))

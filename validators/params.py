"""Typed parameter schemas: turn a YAML mapping into a kind's frozen dataclass, or say why not.

A schema is a frozen dataclass whose fields are annotated with str, int, float, bool, Literal,
``X | None``, ``tuple[X, ...]``, ``dict[str, X]`` or another schema dataclass. A ``Regex`` field
(``Annotated[str, REGEX]``) must compile. Extra semantic checks go in ``__post_init__`` and raise
``ValueError`` with a Chinese message.
"""
from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

from gongwen.pipeline.model import Source

REGEX = "regex"
Regex = Annotated[str, REGEX]


@dataclass(frozen=True)
class SourceRef:
    """A clause cited by one entry of a rule's parameters (e.g. one material's word limit)."""

    document: str
    article: str | None = None
    quote: str | None = None

    def to_source(self) -> Source:
        return Source(self.document, self.article, self.quote)


class ParamError(ValueError):
    """A parameter that does not fit its schema; ``path`` names it, e.g. ``limits[0].limit``."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def build(schema: type, raw: Any, path: str = "params") -> Any:
    """Convert ``raw`` (parsed YAML) into an instance of ``schema``."""
    return _convert(schema, raw, path)


def _convert(annotation: Any, raw: Any, path: str) -> Any:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        base, *marks = typing.get_args(annotation)
        value = _convert(base, raw, path)
        if REGEX in marks:
            try:
                re.compile(value)
            except re.error as error:
                raise ParamError(path, f"正则表达式“{value}”无效（{error}）") from None
        return value
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if raw is None:
            if len(options) < len(typing.get_args(annotation)):
                return None
            raise ParamError(path, "不能为空")
        errors = []
        for option in options:
            try:
                return _convert(option, raw, path)
            except ParamError as error:
                errors.append(error.reason)
        raise ParamError(path, "；".join(errors))
    if origin is Literal:
        allowed = typing.get_args(annotation)
        if raw not in allowed:
            raise ParamError(path, f"取值应为 {'、'.join(map(str, allowed))} 之一，实际为“{raw}”")
        return raw
    if origin is tuple:
        item_type = typing.get_args(annotation)[0]
        if isinstance(raw, (str, dict)) or not isinstance(raw, (list, tuple)):
            raise ParamError(path, "应为列表")
        return tuple(_convert(item_type, item, f"{path}[{i}]") for i, item in enumerate(raw))
    if origin is dict:
        key_type, value_type = typing.get_args(annotation)
        if not isinstance(raw, dict):
            raise ParamError(path, "应为映射（键: 值）")
        return {
            _convert(key_type, key, f"{path}.{key}"): _convert(value_type, value, f"{path}.{key}")
            for key, value in raw.items()
        }
    if dataclasses.is_dataclass(annotation):
        return _build_dataclass(annotation, raw, path)
    if annotation is bool:
        if not isinstance(raw, bool):
            raise ParamError(path, f"应为 true 或 false，实际为“{raw}”")
        return raw
    if annotation is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise ParamError(path, f"应为整数，实际为“{raw}”")
        return raw
    if annotation is float:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise ParamError(path, f"应为数字，实际为“{raw}”")
        return float(raw)
    if annotation is str:
        if not isinstance(raw, str):
            raise ParamError(path, f"应为文字，实际为“{raw}”")
        return raw
    raise TypeError(f"unsupported schema annotation {annotation!r} at {path}")


def _build_dataclass(schema: type, raw: Any, path: str) -> Any:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ParamError(path, "应为映射（键: 值）")
    hints = typing.get_type_hints(schema, include_extras=True)
    known = {f.name: f for f in dataclasses.fields(schema)}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ParamError(path, f"未知参数 {'、'.join(map(str, unknown))}（可用参数：{'、'.join(known)}）")
    values = {}
    for name, spec in known.items():
        if name in raw:
            values[name] = _convert(hints[name], raw[name], f"{path}.{name}")
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            raise ParamError(f"{path}.{name}", "缺少必填参数")
    try:
        return schema(**values)
    except ValueError as error:
        raise ParamError(path, str(error)) from None


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
        rows.append((spec.name, _type_name(hints[spec.name]), default))
    return rows


def _type_name(annotation: Any) -> str:
    text = str(annotation) if typing.get_args(annotation) else getattr(annotation, "__name__", str(annotation))
    text = re.sub(r"typing\.Annotated\[str, 'regex'\]|Annotated\[str, 'regex'\]", "regex", text)
    text = re.sub(r"typing\.|validators\.[\w.]+\.", "", text)
    return text.replace(", ...]", "...]").replace("Optional[", "可选[")

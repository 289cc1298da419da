"""Turn an example (a rule-doc example or a test case) into a Document the engine can check.

This runs the engine without the extraction stages: the example's ``fields`` stand in for what
extraction would find, and ``elements`` mark structure elements by the text they cover. The
real pipeline, when present, reads only the text and the approval sidecar (see validators.cases).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from gongwen.pipeline.model import (
    ApprovalStep, Block, Companion, Contact, Document, Fields, RawDocument, RequestItem, Span, Structure,
)
from gongwen.pipeline.roster import Person, Roster
from gongwen.validators.packs import Example

_FIELD_NAMES = {f.name for f in dataclasses.fields(Fields)}
_TUPLE_FIELDS = {"issuer", "signer", "recipients", "cc", "attachments"}
_STEP_KEYS = {f.name for f in dataclasses.fields(ApprovalStep)}


def build_document(
    lines: Sequence[str] | str,
    fields: Fields | Mapping[str, Any] | None = None,
    elements: Mapping[str, Sequence[str] | str] | None = None,
    approval: Sequence[Mapping[str, Any] | ApprovalStep] = (),
    path: str = "example.txt",
    companions: Sequence[str] = (),
) -> Document:
    """A Document whose text is ``lines`` joined by newlines, one paragraph block per line;
    ``companions`` name the files lying beside it (as ingest hands them over)."""
    line_list = lines.split("\n") if isinstance(lines, str) else list(lines)
    text = "\n".join(line_list)
    spans, position = [], 0
    for line in line_list:
        spans.append((position, position + len(line)))
        position += len(line) + 1
    raw = RawDocument(path=path, format="txt", blocks=tuple(Block("para", line, page=1) for line in line_list),
                      companions=tuple(Companion(name, "sibling") for name in companions))
    doc = Document(raw=raw, text=text, original=text, offset_map=tuple(range(len(text) + 1)),
                   block_spans=tuple(spans))
    structure = Structure({
        name: tuple(_span(doc, needle, name) for needle in ((covered,) if isinstance(covered, str) else covered))
        for name, covered in (elements or {}).items()
    })
    made = fields if isinstance(fields, Fields) else fields_from_mapping(fields or {}, text)
    steps = tuple(s if isinstance(s, ApprovalStep) else approval_step(s) for s in approval)
    if steps:
        made = dataclasses.replace(made, approval=steps)
    return dataclasses.replace(doc, structure=structure, fields=made,
                               approval_source="sidecar" if steps else None)


def document_from_example(example: Example, path: str = "example.txt") -> Document:
    _check_companion_names(example, Path(path).name)
    return build_document(example.text, example.fields, example.elements, example.approval, path=path,
                          companions=example.companions)


def example_document(example: Example, name: str = "example") -> Document:
    """The example as the document ``NAME.txt``, its companion files beside it."""
    return document_from_example(example, path=f"{name}.txt")


def write_example(example: Example, folder: Path, name: str) -> Path:
    """Write the example's text to ``folder/NAME.txt`` with its companion files (empty) beside it."""
    document = folder / f"{name}.txt"
    _check_companion_names(example, document.name)
    document.write_text(example.text, encoding="utf-8")
    for companion in example.companions:
        (folder / companion).touch()
    return document


def _check_companion_names(example: Example, document_name: str) -> None:
    clash = [companion for companion in example.companions if companion == document_name]
    if clash:
        raise ValueError(f"随附文件名与文档同名：{clash[0]}")


def roster_from_example(example: Example) -> Roster | None:
    if not example.roster:
        return None
    government = example.roster.get("government", "")
    people = tuple(
        Person(name=p["name"], post=p["post"], organ=p.get("organ") or government,
               areas=tuple(p.get("areas") or ()), departments=tuple(p.get("departments") or ()))
        for p in example.roster.get("people", ())
    )
    return Roster(government=government, people=people)


def fields_from_mapping(data: Mapping[str, Any], text: str = "") -> Fields:
    unknown = sorted(set(data) - _FIELD_NAMES)
    if unknown:
        raise ValueError(f"未知字段 {'、'.join(unknown)}（可用：{'、'.join(sorted(_FIELD_NAMES))}）")
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name in _TUPLE_FIELDS:
            values[name] = (value,) if isinstance(value, str) else tuple(value or ())
        elif name == "contact":
            values[name] = Contact(**value) if value else None
        elif name == "request_items":
            values[name] = tuple(_request_item(item, text) for item in value or ())
        elif name == "approval":
            values[name] = tuple(approval_step(step) for step in value or ())
        else:
            values[name] = value
    return Fields(**values)


def approval_step(step: Mapping[str, Any]) -> ApprovalStep:
    unknown = sorted(set(step) - _STEP_KEYS)
    if unknown:
        raise ValueError(f"签批环节含未知的键 {'、'.join(unknown)}（可用：{'、'.join(sorted(_STEP_KEYS))}）")
    values = dict(step)
    if isinstance(values.get("date"), dt.date):
        values["date"] = values["date"].isoformat()
    return ApprovalStep(**values)


def _request_item(item: str | Mapping[str, Any], text: str) -> RequestItem:
    phrase = item if isinstance(item, str) else item["text"]
    start = text.find(phrase)
    if start < 0:
        raise ValueError(f"请求事项“{phrase}”在正文中找不到")
    return RequestItem(phrase, start, start + len(phrase))


def _span(doc: Document, needle: str, element: str) -> Span:
    start = doc.text.find(needle)
    if start < 0:
        raise ValueError(f"结构要素 {element} 标注的文字在正文中找不到：“{needle[:30]}”")
    return doc.span(start, start + len(needle))

"""The stable JSON shape documented in README.md."""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from gongwen.pipeline.model import ApprovalStep, Contact, DocResult, Fields, Finding, Provenance, RequestItem
from gongwen.pipeline.paths import shown
from gongwen.reports.base import ReportContext, emitter


def fields_to_dict(fields: Fields | None) -> dict | None:
    """The field values (their provenance is ``provenance_to_dict``'s)."""
    if fields is None:
        return None
    values = json.loads(json.dumps(dataclasses.asdict(fields), ensure_ascii=False))
    values.pop("provenance")
    return values


def provenance_to_dict(fields: Fields | None) -> dict | None:
    """Per non-empty field: {producer, confidence, start, end} (offsets into the text as written)."""
    if fields is None:
        return None
    return {name: dataclasses.asdict(entry) for name, entry in fields.provenance.items()}


def fields_from_dict(data: dict) -> Fields:
    """The inverse of fields_to_dict (for results read back from the store); unknown keys are ignored."""
    known = {f.name for f in dataclasses.fields(Fields)}
    values = {key: value for key, value in data.items() if key in known}
    values["contact"] = Contact(**data["contact"]) if data.get("contact") else None
    values["request_items"] = tuple(RequestItem(**item) for item in data.get("request_items") or ())
    values["approval"] = tuple(ApprovalStep(**step) for step in data.get("approval") or ())
    values["provenance"] = {name: Provenance(**entry) for name, entry in (data.get("provenance") or {}).items()}
    for name in ("issuer", "signer", "recipients", "cc", "attachments"):
        values[name] = tuple(data.get(name) or ())
    return Fields(**values)


def finding_to_dict(finding: Finding) -> dict:
    return dataclasses.asdict(finding)


def result_to_dict(result: DocResult) -> dict:
    return {
        "path": shown(result.path),
        "format": result.format,
        "status": result.status,
        "sha256": result.sha256 or None,
        "error": dataclasses.asdict(result.error) if result.error else None,
        "fields": fields_to_dict(result.fields),
        "provenance": provenance_to_dict(result.fields),
        "findings": [finding_to_dict(finding) for finding in result.findings],
        "entities": [dataclasses.asdict(entity) for entity in result.entities],
    }


def report_dict(results: Sequence[DocResult], context: ReportContext) -> dict:
    report = {
        "tool": {"name": "gongwen", "version": context.tool_version},
        "documents": [result_to_dict(result) for result in results],
    }
    if context.pack is not None:
        report["pack"] = {"name": context.pack.name, "version": context.pack.version}
    unused = context.extra.get("unused_suppressions")
    if unused:
        report["unused_suppressions"] = [dataclasses.asdict(suppression) for suppression in unused]
    return report


@emitter("json")
def render_json(results: Sequence[DocResult], context: ReportContext) -> str:
    return json.dumps(report_dict(results, context), ensure_ascii=False, indent=2) + "\n"

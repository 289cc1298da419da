"""SARIF 2.1.0, in the subset GitHub code scanning accepts.

Positions are Unicode code points (``columnKind: unicodeCodePoints``) into the document text as
written (``Document.original``: blocks joined by newlines), which is what findings' offsets index.
When the caller did not keep the document text, lines cannot be counted: the region then carries
``startLine: 1`` only (GitHub needs a start line), and the exact offsets travel in the result's
``properties`` instead of ``charOffset``, because a region's line and character properties must
describe the same text.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from gongwen.pipeline.model import DocResult, Finding
from gongwen.pipeline import paths
from gongwen.reports.base import ReportContext, emitter
from gongwen.reports.common import base_directory, escape_markdown, line_column, relative_path, source_label

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT_KEY = "gongwenFinding/v1"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str, base_dir: Path) -> dict:
    relative = relative_path(path, base_dir)
    if relative is None:
        return {"uri": paths.absolute(path).as_uri()}  # percent-encodes the name's exact bytes
    return {"uri": quote(paths.fs_bytes(relative), safe="/"), "uriBaseId": SOURCE_ROOT}


def text_region(text: str, start: int, end: int) -> dict:
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    start_line, start_column = line_column(text, start)
    end_line, end_column = line_column(text, end)
    return {
        "startLine": start_line, "startColumn": start_column,
        "endLine": end_line, "endColumn": end_column,
        "charOffset": start, "charLength": end - start,
    }


def rule_name(rule_id: str) -> str:
    """"request.one-matter" -> "RequestOneMatter" (SARIF's friendly name)."""
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", rule_id) if part)


EXAMPLE_LIMIT = 200


def _example_text(example) -> str:
    """A rule-doc example in one line: its text, or the extracted facts it stands for."""
    if isinstance(example, str):
        text = example
    elif getattr(example, "text", ""):
        text = example.text
    else:
        text = "；".join(f"{key}：{value}" for key, value in sorted(getattr(example, "fields", {}).items()))
    text = " ".join(text.split())
    if len(text) > EXAMPLE_LIMIT:
        text = text[:EXAMPLE_LIMIT] + "…"
    note = getattr(example, "note", None)
    return f"{text}（{note}）" if note else text


def _examples(value) -> list[str]:
    if not value:
        return []
    return [_example_text(value)] if isinstance(value, str) else [_example_text(example) for example in value]


def _rule_help(rule) -> tuple[str, str]:
    """The rule doc as plain text and as Markdown: what, why, basis, bad and good examples."""
    doc = rule.doc
    basis = source_label(rule.source)
    text_parts = [doc.what, f"原因：{doc.why}"]
    markdown_parts = [escape_markdown(doc.what), f"**原因**：{escape_markdown(doc.why)}"]
    if basis:
        text_parts.append(f"依据：{basis}")
        markdown_parts.append(f"**依据**：{escape_markdown(basis)}")
    for title, examples in (("不合规示例", _examples(doc.fail)), ("合规示例", _examples(doc.pass_))):
        if examples:
            text_parts.append(f"{title}：" + "；".join(examples))
            markdown_parts.append(f"**{title}**：\n\n" + "\n".join(f"- {escape_markdown(e)}" for e in examples))
    return "\n".join(text_parts), "\n\n".join(markdown_parts)


def rule_descriptor(rule_id: str, rule, first_finding: Finding | None) -> dict:
    """A reportingDescriptor from the pack's rule, or a minimal one for a rule outside the pack."""
    if rule is None:
        severity = first_finding.severity if first_finding else "warning"
        return {
            "id": rule_id,
            "name": rule_name(rule_id),
            "shortDescription": {"text": f"gongwen 规则 {rule_id}"},
            "defaultConfiguration": {"level": SARIF_LEVELS[severity]},
        }
    help_text, help_markdown = _rule_help(rule)
    return {
        "id": rule_id,
        "name": rule_name(rule_id),
        "shortDescription": {"text": rule.doc.what},
        "fullDescription": {"text": f"{rule.doc.what}\n{rule.doc.why}"},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
    }


def _rules(results: Sequence[DocResult], context: ReportContext) -> tuple[list[dict], dict[str, int]]:
    pack_rules = dict(getattr(context.pack, "rules", None) or {})
    first_findings: dict[str, Finding] = {}
    for result in results:
        for finding in result.findings:
            first_findings.setdefault(finding.rule, finding)
    listed = {rule_id for rule_id, rule in pack_rules.items() if getattr(rule, "status", "stable") != "removed"}
    rule_ids = sorted(listed | set(first_findings))
    descriptors = [rule_descriptor(rule_id, pack_rules.get(rule_id), first_findings.get(rule_id))
                   for rule_id in rule_ids]
    return descriptors, {rule_id: index for index, rule_id in enumerate(rule_ids)}


def _message(finding: Finding) -> str:
    text = finding.message
    if finding.source:
        text += f"（依据：{source_label(finding.source)}）"
    if finding.suggestion:
        text += f" 建议：{finding.suggestion}"
    return text


def _fingerprint(uri: str, finding: Finding, occurrence: int) -> str:
    # The excerpt, not the position, so an alert survives edits elsewhere in the document; the
    # occurrence number keeps two identical findings in one file apart.
    key = "\0".join((uri, finding.rule, finding.excerpt or finding.message, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _result(result: DocResult, finding: Finding, rule_index: int, base_dir: Path, occurrence: int) -> dict:
    location = artifact_location(result.path, base_dir)
    properties: dict = {}
    if finding.location is None:
        region = {"startLine": 1}
    elif result.document is not None:
        region = text_region(result.document.original, finding.location.start, finding.location.end)
    else:
        region = {"startLine": 1}
        properties.update(charOffset=finding.location.start,
                          charLength=max(0, finding.location.end - finding.location.start))
    if finding.excerpt:
        properties["excerpt"] = finding.excerpt
    if finding.suggestion:
        properties["suggestion"] = finding.suggestion
    if finding.pack:
        properties["pack"] = finding.pack
    if finding.evidence:  # the fields the finding rests on, as in the JSON report
        properties["evidence"] = [dataclasses.asdict(item) for item in finding.evidence]
    sarif_result = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": SARIF_LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(location["uri"], finding, occurrence)},
    }
    if properties:
        sarif_result["properties"] = properties
    return sarif_result


def sarif_log(results: Sequence[DocResult], context: ReportContext) -> dict:
    base_dir = base_directory(context)
    descriptors, rule_indexes = _rules(results, context)
    sarif_results = []
    notifications = []
    for result in results:
        if result.status == "error":
            notifications.append({
                "level": "error",
                "message": {"text": result.error.message},
                "descriptor": {"id": result.error.code},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(result.path, base_dir)}}],
            })
            continue
        seen: Counter[tuple[str, str]] = Counter()
        for finding in result.findings:
            identity = (finding.rule, finding.excerpt or finding.message)
            seen[identity] += 1
            sarif_results.append(_result(result, finding, rule_indexes[finding.rule], base_dir, seen[identity]))
    driver: dict = {"name": "gongwen", "version": context.tool_version}
    if descriptors:
        driver["rules"] = descriptors
    invocation: dict = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }


@emitter("sarif")
def render_sarif(results: Sequence[DocResult], context: ReportContext) -> str:
    return json.dumps(sarif_log(results, context), ensure_ascii=False, indent=2) + "\n"

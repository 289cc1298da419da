"""A terminal summary a clerk can read at a glance."""
from __future__ import annotations

from collections.abc import Sequence

import click

from gongwen.pipeline.model import SEVERITY_LABELS, DocResult, Fields
from gongwen.pipeline.paths import shown
from gongwen.reports.base import ReportContext, emitter
from gongwen.reports.common import EVIDENCE_LABEL, evidence_text, place_label, provenance_note, summary_line

SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _join(values: Sequence[str]) -> str:
    return "、".join(values) if values else "—"


def _field_lines(fields: Fields) -> list[str]:
    """Each field with how it was read: "标题：关于…的请示（版式识别，可信度 92%）"."""
    def line(label: str, name: str, value: str) -> str:
        if not value or value == "—":
            return f"{label}：—"
        return f"{label}：{value}{provenance_note(name, fields.provenance.get(name))}"

    lines = [
        line("文种", "doc_type", fields.doc_type or ""),
        line("标题", "title", fields.title or ""),
        line("发文机关", "issuer", _join(fields.issuer)),
        line("发文字号", "doc_number", fields.doc_number or ""),
        line("签发人", "signer", _join(fields.signer)),
        line("成文日期", "date", fields.date or ""),
        line("主送机关", "recipients", _join(fields.recipients)),
    ]
    if fields.cc:
        lines.append(line("抄送机关", "cc", _join(fields.cc)))
    if fields.request_items:
        lines.append(line("请示事项", "request_items", f"{len(fields.request_items)} 项"))
        lines.extend(f"  {index}. {item.subject}（原文：{item.text}）" if item.subject else f"  {index}. {item.text}"
                     for index, item in enumerate(fields.request_items, 1))
    if fields.approval:
        steps = "；".join(
            f"{step.role} {step.name or '?'}" + (f"（{step.post}）" if step.post else "")
            for step in fields.approval
        )
        lines.append(line("审批记录", "approval", steps))
    return lines


def _style(text: str, context: ReportContext, **style) -> str:
    return click.style(text, **style) if context.color else text


@emitter("text")
def render_text(results: Sequence[DocResult], context: ReportContext) -> str:
    out: list[str] = []
    for result in results:
        if result.status == "error":
            out.append(_style(f"✗ {shown(result.path)}", context, fg="red", bold=True))
            out.append(f"    [{result.error.code}] {result.error.message}")
            continue
        severities = {finding.severity for finding in result.findings}
        if "error" in severities:
            out.append(_style(f"✗ {shown(result.path)}", context, fg="red", bold=True))
        elif "warning" in severities:
            out.append(_style(f"⚠ {shown(result.path)}", context, fg="yellow", bold=True))
        else:
            out.append(_style(f"✓ {shown(result.path)}", context, bold=True))
        if context.command == "extract":
            out.extend(f"    {line}" for line in _field_lines(result.fields))
        for finding in result.findings:
            label = SEVERITY_LABELS[finding.severity]
            head = _style(f"{label} {finding.rule}", context, fg=SEVERITY_COLORS[finding.severity])
            out.append(f"    {head} {place_label(finding)} {finding.message}")
            if finding.excerpt:
                out.append(f"        原文：{finding.excerpt}")
            if finding.suggestion:
                out.append(f"        建议：{finding.suggestion}")
            if finding.source:
                out.append(f"        依据：{finding.source.document}{finding.source.article or ''}")
            if finding.evidence:
                out.append(f"        {EVIDENCE_LABEL}：{evidence_text(finding, result.document)}")
    out.append("")
    out.append(summary_line(results))
    return "\n".join(out) + "\n"

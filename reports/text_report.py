"""A terminal summary a clerk can read at a glance."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import click

from gongwen.pipeline.model import SEVERITY_LABELS, DocResult, Fields
from gongwen.pipeline.paths import shown
from gongwen.reports.base import ReportContext, emitter

SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _join(values: Sequence[str]) -> str:
    return "、".join(values) if values else "—"


def _field_lines(fields: Fields) -> list[str]:
    lines = [
        f"文种：{fields.doc_type or '—'}",
        f"标题：{fields.title or '—'}",
        f"发文机关：{_join(fields.issuer)}",
        f"发文字号：{fields.doc_number or '—'}",
        f"签发人：{_join(fields.signer)}",
        f"成文日期：{fields.date or '—'}",
        f"主送机关：{_join(fields.recipients)}",
    ]
    if fields.cc:
        lines.append(f"抄送机关：{_join(fields.cc)}")
    if fields.request_items:
        lines.append(f"请示事项：{len(fields.request_items)} 项")
        lines.extend(f"  {index}. {item.text}" for index, item in enumerate(fields.request_items, 1))
    if fields.approval:
        steps = "；".join(
            f"{step.role} {step.name or '?'}" + (f"（{step.post}）" if step.post else "")
            for step in fields.approval
        )
        lines.append(f"审批记录：{steps}")
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
        out.append(_style(f"✓ {shown(result.path)}", context, bold=True))
        if context.command == "extract":
            out.extend(f"    {line}" for line in _field_lines(result.fields))
        for finding in result.findings:
            label = SEVERITY_LABELS[finding.severity]
            where = f"第{finding.location.block + 1}段" if finding.location and finding.location.block is not None else ""
            head = _style(f"{label} {finding.rule}", context, fg=SEVERITY_COLORS[finding.severity])
            out.append(f"    {head} {where} {finding.message}")
            if finding.source:
                out.append(f"        依据：{finding.source.document}{finding.source.article or ''}")
    out.append("")
    out.append(summary_line(results))
    return "\n".join(out) + "\n"


def summary_line(results: Sequence[DocResult]) -> str:
    severities = Counter(finding.severity for result in results for finding in result.findings)
    failed = sum(1 for result in results if result.status == "error")
    line = f"共 {len(results)} 份文件：成功 {len(results) - failed} 份，无法处理 {failed} 份"
    if severities:
        parts = "，".join(f"{SEVERITY_LABELS[s]} {severities[s]} 条" for s in ("error", "warning", "info") if severities[s])
        line += f"；发现问题：{parts}"
    return line + "。"

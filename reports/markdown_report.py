"""A Markdown report (for wikis, merge requests and the GitHub step summary)."""
from __future__ import annotations

from collections.abc import Sequence

from gongwen.pipeline.model import SEVERITY_LABELS, DocResult, Fields, Finding
from gongwen.pipeline.paths import shown
from gongwen.reports.base import ReportContext, emitter
from gongwen.reports.common import (escape_markdown, finding_details, location_label, markdown_table,
                                    overview_table, rule_code, summary_line)


def _field_rows(fields: Fields) -> list[list[str]]:
    return [
        ["文种", escape_markdown(fields.doc_type)],
        ["标题", escape_markdown(fields.title)],
        ["发文机关", escape_markdown("、".join(fields.issuer))],
        ["发文字号", escape_markdown(fields.doc_number)],
        ["成文日期", escape_markdown(fields.date_text or fields.date)],
    ]


def _finding_lines(number: int, finding: Finding, result: DocResult) -> list[str]:
    head = (f"{number}. **{SEVERITY_LABELS[finding.severity]}** {rule_code(finding.rule)}"
            f"（{escape_markdown(location_label(finding))}）：{escape_markdown(finding.message)}")
    details = finding_details(finding, result.document)
    return [head, *(f"   - {label}：{escape_markdown(text)}" for label, text in details)]


def _document_section(index: int, result: DocResult, context: ReportContext) -> list[str]:
    lines = [f"## {index}. {escape_markdown(shown(result.path))}", ""]
    if result.status == "error":
        error = result.error
        lines += [f"**无法处理**（{escape_markdown(error.code)}）：{escape_markdown(error.message)}", ""]
        return lines
    if result.fields is not None:
        lines += markdown_table(["要素", "内容"], _field_rows(result.fields), ["---", "---"])
        lines.append("")
    if result.findings:
        lines += [f"### 发现问题 {len(result.findings)} 条", ""]
        for number, finding in enumerate(result.findings, 1):
            lines += _finding_lines(number, finding, result)
        lines.append("")
    elif context.command == "check":
        lines += ["未发现问题。", ""]
    return lines


def _heading(context: ReportContext) -> list[str]:
    title = "公文审查报告" if context.command == "check" else "公文要素提取报告"
    meta = f"gongwen {escape_markdown(context.tool_version)}"
    if context.pack is not None:
        meta += f" · 规则包 {escape_markdown(context.pack.name)} {escape_markdown(str(context.pack.version))}"
    return [f"# {title}", "", meta, ""]


@emitter("md")
def render_markdown(results: Sequence[DocResult], context: ReportContext) -> str:
    lines = _heading(context)
    lines += ["## 概览", "", *overview_table(results), "", summary_line(results), ""]
    for index, result in enumerate(results, 1):
        lines += _document_section(index, result, context)
    return "\n".join(lines).rstrip("\n") + "\n"

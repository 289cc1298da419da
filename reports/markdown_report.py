"""A Markdown report (for wikis, merge requests and the GitHub step summary).

Also home of the wording every human-facing emitter shares (location, source, severity counts), so
the Markdown, HTML, JUnit, GitHub and Word outputs describe a finding the same way.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from gongwen.pipeline.model import DocResult, Fields, Finding, Source
from gongwen.pipeline.paths import shown
from gongwen.reports.base import ReportContext, emitter
from gongwen.reports.text_report import SEVERITY_LABELS, summary_line

SEVERITIES = ("error", "warning", "info")

# CommonMark backslash-escapes these; the ones that can start a link, emphasis, code span,
# strikethrough or table cell anywhere in a line are enough since every value is written after a
# prefix on a single line.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]+")
_SAFE_RULE_ID = re.compile(r"^[A-Za-z0-9._-]+$")


def location_label(finding: Finding) -> str:
    """Where a finding sits, for people: "第2页第3段 [120:168]", or "全文" when it has no place."""
    location = finding.location
    if location is None:
        return "全文"
    place = ""
    if location.page is not None:
        place += f"第{location.page}页"
    if location.block is not None:
        place += f"第{location.block + 1}段"
    return f"{place} [{location.start}:{location.end}]".strip()


def source_label(source: Source | None) -> str:
    """The rule's basis: "《东安区人民政府工作规则》第五十八条：“…”"."""
    if source is None:
        return ""
    label = source.document + (source.article or "")
    if source.quote:
        label += f"：“{source.quote}”"
    return label


def finding_details(finding: Finding) -> list[tuple[str, str]]:
    """The labelled details the line-based formats print under a finding: 原文, 依据, 建议."""
    details = []
    if finding.excerpt:
        details.append(("原文", f"“{finding.excerpt}”"))
    if finding.source:
        details.append(("依据", source_label(finding.source)))
    if finding.suggestion:
        details.append(("建议", finding.suggestion))
    return details


def severity_counts(findings: Iterable[Finding]) -> Counter[str]:
    return Counter(finding.severity for finding in findings)


def escape_markdown(text: str | None) -> str:
    """Make untrusted document text inert in Markdown: no markup, no HTML, one line."""
    if not text:
        return ""
    flat = _LINE_BREAKS.sub(" ", text)
    flat = "".join(_HTML_SPECIAL.get(char, char) for char in flat)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat).strip()


def _rule_code(rule: str) -> str:
    return f"`{rule}`" if _SAFE_RULE_ID.match(rule) else escape_markdown(rule)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], align: Sequence[str]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines.extend("| " + " | ".join(cell or "—" for cell in row) + " |" for row in rows)
    return lines


def _status_cell(result: DocResult) -> str:
    if result.status == "error":
        return f"无法处理（{escape_markdown(result.error.code)}）"
    return "已处理"


def overview_table(results: Sequence[DocResult]) -> list[str]:
    """One row per document: status and how many findings of each severity."""
    rows = []
    for result in results:
        counts = severity_counts(result.findings)
        if result.status == "error":
            numbers = ["—"] * len(SEVERITIES)
        else:
            numbers = [str(counts[severity]) for severity in SEVERITIES]
        rows.append([escape_markdown(shown(result.path)), _status_cell(result), *numbers])
    header = ["文件", "状态", *(SEVERITY_LABELS[severity] for severity in SEVERITIES)]
    return _table(header, rows, ["---", "---", "---:", "---:", "---:"])


def findings_table(results: Sequence[DocResult]) -> list[str]:
    """Every finding of every document as one table row (the GitHub step summary uses it)."""
    rows = []
    for result in results:
        if result.status == "error":
            rows.append([escape_markdown(shown(result.path)), "—", "无法处理", "—",
                         escape_markdown(result.error.message), "—"])
        for finding in result.findings:
            rows.append([
                escape_markdown(shown(result.path)),
                escape_markdown(location_label(finding)),
                SEVERITY_LABELS[finding.severity],
                _rule_code(finding.rule),
                escape_markdown(finding.message),
                escape_markdown(source_label(finding.source)),
            ])
    return _table(["文件", "位置", "级别", "规则", "问题", "依据"], rows, ["---"] * 6)


def _field_rows(fields: Fields) -> list[list[str]]:
    return [
        ["文种", escape_markdown(fields.doc_type)],
        ["标题", escape_markdown(fields.title)],
        ["发文机关", escape_markdown("、".join(fields.issuer))],
        ["发文字号", escape_markdown(fields.doc_number)],
        ["成文日期", escape_markdown(fields.date_text or fields.date)],
    ]


def _finding_lines(number: int, finding: Finding) -> list[str]:
    head = (f"{number}. **{SEVERITY_LABELS[finding.severity]}** {_rule_code(finding.rule)}"
            f"（{escape_markdown(location_label(finding))}）：{escape_markdown(finding.message)}")
    return [head, *(f"   - {label}：{escape_markdown(text)}" for label, text in finding_details(finding))]


def _document_section(index: int, result: DocResult, context: ReportContext) -> list[str]:
    lines = [f"## {index}. {escape_markdown(shown(result.path))}", ""]
    if result.status == "error":
        error = result.error
        lines += [f"**无法处理**（{escape_markdown(error.code)}）：{escape_markdown(error.message)}", ""]
        return lines
    if result.fields is not None:
        lines += _table(["要素", "内容"], _field_rows(result.fields), ["---", "---"])
        lines.append("")
    if result.findings:
        lines += [f"### 发现问题 {len(result.findings)} 条", ""]
        for number, finding in enumerate(result.findings, 1):
            lines += _finding_lines(number, finding)
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

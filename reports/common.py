"""The wording every human-facing report shares, so the terminal text, Markdown, HTML, JUnit, GitHub
and Word outputs describe a finding the same way: its place, its basis, the fields it rests on and
how surely they were read, the severity counts and the summary line. Emitters import from here and
from ``base`` only, never from one another.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from gongwen.pipeline.model import SEVERITY_LABELS, DocResult, Document, Evidence, Finding, Provenance, Source
from gongwen.pipeline import paths
from gongwen.pipeline.paths import shown
from gongwen.reports.base import ReportContext
from gongwen.validators.engine import FIELD_NAMES, confidence_threshold

SEVERITIES = ("error", "warning", "info")

# What read a field (``Provenance.producer``), as a clerk would say it; ``labeller:<element>`` is
# the layout reading of any GB/T 9704 element.
PRODUCER_LABELS = {
    "page_metadata": "网页信息栏",
    "front_matter": "文件头信息",
    "doc_type:title": "标题中的文种",
    "doc_type:title_alias": "标题中的文种别称",
    "doc_type:heading": "页首的材料名称",
    "doc_type:title_component": "标题中的复合文种",
    "doc_type:title_first_component": "标题中复合文种的第一个",
    "doc_type:body_phrases": "正文用语推断",
    "doc_type:body_phrases_weak": "正文用语推断，依据较弱",
    "request_items": "正文识别",
    "approval:sidecar": "签批记录文件",
    "approval:table": "发文稿纸表格",
    "approval:text": "正文中的签批记录",
}
LAYOUT_PRODUCER = "labeller:"
LAYOUT_LABEL = "版式识别"
UNKNOWN_PRODUCER_LABEL = "自动识别"
EVIDENCE_LABEL = "所据要素"  # the detail label under a finding (依据 is the rule's clause)

# CommonMark backslash-escapes these; the ones that can start a link, emphasis, code span,
# strikethrough or table cell anywhere in a line are enough since every value is written after a
# prefix on a single line.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]+")
_SAFE_RULE_ID = re.compile(r"^[A-Za-z0-9._-]+$")


def field_name(field: str) -> str:
    """The Chinese name of a ``Fields`` attribute (文种, 主送机关 …)."""
    return FIELD_NAMES.get(field, field)


def producer_label(producer: str) -> str:
    """What read a field, in Chinese: "labeller:title" -> 版式识别, "approval:sidecar" -> 签批记录文件."""
    if producer.startswith(LAYOUT_PRODUCER):
        return LAYOUT_LABEL
    return PRODUCER_LABELS.get(producer, UNKNOWN_PRODUCER_LABEL)


def is_unsure(field: str, confidence: float | None) -> bool:
    """Read below the threshold under which the engine makes a finding on it only 疑似."""
    return confidence is not None and confidence < confidence_threshold(field)


def reading_note(producer: str, confidence: float) -> str:
    """"版式识别，可信度 92%"."""
    return f"{producer_label(producer)}，可信度 {confidence:.0%}"


def provenance_note(field: str, provenance: Provenance | None) -> str:
    """How a field was read, to follow its value: "（版式识别，可信度 92%）", with 未能可靠识别 where
    it was read below its threshold; "" where its provenance is unknown."""
    if provenance is None:
        return ""
    unsure = "，未能可靠识别" if is_unsure(field, provenance.confidence) else ""
    return f"（{reading_note(provenance.producer, provenance.confidence)}{unsure}）"


def _block_starts(document: Document) -> list[int]:
    """Where each block starts in ``document.original`` (blocks joined by newlines)."""
    starts, offset = [], 0
    for block in document.raw.blocks:
        starts.append(offset)
        offset += len(block.text) + 1
    return starts


def paragraph_label(document: Document | None, offset: int | None,
                    starts: list[int] | None = None) -> str:
    """"第2页第3段" for an offset into ``document.original``; "" without the document text."""
    if document is None or offset is None or not document.raw.blocks:
        return ""
    block = max(0, bisect_right(starts if starts is not None else _block_starts(document), offset) - 1)
    page = document.raw.blocks[block].page
    return (f"第{page}页" if page is not None else "") + f"第{block + 1}段"


def evidence_label(item: Evidence, document: Document | None = None, starts: list[int] | None = None) -> str:
    """One field a finding rests on, for a clerk: "标题（第2段，版式识别，可信度 92%）"; one read
    below its threshold says so first: "文种未能可靠识别（正文用语推断（依据较弱），可信度 40%）";
    an empty field: "签发人（未找到）"."""
    name = field_name(item.field)
    if item.producer is None or item.confidence is None:
        return f"{name}（未找到）"
    place = paragraph_label(document, item.start, starts)
    note = "，".join(filter(None, (place, reading_note(item.producer, item.confidence))))
    if is_unsure(item.field, item.confidence):
        return f"{name}未能可靠识别（{note}）"
    return f"{name}（{note}）"


def evidence_labels(finding: Finding, document: Document | None = None) -> list[tuple[str, bool]]:
    """(label, read unsurely) for each field ``finding`` rests on, fields named once."""
    starts = _block_starts(document) if document is not None else None
    seen: dict[str, tuple[str, bool]] = {}
    for item in finding.evidence:
        label = (evidence_label(item, document, starts), is_unsure(item.field, item.confidence))
        seen.setdefault(label[0], label)
    return list(seen.values())


def evidence_text(finding: Finding, document: Document | None = None) -> str:
    """The fields a finding rests on, in one line: "标题（…）；文种（…）"."""
    return "；".join(label for label, _ in evidence_labels(finding, document))


def base_directory(context: ReportContext) -> Path:
    """The root that reported paths are relative to (the repository in CI)."""
    return Path(context.extra.get("base_dir") or os.getcwd()).resolve()


def relative_path(path: str, base_dir: Path) -> str | None:
    """``path`` relative to ``base_dir`` in POSIX form, or None when it lies outside (links are not
    followed: a finding is reported where the file was found, and a link loop cannot raise)."""
    relative = paths.relative_to(path, base_dir)
    return relative.as_posix() if relative is not None else None


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of ``offset`` in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def place_label(finding: Finding) -> str:
    """Where a finding sits on the page: "第2页第3段", "第3段", or "" when it has no place."""
    location = finding.location
    if location is None:
        return ""
    place = ""
    if location.page is not None:
        place += f"第{location.page}页"
    if location.block is not None:
        place += f"第{location.block + 1}段"
    return place


def location_label(finding: Finding) -> str:
    """Where a finding sits, for people: "第2页第3段 [120:168]", or "全文" when it has no place."""
    location = finding.location
    if location is None:
        return "全文"
    return f"{place_label(finding)} [{location.start}:{location.end}]".strip()


def source_label(source: Source | None) -> str:
    """The rule's basis: "《东安区人民政府工作规则》第五十八条：“…”"."""
    if source is None:
        return ""
    label = source.document + (source.article or "")
    if source.quote:
        label += f"：“{source.quote}”"
    return label


def finding_details(finding: Finding, document: Document | None = None) -> list[tuple[str, str]]:
    """The labelled details the line-based formats print under a finding: 原文, 依据, 所据要素, 建议."""
    details = []
    if finding.excerpt:
        details.append(("原文", f"“{finding.excerpt}”"))
    if finding.source:
        details.append(("依据", source_label(finding.source)))
    if finding.evidence:
        details.append((EVIDENCE_LABEL, evidence_text(finding, document)))
    if finding.suggestion:
        details.append(("建议", finding.suggestion))
    return details


def severity_counts(findings: Iterable[Finding]) -> Counter[str]:
    return Counter(finding.severity for finding in findings)


def summary_line(results: Sequence[DocResult]) -> str:
    severities = severity_counts(finding for result in results for finding in result.findings)
    failed = sum(1 for result in results if result.status == "error")
    line = f"共 {len(results)} 份文件：成功 {len(results) - failed} 份，无法处理 {failed} 份"
    if severities:
        parts = "，".join(f"{SEVERITY_LABELS[s]} {severities[s]} 条" for s in SEVERITIES if severities[s])
        line += f"；发现问题：{parts}"
    return line + "。"


def escape_markdown(text: str | None) -> str:
    """Make untrusted document text inert in Markdown: no markup, no HTML, one line."""
    if not text:
        return ""
    flat = _LINE_BREAKS.sub(" ", text)
    flat = "".join(_HTML_SPECIAL.get(char, char) for char in flat)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat).strip()


def rule_code(rule: str) -> str:
    """A rule id as Markdown code, or escaped text where it is not a plain id."""
    return f"`{rule}`" if _SAFE_RULE_ID.match(rule) else escape_markdown(rule)


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]], align: Sequence[str]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines.extend("| " + " | ".join(cell or "—" for cell in row) + " |" for row in rows)
    return lines


def _status_cell(result: DocResult) -> str:
    if result.status == "error":
        return f"无法处理（{escape_markdown(result.error.code)}）"
    return "已处理"


def overview_table(results: Sequence[DocResult]) -> list[str]:
    """One Markdown row per document: status and how many findings of each severity."""
    rows = []
    for result in results:
        counts = severity_counts(result.findings)
        if result.status == "error":
            numbers = ["—"] * len(SEVERITIES)
        else:
            numbers = [str(counts[severity]) for severity in SEVERITIES]
        rows.append([escape_markdown(shown(result.path)), _status_cell(result), *numbers])
    header = ["文件", "状态", *(SEVERITY_LABELS[severity] for severity in SEVERITIES)]
    return markdown_table(header, rows, ["---", "---", "---:", "---:", "---:"])


def findings_table(results: Sequence[DocResult]) -> list[str]:
    """Every finding of every document as one Markdown row (the GitHub step summary uses it)."""
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
                rule_code(finding.rule),
                escape_markdown(finding.message),
                escape_markdown(source_label(finding.source)),
            ])
    return markdown_table(["文件", "位置", "级别", "规则", "问题", "依据"], rows, ["---"] * 6)


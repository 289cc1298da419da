"""One self-contained HTML file: each document's text with its findings highlighted in place.

Nothing is fetched from the network (inline CSS, a few lines of inline script for the filters), so
the file can be mailed or archived as is. All document text goes through jinja2's autoescaping.

Overlapping findings are merged rather than nested: the text is cut at every finding boundary, and
each piece is marked with all the findings covering it (its colour is the most severe one), so the
markup stays well formed whatever the overlaps.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from heapq import heappop, heappush

from jinja2 import Environment, PackageLoader, StrictUndefined

from gongwen.pipeline.model import SEVERITY_LABELS, DocResult, Document, Finding
from gongwen.pipeline.paths import shown
from gongwen.reports.base import ReportContext, emitter
from gongwen.reports.common import (SEVERITIES, evidence_labels, location_label, severity_counts, source_label,
                                    summary_line)

BLOCK_LABELS = {"header": "页眉", "footer": "页脚", "textbox": "文本框", "table_row": "表格"}
_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}

_environment = Environment(
    loader=PackageLoader("gongwen.reports", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
)
_environment.filters["shown"] = shown  # paths as people read them (pipeline.paths)


@dataclass
class Piece:
    """A stretch of one block's text and the numbers (1-based, in list order) of the findings
    covering it; ``refs`` are the findings whose footnote link follows the piece (those ending here,
    and those with no width sitting here)."""

    text: str
    numbers: tuple[int, ...] = ()
    severity: str | None = None
    title: str = ""
    rules: str = ""  # the covering findings' rule ids, space-separated
    refs: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class BlockView:
    label: str | None
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class FindingView:
    number: int
    finding: Finding
    severity_label: str
    location: str
    source: str
    rule_doc: object | None
    in_text: bool  # has a footnote link in the highlighted text to return to
    evidence: list[tuple[str, bool]]  # the fields it rests on: (label, read unsurely)


@dataclass(frozen=True)
class DocumentView:
    anchor: str
    result: DocResult
    group: str  # "error" | "findings" | "clean"
    status: str
    counts: dict[str, int]
    fields: list[tuple[str, str]]
    blocks: tuple[BlockView, ...] | None
    findings: list[FindingView]


def _block_ranges(document: Document) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every block in ``document.original``."""
    ranges, offset = [], 0
    for block in document.raw.blocks:
        ranges.append((offset, offset + len(block.text), block.kind))
        offset += len(block.text) + 1
    if offset - 1 != len(document.original):  # blocks and original disagree: fall back to lines
        ranges, offset = [], 0
        for line in document.original.split("\n"):
            ranges.append((offset, offset + len(line), "para"))
            offset += len(line) + 1
    return ranges


def _most_severe(findings: Sequence[Finding]) -> str:
    return min((finding.severity for finding in findings), key=_SEVERITY_RANK.__getitem__)


def _highlighted_blocks(text: str, ranges: list[tuple[int, int, str]],
                        findings: Sequence[Finding]) -> tuple[BlockView, ...]:
    """One sweep over the blocks in text order: the findings are sorted by position once, so the
    work grows with blocks + findings + the pieces drawn, never with blocks × findings."""
    spans: list[tuple[int, int, int]] = []  # (start, end, finding number) clamped to the text
    for number, finding in enumerate(findings, 1):
        if finding.location is not None:
            start = max(0, min(finding.location.start, len(text)))
            spans.append((start, max(start, min(finding.location.end, len(text))), number))
    spans.sort()
    span_starts = [start for start, _, _ in spans]
    boundaries = sorted(offset for start, end, _ in spans for offset in (start, end))
    waiting = 0  # spans[waiting:] start after the pieces drawn so far
    open_spans: list[tuple[int, int]] = []  # heap of (end, number) of the spans begun so far
    covering_now: set[int] = set()
    last_piece: dict[int, Piece] = {}
    blocks = []
    for block_start, block_end, kind in ranges:
        inner = boundaries[bisect_right(boundaries, block_start):bisect_left(boundaries, block_end)]
        cuts = sorted({block_start, block_end, *inner})
        pieces: list[tuple[int, Piece]] = []  # (offset where the piece starts, piece)
        for start, end in zip(cuts, cuts[1:]):
            while waiting < len(spans) and spans[waiting][0] <= start:
                heappush(open_spans, (spans[waiting][1], spans[waiting][2]))
                covering_now.add(spans[waiting][2])
                waiting += 1
            while open_spans and open_spans[0][0] < end:  # ends before this piece does: for good
                covering_now.discard(heappop(open_spans)[1])
            covering = tuple(sorted(covering_now))
            covered = [findings[n - 1] for n in covering]
            piece = Piece(text[start:end], covering, _most_severe(covered) if covered else None,
                          "\n".join(f"{finding.rule}：{finding.message}" for finding in covered),
                          " ".join(dict.fromkeys(finding.rule for finding in covered)))
            pieces.append((start, piece))
            last_piece.update((n, piece) for n in covering)
        # Findings of no width (or covering only the line break): a footnote at their place,
        # before the piece starting there.
        points = sorted((start, number) for start, end, number in
                        spans[bisect_left(span_starts, block_start):bisect_right(span_starts, block_end)]
                        if start == end or start == block_end)
        drawn: list[Piece] = []
        next_point = 0
        for offset, piece in pieces:
            while next_point < len(points) and points[next_point][0] <= offset:
                drawn.append(_point(points[next_point][1], last_piece))
                next_point += 1
            drawn.append(piece)
        drawn.extend(_point(number, last_piece) for _, number in points[next_point:])
        blocks.append(BlockView(BLOCK_LABELS.get(kind), tuple(drawn)))
    for number, piece in sorted(last_piece.items()):
        piece.refs.append((number, findings[number - 1].severity))
    return tuple(blocks)


def _point(number: int, last_piece: dict[int, Piece]) -> Piece:
    point = Piece("")
    last_piece[number] = point
    return point


def _group(result: DocResult) -> str:
    if result.status == "error":
        return "error"
    return "findings" if result.findings else "clean"


_GROUP_ORDER = {"error": 0, "findings": 1, "clean": 2}


def _fields(result: DocResult) -> list[tuple[str, str]]:
    fields = result.fields
    if fields is None:
        return []
    return [
        ("文种", fields.doc_type or "—"),
        ("标题", fields.title or "—"),
        ("发文机关", "、".join(fields.issuer) or "—"),
        ("发文字号", fields.doc_number or "—"),
        ("成文日期", fields.date_text or fields.date or "—"),
    ]


_STATUS_LABELS = {
    "check": {"error": "无法处理", "findings": "存在问题", "clean": "未发现问题"},
    "extract": {"error": "无法处理", "findings": "已提取", "clean": "已提取"},
}


def _document_view(index: int, result: DocResult, context: ReportContext, pack_rules: dict) -> DocumentView:
    anchor = f"doc{index}"
    blocks = None
    if result.document is not None:
        blocks = _highlighted_blocks(result.document.original, _block_ranges(result.document), result.findings)
    findings = [
        FindingView(
            number=number,
            finding=finding,
            severity_label=SEVERITY_LABELS[finding.severity],
            location=location_label(finding),
            source=source_label(finding.source),
            rule_doc=getattr(pack_rules.get(finding.rule), "doc", None),
            in_text=blocks is not None and finding.location is not None,
            evidence=evidence_labels(finding, result.document),
        )
        for number, finding in enumerate(result.findings, 1)
    ]
    counts = severity_counts(result.findings)
    group = _group(result)
    status = _STATUS_LABELS.get(context.command, _STATUS_LABELS["check"])[group]
    return DocumentView(anchor, result, group, status, {s: counts[s] for s in SEVERITIES},
                        _fields(result), blocks, findings)


@emitter("html")
def render_html(results: Sequence[DocResult], context: ReportContext) -> str:
    pack_rules = dict(getattr(context.pack, "rules", None) or {})
    views = [_document_view(index, result, context, pack_rules) for index, result in enumerate(results, 1)]
    views.sort(key=lambda view: _GROUP_ORDER[view.group])  # stable: path order within a group
    totals = severity_counts(finding for result in results for finding in result.findings)
    return _environment.get_template("report.html.j2").render(
        title="公文审查报告" if context.command == "check" else "公文要素提取报告",
        context=context,
        documents=views,
        totals={severity: totals[severity] for severity in SEVERITIES} if context.command == "check" else {},
        severity_labels=SEVERITY_LABELS,
        summary=summary_line(results),
        failed=sum(1 for view in views if view.group == "error"),
        with_findings=sum(1 for view in views if view.group == "findings"),
        clean=sum(1 for view in views if view.group == "clean"),
    )

"""The director's nightly report: a self-contained HTML page and an XLSX workbook of the same tables
(reports.mail sends a summary of them with the workbook attached).

Both are built from the store (pipeline.store), so they show the same totals by construction. Days and
weeks (ISO weeks, Monday to Sunday) are the office's, in its time zone, not UTC.
"""
from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from gongwen.pipeline import __version__
from gongwen.pipeline.model import (SEVERITY_LABELS, SEVERITY_RANK, DocError, DocResult, Evidence, Finding, Location,
                                    Source)
from gongwen.pipeline.store import DocumentRow, FindingRow, Store
from gongwen.reports.base import ReportContext
from gongwen.reports.common import place_label
from gongwen.reports.html_report import render_html
from gongwen.reports.json_report import fields_from_dict

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
OFFICE_TIME_ZONE = "Asia/Shanghai"
MISSING = "—"
UNREAD_ISSUER = "（未识别）"
WHOLE_DOCUMENT = "全文"  # where a finding about the document as a whole sits
CHART_DAYS = 31  # the day chart shows the latest month; the table keeps every day
CHART_WEEKS = 26
CHART_DEPARTMENTS = 15
CHART_LABEL_WIDTH = 24  # display_width: 12 Chinese characters
COLUMN_WIDTH_LIMIT = 60  # characters of a Latin font; longer text wraps inside the cell
HEADER_FILL = PatternFill("solid", fgColor="F5EEEE")

# The short Chinese name of each built-in rule, shown beside its id. A rule of a user's pack that is
# not listed here shows by its id alone.
RULE_NAMES = {
    "countersign.missing": "缺少会签",
    "date.format": "成文日期不规范",
    "docnumber.format": "发文字号不规范",
    "doctype.invalid": "文种不规范",
    "length.limit": "字数超出上限",
    "material.sections": "材料要素不全",
    "regulation.creates-power": "规范性文件设定行政权力",
    "regulation.legality-review": "送审稿未见合法性审查记录",
    "regulation.policy-interpretation": "送审稿未附政策解读",
    "regulation.public-consultation": "送审稿未见征求意见记录",
    "report.contains-request": "报告夹带请示事项",
    "request.contact-missing": "请示附注缺少联系人",
    "request.one-matter": "一文多事",
    "request.signer-missing": "签发人标注不规范",
    "request.single-recipient": "多头主送",
    "request.to-individual": "报送领导个人",
    "signature.chain": "签批流程不符合规定",
    "title.format": "标题格式不规范",
}


def rule_name(rule_id: str) -> str:
    return RULE_NAMES.get(rule_id, rule_id)


def rule_label(rule_id: str) -> str:
    """「一文多事（request.one-matter）」, or the id alone for a rule without a Chinese name."""
    name = RULE_NAMES.get(rule_id)
    return f"{name}（{rule_id}）" if name else rule_id


def default_review_url(document_id: int) -> str:
    return f"reviews/{document_id}.html"


@dataclass(frozen=True)
class NightlyTables:
    totals: pd.DataFrame
    by_rule: pd.DataFrame
    by_department: pd.DataFrame
    by_day: pd.DataFrame
    by_week: pd.DataFrame
    documents: pd.DataFrame  # the documents needing attention first: failed, then most errors
    findings: pd.DataFrame  # every finding, in the documents' order


@dataclass(frozen=True)
class NightlyOutput:
    html: Path
    xlsx: Path
    tables: NightlyTables
    generated: datetime  # in the office's time zone


def period_start(since: date, zone: str) -> datetime:
    """The first moment of the day ``since`` in the office's time zone, in UTC (as the store keeps times)."""
    return datetime.combine(since, time.min, tzinfo=ZoneInfo(zone)).astimezone(timezone.utc)


def load_frames(store: Store, since: date | None, zone: str = OFFICE_TIME_ZONE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents and findings processed on or after ``since`` (a day in the office's time zone), each
    with the office's ``day`` and ``week`` (the ISO week's Monday) it was processed in."""
    documents = select(DocumentRow.id, DocumentRow.path, DocumentRow.status, DocumentRow.error_code,
                       DocumentRow.error_message, DocumentRow.doc_type, DocumentRow.title,
                       DocumentRow.issuer, DocumentRow.doc_number, DocumentRow.processed_at)
    findings = (select(FindingRow.document_id, FindingRow.rule, FindingRow.severity, FindingRow.message,
                       FindingRow.excerpt, FindingRow.source, FindingRow.suggestion, FindingRow.page,
                       FindingRow.block, FindingRow.start, FindingRow.end, DocumentRow.processed_at,
                       DocumentRow.issuer)
                .join(DocumentRow, FindingRow.document_id == DocumentRow.id)
                .order_by(FindingRow.id))
    if since is not None:
        start = period_start(since, zone)
        documents = documents.where(DocumentRow.processed_at >= start)
        findings = findings.where(DocumentRow.processed_at >= start)
    with store.engine.connect() as connection:
        docs = pd.read_sql(documents, connection)
        finds = pd.read_sql(findings, connection)
    for frame in (docs, finds):
        local = pd.to_datetime(frame["processed_at"], utc=True).dt.tz_convert(zone)
        frame["day"] = local.dt.strftime("%Y-%m-%d")
        frame["week"] = (local.dt.normalize() - pd.to_timedelta(local.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
    return docs, finds


def _trend(docs: pd.DataFrame, finds: pd.DataFrame, key: str, step_days: int) -> pd.DataFrame:
    """Documents, findings and errors per ``key`` (a day or a week's Monday, as YYYY-MM-DD), with the
    days or weeks in between that had no documents shown as 0."""
    counts = pd.DataFrame({"文件数": docs.groupby(key).size(), "问题数": finds.groupby(key).size(),
                           "其中错误": finds[finds["severity"] == "error"].groupby(key).size()})
    if not counts.empty:
        first, last = date.fromisoformat(counts.index.min()), date.fromisoformat(counts.index.max())
        every = [(first + timedelta(days=offset)).isoformat() for offset in range(0, (last - first).days + 1, step_days)]
        counts = counts.reindex(every)
    return counts.fillna(0).astype(int).rename_axis(key).reset_index()


def week_label(monday: str) -> str:
    """「2026年第49周」 (ISO week numbering: the week belongs to the year of its Thursday)."""
    year, week, _ = date.fromisoformat(monday).isocalendar()
    return f"{year}年第{week}周"


def _place(page: float, block: float, start: float) -> str:
    if pd.isna(start):
        return WHOLE_DOCUMENT
    location = Location(None if pd.isna(block) else int(block), None if pd.isna(page) else int(page), int(start), 0)
    return place_label(Finding(rule="", severity="", message="", location=location, excerpt=None, source=None)) or MISSING


def build_tables(docs: pd.DataFrame, finds: pd.DataFrame) -> NightlyTables:
    severity_counts = finds["severity"].value_counts()
    totals = pd.DataFrame([
        ("文件总数", len(docs)),
        ("处理成功", int((docs["status"] == "ok").sum())),
        ("无法处理", int((docs["status"] == "error").sum())),
        ("有问题的文件", int(finds["document_id"].nunique())),
        ("问题总数", len(finds)),
        *((f"{label}", int(severity_counts.get(severity, 0))) for severity, label in SEVERITY_LABELS.items()),
    ], columns=["项目", "数量"])

    by_rule = (finds.groupby(["rule", "severity"]).agg(问题数=("document_id", "size"), 涉及文件=("document_id", "nunique"))
               .reset_index().rename(columns={"rule": "规则编号", "severity": "级别"}))
    by_rule = (by_rule.assign(severity_rank=by_rule["级别"].map(SEVERITY_RANK))  # among equal counts, errors first
               .sort_values(["问题数", "severity_rank", "规则编号"], ascending=[False, False, True], ignore_index=True)
               .drop(columns=["severity_rank"]))
    by_rule.insert(0, "规则", by_rule["规则编号"].map(rule_name))
    by_rule["级别"] = by_rule["级别"].map(SEVERITY_LABELS)

    issued_docs = docs.assign(发文机关=docs["issuer"].fillna(UNREAD_ISSUER))
    issued_finds = finds.assign(发文机关=finds["issuer"].fillna(UNREAD_ISSUER))
    by_department = (pd.DataFrame({
        "文件数": issued_docs.groupby("发文机关").size(),
        "有问题的文件": issued_finds.groupby("发文机关")["document_id"].nunique(),
        "问题数": issued_finds.groupby("发文机关").size(),
        "其中错误": issued_finds[issued_finds["severity"] == "error"].groupby("发文机关").size(),
    }).fillna(0).astype(int).rename_axis("发文机关").reset_index()
        .sort_values(["其中错误", "问题数", "发文机关"], ascending=[False, False, True], ignore_index=True))

    by_day = _trend(docs, finds, "day", 1).rename(columns={"day": "日期"})
    by_week = _trend(docs, finds, "week", 7)
    by_week.insert(0, "周次", by_week["week"].map(week_label))
    by_week.insert(1, "起止日期", by_week["week"].map(
        lambda monday: f"{monday} 至 {date.fromisoformat(monday) + timedelta(days=6)}"))
    by_week = by_week.drop(columns=["week"])

    errors_per_doc = finds[finds["severity"] == "error"].groupby("document_id").size()
    all_per_doc = finds.groupby("document_id").size()
    documents = docs.assign(
        错误=docs["id"].map(errors_per_doc).fillna(0).astype(int),
        问题=docs["id"].map(all_per_doc).fillna(0).astype(int),
        processing_failed=(docs["status"] == "error").astype(int),
    ).sort_values(["processing_failed", "错误", "问题", "path"], ascending=[False, False, False, True],
                  ignore_index=True)
    documents = documents.rename(columns={"path": "文件", "status": "状态", "doc_type": "文种", "title": "标题",
                                          "issuer": "发文机关", "doc_number": "发文字号",
                                          "error_message": "错误说明"})
    documents["状态"] = documents["状态"].map({"ok": "已审查", "error": "无法处理"})
    # a field that could not be read shows as 「—」 on the page and in the sheet, never as "nan"
    documents[["文种", "标题", "发文机关", "发文字号"]] = documents[["文种", "标题", "发文机关", "发文字号"]].fillna(MISSING)
    documents["错误说明"] = documents["错误说明"].fillna("")
    documents = documents[["id", "文件", "状态", "文种", "标题", "发文机关", "发文字号", "错误", "问题", "错误说明"]]

    return NightlyTables(totals, by_rule, by_department, by_day, by_week, documents,
                         _findings_table(finds, documents))


def _findings_table(finds: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Every finding, by document in the documents table's order, then errors first, then by place."""
    rank = pd.Series(documents.index, index=documents["id"])
    ordered = (finds.assign(document_rank=finds["document_id"].map(rank),
                            severity_rank=-finds["severity"].map(SEVERITY_RANK),
                            place_rank=finds["start"].fillna(-1))
               .sort_values(["document_rank", "severity_rank", "place_rank"], kind="stable", ignore_index=True))
    return pd.DataFrame({
        "document_id": ordered["document_id"],
        "文件": ordered["document_id"].map(documents.set_index("id")["文件"]),
        "规则": ordered["rule"].map(rule_name),
        "规则编号": ordered["rule"],
        "级别": ordered["severity"].map(SEVERITY_LABELS),
        "问题说明": ordered["message"],
        "原文": ordered["excerpt"].fillna(""),
        "依据": ordered["source"].fillna(""),
        "建议": ordered["suggestion"].fillna(""),
        "位置": [_place(page, block, start) for page, block, start in
                 zip(ordered["page"], ordered["block"], ordered["start"])],
    })


def build_nightly_tables(store: Store, since: date | None = None, zone: str = OFFICE_TIME_ZONE) -> NightlyTables:
    return build_tables(*load_frames(store, since, zone))


def spreadsheet_safe(value: object) -> object:
    """A cell value taken from stored text: control characters XLSX cannot hold (a path or title may
    carry them) become U+FFFD, and the cell never starts with a formula character."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def display_width(value: object) -> int:
    """How many Latin characters wide the value shows (a CJK character takes two), its longest line."""
    return max((sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)
                for line in str(value).splitlines()), default=0)


def _format_sheet(sheet: Worksheet, frozen: str) -> None:
    """Bold header on a tint, frozen at ``frozen``, a filter on every column, widths fitted to the
    text (long text wraps)."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet.freeze_panes = frozen
    sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
    for column in sheet.iter_cols():
        widest = max(display_width(cell.value) for cell in column if cell.value is not None)
        width = min(widest + 4, COLUMN_WIDTH_LIMIT)  # room for the filter button
        sheet.column_dimensions[column[0].column_letter].width = width
        if widest + 4 > COLUMN_WIDTH_LIMIT:
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _link_documents(sheet: Worksheet, document_ids: list[int], review_url: Callable[[int], str]) -> None:
    """Each row's 文件 cell (column A) opens the document's review page."""
    for row, document_id in enumerate(document_ids, start=2):
        cell = sheet.cell(row=row, column=1)
        cell.hyperlink = review_url(int(document_id))
        cell.style = "Hyperlink"


def write_xlsx(tables: NightlyTables, path: Path, review_url: Callable[[int], str] = default_review_url) -> None:
    """The workbook; review pages are linked relative to it (``review_url``)."""
    sheets = {"总览": (tables.totals, "A2"), "按日期": (tables.by_day, "A2"), "按周": (tables.by_week, "A2"),
              "按规则": (tables.by_rule, "A2"), "按发文机关": (tables.by_department, "B2"),
              "文件清单": (tables.documents.drop(columns=["id"]), "B2"),
              "问题明细": (tables.findings.drop(columns=["document_id"]), "B2")}
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, (frame, frozen) in sheets.items():
            frame.map(spreadsheet_safe).to_excel(writer, sheet_name=name, index=False)
            _format_sheet(writer.sheets[name], frozen)
        _link_documents(writer.sheets["文件清单"], tables.documents["id"].tolist(), review_url)
        _link_documents(writer.sheets["问题明细"], tables.findings["document_id"].tolist(), review_url)


def shortened(label: str, width: int) -> str:
    """``label`` cut to ``width`` (display_width) with an ellipsis."""
    if display_width(label) <= width:
        return label
    while display_width(label) > width - 1:
        label = label[:-1]
    return label + "…"


def bar_chart(labels: list[str], values: list[int], title: str) -> str:
    """A horizontal bar chart as inline SVG that scales to its box (viewBox); labels are escaped (they
    may come from documents), long ones shortened with the full text as a tooltip."""
    width, bar_height = 480, 22
    shown = [shortened(label, CHART_LABEL_WIDTH) for label in labels]
    label_width = 10 + 7 * max((display_width(label) for label in shown), default=0)  # 13px text
    top = max(values, default=0) or 1
    rows = []
    for index, (label, short, value) in enumerate(zip(labels, shown, values)):
        y = index * (bar_height + 6)
        length = int((width - label_width - 40) * value / top)
        rows.append(
            f'<g><title>{html.escape(label)}：{value}</title>'
            f'<text x="0" y="{y + 16}" font-size="13">{html.escape(short)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="{bar_height - 6}" fill="#b22222"/>'
            f'<text x="{label_width + 6 + length}" y="{y + 16}" font-size="12">{value}</text></g>')
    height = max(len(values), 1) * (bar_height + 6)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
            f'preserveAspectRatio="xMinYMin meet" role="img" aria-label="{html.escape(title)}">{"".join(rows)}</svg>')


_environment = Environment(loader=PackageLoader("gongwen.reports", "templates"),
                           autoescape=select_autoescape(["html", "j2"]))


def render_page(tables: NightlyTables, generated: datetime, since: date | None, zone: str,
                review_url: Callable[[int], str]) -> str:
    recent_days, recent_weeks = tables.by_day.tail(CHART_DAYS), tables.by_week.tail(CHART_WEEKS)
    return _environment.get_template("nightly.html.j2").render(
        tables=tables, generated=generated.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M"), zone=zone,
        since=since,
        rule_chart=bar_chart(tables.by_rule["规则"].tolist(), tables.by_rule["问题数"].tolist(), "各规则问题数"),
        day_chart=bar_chart(recent_days["日期"].str[5:].tolist(), recent_days["问题数"].tolist(), "每日问题数"),
        days_charted=len(recent_days), days_capped=len(tables.by_day) > CHART_DAYS,
        week_chart=bar_chart(recent_weeks["周次"].tolist(), recent_weeks["问题数"].tolist(), "每周问题数"),
        weeks_charted=len(recent_weeks), weeks_capped=len(tables.by_week) > CHART_WEEKS,
        department_chart=bar_chart(tables.by_department["发文机关"].tolist()[:CHART_DEPARTMENTS],
                                   tables.by_department["问题数"].tolist()[:CHART_DEPARTMENTS], "各发文机关问题数"),
        review_links={document_id: review_url(document_id) for document_id in tables.documents["id"].tolist()},
    )


def render_nightly_page(store: Store, since: date | None = None, zone: str = OFFICE_TIME_ZONE,
                        review_url: Callable[[int], str] = default_review_url) -> str:
    """The complete nightly page (the file report's page), each document linking to ``review_url(id)``."""
    return render_page(build_nightly_tables(store, since, zone), datetime.now(timezone.utc), since, zone, review_url)


def stored_result(store: Store, document_id: int) -> DocResult:
    """Rebuild a DocResult (without the document text) from the store, for its review page."""
    with Session(store.engine) as session:
        row = session.get(DocumentRow, document_id)
        findings = tuple(
            Finding(rule=f.rule, severity=f.severity, message=f.message,
                    location=Location(f.block, f.page, f.start, f.end) if f.start is not None else None,
                    excerpt=f.excerpt, source=Source(document=f.source) if f.source else None,
                    suggestion=f.suggestion, evidence=tuple(Evidence(**item) for item in f.evidence or ()))
            for f in sorted(row.findings, key=lambda f: (f.start is None, f.start or 0))
        )
        error = DocError(row.error_code, row.error_message) if row.error_code else None
        return DocResult(path=row.path, format=row.format, status=row.status, error=error,
                         fields=fields_from_dict(row.fields) if row.fields else None, findings=findings,
                         sha256=row.sha256)


def write_nightly(store: Store, since: date | None, output: Path, zone: str = OFFICE_TIME_ZONE) -> NightlyOutput:
    """The director's report in ``output``: nightly.html, nightly.xlsx and reviews/<id>.html; days,
    weeks and times are the office's (time zone ``zone``)."""
    output.mkdir(parents=True, exist_ok=True)
    reviews = output / "reviews"
    reviews.mkdir(exist_ok=True)
    tables = build_nightly_tables(store, since, zone)
    context = ReportContext(command="check", tool_version=__version__)
    for document_id in tables.documents["id"].tolist():
        page = output / default_review_url(document_id)
        page.write_text(render_html([stored_result(store, document_id)], context), encoding="utf-8")
    generated = datetime.now(timezone.utc).astimezone(ZoneInfo(zone))
    html_path, xlsx_path = output / "nightly.html", output / "nightly.xlsx"
    html_path.write_text(render_page(tables, generated, since, zone, default_review_url), encoding="utf-8")
    write_xlsx(tables, xlsx_path)
    return NightlyOutput(html_path, xlsx_path, tables, generated)

"""The director's nightly report: a self-contained HTML page and an XLSX workbook of the same tables.

Both are built from the store (pipeline.store), so they show the same totals by construction.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import select
from sqlalchemy.orm import Session

from gongwen.pipeline import __version__
from gongwen.pipeline.model import SEVERITY_LABELS, DocError, DocResult, Evidence, Finding, Location, Source
from gongwen.pipeline.store import DocumentRow, FindingRow, Store
from gongwen.reports.base import ReportContext
from gongwen.reports.html_report import render_html
from gongwen.reports.json_report import fields_from_dict

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
OFFICE_TIME_ZONE = "Asia/Shanghai"
MISSING = "—"


@dataclass(frozen=True)
class NightlyTables:
    totals: pd.DataFrame
    by_rule: pd.DataFrame
    by_department: pd.DataFrame
    by_day: pd.DataFrame
    documents: pd.DataFrame


@dataclass(frozen=True)
class NightlyOutput:
    html: Path
    xlsx: Path
    tables: NightlyTables


def load_frames(store: Store, since: date | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    documents = select(DocumentRow.id, DocumentRow.path, DocumentRow.status, DocumentRow.error_code,
                       DocumentRow.error_message, DocumentRow.doc_type, DocumentRow.title,
                       DocumentRow.issuer, DocumentRow.doc_number, DocumentRow.processed_at)
    findings = (select(FindingRow.document_id, FindingRow.rule, FindingRow.severity, FindingRow.message,
                       FindingRow.excerpt, FindingRow.source, DocumentRow.processed_at, DocumentRow.issuer)
                .join(DocumentRow, FindingRow.document_id == DocumentRow.id))
    if since is not None:
        start = datetime.combine(since, time.min, tzinfo=timezone.utc)
        documents = documents.where(DocumentRow.processed_at >= start)
        findings = findings.where(DocumentRow.processed_at >= start)
    with store.engine.connect() as connection:
        docs = pd.read_sql(documents, connection)
        finds = pd.read_sql(findings, connection)
    for frame in (docs, finds):
        frame["day"] = pd.to_datetime(frame["processed_at"], utc=True).dt.strftime("%Y-%m-%d")
    return docs, finds


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
               .reset_index().rename(columns={"rule": "规则", "severity": "级别"})
               .sort_values(["问题数", "规则"], ascending=[False, True], ignore_index=True))
    by_rule["级别"] = by_rule["级别"].map(SEVERITY_LABELS)

    docs_by_issuer = docs.assign(issuer=docs["issuer"].fillna("（未识别）")).groupby("issuer").size()
    finds_by_issuer = finds.assign(issuer=finds["issuer"].fillna("（未识别）")).groupby("issuer").size()
    by_department = (pd.DataFrame({"文件数": docs_by_issuer, "问题数": finds_by_issuer}).fillna(0).astype(int)
                     .rename_axis("发文机关").reset_index()
                     .sort_values(["问题数", "发文机关"], ascending=[False, True], ignore_index=True))

    by_day = (pd.DataFrame({"文件数": docs.groupby("day").size(), "问题数": finds.groupby("day").size(),
                            "错误": finds[finds["severity"] == "error"].groupby("day").size()})
              .fillna(0).astype(int).rename_axis("日期").reset_index().sort_values("日期", ignore_index=True))

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
    return NightlyTables(totals, by_rule, by_department, by_day, documents)


def spreadsheet_safe(value: object) -> object:
    """A cell value taken from stored text: control characters XLSX cannot hold (a path or title may
    carry them) become U+FFFD, and the cell never starts with a formula character."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_xlsx(tables: NightlyTables, path: Path) -> None:
    sheets = {"总览": tables.totals, "按规则": tables.by_rule, "按发文机关": tables.by_department,
              "按日期": tables.by_day, "文件清单": tables.documents.drop(columns=["id"])}
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.map(spreadsheet_safe).to_excel(writer, sheet_name=name, index=False)


def bar_chart(labels: list[str], values: list[int], width: int = 720, bar_height: int = 22) -> str:
    """A horizontal bar chart as inline SVG (labels are escaped: they may come from documents)."""
    top = max(values, default=0) or 1
    rows = []
    for index, (label, value) in enumerate(zip(labels, values)):
        y = index * (bar_height + 6)
        length = int((width - 320) * value / top)
        rows.append(
            f'<text x="0" y="{y + 16}" font-size="13">{html.escape(label[:24])}</text>'
            f'<rect x="260" y="{y + 3}" width="{length}" height="{bar_height - 6}" fill="#b22222"/>'
            f'<text x="{266 + length}" y="{y + 16}" font-size="12">{value}</text>')
    height = max(len(values), 1) * (bar_height + 6)
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">{"".join(rows)}</svg>'


def write_html(tables: NightlyTables, path: Path, generated: datetime, since: date | None,
               review_links: dict[int, str], zone: str = OFFICE_TIME_ZONE) -> None:
    environment = Environment(loader=PackageLoader("gongwen.reports", "templates"),
                              autoescape=select_autoescape(["html", "j2"]))
    template = environment.get_template("nightly.html.j2")
    path.write_text(template.render(
        tables=tables, generated=generated.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M"), zone=zone,
        since=since,
        rule_chart=bar_chart(tables.by_rule["规则"].tolist(), tables.by_rule["问题数"].tolist()),
        day_chart=bar_chart(tables.by_day["日期"].tolist(), tables.by_day["问题数"].tolist()),
        department_chart=bar_chart(tables.by_department["发文机关"].tolist()[:15],
                                   tables.by_department["问题数"].tolist()[:15]),
        review_links=review_links,
    ), encoding="utf-8")


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
    """The director's report; its times are shown in the office's time zone ``zone``."""
    output.mkdir(parents=True, exist_ok=True)
    reviews = output / "reviews"
    reviews.mkdir(exist_ok=True)
    docs, finds = load_frames(store, since)
    tables = build_tables(docs, finds)
    review_links = {}
    context = ReportContext(command="check", tool_version=__version__)
    for document_id in tables.documents["id"].tolist():
        page = reviews / f"{document_id}.html"
        page.write_text(render_html([stored_result(store, document_id)], context), encoding="utf-8")
        review_links[document_id] = f"reviews/{document_id}.html"
    html_path, xlsx_path = output / "nightly.html", output / "nightly.xlsx"
    write_html(tables, html_path, datetime.now(timezone.utc), since, review_links, zone)
    write_xlsx(tables, xlsx_path)
    return NightlyOutput(html_path, xlsx_path, tables)

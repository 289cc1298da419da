"""The nightly workbook: bold frozen headers with filters, widths fitted to Chinese text, document
rows linked to their review pages, and 问题明细 with every finding, each cell spreadsheet-safe."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from nightly_samples import WEEK_DOCUMENTS, filled_store, with_findings
from openpyxl import load_workbook
from report_samples import clean_result

from gongwen.pipeline.model import Finding
from gongwen.reports.nightly import write_nightly

SHEETS = ["总览", "按日期", "按周", "按规则", "按发文机关", "文件清单", "问题明细"]


def _workbook(tmp_path: Path, documents=WEEK_DOCUMENTS):
    output = write_nightly(filled_store(tmp_path, documents), None, tmp_path / "out")
    return load_workbook(output.xlsx), output


def _column(sheet, header: str) -> list:
    headers = [cell.value for cell in sheet[1]]
    return [row[headers.index(header)] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_every_sheet_has_a_bold_frozen_header_with_filters(tmp_path: Path):
    workbook, _ = _workbook(tmp_path)
    assert workbook.sheetnames == SHEETS
    for sheet in workbook:
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        assert sheet.freeze_panes in ("A2", "B2"), sheet.title
        assert sheet.auto_filter.ref == sheet.dimensions, sheet.title
    assert workbook["文件清单"].freeze_panes == "B2"  # the file stays in view when scrolling right


def test_column_widths_count_chinese_characters_twice_and_long_text_wraps(tmp_path: Path):
    workbook, _ = _workbook(tmp_path)
    documents = workbook["文件清单"]
    widths = {cell.value: documents.column_dimensions[cell.column_letter].width for cell in documents[1]}
    assert widths["标题"] == 2 * len("东安区人民政府办公室关于申请办公经费和增加编制的请示") + 4
    # the longest path: 通知/关于开展安全检查的通知.txt, 13 Chinese characters and 5 others, plus the filter button
    assert widths["文件"] == 2 * 13 + 5 + 4
    assert widths["错误"] == 2 * 2 + 4  # the header is the widest
    assert widths["错误说明"] == 60  # the OCR notice is longer: capped, and it wraps
    notice = next(cell for cell in documents[1] if cell.value == "错误说明")
    assert documents.cell(row=2, column=notice.column).alignment.wrap_text
    weeks = workbook["按周"]
    assert weeks.column_dimensions["B"].width == len("2026-11-16  2026-11-22") + 2 + 4  # 至 counts 2


def test_document_rows_link_to_their_review_pages_beside_the_workbook(tmp_path: Path):
    workbook, output = _workbook(tmp_path)
    for name in ("文件清单", "问题明细"):
        sheet = workbook[name]
        links = [row[0].hyperlink.target for row in sheet.iter_rows(min_row=2)]
        assert links and all(target.startswith("reviews/") for target in links), name
        assert all((output.xlsx.parent / target).is_file() for target in links), name
    documents = workbook["文件清单"]
    with sqlite3.connect(tmp_path / "gongwen.sqlite") as connection:
        scan_id = connection.execute("SELECT id FROM documents WHERE path = '扫描件/会议纪要.pdf'").fetchone()[0]
    assert documents["A2"].value == "扫描件/会议纪要.pdf" and documents["A2"].hyperlink.target == f"reviews/{scan_id}.html"


def test_the_findings_sheet_has_every_finding_with_its_rule_name_text_basis_and_advice(tmp_path: Path):
    workbook, _ = _workbook(tmp_path)
    sheet = workbook["问题明细"]
    with sqlite3.connect(tmp_path / "gongwen.sqlite") as connection:
        stored = connection.execute("SELECT count(*) FROM findings").fetchone()[0]
    assert sheet.max_row - 1 == stored == 16
    assert [cell.value for cell in sheet[1]] == ["文件", "规则", "规则编号", "级别", "问题说明", "原文", "依据", "建议", "位置"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    one_matter = next(row for row in rows if row[0] == "公文/甲.docx" and row[2] == "request.one-matter")
    assert one_matter == ("公文/甲.docx", "一文多事", "request.one-matter", "错误", "请示应当一文一事，本件包含 2 项请示事项。",
                          "申请办公经费20万元，并请求增加编制3名", "《东安区人民政府工作规则》 第五十八条", "将“增加编制”另行请示。",
                          "第4段")
    assert ("公文/甲.docx", "approval.missing-signer", "全文") in {(row[0], row[2], row[8]) for row in rows}
    # in the documents' order, errors first within a document
    assert _column(sheet, "文件")[:9] == ["公文/乙.docx"] * 7 + ["公文/甲.docx"] * 2
    assert _column(sheet, "级别")[:3] == ["错误", "错误", "警告"]


def test_text_from_documents_cannot_become_a_formula_or_break_the_file(tmp_path: Path):
    hostile = with_findings(
        clean_result(path="=危险.txt"),
        Finding("title.format", "warning", "=HYPERLINK(\"http://example.com\",\"点此\")", None,
                "标题\x07含控制字符", None, "+1 改为正式标题"),
    )
    workbook, _ = _workbook(tmp_path, [(hostile, datetime(2026, 12, 1, 2, tzinfo=timezone.utc))])
    [row] = workbook["问题明细"].iter_rows(min_row=2, values_only=True)
    assert row[0] == "'=危险.txt"
    assert row[4].startswith("'=HYPERLINK") and row[5] == "标题\ufffd含控制字符" and row[7] == "'+1 改为正式标题"
    assert row[1] == "标题格式不规范"

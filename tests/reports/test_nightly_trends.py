"""The nightly report's tables: days and ISO weeks in the office's time zone, rules by their Chinese
names, issuing departments; the page as the web service gets it (render_nightly_page)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from nightly_samples import filled_store

from gongwen.reports.nightly import RULE_NAMES, build_nightly_tables, render_nightly_page, write_nightly
from gongwen.validators.packs import available_packs, load_pack


def _records(frame) -> list[tuple]:
    return [tuple(row) for row in frame.itertuples(index=False)]


def test_days_are_the_offices_a_document_stored_at_17h_utc_counts_on_the_next_day(tmp_path: Path):
    store = filled_store(tmp_path)
    by_day = build_nightly_tables(store).by_day.set_index("日期")
    assert by_day.loc["2026-12-02"].tolist() == [1, 7, 2]  # stored 2026-12-01T17:00Z
    assert by_day.loc["2026-12-01"].tolist() == [1, 2, 1]  # stored 15:59Z, 23:59 in Shanghai
    assert by_day.loc["2026-11-30"].tolist() == [1, 0, 0]
    assert by_day.loc["2026-11-23"].tolist() == [0, 0, 0]  # a day without documents is in the trend
    assert by_day.index[0] == "2026-11-22" and by_day.index[-1] == "2026-12-07" and len(by_day) == 16

    in_utc = build_nightly_tables(store, zone="UTC").by_day.set_index("日期")
    assert in_utc.loc["2026-12-01"].tolist() == [2, 9, 3] and in_utc.loc["2026-12-02"].tolist() == [0, 0, 0]


def test_weeks_run_monday_to_sunday_in_the_office_time_zone(tmp_path: Path):
    store = filled_store(tmp_path)
    weeks = build_nightly_tables(store).by_week
    assert list(weeks.columns) == ["周次", "起止日期", "文件数", "问题数", "其中错误"]
    assert _records(weeks) == [
        ("2026年第47周", "2026-11-16 至 2026-11-22", 1, 0, 0),
        ("2026年第48周", "2026-11-23 至 2026-11-29", 0, 0, 0),
        # the unreadable scan, stored late on Sunday 11-29 in UTC, is Monday's in Shanghai
        ("2026年第49周", "2026-11-30 至 2026-12-06", 3, 9, 3),
        ("2026年第50周", "2026-12-07 至 2026-12-13", 1, 7, 2),
    ]
    in_utc = build_nightly_tables(store, zone="UTC").by_week.set_index("周次")
    assert in_utc.loc["2026年第48周", "文件数"] == 1


def test_since_is_a_day_in_the_office_time_zone(tmp_path: Path):
    tables = build_nightly_tables(filled_store(tmp_path), since=date(2026, 12, 2))
    # 公文/甲 (2026-12-01T17:00Z) is on 12-02 in Shanghai; the 通知 at 23:59 on 12-01 is not
    assert sorted(tables.documents["文件"]) == ["公文/乙.docx", "公文/甲.docx"]
    assert tables.totals.set_index("项目").loc["问题总数", "数量"] == 14


def test_rules_show_their_chinese_names_beside_their_ids(tmp_path: Path):
    store = filled_store(tmp_path)
    by_rule = build_nightly_tables(store).by_rule.set_index("规则编号")
    assert by_rule.loc["request.one-matter"].tolist() == ["一文多事", "错误", 2, 2]
    assert by_rule.loc["request.closing", "规则"] == "request.closing"  # not a built-in rule: its id
    page = render_nightly_page(store)
    assert "<td>一文多事<span class=\"rule-id\">（request.one-matter）</span></td>" in page
    assert ">一文多事</text>" in page  # the chart's label


def test_every_built_in_rule_has_a_chinese_name():
    built_in = {rule_id for name in available_packs() for rule_id in load_pack(name).rules}
    assert built_in - RULE_NAMES.keys() == set()


def test_departments_count_documents_documents_at_issue_findings_and_errors(tmp_path: Path):
    departments = build_nightly_tables(filled_store(tmp_path)).by_department
    assert list(departments.columns) == ["发文机关", "文件数", "有问题的文件", "问题数", "其中错误"]
    assert _records(departments) == [
        ("东安区人民政府办公室", 2, 2, 14, 4),
        ("某|机关*", 1, 1, 2, 1),
        ("（未识别）", 2, 0, 0, 0),  # the unreadable scan, and the 通知 whose issuer was not read
    ]


def test_the_documents_needing_attention_come_first(tmp_path: Path):
    documents = build_nightly_tables(filled_store(tmp_path)).documents
    assert documents["文件"].tolist()[:3] == ["扫描件/会议纪要.pdf", "公文/乙.docx", "公文/甲.docx"]
    assert documents["文件"].tolist()[-1] == "通知/关于开展安全检查的通知.txt"


def test_the_page_for_the_web_service_is_the_file_reports_with_its_own_links(tmp_path: Path):
    store = filled_store(tmp_path)
    ids = build_nightly_tables(store).documents["id"].tolist()
    page = render_nightly_page(store, since=None, zone="Asia/Shanghai",
                               review_url=lambda document_id: f"/documents/{document_id}")
    assert all(f'href="/documents/{document_id}"' in page for document_id in ids)
    assert "reviews/" not in page

    written = write_nightly(store, None, tmp_path / "out").html.read_text(encoding="utf-8")
    assert all(f'href="reviews/{document_id}.html"' in written for document_id in ids)
    assert all((tmp_path / "out" / "reviews" / f"{document_id}.html").is_file() for document_id in ids)
    without_times = [line for line in written.splitlines() if "生成时间" not in line and "<title>" not in line]
    assert without_times == [line for line in render_nightly_page(store).splitlines()
                             if "生成时间" not in line and "<title>" not in line]


def test_the_page_reads_on_a_phone_and_prints_on_a4(tmp_path: Path):
    page = render_nightly_page(filled_store(tmp_path))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media screen and (max-width: 600px)" in page
    # on a phone the document list stacks into one card per document, each value labelled
    assert '<table class="stack">' in page and 'data-label="发文字号"' in page
    assert "table.stack td[data-label]::before { content: attr(data-label)" in page
    assert page.count('<div class="table-wrap">') == 5  # the other tables scroll inside their box
    assert "overflow-wrap: anywhere" in page  # a long path never widens the page
    # charts scale with their box: a viewBox and no fixed width
    charts = [chunk.split(">", 1)[0] for chunk in page.split("<svg")[1:]]
    assert len(charts) == 4 and all('viewBox="0 0 480 ' in chart and " width=" not in chart for chart in charts)
    assert "@page { size: A4;" in page and "@media print" in page
    assert "nav.sections { display: none; }" in page.split("@media print")[1]
    assert "thead { display: table-header-group; }" in page  # headers repeat on every printed page
    assert "tr, .totals div, .keep { break-inside: avoid;" in page

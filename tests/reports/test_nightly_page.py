"""The director's report: unread fields show 「—」 (never "nan"), an empty period says so, and times
are the office's (Asia/Shanghai unless configured)."""
from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from report_samples import request_result

from gongwen.pipeline.store import Store
from gongwen.reports.nightly import write_nightly


def _store_with_an_untitled_document(tmp_path: Path) -> Store:
    store = Store(str(tmp_path / "g.sqlite"))
    result = request_result(keep_document=False, path="公文/无标题.docx")
    untitled = dataclasses.replace(result, fields=dataclasses.replace(result.fields, title=None, doc_number=None))
    run = store.start_run("dongan", "v1", "0.1.0", 1)
    store.save(untitled, run, cache_key="k")
    store.finish_run(run, "finished", 1, 0, 0)
    return Store(str(tmp_path / "g.sqlite"), create=False)


def test_unread_fields_show_a_dash_on_the_page_and_in_the_sheet(tmp_path: Path):
    output = write_nightly(_store_with_an_untitled_document(tmp_path), None, tmp_path / "out")
    page = output.html.read_text(encoding="utf-8")
    assert "nan" not in page and '<td data-label="标题">—</td>' in page
    sheet = load_workbook(output.xlsx)["文件清单"]
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "—" in values and not any(isinstance(value, float) and value != value for value in values)


def test_an_empty_period_says_so_and_times_are_the_offices(tmp_path: Path):
    store = _store_with_an_untitled_document(tmp_path)
    page = write_nightly(store, date(2099, 1, 1), tmp_path / "empty").html.read_text(encoding="utf-8")
    assert "所选时段无数据" in page and "（Asia/Shanghai）" in page
    other = write_nightly(store, None, tmp_path / "utc", zone="UTC").html.read_text(encoding="utf-8")
    assert "（UTC）" in other and "所选时段无数据" not in other

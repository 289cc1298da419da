"""The store keeps each finding's evidence, so reports built from it (the nightly review pages)
show it too; a store written before it was kept still opens, reports and saves."""
from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

from report_samples import request_result

from gongwen.pipeline.model import Evidence
from gongwen.pipeline.store import Store
from gongwen.reports.nightly import stored_result, write_nightly

EVIDENCE = (Evidence("request_items", "request_items", 0.68, 56, 76), Evidence("doc_type", "doc_type:title", 0.91, 26, 52),
            Evidence("signer", None, None))


def _result_with_evidence(path: str = "公文/请示.docx"):
    result = request_result(keep_document=False, path=path)
    first = dataclasses.replace(result.findings[0], evidence=EVIDENCE)
    return dataclasses.replace(result, findings=(first, *result.findings[1:]))


def _save(store: Store, result) -> int:
    run = store.start_run("dongan", "v1", "0.1.0", 1)
    store.save(result, run, cache_key="k")
    store.finish_run(run, "finished", 1, 0, 0)
    with sqlite3.connect(store.engine.url.database) as connection:
        return connection.execute("SELECT id FROM documents WHERE path = ?", (result.path,)).fetchone()[0]


def _evidence_by_rule(result) -> dict:
    return {finding.rule: finding.evidence for finding in result.findings}


def _review_pages(output: Path) -> list[str]:
    return [page.read_text(encoding="utf-8") for page in sorted((output / "reviews").glob("*.html"))]


def test_stored_findings_keep_their_evidence_and_the_review_page_shows_it(tmp_path: Path):
    store = Store(str(tmp_path / "g.sqlite"))
    document_id = _save(store, _result_with_evidence())

    evidence = _evidence_by_rule(stored_result(store, document_id))
    assert evidence.pop("request.one-matter") == EVIDENCE
    assert set(evidence.values()) == {()}

    write_nightly(Store(str(tmp_path / "g.sqlite"), create=False), None, tmp_path / "out")
    [page] = _review_pages(tmp_path / "out")
    assert ("<span>请示事项（正文识别，可信度 68%）</span>；<span>文种（标题中的文种，可信度 91%）</span>；"
            "<span>签发人（未找到）</span>") in page


def test_a_store_written_before_evidence_was_kept_still_reports_and_then_keeps_it(tmp_path: Path):
    db = tmp_path / "old.sqlite"
    _save(Store(str(db)), _result_with_evidence("公文/旧.docx"))
    with sqlite3.connect(db) as connection:  # the findings table as an earlier version wrote it
        connection.execute("ALTER TABLE findings DROP COLUMN evidence")
        assert "evidence" not in [row[1] for row in connection.execute("PRAGMA table_info(findings)")]

    # the nightly report opens it first, without creating anything
    output = write_nightly(Store(str(db), create=False), None, tmp_path / "out")
    assert output.tables.totals.set_index("项目").loc["问题总数", "数量"] == 7
    [old_page] = _review_pages(tmp_path / "out")
    assert "请示应当一文一事" in old_page and "所据要素" not in old_page
    with sqlite3.connect(db) as connection:
        assert [row[0] for row in connection.execute("SELECT evidence FROM findings")] == [None] * 7

    store = Store(str(db))  # and the next batch saves evidence into it
    new_id = _save(store, _result_with_evidence("公文/新.docx"))
    assert _evidence_by_rule(stored_result(store, new_id))["request.one-matter"] == EVIDENCE

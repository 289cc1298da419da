"""A store for the nightly report tests: the report samples, each stored as processed at a given
moment (UTC), around the office's day and week boundaries."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from pathlib import Path

from report_samples import clean_result, error_result, hostile_result, request_result
from sqlalchemy import update
from sqlalchemy.orm import Session

from gongwen.pipeline.model import DocResult
from gongwen.pipeline.store import DocumentRow, Store

UTC = timezone.utc
# 7 findings (2 errors) each for the 请示, 2 (1 error) for the hostile 通知, none for the others
WEEK_DOCUMENTS = [
    (request_result(keep_document=False, path="公文/甲.docx"), datetime(2026, 12, 1, 17, 0, tzinfo=UTC)),  # 12-02 01:00 in Shanghai
    (hostile_result(), datetime(2026, 12, 1, 15, 59, tzinfo=UTC)),  # 12-01 23:59 in Shanghai
    (error_result(), datetime(2026, 11, 29, 16, 30, tzinfo=UTC)),  # Monday 11-30 00:30 in Shanghai, Sunday in UTC
    (clean_result(), datetime(2026, 11, 22, 10, 0, tzinfo=UTC)),  # Sunday 11-22
    (request_result(keep_document=False, path="公文/乙.docx"), datetime(2026, 12, 7, 2, 0, tzinfo=UTC)),  # Monday 12-07
]


def filled_store(tmp_path: Path, documents: list[tuple[DocResult, datetime]] = WEEK_DOCUMENTS) -> Store:
    """A store on a SQLite file holding ``documents``, each with its processing time; opened as the
    report opens it (without creating)."""
    db = tmp_path / "gongwen.sqlite"
    store = Store(str(db))
    run = store.start_run("dongan", "v1", "0.1.0", len(documents))
    for result, _ in documents:
        store.save(result, run, cache_key="k")
    store.finish_run(run, "finished", len(documents), 0, 0)
    with Session(store.engine) as session:
        for result, processed_at in documents:
            session.execute(update(DocumentRow).where(DocumentRow.path == result.path)
                            .values(processed_at=processed_at))
        session.commit()
    return Store(str(db), create=False)


def with_findings(result: DocResult, *findings) -> DocResult:
    return dataclasses.replace(result, findings=tuple(findings))

"""Batch intake into the store: every input gets exactly one status, re-runs skip unchanged files.

Each test runs against SQLite, and against PostgreSQL when GONGWEN_TEST_POSTGRES_URL names one
(.ci/run starts a local server when it can)."""
import os
from pathlib import Path

import pytest

from gongwen.pipeline.batch import run_batch
from gongwen.pipeline.runner import RunOptions
from gongwen.pipeline.store import DocumentRow, FindingRow, RunRow, Store
from sqlalchemy import func, select
from sqlalchemy.orm import Session

QINGSHI = """阳泉市城区教育局关于申请拨付校舍维修资金的请示

区人民政府：
我局所属三所小学校舍老化，存在安全隐患。为保障师生安全，恳请区政府拨付校舍维修资金50万元。
同时，恳请区政府为我局增加事业编制2名。
妥否，请批示。

阳泉市城区教育局
2024年3月5日
"""


POSTGRES_URL = os.environ.get("GONGWEN_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path: Path) -> Store:
    if request.param == "sqlite":
        return Store(str(tmp_path / "g.sqlite"))
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server: set GONGWEN_TEST_POSTGRES_URL (.ci/run starts one when it can)")
    from gongwen.pipeline.store import Base

    Base.metadata.drop_all(Store(POSTGRES_URL).engine)
    return Store(POSTGRES_URL)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "qingshi.txt").write_text(QINGSHI, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.xyz").write_text("?", encoding="utf-8")
    return folder


def _rows(store: Store) -> dict[str, DocumentRow]:
    with Session(store.engine) as session:
        return {row.path: row for row in session.scalars(select(DocumentRow))}


def test_every_input_is_stored_with_one_status(inbox: Path, tmp_path: Path, store: Store) -> None:
    summary = run_batch([inbox], RunOptions(), store, jobs=1)

    rows = _rows(store)
    assert summary.status == "finished"
    assert (summary.inputs, summary.processed, summary.errors) == (3, 3, 2)
    assert rows[str(inbox / "qingshi.txt")].status == "ok"
    assert rows[str(inbox / "qingshi.txt")].doc_type == "请示"
    assert rows[str(inbox / "empty.txt")].error_code == "empty-file"
    assert rows[str(inbox / "notes.xyz")].error_code == "unsupported-format"


def test_rerun_skips_unchanged_and_redoes_changed(inbox: Path, tmp_path: Path, store: Store) -> None:
    run_batch([inbox], RunOptions(), store, jobs=1)
    (inbox / "empty.txt").write_text(QINGSHI.replace("50万元", "60万元"), encoding="utf-8")

    summary = run_batch([inbox], RunOptions(), store, jobs=1)

    assert (summary.processed, summary.unchanged) == (1, 2)
    rows = _rows(store)
    assert len(rows) == 3
    assert rows[str(inbox / "empty.txt")].status == "ok"


def test_reprocessing_replaces_findings_rather_than_adding(inbox: Path, tmp_path: Path, store: Store) -> None:
    from gongwen.validators.packs import load_pack

    options = RunOptions(pack=load_pack("dongan"))
    run_batch([inbox], options, store, jobs=1)
    with Session(store.engine) as session:
        first = session.scalar(select(func.count()).select_from(FindingRow))
    (inbox / "qingshi.txt").write_text(QINGSHI + "\n", encoding="utf-8")
    run_batch([inbox], options, store, jobs=1)
    with Session(store.engine) as session:
        assert session.scalar(select(func.count()).select_from(FindingRow)) == first
        assert first > 0
        assert [run.status for run in session.scalars(select(RunRow))] == ["finished", "finished"]


def test_interrupted_run_keeps_what_was_done(inbox: Path, tmp_path: Path, store: Store) -> None:
    seen = []

    def stop_after_first(result) -> None:
        seen.append(result.path)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch([inbox], RunOptions(), store, jobs=1, on_result=stop_after_first)

    assert list(_rows(store)) == seen
    summary = run_batch([inbox], RunOptions(), store, jobs=1)
    assert (summary.processed, summary.unchanged) == (2, 1)
    assert len(_rows(store)) == 3
    with Session(store.engine) as session:
        assert [run.status for run in session.scalars(select(RunRow))] == ["interrupted", "finished"]


def test_parallel_batch_matches_sequential(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(10):
        (folder / f"{index:02d}.txt").write_text(QINGSHI.replace("50万元", f"{index + 1}0万元"), encoding="utf-8")
    summary = run_batch([folder], RunOptions(), store, jobs=2)
    assert (summary.processed, summary.errors) == (10, 0)
    assert {row.doc_type for row in _rows(store).values()} == {"请示"}


def test_bad_database_url_is_a_config_error(tmp_path: Path) -> None:
    from gongwen.pipeline.errors import ConfigError

    with pytest.raises(ConfigError, match="无法打开结果库"):
        Store("nosuchdriver://x/y")


def test_a_run_whose_process_died_is_marked_interrupted(inbox: Path, store: Store) -> None:
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    killed = store.start_run("dongan", "v", "0.1.0", 3)
    with Session(store.engine) as session:
        session.get(RunRow, killed).pid = int(dead.stdout)
        session.commit()

    run_batch([inbox], RunOptions(), store, jobs=1)

    with Session(store.engine) as session:
        assert [run.status for run in session.scalars(select(RunRow).order_by(RunRow.id))] == ["interrupted", "finished"]

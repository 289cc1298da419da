"""Batch intake into the store: every input gets exactly one status, re-runs skip unchanged files.

Each test runs against SQLite, and against PostgreSQL when GONGWEN_TEST_POSTGRES_URL names one
(.ci/run starts a local server when it can)."""
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



@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path: Path, empty_postgres) -> Store:
    if request.param == "sqlite":
        return Store(str(tmp_path / "g.sqlite"))
    return Store(empty_postgres())


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


def _result(path: str, text: str = "标题", status: str = "ok"):
    from gongwen.pipeline.model import DocResult, Fields, Finding, Location

    finding = Finding(rule="x.rule", severity="warning", message=f"问题：{text}", location=Location(0, 1, 0, 2),
                      excerpt=text, source=None)
    return DocResult(path, "txt", status, None, fields=Fields(title=text), findings=(finding,), sha256="0" * 64)


def test_one_bad_row_costs_one_row(store: Store) -> None:
    """A NUL in a document's text and a path of 1,200 characters: each saved, and the row after them too."""
    run_id = store.start_run(None, None, "0.1.0", 3)
    long_path = "/收文/" + "很长的文件夹名" * 170 + "/请示.txt"
    for result in (_result("/收文/a.txt", "带\x00空字符的标题"), _result(long_path), _result("/收文/z.txt")):
        assert store.save(result, run_id, "k").status == "ok"
    rows = _rows(store)
    assert len(rows) == 3
    assert rows["/收文/a.txt"].title == "带\ufffd空字符的标题"
    assert rows[long_path].status == "ok"


def test_a_row_the_database_refuses_is_stored_as_an_error_row(store: Store) -> None:
    run_id = store.start_run(None, None, "0.1.0", 1)
    import dataclasses

    refused = dataclasses.replace(_result("/收文/a.txt"), format="x" * 500)  # over the column's width
    if store.engine.dialect.name == "sqlite":
        pytest.skip("SQLite stores a value of any width: nothing to refuse")
    stored = store.save(refused, run_id, "k")
    assert (stored.status, stored.error.code) == ("error", "store-failed")
    assert "无法存入结果库" in stored.error.message
    assert _rows(store)["/收文/a.txt"].error_code == "store-failed"


def test_two_batches_on_one_database_keep_one_row_per_path(inbox: Path, tmp_path: Path) -> None:
    """Two `gongwen batch` processes on one SQLite file at once: no IntegrityError, one row per path."""
    import subprocess
    import sys

    db = tmp_path / "shared.sqlite"
    for index in range(12):
        (inbox / f"{index:02d}.txt").write_text(QINGSHI.replace("50万元", f"{index + 1}0万元"), encoding="utf-8")
    gongwen = str(Path(sys.executable).parent / "gongwen")
    runs = [subprocess.Popen([gongwen, "batch", str(inbox), "--db", str(db), "--jobs", "1"], cwd=tmp_path,
                             stderr=subprocess.PIPE) for _ in range(2)]
    for process in runs:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
    store = Store(str(db))
    with Session(store.engine) as session:
        paths = session.scalars(select(DocumentRow.path)).all()
    assert len(paths) == len(set(paths)) == 15


def test_a_rerun_retries_failed_results_but_not_ordinary_read_errors(inbox: Path, store: Store, monkeypatch) -> None:
    from gongwen.pipeline import runner

    (inbox / "slow.txt").write_text(QINGSHI, encoding="utf-8")
    real = runner.process_path

    def slow(path, *args):
        if path.name == "slow.txt":
            import time
            time.sleep(30)
        return real(path, *args)

    monkeypatch.setattr(runner, "process_path", slow)
    run_batch([inbox], RunOptions(timeout=1.0), store, jobs=1)
    assert _rows(store)[str(inbox / "slow.txt")].error_code == "timeout"
    monkeypatch.setattr(runner, "process_path", real)

    seen = []
    summary = run_batch([inbox], RunOptions(timeout=60.0), store, jobs=1, on_result=lambda r: seen.append(r.path))

    assert seen == [str(inbox / "slow.txt")]  # empty.txt (empty-file) and notes.xyz are not redone
    assert summary.unchanged == 3
    assert _rows(store)[str(inbox / "slow.txt")].status == "ok"


def test_a_changed_roster_sidecar_or_companion_reprocesses_the_document(inbox: Path, store: Store, tmp_path: Path) -> None:
    from gongwen.pipeline.roster import load_roster
    from gongwen.validators.packs import load_pack

    roster_file = tmp_path / "roster.yaml"
    roster_file.write_text("government: 阳泉市城区人民政府\npeople:\n  - {name: 王某某, post: 区长}\n", encoding="utf-8")
    options = RunOptions(pack=load_pack("dongan"), roster=load_roster(roster_file))

    def redone(options: RunOptions) -> list[str]:
        seen: list[str] = []
        run_batch([inbox], options, store, jobs=1, on_result=lambda r: seen.append(Path(r.path).name))
        return seen

    assert len(redone(options)) == 3
    assert redone(options) == []
    roster_file.write_text("government: 阳泉市城区人民政府\npeople:\n  - {name: 李某某, post: 区长}\n", encoding="utf-8")
    options = RunOptions(pack=options.pack, roster=load_roster(roster_file))
    assert redone(options) == ["empty.txt", "notes.xyz", "qingshi.txt"]
    (inbox / "qingshi.approval.yaml").write_text("steps:\n  - {role: 拟稿, name: 张某某}\n", encoding="utf-8")
    assert redone(options) == ["qingshi.txt"]
    (inbox / "校舍维修资金政策解读.docx").write_bytes(b"")  # a companion a rule looks for, by name
    assert "qingshi.txt" in redone(options)


def test_the_database_password_is_never_shown(tmp_path: Path) -> None:
    from gongwen.pipeline.errors import ConfigError

    url = "postgresql+psycopg://clerk:S3cret-pw@127.0.0.1:1/nowhere"
    with pytest.raises(ConfigError) as raised:
        Store(url)
    assert "S3cret-pw" not in str(raised.value) and "***" in str(raised.value)
    sqlite = Store(str(tmp_path / "g.sqlite"))
    assert sqlite.url.startswith("sqlite:///")


def test_nightly_on_a_database_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from gongwen.pipeline.cli import main

    result = CliRunner().invoke(main, ["report", "nightly", "--db", str(tmp_path / "typo.sqlite"),
                                       "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "不存在" in result.output
    assert not (tmp_path / "typo.sqlite").exists() and not (tmp_path / "out").exists()


def test_a_store_written_by_the_previous_version_is_upgraded(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "old.sqlite"
    with sqlite3.connect(db) as connection:
        connection.executescript("""
            CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at DATETIME, finished_at DATETIME, status VARCHAR(16),
                host VARCHAR(255), pid INTEGER, pack VARCHAR(200), pack_version VARCHAR(64), tool_version VARCHAR(32),
                inputs INTEGER, processed INTEGER, unchanged INTEGER, errors INTEGER);
            CREATE TABLE documents (id INTEGER PRIMARY KEY, path VARCHAR(1000) UNIQUE, sha256 VARCHAR(64),
                cache_key VARCHAR(200), format VARCHAR(16), status VARCHAR(16), error_code VARCHAR(64),
                error_message TEXT, doc_type VARCHAR(32), title TEXT, issuer VARCHAR(200), doc_number VARCHAR(200),
                fields JSON, seconds FLOAT, processed_at DATETIME, run_id INTEGER REFERENCES runs(id));
            INSERT INTO runs (id, status, tool_version) VALUES (1, 'finished', '0.0.9');
            INSERT INTO documents (path, sha256, cache_key, status, seconds, processed_at, run_id)
                VALUES ('/收文/a.txt', 'abc', 'old', 'ok', 0, '2024-01-01', 1);
        """)
    store = Store(str(db))
    assert store.current_keys()["/收文/a.txt"].sha256 == "abc"
    store.save(_result("/收文/a.txt"), store.start_run(None, None, "0.1.0", 1), "new")
    assert len(_rows(store)) == 1


def test_cache_keys_of_a_large_folder_take_linear_time(tmp_path: Path, assert_linear) -> None:
    from gongwen.pipeline.batch import InputKeys
    from gongwen.validators.packs import load_pack

    options = RunOptions(pack=load_pack("yangquan-chengqu"))  # its regulation rules look for companion files

    def folder(n: int) -> list[Path]:
        inbox = tmp_path / f"inbox-{n}"
        inbox.mkdir()
        paths = []
        for index in range(n):
            paths.append(inbox / f"{index:05d}-请示.txt")
            paths[-1].write_text("请示", encoding="utf-8")
        (inbox / "办法-政策解读.docx").write_bytes(b"")
        return paths

    def keys(paths: list[Path]) -> None:
        input_keys = InputKeys(options, {str(path): "0" * 64 for path in paths})
        for path in paths:
            input_keys.key(path)

    assert_linear(keys, folder, 150)


def _open_store(path: str, barrier, outcomes) -> None:
    barrier.wait()
    try:
        Store(path)
        outcomes.put("ok")
    except Exception as error:  # reported to the test, which names it
        outcomes.put(repr(error))


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    failures = []
    for attempt in range(10):
        barrier, outcomes = context.Barrier(3), context.Queue()
        openers = [context.Process(target=_open_store, args=(str(tmp_path / f"new-{attempt}.sqlite"), barrier, outcomes))
                   for _ in range(3)]
        for opener in openers:
            opener.start()
        for opener in openers:
            opener.join(30)
        failures += [outcome for outcome in (outcomes.get(timeout=5) for _ in openers) if outcome != "ok"]
    assert failures == []

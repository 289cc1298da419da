"""`gongwen batch --scheduler`: the corpus on a Dask LocalCluster of two worker processes gives the
same stored results as the local process pool, every document once, and loses nothing when a
worker is killed mid-run. The store is SQLite (one machine) and PostgreSQL when
GONGWEN_TEST_POSTGRES_URL names one."""
from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gongwen.pipeline.batch import run_batch
from gongwen.pipeline.cli import main
from gongwen.pipeline.cluster import check_store_for_cluster, run_batch_on_cluster
from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.roster import load_roster
from gongwen.pipeline.runner import RunOptions, collect_inputs, input_roots
from gongwen.pipeline.store import DocumentRow, RunRow, Store
from gongwen.validators.packs import load_pack

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = REPO / "corpus" / "documents"
LOCAL = "local:2"  # what the options name; the tests hand in their own client to the same kind of cluster


@pytest.fixture(scope="module")
def client():
    import dask

    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=40)
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


@pytest.fixture(scope="module")
def options() -> RunOptions:
    return RunOptions(pack=load_pack("yangquan-chengqu"), roster=load_roster(REPO / "corpus" / "roster.yaml"),
                      roots=input_roots([DOCUMENTS]))


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path: Path, empty_postgres) -> str:
    return str(tmp_path / "cluster.sqlite") if request.param == "sqlite" else empty_postgres()


@pytest.fixture(scope="module")
def pool_results(options, tmp_path_factory) -> dict:
    """The corpus through the local process pool: what the cluster must reproduce."""
    db = str(tmp_path_factory.mktemp("pool") / "pool.sqlite")
    run_batch([DOCUMENTS], options, Store(db), jobs=2)
    return _stored(db)


def _stored(db: str) -> dict[str, tuple]:
    """path -> (status, error code, doc type, fields, findings) as the store holds them."""
    with Session(Store(db).engine) as session:
        documents = session.scalars(select(DocumentRow)).all()
        return {row.path: (row.status, row.error_code, row.doc_type, row.fields,
                           sorted((f.rule, f.severity, f.start, f.end, f.message) for f in row.findings))
                for row in documents}


def _rows_per_path(db: str) -> list[int]:
    with Session(Store(db).engine) as session:
        return list(session.scalars(select(func.count()).select_from(DocumentRow).group_by(DocumentRow.path_key)))


@pytest.mark.parametrize("input_mode", ["shared", "ship"])
def test_the_cluster_stores_what_the_process_pool_stores(client, options, pool_results, db, input_mode) -> None:
    summary = run_batch_on_cluster([DOCUMENTS], options, db, LOCAL, input_mode, client=client)
    inputs = collect_inputs([DOCUMENTS])
    assert (summary.status, summary.inputs, summary.processed, summary.unchanged) == ("finished", len(inputs),
                                                                                      len(inputs), 0)
    assert _stored(db) == pool_results
    assert _rows_per_path(db) == [1] * len(inputs)
    again = run_batch_on_cluster([DOCUMENTS], options, db, LOCAL, input_mode, client=client)
    assert (again.processed, again.unchanged) == (0, len(inputs))


def test_a_worker_killed_mid_run_loses_nothing(client, options, pool_results, db) -> None:
    worker_pids = client.run(os.getpid)
    victim = sorted(worker_pids.values())[0]
    seen = []
    killed = threading.Event()

    def kill_once(result) -> None:
        seen.append(result.path)
        if len(seen) == 5 and not killed.is_set():
            os.kill(victim, signal.SIGKILL)
            killed.set()

    summary = run_batch_on_cluster([DOCUMENTS], options, db, LOCAL, client=client, on_result=kill_once)
    assert killed.is_set()
    assert summary.status == "finished" and summary.processed == len(collect_inputs([DOCUMENTS]))
    assert _stored(db) == pool_results
    assert _rows_per_path(db) == [1] * len(pool_results)
    client.wait_for_workers(2, timeout=60)  # the nanny has started a new worker for the next tests


def test_a_document_over_its_time_limit_is_stopped_and_the_run_goes_on(client, options, tmp_path: Path) -> None:
    import dataclasses

    db = str(tmp_path / "limits.sqlite")
    hurried = dataclasses.replace(options, timeout=0.001)
    summary = run_batch_on_cluster([DOCUMENTS], hurried, db, LOCAL, client=client)
    assert summary.status == "finished" and summary.processed == summary.inputs
    with Session(Store(db).engine) as session:
        codes = list(session.scalars(select(DocumentRow.error_code)))
        assert session.scalar(select(RunRow.status)) == "finished"
    assert len(codes) == summary.inputs and codes.count("timeout") > summary.inputs // 2


def test_a_sqlite_store_is_refused_for_a_remote_scheduler(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="PostgreSQL"):
        check_store_for_cluster(str(tmp_path / "g.sqlite"), "tcp://127.0.0.1:8786")
    check_store_for_cluster(str(tmp_path / "g.sqlite"), "local:2")
    check_store_for_cluster("postgresql+psycopg://u:p@db.example/gongwen", "tcp://127.0.0.1:8786")
    result = CliRunner().invoke(main, ["batch", str(DOCUMENTS), "--db", str(tmp_path / "g.sqlite"),
                                       "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "PostgreSQL" in result.output
    assert not (tmp_path / "g.sqlite").exists()


def test_a_malformed_scheduler_is_explained(tmp_path: Path) -> None:
    for scheduler in ("local:zero", "local:0", "127.0.0.1:8786"):
        result = CliRunner().invoke(main, ["batch", str(DOCUMENTS), "--db", str(tmp_path / "g.sqlite"),
                                           "--scheduler", scheduler])
        assert result.exit_code == 2 and "格式有误" in result.output, (scheduler, result.output)


def test_a_killed_client_loses_nothing_and_the_rerun_skips_what_is_stored(client, pool_results, empty_postgres,
                                                                         tmp_path: Path) -> None:
    """The command is killed (SIGKILL) while the cluster works for it: what was stored stays, the
    same command again does only the rest, and the store ends as the process pool's."""
    import subprocess
    import sys
    import time

    db = empty_postgres()
    command = [str(Path(sys.executable).with_name("gongwen")), "batch", str(DOCUMENTS), "--rules", "yangquan-chengqu",
               "--roster", str(REPO / "corpus" / "roster.yaml"), "--db", db, "--scheduler", client.scheduler.address]
    first = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    stored_at_kill = 0
    while time.monotonic() < deadline and first.poll() is None:
        stored_at_kill = _count_stored(db)
        if stored_at_kill >= 5:
            first.kill()
            break
        time.sleep(0.05)
    assert first.wait(timeout=30) == -signal.SIGKILL, first.stderr.read().decode()
    assert 5 <= stored_at_kill < len(pool_results)
    time.sleep(2)  # chunks the cluster was running when the client died may still store theirs

    stored_before_rerun = _count_stored(db)
    again = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    with Session(Store(db).engine) as session:
        last = session.scalars(select(RunRow).order_by(RunRow.id.desc())).first()
        assert (last.status, last.inputs) == ("finished", len(pool_results))
        assert last.unchanged >= stored_before_rerun and last.processed + last.unchanged == len(pool_results)
    assert _stored(db) == pool_results
    assert _rows_per_path(db) == [1] * len(pool_results)


def _count_stored(db: str) -> int:
    with Session(Store(db).engine) as session:
        return session.scalar(select(func.count()).select_from(DocumentRow))


def test_the_client_keeps_a_bounded_number_of_documents_in_flight(client, options, tmp_path: Path, monkeypatch) -> None:
    from gongwen.pipeline import cluster

    submitted: dict[str, int] = {}
    done: set[str] = set()
    most = 0
    real_submit = cluster._submit

    def counting_submit(client_, running, chunk, plugin_name):
        for task in chunk:
            submitted[task.path] = 1
        return real_submit(client_, running, chunk, plugin_name)

    def on_result(result) -> None:
        nonlocal most
        most = max(most, len(submitted.keys() - done))
        done.add(result.path)

    monkeypatch.setattr(cluster, "_submit", counting_submit)
    summary = run_batch_on_cluster([DOCUMENTS], options, str(tmp_path / "bounded.sqlite"), LOCAL, "ship",
                                   on_result=on_result, client=client)
    threads = sum(client.nthreads().values())
    chunk = cluster._chunk_size(summary.inputs, threads)
    assert summary.status == "finished" and len(submitted) == summary.inputs
    assert 0 < most <= cluster.IN_FLIGHT_PER_THREAD * threads * chunk < summary.inputs


def test_chunks_hold_a_bounded_number_of_documents_and_bytes() -> None:
    from gongwen.pipeline.cluster import MAX_CHUNK_BYTES, DocumentTask, ShippedFile, _chunks
    from gongwen.pipeline.model import DocResult

    sizes = [10, MAX_CHUNK_BYTES // 2, MAX_CHUNK_BYTES // 2, 10, MAX_CHUNK_BYTES * 2, 10, 10, 10, 10]
    items = [DocumentTask(f"d{index}", f"/d{index}", "k", "h", (ShippedFile(f"d{index}", b"x" * size),))
             for index, size in enumerate(sizes)]
    answered = DocResult("refused", None, "error")
    chunks = list(_chunks(iter([*items[:3], answered, *items[3:]]), 3))
    assert answered in chunks
    groups = [chunk for chunk in chunks if chunk is not answered]
    assert [task.path for group in groups for task in group] == [task.path for task in items]
    for group in groups:
        weight = sum(len(file.data) for task in group for file in task.shipped)
        assert len(group) <= 3 and (weight <= MAX_CHUNK_BYTES or len(group) == 1)

"""The runner: inputs, per-document time and memory limits enforced by killing the worker, failures
that cost one document, not the run."""
import faulthandler
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gongwen.pipeline import runner
from gongwen.pipeline.runner import RunOptions, collect_inputs, process_path, run

MEMO = "区人民政府：\n特此报告。"


def test_collect_inputs_walks_folders_and_keeps_unsupported_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("a.docx", "a.approval.yaml", "notes.xyz", ".hidden.txt", "sub/b.txt", ".git/config"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in collect_inputs([tmp_path])] == [
        "a.docx", "notes.xyz", "sub/b.txt"]


def _folder(tmp_path: Path, count: int) -> list[Path]:
    for index in range(count):
        (tmp_path / f"{index:02d}.txt").write_text(MEMO, encoding="utf-8")
    return collect_inputs([tmp_path])


def test_a_document_stuck_where_no_signal_reaches_is_killed_at_its_limit(tmp_path: Path, monkeypatch) -> None:
    """SIGALRM cannot stop this document (it ignores the alarm, like native code that never returns
    to Python); the supervised worker is killed instead, and the other document is unaffected."""
    real = runner.process_path

    def stuck(path, *args):
        if path.name == "00.txt":
            signal.signal(signal.SIGALRM, signal.SIG_IGN)
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return real(path, *args)

    monkeypatch.setattr(runner, "process_path", stuck)
    started = time.perf_counter()
    results = run(_folder(tmp_path, 2), RunOptions(timeout=1.0), jobs=2)
    assert time.perf_counter() - started < 15
    assert [(r.status, r.error.code if r.error else None) for r in results] == [("error", "timeout"), ("ok", None)]
    assert "00.txt" in results[0].error.message and "1 秒" in results[0].error.message


def test_a_document_over_the_memory_cap_is_too_large_and_the_batch_goes_on(tmp_path: Path, monkeypatch) -> None:
    def greedy(path):
        if path.name == "01.txt":
            hoard = bytearray(600 * 1024 * 1024)  # a reader allocating what a hostile file asks for
            return hoard
        return real_read(path)

    real_read = runner.read_document
    monkeypatch.setattr(runner, "read_document", greedy)
    results = run(_folder(tmp_path, 3), RunOptions(memory_mb=256), jobs=1)
    assert [r.status for r in results] == ["ok", "error", "ok"]
    assert results[1].error.code == "too-large"
    assert "内存" in results[1].error.message and "256 MB" in results[1].error.message


@pytest.mark.parametrize("death", ["sigkill", "abort"])
def test_a_worker_that_dies_costs_only_the_document_it_was_running(tmp_path: Path, monkeypatch, death) -> None:
    real = runner.process_path

    def fatal(path, *args):
        if path.name == "03.txt":
            if death == "sigkill":
                os.kill(os.getpid(), signal.SIGKILL)  # the OOM killer
            faulthandler.disable()  # pytest's traceback dump is noise here
            os.abort()  # a native library aborting
        return real(path, *args)

    monkeypatch.setattr(runner, "process_path", fatal)
    results = run(_folder(tmp_path, 9), RunOptions(), jobs=2)  # 9 inputs: more than one per worker
    assert len(results) == 9
    failed = [r for r in results if r.status == "error"]
    assert [(Path(r.path).name, r.error.code) for r in failed] == [("03.txt", "internal")]
    assert "SIGKILL" in failed[0].error.message or "SIGABRT" in failed[0].error.message


def test_a_crash_in_a_small_batch_keeps_the_finished_documents(tmp_path: Path, monkeypatch) -> None:
    real = runner.process_path

    def fatal(path, *args):
        if path.name == "01.txt":
            faulthandler.disable()
            os.abort()
        return real(path, *args)

    monkeypatch.setattr(runner, "process_path", fatal)
    results = run(_folder(tmp_path, 3), RunOptions(), jobs=1)
    assert [r.status for r in results] == ["ok", "error", "ok"]


WORKER_SCRIPT = """
import os, sys, time
from pathlib import Path
from gongwen.pipeline import runner

def slow(path, *args):
    Path(sys.argv[2], str(os.getpid())).touch()
    time.sleep(60)

runner.process_path = slow
runner.run(runner.collect_inputs([sys.argv[1]]), runner.RunOptions(), jobs=2)
"""


def test_workers_do_not_outlive_a_killed_parent(tmp_path: Path) -> None:
    inbox, pids = tmp_path / "inbox", tmp_path / "pids"
    inbox.mkdir(), pids.mkdir()
    _folder(inbox, 2)
    parent = subprocess.Popen([sys.executable, "-c", WORKER_SCRIPT, str(inbox), str(pids)])
    deadline = time.monotonic() + 30
    while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = [int(p.name) for p in pids.iterdir()]
    assert len(workers) == 2
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_a_bug_in_a_stage_costs_one_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "good.txt"
    good.write_text("区人民政府：\n特此报告。", encoding="utf-8")

    def broken(doc, *args):
        raise ValueError("boom")

    monkeypatch.setattr(runner, "extract", broken)
    result = process_path(good)
    assert (result.status, result.error.code) == ("error", "internal")
    assert "ValueError" in result.error.message and "good.txt" in result.error.message


def test_results_are_sorted_by_path_whatever_the_order(tmp_path: Path) -> None:
    for name in ("c.txt", "a.txt", "b.txt"):
        (tmp_path / name).write_text("区人民政府：\n特此报告。", encoding="utf-8")
    results = run(collect_inputs([tmp_path])[::-1], RunOptions(), jobs=1)
    assert [Path(r.path).name for r in results] == ["a.txt", "b.txt", "c.txt"]


def test_a_worker_pool_called_from_a_thread_pool_keeps_its_processes(tmp_path: Path, monkeypatch, caplog) -> None:
    """The service and the Dask workers call ``WorkerPool.process`` from ThreadPoolExecutor threads,
    more at once than the pool has processes. A process replaced after its quota of documents, and
    the processes of a pool whose first caller was a thread since gone, must not break the pool:
    every document is processed by the same pool, and no restart is logged."""
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(runner, "TASKS_PER_WORKER", 3)
    pool = runner.WorkerPool(RunOptions(), 1)
    paths = _folder(tmp_path, 12)
    try:
        first = pool._pool
        with ThreadPoolExecutor(max_workers=1) as starter:  # a caller thread that ends at once
            assert starter.submit(pool.process, paths[0]).result()[0].status == "ok"
        time.sleep(0.2)
        with ThreadPoolExecutor(max_workers=3) as callers:
            results = list(callers.map(lambda path: pool.process(path)[0], paths))
        assert [result.status for result in results] == ["ok"] * len(paths)
        assert pool._pool is first and "broke" not in caplog.text
    finally:
        pool.close()

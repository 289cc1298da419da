"""The runner: inputs, per-document time limit, failures that cost one document, not the run."""
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from gongwen.pipeline import runner
from gongwen.pipeline.runner import RunOptions, collect_inputs, process_path, process_with_limit, run


def test_collect_inputs_walks_folders_and_keeps_unsupported_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("a.docx", "a.approval.yaml", "notes.xyz", ".hidden.txt", "sub/b.txt", ".git/config"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in collect_inputs([tmp_path])] == [
        "a.docx", "notes.xyz", "sub/b.txt"]


def test_a_slow_document_gets_a_timeout_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(path, *args):
        time.sleep(5)

    monkeypatch.setattr(runner, "process_path", slow)
    result = process_with_limit(tmp_path / "slow.docx", RunOptions(timeout=0.2))
    assert (result.status, result.error.code) == ("error", "timeout")
    assert "slow.docx" in result.error.message


def test_a_bug_in_a_stage_costs_one_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "good.txt"
    good.write_text("区人民政府：\n特此报告。", encoding="utf-8")

    def broken(doc, *args):
        raise ValueError("boom")

    monkeypatch.setattr(runner, "extract", broken)
    result = process_path(good)
    assert (result.status, result.error.code) == ("error", "internal")
    assert "ValueError" in result.error.message and "good.txt" in result.error.message


def test_a_dead_worker_costs_its_document_an_internal_status() -> None:
    future: Future = Future()
    future.set_exception(RuntimeError("worker died"))
    result = runner._result_or_crash(future, Path("x.pdf"))
    assert (result.status, result.error.code) == ("error", "internal")


def test_results_are_sorted_by_path_whatever_the_order(tmp_path: Path) -> None:
    for name in ("c.txt", "a.txt", "b.txt"):
        (tmp_path / name).write_text("区人民政府：\n特此报告。", encoding="utf-8")
    results = run(collect_inputs([tmp_path])[::-1], RunOptions(), jobs=1)
    assert [Path(r.path).name for r in results] == ["a.txt", "b.txt", "c.txt"]

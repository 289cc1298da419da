"""The acceptance scenario at small scale: ordinary documents with hostile entries among them (a FIFO,
corrupt files, a GBK name, documents that hang, abort their worker or exhaust memory), one worker
killed with SIGKILL midway; every input is stored exactly once with a status and the rerun retries
exactly the failed results."""
from pathlib import Path

import pytest

from corpus.bench.generate import generate_corpus
from corpus.bench.hostile import ABORT, HANG, HOG, add_hostile_files, install_hooks, run_scenario
from gongwen.pipeline import runner
from gongwen.pipeline.paths import from_stored


@pytest.mark.slow
def test_hostile_folder_with_a_killed_worker(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "inbox"
    generate_corpus(folder / "documents", 20, jobs=1)
    hostile = add_hostile_files(folder)
    monkeypatch.setattr(runner, "process_path", runner.process_path)  # restored after the hooks below
    install_hooks()

    outcome = run_scenario(folder, str(tmp_path / "h.sqlite"), jobs=2, kill_after=6)

    first, rows = outcome["first"], outcome["rows"]
    assert first.inputs >= 20 + len(hostile) and first.status == "finished"
    assert len(rows) == first.inputs and set(outcome["rows_per_input"]) == {1} and not outcome["stored_not_input"]
    assert outcome["killed"], "a worker was killed"
    codes = {Path(from_stored(raw)).name: code for raw, _, code in rows}
    assert (codes[HANG], codes[ABORT], codes[HOG]) == ("timeout", "internal", "too-large")
    assert codes["pipe-0.docx"] == codes["zero.txt"] == codes["passwd.txt"] == codes["loop-a.txt"] == "unreadable"
    assert outcome["retried"] == outcome["failed"]
    assert outcome["second"].status == "finished"

"""A batch of ordinary documents with hostile files among them, one worker killed midway, then a rerun.

Checks the batch's promises at scale: every input is stored exactly once with a status, a killed
worker costs only the document it was running, and the rerun retries exactly the failed results
(internal, timeout, too-large from the memory cap) and nothing else.

Usage: python -m corpus.bench.hostile [-n 2000] [--dir DIR] [--jobs N]

The documents that crash, hang or exhaust memory do so through a hook set on the runner in this
process (workers are forked from it): test input, never a path through the shipped code.
"""
from __future__ import annotations

import argparse
import faulthandler
import os
import resource
import signal
import socket
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gongwen.pipeline import runner
from gongwen.pipeline.batch import RETRIED_CODES, run_batch
from gongwen.pipeline.paths import from_stored, shown
from gongwen.pipeline.runner import RunOptions, collect_inputs, input_roots
from gongwen.pipeline.store import DocumentRow, Store

MEMO = "区人民政府：\n现将有关情况报告如下。\n特此报告。\n\n阳泉市城区教育局\n2024年3月5日\n"
HANG, ABORT, HOG = "hook-hang.txt", "hook-abort.txt", "hook-memory.txt"
HOOK_TIMEOUT = 5.0
HOOK_MEMORY_MB = 256


def add_hostile_files(folder: Path) -> list[str]:
    """Write 40 hostile entries into ``folder`` (a ``hostile`` subfolder) and name each."""
    bad = folder / "hostile"
    bad.mkdir(parents=True, exist_ok=True)
    made: list[str] = []

    def add(name: str, data: bytes | None = None) -> Path:
        path = bad / name
        if data is not None:
            path.write_bytes(data)
        made.append(name)
        return path

    for index in range(3):
        os.mkfifo(add(f"pipe-{index}.docx"))
    socket.socket(socket.AF_UNIX).bind(str(add("socket.txt")))
    add("zero.txt").symlink_to("/dev/zero")
    add("passwd.txt").symlink_to("/etc/passwd")
    add("loop-a.txt").symlink_to("loop-b.txt")
    add("loop-b.txt").symlink_to("loop-a.txt")
    add("dangling.pdf").symlink_to("no-such-file.pdf")
    for index in range(5):
        add(f"corrupt-{index}.docx", b"PK\x03\x04" + os.urandom(200))
        add(f"corrupt-{index}.pdf", b"%PDF-1.7\n" + os.urandom(200))
    for index in range(3):
        add(f"empty-{index}.txt", b"")
        add(f"random-{index}.txt", os.urandom(2000))
        add(f"corrupt-{index}.ofd", b"PK\x03\x04" + os.urandom(300))
        add(f"nested-{index}.html", b"<div>" * 100_000 + "通知正文".encode("utf-8"))
    add("nul.txt", MEMO.replace("现将", "现\x00将").encode("utf-8"))
    add(("关于申请拨付校舍维修资金" * 7)[:81] + ".txt", MEMO.encode("utf-8"))
    gbk = os.fsencode(bad) + b"/" + "关于维修资金的请示.txt".encode("gbk")
    Path(os.fsdecode(gbk)).write_bytes(MEMO.encode("utf-8"))
    made.append(os.fsdecode(gbk).rsplit("/", 1)[1])
    add("unsupported.xyz", b"?")
    add("fake.docx", b"not a zip at all")
    with zipfile.ZipFile(add("bomb.docx"), "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", b"<" + b"a" * (300 * 1024 * 1024) + b">")
    for name in (HANG, ABORT, HOG):
        add(name, MEMO.encode("utf-8"))
    (bad / "draft.gongwen.docx").write_bytes(b"an annotated copy: not an input")
    return made


def install_hooks() -> None:
    """Make three named documents hang, abort their worker and exhaust memory (see module doc)."""
    real = runner.process_path

    def hostile(path, *args):
        if path.name == HANG:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(3600)
        if path.name == ABORT:
            faulthandler.disable()  # no traceback dump from a test runner's handler
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            # a real crash comes part-way through reading; one at the very first instruction races
            # pebble 5.2 (its pool thread can see the worker dead before its message thread reads
            # the worker's "started" note, and the task then ends as a timeout, not as a crash)
            time.sleep(0.5)
            os.abort()
        if path.name == HOG:
            hoard = [bytearray(1024 * 1024) for _ in range(4 * HOOK_MEMORY_MB)]
            del hoard
        return real(path, *args)

    runner.process_path = hostile


def _worker_pids() -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        children += [int(pid) for pid in (task / "children").read_text().split()]
    return children


def run_scenario(folder: Path, db: str, jobs: int, kill_after: int) -> dict:
    """Two batches over ``folder``; a worker is killed with SIGKILL after ``kill_after`` results."""
    store = Store(db)
    options = RunOptions(timeout=HOOK_TIMEOUT, memory_mb=HOOK_MEMORY_MB, roots=input_roots([folder]))
    seen = 0
    killed: list[int] = []

    def kill_one_worker(result) -> None:
        nonlocal seen
        seen += 1
        if seen == kill_after and not killed:
            pids = _worker_pids()
            if pids:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

    first = run_batch([folder], options, store, jobs, on_result=kill_one_worker)
    with Session(store.engine) as session:
        rows = session.execute(select(DocumentRow.raw_path, DocumentRow.status, DocumentRow.error_code)).all()
    stored = Counter(from_stored(raw) for raw, _, _ in rows)
    inputs = [str(path) for path in collect_inputs([folder])]
    failed = sorted(from_stored(raw) for raw, _, code in rows if code in RETRIED_CODES)
    retried: list[str] = []
    second = run_batch([folder], options, store, jobs, on_result=lambda result: retried.append(result.path))
    return {"first": first, "second": second, "rows": rows, "failed": failed, "retried": sorted(retried),
            "killed": killed, "rows_per_input": Counter(stored[path] for path in inputs),
            "stored_not_input": sorted(set(stored) - set(inputs))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="ordinary documents from the bench generator")
    parser.add_argument("--dir", default=None, help="work folder (default: a temporary one)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    from corpus.bench.generate import generate_corpus

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(args.dir or temporary)
        folder = work / "inbox"
        generate_corpus(folder / "documents", args.n)
        hostile = add_hostile_files(folder)
        install_hooks()
        started = time.perf_counter()
        outcome = run_scenario(folder, str(work / "hostile.sqlite"), args.jobs, kill_after=args.n // 3)
        first, second, rows = outcome["first"], outcome["second"], outcome["rows"]
        statuses = Counter(code or status for _, status, code in rows)
        print(f"inputs: {first.inputs} ({args.n} generated documents + {len(hostile)} hostile entries "
              f"; the annotated copy is not an input)")
        print(f"first run: {first.status}, processed {first.processed}, errors {first.errors}, "
              f"{first.seconds:.1f} s; worker killed with SIGKILL: pid {outcome['killed'] or 'none'}")
        print(f"stored rows: {len(rows)}")
        print("statuses: " + ", ".join(f"{code} {count}" for code, count in sorted(statuses.items())))
        print(f"rows per input path: {dict(outcome['rows_per_input'])} (rows -> how many inputs); "
              f"rows for no input: {len(outcome['stored_not_input'])}")
        print(f"failed after the first run (internal/timeout/too-large/store-failed): {len(outcome['failed'])}")
        for raw, status, code in sorted(rows):
            if code in RETRIED_CODES:
                print(f"  {code:<12} {shown(Path(from_stored(raw)).name)}")
        print(f"rerun: {second.status}, processed {second.processed}, unchanged {second.unchanged}")
        print(f"rerun retried exactly the failed ones: {outcome['retried'] == outcome['failed']}")
        print(f"total {time.perf_counter() - started:.1f} s")
        ok = (len(rows) == first.inputs and set(outcome["rows_per_input"]) == {1}
              and outcome["retried"] == outcome["failed"] and first.status == second.status == "finished")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Batch intake: process a folder into the store, incrementally and safely interruptible.

A document whose content hash and cache key (rule-pack version + tool version) are unchanged is not
processed again. Results are written in small transactions as they arrive, so a run killed midway
and started again finishes the rest and loses nothing.
"""
from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gongwen.pipeline import __version__
from gongwen.pipeline.model import DocResult
from gongwen.pipeline.runner import RunOptions, collect_inputs, iter_results
from gongwen.pipeline.store import Store

SAVE_EVERY_DOCUMENTS = 25
SAVE_EVERY_SECONDS = 1.0


@dataclass(frozen=True)
class BatchSummary:
    run_id: int
    inputs: int
    processed: int
    unchanged: int
    errors: int
    seconds: float
    status: str  # finished | interrupted


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def cache_key(options: RunOptions) -> str:
    pack_version = getattr(options.pack, "version", "none")
    return f"{pack_version}/{__version__}"


def run_batch(paths: list[str | Path], options: RunOptions, store: Store, jobs: int | None = None,
              on_result: Callable[[DocResult], None] | None = None,
              on_unchanged: Callable[[int], None] | None = None) -> BatchSummary:
    """Process the inputs below ``paths`` that changed since the store last saw them.

    ``on_unchanged(count)`` is told once how many inputs are skipped; ``on_result`` hears of each
    processed document as it finishes (progress reporting)."""
    started = time.perf_counter()
    inputs = collect_inputs(paths)
    key = cache_key(options)
    known = store.current_keys()
    hashes = {str(path): file_sha256(path) for path in inputs}
    todo = [path for path in inputs if known.get(str(path)) != (hashes[str(path)], key)]
    if on_unchanged:
        on_unchanged(len(inputs) - len(todo))
    pack = options.pack
    run_id = store.start_run(getattr(pack, "name", None), getattr(pack, "version", None), __version__, len(inputs))
    processed = errors = 0
    pending: list[DocResult] = []
    last_save = time.perf_counter()
    status = "interrupted"
    try:
        for result in iter_results(todo, options, jobs):
            # a file that failed before it was read still gets its hash, so an unchanged failure is not redone
            result = dataclasses.replace(result, sha256=result.sha256 or hashes.get(result.path, ""))
            processed += 1
            errors += result.status == "error"
            pending.append(result)
            if on_result:
                on_result(result)
            if len(pending) >= SAVE_EVERY_DOCUMENTS or time.perf_counter() - last_save > SAVE_EVERY_SECONDS:
                store.save(pending, run_id, key)
                pending, last_save = [], time.perf_counter()
        status = "finished"
    finally:
        store.save(pending, run_id, key)
        store.finish_run(run_id, status, processed, len(inputs) - len(todo), errors)
    return BatchSummary(run_id, len(inputs), processed, len(inputs) - len(todo), errors,
                        time.perf_counter() - started, status)

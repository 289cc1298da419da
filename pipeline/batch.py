"""Batch intake: process a folder into the store, incrementally and safely interruptible.

A document is processed again when any input of its result changed: its content, the rule pack,
the tool version, the roster, its approval sidecar, or the companion files beside it that the
pack's rules look for (a 政策解读 next to a draft 办法). A result that failed for a reason that may
pass (``RETRIED_CODES``: a crash, the time limit, the memory cap, a row the store refused) is tried
again on every run; an ordinary read error of an unchanged file (corrupt-file …) is not. Each
result is stored as soon as its document is done, so a run killed midway and started again
finishes the rest and loses nothing.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gongwen.pipeline import __version__
from gongwen.pipeline.companions import companion_files, companion_keywords
from gongwen.pipeline.model import DocResult
from gongwen.pipeline.runner import RunOptions, collect_inputs, iter_results
from gongwen.pipeline.store import Store

RETRIED_CODES = frozenset({"internal", "timeout", "too-large", "store-failed"})


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
    """The content digest of a regular file; "" for anything else (a FIFO, a device: never waited
    on or read) and for a file that cannot be read."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return ""
    with open(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return ""
        digest = hashlib.sha256()
        try:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        except OSError:
            return ""
    return digest.hexdigest()


class InputKeys:
    """The cache key of each input: a digest of everything its result depends on."""

    def __init__(self, options: RunOptions, hashes: dict[str, str]) -> None:
        self.hashes = hashes
        self.common = {"pack": getattr(options.pack, "version", None), "tool": __version__,
                       "roster": hashlib.sha256(repr(options.roster).encode()).hexdigest() if options.roster else None}
        self.companion_keywords = companion_keywords(options.pack)

    def key(self, path: Path) -> str:
        """Hashes the very files ingest hands the document's stages (``pipeline.companions``)."""
        sidecar, siblings = companion_files(path, self.companion_keywords)
        parts = dict(self.common, document=self.hashes[str(path)],
                     sidecar=self._sha256(sidecar) if sidecar is not None else None,
                     companions=[(sibling.name, self._sha256(sibling)) for sibling in siblings])
        return hashlib.sha256(json.dumps(parts, ensure_ascii=True, sort_keys=True).encode()).hexdigest()

    def _sha256(self, path: Path) -> str:
        known = self.hashes.get(str(path))
        return known if known is not None else file_sha256(path)


@dataclass(frozen=True)
class BatchPlan:
    """What a batch has to do: every input, and those whose stored result is missing, stale or
    failed for a passing cause, each with the cache key it will be stored under."""

    inputs: list[Path]
    hashes: dict[str, str]  # str(path) -> content digest
    input_keys: dict[str, str]  # str(path) -> cache key
    todo: list[Path]

    @property
    def unchanged(self) -> int:
        return len(self.inputs) - len(self.todo)


def plan_batch(paths: list[str | Path], options: RunOptions, store: Store) -> BatchPlan:
    inputs = collect_inputs(paths)
    hashes = {str(path): file_sha256(path) for path in inputs}
    keys = InputKeys(options, hashes)
    input_keys = {str(path): keys.key(path) for path in inputs}
    known = store.current_keys()
    todo = [path for path in inputs if _stale(known.get(str(path)), hashes[str(path)], input_keys[str(path)])]
    return BatchPlan(inputs, hashes, input_keys, todo)


def run_batch(paths: list[str | Path], options: RunOptions, store: Store, jobs: int | None = None,
              on_result: Callable[[DocResult], None] | None = None,
              on_unchanged: Callable[[int], None] | None = None) -> BatchSummary:
    """Process the inputs below ``paths`` whose result is missing, stale or failed for a passing cause.

    ``on_unchanged(count)`` is told once how many inputs are skipped; ``on_result`` hears of each
    processed document as it is stored (progress reporting)."""
    started = time.perf_counter()
    plan = plan_batch(paths, options, store)
    if on_unchanged:
        on_unchanged(plan.unchanged)
    pack = options.pack
    run_id = store.start_run(getattr(pack, "name", None), getattr(pack, "version", None), __version__, len(plan.inputs))
    processed = errors = 0
    status = "interrupted"
    try:
        for result in iter_results(plan.todo, options, jobs):
            # a file that failed before it was read still gets its hash, so an unchanged failure is not redone
            result = dataclasses.replace(result, sha256=result.sha256 or plan.hashes.get(result.path, ""))
            result = store.save(result, run_id, plan.input_keys[result.path])
            processed += 1
            errors += result.status == "error"
            if on_result:
                on_result(result)
        if processed == len(plan.todo):
            status = "finished"
    finally:
        store.finish_run(run_id, status, processed, plan.unchanged, errors)
    return BatchSummary(run_id, len(plan.inputs), processed, plan.unchanged, errors,
                        time.perf_counter() - started, status)


def _stale(stored, sha256: str, key: str) -> bool:
    return stored is None or (stored.sha256, stored.cache_key) != (sha256, key) or stored.error_code in RETRIED_CODES

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongwen.extractors.fields.approval import sidecar_path
from gongwen.pipeline import __version__
from gongwen.pipeline.model import DocResult
from gongwen.pipeline.paths import is_regular_file
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
        self.companion_keywords = _companion_keywords(options)
        self._companions_by_folder: dict[str, tuple[str, ...]] = {}

    def key(self, path: Path) -> str:
        sidecar = sidecar_path(path)
        parts = dict(self.common, document=self.hashes[str(path)],
                     sidecar=self._sha256(sidecar) if is_regular_file(sidecar) else None,
                     companions=[(name, self._sha256(path.parent / name)) for name in self._companions(path)])
        return hashlib.sha256(json.dumps(parts, ensure_ascii=True, sort_keys=True).encode()).hexdigest()

    def _companions(self, path: Path) -> list[str]:
        """The files beside ``path`` a companion rule could take for its material (by name, as
        validators.context does): a file added, removed or changed there changes the key."""
        if not self.companion_keywords:
            return []
        return [name for name in self._companion_names(str(path.parent)) if name != path.name]

    def _companion_names(self, folder: str) -> tuple[str, ...]:
        """The names in ``folder`` that a companion rule could take, found once per folder (a
        folder of thousands of inputs must not be scanned once per input)."""
        if folder not in self._companions_by_folder:
            self._companions_by_folder[folder] = tuple(
                name for name in _regular_files(folder)
                if any(keyword in Path(name).stem for keyword in self.companion_keywords))
        return self._companions_by_folder[folder]

    def _sha256(self, path: Path) -> str:
        known = self.hashes.get(str(path))
        return known if known is not None else file_sha256(path)


def _companion_keywords(options: RunOptions) -> tuple[str, ...]:
    if options.pack is None:
        return ()
    return tuple(sorted({keyword for rule in options.pack.active_rules()
                         for keyword in _values_of(rule.params, "companions")}))


def _values_of(params: Any, name: str) -> Iterable[str]:
    """Every string listed under ``name`` anywhere in a rule's parameters."""
    if isinstance(params, dict):
        for key, value in params.items():
            if key == name and isinstance(value, list):
                yield from (item for item in value if isinstance(item, str))
            else:
                yield from _values_of(value, name)
    elif isinstance(params, list):
        for item in params:
            yield from _values_of(item, name)


def _regular_files(folder: str) -> tuple[str, ...]:
    try:
        return tuple(sorted(entry.name for entry in os.scandir(folder) if entry.is_file()))
    except OSError:
        return ()


def run_batch(paths: list[str | Path], options: RunOptions, store: Store, jobs: int | None = None,
              on_result: Callable[[DocResult], None] | None = None,
              on_unchanged: Callable[[int], None] | None = None) -> BatchSummary:
    """Process the inputs below ``paths`` whose result is missing, stale or failed for a passing cause.

    ``on_unchanged(count)`` is told once how many inputs are skipped; ``on_result`` hears of each
    processed document as it is stored (progress reporting)."""
    started = time.perf_counter()
    inputs = collect_inputs(paths)
    hashes = {str(path): file_sha256(path) for path in inputs}
    keys = InputKeys(options, hashes)
    input_keys = {str(path): keys.key(path) for path in inputs}
    known = store.current_keys()
    todo = [path for path in inputs if _stale(known.get(str(path)), hashes[str(path)], input_keys[str(path)])]
    if on_unchanged:
        on_unchanged(len(inputs) - len(todo))
    pack = options.pack
    run_id = store.start_run(getattr(pack, "name", None), getattr(pack, "version", None), __version__, len(inputs))
    processed = errors = 0
    status = "interrupted"
    try:
        for result in iter_results(todo, options, jobs):
            # a file that failed before it was read still gets its hash, so an unchanged failure is not redone
            result = dataclasses.replace(result, sha256=result.sha256 or hashes.get(result.path, ""))
            result = store.save(result, run_id, input_keys[result.path])
            processed += 1
            errors += result.status == "error"
            if on_result:
                on_result(result)
        if processed == len(todo):
            status = "finished"
    finally:
        store.finish_run(run_id, status, processed, len(inputs) - len(todo), errors)
    return BatchSummary(run_id, len(inputs), processed, len(inputs) - len(todo), errors,
                        time.perf_counter() - started, status)


def _stale(stored, sha256: str, key: str) -> bool:
    return stored is None or (stored.sha256, stored.cache_key) != (sha256, key) or stored.error_code in RETRIED_CODES

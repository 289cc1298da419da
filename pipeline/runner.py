"""Runs the stages for each input file: ingest -> normalize -> extract -> segment -> validate.

Segmentation follows extraction because it covers only the regions the structure marks as naming
organs, posts and people (see extractors.segment), and it runs only when its result is used.

A failure in one document becomes that document's structured error; the run goes on. Every input
file appears in the result with exactly one status.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import signal
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from gongwen.extractors.fields import extract
from gongwen.extractors.fields.approval import sidecar_path
from gongwen.extractors.normalize import normalize
from gongwen.extractors.readers import SUPPORTED_SUFFIXES, read_document
from gongwen.pipeline.errors import IngestError, make_error
from gongwen.pipeline.model import DocResult, Document, Entity, Fields, RequestItem
from gongwen.pipeline.roster import Roster
from gongwen.validators.engine import validate
from gongwen.validators.packs import Pack

log = logging.getLogger("gongwen.runner")

SIDECAR_SUFFIX = ".approval.yaml"
PARALLEL_THRESHOLD = 8


@dataclass(frozen=True)
class RunOptions:
    roster: Roster | None = None
    pack: Pack | None = None  # None: extract only
    keep_document: bool = False
    timeout: float | None = None  # seconds per document


class DocumentTimeout(BaseException):
    """Raised by the alarm inside a document's processing; a BaseException so no stage swallows it."""


def collect_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories into the files below them, sorted; hidden entries and sidecars are not inputs.

    Files with an unsupported suffix are kept: they get an ``unsupported-format`` status rather than
    vanishing from the report.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / name for name in sorted(files) if _is_input(name))
        else:
            found.append(path)
    return sorted(dict.fromkeys(found), key=lambda p: str(p))


def _is_input(name: str) -> bool:
    return not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX)


def process_path(path: str | Path, roster: Roster | None = None, pack: Pack | None = None,
                 keep_document: bool = False) -> DocResult:
    path = Path(path)
    timings: dict[str, float] = {}
    fmt = path.suffix.lower().lstrip(".") if path.suffix.lower() in SUPPORTED_SUFFIXES else None
    sha256 = ""
    try:
        raw = _timed(timings, "read", read_document, path)
        sha256, fmt = raw.sha256, raw.format
        doc = _timed(timings, "normalize", normalize, raw)
        doc = _timed(timings, "extract", extract, doc, roster, sidecar_path(path))
        if needs_segmentation(pack):
            doc = _timed(timings, "segment", _segment, doc, roster.names() if roster else ())
        findings = ()
        if pack is not None:
            findings = _timed(timings, "validate", validate, doc, pack, roster)
    except IngestError as error:
        return DocResult(str(path), fmt, "error", error.to_error(), sha256=sha256, timings=timings)
    except Exception as error:  # a bug must cost one document, not the batch
        log.exception("internal error on %s", path)
        reason = f"{type(error).__name__}: {error}"
        return DocResult(str(path), fmt, "error", make_error("internal", path, reason=reason),
                         sha256=sha256, timings=timings)
    entities = tuple(Entity(e.label, e.text, *doc.to_original(e.start, e.end)) for e in doc.entities)
    return DocResult(str(path), fmt, "ok", None, fields=_fields_in_original(doc), findings=findings,
                     entities=entities, sha256=sha256, timings=timings,
                     document=doc if keep_document else None)


def _segment(doc: Document, roster_names) -> Document:
    # Imported on first use: spaCy and jieba's dictionary cost a cold start well over a second.
    from gongwen.extractors.segment import segment

    return segment(doc, roster_names)


def _load_segmenter(options: RunOptions) -> None:
    """Load jieba and spaCy before the first document, once per process, when they will be used."""
    if needs_segmentation(options.pack):
        from gongwen.extractors.segment import get_segmenter

        get_segmenter()


def needs_segmentation(pack: Pack | None) -> bool:
    """Extraction reports show the entities; a check segments only when one of its rules reads
    tokens or entities (jieba is the pipeline's ceiling: segment only what a check needs)."""
    return pack is None or bool(pack.requires() & {"tokens", "entities"})


def _timed(timings: dict[str, float], stage: str, func, *args):
    started = time.perf_counter()
    result = func(*args)
    timings[stage] = time.perf_counter() - started
    return result


def _fields_in_original(doc: Document) -> Fields:
    """Request-item offsets point into the text as written, like findings do."""
    items = tuple(RequestItem(item.text, *doc.to_original(item.start, item.end))
                  for item in doc.fields.request_items)
    return dataclasses.replace(doc.fields, request_items=items)


def process_with_limit(path: Path, options: RunOptions) -> DocResult:
    """process_path under the per-document time limit (SIGALRM: the worker's main thread)."""
    if not options.timeout:
        return process_path(path, options.roster, options.pack, options.keep_document)

    def on_alarm(signum, frame):
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, options.timeout)
    try:
        return process_path(path, options.roster, options.pack, options.keep_document)
    except DocumentTimeout:
        fmt = path.suffix.lower().lstrip(".") or None
        return DocResult(str(path), fmt, "error", make_error("timeout", path, seconds=options.timeout))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(paths: Iterable[Path], options: RunOptions = RunOptions(), jobs: int | None = None) -> list[DocResult]:
    """Process every path; results sorted by path whatever the processing order."""
    return sorted(iter_results(list(paths), options, jobs), key=lambda result: result.path)


def iter_results(paths: list[Path], options: RunOptions, jobs: int | None = None) -> Iterator[DocResult]:
    """Yield results as documents finish (in completion order when parallel)."""
    if not paths:
        return
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(paths) < PARALLEL_THRESHOLD:
        _load_segmenter(options)
        for path in paths:
            yield process_with_limit(path, options)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(options,)) as pool:
        futures = {pool.submit(_process_in_worker, path): path for path in paths}
        try:
            for future in as_completed(futures):
                # drop the finished future: a batch of thousands must not keep every result alive
                yield _result_or_crash(future, futures.pop(future))
        finally:
            for future in list(futures):
                future.cancel()


def _result_or_crash(future: Future, path: Path) -> DocResult:
    """A worker that died (e.g. a native crash) costs its documents an `internal` status, not the run."""
    try:
        return future.result()
    except Exception as error:
        log.error("worker failed on %s: %r", path, error)
        reason = f"{type(error).__name__}: {error}"
        return DocResult(str(path), None, "error", make_error("internal", path, reason=reason))


_worker_options: RunOptions | None = None


def _init_worker(options: RunOptions) -> None:
    global _worker_options
    _worker_options = options
    _load_segmenter(options)


def _process_in_worker(path: Path) -> DocResult:
    assert _worker_options is not None
    return process_with_limit(path, _worker_options)

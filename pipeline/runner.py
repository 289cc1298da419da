"""Runs the stages for each input file: ingest -> normalize -> extract -> segment -> validate, the
order ``pipeline.model``'s docstring gives.

Ingest reads the document and the files that come with it (its approval sidecar, the siblings the
pack's rules look for: ``pipeline.companions``); the stages after it (``run_stages``) work from that
alone and touch no file. Segmentation follows extraction because it covers only the regions the
structure marks as naming organs, posts and people (see extractors.segment), and it runs only when
its result is used.

Every document is processed in a supervised worker process (pebble) with a time limit and a memory
cap: a worker over either is killed and its document gets ``timeout`` or ``too-large``; a worker
that dies (a native crash, the OOM killer) costs only the document it was running, the others go
on in a fresh worker. Workers are forked from this process once the stages are imported, and die
with it. A failure in one document becomes that document's structured error; the run goes on.
Every input file appears in the result with exactly one status.
"""
from __future__ import annotations

import ctypes
import dataclasses
import errno
import logging
import multiprocessing
import os
import resource
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from queue import Queue

from pebble import CONSTS, ProcessExpired, ProcessPool

from gongwen.extractors.fields import extract
from gongwen.extractors.fields.provenance import provenance_in_original
from gongwen.extractors.normalize import normalize
from gongwen.extractors.readers import SUPPORTED_SUFFIXES, preload_parsers, read_document
from gongwen.pipeline.companions import companion_keywords, read_companions
from gongwen.pipeline.errors import IngestError, make_error
from gongwen.pipeline.model import (
    DocError, DocResult, Document, Entity, Fields, Finding, RawDocument,
)
from gongwen.pipeline.paths import absolute, shown
from gongwen.pipeline.roster import Roster
from gongwen.pipeline.safe_read import os_reason
from gongwen.validators.engine import validate
from gongwen.validators.packs import Pack

log = logging.getLogger("gongwen.runner")

SIDECAR_SUFFIX = ".approval.yaml"
ANNOTATED_SUFFIX = ".gongwen.docx"  # the copies `gongwen annotate` writes: output, not input
DEFAULT_TIMEOUT = 120.0  # seconds per document
DEFAULT_MEMORY_MB = 2048  # per document, above what the worker holds when it starts
TASKS_PER_WORKER = 200  # a worker is replaced after this many documents: memory stays flat
POOL_ATTEMPTS = 3  # a pool that breaks as a whole is started again for the documents it left
# How often pebble's pool threads look at their workers and messages (pebble's default is 0.1 s):
# closing a pool waits for both to look once more, ~0.1 s of every command's wall time by default.
POOL_POLL_SECONDS = 0.02
PR_SET_PDEATHSIG = 1  # linux/prctl.h

SPECIAL_FILE_KINDS = ((stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISSOCK, "套接字"),
                      (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"))
LOOP_REASON = "这是一个循环的符号链接（链接最终指回自身），无法读取"


@dataclass(frozen=True)
class RunOptions:
    roster: Roster | None = None
    pack: Pack | None = None  # None: extract only
    keep_document: bool = False
    timeout: float = DEFAULT_TIMEOUT  # seconds per document
    memory_mb: int = DEFAULT_MEMORY_MB  # memory per document
    roots: tuple[Path, ...] = ()  # the folders walked for inputs (see input_roots)


def collect_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories into the entries below them, sorted.

    Not inputs: hidden entries, approval sidecars and the annotated copies gongwen writes. Kept, to
    get a status rather than vanish: files with an unsupported suffix, special files (a FIFO, a
    device), a subdirectory that cannot be opened, and links whose target is outside the walked
    folder, dangling or looping (``process_path`` says why they are not read). Links to folders
    are not descended into: one inside the tree leads to files already listed.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(_walk(path))
        else:
            found.append(path)
    return sorted(dict.fromkeys(found), key=lambda p: str(p))


def _walk(top: Path) -> list[Path]:
    found: list[Path] = []
    root = top.resolve()

    def unreadable(error: OSError) -> None:  # a folder that cannot be listed is an input with a status
        if error.filename is not None:
            found.append(Path(error.filename))

    for folder, dirs, files in os.walk(top, onerror=unreadable):
        linked = [name for name in dirs if os.path.islink(os.path.join(folder, name))]
        dirs[:] = sorted(d for d in dirs if _is_input(d) and d not in linked)
        found.extend(Path(folder) / name for name in sorted(files) if _is_input(name))
        found.extend(Path(folder) / name for name in linked
                     if _is_input(name) and _link_refusal(Path(folder) / name, root) is not None)
    return found


def _is_input(name: str) -> bool:
    return not (name.startswith(".") or name.endswith(SIDECAR_SUFFIX) or name.endswith(ANNOTATED_SUFFIX))


def input_roots(paths: Iterable[str | Path]) -> tuple[Path, ...]:
    """The folders among ``paths``: links found below them must stay inside them to be read."""
    return tuple(absolute(path) for path in paths if Path(path).is_dir())


def _link_refusal(path: Path, root: Path | None) -> str | None:
    """Why the link ``path`` is not followed: it loops, dangles, or leads out of ``root`` (the
    resolved folder it was found in; None for a link named on the command line)."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # a loop, up to Python 3.12
        return LOOP_REASON
    except OSError as error:
        return LOOP_REASON if error.errno == errno.ELOOP else "这是一个符号链接，其指向的文件不存在"
    if root is not None and target != root and root not in target.parents:
        return f"这是一个指向输入文件夹之外（{shown(target)}）的符号链接，为安全起见未读取"
    return None


def _not_readable(path: Path, roots: tuple[Path, ...]) -> IngestError | None:
    """Why ``path`` is not read at all (a special file, a folder, a link leaving the input), or None."""
    try:
        if path.is_symlink():
            root = next((root for root in roots if root in absolute(path).parents), None)
            refusal = _link_refusal(path, root.resolve() if root is not None else None)
            if refusal is not None:
                return IngestError("unreadable", path, reason=refusal)
        info = path.stat()
    except OSError as error:
        return IngestError("unreadable", path, reason=os_reason(error))
    if stat.S_ISDIR(info.st_mode):
        try:
            os.scandir(path).close()
        except OSError as error:
            return IngestError("unreadable", path,
                               reason=f"这是一个无法打开的文件夹（{os_reason(error)}），其中的文件未能审查")
        return IngestError("unreadable", path, reason="这是一个文件夹，不是文件")
    for is_kind, kind in SPECIAL_FILE_KINDS:
        if is_kind(info.st_mode):
            return IngestError("unreadable", path, reason=f"这不是普通文件，而是{kind}，已跳过")
    return None


def process_path(path: str | Path, roster: Roster | None = None, pack: Pack | None = None,
                 keep_document: bool = False, roots: tuple[Path, ...] = ()) -> DocResult:
    """One document through every stage, in this process (``iter_results`` supervises it)."""
    path = Path(path)
    timings: dict[str, float] = {}
    fmt = _format(path)
    sha256 = ""
    try:
        refusal = _not_readable(path, roots)
        if refusal is not None:
            raise refusal
        raw = _timed(timings, "read", read_document, path)
        sha256, fmt = raw.sha256, raw.format
        raw = _timed(timings, "read", with_companions, raw, pack)  # still ingest: the files that come with it
        doc, findings = run_stages(raw, roster, pack, timings)
    except IngestError as error:
        return DocResult(str(path), fmt, "error", error.to_error(), sha256=sha256, timings=timings)
    except MemoryError:  # the worker's memory cap (see _init_worker)
        limit_mb = _worker_options.memory_mb if _worker_options else DEFAULT_MEMORY_MB
        return DocResult(str(path), fmt, "error", _memory_error(path, limit_mb), sha256=sha256, timings=timings)
    except Exception as error:  # a bug must cost one document, not the batch
        log.exception("internal error on %s", path)
        reason = f"{type(error).__name__}: {error}"
        return DocResult(str(path), fmt, "error", make_error("internal", path, reason=reason),
                         sha256=sha256, timings=timings)
    entities = tuple(Entity(e.label, e.text, *doc.to_original(e.start, e.end)) for e in doc.entities)
    return DocResult(str(path), fmt, "ok", None, fields=_fields_in_original(doc), findings=findings,
                     entities=entities, sha256=sha256, timings=timings,
                     document=doc if keep_document else None)


def ingest(path: Path, pack: Pack | None = None) -> RawDocument:
    """The document as read, with the files that come with it: every later stage works from this,
    never from the disk."""
    return with_companions(read_document(path), pack)


def with_companions(raw: RawDocument, pack: Pack | None = None) -> RawDocument:
    """``raw`` with its approval sidecar (text) and the siblings the pack's rules look for (names)."""
    return dataclasses.replace(raw, companions=read_companions(Path(raw.path), companion_keywords(pack)))


def run_stages(raw: RawDocument, roster: Roster | None = None, pack: Pack | None = None,
               timings: dict[str, float] | None = None) -> tuple[Document, tuple[Finding, ...]]:
    """The stages after ingest, in the order of ``pipeline.model``'s docstring. They work from
    ``raw`` alone (its companions included): none of them touches the file system."""
    timings = {} if timings is None else timings
    doc = _timed(timings, "normalize", normalize, raw)
    doc = _timed(timings, "extract", extract, doc, roster)
    if needs_segmentation(pack):
        doc = _timed(timings, "segment", _segment, doc, roster.names() if roster else ())
    findings: tuple[Finding, ...] = ()
    if pack is not None:
        findings = _timed(timings, "validate", validate, doc, pack, roster)
    return doc, findings


def _format(path: Path) -> str | None:
    return path.suffix.lower().lstrip(".") if path.suffix.lower() in SUPPORTED_SUFFIXES else None


def _memory_error(path: Path, limit_mb: int) -> DocError:
    return make_error("too-large", path, variant="memory", limit_mb=limit_mb)


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
    try:
        return func(*args)
    finally:  # a stage that fails still shows what it cost; one timed in two steps adds up
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started


def _fields_in_original(doc: Document) -> Fields:
    """Request-item and provenance offsets point into the text as written, like findings do."""
    items = tuple(dataclasses.replace(item, **dict(zip(("start", "end"), doc.to_original(item.start, item.end))))
                  for item in doc.fields.request_items)
    return dataclasses.replace(doc.fields, request_items=items,
                               provenance=provenance_in_original(doc, doc.fields.provenance))


def run(paths: Iterable[Path], options: RunOptions = RunOptions(), jobs: int | None = None,
        on_result: Callable[[DocResult], object] | None = None) -> list[DocResult]:
    """Process every path; results sorted by path whatever the processing order. ``on_result`` hears
    of each result as it finishes (a progress bar)."""
    results = []
    for result in iter_results(list(paths), options, jobs):
        results.append(result)
        if on_result is not None:
            on_result(result)
    return sorted(results, key=lambda result: result.path)


def iter_results(paths: list[Path], options: RunOptions, jobs: int | None = None) -> Iterator[DocResult]:
    """Yield one result per path as documents finish (in completion order), each processed in a
    supervised worker. A document whose worker is killed or dies gets its own status; documents a
    broken pool left unprocessed are run again in a new pool."""
    if not paths:
        return
    # before forking: every worker inherits what the parent loaded instead of loading it again
    _load_segmenter(options)
    preload_parsers(path.suffix for path in paths)
    remaining = list(paths)
    for _ in range(POOL_ATTEMPTS):
        left: list[Path] = []
        yield from _run_pool(remaining, options, min(jobs or os.cpu_count() or 1, len(remaining)), left)
        if not left:
            return
        log.warning("worker pool broke; %d documents go to a new pool", len(left))
        remaining = left
    for path in remaining:
        yield DocResult(str(path), _format(path), "error",
                        make_error("internal", path, reason="处理进程多次意外终止，未能处理该文件"))


def _run_pool(paths: list[Path], options: RunOptions, workers: int, left: list[Path]) -> Iterator[DocResult]:
    """Results of ``paths`` from one pool; the paths it could not attempt are appended to ``left``."""
    CONSTS.sleep_unit = POOL_POLL_SECONDS
    pool = ProcessPool(max_workers=workers, max_tasks=TASKS_PER_WORKER, initializer=_init_worker,
                       initargs=(options, os.getpid()), context=multiprocessing.get_context("fork"))
    futures = {pool.schedule(_process_in_worker, args=(path,), timeout=options.timeout): path for path in paths}
    try:
        for future in as_completed(futures):
            # drop the finished future: a batch of thousands must not keep every result alive
            path = futures.pop(future)
            result = _outcome(future, path, options)
            if result is None:
                left.append(path)
            else:
                yield result
    finally:
        if futures:  # stopped early (an interrupt): do not wait for the documents still running
            pool.stop()
        else:
            pool.close()
        pool.join()


class PoolClosed(Exception):
    """The pool was closed before it could process the document."""


class WorkerPool:
    """A long-lived supervised pool for a service that receives documents one at a time: the same
    time limit, memory cap and crash handling as ``iter_results``, without a pool start per document.
    ``process`` blocks its caller (a thread), never the pool: many threads may call it at once.

    The processes are forked by a thread of the pool's own that lives as long as the pool, whichever
    thread asks: a process dies with the thread that forked it (PR_SET_PDEATHSIG), and one forked
    from a ThreadPoolExecutor's thread exits with status 1 when it is replaced after
    TASKS_PER_WORKER documents (at exit it tries to join its own thread), which pebble reads as a
    broken pool."""

    def __init__(self, options: RunOptions, jobs: int | None = None) -> None:
        _load_segmenter(options)
        preload_parsers(SUPPORTED_SUFFIXES)
        self.options = options
        self.workers = jobs or os.cpu_count() or 1
        self._lock = threading.Lock()
        self._closed = False
        self._starts: Queue[Future | None] = Queue()
        threading.Thread(target=self._start_pools, name="gongwen-pool-starter", daemon=True).start()
        self._pool = self._start()

    def _start(self) -> ProcessPool:
        asked: Future = Future()
        self._starts.put(asked)
        return asked.result()

    def _start_pools(self) -> None:
        """The starter thread: starts a pool (its processes forked at once) for each request."""
        while (asked := self._starts.get()) is not None:
            try:
                CONSTS.sleep_unit = POOL_POLL_SECONDS
                pool = ProcessPool(max_workers=self.workers, max_tasks=TASKS_PER_WORKER, initializer=_init_worker,
                                   initargs=(self.options, os.getpid()), context=multiprocessing.get_context("fork"))
                pool.schedule(_started).result()  # pebble forks on the first task: here, in this thread
                asked.set_result(pool)
            except BaseException as error:  # the asking thread raises it
                asked.set_exception(error)

    def process(self, path: Path, pack: Pack | None = None,
                then: Callable[[DocResult], object] | None = None) -> tuple[DocResult, object]:
        """The result of ``path``, checked against ``pack`` when given (else the pool's own pack), and
        what ``then(result)`` made of it in the worker (None when the document's worker failed).
        ``then`` must pickle (a module-level function or a partial of one); it is where a caller
        renders what it needs from the whole result, so only the result without its document text
        comes back."""
        for _ in range(POOL_ATTEMPTS):
            with self._lock:
                if self._closed:
                    raise PoolClosed(str(path))
                pool = self._pool
                future = pool.schedule(_process_then, args=(path, pack, then), timeout=self.options.timeout)
            outcome = _outcome(future, path, self.options)
            if isinstance(outcome, tuple):
                return outcome
            if outcome is not None:
                return outcome, None
            with self._lock:
                if self._closed:  # stopped while the document ran: it was not processed
                    raise PoolClosed(str(path))
                if self._pool is pool:
                    log.warning("worker pool broke; a new one takes %s", shown(path))
                    pool.stop()
                    self._pool = self._start()
        return DocResult(str(path), _format(path), "error",
                         make_error("internal", path, reason="处理进程多次意外终止，未能处理该文件")), None

    def close(self, wait: bool = False) -> None:
        """Stop the workers; with ``wait``, only once the documents they were given are done."""
        with self._lock:
            pool = self._pool
            self._closed = True
        if wait:
            pool.close()
        else:
            pool.stop()
        pool.join()
        self._starts.put(None)


def _outcome(future: Future, path: Path, options: RunOptions) -> DocResult | None:
    """The document's result, or None when the pool broke before it could be processed."""
    fmt = _format(path)
    try:
        return future.result()
    except TimeoutError:
        return DocResult(str(path), fmt, "error", make_error("timeout", path, seconds=f"{options.timeout:g}"))
    except ProcessExpired as error:
        log.error("worker %s died on %s: exit code %s", error.pid, shown(path), error.exitcode)
        return DocResult(str(path), fmt, "error", make_error(
            "internal", path, reason=f"处理该文件的进程意外终止（{_exit_cause(error.exitcode)}）"))
    except (BrokenProcessPool, CancelledError):
        return None
    except MemoryError:  # over the cap outside the stages (sending the result back)
        return DocResult(str(path), fmt, "error", _memory_error(path, options.memory_mb))
    except Exception as error:  # e.g. a result that cannot be sent back
        log.error("worker failed on %s: %r", path, error)
        return DocResult(str(path), fmt, "error",
                         make_error("internal", path, reason=f"{type(error).__name__}: {error}"))


def _exit_cause(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"信号 {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"信号 {-exitcode}"
    return f"退出码 {exitcode}"


_worker_options: RunOptions | None = None


def _init_worker(options: RunOptions, parent_pid: int) -> None:
    """In each worker: die with the parent, cap memory, keep the options for its documents."""
    global _worker_options
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before the line above took effect
        os._exit(1)
    if options.memory_mb:
        # The cap is on address space above what the worker already maps (the forked parent's
        # modules): a Python allocation over it raises MemoryError at once, measured reliable where a
        # watchdog polling RSS lets a fast allocation overshoot between two looks.
        mapped = _mapped_bytes()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = mapped + options.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    _worker_options = options


def _mapped_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _process_in_worker(path: Path) -> DocResult:
    assert _worker_options is not None
    options = _worker_options
    return process_path(path, options.roster, options.pack, options.keep_document, options.roots)


def _started() -> None:
    """The task that makes a new pool fork its processes."""


def _process_then(path: Path, pack: Pack | None, then: Callable[[DocResult], object] | None):
    assert _worker_options is not None
    options = _worker_options
    result = process_path(path, options.roster, pack or options.pack, options.keep_document, options.roots)
    made = then(result) if then is not None else None
    return dataclasses.replace(result, document=None), made

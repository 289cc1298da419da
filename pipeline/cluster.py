"""`gongwen batch --scheduler`: the batch on a Dask cluster (dask.distributed), for an archive or a
night's intake that outgrows one machine.

Documents go to the workers in chunks of up to ``MAX_CHUNK``, a task each (a task per document
costs the scheduler and the client more than a short document costs to check). Each run registers
a worker plugin of its own (``ReviewWorker``; two batches may share a cluster), which gives every
Dask worker, once, what the local batch's processes have: the rule pack and roster, the supervised
``WorkerPool`` (the same time limit and memory cap: a document stuck past its limit has its process
killed and ends with a ``timeout`` status while the run goes on) with jieba and spaCy loaded before
it forks, and a connection to the store. The worker stores each document's result in one small
transaction as soon as it is known and hands the client back only slim receipts. So a killed worker
loses nothing stored (Dask runs its unfinished chunks again elsewhere; saving replaces a path's
row, never duplicates it), and a killed client loses nothing stored either: a rerun skips what the
store holds (``pipeline.batch.plan_batch``, the content-hash key that includes the pack, roster and
sidecar).

Inputs reach the workers in one of two ways (``InputMode``):
- ``shared``: every worker reads the same path (an NFS or SMB share mounted at the same place);
- ``ship``: the client reads each document (with its approval sidecar, and the names of the
  siblings the pack looks for) and sends it with its task.
Either way the client keeps at most ``IN_FLIGHT_PER_THREAD`` chunks a worker thread in flight, each
of at most ``MAX_CHUNK`` documents and (shipped) ``MAX_CHUNK_BYTES``, so its memory stays flat
however many files there are.
"""
from __future__ import annotations

import ctypes
import dataclasses
import logging
import multiprocessing
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from distributed import WorkerPlugin
from sqlalchemy.engine import make_url

from gongwen.pipeline import __version__
from gongwen.pipeline.batch import BatchSummary, plan_batch
from gongwen.pipeline.companions import companion_files, companion_keywords
from gongwen.pipeline.errors import ConfigError, make_error
from gongwen.pipeline.model import DocResult
from gongwen.pipeline.paths import absolute, is_regular_file, store_key
from gongwen.pipeline.runner import RunOptions, WorkerPool, process_path
from gongwen.pipeline.store import Store, database_url

log = logging.getLogger("gongwen.cluster")

PLUGIN_NAME = "gongwen-review"
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # mallopt parameters (malloc.h)
IN_FLIGHT_PER_THREAD = 4
MAX_CHUNK = 16  # documents a task: per-task overhead down to ~1 ms a document, a lost chunk cheap to redo
MAX_CHUNK_BYTES = 16 * 1024 * 1024  # shipped bytes a task (a larger document goes alone)
INPUT_MODES = ("shared", "ship")
LOCAL_PREFIX = "local:"


@dataclass(frozen=True)
class ShippedFile:
    name: str
    data: bytes


@dataclass(frozen=True)
class DocumentTask:
    path: str  # the input as the client named it: the key its result is stored under
    read_path: str  # where a worker reads it (the absolute path on the shared storage)
    cache_key: str
    sha256: str
    shipped: tuple[ShippedFile, ...] = ()  # ship mode: the document first, then its sidecar
    sibling_names: tuple[str, ...] = ()  # ship mode: the companions the pack looks for (names only)


class ReviewWorker(WorkerPlugin):
    """A Dask worker plugin: the review pool and the store, made once per worker for a run."""

    name = PLUGIN_NAME

    def __init__(self, options: RunOptions, db: str, run_id: int) -> None:
        self.options, self.db, self.run_id = options, db, run_id
        self.pool: WorkerPool | None = None
        self.store: Store | None = None
        self.threads: ThreadPoolExecutor | None = None

    def setup(self, worker) -> None:
        # A nanny starts its worker as a daemonic process, and those may not start processes; the
        # review pool's processes die with the worker all the same (they ask for it: PDEATHSIG).
        multiprocessing.current_process().daemon = False
        _undo_malloc_trim_threshold()
        self.pool = WorkerPool(self.options, worker.state.nthreads)
        self.store = Store(self.db)
        # one document more in the pool than it has processes, for each of the worker's threads: a
        # process starts the next document while the worker stores the one before (as the local
        # pool's processes do while their parent stores)
        self.threads = ThreadPoolExecutor(max_workers=self.pool.workers + worker.state.nthreads,
                                          thread_name_prefix="gongwen-review")

    def teardown(self, worker) -> None:
        if self.pool is not None:
            self.pool.close()
        if self.threads is not None:
            self.threads.shutdown(wait=False)


def _undo_malloc_trim_threshold() -> None:
    """A Dask nanny starts its worker with MALLOC_TRIM_THRESHOLD_=65536 (to hand freed memory back to
    the system): glibc then returns and maps memory again for nearly every document, and the review
    processes forked from the worker spent a third more CPU (measured, 1,000 documents). Give this
    process, and so the review processes, the thresholds glibc would otherwise grow to."""
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024)
        libc.mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024)
    except (OSError, AttributeError):  # not glibc: nothing to undo
        pass


def review_on_worker(chunk: tuple[DocumentTask, ...], plugin_name: str) -> list[DocResult]:
    """Run on a Dask worker: process each document in the worker's supervised pool, store its result
    as soon as it is known, and return the results slimmed to what the client counts (status, error,
    findings). A chunk run again after its worker died stores its documents again, replacing rows."""
    from distributed import get_worker

    plugin: ReviewWorker = get_worker().plugins[plugin_name]
    return list(plugin.threads.map(partial(_review_and_store, plugin), chunk))


def _review_and_store(plugin: ReviewWorker, task: DocumentTask) -> DocResult:
    if task.shipped:
        with tempfile.TemporaryDirectory(prefix="gongwen-") as folder:
            for shipped in task.shipped:
                Path(folder, shipped.name).write_bytes(shipped.data)
            for name in task.sibling_names:
                Path(folder, name).touch()
            result, _ = plugin.pool.process(Path(folder, task.shipped[0].name))
    else:
        result, _ = plugin.pool.process(Path(task.read_path))
    result = dataclasses.replace(result, path=task.path, sha256=result.sha256 or task.sha256)
    stored = plugin.store.save(result, plugin.run_id, task.cache_key)
    return dataclasses.replace(stored, fields=None, entities=(), timings={}, document=None)


def local_workers(scheduler: str) -> int | None:
    """N for ``local:N``, None for a scheduler's address; a ConfigError for anything else."""
    if scheduler.startswith(LOCAL_PREFIX):
        count = scheduler[len(LOCAL_PREFIX):]
        if not count.isdigit() or int(count) < 1:
            raise ConfigError(f"“{scheduler}”格式有误：在本机试运行请写作 local:工作进程数，如 local:2。")
        return int(count)
    if "://" not in scheduler:
        raise ConfigError(f"调度器地址“{scheduler}”格式有误，应形如 tcp://主机:8786。")
    return None


def check_store_for_cluster(db: str | None, scheduler: str) -> None:
    """Several machines share one store only through a database server: a SQLite file is refused
    for a remote scheduler (a LocalCluster's workers are on this machine and may share the file)."""
    if local_workers(scheduler) is not None:
        return
    if make_url(database_url(db)).get_backend_name() == "sqlite":
        raise ConfigError("在多台机器上批量审查时，结果库须为各台机器都能访问的 PostgreSQL 数据库"
                          "（如 postgresql://用户:密码@主机/库名）；SQLite 文件只能由一台机器写入。")


def connect(scheduler: str):
    """A Dask client: ``tcp://HOST:PORT`` (or ``tls://…``) joins a running scheduler; ``local:N``
    starts a LocalCluster of N single-threaded worker processes on this machine for a try-out."""
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().getEffectiveLevel()))
    count = local_workers(scheduler)
    if count is not None:
        cluster = LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster)
    try:
        return Client(scheduler, timeout="20s")
    except OSError as error:
        raise ConfigError(f"无法连接调度器“{scheduler}”：{error}。请确认调度器已启动、地址与端口无误。") from None


def run_batch_on_cluster(paths: list[str | Path], options: RunOptions, db: str | None, scheduler: str,
                         input_mode: str = "shared", on_result: Callable[[DocResult], None] | None = None,
                         on_unchanged: Callable[[int], None] | None = None, client=None) -> BatchSummary:
    """``run_batch`` with the documents processed by the cluster's workers. ``client``: an open
    Dask client to use instead of connecting to ``scheduler`` (tests)."""
    from distributed import as_completed

    if input_mode not in INPUT_MODES:
        raise ConfigError(f"输入方式“{input_mode}”无效，可选：{'、'.join(INPUT_MODES)}。")
    check_store_for_cluster(db, scheduler)
    started = time.perf_counter()
    store = Store(db)
    plan = plan_batch(paths, options, store)
    if on_unchanged:
        on_unchanged(plan.unchanged)
    own_client = client is None
    client = client or connect(scheduler)  # before the run is recorded: a scheduler not reached starts none
    pack = options.pack
    run_id = store.start_run(getattr(pack, "name", None), getattr(pack, "version", None), __version__,
                             len(plan.inputs))
    processed = errors = 0
    status = "interrupted"
    futures: dict = {}
    running = as_completed()
    threads = sum(client.nthreads().values()) or 1
    chunks = _chunks(_tasks(plan, options, input_mode), _chunk_size(len(plan.todo), threads))

    def record(result: DocResult) -> None:
        nonlocal processed, errors
        processed += 1
        errors += result.status == "error"
        if on_result:
            on_result(result)

    def feed(count: int) -> None:
        """Submit up to ``count`` more chunks; inputs the client answers itself are stored on the way."""
        while count:
            item = next(chunks, None)
            if item is None:
                return
            if isinstance(item, DocResult):
                record(store.save(item, run_id, plan.input_keys[item.path]))
                continue
            # what a failed chunk's receipts need, without the shipped bytes
            futures[_submit(client, running, item, plugin_name)] = tuple(dataclasses.replace(task, shipped=()) for task in item)
            count -= 1

    # a plugin of this run's own: two batches may share a cluster, each with its pack and run
    plugin_name = f"{PLUGIN_NAME}-{uuid.uuid4().hex[:12]}"
    try:
        client.register_plugin(ReviewWorker(options, database_url(db), run_id), name=plugin_name)
        feed(IN_FLIGHT_PER_THREAD * threads)
        for future in running:
            for receipt in _receipts(future, futures.pop(future), store, run_id):
                record(receipt)
            feed(1)
        if processed == len(plan.todo):
            status = "finished"
    finally:
        store.finish_run(run_id, status, processed, plan.unchanged, errors)
        _unregister(client, plugin_name)
        if own_client:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()
    return BatchSummary(run_id, len(plan.inputs), processed, plan.unchanged, errors,
                        time.perf_counter() - started, status)


def _chunk_size(documents: int, threads: int) -> int:
    """Up to MAX_CHUNK documents a task, fewer for a small batch so that every thread gets several."""
    return max(1, min(MAX_CHUNK, documents // (threads * IN_FLIGHT_PER_THREAD * 2)))


def _chunks(items: Iterator[DocumentTask | DocResult], size: int) -> Iterator[tuple[DocumentTask, ...] | DocResult]:
    """Tasks grouped ``size`` at a time (and within MAX_CHUNK_BYTES shipped); results pass through."""
    chunk: list[DocumentTask] = []
    shipped = 0
    for item in items:
        if isinstance(item, DocResult):
            yield item
            continue
        weight = sum(len(file.data) for file in item.shipped)
        if chunk and shipped + weight > MAX_CHUNK_BYTES:
            yield tuple(chunk)
            chunk, shipped = [], 0
        chunk.append(item)
        shipped += weight
        if len(chunk) == size:
            yield tuple(chunk)
            chunk, shipped = [], 0
    if chunk:
        yield tuple(chunk)


def _unregister(client, plugin_name: str) -> None:
    """Close this run's review pools on the workers (a client killed before this leaves them idle
    until the workers restart)."""
    try:
        client.unregister_worker_plugin(plugin_name)
    except Exception as error:  # a lost scheduler, a plugin never registered: nothing to close
        log.warning("could not remove worker plugin %s: %r", plugin_name, error)


def _submit(client, running, chunk: tuple[DocumentTask, ...], plugin_name: str):
    # pure=False: the same bytes under two names are two documents; retries: a worker that dies
    # while it runs the chunk hands it to another
    first = chunk[0]
    future = client.submit(review_on_worker, chunk, plugin_name, key=f"gongwen-{store_key(first.path)[:24]}-{first.cache_key[:12]}",
                           pure=False, retries=2)
    running.add(future)
    return future


def _tasks(plan, options: RunOptions, input_mode: str) -> Iterator[DocumentTask | DocResult]:
    """A task per input to do; in ship mode, an input that is not a plain readable file is answered
    here at once (its refusal needs no worker), as a result."""
    keywords = companion_keywords(options.pack)
    for path in plan.todo:
        key, sha256 = plan.input_keys[str(path)], plan.hashes[str(path)]
        task = DocumentTask(str(path), str(absolute(path)), key, sha256)
        if input_mode == "ship":
            if not is_regular_file(path) or path.is_symlink():
                yield _answered_here(task, options)  # a link, folder or special file
                continue
            try:
                sidecar, siblings = companion_files(path, keywords)
                shipped = (ShippedFile(path.name, path.read_bytes()),)
                if sidecar is not None:
                    shipped += (ShippedFile(sidecar.name, sidecar.read_bytes()),)
            except OSError:
                yield _answered_here(task, options)  # unreadable here: the local run says why
                continue
            task = dataclasses.replace(task, shipped=shipped, sibling_names=tuple(sibling.name for sibling in siblings))
        yield task


def _answered_here(task: DocumentTask, options: RunOptions) -> DocResult:
    result = process_path(Path(task.path), options.roster, options.pack, roots=options.roots)
    return dataclasses.replace(result, path=task.path, sha256=result.sha256 or task.sha256)


def _receipts(future, chunk: tuple[DocumentTask, ...], store: Store, run_id: int) -> list[DocResult]:
    """The stored results of the chunk; a chunk the cluster could not run is stored as errors here."""
    try:
        return future.result()
    except Exception as error:  # KilledWorker after repeated worker deaths, a lost connection…
        log.error("chunk from %s (%d documents) failed on the cluster: %r", chunk[0].path, len(chunk), error)
        return [store.save(DocResult(task.path, None, "error", make_error(
            "internal", task.path, reason=f"集群中处理该文件的工作进程多次意外终止（{type(error).__name__}）"),
            sha256=task.sha256), run_id, task.cache_key) for task in chunk]

"""The review desk: uploads are kept on disk under a folder named by their content key, recorded as
reviews, and processed in the supervised worker pool (``pipeline.runner.WorkerPool``).

Each review's outputs (the review page, the JSON of `check --format json`, the annotated .docx) are
made in the worker, from the whole result, so the service process only stores them. A review is
written to the store in its own transaction when it finishes; reviews a stopped service left queued
or running are taken up again when it starts, so an upload is never lost.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from gongwen.pipeline import __version__
from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.model import DocResult
from gongwen.pipeline.paths import store_key
from gongwen.pipeline.roster import Roster
from gongwen.pipeline.runner import SIDECAR_SUFFIX, PoolClosed, RunOptions, WorkerPool
from gongwen.pipeline.store import DocumentRow, Store
from gongwen.pipeline.web.records import ReviewRow
from gongwen.reports.annotate import annotate_docx
from gongwen.reports.base import ReportContext
from gongwen.reports.html_report import render_html
from gongwen.reports.json_report import report_dict
from gongwen.validators.packs import Pack, load_pack

log = logging.getLogger("gongwen.web")

ANNOTATED_NAME = "annotated.docx"
UNSAFE_NAME_CHARACTERS = re.compile(r"[^\w（）()\-.、 ]")
MAX_STEM = 80
PENDING = ("queued", "running")


@dataclass(frozen=True)
class Upload:
    name: str  # as the uploader's browser or OA system named it
    data: bytes
    sidecar: bytes | None = None  # the approval record (发文稿纸) as a .approval.yaml


@dataclass(frozen=True)
class Submitted:
    review_id: int
    duplicate: bool  # the same content was reviewed (or is being reviewed) already


@dataclass(frozen=True)
class ReviewOutputs:
    report: dict
    html: str
    annotated: bool


def safe_file_name(name: str) -> str:
    """A name to store the upload under: its last component only, with every character that is not
    a letter, digit or plain punctuation replaced, no leading dot, and a bounded length. The name as
    uploaded is kept in the record and only ever shown (escaped)."""
    base = re.split(r"[\\/]", name)[-1]
    base = UNSAFE_NAME_CHARACTERS.sub("_", base).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem.strip(" .")[:MAX_STEM] or "文件"
    return f"{stem}.{suffix.lower()[:10]}" if suffix else stem


def content_key(upload: Upload, pack: Pack, roster: Roster | None) -> str:
    parts = {"document": hashlib.sha256(upload.data).hexdigest(),
             "sidecar": hashlib.sha256(upload.sidecar).hexdigest() if upload.sidecar is not None else None,
             "pack": [pack.name, pack.version], "tool": __version__,
             "roster": hashlib.sha256(repr(roster).encode()).hexdigest() if roster else None}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def make_outputs(result: DocResult, review_id: int, shown_name: str, pack: Pack) -> ReviewOutputs:
    """In the worker: the review page, the JSON report and, for a .docx, the annotated copy beside it."""
    source = Path(result.path)
    links = [("/", "上传文件"), ("/history", "审查记录")]
    annotated = False
    if result.status == "ok" and source.suffix.lower() == ".docx":
        try:
            annotate_docx(source, result, source.parent / ANNOTATED_NAME)
            annotated = True
            links.insert(0, (f"/reviews/{review_id}/annotated.docx", "下载批注版 Word 文件"))
        except Exception:  # the review stands without its annotated copy
            log.exception("cannot annotate %s", source)
    shown = dataclasses.replace(result, path=shown_name)
    context = ReportContext(command="check", tool_version=__version__, pack=pack, extra={"page_links": tuple(links)})
    return ReviewOutputs(report_dict([shown], context), render_html([shown], context), annotated)


def _now() -> datetime:
    return datetime.now(timezone.utc)


class ReviewDesk:
    def __init__(self, store: Store, data_dir: Path, options: RunOptions, jobs: int | None = None) -> None:
        self.store = store
        self.data_dir = data_dir.resolve()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.options = dataclasses.replace(options, keep_document=True, roots=(self.data_dir,))
        self.pool = WorkerPool(self.options, jobs)
        # more threads than workers: one document is stored while the next already runs
        self._threads = ThreadPoolExecutor(max_workers=self.pool.workers * 2, thread_name_prefix="review")
        self._submit_lock = threading.Lock()
        self._counts_lock = threading.Lock()
        self.processed = self.errors = 0
        self._closing = False
        pack = self.options.pack
        self.run_id = store.start_run(pack.name if pack else None, pack.version if pack else None, __version__, 0)
        self._resume()

    @property
    def pack(self) -> Pack:
        return self.options.pack

    def submit(self, upload: Upload, user_id: int | None, pack: Pack | None = None) -> Submitted:
        pack = pack or self.pack
        key = content_key(upload, pack, self.options.roster)
        name = safe_file_name(upload.name)
        with self._submit_lock, Session(self.store.engine) as session, session.begin():
            known = session.scalar(select(ReviewRow).where(ReviewRow.content_key == key, ReviewRow.status != "error")
                                   .order_by(ReviewRow.id.desc()).limit(1))
            if known is not None:
                return Submitted(known.id, True)
            folder = self.data_dir / key
            folder.mkdir(exist_ok=True)
            (folder / name).write_bytes(upload.data)
            if upload.sidecar is not None:
                (folder / (name + SIDECAR_SUFFIX)).write_bytes(upload.sidecar)
            row = ReviewRow(content_key=key, original_name=upload.name, suffix=Path(name).suffix, pack=pack.name,
                            sidecar_name=name + SIDECAR_SUFFIX if upload.sidecar is not None else None,
                            status="queued", uploaded_by=user_id, created_at=_now())
            session.add(row)
            session.flush()
            review_id = row.id
        self._threads.submit(self._review, review_id, folder / name, upload.name, pack)
        return Submitted(review_id, False)

    def configure(self, pack: Pack, roster: Roster | None) -> None:
        """Use another rule pack or roster from the next upload on: a new worker pool takes over,
        and the old one finishes what it holds before it closes."""
        options = dataclasses.replace(self.options, pack=pack, roster=roster)
        new_pool = WorkerPool(options, self.pool.workers)
        old_pool, self.options, self.pool = self.pool, options, new_pool
        threading.Thread(target=old_pool.close, kwargs={"wait": True}, daemon=True).start()

    def _resume(self) -> None:
        """Take up the reviews a stopped service left unfinished: their files are on disk."""
        with Session(self.store.engine) as session:
            rows = session.execute(select(ReviewRow.id, ReviewRow.content_key, ReviewRow.original_name, ReviewRow.pack)
                                   .where(ReviewRow.status.in_(PENDING)).order_by(ReviewRow.id)).all()
        for review_id, key, original_name, pack_name in rows:
            path = self.data_dir / key / safe_file_name(original_name)
            pack = self.pack if pack_name == self.pack.name else _load_pack_or_default(pack_name, self.pack)
            log.info("resuming review %s", review_id)
            self._threads.submit(self._review, review_id, path, original_name, pack)

    def _review(self, review_id: int, path: Path, original_name: str, pack: Pack) -> None:
        try:
            self._set(review_id, status="running", started_at=_now())
            then = functools.partial(make_outputs, review_id=review_id, shown_name=original_name, pack=pack)
            result, outputs = self._process(path, pack, then)
            key = path.parent.name
            stored = self.store.save(dataclasses.replace(result, path=f"上传/{key[:12]}/{original_name}"),
                                     self.run_id, key)
            done = stored.status == "ok" and outputs is not None
            with self._counts_lock:
                self.processed += 1
                self.errors += stored.status == "error"
            self._set(review_id, status="done" if stored.status == "ok" else "error", finished_at=_now(),
                      document_id=_document_id(self.store, stored), seconds=sum(result.timings.values()),
                      report=outputs.report if outputs else None, review_html=outputs.html if outputs else None,
                      has_annotated=bool(outputs and outputs.annotated),
                      error_message=None if done else (stored.error.message if stored.error else "未能生成审查结果"))
        except PoolClosed:  # the service stopped: the review stays pending and is taken up at the next start
            log.info("review %s left for the next start", review_id)
        except Exception as error:  # the review must end with a status, whatever went wrong here
            log.exception("review %s failed", review_id)
            self._set(review_id, status="error", finished_at=_now(), error_message=f"服务内部错误：{type(error).__name__}")

    def _process(self, path: Path, pack: Pack, then) -> tuple[DocResult, ReviewOutputs | None]:
        """The document through the current pool; a pool replaced by ``configure`` meanwhile hands
        it to the new one. Raises ``PoolClosed`` only when the desk itself is closing."""
        while True:
            pool = self.pool
            try:
                return pool.process(path, None if pack is pool.options.pack else pack, then)
            except PoolClosed:
                if self._closing or pool is self.pool:
                    raise

    def _set(self, review_id: int, **values) -> None:
        with Session(self.store.engine) as session, session.begin():
            session.execute(update(ReviewRow).where(ReviewRow.id == review_id).values(**values))

    def queue_position(self, review_id: int) -> int:
        """How many reviews are ahead of this queued one."""
        with Session(self.store.engine) as session:
            return session.scalar(select(func.count()).select_from(ReviewRow)
                                  .where(ReviewRow.status.in_(PENDING), ReviewRow.id < review_id)) or 0

    def annotated_path(self, row: ReviewRow) -> Path | None:
        path = self.data_dir / row.content_key / ANNOTATED_NAME
        return path if row.has_annotated and path.is_file() else None

    def close(self) -> None:
        self._closing = True
        self._threads.shutdown(wait=False, cancel_futures=True)
        self.pool.close()
        self.store.finish_run(self.run_id, "finished", self.processed, 0, self.errors)


def _document_id(store: Store, result: DocResult) -> int | None:
    with Session(store.engine) as session:
        return session.scalar(select(DocumentRow.id).where(DocumentRow.path_key == store_key(result.path)))


def _load_pack_or_default(name: str, default: Pack) -> Pack:
    try:
        return load_pack(name)
    except ConfigError:
        return default

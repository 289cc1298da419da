"""The results store: runs, documents (one row per input path, its latest state) and findings.

SQLite by default; any SQLAlchemy URL works (`postgresql://…`). A document's row is written in its
own transaction as soon as it is processed, so a run that is killed loses nothing already done,
and a row the database refuses costs that row only: it is stored again as an error row.

A document is keyed by the digest of its path's exact bytes (``paths.store_key``), so any path,
however long and whatever its encoding, fits the unique index; ``raw_path`` keeps the bytes (the
way back to the file) and ``path`` the text people read. Saving replaces the row with the same
key in one transaction, so two batches writing one database at once never collide: the later
save wins, and each path keeps exactly one row.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import socket
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import (JSON, event, DateTime, Float, ForeignKey, Integer, LargeBinary, String, Text, create_engine,
                        delete, inspect, select, text)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from gongwen.pipeline import paths
from gongwen.pipeline.errors import ConfigError, make_error
from gongwen.pipeline.model import DocResult

log = logging.getLogger("gongwen.store")

DEFAULT_DB = "gongwen.sqlite"
SQLITE_BUSY_SECONDS = 60  # how long a save waits for another batch writing the same SQLite file
WAL_SWITCH_RETRY_SECONDS = 0.02
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates: no database text holds them


class Base(DeclarativeBase):
    pass


class RunRow(Base):
    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    status: Mapped[str] = mapped_column(String(16))  # running | finished | interrupted
    host: Mapped[str] = mapped_column(String(255), default="")
    pid: Mapped[int] = mapped_column(Integer, default=0)
    pack: Mapped[str | None] = mapped_column(String(200), nullable=True)
    pack_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    tool_version: Mapped[str] = mapped_column(String(32))
    inputs: Mapped[int] = mapped_column(Integer, default=0)
    processed: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path_key: Mapped[str] = mapped_column(String(64), unique=True, index=True)  # paths.store_key
    path: Mapped[str] = mapped_column(Text)  # as shown to people (paths.shown)
    raw_path: Mapped[bytes] = mapped_column(LargeBinary)  # the exact bytes (paths.stored)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    cache_key: Mapped[str] = mapped_column(String(200), default="")  # digest of every input of the result
    format: Mapped[str | None] = mapped_column(String(16), nullable=True)
    status: Mapped[str] = mapped_column(String(16))  # ok | error
    error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    error_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    doc_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    issuer: Mapped[str | None] = mapped_column(String(200), nullable=True)
    doc_number: Mapped[str | None] = mapped_column(String(200), nullable=True)
    fields: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    processed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    findings: Mapped[list[FindingRow]] = relationship(back_populates="document", cascade="all, delete-orphan")


class FindingRow(Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(100), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)
    block: Mapped[int | None] = mapped_column(Integer, nullable=True)
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    excerpt: Mapped[str | None] = mapped_column(Text, nullable=True)
    source: Mapped[str | None] = mapped_column(Text, nullable=True)
    suggestion: Mapped[str | None] = mapped_column(Text, nullable=True)
    # the fields the finding rests on (``Finding.evidence`` as dicts); None in rows stored before it was kept
    evidence: Mapped[list | None] = mapped_column(JSON, nullable=True)
    document: Mapped[DocumentRow] = relationship(back_populates="findings")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def _now() -> datetime:
    return datetime.now(timezone.utc)


def database_url(db: str | None) -> str:
    """A bare file path means SQLite; anything with '://' is a SQLAlchemy URL."""
    db = db or DEFAULT_DB
    return db if "://" in db else f"sqlite:///{Path(db).resolve()}"


def masked_url(url: str) -> str:
    """The URL as it may be shown: the password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


class StoredState(NamedTuple):
    sha256: str
    cache_key: str
    error_code: str | None


class Store:
    def __init__(self, db: str | None = None, create: bool = True) -> None:
        """Open (or, with ``create``, create) the store. Without ``create`` a database that does not
        exist or holds no results is a ``ConfigError`` and nothing is created."""
        url = database_url(db)
        self.url = masked_url(url)
        named = masked_url(db) if db else DEFAULT_DB
        sqlite_file = make_url(url).database if url.startswith("sqlite") else None
        if not create and sqlite_file and not Path(sqlite_file).is_file():
            raise ConfigError(f"结果库“{named}”不存在，请检查路径（批量审查后才会生成结果库）。")
        try:
            self.engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS} if url.startswith("sqlite") else {})
            if url.startswith("sqlite"):
                event.listen(self.engine, "connect", _sqlite_per_document_commits)
            if create:
                _create_tables(self.engine)
                _upgrade(self.engine)
            elif not inspect(self.engine).has_table(DocumentRow.__tablename__):
                raise ConfigError(f"结果库“{named}”中没有审查结果，请检查路径或先进行批量审查。")
            _add_evidence_column(self.engine)  # reports read it too: a store of an earlier version gets it here
        except (NoSuchModuleError, ImportError):
            raise ConfigError(f"无法打开结果库“{named}”：缺少该类数据库的驱动程序，请检查地址的写法。") from None
        except ArgumentError:
            raise ConfigError(f"无法打开结果库“{named}”：地址格式有误，请检查。") from None
        except SQLAlchemyError as error:
            log.error("cannot open %s: %s", self.url, _masked(str(error), url))
            raise ConfigError(f"无法打开结果库“{named}”：无法连接数据库或打开数据库文件，请检查地址、账号与权限。") from None

    def start_run(self, pack: str | None, pack_version: str | None, tool_version: str, inputs: int) -> int:
        with Session(self.engine) as session:
            self._close_dead_runs(session)
            run = RunRow(started_at=_now(), status="running", host=socket.gethostname(), pid=os.getpid(),
                         pack=pack, pack_version=pack_version, tool_version=tool_version, inputs=inputs)
            session.add(run)
            session.commit()
            return run.id

    @staticmethod
    def _close_dead_runs(session: Session) -> None:
        """A run still marked running whose process on this host is gone was killed: say so."""
        host = socket.gethostname()
        for run in session.scalars(select(RunRow).where(RunRow.status == "running", RunRow.host == host)):
            if not _alive(run.pid):
                run.status = "interrupted"

    def finish_run(self, run_id: int, status: str, processed: int, unchanged: int, errors: int) -> None:
        with Session(self.engine) as session:
            run = session.get(RunRow, run_id)
            run.status, run.finished_at = status, _now()
            run.processed, run.unchanged, run.errors = processed, unchanged, errors
            session.commit()

    def current_keys(self) -> dict[str, StoredState]:
        """path (as ``str(Path)`` gives it) -> what the store holds for it."""
        with Session(self.engine) as session:
            rows = session.execute(select(DocumentRow.raw_path, DocumentRow.sha256, DocumentRow.cache_key,
                                          DocumentRow.error_code))
            return {paths.from_stored(raw): StoredState(sha256, key, code) for raw, sha256, key, code in rows}

    def save(self, result: DocResult, run_id: int, cache_key: str) -> DocResult:
        """Replace the document's row and findings in one transaction. A row the database refuses is
        stored as an error row instead; the result as stored is returned."""
        try:
            self._replace(result, run_id, cache_key)
            return result
        except SQLAlchemyError as error:
            reason = str(getattr(error, "orig", None) or error).splitlines()[0]
            log.error("cannot store %s: %s", paths.shown(result.path), _masked(reason, self.engine.url))
        failed = dataclasses.replace(  # only what any database holds: the path, hash and error
            result, format=None, status="error", fields=None, findings=(), entities=(),
            error=make_error("store-failed", result.path, reason="数据库拒绝保存该文件的审查结果"))
        self._replace(failed, run_id, cache_key)
        return failed

    def _replace(self, result: DocResult, run_id: int, cache_key: str) -> None:
        key = paths.store_key(result.path)
        for attempt in range(2):
            try:
                with Session(self.engine) as session, session.begin():
                    # delete first: the write lock is taken at once, and a row another batch saved
                    # for this path is replaced rather than duplicated
                    stale = select(DocumentRow.id).where(DocumentRow.path_key == key)
                    unsynchronized = {"synchronize_session": False}  # a fresh session holds no objects
                    session.execute(delete(FindingRow).where(FindingRow.document_id.in_(stale)),
                                    execution_options=unsynchronized)
                    session.execute(delete(DocumentRow).where(DocumentRow.path_key == key),
                                    execution_options=unsynchronized)
                    session.add(_document_row(result, run_id, cache_key))
                return
            except IntegrityError:  # another batch inserted this path between our delete and insert
                if attempt:
                    raise


def _create_tables(engine) -> None:
    """Create what is missing. Two batches opening a new database at once race between checking for
    a table and creating it; the loser finds it made by the other and checks again. Each lost race
    means one more table or index exists, so there are at most as many retries as there are of them."""
    schema_objects = sum(1 + len(table.indexes) for table in Base.metadata.sorted_tables)
    for attempt in range(schema_objects + 1):
        try:
            Base.metadata.create_all(engine)
            return
        except OperationalError as error:
            if attempt == schema_objects or "already exists" not in str(error):
                raise


def _sqlite_per_document_commits(connection, _record) -> None:
    """Each document is committed as it finishes; with a write-ahead log and normal syncing a commit
    costs microseconds instead of an fsync, and a killed process still loses no committed row."""
    cursor = connection.cursor()
    # Switching a new file to WAL needs its exclusive lock, and SQLite answers "locked" at once,
    # without the busy timeout, while another process is creating the same file: wait here instead.
    deadline = time.monotonic() + SQLITE_BUSY_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_SWITCH_RETRY_SECONDS)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _masked(message: str, url) -> str:
    password = make_url(url).password
    return message.replace(password, "***") if password else message


def _upgrade(engine) -> None:
    """Bring a store written by an earlier version (documents keyed by a path column) to this schema."""
    columns = {column["name"] for column in inspect(engine).get_columns(DocumentRow.__tablename__)}
    if "path_key" in columns:
        return
    with engine.begin() as connection:
        binary = "BYTEA" if engine.dialect.name == "postgresql" else "BLOB"
        connection.execute(text("ALTER TABLE documents ADD COLUMN path_key VARCHAR(64)"))
        connection.execute(text(f"ALTER TABLE documents ADD COLUMN raw_path {binary}"))
        if engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE documents ALTER COLUMN path TYPE TEXT"))
            connection.execute(text("ALTER TABLE documents DROP CONSTRAINT IF EXISTS documents_path_key"))
        for row_id, path in connection.execute(text("SELECT id, path FROM documents")).all():
            connection.execute(text("UPDATE documents SET path_key = :key, raw_path = :raw WHERE id = :id"),
                               {"key": paths.store_key(path), "raw": paths.stored(path), "id": row_id})
        connection.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS ix_documents_path_key ON documents (path_key)"))


def _add_evidence_column(engine) -> None:
    """Give a store written before findings kept their evidence the column (empty in its old rows).
    Two processes opening such a store at once race to add it: the loser finds it added."""
    def has_column() -> bool:
        return "evidence" in {column["name"] for column in inspect(engine).get_columns(FindingRow.__tablename__)}

    if has_column():
        return
    try:
        with engine.begin() as connection:
            connection.execute(text(f"ALTER TABLE findings ADD COLUMN evidence {JSON().compile(dialect=engine.dialect)}"))
    except SQLAlchemyError:
        if not has_column():
            raise


def storable(value: Any) -> Any:
    """``value`` with the characters no database text holds (NUL, lone surrogates) replaced by U+FFFD,
    in strings, lists and dicts alike."""
    if isinstance(value, str):
        return UNSTORABLE.sub("\ufffd", value)
    if isinstance(value, (list, tuple)):
        return [storable(item) for item in value]
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    return value


def _document_row(result: DocResult, run_id: int, cache_key: str) -> DocumentRow:
    fields = result.fields
    row = DocumentRow(
        path_key=paths.store_key(result.path), path=storable(paths.shown(result.path)),
        raw_path=paths.stored(result.path), sha256=result.sha256, cache_key=cache_key, format=result.format,
        status=result.status,
        error_code=result.error.code if result.error else None,
        error_message=storable(result.error.message) if result.error else None,
        doc_type=storable(fields.doc_type) if fields else None,
        title=storable(fields.title) if fields else None,
        issuer=storable(fields.issuer[0]) if fields and fields.issuer else None,
        doc_number=storable(fields.doc_number) if fields else None,
        fields=storable(json.loads(json.dumps(dataclasses.asdict(fields), ensure_ascii=False))) if fields else None,
        seconds=sum(result.timings.values()), processed_at=_now(), run_id=run_id,
    )
    row.findings = [
        FindingRow(rule=f.rule, severity=f.severity, message=storable(f.message),
                   block=f.location.block if f.location else None,
                   page=f.location.page if f.location else None,
                   start=f.location.start if f.location else None,
                   end=f.location.end if f.location else None,
                   excerpt=storable(f.excerpt), suggestion=storable(f.suggestion),
                   evidence=storable([dataclasses.asdict(item) for item in f.evidence]),
                   source=storable(" ".join(filter(None, (f.source.document, f.source.article))))
                   if f.source else None)
        for f in result.findings
    ]
    return row

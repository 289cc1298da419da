"""The results store: runs, documents (one row per input path, its latest state) and findings.

SQLite by default; any SQLAlchemy URL works (`postgresql://…`). A document's row is written as
soon as it is processed, so a run that is killed loses nothing already done.
"""
from __future__ import annotations

import dataclasses
import json
import os
import socket
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (JSON, DateTime, Float, ForeignKey, Integer, String, Text, create_engine, select)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.model import DocResult

DEFAULT_DB = "gongwen.sqlite"


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
    path: Mapped[str] = mapped_column(String(1000), unique=True, index=True)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    cache_key: Mapped[str] = mapped_column(String(200), default="")  # pack version + tool version
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


class Store:
    def __init__(self, db: str | None = None) -> None:
        self.url = database_url(db)
        try:
            self.engine = create_engine(self.url)
            Base.metadata.create_all(self.engine)
        except (SQLAlchemyError, ImportError) as error:
            raise ConfigError(f"无法打开结果库“{db or DEFAULT_DB}”：{error}") from error

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

    def current_keys(self) -> dict[str, tuple[str, str]]:
        """path -> (sha256, cache_key) of every stored document."""
        with Session(self.engine) as session:
            rows = session.execute(select(DocumentRow.path, DocumentRow.sha256, DocumentRow.cache_key))
            return {path: (sha256, key) for path, sha256, key in rows}

    def save(self, results: Iterable[DocResult], run_id: int, cache_key: str) -> None:
        """Insert or replace each document's row and findings, in one transaction."""
        with Session(self.engine) as session:
            for result in results:
                existing = session.scalar(select(DocumentRow).where(DocumentRow.path == result.path))
                if existing is not None:
                    session.delete(existing)
                    session.flush()
                session.add(_document_row(result, run_id, cache_key))
            session.commit()


def _document_row(result: DocResult, run_id: int, cache_key: str) -> DocumentRow:
    fields = result.fields
    row = DocumentRow(
        path=result.path, sha256=result.sha256, cache_key=cache_key, format=result.format,
        status=result.status,
        error_code=result.error.code if result.error else None,
        error_message=result.error.message if result.error else None,
        doc_type=fields.doc_type if fields else None,
        title=fields.title if fields else None,
        issuer=fields.issuer[0] if fields and fields.issuer else None,
        doc_number=fields.doc_number if fields else None,
        fields=json.loads(json.dumps(dataclasses.asdict(fields), ensure_ascii=False)) if fields else None,
        seconds=sum(result.timings.values()), processed_at=_now(), run_id=run_id,
    )
    row.findings = [
        FindingRow(rule=f.rule, severity=f.severity, message=f.message,
                   block=f.location.block if f.location else None,
                   page=f.location.page if f.location else None,
                   start=f.location.start if f.location else None,
                   end=f.location.end if f.location else None,
                   excerpt=f.excerpt, suggestion=f.suggestion,
                   source=" ".join(filter(None, (f.source.document, f.source.article))) if f.source else None)
        for f in result.findings
    ]
    return row

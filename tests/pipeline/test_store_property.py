"""Property: whatever a path, a text or a finding holds (surrogates from undecodable names, NUL,
thousands of characters), the store saves it and reads it back: the path's bytes exactly, text
with only NUL and lone surrogates replaced."""
from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from gongwen.pipeline import paths
from gongwen.pipeline.model import DocResult, Fields, Finding, Location
from gongwen.pipeline.store import DocumentRow, FindingRow, Store, storable

any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
file_names = st.binary(min_size=1, max_size=40).map(lambda raw: raw.replace(b"/", b"_").replace(b"\0", b"_"))
fs_paths = st.lists(file_names, min_size=1, max_size=3).map(lambda parts: os.fsdecode(b"/" + b"/".join(parts)))
long_paths = st.integers(300, 1500).map(lambda n: "/收文/" + "长" * n + ".docx")


@pytest.fixture(params=["sqlite", "postgresql"], scope="module")
def store(request, empty_postgres):
    if request.param == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield Store(os.path.join(folder, "p.sqlite"))
        return
    yield Store(empty_postgres())


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.one_of(fs_paths, any_text.map(lambda t: "/" + t), long_paths), title=any_text, message=any_text,
       excerpt=st.one_of(st.none(), any_text))
def test_any_path_and_text_saves_and_reads_back(store: Store, path: str, title: str, message: str, excerpt) -> None:
    finding = Finding("x.rule", "warning", message, Location(0, None, 0, 1), excerpt, None)
    result = DocResult(path, "txt", "ok", None, fields=Fields(title=title), findings=(finding,), sha256="0" * 64)
    run_id = store.start_run(None, None, "0.1.0", 1)

    stored = store.save(result, run_id, "key")

    assert stored.status == "ok"
    with Session(store.engine) as session:
        row = session.scalar(select(DocumentRow).where(DocumentRow.path_key == paths.store_key(path)))
        assert paths.from_stored(row.raw_path) == path or paths.stored(path) == row.raw_path
        assert row.path == storable(paths.shown(path))
        assert row.title == storable(title)
        [saved] = session.scalars(select(FindingRow).where(FindingRow.document_id == row.id))
        assert (saved.message, saved.excerpt) == (storable(message), storable(excerpt))
    assert store.current_keys()[paths.from_stored(paths.stored(path))].sha256 == "0" * 64

"""The benchmark's synthetic corpus: deterministic, a real mix of formats, realistic sizes and layout.

Only the generator is tested here; timings belong to `make bench`, never to the test suite.
"""
from __future__ import annotations

import hashlib
import statistics
from collections import Counter

import pytest

from corpus.bench.generate import (FORMAT_SHARES, MAX_CHARS, MIN_CHARS, generate_corpus, plan_document,
                                   write_document)
from gongwen.extractors.readers import read_document

PLANNED = 300  # plans are cheap: enough to see the distributions
WRITTEN = 24


@pytest.fixture(scope="module")
def plans():
    return [plan_document(index) for index in range(PLANNED)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    directory = tmp_path_factory.mktemp("bench-corpus")
    return directory, generate_corpus(directory, WRITTEN, jobs=1)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_seed_same_bytes_and_a_document_does_not_depend_on_the_corpus_size(corpus, tmp_path):
    directory, files = corpus
    smaller = generate_corpus(tmp_path, WRITTEN // 2, jobs=1)
    assert [item.path.name for item in smaller] == [item.path.name for item in files[:WRITTEN // 2]]
    assert [_digest(item.path) for item in smaller] == [_digest(item.path) for item in files[:WRITTEN // 2]]
    assert plan_document(7) == plan_document(7)
    assert plan_document(7, seed=1) != plan_document(7)


def test_every_format_and_kind_in_realistic_shares(plans):
    formats = Counter(plan.format for plan in plans)
    for fmt, share in FORMAT_SHARES:
        assert abs(formats[fmt] / PLANNED - share) < 0.08, formats
    txt = [plan for plan in plans if plan.format == "txt"]
    assert 0.2 < sum(plan.encoding == "gbk" for plan in txt) / len(txt) < 0.6
    assert set(Counter(plan.kind for plan in plans)) == {"通知", "请示", "报告", "函"}
    docx = [plan for plan in plans if plan.format == "docx"]
    assert 0.15 < sum(bool(plan.table) for plan in docx) / len(docx) < 0.45
    assert not any(plan.table for plan in plans if plan.format != "docx")


def test_sizes_center_on_five_thousand_characters(plans):
    sizes = [plan.chars for plan in plans]
    assert 4000 <= statistics.median(sizes) <= 6000
    assert min(sizes) >= MIN_CHARS * 0.9 and max(sizes) <= MAX_CHARS * 1.2
    assert sum(size > 9000 for size in sizes) >= 5  # a tail of long documents, as in a real intake


def test_documents_have_the_gbt9704_parts(plans):
    for plan in plans[:60]:
        roles = [line.role for line in plan.lines]
        texts = {line.role: line.text for line in plan.lines}
        assert roles[:2] == ["issuer_mark", "doc_number"]
        assert "〔" in texts["doc_number"] and texts["doc_number"].endswith("号")
        assert texts["title"].endswith(plan.kind) and "关于" in texts["title"]
        assert texts["recipients"].endswith("：")
        assert texts["date"].endswith("日") and texts["signature"]
        headings = [line.text for line in plan.lines if line.role == "heading"]
        assert headings[0].startswith("一、")
        if plan.kind == "请示":
            assert "签发人" in texts["signer"]
            assert any(line.text == "妥否，请批示。" for line in plan.lines)
            assert any("恳请" in line.text for line in plan.lines)
    assert any(line.text.startswith("（一）") for plan in plans for line in plan.lines)


def test_files_read_back_with_their_text(corpus):
    _, files = corpus
    formats = Counter(item.format for item in files)
    assert set(formats) == {"docx", "pdf", "txt"}
    for item in files:
        raw = read_document(item.path)
        plan = plan_document(int(item.path.name[:5]))
        text = "".join(block.text for block in raw.blocks)
        assert raw.format == item.format
        # PDF text comes back line by line with page numbers; everything planned is there
        assert len(text) >= 0.97 * plan.chars
        title = next(line.text for line in plan.lines if line.role == "title")
        assert title in "".join(text.split())
        if item.format == "pdf":
            assert raw.meta["pages"] >= 2
        if item.encoding == "gbk":
            assert raw.meta["encoding"] in ("gb18030", "gbk", "gb2312")
        if plan.table:
            assert sum(block.kind == "table_row" for block in raw.blocks) == len(plan.table)


def test_existing_corpus_is_reused_and_extended(tmp_path):
    first = generate_corpus(tmp_path, 3, jobs=1)
    stamp = first[0].path.stat().st_mtime_ns
    again = generate_corpus(tmp_path, 3, jobs=1)
    assert again == first and first[0].path.stat().st_mtime_ns == stamp
    extended = generate_corpus(tmp_path, 5, jobs=1)
    assert extended[:3] == first and len(extended) == 5
    assert not any(path.name.endswith(".json") for path in tmp_path.iterdir() if not path.name.startswith("."))


def test_write_document_names_files_by_index_and_kind(tmp_path):
    plan = plan_document(3)
    path = write_document(plan, tmp_path)
    assert path.name.startswith("00003-") and path.suffix == f".{plan.format}"

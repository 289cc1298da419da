"""Real web copies of State Council documents: what the text says must agree with the page's own
metadata table (which the extractor never reads while the text has the element)."""
from pathlib import Path

import pytest

from gongwen.extractors.fields import document_fields, locate
from gongwen.extractors.knowledge.dates import find_date
from gongwen.extractors.normalize import normalize

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "real-corpus"
PAGES = sorted(CORPUS.glob("platform-1__*.html")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not PAGES, reason="shared real corpus is not available")
def test_text_fields_agree_with_page_metadata():
    read_document = pytest.importorskip("gongwen.extractors.readers").read_document
    agree = {"doc_number": 0, "title": 0, "issuer": 0, "date": 0}
    for path in PAGES:
        raw = read_document(path)
        meta = raw.meta.get("page_metadata") or {}
        fields = document_fields(locate(normalize(raw)))
        agree["doc_number"] += fields.doc_number == meta.get("发文字号")
        agree["title"] += fields.title == meta.get("标题")
        agree["issuer"] += "、".join(fields.issuer) == meta.get("发文机关")
        page_date = find_date(meta.get("成文日期", ""))
        agree["date"] += page_date is not None and fields.date == page_date.iso
        assert fields.doc_type is not None or "答复" in (fields.title or ""), path.name
    # Known disagreements are the page's, not ours: a truncated 标题 cell, a 成文日期 cell that
    # differs from the date printed under the signature.
    assert agree["doc_number"] == len(PAGES)
    assert agree["issuer"] == len(PAGES)
    assert agree["date"] >= len(PAGES) - 1
    assert agree["title"] >= len(PAGES) // 2

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen.extractors.fields import extract
from gongwen.extractors.normalize import is_blank, normalize
from gongwen.extractors.readers import read_document
from gongwen.pipeline.model import Block, RawDocument

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "documents"


@pytest.fixture(scope="module")
def corpus_documents() -> list[RawDocument]:
    """One document of each format the corpus has (docx, pdf, html, txt)."""
    found = {}
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".docx", ".pdf", ".html", ".txt") and path.suffix not in found:
            found[path.suffix] = read_document(path)
    return list(found.values())


def raw(*texts: str, kind: str = "para") -> RawDocument:
    return RawDocument(path="t.txt", format="txt", blocks=tuple(Block(kind, text) for text in texts))


def test_blanks_between_cjk_go_and_other_runs_become_one_space():
    doc = normalize(raw("\u3000\u3000通  知", "东安区人民政府\u00a0\u00a0  ", "2019/7/26\t14:53:59 来源", "Windows  10 系统"))
    assert doc.text.split("\n") == ["通知", "东安区人民政府", "2019/7/26 14:53:59 来源", "Windows 10 系统"]


def test_zero_width_and_line_breaks_inside_a_block_are_dropped():
    doc = normalize(raw("关于\u200b印发\n的通知\ufeff", "abc\ndef"))
    assert doc.text == "关于印发的通知\nabc def"


def test_punctuation_brackets_and_digits_are_kept_as_written():
    text = "国发[2019]5号　牡东政发〔2019〕7号（１２３）：；"
    assert normalize(raw(text)).text == "国发[2019]5号牡东政发〔2019〕7号（１２３）：；"


def test_offset_map_points_every_character_back_to_the_original():
    doc = normalize(raw("  东安区  人民政府 ", "", "\u30002019年7月18日 "))
    assert len(doc.offset_map) == len(doc.text) + 1
    for position, char in enumerate(doc.text):
        if char != "\n":
            assert doc.original[doc.offset_map[position]] == char
    start = doc.text.index("人民政府")
    original_start, original_end = doc.to_original(start, start + 4)
    assert doc.original[original_start:original_end] == "人民政府"
    start, end = doc.block_spans[2]
    original_start, original_end = doc.to_original(start, end)
    assert doc.original[original_start:original_end] == "2019年7月18日"


def test_block_spans_cover_each_block_of_the_normalized_text():
    doc = normalize(raw("标题", "", "  正文  内容 "))
    assert [doc.text[start:end] for start, end in doc.block_spans] == ["标题", "", "正文内容"]
    assert doc.block_at(doc.text.index("正文")) == 2


def test_table_rows_keep_one_tab_between_cells():
    doc = normalize(raw("拟稿\t 张某某 \t2024年3月1日", kind="table_row"))
    assert doc.text == "拟稿\t张某某\t2024年3月1日"


def test_the_view_keeps_the_word_boundaries_it_joins():
    doc = normalize(raw("签发人：张某某　李某某", "  王  强 同志", "区财政局\u200b区教育局"))
    assert doc.text == "签发人：张某某李某某\n王强同志\n区财政局区教育局"
    assert doc.written(0, len(doc.text)) == "签发人：张某某 李某某\n王 强 同志\n区财政局区教育局"
    start = doc.text.index("张某某")
    assert doc.written(start, start + 6) == "张某某 李某某"
    assert doc.written(start + 3, start + 6) == "李某某"  # a boundary at the edge is outside the stretch


WORD_CHARACTERS = st.sampled_from(list("张李某强区局，。") + list("ab1") + [" ", "\u3000", "\u00a0", "\t", "\n", "\u200b"])


@settings(max_examples=60, deadline=2000, derandomize=True, database=None)
@given(st.lists(st.tuples(st.sampled_from(("para", "table_row")), st.text(WORD_CHARACTERS, max_size=25)), max_size=5),
       st.data())
def test_a_word_boundary_is_kept_exactly_where_blanks_were_written(blocks, data):
    doc = normalize(RawDocument(path="t.txt", format="txt", blocks=tuple(Block(kind, text) for kind, text in blocks)))
    for index in range(1, len(doc.text)):
        before, after = doc.text[index - 1], doc.text[index]
        if before.isspace() or after.isspace():
            continue
        between = doc.original[doc.offset_map[index - 1] + 1:doc.offset_map[index]]
        assert (index in doc.blank_gaps) is any(is_blank(char) for char in between), (doc.text, index)
    start = data.draw(st.integers(0, len(doc.text)))
    end = data.draw(st.integers(start, len(doc.text)))
    written = doc.written(start, end)
    assert written.replace(" ", "") == doc.text[start:end].replace(" ", "")
    assert written.count(" ") == doc.text[start:end].count(" ") + sum(start < gap < end for gap in doc.blank_gaps)


def test_extraction_reads_the_view_not_the_text_as_written(corpus_documents):
    """Nothing after normalize goes back to the text as written: with ``original`` blanked out,
    extraction reads the same fields (names separated by blanks, organs side by side, a signer's
    name wrapped onto the next line included)."""
    wrapped = raw("东安区人民政府文件", "东政发〔2024〕3号　　签发人：刘", "卫东", "关于开展检查的通知",
                  "区财政局　区教育局：", "请认真落实。", "联系人：王　强", "东安区人民政府", "2024年3月1日")
    for doc in [normalize(wrapped), *(normalize(document) for document in corpus_documents)]:
        blanked = dataclasses.replace(doc, original="□" * len(doc.original))
        assert extract(blanked).fields == extract(doc).fields, doc.raw.path


def test_the_blank_class_holds_exactly_the_blank_characters():
    from gongwen.extractors.normalize import _BLANKS

    blank_class = re.compile(f"[{_BLANKS}]")
    assert [code for code in range(0x110000) if bool(blank_class.match(chr(code))) != is_blank(chr(code))] == []

"""Field patterns stay linear on hostile lines (each was quadratic or worse in a run of one character)."""
from __future__ import annotations

import pytest

from gongwen.extractors.fields.issuer import ISSUER_MARK_WORD
from gongwen.extractors.fields.patterns import text_lines
from gongwen.extractors.fields.requests import AMOUNT
from gongwen.extractors.fields.features import ISSUER_MARK, MARKS_LINE


@pytest.mark.parametrize(("run", "make_input"), [
    pytest.param(lambda line: AMOUNT.findall(line), lambda n: "0" * n + "!", id="amount"),
    pytest.param(lambda line: ISSUER_MARK.match(line), lambda n: "东安区" + "\u3000" * n + "!", id="issuer-mark"),
    pytest.param(lambda line: MARKS_LINE.match(line), lambda n: " " * n + "中", id="marks-line"),
    pytest.param(lambda line: ISSUER_MARK_WORD.sub("", line), lambda n: "\u3000" * n + "!", id="issuer-mark-word"),
])
def test_field_patterns_are_linear(assert_linear, run, make_input):
    assert_linear(run, make_input, 2_000)


def test_markup_trail_is_linear(assert_linear, make_document):
    assert_linear(text_lines, lambda n: make_document(["**通知" + "*" * n + "中"]), 2_000)


def test_patterns_keep_their_matches(make_document):
    assert AMOUNT.findall("申请经费20万元、12.5 亿元和x3.4元") == ["20万元", "12.5 亿元", "3.4元"]
    assert ISSUER_MARK.match("东安区人民政府办公室　文件").group("organ") == "东安区人民政府办公室"
    assert ISSUER_MARK.match("文件文件").group("organ") == "文件"
    assert MARKS_LINE.match("000001 机密★1年 特急") and not MARKS_LINE.match("机密文件")
    assert ISSUER_MARK_WORD.sub("", "东安区人民政府　文件 ") == "东安区人民政府"
    assert [line.text for line in text_lines(make_document(["## **关于开展检查的通知**", "正文__"]))] == [
        "关于开展检查的通知", "正文"]

"""Readers stay linear on hostile input: a line of a few tens of KB must cost one pass."""
from __future__ import annotations

from pathlib import Path

import pytest

from gongwen.extractors.readers import ReadLimits
from gongwen.extractors.readers.text import read_markdown, read_text


def _markdown(source: str):
    return read_markdown(Path("hostile.md"), source.encode("utf-8"), ReadLimits())


# Each input was seconds to hours at 30 KB before: the table-delimiter pattern was cubic in the
# spaces before a stray pipe, the heading pattern quadratic in the spaces before its last word,
# the comment pattern quadratic in unclosed "<!--", and quote marks were removed one at a time.
@pytest.mark.parametrize("make_input", [
    pytest.param(lambda n: "|---|" + " " * n + "|x|\n", id="table-delimiter"),
    pytest.param(lambda n: "# 标题" + " " * n + "x\n", id="heading-closing-run"),
    pytest.param(lambda n: "<!--" * (n // 4) + "\n", id="unclosed-comments"),
    pytest.param(lambda n: ">" * n + "正文\n", id="nested-quotes"),
])
def test_markdown_block_markup_is_linear(assert_linear, make_input):
    assert_linear(_markdown, make_input, 4_000)


def test_a_30_kb_table_delimiter_line_is_still_read_as_a_delimiter(assert_linear):
    document = _markdown("| 项目 | 金额 |\n|" + " " * 30_000 + "---|---|\n| 经费 | 10 |\n")
    assert [block.text for block in document.blocks] == ["项目\t金额", "经费\t10"]


@pytest.mark.parametrize("make_input", [
    pytest.param(lambda n: "*a" * (n // 2), id="emphasis-openers"),
    pytest.param(lambda n: "[" * n + "a", id="link-openers"),
    pytest.param(lambda n: "`" * n + "a", id="backticks"),
    pytest.param(lambda n: "<a" * (n // 2), id="html-openers"),
    pytest.param(lambda n: "**" * (n // 2) + "a", id="bold-marks"),
])
def test_markdown_inline_markup_is_linear(assert_linear, make_input):
    assert_linear(_markdown, make_input, 2_000)


def test_txt_bold_pairs_are_linear(assert_linear):
    assert_linear(lambda source: read_text(Path("hostile.txt"), source.encode("utf-8"), ReadLimits()),
                  lambda n: "**甲\n" * (n // 4), 4_000)

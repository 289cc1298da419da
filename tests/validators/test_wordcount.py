import pytest

from gongwen.validators.wordcount import count_words, counts


@pytest.mark.parametrize(("text", "expected"), [
    ("2023年全区GDP增长5.2%，完成《实施方案》。", 18),  # catalogue §14.2
    ("截至2024年6月30日，全区共有3个街道。", 18),
    ("依据GB/T 9704-2012执行", 6),
    ("Hello、World。", 4),
    ("２０２４年", 5),  # full-width digits count one each
    ("", 0),
    ("　　正文首行空二字。", 8),  # the ideographic space is whitespace
    ("第一段。\n第二段。", 8),  # paragraph marks are not counted
    ("“通知”", 4),
])
def test_word_count_matches_word(text, expected):
    assert count_words(text) == expected


def test_counts_split_east_asian_and_runs():
    east_asian, runs, non_space = counts("推进5G基站建设")
    assert (east_asian, runs, non_space) == (6, 1, 8)

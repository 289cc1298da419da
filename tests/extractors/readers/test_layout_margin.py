"""Wrapped lines are joined against the margin most lines share, not the rightmost edge: a PDF whose
font the viewer substitutes places digits with other widths than the writer wrapped them with."""
import pytest

from gongwen.extractors.knowledge.page_furniture import is_page_number
from gongwen.extractors.readers.layout import Line, paragraphs


def _line(text: str, x0: float, x1: float) -> Line:
    return Line(text=text, page=1, x0=x0, x1=x1, size=16.0)


def test_a_few_lines_overshooting_the_margin_do_not_split_the_paragraphs():
    lines = [
        _line("北大街片区是我区建成时间最早的老城区之一，片区内排", 111.4, 511.4),
        _line("水管网大多建于上世纪八十年代，为雨污合流制，管径偏", 79.4, 511.4),
        _line("小、淤堵严重。每逢强降雨，片区内桃北西街、北大街", 79.4, 511.4),
        _line("中段等路段积水严重。", 79.4, 239.4),
        _line("上述资金中，已争取中央预算内投资1200万元，区级需配", 111.4, 508.9),
        _line("套资金1665万元。为确保工程在今年汛期结束后按期开工，恳", 79.4, 508.9),
        _line("请区政府批准安排北大街片区雨污分流改造工程区级配套资金1665", 79.4, 533.5),
        _line("万元。", 79.4, 130.0),
    ]
    texts = [block.text for block in paragraphs(lines)]
    assert texts == [
        "北大街片区是我区建成时间最早的老城区之一，片区内排水管网大多建于上世纪八十年代，为雨污合流制，管径偏"
        "小、淤堵严重。每逢强降雨，片区内桃北西街、北大街中段等路段积水严重。",
        "上述资金中，已争取中央预算内投资1200万元，区级需配套资金1665万元。为确保工程在今年汛期结束后按期开工，恳"
        "请区政府批准安排北大街片区雨污分流改造工程区级配套资金1665万元。",
    ]


def test_the_margin_of_many_lines_is_found_in_linear_time(assert_linear):
    """The median of the right edges is taken once, not once for every line."""
    def make_input(count: int) -> list[Line]:
        return [_line("水管网大多建于上世纪八十年代，为雨污合流制，管径偏", 79.4, 511.4 - index % 7) for index in range(count)]

    assert_linear(paragraphs, make_input, 1_000)


@pytest.mark.parametrize("number", ["— 2 —", "-2-", "－ 3 －", "第 2 页", "第2页，共9页", "2", "- 2"])
def test_a_page_number_alone_at_a_pages_foot_is_a_footer(number):
    """The reader takes a bare number there too (only its place makes it a page number); the
    labeller, reading any line of a text, takes only the printed forms: one pattern for both."""
    body = "水管网大多建于上世纪八十年代，为雨污合流制，管径偏小、淤堵严重。"
    blocks = paragraphs([_line(body, 79.4, 511.4), Line(text=number, page=1, x0=280.0, x1=310.0, size=14.0),
                         Line(text=body, page=2, x0=79.4, x1=511.4, size=16.0)])
    assert [(block.kind, block.text) for block in blocks] == [("para", body), ("footer", number), ("para", body)]
    assert is_page_number(number) == (number not in ("2", "- 2"))


def test_a_right_aligned_signer_line_does_not_run_on_into_the_number_below():
    """A 版头 with 签发人 set against the right margin above a flush-left 发文字号: the signer's line
    reaches the margin, yet no paragraph runs on from a line that starts past a paragraph's indent."""
    lines = [
        _line("签发人：扈海龙", 409.6, 521.6),
        _line("前交发〔2025〕5号", 79.4, 212.3),
        _line("长安路光复路至友谊路段全长1.8公里，建成于2006年，路面龟", 79.4, 521.6),
        _line("裂、沉陷严重。", 79.4, 190.0),
    ]
    assert [block.text for block in paragraphs(lines)] == [
        "签发人：扈海龙", "前交发〔2025〕5号", "长安路光复路至友谊路段全长1.8公里，建成于2006年，路面龟裂、沉陷严重。"]

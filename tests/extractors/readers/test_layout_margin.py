"""Wrapped lines are joined against the margin most lines share, not the rightmost edge: a PDF whose
font the viewer substitutes places digits with other widths than the writer wrapped them with."""
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

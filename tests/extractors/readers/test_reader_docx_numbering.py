"""Word automatic numbering (numbering.xml) is read as the labels Word draws before paragraphs."""
from __future__ import annotations

import pytest

from gongwen.extractors.readers import read_document
from reader_builders import write_numbered_docx


def _level(level: int, number_format: str, text: str, start: int = 1, extra: str = "",
           suffix: str | None = "nothing") -> str:
    suffix_element = f"<w:suff w:val='{suffix}'/>" if suffix else ""
    return (f"<w:lvl w:ilvl='{level}'><w:start w:val='{start}'/><w:numFmt w:val='{number_format}'/>{extra}"
            f"<w:lvlText w:val='{text}'/>{suffix_element}</w:lvl>")


def _abstract(abstract_id: int, *levels: str, extra: str = "") -> str:
    return f"<w:abstractNum w:abstractNumId='{abstract_id}'>{extra}{''.join(levels)}</w:abstractNum>"


def _num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f"<w:num w:numId='{num_id}'><w:abstractNumId w:val='{abstract_id}'/>{overrides}</w:num>"


def _para(text: str, num_id: int | None = None, level: int | None = None, style: str | None = None) -> str:
    numbering = ""
    if num_id is not None or level is not None:
        numbering = ("<w:numPr>" + (f"<w:ilvl w:val='{level}'/>" if level is not None else "")
                     + (f"<w:numId w:val='{num_id}'/>" if num_id is not None else "") + "</w:numPr>")
    style_element = f"<w:pStyle w:val='{style}'/>" if style else ""
    return f"<w:p><w:pPr>{style_element}{numbering}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


OFFICIAL_LEVELS = (_level(0, "chineseCounting", "%1、"), _level(1, "chineseCounting", "（%2）"),
                   _level(2, "decimal", "%3."))


def _texts(tmp_path, body: str, numbering: str | None, styles: str = "") -> list[str]:
    document = read_document(write_numbered_docx(tmp_path / "编号.docx", body, numbering, styles))
    return [block.text for block in document.blocks]


def test_three_level_official_numbering_restarts_deeper_levels(tmp_path):
    body = (_para("总体要求", 1, 0) + _para("工作目标", 1, 1) + _para("加强组织领导", 1, 2)
            + _para("压实工作责任", 1, 2) + _para("基本原则", 1, 1) + _para("重点任务", 1, 0)
            + _para("推进数字政府建设", 1, 1) + _para("完善平台", 1, 2)
            + "<w:p><w:pPr><w:numPr><w:ilvl w:val='2'/><w:numId w:val='1'/></w:numPr></w:pPr>"
              "<w:r><w:t>统一入口</w:t><w:br/><w:t>分级管理</w:t></w:r></w:p>"
            + _para("此段不编号"))
    path = write_numbered_docx(tmp_path / "方案.docx", body, _abstract(0, *OFFICIAL_LEVELS) + _num(1, 0))
    document = read_document(path)

    assert [block.text for block in document.blocks] == [
        "一、总体要求", "（一）工作目标", "1.加强组织领导", "2.压实工作责任", "（二）基本原则",
        "二、重点任务", "（一）推进数字政府建设", "1.完善平台", "2.统一入口", "分级管理", "此段不编号",
    ]
    assert document.meta["numbering_labels"] == [
        (0, "一、"), (1, "（一）"), (2, "1."), (3, "2."), (4, "（二）"), (5, "二、"), (6, "（一）"), (7, "1."), (8, "2."),
    ]


def test_default_suffix_is_the_tab_word_draws_after_the_number(tmp_path):
    numbering = _abstract(0, _level(0, "decimal", "%1.", suffix=None), _level(1, "decimal", "(%2)", suffix="space"))
    body = _para("报送材料", 1, 0) + _para("2024年数据", 1, 0) + _para("附表", 1, 1)
    assert _texts(tmp_path, body, numbering + _num(1, 0)) == ["1.\t报送材料", "2.\t2024年数据", "(1) 附表"]


@pytest.mark.parametrize(("number_format", "start", "label"), [
    ("chineseCounting", 10, "十、"),
    ("chineseCounting", 11, "十一、"),
    ("chineseCounting", 20, "二十、"),
    ("chineseCounting", 99, "九十九、"),
    ("chineseCountingThousand", 105, "一百零五、"),
    ("chineseLegalSimplified", 12, "壹拾贰、"),
    ("ideographTraditional", 3, "丙、"),
    ("decimalEnclosedCircle", 1, "①、"),
    ("decimalEnclosedCircle", 20, "⑳、"),
    ("decimalEnclosedCircle", 21, "21、"),
    ("decimalZero", 7, "07、"),
    ("lowerLetter", 2, "b、"),
    ("upperLetter", 27, "AA、"),
    ("lowerRoman", 14, "xiv、"),
    ("upperRoman", 1999, "MCMXCIX、"),
    ("ordinalText", 3, "3、"),  # a format without a Chinese or numeric form falls back to digits
])
def test_number_formats(tmp_path, number_format, start, label):
    numbering = _abstract(0, _level(0, number_format, "%1、", start=start)) + _num(1, 0)
    assert _texts(tmp_path, _para("事项", 1, 0), numbering) == [label + "事项"]


def test_numbering_from_heading_styles_along_the_based_on_chain(tmp_path):
    styles = (
        "<w:style w:type='paragraph' w:styleId='GwHeading1'><w:name w:val='公文一级标题'/>"
        "<w:pPr><w:numPr><w:numId w:val='3'/></w:numPr></w:pPr></w:style>"
        "<w:style w:type='paragraph' w:styleId='GwHeading2'><w:name w:val='公文二级标题'/>"
        "<w:basedOn w:val='GwHeading1'/><w:pPr><w:numPr><w:ilvl w:val='1'/></w:numPr></w:pPr></w:style>"
        "<w:style w:type='paragraph' w:styleId='GwHeading3'><w:name w:val='公文三级标题'/>"
        "<w:pPr><w:numPr><w:numId w:val='3'/></w:numPr></w:pPr></w:style>"
    )
    levels = (_level(0, "chineseCounting", "%1、", extra="<w:pStyle w:val='GwHeading1'/>"),
              _level(1, "chineseCounting", "（%2）"),
              _level(2, "decimal", "%3.", extra="<w:pStyle w:val='GwHeading3'/>"))
    body = (_para("总体要求", style="GwHeading1") + _para("工作目标", style="GwHeading2")
            + _para("具体指标", style="GwHeading3") + _para("基本原则", style="GwHeading2")
            + _para("附则（不编号）", 0, style="GwHeading1") + _para("保障措施", style="GwHeading1")
            + _para("组织保障", style="GwHeading2"))
    assert _texts(tmp_path, body, _abstract(0, *levels) + _num(3, 0), styles) == [
        "一、总体要求", "（一）工作目标", "1.具体指标", "（二）基本原则", "附则（不编号）", "二、保障措施", "（一）组织保障",
    ]


def test_lvl_restart_keeps_counting_across_a_middle_level(tmp_path):
    levels = (_level(0, "chineseCounting", "%1、"), _level(1, "chineseCounting", "（%2）"),
              _level(2, "decimal", "%3.", extra="<w:lvlRestart w:val='1'/>"))
    body = (_para("甲", 1, 0) + _para("乙", 1, 1) + _para("丙", 1, 2) + _para("丁", 1, 1) + _para("戊", 1, 2)
            + _para("己", 1, 0) + _para("庚", 1, 2))
    assert _texts(tmp_path, body, _abstract(0, *levels) + _num(1, 0)) == [
        "一、甲", "（一）乙", "1.丙", "（二）丁", "2.戊", "二、己", "1.庚",
    ]


def test_list_instances_share_the_count_unless_a_start_override_restarts_it(tmp_path):
    restart_at = "<w:lvlOverride w:ilvl='0'><w:startOverride w:val='{}'/></w:lvlOverride>"
    numbering = (_abstract(0, _level(0, "decimal", "%1.")) + _num(5, 0) + _num(6, 0, restart_at.format(1))
                 + _num(7, 0) + _num(8, 0, restart_at.format(10)))
    body = (_para("第一项", 5, 0) + _para("第二项", 5, 0) + _para("新列表第一项", 6, 0) + _para("新列表第二项", 6, 0)
            + _para("接续", 5, 0) + _para("另一实例接续", 7, 0) + _para("从十起", 8, 0) + _para("十一", 8, 0))
    assert _texts(tmp_path, body, numbering) == [
        "1.第一项", "2.第二项", "1.新列表第一项", "2.新列表第二项", "3.接续", "4.另一实例接续", "10.从十起", "11.十一",
    ]


def test_level_override_replaces_the_abstract_level(tmp_path):
    override = ("<w:lvlOverride w:ilvl='0'><w:startOverride w:val='1'/>"
                + _level(0, "decimalEnclosedCircle", "%1") + "</w:lvlOverride>")
    numbering = _abstract(0, _level(0, "decimal", "%1.")) + _num(1, 0) + _num(2, 0, override)
    body = _para("普通", 1, 0) + _para("圈号甲", 2, 0) + _para("圈号乙", 2, 0)
    assert _texts(tmp_path, body, numbering) == ["1.普通", "①圈号甲", "②圈号乙"]


def test_legal_numbering_and_multi_level_text(tmp_path):
    levels = (_level(0, "chineseCounting", "第%1章", suffix="space"),
              _level(1, "decimal", "%1.%2", extra="<w:isLgl/>", suffix="space"))
    body = _para("总则", 1, 0) + _para("目的", 1, 1) + _para("依据", 1, 1) + _para("附则", 1, 0) + _para("施行", 1, 1)
    assert _texts(tmp_path, body, _abstract(0, *levels) + _num(1, 0)) == [
        "第一章 总则", "1.1 目的", "1.2 依据", "第二章 附则", "2.1 施行",
    ]


def test_num_style_link_uses_the_levels_of_the_linked_definition(tmp_path):
    styles = ("<w:style w:type='numbering' w:styleId='GwList'><w:name w:val='公文列表'/>"
              "<w:pPr><w:numPr><w:numId w:val='2'/></w:numPr></w:pPr></w:style>")
    numbering = (_abstract(0, extra="<w:numStyleLink w:val='GwList'/>")
                 + _abstract(1, _level(0, "chineseCounting", "%1、"), extra="<w:styleLink w:val='GwList'/>")
                 + _num(1, 0) + _num(2, 1))
    assert _texts(tmp_path, _para("甲", 1, 0) + _para("乙", 2, 0), numbering, styles) == ["一、甲", "二、乙"]


def test_bullets_get_no_label(tmp_path):
    numbering = (_abstract(0, _level(0, "bullet", "\u25cf", suffix=None), _level(1, "decimal", "%2)"))
                 + _num(1, 0))
    path = write_numbered_docx(tmp_path / "要点.docx", _para("要点一", 1, 0) + _para("细项", 1, 1)
                               + _para("要点二", 1, 0) + _para("细项", 1, 1), numbering)
    document = read_document(path)
    assert [block.text for block in document.blocks] == ["要点一", "1)细项", "要点二", "1)细项"]
    assert document.meta["numbering_labels"] == [(1, "1)"), (3, "1)")]


def test_numbered_cell_paragraph_and_empty_numbered_paragraph(tmp_path):
    numbering = _abstract(0, _level(0, "decimal", "%1.")) + _num(1, 0)
    empty = "<w:p><w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr></w:pPr></w:p>"
    table = "<w:tbl><w:tr><w:tc>" + _para("表内事项", 1, 0) + "</w:tc><w:tc>" + _para("说明") + "</w:tc></w:tr></w:tbl>"
    # The empty paragraph is left out like every empty paragraph, but Word still counted it.
    assert _texts(tmp_path, _para("正文事项", 1, 0) + empty + table, numbering) == ["1.正文事项", "3.表内事项\t说明"]


def test_missing_numbering_part_or_definition_reads_plain_text(tmp_path):
    body = _para("总体要求", 1, 0) + _para("工作目标", 9, 1) + _para("保障措施", 4, 0)
    assert _texts(tmp_path, body, None) == ["总体要求", "工作目标", "保障措施"]
    numbering = _abstract(0, *OFFICIAL_LEVELS) + _num(1, 0) + _num(4, 7)  # no w:num 9, no w:abstractNum 7
    assert _texts(tmp_path, body, numbering) == ["一、总体要求", "工作目标", "保障措施"]

"""Faulty documents read as a clerk reads them: the fault is extracted as written, for the rules
to judge (a title naming no 文种, a leader addressed as 主送, an impossible date, a 报告 called
汇报), and the near misses that must stay empty."""
from __future__ import annotations

import pytest

from gongwen.extractors.fields import document_fields, locate
from gongwen.pipeline.model import Block, Document, RawDocument


def fields_of(make_document, lines):
    return document_fields(locate(make_document(lines)))


def title_of(make_document, lines):
    return fields_of(make_document, lines).title


# --- titles that name no 文种 ----------------------------------------------------------------------

@pytest.mark.parametrize("lines", [
    ["区住建局关于老旧小区改造补助资金的申请", "区人民政府：", "我局今年计划改造老旧小区12个，尚缺资金300万元。", "特此申请。"],
    ["城建函〔2024〕15号", "区住建局关于老旧小区改造补助资金的申请", "区人民政府：", "尚缺资金300万元，特此申请。"],
    ["城区犬只管理办法（征求意见稿）", "第一条 为规范犬只管理，维护市容环境，制定本办法。", "第二条 本办法适用于城区。"],
    ["关于加快社区养老服务站建设", "各街道办事处：", "为加快社区养老服务站建设，现就有关事项通知如下。"],
    ["阳泉市城区人民政府工作规则", "第一章 总则", "第一条 为规范区政府工作，制定本规则。"],
    ["城区2024年老旧小区改造工作总结", "今年以来，我局完成老旧小区改造12个，惠及居民3400户。"],
])
def test_a_title_without_a_doc_type_is_taken_as_written(make_document, lines):
    fields = fields_of(make_document, lines)
    expected = next(line for line in lines if "号" not in line)
    assert fields.title == expected


def test_the_doc_type_of_an_untyped_title_comes_from_the_body_or_stays_none(make_document):
    request = fields_of(make_document, ["区住建局关于老旧小区改造补助资金的申请", "区人民政府：", "尚缺资金300万元，特此申请。"])
    assert request.doc_type is None and request.recipients == ("区人民政府",)
    notice = fields_of(make_document, ["关于加快社区养老服务站建设", "各街道办事处：", "现就有关事项通知如下。"])
    assert notice.doc_type == "通知"


def test_the_form_of_an_untyped_title_is_not_read_as_an_organ(make_document):
    fields = fields_of(make_document, ["城区犬只管理办法（征求意见稿）", "第一条 为规范犬只管理，制定本办法。"])
    assert fields.issuer == ()  # not "城区犬只管理办"


@pytest.mark.parametrize("lines", [
    # 关于 opening the first line but nothing where a title stands: the start of the body
    ["关于做好2024年防汛工作", "今年入汛以来，我区降雨偏多，各单位要切实做好防汛准备。"],
    # a heading's numbering, a menu item, a breadcrumb
    ["（一）实施方案", "各单位要按照方案要求，抓好落实。"],
    ["规划计划", "今年全区工作的总体要求是，稳中求进。"],
    ["首页 > 政务公开 > 规章制度", "今年全区工作的总体要求是，稳中求进。"],
    # a sentence that ends in a form word
    ["为规范犬只管理，制定本办法", "第一条 本办法适用于城区。"],
    # the text starts with its body
    ["今年以来，我局认真落实区委区政府部署，各项工作进展顺利。", "特此报告。"],
])
def test_no_title_is_made_up(make_document, lines):
    assert title_of(make_document, lines) is None


def test_the_issued_rules_after_the_signature_are_not_the_title(make_document):
    lines = [
        "义井镇人民政府、各街道办事处,区直各部门:",
        "为更好指导和规范区政府及各部门的工作，现将《阳泉市城区人民政府工作规则》予以印发，请遵照执行。",
        "阳泉市城区人民政府",
        "2021年11月11日",
        "阳泉市城区人民政府工作规则",
        "第一章 总 则",
    ]
    assert title_of(make_document, lines) is None


def test_a_page_header_is_not_the_title():
    lines = [("header", "阳泉市城区人民政府工作规则"), ("para", "今年全区工作的总体要求是，稳中求进。"),
             ("para", "各单位要按照要求，抓好落实。")]
    blocks = tuple(Block(kind=kind, text=text) for kind, text in lines)
    text = "\n".join(text for _, text in lines)
    spans, position = [], 0
    for _, line in lines:
        spans.append((position, position + len(line)))
        position += len(line) + 1
    doc = Document(raw=RawDocument(path="header.docx", format="docx", blocks=blocks), text=text, original=text,
                   offset_map=tuple(range(len(text) + 1)), block_spans=tuple(spans))
    assert document_fields(locate(doc)).title is None


# --- leaders addressed as 主送 -----------------------------------------------------------------------

@pytest.mark.parametrize(("salutation", "expected"), [
    ("周某某区长：", ("周某某区长",)),
    ("区长：", ("区长",)),
    ("许市长：", ("许市长",)),
    ("韩某某常务副区长：", ("韩某某常务副区长",)),
    ("区人民政府：", ("区人民政府",)),
])
def test_a_leader_addressed_under_the_title_is_the_recipient(make_document, salutation, expected):
    lines = ["关于城区供暖管网抢修情况的报告", salutation, "我局连夜组织抢修，已于次日恢复供暖。", "特此报告。"]
    fields = fields_of(make_document, lines)
    assert fields.recipients == expected
    doc = locate(make_document(lines))
    body = doc.structure.span("body")
    assert doc.text[body.start:body.end].startswith("我局连夜")


@pytest.mark.parametrize("line", ["具体情况如下：", "各位领导：", "同志们："])
def test_body_lines_ending_in_a_colon_are_not_recipients(make_document, line):
    lines = ["关于城区供暖管网抢修情况的报告", line, "我局连夜组织抢修，已于次日恢复供暖。"]
    assert fields_of(make_document, lines).recipients == ()


# --- an impossible date ------------------------------------------------------------------------------

def test_an_impossible_date_keeps_its_written_form_and_the_signature(make_document):
    lines = ["区民政局关于开展社会组织年检的通知", "各社会组织：", "请按时完成年检。", "区民政局", "2024年2月30日"]
    doc = locate(make_document(lines))
    fields = document_fields(doc)
    assert (fields.date, fields.date_text) == (None, "2024年2月30日")
    assert fields.issuer == ("区民政局",) and fields.recipients == ("各社会组织",)
    assert [doc.text[s.start:s.end] for s in doc.structure.elements["signature"]] == ["区民政局"]


def test_a_valid_date_under_the_signature_still_wins_over_a_later_impossible_one(make_document):
    lines = ["区民政局关于开展社会组织年检的通知", "各社会组织：", "请按时完成年检。", "区民政局", "2024年2月28日",
             "年检办法", "第一条 年检截止日期为2024年2月30日前。"]
    fields = fields_of(make_document, lines)
    assert (fields.date, fields.date_text) == ("2024-02-28", "2024年2月28日")


# --- 汇报: a meeting material, or a 报告 misnamed ---------------------------------------------------

def test_a_huibao_addressed_to_an_organ_is_a_report(make_document):
    lines = ["区农业农村局关于2024年秋粮收购工作的汇报", "区人民政府：", "今年秋粮收购工作进展顺利。", "区农业农村局", "2024年10月8日"]
    fields = fields_of(make_document, lines)
    assert fields.title == "区农业农村局关于2024年秋粮收购工作的汇报"  # as written: doctype.invalid flags 汇报
    assert (fields.doc_type, fields.recipients) == ("报告", ("区人民政府",))


def test_a_numbered_huibao_is_a_report(make_document):
    lines = ["城农发〔2024〕12号", "区农业农村局关于2024年秋粮收购工作的汇报", "今年秋粮收购工作进展顺利。"]
    assert fields_of(make_document, lines).doc_type == "报告"


@pytest.mark.parametrize("salutation", ["周区长、各位副区长：", "周某某区长、各位领导：", "各位领导："])
def test_a_huibao_for_a_meeting_stays_a_briefing_without_recipients(make_document, salutation):
    lines = ["关于全区老旧小区改造工作进展情况的汇报", "阳泉市城区住房和城乡建设局", salutation,
             "今年以来，我局完成老旧小区改造12个，惠及居民3400户。"]
    fields = fields_of(make_document, lines)
    assert (fields.doc_type, fields.recipients) == ("汇报稿", ())


def test_an_explicit_meeting_material_never_takes_recipients(make_document):
    lines = ["关于调整区长办公会议议题的情况说明", "区人民政府：", "现将有关情况说明如下。"]
    fields = fields_of(make_document, lines)
    assert (fields.doc_type, fields.recipients) == ("情况说明", ())

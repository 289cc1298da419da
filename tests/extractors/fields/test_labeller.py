"""The element labeller: its features, its decoder's order and confidence, and the structure it gives."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongwen.extractors.fields import document_fields, locate
from gongwen.extractors.fields.cover_sheet import mark_cover_sheet
from gongwen.extractors.fields.features import document_features
from gongwen.extractors.fields.labeller import RANK, TRANSPARENT, WEIGHTS, allowed, decode
from gongwen.extractors.fields.patterns import document_lines
from gongwen.extractors.fields.structure import recognise_structure
from tests.extractors.fields.conftest import make_document


def features_of(lines: list[str]) -> list[set[str]]:
    doc = make_document(lines)
    return document_features(doc, mark_cover_sheet(doc, document_lines(doc)))


def texts(doc, element):
    return [doc.text[span.start:span.end] for span in doc.structure.elements.get(element, ())]


REQUEST = [
    "阳泉市城区民政局文件",
    "阳城民请〔2024〕4号　　签发人　武某某",
    "关于设立养老服务中心的请示",
    "阳泉市城区人民政府：",
    "为回应群众关切，我局拟在上站街道设立区级嵌入式养老服务中心，所需经费从部门预算中列支。",
    "妥否，请批示。",
    "附件　1．养老服务中心建设方案",
    "阳泉市城区民政局",
    "2024年3月5日",
    "抄送　区财政局，区卫生健康局。",
]


def test_features_name_the_cues_of_each_line():
    found = features_of(REQUEST)
    assert "issuer_mark" in found[0]
    assert {"doc_number"} <= found[1]  # 签发人 beside the number, without its colon
    assert "title_cued" in found[2]
    assert "recipients" in found[3]
    assert "sentence" in found[4]
    assert "attachment_note" in found[6]  # 附件 without its colon
    assert "signature_organ" in found[7] and "date_signed" in found[8]
    assert "cc" in found[9]  # 抄送 without its colon


def test_portal_metadata_and_page_numbers_are_chrome():
    found = features_of(["发布时间：2024-03-05", "栏目：通知公告", "关于开展安全检查的通知", "各单位：",
                         "请按时检查，确保安全生产各项措施落到实处。", "— 2 —"])
    assert "chrome" in found[0] and "chrome" in found[1]
    assert "title_cued" in found[2] and "title_cued" not in found[0]
    assert "page_number" in found[5]


def test_every_feature_the_features_module_emits_is_weighed_or_purely_contextual():
    contextual = {"organ_head", "bracketed", "contact", "date_late"}  # read by other features only
    emitted = set().union(*features_of(REQUEST), *features_of(
        ["佳木斯市前进区城市绿化管理办法（征求意见稿）", "起草单位：佳木斯市前进区住房和城乡建设局", "2024.9.20",
         "第一条　为加强城市绿化管理，制定本办法。"]))
    assert emitted - contextual <= set(WEIGHTS)


def flow(labels: tuple[str, ...]) -> list[str]:
    return [label for label in labels if label not in TRANSPARENT]


def test_the_decoder_keeps_the_standards_order_against_local_evidence():
    # Locally the second line is a title and the first a 成文日期; the order forbids a title after the date.
    labelling = decode([{"date_signed"}, {"title_cued"}, {"sentence"}])
    labels = flow(labelling.labels)
    assert all(allowed(previous, label) for previous, label in zip(labels, labels[1:]))
    assert not (labels[0] == "date" and labels[1] == "title")


def test_chrome_is_allowed_anywhere_and_the_order_resumes_after_it():
    labelling = decode([{"title_cued"}, {"chrome"}, {"recipients"}, {"sentence"}, {"page_number"}, {"sentence"},
                        {"signature_organ"}, {"date_signed"}])
    assert labelling.labels == ("title", "chrome", "recipients", "body", "page_number", "body", "signature", "date")


@settings(max_examples=150, deadline=2000)
@given(st.lists(st.sets(st.sampled_from(sorted(WEIGHTS) + ["sentence"]), max_size=3), min_size=1, max_size=25))
def test_decoded_labels_always_follow_the_order_and_confidence_stays_in_range(features):
    labelling = decode(features)
    assert len(labelling.labels) == len(features) == len(labelling.confidence)
    labels = flow(labelling.labels)
    assert all(label in RANK for label in labels)
    assert all(allowed(previous, label) for previous, label in zip(labels, labels[1:]))
    assert all(0.0 <= score <= 1.0 for score in labelling.confidence)


def test_confidence_is_low_where_two_labels_compete_and_high_where_one_cue_decides():
    # An organ line that is both a 发文机关标志 candidate and the first line of a title candidate.
    ambiguous = decode([{"issuer_mark", "title_cued"}, {"title_cued"}, {"recipients"}, {"sentence"}])
    clear = decode([{"issuer_mark"}, {"title_cued"}, {"recipients"}, {"sentence"}])
    assert ambiguous.confidence[0] < 0.5 < clear.confidence[0]


def test_structure_confidence_is_parallel_to_its_spans(make_document):
    doc = locate(make_document(REQUEST))
    structure = doc.structure
    assert set(structure.confidence) == set(structure.elements)
    for element, spans in structure.elements.items():
        assert len(structure.confidence[element]) == len(spans)
        assert all(0.0 <= score <= 1.0 for score in structure.confidence[element])
    assert structure.confidence_of("title") > 0.5


def test_signer_cc_and_attachments_without_colons(make_document):
    fields = document_fields(locate(make_document(REQUEST)))
    assert fields.signer == ("武某某",)
    assert fields.doc_number == "阳城民请〔2024〕4号"
    assert fields.cc == ("区财政局", "区卫生健康局")
    assert fields.attachments == ("养老服务中心建设方案",)


@pytest.mark.parametrize("date_line", ["2024.9.20", "2024-09-20", "2024/9/20", "2024年9月20日"])
def test_a_drafts_drafting_unit_and_date_line_are_its_issuer_and_date(make_document, date_line):
    doc = locate(make_document(["佳木斯市前进区城市绿化管理办法", "（征求意见稿）",
                                "起草单位：佳木斯市前进区住房和城乡建设局", date_line,
                                "第一条　为加强城市绿化管理，改善生态环境，制定本办法。", "第二条　本办法自公布之日起施行。"]))
    fields = document_fields(doc)
    assert fields.title == "佳木斯市前进区城市绿化管理办法（征求意见稿）"
    assert fields.issuer == ("佳木斯市前进区住房和城乡建设局",)
    assert fields.date == "2024-09-20" and fields.date_text == date_line
    assert texts(doc, "body")[0].startswith("第一条")


def test_a_speech_named_by_its_report_has_its_title_and_date_but_no_doc_type_or_recipients(make_document):
    fields = document_fields(locate(make_document([
        "政府工作报告", "——2024年3月5日在第十四届全国人民代表大会第二次会议上", "国务院总理　李强", "各位代表：",
        "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。"])))
    assert (fields.title, fields.date, fields.doc_type, fields.recipients) == ("政府工作报告", "2024-03-05", None, ())


def test_a_reply_to_a_deputy_is_addressed_to_the_person(make_document):
    fields = document_fields(locate(make_document([
        "国务院办公厅对全国政协十届四次会议", "第4626号提案的答复", "国办函〔2006〕82号", "王超斌委员：",
        "您提出的《关于设立总理热线电话的提案》收悉。经研究，答复如下：", "感谢您对政府工作的关心与支持。",
        "国务院办公厅", "二〇〇六年十月十八日"])))
    assert fields.recipients == ("王超斌委员",)
    assert fields.title == "国务院办公厅对全国政协十届四次会议第4626号提案的答复"


def test_a_title_without_guanyu_broken_after_its_organ(make_document):
    fields = document_fields(locate(make_document([
        "咸阳市人民政府", "咸政复〔2024〕17号", "咸阳市人民政府同意秦都区", "调整部分社区规模的批复", "秦都区人民政府：",
        "你区《关于调整部分社区规模的请示》收悉。经研究，现批复如下：", "此复。", "咸阳市人民政府", "2024年6月21日"])))
    assert fields.title == "咸阳市人民政府同意秦都区调整部分社区规模的批复"
    assert fields.doc_type == "批复"


def test_a_scrape_headers_title_line_stands_in_for_a_missing_title(make_document):
    doc = locate(make_document(["title: 第十四届全国人民代表大会第三次会议关于政府工作报告的决议", "url: https://example.org/x",
                                "第十四届全国人民代表大会第三次会议听取和审议了国务院总理所作的政府工作报告。"]))
    assert document_fields(doc).title == "第十四届全国人民代表大会第三次会议关于政府工作报告的决议"
    assert texts(doc, "title") == ["第十四届全国人民代表大会第三次会议关于政府工作报告的决议"]


def test_a_portals_repeated_title_is_chrome_not_a_second_title(make_document):
    doc = locate(make_document(["关于印发《建设方案》的通知", "关于印发《建设方案》的通知", "发布日期: 2025-07-10",
                                "沪科合〔2025〕17号", "各有关单位：", "现将《建设方案》印发给你们，请认真贯彻落实。",
                                "上海市科学技术委员会", "2025年7月10日"]))
    fields = document_fields(doc)
    assert (fields.title, fields.doc_number, fields.recipients) == (
        "关于印发《建设方案》的通知", "沪科合〔2025〕17号", ("各有关单位",))


LINE_PIECES = st.sampled_from([
    "关于开展安全检查的通知", "阳泉市城区人民政府", "阳泉市城区人民政府文件", "城政发〔2024〕3号", "签发人：张某某", "签发人",
    "各单位：", "请按时检查。", "2024年3月5日", "2024.3.5", "附件：1.方案", "附件1", "抄送：区委。", "抄送",
    "（联系人：张某某，电话：0353-1234567）", "— 2 —", "发布时间：2024-03-05", "title: 关于x的通知", "（征求意见",
    "稿）", "起草单位：区民政局", "000123 秘密★1年 特急", "第7期", "阳泉市城区人民政府办公室 2024年3月5日印发",
    "各位代表：", "政府工作报告", "", "　", "：", "《", "（", "文件", "关于",
])


@settings(max_examples=60, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(LINE_PIECES, min_size=1, max_size=3).map("".join), min_size=1, max_size=30))
def test_labelling_never_crashes_and_spans_stay_inside_the_text(lines):
    doc = make_document(lines)
    structure = recognise_structure(doc)
    for element, spans in structure.elements.items():
        assert len(structure.confidence[element]) == len(spans)
        for span in spans:
            assert 0 <= span.start <= span.end <= len(doc.text)


def test_labelling_is_linear_in_the_number_of_lines(assert_linear):
    def document(n: int):
        body = ["为做好安全生产工作，现就有关事项通知如下。", "一、加强组织领导", "2024年3月5日", "阳泉市城区人民政府"]
        return make_document(["关于开展安全检查的通知", "各单位："] + body * n + ["阳泉市城区人民政府", "2024年3月5日"])

    assert_linear(recognise_structure, document, 50)


def test_a_congress_session_is_the_issuer_of_its_resolution(make_document):
    fields = document_fields(locate(make_document([
        "第十四届全国人民代表大会第三次会议关于政府工作报告的决议",
        "（2025年3月11日第十四届全国人民代表大会第三次会议通过）",
        "第十四届全国人民代表大会第三次会议听取和审议了国务院总理所作的政府工作报告。会议同意报告。"])))
    assert (fields.issuer, fields.doc_type, fields.date) == (("第十四届全国人民代表大会第三次会议",), "决议", "2025-03-11")


def test_a_speech_titled_with_year_and_state_names_its_organ(make_document):
    fields = document_fields(locate(make_document([
        "title: 2025年中华人民共和国国务院政府工作报告", "各位代表：",
        "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。"])))
    assert (fields.title, fields.issuer, fields.doc_type, fields.recipients) == (
        "2025年中华人民共和国国务院政府工作报告", ("国务院",), None, ())


@pytest.mark.parametrize("first_line", ["国发〔2019〕5号　国务院关于取消一批行政许可事项的决定",
                                        "国务院关于取消一批行政许可事项的决定　国发〔2019〕5号"])
def test_title_and_doc_number_on_one_line(make_document, first_line):
    fields = document_fields(locate(make_document([
        first_line, "各省、自治区、直辖市人民政府：", "经研究论证，国务院决定取消一批行政许可事项。现予公布。", "国务院",
        "2019年2月27日"])))
    assert (fields.title, fields.doc_number, fields.doc_type) == (
        "国务院关于取消一批行政许可事项的决定", "国发〔2019〕5号", "决定")


@pytest.mark.parametrize("make_line", [
    pytest.param(lambda n: "关于开展检查的通知" + "\u3000" * n + "国发〔2019〕5号", id="blanks-before-a-trailing-number"),
    pytest.param(lambda n: "签发人" + "\u3000" * n + "张", id="blanks-after-signer"),
    pytest.param(lambda n: "（" * n + "征求意见稿", id="open-brackets"),
    pytest.param(lambda n: "抄送" + "区委，" * n, id="long-cc"),
])
def test_labelling_is_linear_in_a_hostile_line(assert_linear, make_line):
    assert_linear(recognise_structure, lambda n: make_document([make_line(n), "各单位：", "请按时检查。"]), 500)


def test_style_where_the_format_has_it_makes_the_labeller_surer():
    from gongwen.extractors.normalize import normalize
    from gongwen.pipeline.model import Block, BlockStyle, RawDocument

    def located(closing_style: BlockStyle, title_style: BlockStyle):
        texts = ["关于开展检查的通知", "各单位：", "请按时检查，确保安全生产各项措施落到实处。", "东安区人民政府", "2019年7月18日"]
        styles = [title_style, BlockStyle(), BlockStyle(), closing_style, closing_style]
        raw = RawDocument("test.docx", "docx", tuple(Block("para", text, style=style) for text, style in zip(texts, styles)))
        return locate(normalize(raw)).structure

    plain = located(BlockStyle(alignment="left", font_size=16.0), BlockStyle(alignment="left", font_size=16.0))
    styled = located(BlockStyle(alignment="right", font_size=16.0), BlockStyle(alignment="center", font_size=22.0))
    for element in ("title", "signature", "date"):
        assert styled.confidence_of(element) > plain.confidence_of(element)


def test_a_running_header_pasted_into_a_paged_text_is_chrome():
    from gongwen.extractors.normalize import normalize
    from gongwen.pipeline.model import Block, RawDocument

    pages = [(1, "关于开展检查的通知"), (1, "各单位："), (1, "请按时检查，确保安全生产各项措施落到实处，"),
             (2, "东安区人民政府办公室文件"), (2, "做好隐患排查整改工作。"), (3, "东安区人民政府办公室文件"),
             (3, "请各单位于月底前报送检查情况。"), (3, "东安区人民政府办公室"), (3, "2019年7月18日")]
    raw = RawDocument("test.pdf", "pdf", tuple(Block("para", text, page=page) for page, text in pages))
    doc = locate(normalize(raw))
    found = features_of_document(doc)
    assert "running_header" in found[3] and "running_header" in found[5] and "running_header" not in found[0]
    assert not doc.structure.elements.get("issuer_mark")
    assert document_fields(doc).issuer == ("东安区人民政府办公室",)


def features_of_document(doc):
    return document_features(doc, mark_cover_sheet(doc, document_lines(doc)))


def test_an_attachment_sent_as_its_own_file_is_titled_by_its_attachment_mark(make_document):
    fields = document_fields(locate(make_document(["附件：杨浦区创新区空间布局图", "科技创新策源区", "产业发展集聚区"])))
    assert (fields.title, fields.attachments) == ("杨浦区创新区空间布局图", ())

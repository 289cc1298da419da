from gongwen.extractors.fields import extract
from gongwen.extractors.normalize import normalize
from gongwen.pipeline.model import Block, RawDocument


def test_extract_returns_structure_fields_and_approval_source():
    lines = [
        "城区教育局关于申请增加教师编制的请示",
        "区人民政府：",
        "为缓解教师紧缺问题，特申请增加教师编制20名。",
        "妥否，请批示。",
        "城区教育局",
        "2024年3月1日",
    ]
    raw = RawDocument(path="request.txt", format="txt", blocks=tuple(Block("para", line) for line in lines))
    doc = extract(normalize(raw))
    assert doc.structure.span("title") is not None
    assert doc.fields.doc_type == "请示"
    assert doc.fields.issuer == ("城区教育局",)
    assert doc.fields.date == "2024-03-01"
    assert len(doc.fields.request_items) == 1
    assert doc.approval_source is None and doc.fields.approval == ()


def test_only_a_qingshi_has_request_items():
    lines = [
        "城区教育局关于做好校舍维修资金管理工作的通知",
        "各学校：",
        "请各校在维修资金使用方面给予重视，并申请纳入年度预算。",
        "特此通知。",
        "城区教育局",
        "2024年3月1日",
    ]
    raw = RawDocument(path="notice.txt", format="txt", blocks=tuple(Block("para", line) for line in lines))
    doc = extract(normalize(raw))
    assert doc.fields.doc_type == "通知"
    assert doc.fields.request_items == ()

from gongwen.extractors.fields import locate


def texts(doc, element):
    return [doc.text[span.start:span.end] for span in doc.structure.elements.get(element, ())]


FULL = [
    "000123",
    "秘密★1年",
    "特急",
    "阳泉市城区人民政府文件",
    "城政发〔2024〕3号",
    "阳泉市城区人民政府",
    "关于印发城区政府工作规则的",
    "通  知",
    "义井镇人民政府、各街道办事处，区直各部门：",
    "《城区政府工作规则》已经区政府常务会议审议通过，现印发给你们，请遵照执行。",
    "附件：1.城区政府工作规则",
    "2.城区政府常务会议规则",
    "阳泉市城区人民政府",
    "2024年3月5日",
    "（联系人：张某某，联系电话：0353-1234567）",
    "附件1",
    "城区政府工作规则",
    "第一条 为规范工作，制定本规则。2024年3月1日起施行。",
    "抄送：区委，区人大常委会，区政协。",
    "阳泉市城区人民政府办公室 2024年3月5日印发",
]


def test_every_element_of_a_full_document_is_found_in_order(make_document):
    doc = locate(make_document(FULL))
    assert list(doc.structure.elements) == [
        "copy_number", "classification", "urgency", "issuer_mark", "doc_number", "title", "recipients",
        "body", "attachment_note", "signature", "date", "note", "attachments", "cc", "printed",
    ]
    assert texts(doc, "title") == ["阳泉市城区人民政府", "关于印发城区政府工作规则的", "通知"]
    assert texts(doc, "date") == ["2024年3月5日"]
    assert texts(doc, "attachment_note") == ["附件：1.城区政府工作规则", "2.城区政府常务会议规则"]
    assert texts(doc, "body")[0].startswith("《城区政府工作规则》")


def test_spans_know_their_block(make_document):
    doc = locate(make_document(["", "城政发〔2024〕3号", "", "关于开展安全检查的通知", "各单位：", "请按时检查。"]))
    assert doc.structure.span("doc_number").block == 1
    assert doc.structure.span("title").block == 3


def test_plain_text_without_any_element_yields_no_header_elements(make_document):
    doc = locate(make_document(["今天天气很好，我们去公园散步。", "2019年7月18日下午，大家又去了图书馆。"]))
    for element in ("title", "doc_number", "recipients", "signature", "date", "issuer_mark"):
        assert element not in doc.structure.elements

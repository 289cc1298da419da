"""Fields after the body: 署名, 成文日期, 附件说明, 附注, 抄送 and 印发."""
from gongwen.extractors.fields import document_fields, locate


def fields_of(make_document, lines):
    return document_fields(locate(make_document(lines)))


NOTICE = [
    "关于印发《城区政府工作规则》的通知",
    "义井镇人民政府、各街道办事处,区直各部门:",
    "《城区政府工作规则》已经2021年11月5日区政府常务会议审议通过，现印发给你们，请遵照执行。",
    "附件：城区政府工作规则",
    "阳泉市城区人民政府",
    "二〇二一年十一月十一日",
    "（联系人：张某某，联系电话：0353-1234567）",
    "城区政府工作规则",
    "第一条 本规则自2022年1月1日起施行。",
    "城区人民政府",
    "2022年1月1日",
]


def test_date_is_the_one_under_the_signature_not_a_later_or_body_date(make_document):
    fields = fields_of(make_document, NOTICE)
    assert (fields.date, fields.date_text) == ("2021-11-11", "二〇二一年十一月十一日")
    assert fields.issuer == ("阳泉市城区人民政府",)


def test_recipients_attachments_and_contact(make_document):
    fields = fields_of(make_document, NOTICE)
    assert fields.recipients == ("义井镇人民政府", "各街道办事处", "区直各部门")
    assert fields.attachments == ("城区政府工作规则",)
    assert (fields.contact.name, fields.contact.phone) == ("张某某", "0353-1234567")


def test_recipients_sharing_one_head_noun_stay_one_item(make_document):
    fields = fields_of(make_document, ["国务院关于促进就业的意见", "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", "现提出如下意见。"])
    assert fields.recipients == ("各省、自治区、直辖市人民政府", "国务院各部委、各直属机构")  # 各直属机构 of 国务院


def test_publication_timestamp_is_not_the_date(make_document):
    fields = fields_of(make_document, [
        "发布时间 2013-12-11", "2019/7/26 14:53:59 来源:东安区政府办", "关于开展检查的通知", "各单位：", "请按时检查。",
    ])
    assert fields.date is None


def test_slash_date_is_a_fallback_under_a_signature(make_document):
    fields = fields_of(make_document, ["关于开展检查的通知", "各单位：", "请按时检查。", "东安区人民政府", "2019/7/18"])
    assert (fields.date, fields.date_text) == ("2019-07-18", "2019/7/18")


def test_signature_and_date_on_one_line_and_joint_signatures(make_document):
    fields = fields_of(make_document, ["关于开展检查的通知", "各单位：", "请按时检查。", "东安区人民政府    2019年7月18日"])
    assert (fields.issuer, fields.date) == (("东安区人民政府",), "2019-07-18")
    fields = fields_of(make_document, ["关于印发建设方案的通知", "各有关单位：", "现印发给你们。", "上海市科学技术委员会", "上海市杨浦区人民政府", "2025年3月10日"])
    assert fields.issuer == ("上海市科学技术委员会", "上海市杨浦区人民政府")


def test_numbered_attachments(make_document):
    fields = fields_of(make_document, [
        "关于报送材料的通知", "各部门：", "请按要求报送。", "附件：1.报送材料清单", "2．填报说明", "城区人民政府", "2024年5月6日",
    ])
    assert fields.attachments == ("报送材料清单", "填报说明")


def test_cc_and_printed_in_the_colophon(make_document):
    fields = fields_of(make_document, [
        "关于印发细则的通知", "各单位：", "现印发给你们。", "晋城市城区人民政府", "2023年9月8日",
        "细则正文第一条。", "抄送：区委，区人大常委会，区政协。", "晋城市城区人民政府办公室", "2023年9月8日印发",
    ])
    assert fields.cc == ("区委", "区人大常委会", "区政协")
    assert (fields.printed_by, fields.printed_date) == ("晋城市城区人民政府办公室", "2023-09-08")


def test_contact_on_its_own_line_near_the_end(make_document):
    fields = fields_of(make_document, ["关于开展检查的通知", "各单位：", "请按时检查。", "联系人：李某，电话：13800001111"])
    assert (fields.contact.name, fields.contact.phone) == ("李某", "13800001111")


def test_nothing_is_guessed_for_a_bare_text(make_document):
    fields = fields_of(make_document, ["会议决定，明年继续推进改革。", "各方面要抓好落实。"])
    assert fields.issuer == () and fields.date is None and fields.recipients == () and fields.contact is None

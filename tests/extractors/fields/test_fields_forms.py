"""Forms beyond the plain 通知: an approval record before the 版头, the 令, the 纪要 with its 期号,
meeting materials with a byline, untitled replies, irregular 文种 and joint 发文机关标志."""
from gongwen.extractors.fields import document_fields, locate
from gongwen.extractors.normalize import normalize
from gongwen.pipeline.model import Block, RawDocument


def fields_of(make_document, lines):
    return document_fields(locate(make_document(lines)))


def texts(doc, element):
    return [doc.text[span.start:span.end] for span in doc.structure.elements.get(element, ())]


DRAFT_WITH_TABLE = [
    "清河县水利局发文稿纸",
    ("环节", "单位", "姓名", "日期"),
    ("拟稿", "县水利局办公室", "孙某某", "2023年8月1日"),
    ("核稿", "县水利局办公室", "周某某请局长审签。", "2023年8月2日"),
    ("签发", "县水利局", "吴某某", "2023年8月3日"),
    "000128",
    "机密★1年",
    "加急",
    "清河县水利局文件",
    "清水发〔2023〕9号",
    "清河县水利局关于做好汛后水毁工程修复工作的通知",
    "各乡镇人民政府，县直有关单位：",
    "入汛以来，我县遭受三轮强降雨，部分堤防、渠道和塘坝受损。现将有关事项通知如下：",
    "一、全面排查水毁工程。",
    "清河县水利局",
    "2023年8月3日",
]


def test_an_approval_table_before_the_header_is_not_the_header(make_document):
    fields = fields_of(make_document, DRAFT_WITH_TABLE)
    assert fields.title == "清河县水利局关于做好汛后水毁工程修复工作的通知"
    assert fields.doc_number == "清水发〔2023〕9号"
    assert fields.recipients == ("各乡镇人民政府", "县直有关单位")
    assert (fields.copy_number, fields.classification, fields.urgency) == ("000128", "机密★1年", "加急")
    assert fields.date == "2023-08-03"


def test_the_body_starts_after_the_header_not_in_the_approval_table(make_document):
    doc = locate(make_document(DRAFT_WITH_TABLE))
    assert texts(doc, "body")[0].startswith("入汛以来")


def test_an_approval_table_without_heading_needs_two_steps(make_document):
    record = [("拟稿人", "孙某某 2023年8月1日"), ("签发人", "吴某某 2023年8月3日")]
    fields = fields_of(make_document, record + DRAFT_WITH_TABLE[5:])
    assert (fields.title, fields.doc_number) == ("清河县水利局关于做好汛后水毁工程修复工作的通知", "清水发〔2023〕9号")
    header_table = fields_of(make_document, [
        ("签发人：", "吴某某"),
        "清河县水利局关于做好汛后水毁工程修复工作的通知",
        "各乡镇人民政府：",
        "现将有关事项通知如下。",
    ])
    assert header_table.signer == ("吴某某",)


def test_the_table_under_a_form_heading_is_the_record_whatever_its_labels(make_document):
    fields = fields_of(make_document, [
        "清河县水利局发文稿纸",
        ("领导批示", "同意。吴某某 2023年8月3日"),
        ("经办科室意见", "拟同意，请局长阅示。孙某某 2023年8月1日"),
    ] + DRAFT_WITH_TABLE[5:])
    assert fields.title == "清河县水利局关于做好汛后水毁工程修复工作的通知"
    assert fields.urgency == "加急"


def test_a_page_header_before_the_record_does_not_hide_it():
    blocks = [Block(kind="header", text="清河县水利局")] + [
        Block(kind="table_row", text="\t".join(row), cells=row, table=0) if isinstance(row, tuple)
        else Block(kind="para", text=row)
        for row in DRAFT_WITH_TABLE
    ]
    doc = normalize(RawDocument(path="draft.docx", format="docx", blocks=tuple(blocks)))
    fields = document_fields(locate(doc))
    assert (fields.title, fields.doc_number) == ("清河县水利局关于做好汛后水毁工程修复工作的通知", "清水发〔2023〕9号")


def test_an_approval_record_in_text_form_closed_by_a_rule(make_document):
    fields = fields_of(make_document, [
        "公文审批单",
        "拟稿：县财政局国库股 郑某某 2023年5月6日",
        "核稿：县财政局办公室 拟同意，请局长审签。陈某某 2023年5月7日",
        "会签：县审计局 钱某某 2023年5月8日",
        "签发：冯某某 2023年5月9日",
        "------------------------------",
        "清河县财政局",
        "清财发〔2023〕21号",
        "清河县财政局关于拨付2023年农村饮水安全维修养护资金的请示",
        "清河县人民政府：",
        "为保障农村饮水工程正常运行，拟安排维修养护资金85万元。",
        "妥否，请批示。",
        "清河县财政局",
        "2023年5月9日",
    ])
    assert fields.title == "清河县财政局关于拨付2023年农村饮水安全维修养护资金的请示"
    assert fields.doc_number == "清财发〔2023〕21号"
    assert fields.recipients == ("清河县人民政府",)
    assert fields.issuer == ("清河县财政局",)
    assert fields.date == "2023-05-09"


def test_one_labelled_line_without_a_form_heading_is_not_an_approval_record(make_document):
    doc = locate(make_document([
        "审核：县市场监督管理局",
        "关于2023年食品安全抽检情况的通报",
        "各乡镇人民政府：",
        "现将今年第二季度抽检情况通报如下。",
    ]))
    assert texts(doc, "title") == ["关于2023年食品安全抽检情况的通报"]
    fields = document_fields(doc)
    assert fields.recipients == ("各乡镇人民政府",)


def test_a_table_without_step_labels_is_not_an_approval_record(make_document):
    fields = fields_of(make_document, [
        ("项目", "金额（万元）"),
        ("堤防加固", "120"),
        "关于下达2023年水利建设资金的通知",
        "各乡镇人民政府：",
        "现将资金下达给你们，请抓紧实施。",
    ])
    assert fields.title == "关于下达2023年水利建设资金的通知"
    assert fields.recipients == ("各乡镇人民政府",)


def test_order_form_heading_number_and_issuer(make_document):
    fields = fields_of(make_document, [
        "宝山市人民政府令",
        "第12号",
        "《宝山市城市供水管理办法》已经2023年9月12日市人民政府第八次常务会议通过，现予公布，自2023年11月1日起施行。",
        "市长赵某某",
        "2023年9月20日",
    ])
    assert (fields.title, fields.doc_type, fields.doc_number) == ("宝山市人民政府令", "命令", "第12号")
    assert fields.issuer == ("宝山市人民政府",)
    assert fields.date == "2023-09-20"


def test_minutes_issue_number_owner_and_byline(make_document):
    doc = locate(make_document([
        "清河县人民政府常务会议纪要",
        "第7期",
        "清河县人民政府办公室 2023年6月15日",
        "2023年6月12日，县长王某某主持召开县政府常务会议，研究了防汛备汛和高标准农田建设等事项。现纪要如下：",
        "一、会议同意县水利局提出的防汛物资储备方案。",
        "发：各乡镇人民政府，县政府各部门。",
        "清河县人民政府办公室 2023年6月15日印发",
    ]))
    fields = document_fields(doc)
    assert (fields.title, fields.doc_type, fields.doc_number) == ("清河县人民政府常务会议纪要", "纪要", "第7期")
    assert fields.issuer == ("清河县人民政府",)  # the government whose meeting it records
    assert fields.date == "2023-06-15"
    assert fields.recipients == ()
    assert texts(doc, "body")[0].startswith("2023年6月12日，县长")
    assert fields.printed_by == "清河县人民政府办公室"


def test_an_issue_number_in_the_body_is_not_the_doc_number(make_document):
    fields = fields_of(make_document, [
        "关于转发《水利简报》有关内容的通知",
        "各乡镇人民政府：",
        "现将《水利简报》",
        "第7期",
        "有关内容转发给你们，请认真学习。",
    ])
    assert fields.doc_number is None


REPORT_FOR_A_MEETING = [
    "县长办公会议材料",
    "关于全县农村公路养护工作情况的汇报",
    "清河县交通运输局",
    "（2023年7月4日）",
    "王县长、各位副县长：",
    "现将全县农村公路养护工作情况汇报如下。",
    "一、基本情况",
    "全县农村公路总里程1860公里，今年已完成日常养护1200公里。",
    "以上汇报，请予批评指正。",
    "附件：2023年农村公路养护项目清单",
]


def test_meeting_report_type_byline_and_no_recipients(make_document):
    doc = locate(make_document(REPORT_FOR_A_MEETING))
    fields = document_fields(doc)
    assert (fields.title, fields.doc_type) == ("关于全县农村公路养护工作情况的汇报", "汇报稿")
    assert fields.issuer == ("清河县交通运输局",)
    assert (fields.date, fields.date_text) == ("2023-07-04", "2023年7月4日")
    assert fields.recipients == () and fields.doc_number is None
    assert fields.attachments == ("2023年农村公路养护项目清单",)
    assert texts(doc, "body")[0].startswith("王县长、各位副县长：")


def test_topic_note_with_department_and_date_under_the_title(make_document):
    doc = locate(make_document([
        "关于清河县城区停车设施建设方案的议题说明",
        "清河县住房和城乡建设局",
        "2023年4月10日",
        "一、议题的背景",
        "城区停车位缺口约4000个，群众反映强烈。",
        "附件：清河县城区停车设施建设方案（送审稿）",
    ]))
    fields = document_fields(doc)
    assert fields.doc_type == "议题说明"
    assert fields.issuer == ("清河县住房和城乡建设局",)
    assert fields.attachments == ("清河县城区停车设施建设方案（送审稿）",)
    assert texts(doc, "body")[0].startswith("一、议题的背景")


def test_material_named_only_in_the_page_head(make_document):
    fields = fields_of(make_document, [
        "汇报稿",
        "全县秋粮收购进展",
        "今年秋粮收购开局平稳，截至目前已收购玉米3.2万吨。",
    ])
    assert fields.doc_type == "汇报稿"


def test_untitled_reply_letter_is_a_letter_not_an_approval(make_document):
    reply = [
        "县卫生健康局：",
        "你局《关于商请调剂部分办公用房的函》收悉。经研究，现函复如下：",
        "同意将原档案馆二楼4间办公用房调剂给你局使用。",
        "此复。",
        "清河县机关事务服务中心",
        "2023年3月2日",
    ]
    assert fields_of(make_document, reply).doc_type == "函"


def test_untitled_reply_to_a_request_is_an_approval(make_document):
    reply = [
        "县教育局：",
        "你局《关于新建城南幼儿园的请示》（清教字〔2023〕4号）收悉。经研究，现批复如下：",
        "同意新建城南幼儿园。",
        "此复。",
        "清河县人民政府",
        "2023年3月2日",
    ]
    assert fields_of(make_document, reply).doc_type == "批复"
    bare = ["县教育局：", "同意你局调整校车线路，请做好安全管理。", "此复。"]
    assert fields_of(make_document, bare).doc_type == "批复"


def test_irregular_hybrid_type_is_told_by_the_body(make_document):
    base = ["清河县民政局关于增设城南养老服务站的请示报告", "清河县人民政府："]
    asking = fields_of(make_document, base + ["城南片区老年人口增长较快，拟增设养老服务站一处。", "妥否，请批示。"])
    assert asking.doc_type == "请示"
    assert asking.title == "清河县民政局关于增设城南养老服务站的请示报告"  # kept for the 文种 check
    reporting = fields_of(make_document, base + ["城南养老服务站已于6月建成投用。", "特此报告。"])
    assert reporting.doc_type == "报告"
    silent = fields_of(make_document, base + ["城南片区老年人口增长较快，养老服务站供不应求。"])
    assert silent.doc_type == "请示"


def test_organ_named_by_mark_and_title_is_listed_once(make_document):
    fields = fields_of(make_document, [
        "清河县人民政府",
        "清河县人民政府关于提请审议《清河县2023年县级预算调整方案》的",
        "议案",
        "清河县人民代表大会常务委员会：",
        "现将《清河县2023年县级预算调整方案》提请审议。",
        "县长王某某",
        "2023年8月20日",
    ])
    assert fields.title == "清河县人民政府关于提请审议《清河县2023年县级预算调整方案》的议案"
    assert fields.issuer == ("清河县人民政府",)


def test_joint_organs_stacked_over_the_title(make_document):
    fields = fields_of(make_document, [
        "清河县教育局",
        "清河县卫生健康局",
        "清教联〔2023〕3号",
        "清河县教育局清河县卫生健康局关于开展学生常见病防控工作的通知",
        "各中小学校：",
        "为做好学生近视、肥胖等常见病防控工作，现就有关事项通知如下。",
        "清河县教育局清河县卫生健康局",
        "2023年3月1日",
    ])
    assert fields.issuer == ("清河县教育局", "清河县卫生健康局")
    assert fields.doc_number == "清教联〔2023〕3号"


def test_title_closed_by_a_full_stop_and_a_two_digit_year(make_document):
    fields = fields_of(make_document, [
        "清河县交通运输局文件",
        "清交发〔23〕7号签发人：李某某",
        "清河县交通运输局关于申请农村客运站改造资金的请示。",
        "清河县人民政府：",
        "为改善群众出行条件，拟改造农村客运站3座，恳请安排资金120万元。",
        "妥否，请批示。",
    ])
    assert fields.doc_number == "清交发〔23〕7号"  # kept as written for the format check
    assert fields.title == "清河县交通运输局关于申请农村客运站改造资金的请示"
    assert fields.recipients == ("清河县人民政府",)
    assert fields.signer == ("李某某",)


def test_title_without_a_cue_in_the_title_place(make_document):
    fields = fields_of(make_document, [
        "清河县人民政府文件",
        "清政发〔2023〕2号",
        "清河县2022年度防汛抗旱工作情况报告",
        "宝山市人民政府：",
        "2022年，我县防汛抗旱工作总体平稳。",
        "特此报告。",
    ])
    assert (fields.title, fields.doc_type) == ("清河县2022年度防汛抗旱工作情况报告", "报告")
    assert fields.recipients == ("宝山市人民政府",)


def test_an_uncued_line_ending_in_a_doc_type_elsewhere_is_not_a_title(make_document):
    fields = fields_of(make_document, ["今年的工作报告", "全县经济运行总体平稳，主要指标好于预期。"])
    assert fields.title is None


def test_a_leader_addressed_by_post_is_the_recipient(make_document):
    fields = fields_of(make_document, [
        "清河县水利局关于申请防汛物资储备资金的请示",
        "王县长：",
        "为做好防汛准备，拟储备编织袋10万条。",
        "妥否，请批示。",
    ])
    assert fields.recipients == ("王县长",)
    salutation = fields_of(make_document, ["清河县水利局关于申请防汛物资储备资金的请示", "各位副县长：", "拟储备编织袋。"])
    assert salutation.recipients == ()

"""Fields of the 版头 and title: document number, marks, signer, issuer, title and 文种."""
from gongwen.extractors.fields import document_fields, locate


def fields_of(make_document, lines, **raw_meta):
    doc = make_document(lines)
    if raw_meta:
        from dataclasses import replace
        doc = replace(doc, raw=replace(doc.raw, meta=raw_meta))
    return document_fields(locate(doc))


def test_own_number_is_taken_not_a_number_cited_in_the_body(make_document):
    fields = fields_of(make_document, [
        "牡东政发〔2019〕7号 东安区人民政府关于印发《东安区人民政府工作规则》的通知",
        "各街道办事处：",
        "现印发给你们，原《工作规则》（牡东政办发〔2015〕5号）同时废止。",
    ])
    assert fields.doc_number == "牡东政发〔2019〕7号"
    assert fields.title == "东安区人民政府关于印发《东安区人民政府工作规则》的通知"


def test_only_cited_numbers_means_no_number(make_document):
    fields = fields_of(make_document, [
        "关于加强安全生产工作的通知",
        "各镇人民政府：",
        "根据《关于进一步加强安全生产的意见》（国发〔2010〕23号），现通知如下。",
    ])
    assert fields.doc_number is None


def test_malformed_brackets_are_kept_as_written(make_document):
    fields = fields_of(make_document, ["国办发明电[2018]15号", "国务院办公厅关于2019年部分节假日安排的通知", "各省人民政府：", "经国务院批准，现通知如下。"])
    assert fields.doc_number == "国办发明电[2018]15号"


def test_page_metadata_is_only_a_fallback(make_document):
    lines = ["国务院关于促进就业的意见", "各省、自治区、直辖市人民政府：", "现提出如下意见。"]
    meta = {"page_metadata": {"发文字号": "国发〔2019〕5号", "发文机关": "国务院", "成文日期": "2019年01月27日"}}
    fields = fields_of(make_document, lines, **meta)
    assert (fields.doc_number, fields.date) == ("国发〔2019〕5号", "2019-01-27")
    written = fields_of(make_document, ["国发〔2019〕6号"] + lines, **meta)
    assert written.doc_number == "国发〔2019〕6号"


def test_copy_number_classification_urgency_and_signers(make_document):
    fields = fields_of(make_document, [
        "000016", "机密★长期", "特急", "城区人民政府文件", "城政发〔2024〕1号  签发人：韩某某  王某某",
        "城区人民政府关于申请防汛资金的请示", "市人民政府：", "为做好防汛工作，特申请资金。", "妥否，请批示。",
    ])
    assert (fields.copy_number, fields.classification, fields.urgency) == ("000016", "机密★长期", "特急")
    assert fields.signer == ("韩某某", "王某某")
    assert fields.issuer == ("城区人民政府",)
    assert fields.doc_type == "请示"
    assert fields.doc_number == "城政发〔2024〕1号"


def test_marks_are_not_read_from_the_body(make_document):
    fields = fields_of(make_document, ["关于做好保密工作的通知", "各部门：", "涉及秘密的文件要加急办理。", "123456"])
    assert (fields.copy_number, fields.classification, fields.urgency) == (None, None, None)


def test_title_over_three_lines_with_spaced_doc_type(make_document):
    fields = fields_of(make_document, ["城政发〔2023〕8号", "**晋城市城区人民政府", "关于印发区长办公会议工作细则的", "通 知**", "各单位："])
    assert fields.title == "晋城市城区人民政府关于印发区长办公会议工作细则的通知"
    assert fields.doc_type == "通知"
    assert fields.issuer == ("晋城市城区人民政府",)


def test_doc_type_is_the_last_doc_type_word_of_the_title(make_document):
    cases = {
        "国务院办公厅关于印发《政府网站集约化试点工作方案》的通知": "通知",
        "国务院关于河北雄安新区总体规划（2018—2035年）的批复": "批复",
        "城区教育局关于增加教师编制的请示报告": "请示",  # an irregular 文种: its first proper part
        "城区财政局关于2024年预算执行情况的报告": "报告",
        "关于调整区长办公会议议题的情况说明": "情况说明",
        "城区人民政府关于印发《安全生产管理办法》的通知（试行）": "通知",
    }
    for title, expected in cases.items():
        assert fields_of(make_document, [title, "各部门：", "现将有关事项说明如下。"]).doc_type == expected, title


def test_doc_type_from_the_body_when_the_title_is_missing(make_document):
    assert fields_of(make_document, ["各街道办事处：", "现予印发，请遵照执行。", "城区人民政府", "2021年11月11日"]).doc_type == "通知"
    assert fields_of(make_document, ["区政府：", "为保障供水，拟新建水厂一座。", "特此请示。"]).doc_type == "请示"
    assert fields_of(make_document, ["今年以来全区经济平稳运行。", "特此报告。"]).doc_type == "报告"
    assert fields_of(make_document, ["今年以来全区经济平稳运行，财政收入增长。"]).doc_type is None


def test_joint_issuers_from_the_title(make_document):
    fields = fields_of(make_document, ["最高人民法院、最高人民检察院关于办理刑事案件问题的批复", "各省高级人民法院：", "现批复如下。"])
    assert fields.issuer == ("最高人民法院", "最高人民检察院")
    fields = fields_of(make_document, ["工业和信息化部等七部门关于推动未来产业创新发展的实施意见", "各有关单位：", "现提出如下意见。"])
    assert fields.issuer == ("工业和信息化部",)
    fields = fields_of(make_document, ["中共中央 国务院关于做好2023年全面推进乡村振兴重点工作的意见", "（2023年1月2日）", "党的二十大擘画了宏伟蓝图。"])
    assert fields.issuer == ("中共中央", "国务院")
    assert fields.date == "2023-01-02"


def test_web_title_after_metadata_lines(make_document):
    fields = fields_of(make_document, [
        "发布机构 咸阳市政府 发布时间 2013-12-11",
        "名称 咸阳市人民政府关于印发《工作规则》的通知",
        "咸阳市人民政府关于印发《工作规则》的通知",
        "字号:",
        "  咸政发〔2013〕16号",
        "各县市区人民政府:",
        "现印发给你们,请遵照执行。",
    ])
    assert fields.title == "咸阳市人民政府关于印发《工作规则》的通知"
    assert fields.doc_number == "咸政发〔2013〕16号"
    assert fields.recipients == ("各县市区人民政府",)
    assert fields.date is None


def test_a_head_of_government_meeting_minutes_belong_to_the_government(make_document):
    """「××区长办公会议纪要」 names its organ by the place only; 「区长办」 is not an organ (办|公会议)."""
    for title, organ in (("晋城市城区区长办公会议纪要", "晋城市城区人民政府"), ("咸阳市市长办公会议纪要", "咸阳市人民政府")):
        fields = fields_of(make_document, [title, "第3期", "晋城市城区人民政府办公室　　2024年6月5日", "",
                                           "2024年6月3日，区长主持召开办公会议，研究有关工作。现纪要如下：",
                                           "一、关于加装电梯工作", "会议原则同意实施办法。"])
        assert fields.issuer == (organ,), title
    fields = fields_of(make_document, ["东安区人民政府常务会议纪要", "第5期", "", "会议研究了有关工作。"])
    assert fields.issuer == ("东安区人民政府",)


def test_a_portal_title_with_its_number_in_brackets(make_document):
    """Portals print 「…的通知（前政办发〔2024〕第6号）」 on one line: the title, then its 发文字号."""
    fields = fields_of(make_document, ["某区人民政府办公室关于做好冬季清雪工作的通知（前政办发〔2024〕第6号）",
                                       "各街道办事处：", "为确保道路畅通，现就有关工作通知如下。"])
    assert fields.title == "某区人民政府办公室关于做好冬季清雪工作的通知"
    assert fields.doc_number == "前政办发〔2024〕第6号"


def test_a_title_broken_over_two_lines_and_closed_by_a_full_stop(make_document):
    fields = fields_of(make_document, ["某区教育局", "前教发〔2024〕28号", "某区教育局关于2024年秋季学期开",
                                       "学工作情况的报告。", "某区人民政府：", "现将有关情况报告如下。"])
    assert fields.title == "某区教育局关于2024年秋季学期开学工作情况的报告"
    assert fields.recipients == ("某区人民政府",)


def test_a_joint_documents_last_signer_row_ends_on_the_number_line(make_document):
    """GB/T 9704 7.2.4: with several 签发人, the last row is level with the 发文字号."""
    fields = fields_of(make_document, [
        "晋城市城区发展和改革局", "晋城市城区财政局", "晋城市自然资源局城区分局",
        "　　　　　　　　签发人：段文斌　宋晓梅", "城发改发〔2024〕33号　　　　　　　　　庞振宇",
        "晋城市城区发展和改革局　晋城市城区财政局　晋城市自然资源局城区分局关于启动钟家庄片区城市更新项目前期工作的请示",
        "区人民政府：", "钟家庄片区基础设施陈旧。恳请批准启动项目前期工作。", "妥否，请批示。",
    ])
    assert fields.doc_number == "城发改发〔2024〕33号"
    assert fields.signer == ("段文斌", "宋晓梅", "庞振宇")


def test_a_speech_named_by_its_form_is_issued_by_the_speakers_organ(make_document):
    """「政府工作报告」 with a 题注 wrapped over two lines and the speaker's line under it."""
    fields = fields_of(make_document, [
        "政府工作报告", "——2024年1月9日在牡丹江市东安区第十八届人民代表", "大会第三次会议上",
        "牡丹江市东安区人民政府区长崔哲洙", "各位代表：",
        "现在，我代表区人民政府，向大会报告工作，请予审议，并请区政协委员和其他列席人员提出意见。",
        "一、2023年工作回顾", "过去的一年，全区经济社会发展保持了稳中有进的良好态势。",
    ])
    assert (fields.title, fields.doc_type) == ("政府工作报告", None)
    assert fields.issuer == ("牡丹江市东安区人民政府",)
    assert fields.date == "2024-01-09"


def test_a_subtitle_naming_the_material_is_not_its_body(make_document):
    doc = locate(make_document([
        "关于全区既有住宅加装电梯工作推进情况的汇报", "（区长办公会议汇报稿）", "阳泉市城区住房和城乡建设局", "2024年6月11日",
        "按照会议安排，现将全区既有住宅加装电梯工作推进情况汇报如下。", "一、工作进展", "全区已竣工并投入使用29个。",
    ]))
    (body,) = doc.structure.elements["body"]
    assert doc.text[body.start:body.end].startswith("按照会议安排") and doc.text[body.start:body.end].endswith("29个。")
    fields = document_fields(doc)
    assert (fields.issuer, fields.date) == (("阳泉市城区住房和城乡建设局",), "2024-06-11")


def test_a_speech_under_its_bare_name_takes_its_organ_from_the_pages_own_title(make_document):
    fields = fields_of(make_document, [
        "title: 1957年中华人民共和国国务院政府工作报告", "url: https://zh.wikisource.org/wiki/x", "",
        "政府工作报告", "1957年6月26日在第一届全国人民代表大会第四次会议上", "周恩来", "各位代表：",
        "从第一届全国人民代表大会第三次会议闭幕以来，已经整整一年了。",
    ])
    assert (fields.title, fields.issuer) == ("政府工作报告", ("国务院",))


def test_a_recipient_list_over_two_lines_is_read_whole(make_document):
    fields = fields_of(make_document, [
        "阳泉市城区人民政府办公室关于印发《嵌入式服务设施建设实施方案》的通知", "阳城政办发〔2024〕18号",
        "义井镇人民政府、各街道办事处，区直各部门，", "驻区各有关单位：",
        "《阳泉市城区城市社区嵌入式服务设施建设实施方案》已经区政府同意，现印发给你们，请认真贯彻执行。",
    ])
    assert fields.recipients == ("义井镇人民政府", "各街道办事处", "区直各部门", "驻区各有关单位")


def test_an_organ_line_under_the_number_or_over_a_meeting_name_opens_the_title(make_document):
    reply = fields_of(make_document, [
        "牡丹江市东安区人民政府", "牡东政函〔2024〕19号", "牡丹江市东安区人民政府", "同意长安街道办事处设立长兴社区居民委员会的批复",
        "长安街道办事处：", "你街道《关于设立长兴社区居民委员会的请示》收悉。经研究，批复如下：",
    ])
    assert reply.title == "牡丹江市东安区人民政府同意长安街道办事处设立长兴社区居民委员会的批复"
    minutes = fields_of(make_document, [
        "晋城市城区人民政府", "区长办公会议纪要", "第7期", "晋城市城区人民政府办公室　2024年5月29日",
        "2024年5月27日下午，区长原建国主持召开区长办公会议，研究背街小巷环境整治等工作。现纪要如下：",
    ])
    assert (minutes.title, minutes.issuer) == ("晋城市城区人民政府区长办公会议纪要", ("晋城市城区人民政府",))


def test_joint_signers_each_on_a_line_of_their_own(make_document):
    fields = fields_of(make_document, [
        "晋城市城区财政局", "晋城市城区教育局文件", "签发人：靳晓东", "城财字〔2024〕36号　签发人：毋丽君",
        "区财政局　区教育局关于申请安排城区公办幼儿园保育教育设施更新补助资金的请示", "晋城市城区人民政府：",
        "恳请区政府安排补助资金。", "妥否，请批示。",
    ])
    assert fields.signer == ("靳晓东", "毋丽君") and fields.doc_number == "城财字〔2024〕36号"


def test_an_untyped_title_led_by_its_organ_opens_a_web_copy(make_document):
    fields = fields_of(make_document, [
        "佳木斯市前进区人民政府办公室关于进一步规范区政府常务会议议题报送工作", "前政办发〔2024〕9号", "区直各单位、各街道办事处：",
        "为提高区政府常务会议质量，现就有关事项通知如下：", "一、报送议题须填写议题填报表。",
    ])
    assert fields.title == "佳木斯市前进区人民政府办公室关于进一步规范区政府常务会议议题报送工作"


def test_a_subtitle_naming_the_meeting_is_not_the_body(make_document):
    doc = locate(make_document([
        "关于港湾街道老旧供热管网改造项目的议题说明", "（提请区政府常务会议研究）", "佳木斯市前进区住房和城乡建设局", "2024年8月14日",
        "一、议题产生的背景和缘由", "港湾街道辖区供热管网大部分敷设于2000年以前。",
    ]))
    (body,) = doc.structure.elements["body"]
    assert doc.text[body.start:body.end].startswith("一、议题产生的背景和缘由")


def test_a_drafts_dated_line_and_a_signer_wrapped_with_a_space(make_document):
    draft = fields_of(make_document, [
        "阳泉市城区户外广告设施设置管理办法", "（征求意见稿）", "起草单位：阳泉市城区城市管理局", "起草日期：2024年6月18日",
        "第一条　为了加强本区户外广告设施设置管理，制定本办法。", "第二条　本办法适用于本区建成区。",
    ])
    assert (draft.issuer, draft.date) == (("阳泉市城区城市管理局",), "2024-06-18")
    joint = fields_of(make_document, [
        "阳泉市城区民政局", "阳泉市城区卫生健康局", "城民发〔2024〕18号　　　签发人：田秀英", "　　　　　　　　　　　杜　鹏",
        "阳泉市城区民政局　阳泉市城区卫生健康局关于建设医养结合社区养老服务站的请示", "阳泉市城区人民政府：", "恳请批准。",
    ])
    assert joint.signer == ("田秀英", "杜鹏")

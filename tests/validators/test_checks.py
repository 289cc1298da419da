"""Semantics of individual kinds and checks beyond the documented examples."""
import pytest

from gongwen.pipeline.errors import ConfigError
from gongwen.validators.engine import validate
from gongwen.validators.packs import load_pack


def fired(findings, rule):
    return [f for f in findings if f.rule == rule]


@pytest.mark.parametrize(("written", "suggested"), [
    ("国发[2024]5号", "国发〔2024〕5号"),
    ("城政发（24）15号", "城政发〔2024〕15号"),
    ("城区政办发〔2024〕第021号", "城区政办发〔2024〕21号"),
    ("牡东政发〔2019〕07号", "牡东政发〔2019〕7号"),
    ("城政发 〔2023〕 8号", "城政发〔2023〕8号"),
])
def test_docnumber_suggestions(make_doc, pack, written, suggested):
    (finding,) = fired(validate(make_doc([written], {"doc_number": written}), pack()), "docnumber.format")
    assert finding.suggestion == suggested


@pytest.mark.parametrize(("written", "suggested", "detail"), [
    ("2024年09月08日", "2024年9月8日", "不编虚位"),
    ("二〇二四年十一月二十日", "2024年11月20日", "阿拉伯数字"),
    ("24年9月8日", "2024年9月8日", "全称"),
    ("2024-9-8", "2024年9月8日", "分隔"),
    ("２０２４年９月８日", "2024年9月8日", "半角"),
    ("2023年2月29日", None, "不存在"),
])
def test_date_diagnoses_and_suggestions(make_doc, pack, written, suggested, detail):
    (finding,) = fired(validate(make_doc([written], {"date_text": written}), pack()), "date.format")
    assert finding.suggestion == suggested
    assert detail in finding.message


def test_legacy_chinese_date_can_be_allowed(make_doc, tmp_path):
    from gongwen.validators.packs import load_pack

    path = tmp_path / "p.yaml"
    path.write_text("pack: p\nextends: national\nrules:\n  date.format:\n    params: {allow_legacy_cn_date: true}\n",
                    encoding="utf-8")
    doc = make_doc(["二〇二四年九月八日"], {"date_text": "二〇二四年九月八日"})
    assert not fired(validate(doc, load_pack(str(path))), "date.format")


@pytest.mark.parametrize(("closing", "expected"), [
    ("特此报告。", None),
    ("以上报告，请审阅。", None),
    ("专此报告，请予审阅。", None),
    ("妥否，请批示。", "error"),
    ("以上请示，请审批。", "error"),
    ("恳请区政府给予大力支持。", "warning"),
    ("建议区财政追加安排专项资金。", "warning"),
])
def test_report_closings(make_doc, pack, closing, expected):
    doc = make_doc(["关于2024年工作情况的报告", "区人民政府：", "今年以来各项工作进展顺利。" + closing], {"doc_type": "报告"})
    found = fired(validate(doc, pack()), "report.contains-request")
    assert [f.severity for f in found][:1] == ([expected] if expected else [])
    assert len(found) <= 1  # several cues in one sentence make one finding


def test_one_matter_related_items_are_uncertain(make_doc, pack):
    lines = ["关于老旧小区改造的请示", "区人民政府：", "恳请拨付东城小区改造资金800万元。同时恳请拨付东城小区改造配套资金200万元。"]
    doc = make_doc(lines, {"doc_type": "请示", "request_items": ["恳请拨付东城小区改造资金800万元", "恳请拨付东城小区改造配套资金200万元"]})
    (finding,) = fired(validate(doc, pack()), "request.one-matter")
    assert finding.severity == "warning" and finding.message.startswith("疑似")


@pytest.mark.parametrize(("recipient", "personal"), [
    ("张区长", True), ("周某某区长", True), ("区长", True), ("王副市长", True), ("李主任", True),
    ("区人民政府", False), ("区人民政府办公室", False), ("区委", False), ("市文化和旅游局", False),
    ("区长办公会议", False),
])
def test_to_individual_recognises_people(make_doc, pack, recipient, personal):
    doc = make_doc(["关于申请维修资金的请示", recipient + "：", "拟维修校舍。"],
                   {"doc_type": "请示", "recipients": [recipient]})
    assert bool(fired(validate(doc, pack()), "request.to-individual")) == personal


def test_to_individual_roster_name_and_secret_exception(make_doc, pack):
    from gongwen.pipeline.roster import Person, Roster

    roster = Roster("阳泉市城区人民政府", (Person("韩某某", "常务副区长", "阳泉市城区人民政府"),))
    doc = make_doc(["关于申请维修资金的请示", "韩某某：", "拟维修校舍。"], {"doc_type": "请示", "recipients": ["韩某某"]})
    assert fired(validate(doc, pack(), roster), "request.to-individual")
    secret = make_doc(["机密★1年", "关于专项工作的请示", "韩副区长：", "拟开展专项工作。"],
                      {"doc_type": "请示", "recipients": ["韩副区长"], "classification": "机密★1年"})
    assert not fired(validate(secret, pack("yangquan-chengqu")), "request.to-individual")  # any 密级 exempts in 阳泉
    assert fired(validate(secret, pack("dongan")), "request.to-individual")  # only 绝密 in 东安


def test_length_counts_body_only_and_says_which_part(make_doc, pack):
    body = "今年以来，我局完成老旧小区改造12个，惠及居民3400户。" * 50  # 25 × 50 = 1250 字
    doc = make_doc(["会后收回", "关于老旧小区改造工作的汇报", body], {"doc_type": "汇报稿"}, elements={"body": body})
    (finding,) = fired(validate(doc, pack("yangquan-chengqu")), "length.limit")
    assert "汇报稿正文共1250字" in finding.message and "超过1200字的上限50字" in finding.message
    assert finding.source.article == "第十一条"
    whole = make_doc(["关于老旧小区改造工作的汇报", body], {"doc_type": "汇报稿"})
    (finding,) = fired(validate(whole, pack("yangquan-chengqu")), "length.limit")
    assert "未能识别正文范围" in finding.message


def test_length_limit_is_inclusive_and_hedged_limit_is_a_warning(make_doc, pack):
    sentence = "今年以来，我局完成老旧小区改造12个，惠及居民3400户。"  # 25 字
    exactly = make_doc([sentence * 48], {"doc_type": "汇报稿"})  # 1200
    assert not fired(validate(exactly, pack("yangquan-chengqu")), "length.limit")
    note = make_doc([sentence * 61], {"doc_type": "情况说明"})  # 1525
    (yq,) = fired(validate(note, pack("yangquan-chengqu")), "length.limit")
    (jc,) = fired(validate(note, pack("jincheng-chengqu")), "length.limit")
    assert (yq.severity, jc.severity) == ("warning", "error")  # 阳泉「一般控制在」, 晋城 no hedge


def test_signature_dates_and_final_signing(make_doc, pack):
    doc = make_doc(["区民政局关于调整低保标准的请示"], {"doc_type": "请示", "issuer": ["区民政局"]},
                   approval=[{"role": "拟稿", "name": "李某某", "date": "2024-03-05"},
                             {"role": "签发", "name": "钱某某", "post": "局长", "date": "2024-03-01"}])
    (finding,) = fired(validate(doc, pack()), "signature.chain")
    assert "早于" in finding.message
    undated = make_doc(["区民政局关于调整低保标准的请示"], {"doc_type": "请示", "issuer": ["区民政局"]},
                       approval=[{"role": "签发", "name": "钱某某", "post": "局长"}])
    (finding,) = fired(validate(undated, pack()), "signature.chain")
    assert "未署日期" in finding.message


def test_a_signing_date_without_its_year_is_incomplete(make_doc, pack):
    from gongwen.extractors.fields.approval import approval_record
    from gongwen.extractors.normalize import normalize
    from gongwen.extractors.readers import read_document

    def record(signing_date: str):
        return ["发文稿纸", "拟稿：区民政局 李某某 2024年3月5日", f"签发：钱某某（局长） {signing_date}", "",
                "区民政局关于调整低保标准的请示"]

    def findings(signing_date: str, tmp: str):
        from pathlib import Path

        path = Path(tmp) / "draft.txt"
        path.write_text("\n".join(record(signing_date)) + "\n", encoding="utf-8")
        steps, _ = approval_record(normalize(read_document(path)), None)
        doc = make_doc(record(signing_date), {"doc_type": "请示", "issuer": ["区民政局"]},
                       approval=steps)
        return steps, fired(validate(doc, pack()), "signature.chain")

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        steps, complete = findings("2024年3月8日", tmp)
        assert steps[-1].date == "2024-03-08" and not steps[-1].year_inferred and not complete
        steps, yearless = findings("3月8日", tmp)
    assert steps[-1].date == "2024-03-08" and steps[-1].year_inferred
    (finding,) = yearless
    assert "未写年份" in finding.message


def test_signature_uses_roster_posts(make_doc, pack):
    from gongwen.pipeline.roster import Person, Roster

    roster = Roster("东安区人民政府", (Person("韩某某", "常务副区长", "东安区人民政府"),
                                       Person("冯某某", "副区长", "东安区人民政府")))
    office = {"doc_type": "通知", "issuer": ["东安区人民政府办公室"]}
    good = make_doc(["东安区人民政府办公室关于做好防汛工作的通知"], office, approval=[{"role": "审签", "name": "韩某某", "date": "2024-05-08"}])
    bad = make_doc(["东安区人民政府办公室关于做好防汛工作的通知"], office, approval=[{"role": "审签", "name": "冯某某", "date": "2024-05-08"}])
    assert not fired(validate(good, pack("dongan"), roster), "signature.chain")
    (finding,) = fired(validate(bad, pack("dongan"), roster), "signature.chain")
    assert "冯某某（副区长）" in finding.message and finding.source.article == "第六十二条"


@pytest.mark.parametrize(("sentence", "power"), [
    ("第五条 设置户外广告的，须经区城管局审批。", "行政许可"),
    ("第六条 未经区市场监管局许可，不得从事经营。", "行政许可"),
    ("第八条 违者处500元以上2000元以下罚款。", "行政处罚"),
    ("第九条 对违规车辆予以扣押。", "行政强制"),
    ("第八条 违反本办法的，依照《中华人民共和国动物防疫法》有关规定予以处罚。", None),
    ("第八条 违反本办法的，由有关部门依法处理。", None),
    ("第三条 申请人可以向区行政审批服务管理局申请办理。", None),
    # a certificate of the draft's own making as a precondition is a licence, whatever it is called
    ("第三条 经营者应当取得区市场监督管理局核发的《油烟排放登记证》后方可营业。", "行政许可"),
    ("第四条 未领取《户外广告设置证》的，不得设置户外广告。", "行政许可"),
    ("第五条 经营者应当在营业场所公示营业执照。", None),
])
def test_creates_power_sentences(make_doc, pack, sentence, power):
    doc = make_doc(["城区户外广告管理办法（征求意见稿）", sentence], {"title": "城区户外广告管理办法（征求意见稿）"})
    found = fired(validate(doc, pack()), "regulation.creates-power")
    assert [f.message.split("：")[0] for f in found] == ([f"规范性文件设定{power}"] if power else [])


def test_creates_power_only_for_normative_documents(make_doc, pack):
    for title in ("阳泉市城区人民政府工作规则", "关于开展违法建设专项整治的通知", "区长办公会议工作细则"):
        doc = make_doc([title, "对违规车辆予以扣押，并处500元罚款。"], {"title": title})
        assert not fired(validate(doc, pack()), "regulation.creates-power"), title


def test_countersign_needs_an_approval_record(make_doc, pack):
    text = ["区教育局关于交通整治的请示", "区人民政府：", "交通信号改造由区公安分局负责。妥否，请批示。"]
    doc = make_doc(text, {"doc_type": "请示", "issuer": ["区教育局"]})
    assert not fired(validate(doc, pack("yangquan-chengqu")), "countersign.missing")


def test_countersign_matches_departments_by_name_without_place(make_doc, pack):
    text = ["区教育局关于交通整治的请示", "区人民政府：", "所需资金由区财政局安排。妥否，请批示。"]
    doc = make_doc(text, {"doc_type": "请示", "issuer": ["阳泉市城区教育局"]},
                   approval=[{"role": "会签", "organ": "阳泉市城区财政局", "name": "周某某"},
                             {"role": "签发", "name": "吴某某", "post": "局长", "date": "2024-04-05"}])
    assert not fired(validate(doc, pack("yangquan-chengqu")), "countersign.missing")


def test_sections_report_each_missing_part_with_its_severity(make_doc, pack):
    doc = make_doc(["关于管网改造的议题说明", "一、背景。管网老化。", "二、主要内容。改造18公里。"], {"doc_type": "议题说明"})
    found = fired(validate(doc, pack("qianjin")), "material.sections")
    assert [(f.severity, f.message) for f in found] == [
        ("warning", "材料要素不全：议题说明未写明“议题研究、讨论的过程”。"),
        ("error", "材料要素不全：议题说明未写明“提请研究解决的问题”。"),
    ]


@pytest.mark.parametrize("written, flagged", [
    ("一九九六年二月五日", False),   # before GB/T 9704—2012: the 1999 standard required Chinese numerals
    ("二〇一二年六月三十日", False),
    ("二〇一二年七月一日", True),
    ("二〇二四年三月五日", True),
])
def test_chinese_numeral_dates_are_flagged_only_under_the_2012_standard(make_doc, pack, written, flagged):
    doc = make_doc(["关于某事的通知", "各部门：", "特此通知。", "某某区人民政府", written],
                   {"doc_type": "通知", "date_text": written})
    assert any(f.rule == "date.format" for f in validate(doc, pack())) == flagged


@pytest.mark.parametrize("value, fragment", [('"2012-13-01"', "cn_numerals_before"), ("2012-13-01", "YAML")])
def test_a_bad_cutoff_date_is_a_pack_error(tmp_path, value, fragment):
    path = tmp_path / "p.yaml"
    path.write_text(f"pack: p\nextends: national\nrules:\n  date.format:\n    params: {{cn_numerals_before: {value}}}\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=fragment):
        load_pack(str(path))


def test_automatic_list_numbers_are_not_counted_as_words(make_doc, pack):
    """Word/WPS 字数统计 leaves automatic numbering out; the docx reader lists those labels."""
    import dataclasses

    items = [f"{'一二三四五六七八九十'[i % 10]}、" + "推进老旧小区改造，完善配套设施，提升居民满意度。" * 5 for i in range(10)]
    lines = ["关于城区老旧小区改造工作的汇报", *items]
    typed = sum(len(line) for line in items)  # every character of these lines is CJK or full-width
    assert typed - 20 <= 1200 < typed  # over the limit only if the labels were counted
    doc = make_doc(lines, {"doc_type": "汇报稿", "title": lines[0]}, {"body": items})
    labelled = dataclasses.replace(doc, raw=dataclasses.replace(
        doc.raw, meta={"numbering_labels": [(index + 1, item[:2]) for index, item in enumerate(items)]}))

    assert any(f.rule == "length.limit" for f in validate(doc, pack("yangquan-chengqu")))
    assert not any(f.rule == "length.limit" for f in validate(labelled, pack("yangquan-chengqu")))


def test_a_pack_may_extend_single_recipient_to_reports_as_a_warning(make_doc, pack):
    text = ["区应急局关于2024年防汛工作情况的报告", "区人民政府、市应急管理局：", "今年汛期平稳。特此报告。"]
    doc = make_doc(text, {"doc_type": "报告", "recipients": ["区人民政府", "市应急管理局"]})
    assert not fired(validate(doc, pack()), "request.single-recipient")
    (finding,) = fired(validate(doc, pack("dongan")), "request.single-recipient")
    assert finding.severity == "warning" and "上行文" in finding.message
    request = make_doc(text, {"doc_type": "请示", "recipients": ["区人民政府", "市应急管理局"]})
    (finding,) = fired(validate(request, pack("dongan")), "request.single-recipient")
    assert finding.severity == "error"


def test_one_matter_read_without_a_body_is_only_suspected(make_doc, pack):
    lines = ["区教育局关于维修校舍和增加编制的请示", "区人民政府：", "恳请区政府拨付校舍维修资金50万元。", "同时，恳请区政府为我局增加事业编制2名。"]
    items = [{"text": "恳请区政府拨付校舍维修资金50万元"}, {"text": "恳请区政府为我局增加事业编制2名"}]
    with_body = make_doc(lines, {"doc_type": "请示", "request_items": items}, elements={"body": lines[2:]})
    (finding,) = fired(validate(with_body, pack()), "request.one-matter")
    assert finding.severity == "error"
    without_body = make_doc(lines, {"doc_type": "请示", "request_items": items})
    (finding,) = fired(validate(without_body, pack()), "request.one-matter")
    assert finding.severity == "warning" and finding.message.startswith("疑似")


def test_a_signing_entry_owes_its_full_date_where_no_local_chain_applies(make_doc, pack):
    """条例第二十二条 binds every 签发, not only the kinds of document a pack gives a chain for
    (here a 区政府 通知, which has none): a year-less or missing date is still a finding, while a
    complete record of such a document is accepted."""
    from gongwen.pipeline.model import ApprovalStep

    def chain_findings(signing: ApprovalStep):
        steps = [ApprovalStep("拟稿", "李某某", "科员", "2024-03-05"), signing]
        doc = make_doc(["某区人民政府关于开展经济普查工作的通知"],
                       {"doc_type": "通知", "issuer": ["某区人民政府"]}, approval=steps)
        return fired(validate(doc, pack()), "signature.chain")

    assert chain_findings(ApprovalStep("签发", "钱某某", "区长", "2024-03-08")) == []
    (yearless,) = chain_findings(ApprovalStep("签发", "钱某某", "区长", "2024-03-08", year_inferred=True))
    assert "未写年份" in yearless.message
    (undated,) = chain_findings(ApprovalStep("签发", "钱某某", "区长", None))
    assert "未署日期" in undated.message
    (backwards,) = chain_findings(ApprovalStep("签发", "钱某某", "区长", "2024-03-01"))
    assert "早于" in backwards.message


def test_a_yangquan_minutes_needs_the_countersign_of_every_deputy_whose_department_reported(make_doc, pack):
    """阳泉 第四十四条: a 常务会议纪要 is countersigned by each 分管副区长 concerned. The topics are the
    departments the meeting heard or tasked; a department named only in passing asks nothing."""
    from gongwen.pipeline.roster import Person, Roster

    government = "阳泉市城区人民政府"
    roster = Roster(government, (
        Person("区长甲", "区长", government),
        Person("钱某某", "副区长", government, departments=("阳泉市城区住房和城乡建设局",)),
        Person("孙某某", "副区长", government, departments=("阳泉市城区教育局",)),
        Person("李某某", "副区长", government, departments=("阳泉市城区统计局",)),
    ))
    lines = ["阳泉市城区人民政府常务会议纪要", "一、会议听取了区住建局关于老旧小区改造工作的汇报，由区住建局牵头实施。",
             "二、会议听取了区教育局关于课后服务工作的汇报。同意方案，由区教育局完善后印发。",
             "三、根据区统计局的数据，一季度经济运行平稳。"]
    fields = {"doc_type": "纪要", "issuer": [government], "title": lines[0]}

    def findings(*countersigners: str):
        steps = [{"role": "会签", "name": name, "post": "副区长", "date": "2024-04-17"} for name in countersigners]
        steps.append({"role": "签发", "name": "区长甲", "post": "区长", "date": "2024-04-19"})
        return fired(validate(make_doc(lines, fields, approval=steps), pack("yangquan-chengqu"), roster),
                     "signature.chain")

    assert findings("钱某某", "孙某某") == []
    (missing,) = findings("钱某某")
    assert "孙某某" in missing.message and "区教育局" in missing.message and "李某某" not in missing.message


def test_a_topic_meeting_minutes_is_signed_by_the_leader_who_chaired_it(make_doc, pack):
    """咸阳 第四十五条 / 东安 第五十六条: a 专项（专题）会议纪要 is signed by the leader who chaired the
    meeting; the chair is read from the text through the roster. Without a chair the roster knows,
    only the allowed posts are checked."""
    from gongwen.pipeline.roster import Person, Roster

    government = "咸阳市人民政府"
    roster = Roster(government, (Person("强卫平", "副市长", government), Person("权海涛", "秘书长", government),
                                 Person("问志刚", "副市长", government)))
    title = "咸阳市人民政府专项会议纪要"
    fields = {"doc_type": "纪要", "issuer": [government], "title": title}

    def findings(opening: str, signer: str):
        lines = [title, f"2025年6月30日，{opening}，研究防汛工作。现将会议议定事项纪要如下：", "一、市水利局要完成堤防隐患复查。"]
        steps = [{"role": "拟稿", "name": "来某某", "date": "2025-07-02"}, {"role": "签发", "name": signer, "date": "2025-07-04"}]
        return fired(validate(make_doc(lines, fields, approval=steps), pack("xianyang"), roster), "signature.chain")

    assert findings("强卫平副市长主持召开专项会议", "强卫平") == []
    (wrong,) = findings("强卫平副市长主持召开专项会议", "权海涛")
    assert "强卫平" in wrong.message and "主持" in wrong.message and wrong.severity == "error"
    assert findings("会议由强卫平同志主持", "强卫平") == []
    assert findings("市政府召开专项会议", "权海涛") == []  # no chair named: the post (秘书长) is allowed


def test_an_issued_document_whose_record_has_no_signing_step_is_reported(make_doc, pack):
    """A numbered 通知 whose 发文稿纸 stops at 核稿 (or whose 签发 line is blank) was never signed."""
    lines = ["某区人民政府办公室关于做好冬季清雪工作的通知", "各街道办事处：", "现就有关工作通知如下。"]
    steps = [{"role": "拟稿", "name": "李某某", "date": "2024-11-04"}, {"role": "核稿", "name": "商某某", "date": "2024-11-05"}]
    numbered = make_doc(lines, {"doc_type": "通知", "issuer": ["某区人民政府办公室"], "doc_number": "某政办发〔2024〕6号"},
                        approval=steps)
    (finding,) = fired(validate(numbered, pack("qianjin")), "signature.chain")
    assert "没有签发环节" in finding.message
    draft = make_doc(lines, {"doc_type": "通知", "issuer": ["某区人民政府办公室"]}, approval=steps)
    assert fired(validate(draft, pack("qianjin")), "signature.chain") == []  # still on its way to the signer


def test_the_signer_in_the_header_is_the_one_who_signed_and_is_written_with_a_full_width_colon(make_doc, pack):
    head = "城区卫健发〔2024〕6号　　签发人{colon}{name}"
    lines = lambda name, colon="：": [head.format(colon=colon, name=name), "某区卫生健康局关于增设卫生服务站的请示",
                                      "区人民政府：", "拟增设卫生服务站一处。妥否，请批示。"]
    record = [{"role": "拟稿", "name": "赵某某", "date": "2024-03-01"},
              {"role": "签发", "name": "那仁·巴图", "post": "局长", "date": "2024-03-04"}]

    def findings(name, colon="："):
        fields = {"doc_type": "请示", "doc_number": "城区卫健发〔2024〕6号", "signer": [name]}
        return fired(validate(make_doc(lines(name, colon), fields, approval=record), pack()), "request.signer-missing")

    assert findings("那仁·巴图") == []
    (mismatch,) = findings("李某某")
    assert mismatch.severity == "error" and "李某某" in mismatch.message and "那仁·巴图" in mismatch.message
    (colon,) = findings("那仁·巴图", ":")
    assert colon.severity == "warning" and "全角冒号" in colon.message


def test_a_title_joining_plan_and_money_is_no_warning_when_the_body_asks_them_as_one(make_doc, pack):
    title = "关于批准实施《咸阳市中小学校食堂明厨亮灶提升改造方案》并安排改造资金的请示"
    one = "恳请市政府批准实施《咸阳市中小学校食堂明厨亮灶提升改造方案》，并按方案测算安排改造资金2160万元"
    only_plan = "恳请市政府批准实施《咸阳市中小学校食堂明厨亮灶提升改造方案》"

    def warned(item_text):
        doc = make_doc([title, item_text], {"title": title, "doc_type": "请示", "request_items": [item_text]})
        return [f for f in validate(doc, pack("xianyang")) if f.rule == "request.one-matter"]

    assert warned(one) == []
    (finding,) = warned(only_plan)
    assert finding.severity == "warning"


def test_a_qianjin_executive_meeting_minutes_needs_the_legality_review_before_the_heads_signature(make_doc, pack):
    """前进《常务会议制度》第七部分第3项: 常务会议纪要 经法制部门合法性审查后，报区长签发 (a step's
    ``organs`` option: the step's organ, the person's roster organ or the opinion)."""
    title = "佳木斯市前进区人民政府常务会议纪要"
    fields = {"doc_type": "纪要", "issuer": ["佳木斯市前进区人民政府"], "title": title}
    lines = [title, "2024年9月6日，区长郎永刚主持召开区政府第二十次常务会议。现纪要如下：", "会议原则通过《考核办法》。"]
    drafted = {"role": "拟稿", "organ": "常务秘书室", "name": "海兰", "date": "2024-09-09"}
    signed = {"role": "签发", "name": "郎永刚", "post": "区长", "date": "2024-09-11"}

    def findings(*middle):
        return fired(validate(make_doc(lines, fields, approval=[drafted, *middle, signed]), pack("qianjin")), "signature.chain")

    (missing,) = findings({"role": "会签", "organ": "区卫健局", "name": "喻春阳", "date": "2024-09-10"})
    assert "法制部门合法性审查" in missing.message
    assert findings({"role": "审核", "organ": "区司法局", "name": "幸某某", "date": "2024-09-10"}) == []
    assert findings({"role": "审核", "name": "幸某某", "opinion": "经合法性审查，同意", "date": "2024-09-10"}) == []


def test_an_offices_own_request_to_its_government_is_no_document_issued_in_the_offices_name(make_doc, pack):
    title = "阳泉市城区人民政府办公室关于提请印发《政务服务提升行动方案》的请示"
    steps = [{"role": "拟稿", "name": "秦某", "date": "2025-03-03"},
             {"role": "签发", "name": "武海鹰", "post": "主任", "date": "2025-03-05"}]

    def findings(doc_type):
        doc = make_doc([title, "现将《方案》报上，请审定。"], {"title": title, "doc_type": doc_type,
                                                    "issuer": ["阳泉市城区人民政府办公室"]}, approval=steps)
        return fired(validate(doc, pack("yangquan-chengqu")), "signature.chain")

    assert findings("请示") == []
    assert findings("通知")  # an office 通知 is signed by the 分管副区长 (YQ 第四十九条)

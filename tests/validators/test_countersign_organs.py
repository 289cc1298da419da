"""countersign.missing on the organs a 请示 gives a task to, compared through one canonical organ."""
from __future__ import annotations

import pytest

from gongwen.extractors.knowledge.organs import OrganIndex
from gongwen.pipeline.roster import Person, Roster
from gongwen.validators.checks.countersign import CountersignParams, assigned_departments
from gongwen.validators.engine import validate

ROSTER = Roster("阳泉市城区人民政府", (
    Person("韩某某", "常务副区长", "阳泉市城区人民政府",
           departments=("阳泉市城区财政局", "阳泉市城区人力资源和社会保障局", "阳泉市城区统计局")),
    Person("周某某", "局长", "阳泉市城区财政局"),
))
ACTIONS = CountersignParams().action_pattern


def assigned(text: str) -> list[str]:
    return [mention.name for mention, _, _ in assigned_departments(text, OrganIndex.build(ROSTER), ACTIONS)]


@pytest.mark.parametrize(("sentence", "departments"), [
    ("所需资金由区财政局负责安排。", ["区财政局"]),
    ("所需资金由阳泉市城区财政局负责安排。", ["阳泉市城区财政局"]),
    ("财政部门负责资金保障。", ["财政部门"]),
    ("财政局负责资金保障。", ["财政局"]),
    ("培训由我局组织，区人社局会同区财政局核定补贴标准。", ["区人社局", "区财政局"]),
    ("关于资金保障，区财政局：要在6月底前足额拨付。", ["区财政局"]),
    ("整治工作需要区住房和城乡建设局、区城市管理局等单位共同实施。", ["区住房和城乡建设局", "区城市管理局"]),
])
def test_tasks_given_to_a_department(sentence, departments):
    assert assigned(sentence) == departments


@pytest.mark.parametrize("sentence", [
    "区统计局提供的数据显示，全区老年人口5.87万人。",
    "据区统计局提供的数据，全区老年人口5.87万人。",
    "区财政局已于去年拨付补助资金120万元。",
    "项目已经区发展和改革局批复。",
    "根据区财政局《关于2024年预算执行情况的通报》，我区财力可以承受。",
    "2023年区市场监督管理局开展检查时，发现部分食堂设施老化。",
    "活动由南山路街道社区卫生服务中心举办和管理。",
    "参会人员：区爱国卫生运动委员会成员单位分管负责同志，共约80人。",
    "请区政府同意设立城区第三幼儿园北山办园点。",
])
def test_mere_mentions_give_no_task(sentence):
    assert assigned(sentence) == []


def _request(make_doc, body, steps, issuer="阳泉市城区教育局"):
    lines = [f"{issuer}关于实施学校周边交通整治的请示", "阳泉市城区人民政府：", body, "妥否，请批示。"]
    approval = [{"role": "拟稿", "organ": "区教育局", "name": "张某某", "date": "2024-08-26"}, *steps,
                {"role": "签发", "name": "武某某", "post": "局长", "date": "2024-08-28"}]
    return make_doc(lines, {"doc_type": "请示", "issuer": [issuer]}, elements={"body": body}, approval=approval)


def _fired(doc, pack, roster=None):
    return [f for f in validate(doc, pack("yangquan-chengqu"), roster=roster) if f.rule == "countersign.missing"]


@pytest.mark.parametrize("written", ["由区财政局负责安排", "财政局负责安排", "财政部门负责安排", "由阳泉市城区财政局负责安排"])
def test_a_countersignature_is_found_whatever_name_the_text_uses(make_doc, pack, written):
    signed = [{"role": "会签", "organ": "阳泉市城区财政局", "name": "周某某", "date": "2024-08-27"}]
    doc = _request(make_doc, f"所需资金{written}。", signed)
    assert not _fired(doc, pack, ROSTER)


def test_the_countersigning_person_stands_for_their_organ(make_doc, pack):
    signed = [{"role": "会签", "name": "周某某", "date": "2024-08-27"}]
    doc = _request(make_doc, "所需资金由区财政局负责安排。", signed)
    assert not _fired(doc, pack, ROSTER)


def test_a_task_for_an_organ_that_did_not_countersign_is_reported(make_doc, pack):
    signed = [{"role": "会签", "organ": "区财政局", "name": "周某某", "date": "2024-08-27"}]
    doc = _request(make_doc, "所需资金由区财政局安排，区人社局会同各街道做好人员招聘。", signed)
    (finding,) = _fired(doc, pack, ROSTER)
    assert "区人社局" in finding.message and finding.severity == "error"


def test_an_unreadable_countersign_step_makes_the_finding_uncertain(make_doc, pack):
    signed = [{"role": "会签", "name": "某某某", "date": "2024-08-27"}]
    doc = _request(make_doc, "交通信号改造由区公安分局负责。", signed)
    (finding,) = _fired(doc, pack, ROSTER)
    assert finding.severity == "warning" and finding.message.startswith("疑似")


def test_a_mention_that_is_no_task_needs_no_countersignature(make_doc, pack):
    doc = _request(make_doc, "区统计局提供的数据显示，学校周边事故多发；区财政局已于去年拨付整治资金50万元。", [])
    assert not _fired(doc, pack, ROSTER)


@pytest.mark.parametrize("consultation", ["已书面征求财政部门意见", "已书面征求区财政局、区公安分局的意见", "已征得阳泉市城区财政局同意"])
def test_where_a_written_consultation_counts_any_name_of_the_department_does(make_doc, pack, consultation):
    doc = _request(make_doc, f"所需资金由区财政局负责安排，{consultation}。", [])
    assert not [f for f in validate(doc, pack("dongan"), roster=ROSTER) if f.rule == "countersign.missing"]
    assert _fired(doc, pack, ROSTER)  # 阳泉: a consultation does not replace the countersignature


def test_a_departments_draft_regulation_is_agreed_like_a_request(make_doc, pack):
    """HQ-CROSS-DEPT applies to 请示 and to drafts departments write for the government: a 办法
    (征求意见稿) by the 区住建局 giving the 区财政局 a budget duty needs its 会签; the issued 办法
    of the government and a department's 通知 are not checked."""
    body = "第五条　区财政局负责将充电设施建设补助资金纳入年度预算。"
    steps = [{"role": "拟稿", "name": "贾某某", "date": "2024-08-16"},
             {"role": "签发", "name": "冯某某", "post": "局长", "date": "2024-08-20"}]

    def findings(title, issuer, doc_type=None):
        doc = make_doc([title, body], {"title": title, "doc_type": doc_type, "issuer": [issuer]},
                       elements={"body": body}, approval=steps)
        return [f for f in validate(doc, pack("jincheng-chengqu")) if f.rule == "countersign.missing"]

    (finding,) = findings("某区电动自行车停放充电管理办法（征求意见稿）", "某区住房和城乡建设局")
    assert "区财政局" in finding.message
    assert findings("某区电动自行车停放充电管理办法", "某区人民政府") == []
    assert findings("某区住房和城乡建设局关于做好充电设施建设的通知", "某区住房和城乡建设局", "通知") == []


def test_what_a_department_drafts_for_the_government_office_is_agreed_like_a_request_where_a_pack_asks(
        make_doc, pack, tmp_path):
    """代拟文稿 (HQ-CROSS-DEPT), where a pack turns ``drafts_for_government`` on: a 通知 the 区政府办公室
    issues but the 区农业农村局 drafted gives the 财政部门 a task; without the finance bureau's 会签 it is
    reported, the drafting bureau's own task is not. Off by default (blind writers and offices differ)."""
    from gongwen.validators.packs import load_pack
    path = tmp_path / "drafts.yaml"
    path.write_text("pack: drafts\nextends: yangquan-chengqu\nrules:\n  countersign.missing:\n"
                    "    params: {drafts_for_government: true}\n", encoding="utf-8")
    drafts_pack = load_pack(path)
    body = "农业农村部门负责指导各镇推广秸秆还田。财政部门负责及时拨付作业补助资金。"
    title = "阳泉市城区人民政府办公室关于做好秋季秸秆禁烧工作的通知"

    def findings(drafted_by, extra_steps=()):
        steps = [{"role": "拟稿", "organ": drafted_by, "name": "钮某", "date": "2024-09-09"}, *extra_steps,
                 {"role": "签发", "name": "韩某某", "post": "常务副区长", "date": "2024-09-12"}]
        doc = make_doc([title, body], {"title": title, "doc_type": "通知", "issuer": ["阳泉市城区人民政府办公室"]},
                       elements={"body": body}, approval=steps)
        return [f for f in validate(doc, drafts_pack, roster=ROSTER) if f.rule == "countersign.missing"]

    (finding,) = findings("区农业农村局")
    assert "财政部门" in finding.message and "农业农村" not in finding.message
    assert findings("区农业农村局", [{"role": "会签", "organ": "区财政局", "name": "周某某", "date": "2024-09-10"}]) == []
    assert findings("区政府办公室") == []  # the office's own draft is no 代拟文稿
    default = make_doc([title, body], {"title": title, "doc_type": "通知", "issuer": ["阳泉市城区人民政府办公室"]},
                       elements={"body": body}, approval=[{"role": "拟稿", "organ": "区农业农村局", "name": "钮某",
                                                           "date": "2024-09-09"}])
    assert not [f for f in validate(default, pack("yangquan-chengqu"), roster=ROSTER) if f.rule == "countersign.missing"]


def test_a_unit_of_the_issuer_itself_needs_no_countersignature(make_doc, pack):
    doc = _request(make_doc, "设备购置后由街道城管办统一管理使用。", [], issuer="阳泉市城区南山路街道办事处")
    assert not _fired(doc, pack, ROSTER)
    doc = _request(make_doc, "设备购置后由区城管局统一管理使用。", [], issuer="阳泉市城区南山路街道办事处")
    assert _fired(doc, pack, ROSTER)


def test_every_co_issuer_of_a_joint_document_countersigns(make_doc, pack):
    """条例第二十二条: 联合发文由所有联署机关的负责人会签, whatever the 文种."""
    issuers = ["阳泉市城区财政局", "阳泉市城区人力资源和社会保障局", "阳泉市城区住房和城乡建设局"]
    title = "阳泉市城区财政局　阳泉市城区人力资源和社会保障局　阳泉市城区住房和城乡建设局关于做好农民工工资支付工作的通知"
    body = "各单位要按时足额支付农民工工资。"

    def findings(*steps):
        doc = make_doc([title, body, *issuers], {"title": title, "doc_type": "通知", "issuer": issuers},
                       elements={"body": body}, approval=list(steps))
        return [f for f in validate(doc, pack("yangquan-chengqu"), roster=ROSTER) if f.rule == "countersign.missing"]

    signed = {"role": "签发", "name": "周某某", "organ": "阳泉市城区财政局", "date": "2024-08-28"}
    labour = {"role": "会签", "organ": "区人社局", "name": "冯某某", "date": "2024-08-27"}
    building = {"role": "会签", "organ": "区住建局", "name": "钱某某", "date": "2024-08-27"}
    (missing,) = findings(labour, signed)
    assert "阳泉市城区住房和城乡建设局" in missing.message
    assert findings(labour, building, signed) == []


@pytest.mark.parametrize("sentence", [
    "项目主体工程已由区住建局统一招标实施。",
    "区民政局会同区住建局、自然资源秦都分局提出初步方案，经公示无异议。",
])
def test_what_was_done_already_gives_no_task(sentence):
    assert assigned(sentence) == []

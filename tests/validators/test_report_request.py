"""report.contains-request: a 报告 that asks for approval, however the ask is written or wrapped;
near misses (另行请示, a past 请示 quoted) stay clean."""
from __future__ import annotations

import pytest

from gongwen.validators.engine import validate


def _findings(make_doc, pack, body_lines):
    lines = ["区住建局关于2024年老旧小区改造进展情况的报告", "区人民政府：", *body_lines, "特此报告。"]
    doc = make_doc(lines, {"doc_type": "报告"}, elements={"body": body_lines})
    return [f for f in validate(doc, pack()) if f.rule == "report.contains-request"]


@pytest.mark.parametrize("body", [
    pytest.param(["现存历史建筑集中，改造需求迫切。恳请", "市政府批准将江北片区列入全市2025年城市更新重点", "片区，在专项债券分配上给予倾斜。"],
                 id="ask-wrapped-by-hard-line-breaks"),
    pytest.param(["为确保项目按期完工，请区政府批准追加配套资金300万元。"], id="ask-through-the-addressee"),
    pytest.param(["以上意见，妥否，请批示。"], id="closing-formula"),
])
def test_an_ask_in_a_report_is_an_error(make_doc, pack, body):
    (finding,) = _findings(make_doc, pack, body)
    assert finding.severity == "error"


def test_a_hope_addressed_to_the_government_is_a_suspected_ask(make_doc, pack):
    (finding,) = _findings(make_doc, pack, ["希望区政府尽快拨付剩余资金120万元。"])
    assert finding.severity == "warning" and finding.message.startswith("疑似")


@pytest.mark.parametrize("body", [
    pytest.param(["对资金缺口问题，我局将另行请示区政府支持。"], id="another-request-later"),
    pytest.param(["涉及机构编制调整的事项，我局将另行专题请示。"], id="another-request-later-2"),
    pytest.param(["我局3月报送的《关于增设东城社区卫生服务站的请示》已经区政府批准，服务站已投入使用。"], id="past-request-quoted"),
    pytest.param(["按照区政府对《关于2024年老旧小区改造计划的请示》的批复，我局组织实施了改造工程。"], id="reply-quoted"),
    pytest.param(["下半年，我区将加快在建项目进度，确保老旧小区改造项目", "10月底前全部完工，居民入冬前正常供热。"],
                 id="wrapped-report-sentence"),
])
def test_near_misses_are_clean(make_doc, pack, body):
    assert _findings(make_doc, pack, body) == []

"""How many matters a 请示 asks for, whatever words join its asks (the 一文一事 check counts these).

Two unrelated asks are two matters however they are joined (同时，请批准… / 希望…并希望… /
需要…另外还需要… / two asks in one sentence / two enumerated pieces); one plan with its sub-items and
one purchase with what we will do next are one matter."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen.extractors.fields.requests import request_items
from tests.extractors.fields.conftest import make_document

HEAD = "区人民政府："
CLOSE = "妥否，请批示。"
FUNDS = "核拨城关小学围墙维修资金12万元"
RENAME = "批准城区实验中学更名为城区第一中学"

# The same two asks, written the ways offices write them.
TWO_ASKS = {
    "tongshi": [f"城关小学围墙年久失修。请区政府{FUNDS}。同时，请{RENAME}。", CLOSE],
    "bing-qing": [f"请区政府{FUNDS}，并请{RENAME}。", CLOSE],
    "one-sentence": [f"恳请区政府{FUNDS}，并{RENAME}。", CLOSE],
    "xiwang": [f"希望区政府{FUNDS}，并希望区政府{RENAME}。", CLOSE],
    "xuyao-lingwai": [f"今年汛期形势严峻，需要区政府{FUNDS}。另外，还需要区政府{RENAME}。", "以上事项请审批。"],
    "enumerated": [f"一、关于围墙维修。城关小学围墙年久失修，存在倒塌隐患。请区政府{FUNDS}。",
                   f"二、关于实验中学更名。城区实验中学已完成高中部剥离。请区政府{RENAME}。", "以上两项，妥否，请批示。"],
}


@pytest.mark.parametrize("paragraphs", TWO_ASKS.values(), ids=TWO_ASKS.keys())
def test_two_unrelated_asks_are_two_matters_however_joined(paragraphs):
    items = request_items(make_document([HEAD, *paragraphs]))
    assert len(items) == 2, [item.text for item in items]
    assert "围墙维修资金" in items[0].text and "更名为城区第一中学" in items[1].text


@pytest.mark.parametrize("paragraphs", [
    pytest.param(["为降低病媒生物密度，我局拟于今年开展全区病媒生物防制专项行动，具体安排如下：", "（一）4月完成全区摸底调查；",
                  "（二）5月至9月开展集中消杀；", "（三）10月组织总结验收。", "所需经费25万元，请予审批。"], id="plan-with-sub-items"),
    pytest.param(["经清点，需更新课桌椅600套，共需资金31.2万元。我局拟从年度部门预算中调剂解决上述资金，"
                  "并在暑假期间完成采购和安装，确保秋季开学正常使用。", CLOSE], id="one-purchase-and-its-schedule"),
    pytest.param(["为保障师生安全，恳请区政府批准实施城关小学围墙改造工程，并拨付该工程建设资金12万元，其中拆除2万元、"
                  "新建10万元。", CLOSE], id="one-project-with-budget-lines"),
])
def test_one_matter_with_its_parts_stays_one(paragraphs):
    items = request_items(make_document([HEAD, *paragraphs]))
    assert len(items) == 1, [item.text for item in items]


def test_closing_over_several_matters_is_no_matter_of_its_own():
    items = request_items(make_document([HEAD, *TWO_ASKS["xuyao-lingwai"]]))
    assert not any("以上事项" in item.text for item in items)


def test_an_ask_in_a_later_piece_is_not_folded_into_the_piece_before():
    items = request_items(make_document([
        HEAD, "一、关于购置环卫车辆。现有车辆老化。拟购置洗扫车4辆，共需资金486万元，请区政府安排购置资金。",
        "二、关于增设临时停车场。城区停车难问题突出。经排查，永安街东段闲置空地可用于设置临时停车场。"
        "请区政府批准利用上述地块增设临时停车场。", CLOSE]))
    assert len(items) == 2 and "临时停车场" in items[1].text


@pytest.mark.parametrize(("paragraphs", "key"), [
    pytest.param(["为提升疾病预防控制能力，拟于2024年7月1日", "起启用新址，原址房屋按规定移交区机关事务服务中心统一管理。", CLOSE],
                 "启用新址", id="ask-wrapped-by-a-hard-line-break"),
    pytest.param(["为展示非遗保护成果，我局拟于2024年5月18日至20日在城区古书院矿工业遗址公园举办非遗文化节。",
                  "活动经费共需45.6万元，其中舞台搭建21.3万元、展位搭建12.8万元。", "特此请示，请予批准。"],
                 "举办非遗文化节", id="plan-with-long-time-and-place"),
    pytest.param(["街道现有日间照料中心3个，功能单一。中心拟设置托养床位40张，实行公建民营。",
                  "拟将该中心命名为城区上站街道嵌入式养老服务中心，作为区级养老服务设施管理。请批准设立。", CLOSE],
                 "命名为城区上站街道嵌入式养老服务中心", id="bare-request-for-the-sentence-before"),
])
def test_the_item_is_the_sentence_that_names_the_matter(paragraphs, key):
    (item,) = request_items(make_document([HEAD, *paragraphs]))
    assert key in item.text.replace("\n", "")


# --- property: however the asks are cued and joined, the count stays --------------------------

CUES = ["请区政府", "恳请区政府", "特申请区政府", "需要区政府", "希望区政府"]
JOINS = ["。同时，{cue}{ask}。", "。另外，还{cue}{ask}。", "，并{cue}{ask}。", "。此外，{cue}{ask}。"]
ASKS = [FUNDS, RENAME, "同意我局招聘临时护堤员20名", "批准在东城社区新建全民健身广场一处"]
CLOSINGS = [CLOSE, "以上事项请审批。", "特此请示，请予批准。", "以上请示，当否，请批示。"]


@settings(max_examples=40, deadline=2000, derandomize=True, database=None)
@given(cues=st.tuples(st.sampled_from(CUES), st.sampled_from(CUES)), join=st.sampled_from(JOINS),
       asks=st.permutations(ASKS), closing=st.sampled_from(CLOSINGS))
def test_two_unrelated_asks_count_two_however_cued_and_joined(cues, join, asks, closing):
    body = f"{cues[0]}{asks[0]}" + join.format(cue=cues[1], ask=asks[1])
    items = request_items(make_document([HEAD, body, closing]))
    assert len(items) == 2, (body, [item.text for item in items])


def test_the_title_names_the_matter_the_body_only_refers_to():
    """「现将方案报上，请予审批」 names nothing; the title names the matter. Where the money comes from
    (拟通过申请中央资金解决) is no matter of its own."""
    from tests.extractors.fields.conftest import with_elements

    title = "区住建局关于审批老旧小区改造实施方案的请示"
    body = ["我局拟购置改造设备10台，预计需资金54万元。", "拟通过申请中央专项资金解决。", "现将方案报上，请予审批。"]
    doc = with_elements(make_document([title, HEAD, *body]), title=[title], recipients=[HEAD], body=body)
    (item,) = request_items(doc)
    assert item.subject == "审批老旧小区改造实施方案"


def test_one_item_under_a_title_of_joined_parts_keeps_the_title_wording():
    """The subject of the one item of 「关于新建体育馆并配套停车场的请示」 is the title's matter as written,
    joining word included, not its parts glued together."""
    from tests.extractors.fields.conftest import with_elements

    title = "区体育局关于新建体育馆并配套停车场的请示"
    body = ["为满足群众健身需求，我局拟新建区体育馆一座，配套建设停车场，总投资3000万元。", "妥否，请批示。"]
    doc = with_elements(make_document([title, HEAD, *body]), title=[title], recipients=[HEAD], body=body)
    (item,) = request_items(doc)
    assert item.subject == "新建体育馆并配套停车场"

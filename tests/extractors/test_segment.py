import pytest

from gongwen.extractors.normalize import normalize
from gongwen.extractors.segment import get_segmenter, segment
from gongwen.pipeline.model import Block, RawDocument


def document(text: str):
    return normalize(RawDocument(path="t.txt", format="txt", blocks=tuple(Block("para", line) for line in text.split("\n"))))


@pytest.fixture(scope="module")
def segmenter():
    return get_segmenter()


def test_segmenter_is_created_once(segmenter):
    assert get_segmenter() is segmenter


def test_posts_stay_one_token(segmenter):
    # Guards the spaCy config: outside "nlp" the tokenizer silently falls back to characters.
    words = [token.text for token in segmenter.nlp("区政府常务副区长主持召开区长办公会议")]
    assert "常务副区长" in words
    assert "区长办公会议" in words


def test_tokens_carry_offsets_into_the_text():
    doc = segment(document("东安区人民政府\n关于印发《工作规则》的通知"))
    assert doc.tokens
    for token in doc.tokens:
        assert doc.text[token.start:token.end] == token.text
    assert "\n" not in [token.text for token in doc.tokens]


def test_entities_for_organs_posts_doc_types_and_people():
    text = "义井镇人民政府、各街道办事处：\n经区政府常务副区长审定，区财政局会同工业和信息化部办理。联系人：张某某。签发人：李克强\n关于增加编制的请示报告"
    doc = segment(document(text), roster_names=["韩某某"])
    found = {(entity.label, entity.text) for entity in doc.entities}
    assert {("ORG", "义井镇人民政府"), ("ORG", "区财政局"), ("ORG", "工业和信息化部")} <= found
    assert ("POST", "常务副区长") in found
    assert ("PERSON", "张某某") in found and ("PERSON", "李克强") in found
    assert ("DOCTYPE", "请示报告") in found
    for entity in doc.entities:
        assert doc.text[entity.start:entity.end] == entity.text


def test_roster_names_are_people_and_idioms_are_not():
    doc = segment(document("经韩某某同意，各部门要一劳永逸地解决问题。"), roster_names=["韩某某"])
    people = [entity.text for entity in doc.entities if entity.label == "PERSON"]
    assert people == ["韩某某"]


def test_only_the_regions_outside_the_body_are_segmented():
    from dataclasses import replace

    from gongwen.extractors.fields import extract

    text = "阳泉市城区教育局关于申请校舍维修资金的请示\n区人民政府：\n我局所属小学校舍老化，恳请拨付维修资金。\n妥否，请批示。\n阳泉市城区教育局\n2024年3月5日"
    located = extract(document(text))
    body = located.structure.span("body")
    assert body is not None

    doc = segment(located)

    assert doc.tokens and all(t.end <= body.start or t.start >= body.end for t in doc.tokens)
    assert ("ORG", "阳泉市城区教育局") in {(e.label, e.text) for e in doc.entities}
    assert all(doc.text[e.start:e.end] == e.text for e in doc.entities)
    whole = segment(replace(located, structure=replace(located.structure, elements={})))
    assert any(body.start <= t.start < body.end for t in whole.tokens)

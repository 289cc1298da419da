"""Every extracted field says where it is written, what read it and how sure extraction is of it."""
from __future__ import annotations

import dataclasses
import json

from click.testing import CliRunner

from gongwen.extractors.fields import document_fields, extract
from gongwen.extractors.fields.approval import read_approval
from gongwen.extractors.fields.doc_type import BASIS_CONFIDENCE, read_doc_type
from gongwen.extractors.fields.provenance import METADATA_CONFIDENCE, UNSCORED_ELEMENT_CONFIDENCE, field_provenance
from gongwen.pipeline.cli import main
from gongwen.pipeline.model import Fields
from gongwen.pipeline.runner import process_path
from gongwen.reports.json_report import fields_from_dict, fields_to_dict, provenance_to_dict

REQUEST = [
    "东财发〔2024〕3号",
    "东安区财政局关于申请办公经费的请示",
    "东安区人民政府：",
    "我局现有办公设备老化，恳请区政府拨付办公经费10万元。",
    "妥否，请批示。",
    "附件：1．经费测算表",
    "东安区财政局",
    "2024年3月8日",
    "（联系人：王某某，电话：0451-12345678）",
    "抄送：区审计局。",
    "东安区财政局办公室　　2024年3月8日印发",
]


def _compact(text: str) -> str:
    return "".join(text.split())


def test_every_non_empty_field_has_provenance_whose_span_holds_its_value(make_document):
    doc = extract(make_document(REQUEST))
    fields, provenance = doc.fields, doc.fields.provenance
    non_empty = {f.name for f in dataclasses.fields(Fields) if f.name != "provenance" and getattr(fields, f.name)}
    assert {"doc_type", "title", "issuer", "doc_number", "date", "date_text", "recipients", "attachments",
            "contact", "cc", "printed_by", "printed_date", "request_items"} <= non_empty
    assert set(provenance) == non_empty
    for name, value in (("title", fields.title), ("doc_number", fields.doc_number), ("date_text", fields.date_text),
                        ("recipients", fields.recipients[0]), ("issuer", fields.issuer[0]),
                        ("cc", fields.cc[0]), ("contact", fields.contact.phone)):
        entry = provenance[name]
        assert _compact(value) in _compact(doc.text[entry.start:entry.end]), name
    assert provenance["title"].producer == "labeller:title"
    assert provenance["issuer"].producer == "labeller:signature"
    assert provenance["contact"].producer == "labeller:note"
    assert provenance["attachments"].producer == "labeller:attachment_note"
    items = provenance["request_items"]
    assert (items.producer, items.start, items.end) == \
        ("request_items", fields.request_items[0].start, fields.request_items[-1].end)


def test_an_element_without_a_labeller_score_counts_the_defined_default(make_document):
    plain = extract(make_document(REQUEST))
    located = dataclasses.replace(plain, structure=dataclasses.replace(plain.structure, confidence={}))
    fields = document_fields(located)
    provenance = field_provenance(located, fields, read_doc_type(located), read_approval(located))
    assert {entry.confidence for entry in provenance.values() if entry.producer.startswith("labeller:")} \
        == {UNSCORED_ELEMENT_CONFIDENCE}


def test_the_labellers_lowest_score_over_an_elements_spans_is_the_fields_confidence(make_document):
    plain = extract(make_document(REQUEST))
    title_spans = plain.structure.elements["title"]
    scored = dataclasses.replace(plain.structure, confidence={"title": (0.9,) * (len(title_spans) - 1) + (0.35,),
                                                               "recipients": (0.97,)})
    located = dataclasses.replace(make_document(REQUEST), structure=scored)
    fields = document_fields(located)
    provenance = field_provenance(located, fields, read_doc_type(located), read_approval(located))
    assert provenance["title"].confidence == 0.35
    assert provenance["recipients"].confidence == 0.97
    # the 文种 read from an unsure title is no surer than the title
    assert provenance["doc_type"].producer == "doc_type:title"
    assert provenance["doc_type"].confidence == 0.35


def test_a_doc_type_told_only_by_a_weak_phrase_is_low_confidence(make_document):
    weak = read_doc_type(extract(make_document(["区教育局：", "你局报来的材料收悉。经研究，同意你局意见。", "此复。"])))
    assert (weak.value, weak.basis) == ("批复", "body_phrases_weak")
    assert weak.confidence == BASIS_CONFIDENCE["body_phrases_weak"] < 0.6
    strong = read_doc_type(extract(make_document(["区人民政府：", "我局拟购置办公设备。", "特此请示。"])))
    assert (strong.value, strong.basis) == ("请示", "body_phrases")
    doc = extract(make_document(["区教育局：", "你局报来的材料收悉。经研究，同意你局意见。", "此复。"]))
    entry = doc.fields.provenance["doc_type"]
    assert entry.producer == "doc_type:body_phrases_weak"
    assert doc.text[entry.start:entry.end] == "此复"  # the phrase it was decided on


def test_a_doc_type_named_by_the_title_is_sure(make_document):
    doc = extract(make_document(REQUEST))
    assert doc.fields.provenance["doc_type"].producer == "doc_type:title"
    assert doc.fields.provenance["doc_type"].confidence == \
        min(BASIS_CONFIDENCE["title"], doc.fields.provenance["title"].confidence)


def test_a_title_from_the_page_metadata_says_so(make_document):
    doc = make_document(["各区人民政府：", "现将有关事项通知如下。"], fmt="html")
    raw = dataclasses.replace(doc.raw, meta={"page_metadata": {"标题": "关于做好春季防火工作的通知", "发布时间": "2024-03-01"}})
    extracted = extract(dataclasses.replace(doc, raw=raw))
    assert extracted.fields.title == "关于做好春季防火工作的通知"
    entry = extracted.fields.provenance["title"]
    assert (entry.producer, entry.confidence, entry.start) == ("page_metadata", METADATA_CONFIDENCE["page_metadata"], None)


def test_the_approval_record_carries_the_readers_source_confidence_and_block_span(make_document):
    lines = ["发文稿纸", "拟稿：张某某　3月1日", "签发：韩某某　同意　2024年3月5日", *REQUEST]
    doc = extract(make_document(lines))
    assert doc.fields.approval
    entry = doc.fields.provenance["approval"]
    assert entry.producer == "approval:text"
    assert entry.confidence >= 0.9  # a titled form before the 版头
    assert doc.text[entry.start:entry.end].startswith("发文稿纸") and "韩某某" in doc.text[entry.start:entry.end]


def test_the_runner_maps_provenance_to_the_text_as_written(tmp_path):
    written = ["东财发〔2024〕3号", "东安区财政局关于申请办公  经费的请示", *REQUEST[2:]]
    path = tmp_path / "请示.txt"
    path.write_text("\n".join(written), encoding="utf-8")
    result = process_path(path)
    original = "\n".join(written)
    title = result.fields.provenance["title"]
    assert original[title.start:title.end] == written[1]  # the two blanks are in the original offsets
    date = result.fields.provenance["date_text"]
    assert original[date.start:date.end] == "2024年3月8日"


def test_extract_json_shows_provenance_per_field_and_reads_back(tmp_path):
    path = tmp_path / "请示.txt"
    path.write_text("\n".join(REQUEST), encoding="utf-8")
    output = CliRunner().invoke(main, ["extract", str(path), "--format", "json"]).stdout
    document = json.loads(output)["documents"][0]
    assert "provenance" not in document["fields"]
    title = document["provenance"]["title"]
    assert (title["producer"], title["start"], title["end"]) == ("labeller:title", 12, 29)
    assert 0 <= title["confidence"] <= 1
    assert set(document["provenance"]) == {name for name, value in document["fields"].items() if value}
    fields = process_path(path).fields
    stored = {**fields_to_dict(fields), "provenance": provenance_to_dict(fields)}
    assert fields_from_dict(stored).provenance == fields.provenance


def test_a_value_no_element_holds_but_the_metadata_does_comes_from_the_metadata(make_document):
    doc = extract(make_document(["关于做好春季防火工作的通知", "各区人民政府：", "现将有关事项通知如下。", "张某某", "2024年3月1日"], fmt="html"))
    raw = dataclasses.replace(doc.raw, meta={"page_metadata": {"发文机关": "某某市人民政府办公厅"}})
    located = dataclasses.replace(doc, raw=raw)
    fields = dataclasses.replace(doc.fields, issuer=("某某市人民政府办公厅",))
    provenance = field_provenance(located, fields, read_doc_type(located), read_approval(located))
    assert provenance["issuer"].producer == "page_metadata"
    assert provenance["title"].producer == "labeller:title"


def test_request_items_are_as_sure_as_the_body_spans_holding_them(make_document):
    doc = extract(make_document(REQUEST))
    (body,) = doc.structure.elements["body"]
    first_ask = doc.fields.request_items[0].start
    halves = (dataclasses.replace(body, end=first_ask - 1), dataclasses.replace(body, start=first_ask - 1))
    structure = dataclasses.replace(doc.structure, elements={**doc.structure.elements, "body": halves},
                                    confidence={**doc.structure.confidence, "body": (0.2, 0.9)})
    located = dataclasses.replace(doc, structure=structure)
    provenance = field_provenance(located, doc.fields, read_doc_type(located), read_approval(located))
    assert provenance["request_items"].confidence == 0.9

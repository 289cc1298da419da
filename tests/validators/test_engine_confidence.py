"""A finding resting on a field extraction could not read reliably is a 疑似 warning that says what
could not be read, never a confident error; every finding names the fields it rests on."""
from __future__ import annotations

import dataclasses
import json

from click.testing import CliRunner

from gongwen.pipeline.cli import main
from gongwen.pipeline.model import Evidence, Provenance
from gongwen.pipeline.runner import process_path
from gongwen.validators.engine import (
    CONFIDENCE_THRESHOLDS, DEFAULT_CONFIDENCE_THRESHOLD, confidence_threshold, validate,
)
from gongwen.validators.registry import CHECKS, KINDS, load_builtins

HYBRID = ["区教育局关于调整学区划分的请示报告", "区人民政府：", "请批准。"]
TWO_RECIPIENTS = ["区教育局关于增加学位的请示", "区人民政府、区财政局：", "恳请批准增加学位。", "特此请示。"]


def _read_as(doc, **provenance: Provenance):
    return dataclasses.replace(doc, fields=dataclasses.replace(doc.fields, provenance=provenance))


def _by_rule(findings) -> dict:
    return {finding.rule: finding for finding in findings}


def test_a_finding_on_an_unsure_title_is_a_suspected_warning_saying_the_title_could_not_be_read(make_doc, pack):
    doc = make_doc(HYBRID, {"title": HYBRID[0], "doc_type": "请示"}, elements={"title": HYBRID[0]})
    unsure = _read_as(doc, title=Provenance("labeller:title", 0.3, 0, len(HYBRID[0])))
    finding = _by_rule(validate(unsure, pack("national")))["doctype.invalid"]
    assert finding.severity == "warning"
    assert finding.message.startswith("疑似")
    assert finding.message.endswith("（未能可靠识别本文的标题，此项判断可能有误，请人工核实）")
    assert finding.evidence == (Evidence("title", "labeller:title", 0.3, 0, len(HYBRID[0])),)


def test_the_same_finding_on_a_title_read_surely_stays_an_error(make_doc, pack):
    doc = make_doc(HYBRID, {"title": HYBRID[0], "doc_type": "请示"}, elements={"title": HYBRID[0]})
    sure = _read_as(doc, title=Provenance("labeller:title", 0.9, 0, len(HYBRID[0])))
    finding = _by_rule(validate(sure, pack("national")))["doctype.invalid"]
    assert finding.severity == "error"
    assert "未能可靠识别" not in finding.message and not finding.message.startswith("疑似")


def test_a_rule_for_one_doc_type_rests_on_the_doc_type(make_doc, pack):
    fields = {"title": TWO_RECIPIENTS[0], "doc_type": "请示", "recipients": ["区人民政府", "区财政局"]}
    doc = make_doc(TWO_RECIPIENTS, fields, elements={"recipients": TWO_RECIPIENTS[1]})
    recipients, phrase = doc.text.index(TWO_RECIPIENTS[1]), doc.text.index("特此请示")
    weak = _read_as(doc, recipients=Provenance("labeller:recipients", 0.9, recipients, recipients + 11),
                    doc_type=Provenance("doc_type:body_phrases_weak", 0.4, phrase, phrase + 4))
    finding = _by_rule(validate(weak, pack("national")))["request.single-recipient"]
    assert [item.field for item in finding.evidence] == ["recipients", "doc_type"]
    assert finding.severity == "warning"
    assert "（未能可靠识别本文的文种，" in finding.message


def test_a_finding_about_an_absent_field_stays_as_it_is(make_doc, pack):
    lines = ["区教育局文件", "区教〔2024〕3号", "区教育局关于增加学位的请示", "区人民政府：", "特此请示。"]
    fields = {"title": lines[2], "doc_type": "请示", "doc_number": lines[1], "recipients": ["区人民政府"]}
    doc = _read_as(make_doc(lines, fields), doc_number=Provenance("labeller:doc_number", 0.9, 7, 16),
                   doc_type=Provenance("doc_type:title", 0.9, 17, 30))
    finding = _by_rule(validate(doc, pack("national")))["request.signer-missing"]
    assert finding.severity == "error"
    assert Evidence("signer", None, None) in finding.evidence


def test_one_table_of_thresholds():
    assert confidence_threshold("approval") == CONFIDENCE_THRESHOLDS["approval"]
    assert confidence_threshold("title") == DEFAULT_CONFIDENCE_THRESHOLD


def test_kinds_derive_the_fields_they_rest_on_from_their_parameters(pack):
    load_builtins()
    national = pack("national")
    number = national.rules["docnumber.format"]
    assert KINDS["pattern"].rested_on(number.options) == ("doc_number",)
    contact = national.rules["request.contact-missing"]
    assert KINDS["required_fields"].rested_on(contact.options) == ("contact.name", "contact.phone")
    assert CHECKS["date.format"].rested_on(None) == ("date_text",)


def test_a_hit_names_its_own_fields_where_they_differ_from_its_checks(make_doc, pack):
    title = "区教育局关于增设学校并追加经费的请示"
    doc = _read_as(make_doc([title, "区人民政府：", "特此请示。"], {"title": title, "doc_type": "请示"}),
                   title=Provenance("labeller:title", 0.9, 0, len(title)),
                   doc_type=Provenance("doc_type:title", 0.9, 0, len(title)))
    finding = _by_rule(validate(doc, pack("national")))["request.one-matter"]
    assert [item.field for item in finding.evidence] == ["title", "doc_type"]  # not request_items


def test_evidence_points_at_the_text_as_written_in_json_and_sarif(tmp_path):
    written = ["区教育局关于调整学区划分的请示  报告", "区人民政府：", "请批准。", "区教育局", "2024年3月8日"]
    path = tmp_path / "请示报告.txt"
    path.write_text("\n".join(written), encoding="utf-8")
    finding = _by_rule(process_path(path, pack=_national()).findings)["doctype.invalid"]
    title = next(item for item in finding.evidence if item.field == "title")
    assert "\n".join(written)[title.start:title.end] == written[0]  # the blanks are in the original offsets
    output = CliRunner().invoke(main, ["check", str(path), "--rules", "national", "--format", "json"]).stdout
    (document,) = json.loads(output)["documents"]
    reported = next(f for f in document["findings"] if f["rule"] == "doctype.invalid")
    assert {"field": "title", "producer": title.producer, "confidence": title.confidence,
            "start": title.start, "end": title.end} in reported["evidence"]
    sarif = CliRunner().invoke(main, ["check", str(path), "--rules", "national", "--format", "sarif"]).stdout
    results = json.loads(sarif)["runs"][0]["results"]
    assert any(result["properties"]["evidence"] == reported["evidence"]
               for result in results if result["ruleId"] == "doctype.invalid")


def _national():
    from gongwen.validators.packs import load_pack

    return load_pack("national")

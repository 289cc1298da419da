"""Findings on text read by OCR: 疑似 warnings, never confident errors, where the reading may be wrong."""
from __future__ import annotations

import dataclasses

from gongwen.pipeline.model import Document
from gongwen.validators.engine import OCR_LOW_CONFIDENCE, validate

LINES = ["国发[2024]5号", "国务院关于调整社区网格划分的请示报告", "各省、自治区、直辖市人民政府："]
FIELDS = {"doc_number": "国发[2024]5号", "title": LINES[1]}


def _read_by_ocr(doc: Document, confidences: list[float]) -> Document:
    blocks = tuple(dataclasses.replace(block, confidence=confidence)
                   for block, confidence in zip(doc.raw.blocks, confidences))
    raw = dataclasses.replace(doc.raw, blocks=blocks, meta={"ocr": True, "ocr_engine": "rapidocr-onnxruntime"})
    return dataclasses.replace(doc, raw=raw)


def _by_rule(findings) -> dict:
    return {finding.rule: finding for finding in findings}


def test_text_layer_findings_stay_errors(make_doc, pack):
    findings = _by_rule(validate(make_doc(LINES, FIELDS), pack("dongan")))
    assert findings["docnumber.format"].severity == "error"
    assert findings["doctype.invalid"].severity == "error"


def test_a_format_rule_on_ocr_text_is_a_suspected_warning_even_when_read_confidently(make_doc, pack):
    doc = _read_by_ocr(make_doc(LINES, FIELDS), [0.99, 0.99, 0.99])
    findings = _by_rule(validate(doc, pack("dongan")))
    number = findings["docnumber.format"]
    assert number.severity == "warning"
    assert number.message.startswith("疑似发文字号不规范：“国发[2024]5号”")
    assert "文字识别（OCR）" in number.message and "〔〕" in number.message
    # a rule that does not rest on brackets keeps its error where the text was read confidently
    assert findings["doctype.invalid"].severity == "error"
    assert not findings["doctype.invalid"].message.startswith("疑似")


def test_any_error_on_a_low_confidence_block_is_a_suspected_warning_naming_the_text(make_doc, pack):
    doc = _read_by_ocr(make_doc(LINES, FIELDS), [0.99, OCR_LOW_CONFIDENCE - 0.3, 0.99])
    finding = _by_rule(validate(doc, pack("dongan")))["doctype.invalid"]
    assert finding.severity == "warning"
    assert finding.message.startswith("疑似")
    assert "“国务院关于调整社区网格划分的请示报告”一段识别可信度较低（60%）" in finding.message
    assert finding.excerpt == "请示报告"  # still points at the text it concerns


def test_ocr_doubt_and_a_rule_s_own_doubt_give_one_prefix(make_doc, pack):
    doc = _read_by_ocr(make_doc(LINES, FIELDS), [0.5, 0.5, 0.5])
    for finding in validate(doc, pack("dongan")):
        assert not finding.message.startswith("疑似疑似")
        assert finding.severity != "error" or finding.location is None


def test_something_missing_from_an_ocr_read_document_is_only_suspected(make_doc, pack):
    lines = ["东财发〔2024〕3号", "东安区财政局关于申请办公经费的请示", "东安区人民政府：", "请拨付办公经费。", "妥否，请批示。", "东安区财政局",
             "2024年3月8日"]
    fields = {"doc_type": "请示", "title": lines[1], "doc_number": lines[0], "issuer": ("东安区财政局",), "recipients": ("东安区人民政府",),
              "date": "2024-03-08", "date_text": "2024年3月8日"}
    text_layer = _by_rule(validate(make_doc(lines, fields), pack("dongan")))
    assert text_layer["request.signer-missing"].severity == "error"

    scanned = _by_rule(validate(_read_by_ocr(make_doc(lines, fields), [0.99] * len(lines)), pack("dongan")))
    missing = scanned["request.signer-missing"]
    assert missing.severity == "warning"
    assert missing.message.startswith("疑似") and "漏识别" in missing.message

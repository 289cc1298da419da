import dataclasses

from gongwen.pipeline.model import Location
from gongwen.validators.engine import validate


def test_finding_carries_everything_an_emitter_needs(make_doc, pack):
    doc = make_doc(["国发[2024]5号", "国务院关于进一步优化营商环境的通知"], {"doc_number": "国发[2024]5号"})
    (finding,) = [f for f in validate(doc, pack("dongan")) if f.rule == "docnumber.format"]
    assert finding.severity == "error"
    assert finding.message == "发文字号不规范：“国发[2024]5号”年份应用六角括号“〔〕”括入，不用方括号、圆括号等。"
    assert finding.location == Location(block=0, page=1, start=0, end=10)
    assert finding.excerpt == "国发[2024]5号"
    assert finding.suggestion == "国发〔2024〕5号"
    assert finding.source.article == "7.2.5"
    assert finding.pack == "dongan"


def test_locations_map_to_the_original_text(make_doc, pack):
    # the original had two spaces the normalizer dropped; offsets must point at the text as written
    doc = make_doc(["关于调整社区网格划分的请示报告"], {"title": "关于调整社区网格划分的请示报告"})
    original = "关于调整社区网格划分的  请示报告"
    offset_map = tuple(range(11)) + tuple(i + 2 for i in range(11, len(doc.text) + 1))
    doc = dataclasses.replace(doc, original=original, offset_map=offset_map)
    (finding,) = [f for f in validate(doc, pack()) if f.rule == "doctype.invalid"]
    assert original[finding.location.start:finding.location.end] == "请示报告"
    assert finding.excerpt == "请示报告"


def test_findings_sorted_by_position_and_unplaced_last(make_doc, pack):
    lines = ["城区卫健发[2024]06号", "阳泉市城区卫生健康局关于增设东城社区卫生服务站的请示报告", "王副区长：",
             "拟增设卫生服务站一处。妥否，请批示。", "2024年03月05日"]
    doc = make_doc(lines, {"doc_type": "请示", "doc_number": "城区卫健发[2024]06号",
                           "title": lines[1], "recipients": ["王副区长"], "date_text": "2024年03月05日",
                           "issuer": ["阳泉市城区卫生健康局"]},
                   approval=[{"role": "签发", "name": "赵某某", "post": "副局长", "date": "2024-03-04"}])
    findings = validate(doc, pack())
    rules = [f.rule for f in findings]
    assert rules[:2] == ["docnumber.format", "request.signer-missing"]
    assert {"doctype.invalid", "request.to-individual", "date.format", "request.contact-missing"} <= set(rules)
    assert rules[-1] == "signature.chain" and findings[-1].location is None
    placed = [f.location.start for f in findings if f.location]
    assert placed == sorted(placed)


def test_uncertain_hits_are_warnings_starting_with_yisi(make_doc, pack):
    title = "区教育局关于新建北山小学并调整学区划分的请示"
    doc = make_doc([title, "区人民政府：", "拟新建北山小学一所，并相应调整学区划分。妥否，请批示。"],
                   {"doc_type": "请示", "title": title, "request_items": ["拟新建北山小学一所"]})
    (finding,) = [f for f in validate(doc, pack()) if f.rule == "request.one-matter"]
    assert finding.severity == "warning"
    assert finding.message.startswith("疑似一文多事")


def test_rule_applies_only_to_its_doc_types(make_doc, pack):
    doc = make_doc(["关于做好防汛工作的通知", "王副区长：", "请做好防汛工作。"],
                   {"doc_type": "通知", "recipients": ["王副区长"]})
    assert not [f for f in validate(doc, pack()) if f.rule.startswith("request.")]


def _break_rule(monkeypatch, rule_id: str) -> None:
    from gongwen.validators import registry

    def broken(ctx, params):
        raise ZeroDivisionError

    registry.load_builtins()
    monkeypatch.setitem(registry.CHECKS, rule_id, dataclasses.replace(registry.CHECKS[rule_id], run=broken))


def test_a_crashing_rule_is_an_error_naming_the_rule_and_the_others_still_run(make_doc, pack, monkeypatch):
    _break_rule(monkeypatch, "date.format")
    doc = make_doc(["国发[2024]5号", "2024年09月08日"], {"doc_number": "国发[2024]5号", "date_text": "2024年09月08日"})
    findings = validate(doc, pack())
    (failed,) = [f for f in findings if f.rule == "date.format"]
    assert failed.severity == "error"
    assert "程序缺陷" in failed.message and "“date.format”" in failed.message and "反馈" in failed.message
    assert any(f.rule == "docnumber.format" for f in findings)


def test_a_crashing_rule_fails_the_gate_and_shows_in_json_and_sarif(tmp_path, monkeypatch):
    import json

    from gongwen.pipeline.cli import exit_code
    from gongwen.pipeline.runner import process_path
    from gongwen.reports.base import ReportContext, load_builtins
    from gongwen.validators.packs import load_pack

    _break_rule(monkeypatch, "date.format")
    draft = tmp_path / "draft.txt"
    draft.write_text("区教育局关于做好秋季开学工作的通知\n各学校：\n请做好开学准备。\n区教育局\n2024年9月8日\n", encoding="utf-8")
    pack = load_pack("national")
    results = [process_path(draft, None, pack, keep_document=True)]
    assert results[0].status == "ok"
    assert exit_code(results, "error") == 1
    context = ReportContext(command="check", tool_version="0", pack=pack, extra={"base_dir": str(tmp_path)})
    emitters = load_builtins()
    (shown,) = [f for f in json.loads(emitters["json"](results, context))["documents"][0]["findings"]
                if f["rule"] == "date.format"]
    assert shown["severity"] == "error" and "程序缺陷" in shown["message"]
    sarif = json.loads(emitters["sarif"](results, context))
    (level,) = [r["level"] for r in sarif["runs"][0]["results"] if r["ruleId"] == "date.format"]
    assert level == "error"


def test_empty_document_is_fine(make_doc, pack):
    for name in ("national", "yangquan-chengqu", "qianjin"):
        assert validate(make_doc([""]), pack(name)) == ()


def test_a_crashing_rule_is_neither_suppressed_nor_baselined(tmp_path, monkeypatch):
    from gongwen.pipeline.baseline import apply_baseline, write_baseline
    from gongwen.pipeline.config import Suppression
    from gongwen.pipeline.runner import process_path
    from gongwen.pipeline.suppressions import apply_suppressions
    from gongwen.validators.packs import load_pack

    draft = tmp_path / "draft.txt"
    draft.write_text("区教育局关于做好秋季开学工作的通知\n各学校：\n请做好开学准备。\n区教育局\n2024年09月08日\n", encoding="utf-8")
    pack = load_pack("national")
    recorded = tmp_path / "baseline.json"
    write_baseline([process_path(draft, None, pack)], recorded, pack.name)  # date.format recorded while it worked

    _break_rule(monkeypatch, "date.format")
    results = [process_path(draft, None, pack)]
    suppressed, _ = apply_suppressions(results, [Suppression(rule="date.format", path="*.txt")])
    baselined = apply_baseline(results, recorded).results
    for kept in (suppressed, baselined):
        assert [f.severity for f in kept[0].findings if f.rule == "date.format"] == ["error"]

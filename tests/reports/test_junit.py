from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from report_samples import clean_result, error_result, hostile_result, make_document, request_result

from gongwen.pipeline.model import DocResult, Finding, Location
from gongwen.reports.base import ReportContext
from gongwen.reports.junit import render_junit

CHECK = ReportContext(command="check", tool_version="0.1.0", fail_on="warning")


def _parse(results, context: ReportContext = CHECK) -> ET.Element:
    return ET.fromstring(render_junit(results, context).encode("utf-8"))


def _suite(root: ET.Element, path: str) -> ET.Element:
    return next(suite for suite in root.iter("testsuite") if suite.get("name") == path)


def test_one_suite_per_document_with_totals(results):
    root = _parse(results)
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == [result.path for result in results]
    assert root.get("tests") == str(sum(int(suite.get("tests")) for suite in suites))
    # 5 failing findings in each of the two 请示, 2 in the hostile file; the pdf is the one error
    assert root.get("failures") == "12" and root.get("errors") == "1"


def test_findings_are_testcases_named_by_rule_and_place():
    suite = _suite(_parse([request_result()]), "公文/东安区关于申请经费的请示.docx")
    cases = suite.findall("testcase")
    assert suite.get("tests") == "7" and suite.get("failures") == "5" and suite.get("errors") == "0"
    assert cases[0].get("name") == "request.one-matter @ 第4段 [56:76]"
    assert cases[0].get("classname") == "公文/东安区关于申请经费的请示_docx"
    assert cases[0].get("file") == "公文/东安区关于申请经费的请示.docx"
    failure = cases[0].find("failure")
    assert failure.get("type") == "request.one-matter"
    assert failure.get("message") == "请示应当一文一事，本件包含 2 项请示事项。"
    assert "原文：“申请办公经费20万元，并请求增加编制3名”" in failure.text
    assert "依据：《东安区人民政府工作规则》第五十八条：“请示应当一文一事”" in failure.text
    assert "建议：将“增加编制”另行请示。" in failure.text
    assert cases[-1].get("name") == "approval.missing-signer @ 全文"


def test_warnings_pass_when_the_gate_fails_on_errors_only():
    """check --fail-on error (the default): a warning does not fail the gate, so CI shows no failure for it."""
    result = request_result()
    gate_on_errors = dataclasses.replace(CHECK, fail_on="error")
    suite = _suite(_parse([result], gate_on_errors), "公文/东安区关于申请经费的请示.docx")
    failing = [case for case in suite.iter("testcase") if case.find("failure") is not None]
    errors = [finding for finding in result.findings if finding.severity == "error"]
    assert len(failing) == len(errors) and suite.get("failures") == str(len(errors))
    assert all(case.find("system-out") is not None for case in suite.iter("testcase") if case.find("failure") is None)


def test_info_findings_pass_with_their_text_in_system_out():
    suite = _suite(_parse([request_result()]), "公文/东安区关于申请经费的请示.docx")
    closing = next(case for case in suite.iter("testcase") if case.get("name").startswith("request.closing"))
    assert closing.find("failure") is None
    assert "request.closing 的问题说明" in closing.find("system-out").text


def test_clean_and_failed_documents():
    root = _parse([clean_result(), error_result()])
    [clean_case] = _suite(root, "通知/关于开展安全检查的通知.txt").findall("testcase")
    assert clean_case.get("name") == "未发现问题" and len(clean_case) == 0
    failed = _suite(root, "扫描件/会议纪要.pdf")
    assert failed.get("errors") == "1" and failed.get("tests") == "1"
    error = failed.find("testcase/error")
    assert error.get("type") == "no-text-layer"
    assert error.get("message").startswith("文件“会议纪要.pdf”没有文字层")


def test_repeated_names_stay_distinct():
    result = request_result()
    twice = dataclasses.replace(result, findings=(result.findings[0], result.findings[0]))
    names = [case.get("name") for case in _parse([twice]).iter("testcase")]
    assert names == ["request.one-matter @ 第4段 [56:76]", "request.one-matter @ 第4段 [56:76] #2"]


def test_hostile_and_control_characters_stay_well_formed_xml():
    document = make_document("坏/文件.txt", [("para", "标题\x0b含有垂直制表符\x00与<tag>&")], fmt="txt")
    finding = Finding("x.rule", "error", 'bad "quote" <b>&\x0c', Location(0, None, 0, 5), "标题\x0b含有",
                      None, "删除\x01")
    odd = DocResult("坏/文件.txt", "txt", "ok", findings=(finding,), document=document)
    root = _parse([odd, hostile_result()])
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == 'bad "quote" <b>&\ufffd'
    assert "标题\ufffd含有" in failure.text
    hostile = _suite(root, "恶意/<b>标题</b>&.txt")
    assert hostile.find("testcase/failure").get("message") == "标题含有异常字符 <script>"


def test_deterministic(results):
    assert render_junit(results, CHECK) == render_junit(list(results), CHECK)
    assert render_junit(results, CHECK).startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')

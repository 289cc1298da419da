from __future__ import annotations

import json
from urllib.parse import unquote

import pytest
from report_samples import SHARED, error_result, make_document, request_result

from gongwen.pipeline.model import DocResult
from gongwen.reports.base import ReportContext
from gongwen.reports.sarif import FINGERPRINT_KEY, line_column, render_sarif


def _context(tmp_path, pack=None) -> ReportContext:
    return ReportContext(command="check", tool_version="0.1.0", pack=pack, extra={"base_dir": str(tmp_path)})


def _under(tmp_path, result: DocResult) -> DocResult:
    """The same result with its path inside the repository root ``tmp_path``."""
    import dataclasses

    return dataclasses.replace(result, path=str(tmp_path / result.path))


def _sarif(results, context) -> dict:
    return json.loads(render_sarif(results, context))


@pytest.fixture
def log(tmp_path, results, pack) -> dict:
    return _sarif([_under(tmp_path, result) for result in results], _context(tmp_path, pack))


def test_valid_against_the_sarif_schema(log):
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip("shared SARIF schema not available")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, cls=jsonschema.Draft7Validator)


def test_run_header(log):
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "gongwen"
    assert run["tool"]["driver"]["version"] == "0.1.0"


def test_rules_come_from_the_pack_with_their_docs(log):
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted(ids)
    # every pack rule, and every rule that produced a finding
    assert {"docnumber.format", "request.one-matter", "approval.missing-signer"} <= set(ids)
    one_matter = rules[ids.index("request.one-matter")]
    assert one_matter["name"] == "RequestOneMatter"
    assert one_matter["shortDescription"]["text"] == "请示应当一文一事。"
    assert one_matter["defaultConfiguration"]["level"] == "error"
    assert "一文一事便于领导批办" in one_matter["fullDescription"]["text"]
    help_markdown = one_matter["help"]["markdown"]
    assert "**不合规示例**" in help_markdown and "现申请经费，并请求增加编制。（两项事项）" in help_markdown
    assert "doc\\_number：国发〔2024〕5号" in help_markdown
    assert "&lt;避免&gt;" in help_markdown  # rule text is escaped in Markdown too
    assert "依据：《东安区人民政府工作规则》第五十八条" in one_matter["help"]["text"]
    outside_pack = rules[ids.index("approval.missing-signer")]
    assert outside_pack["defaultConfiguration"]["level"] == "error"


def test_results_point_at_the_characters(log):
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_rule = {}
    for result in run["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        by_rule.setdefault((unquote(uri), result["ruleId"]), result)
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    one_matter = by_rule[("公文/东安区关于申请经费的请示.docx", "request.one-matter")]
    assert one_matter["level"] == "error"
    assert one_matter["message"]["text"].startswith("请示应当一文一事，本件包含 2 项请示事项。（依据：《东安区人民政府工作规则》第五十八条")
    location = one_matter["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "%E5%85%AC%E6%96%87/%E4%B8%9C%E5%AE%89%E5%8C%BA%E5%85%B3%E4%BA%8E%E7%94%B3%E8%AF%B7%E7%BB%8F%E8%B4%B9%E7%9A%84%E8%AF%B7%E7%A4%BA.docx",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"] == {"startLine": 4, "startColumn": 12, "endLine": 4, "endColumn": 32,
                                  "charOffset": 56, "charLength": 20}
    assert by_rule[("公文/东安区关于申请经费的请示.docx", "request.closing")]["level"] == "note"
    whole_document = by_rule[("公文/东安区关于申请经费的请示.docx", "approval.missing-signer")]
    assert whole_document["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


def test_without_document_text_lines_fall_back_and_offsets_are_kept(log):
    result = next(r for r in log["runs"][0]["results"]
                  if unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) == "无全文/请示副本.docx"
                  and r["ruleId"] == "request.one-matter")
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert result["properties"]["charOffset"] == 56 and result["properties"]["charLength"] == 20


def test_failed_documents_are_notifications(log):
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["descriptor"]["id"] == "no-text-layer"
    assert notification["message"]["text"].startswith("文件“会议纪要.pdf”没有文字层")
    uri = notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert unquote(uri) == "扫描件/会议纪要.pdf"
    assert all("扫描件" not in unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
               for r in log["runs"][0]["results"])


def test_fingerprints_are_unique_and_survive_moved_lines(tmp_path):
    moved = request_result()
    document = make_document(moved.path, [("para", "新增的一段说明文字。")] + [
        (block.kind, block.text) for block in moved.document.raw.blocks])
    shift = len("新增的一段说明文字。") + 1
    import dataclasses

    shifted_findings = tuple(
        dataclasses.replace(f, location=dataclasses.replace(f.location, start=f.location.start + shift,
                                                            end=f.location.end + shift, block=f.location.block + 1))
        if f.location else f for f in moved.findings)
    shifted = dataclasses.replace(moved, findings=shifted_findings, document=document)
    before = _sarif([_under(tmp_path, request_result())], _context(tmp_path))["runs"][0]["results"]
    after = _sarif([_under(tmp_path, shifted)], _context(tmp_path))["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after][0] == 5
    fingerprints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in before]
    assert len(set(fingerprints)) == len(fingerprints)
    assert fingerprints == [r["partialFingerprints"][FINGERPRINT_KEY] for r in after]


def test_identical_findings_in_one_file_get_distinct_fingerprints(tmp_path):
    import dataclasses

    result = request_result()
    twice = dataclasses.replace(result, findings=(result.findings[0], result.findings[0]))
    results = _sarif([_under(tmp_path, twice)], _context(tmp_path))["runs"][0]["results"]
    assert results[0]["partialFingerprints"] != results[1]["partialFingerprints"]


def test_paths_outside_the_root_become_file_uris(tmp_path):
    outside = error_result(path="/elsewhere/扫描件.pdf")
    ok = request_result(path="/elsewhere/请示.docx")
    log = _sarif([outside, ok], _context(tmp_path / "repo"))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "file:///elsewhere/%E8%AF%B7%E7%A4%BA.docx"}


def test_line_column_counts_code_points():
    text = "第一行\n😀二行文字"
    assert line_column(text, 0) == (1, 1)
    assert line_column(text, 4) == (2, 1)
    assert line_column(text, 6) == (2, 3)
    assert line_column(text, len(text)) == (2, 6)


def test_no_rules_section_without_pack_or_findings(tmp_path):
    log = _sarif([_under(tmp_path, error_result())], _context(tmp_path))
    assert "rules" not in log["runs"][0]["tool"]["driver"]
    assert log["runs"][0]["results"] == []


def test_deterministic(tmp_path, results, pack):
    moved = [_under(tmp_path, result) for result in results]
    assert render_sarif(moved, _context(tmp_path, pack)) == render_sarif(list(moved), _context(tmp_path, pack))

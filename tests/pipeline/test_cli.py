"""The `gongwen` command line, end to end through the real pipeline (click's in-process runner)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongwen.pipeline.cli import main

QINGSHI_TWO_MATTERS = """城区教育局关于申请校舍维修资金并增加编制的请示

区人民政府：
我局所属三所小学校舍老化，存在安全隐患。为保障师生安全，恳请区政府拨付校舍维修资金50万元。
同时，恳请区政府为我局增加事业编制2名。
妥否，请批示。

阳泉市城区教育局
2024年3月5日
（联系人：张某某，联系电话：0353-1234567）
"""

REPORT_CLEAN = """阳泉市城区教育局关于2023年教育工作情况的报告

区人民政府：
2023年，我局认真贯彻区委、区政府决策部署，各项工作稳步推进。全年新建校舍两处，完成教师培训1200人次。
特此报告。

阳泉市城区教育局
2024年1月15日
"""

DRAFT_WITH_PENALTY = """阳泉市城区犬只管理办法（征求意见稿）

第一条 为加强犬只管理，维护公共秩序，制定本办法。
第二条 在城区饲养犬只的，须经区公安分局审批，取得养犬许可证。
第三条 违反本办法第二条规定的，由区公安分局处500元以上2000元以下罚款。
"""

DRAFT_FIXED = """阳泉市城区犬只管理办法（征求意见稿）

第一条 为加强犬只管理，维护公共秩序，制定本办法。
第二条 在城区饲养犬只的，应当依照《山西省养犬管理条例》办理登记。
第三条 违反本办法规定的，依照《山西省养犬管理条例》有关规定处理。
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_extract_json_shape_and_every_file_has_a_status(tmp_path: Path) -> None:
    _write(tmp_path, "qingshi.txt", QINGSHI_TWO_MATTERS)
    (tmp_path / "empty.docx").write_bytes(b"")

    result = _invoke("extract", str(tmp_path), "--format", "json", "--jobs", "1")

    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["tool"]["name"] == "gongwen"
    by_name = {Path(d["path"]).name: d for d in report["documents"]}
    assert set(by_name) == {"qingshi.txt", "empty.docx"}
    qingshi = by_name["qingshi.txt"]
    assert qingshi["status"] == "ok" and qingshi["error"] is None
    assert qingshi["fields"]["doc_type"] == "请示"
    assert qingshi["fields"]["date"] == "2024-03-05"
    assert qingshi["fields"]["recipients"] == ["区人民政府"]
    assert qingshi["fields"]["contact"] == {"name": "张某某", "phone": "0353-1234567"}
    assert len(qingshi["fields"]["request_items"]) == 2
    original = (tmp_path / "qingshi.txt").read_text(encoding="utf-8")
    for item in qingshi["fields"]["request_items"]:
        assert item["text"].replace("\n", "") in original[item["start"]:item["end"]].replace("\n", "")
    assert by_name["empty.docx"]["status"] == "error"
    assert by_name["empty.docx"]["error"]["code"] == "empty-file"
    assert "empty.docx" in by_name["empty.docx"]["error"]["message"]


def test_check_exit_codes_follow_the_fail_level(tmp_path: Path) -> None:
    bad = _write(tmp_path, "qingshi.txt", QINGSHI_TWO_MATTERS)
    clean = _write(tmp_path / "clean", "report.txt", REPORT_CLEAN)

    failing = _invoke("check", str(bad), "--rules", "yangquan-chengqu", "--format", "json")
    assert failing.exit_code == 1
    findings = json.loads(failing.stdout)["documents"][0]["findings"]
    one_matter = [f for f in findings if f["rule"] == "request.one-matter"]
    assert one_matter and one_matter[0]["source"]["document"]
    assert _invoke("check", str(bad), "--rules", "yangquan-chengqu", "--fail-on", "never").exit_code == 0
    assert _invoke("check", str(clean), "--rules", "yangquan-chengqu").exit_code == 0


@pytest.mark.parametrize("args, fragment", [
    (["--rules", "no-such-pack"], "no-such-pack"),
    (["--rules", "dongan", "--roster", "missing-roster.yaml"], "missing-roster.yaml"),
    ([], "--rules"),
])
def test_configuration_errors_exit_2_never_a_silent_clean_run(tmp_path: Path, args, fragment) -> None:
    document = _write(tmp_path, "a.txt", REPORT_CLEAN)
    result = CliRunner().invoke(main, ["check", str(document), *args])
    assert result.exit_code == 2
    assert fragment in result.output


def test_config_file_sets_pack_and_fail_level(tmp_path: Path) -> None:
    document = _write(tmp_path, "qingshi.txt", QINGSHI_TWO_MATTERS)
    (tmp_path / "gongwen.toml").write_text('pack = "yangquan-chengqu"\nfail_on = "never"\n', encoding="utf-8")
    result = _invoke("check", str(document), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["pack"]["name"] == "yangquan-chengqu"


def test_draft_regulation_gate_fails_then_passes_once_fixed(tmp_path: Path) -> None:
    draft = _write(tmp_path, "犬只管理办法.txt", DRAFT_WITH_PENALTY)
    failing = _invoke("check", str(draft), "--rules", "yangquan-chengqu", "--format", "sarif")
    assert failing.exit_code == 1
    sarif = json.loads(failing.stdout)
    rules = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert "regulation.creates-power" in rules
    draft.write_text(DRAFT_FIXED, encoding="utf-8")
    passing = _invoke("check", str(draft), "--rules", "yangquan-chengqu", "--format", "sarif")
    assert "regulation.creates-power" not in {r["ruleId"] for r in json.loads(passing.stdout)["runs"][0]["results"]}


def test_baseline_reports_only_new_findings_and_prunes_fixed_ones(tmp_path: Path) -> None:
    document = _write(tmp_path, "qingshi.txt", QINGSHI_TWO_MATTERS)
    baseline = tmp_path / "gongwen-baseline.json"
    assert _invoke("baseline", str(document), "--rules", "yangquan-chengqu", "-o", str(baseline)).exit_code == 0
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert any(entry["rule"] == "request.one-matter" and entry["path"] == "qingshi.txt" for entry in recorded)

    unchanged = _invoke("check", str(document), "--rules", "yangquan-chengqu", "--baseline", str(baseline),
                        "--format", "json")
    assert unchanged.exit_code == 0
    assert json.loads(unchanged.stdout)["documents"][0]["findings"] == []

    document.write_text(QINGSHI_TWO_MATTERS.replace("2024年3月5日", "2024年03月05日"), encoding="utf-8")
    worse = _invoke("check", str(document), "--rules", "yangquan-chengqu", "--baseline", str(baseline),
                    "--format", "json")
    assert worse.exit_code == 1
    assert [f["rule"] for f in json.loads(worse.stdout)["documents"][0]["findings"]] == ["date.format"]

    one_matter = QINGSHI_TWO_MATTERS.replace("同时，恳请区政府为我局增加事业编制2名。\n", "").replace("并增加编制", "")
    document.write_text(one_matter, encoding="utf-8")
    _invoke("check", str(document), "--rules", "yangquan-chengqu", "--baseline", str(baseline))
    remaining = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert not any(entry["rule"] == "request.one-matter" for entry in remaining)


def test_rules_show_and_list(tmp_path: Path) -> None:
    shown = _invoke("rules", "show", "report.contains-request")
    assert shown.exit_code == 0
    assert "违规示例" in shown.output and "合规示例" in shown.output and "依据" in shown.output
    listed = _invoke("rules", "list", "--pack", "qianjin")
    assert "length.limit" in listed.output and "material.sections" in listed.output
    assert CliRunner().invoke(main, ["rules", "show", "no.such-rule"]).exit_code == 2


def test_rules_kinds_says_in_chinese_what_fields_each_kind_rests_on() -> None:
    listed = _invoke("rules", "kinds")
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    assert "  count_limit  所据要素：文种" in lines
    assert "  request.one-matter  所据要素：请示事项" in lines
    assert "  countersign.missing  所据要素：发文稿纸（审批记录）、发文机关" in lines
    pattern = next(line for line in lines if line.startswith("  pattern  所据要素："))
    assert pattern.startswith("  pattern  所据要素：随规则参数而定（内置规则包中为：") and "发文字号" in pattern
    assert "limits: tuple[Limit...]" in listed.output  # the parameters are still listed


HYBRID_TWO_RECIPIENTS = "区教育局关于调整学区划分的请示报告\n\n区人民政府、区财政局：\n为优化教育资源配置，拟调整学区划分。\n请批准。\n\n区教育局\n2024年3月5日\n"


def test_check_text_shows_each_findings_evidence_and_which_field_could_not_be_read(tmp_path: Path) -> None:
    """The 文种 of "…的请示报告" is only guessed (its first part): a finding resting on it is 疑似,
    and the terminal says which field could not be read reliably."""
    document = _write(tmp_path, "hybrid.txt", HYBRID_TWO_RECIPIENTS)
    result = _invoke("check", str(document), "--rules", "yangquan-chengqu")
    lines = result.output.splitlines()
    head = next(index for index, line in enumerate(lines) if "request.single-recipient" in line)
    assert lines[head].startswith("    警告 request.single-recipient") and "疑似多头主送" in lines[head]
    evidence = next(line for line in lines[head + 1:head + 6] if "所据要素" in line)
    assert re.fullmatch(r" {8}所据要素：主送机关（版式识别，可信度 \d+%）；"
                        r"文种未能可靠识别（标题中复合文种的第一个，可信度 55%）", evidence)
    assert "labeller" not in result.output and "doc_type:" not in result.output


def test_extract_text_shows_how_surely_each_field_was_read(tmp_path: Path) -> None:
    document = _write(tmp_path, "qingshi.txt", QINGSHI_TWO_MATTERS)
    lines = _invoke("extract", str(document)).output.splitlines()
    assert re.fullmatch(r" {4}文种：请示（标题中的文种，可信度 \d+%）", lines[1])
    assert re.fullmatch(r" {4}标题：城区教育局关于申请校舍维修资金并增加编制的请示（版式识别，可信度 \d+%）", lines[2])
    assert re.fullmatch(r" {4}请示事项：2 项（正文识别，可信度 \d+%）", next(l for l in lines if "请示事项" in l))


def test_annotate_writes_comments_to_a_copy(tmp_path: Path) -> None:
    import docx

    source = tmp_path / "qingshi.docx"
    document = docx.Document()
    for line in QINGSHI_TWO_MATTERS.splitlines():
        document.add_paragraph(line)
    document.save(source)
    before = source.read_bytes()

    result = _invoke("annotate", str(source), "--rules", "yangquan-chengqu")

    assert result.exit_code == 0
    assert source.read_bytes() == before
    annotated = docx.Document(tmp_path / "qingshi.gongwen.docx")
    comments = [comment.text for comment in annotated.comments]
    assert any("request.one-matter" in text for text in comments)


def test_batch_then_nightly_report_with_hostile_text(tmp_path: Path) -> None:
    import openpyxl

    inbox = tmp_path / "inbox"
    _write(inbox, "qingshi.txt", QINGSHI_TWO_MATTERS)
    _write(inbox, "hostile.txt", "=HYPERLINK(\"http://x\")关于<script>alert(1)</script>的报告\n\n区人民政府：\n妥否，请批示。\n")
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
    db = tmp_path / "g.sqlite"

    batch = CliRunner().invoke(main, ["batch", str(inbox), "--rules", "yangquan-chengqu", "--db", str(db), "--jobs", "1"])
    assert batch.exit_code == 0, batch.output
    # the summary counts the findings and says what to run next
    assert re.search(r"本次发现问题：错误 [1-9]\d* 处、警告 \d+ 处、提示 \d+ 处", batch.output), batch.output
    assert f"下一步：gongwen report nightly --db {db}" in batch.output
    nightly = _invoke("report", "nightly", "--db", str(db), "--output", str(tmp_path / "out"))
    assert nightly.exit_code == 0

    page = (tmp_path / "out" / "nightly.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "http://" not in page.split("<body>")[0]
    workbook = openpyxl.load_workbook(tmp_path / "out" / "nightly.xlsx")
    cells = [cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert not any(value.startswith("=") for value in cells)
    totals = {row[0].value: row[1].value for row in workbook["总览"].iter_rows(min_row=2)}
    assert totals["文件总数"] == 3 and totals["无法处理"] == 1
    assert f">{totals['问题总数']}<" in page.replace("<b>", ">").replace("</b>", "<")
    reviews = [path.read_text(encoding="utf-8") for path in (tmp_path / "out" / "reviews").glob("*.html")]
    assert len(reviews) == 3
    assert any("城区教育局关于申请校舍维修资金并增加编制的请示" in review for review in reviews)
    assert any("<dt>所据要素</dt>" in review and "请示事项（正文识别，可信度" in review for review in reviews)


def test_unused_suppression_is_reported(tmp_path: Path) -> None:
    document = _write(tmp_path, "report.txt", REPORT_CLEAN)
    (tmp_path / "gongwen.toml").write_text(
        'pack = "yangquan-chengqu"\n[[suppress]]\nrule = "length.limit"\npath = "*.docx"\n', encoding="utf-8")
    result = _invoke("check", str(document), "--format", "json")
    assert json.loads(result.stdout)["unused_suppressions"] == [
        {"rule": "length.limit", "path": "*.docx", "text": None, "reason": None}]
    assert "未匹配到任何问题" in result.stderr


def test_unreadable_document_fails_the_gate_but_an_unsupported_file_does_not(tmp_path: Path) -> None:
    _write(tmp_path, "report.txt", REPORT_CLEAN)
    (tmp_path / "预算表.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet")
    assert _invoke("check", str(tmp_path), "--rules", "yangquan-chengqu").exit_code == 0
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a real zip")
    assert _invoke("check", str(tmp_path), "--rules", "yangquan-chengqu").exit_code == 1


def test_nightly_xlsx_survives_control_characters_in_stored_paths_and_text(tmp_path: Path) -> None:
    import openpyxl

    inbox = tmp_path / "inbox"
    _write(inbox, "通知\x07草稿.txt", "=cmd|' /C calc'!A0关于\x01做好防汛工作的通知\n\n各街道：\n请做好防汛工作。\n")
    db = tmp_path / "g.sqlite"
    batch = CliRunner().invoke(main, ["batch", str(inbox), "--rules", "national", "--db", str(db), "--jobs", "1"])
    assert batch.exit_code == 0, batch.output
    nightly = _invoke("report", "nightly", "--db", str(db), "--output", str(tmp_path / "out"))
    assert nightly.exit_code == 0, nightly.output
    sheet = openpyxl.load_workbook(tmp_path / "out" / "nightly.xlsx")["文件清单"]
    cells = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
    assert any(value.endswith("通知\ufffd草稿.txt") for value in cells)
    assert not any(value.startswith("=") for value in cells)


@pytest.mark.parametrize("args, fragment", [
    (["--jobs", "-1"], "进程数应为正整数"),
    (["--timeout", "-1"], "不少于 1 秒的有限数值"),
    (["--timeout", "nan"], "不少于 1 秒的有限数值"),
    (["--timeout", "inf"], "不少于 1 秒的有限数值"),
    (["--timeout", "1e-6"], "不少于 1 秒的有限数值"),
])
def test_jobs_and_timeout_are_validated_before_anything_runs(tmp_path: Path, args, fragment) -> None:
    _write(tmp_path / "inbox", "a.txt", "关于做好防汛工作的通知\n")
    db = tmp_path / "g.sqlite"
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "inbox"), "--rules", "national", "--db", str(db), *args])
    assert result.exit_code == 2
    assert fragment in result.output
    assert not db.exists()


def test_jobs_zero_means_all_cores(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "关于做好防汛工作的通知\n")
    assert _invoke("check", str(tmp_path), "--rules", "national", "--jobs", "0", "--format", "json").exit_code in (0, 1)

from __future__ import annotations

import dataclasses
import re

import pytest
from report_samples import clean_result, error_result, hostile_result, request_result

from gongwen.reports.base import ReportContext
from gongwen.reports.github import escape_data, escape_property, render_github, workflow_command

COMMAND = re.compile(r"^::(?P<command>\w+)(?: (?P<properties>[^:]*))?::(?P<message>.*)$")


def _unescape(text: str) -> str:
    for code, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(code, char)
    return text


def _commands(output: str) -> list[dict]:
    """Parse workflow commands the way the runner does: properties split on unescaped commas."""
    parsed = []
    for line in output.splitlines():
        match = COMMAND.match(line)
        assert match, line
        properties = dict(item.split("=", 1) for item in (match["properties"] or "").split(",") if item)
        parsed.append({"command": match["command"], "message": _unescape(match["message"]),
                       **{key: _unescape(value) for key, value in properties.items()}})
    return parsed


@pytest.fixture(autouse=True)
def no_step_summary(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def _context(tmp_path, **extra) -> ReportContext:
    return ReportContext(command="check", tool_version="0.1.0", extra={"base_dir": str(tmp_path), **extra})


def _under(tmp_path, result):
    return dataclasses.replace(result, path=str(tmp_path / result.path))


def test_escaping_follows_the_runner_rules():
    assert escape_data("100%\r\n完成: a,b") == "100%25%0D%0A完成: a,b"
    assert escape_property("100%\r\n完成: a,b") == "100%25%0D%0A完成%3A a%2Cb"
    assert workflow_command("error", "x", file="a,b:c.docx", line=3) == "::error file=a%2Cb%3Ac.docx,line=3::x"


def test_annotations_carry_file_position_and_rule(tmp_path):
    commands = _commands(render_github([_under(tmp_path, request_result())], _context(tmp_path)))
    first = commands[0]
    assert first == {
        "command": "error",
        "file": "公文/东安区关于申请经费的请示.docx",
        "line": "4", "endLine": "4", "col": "12", "endColumn": "32",
        "title": "request.one-matter（错误）",
        "message": "请示应当一文一事，本件包含 2 项请示事项。\n原文：“申请办公经费20万元，并请求增加编制3名”\n"
                   "依据：《东安区人民政府工作规则》第五十八条：“请示应当一文一事”\n建议：将“增加编制”另行请示。",
    }
    assert [c["command"] for c in commands] == ["error", "error", "warning", "warning", "warning", "notice", "notice"]
    whole_document = commands[1]
    assert whole_document["title"] == "approval.missing-signer（错误）" and "line" not in whole_document


def test_errors_first_across_documents_then_warnings(tmp_path, results):
    commands = _commands(render_github([_under(tmp_path, r) for r in results], _context(tmp_path)))
    kinds = [c["command"] for c in commands]
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)
    failed = next(c for c in commands if c["file"] == "扫描件/会议纪要.pdf")
    assert failed["command"] == "error" and failed["title"] == "无法处理该文件"
    assert failed["message"].startswith("文件“会议纪要.pdf”没有文字层")
    assert not any(c.get("file") == "通知/关于开展安全检查的通知.txt" for c in commands)


def test_hostile_text_cannot_forge_a_command(tmp_path):
    hostile = hostile_result()
    finding = dataclasses.replace(hostile.findings[0], message="坏\n::error file=x::伪造, 100%")
    output = render_github([_under(tmp_path, dataclasses.replace(hostile, findings=(finding,)))], _context(tmp_path))
    assert len(output.splitlines()) == 1
    [command] = _commands(output)
    assert command["message"].startswith("坏\n::error file=x::伪造, 100%")
    assert command["file"] == "恶意/<b>标题</b>&.txt"


def test_cap_with_a_closing_notice(tmp_path, results):
    commands = _commands(render_github([_under(tmp_path, r) for r in results], _context(tmp_path, max_annotations=3)))
    assert len(commands) == 4
    assert [c["command"] for c in commands[:3]] == ["error"] * 3
    assert commands[3]["command"] == "notice"
    assert "另有 14 条问题未逐条标注（上限 3 条）" in commands[3]["message"]


def test_default_cap_is_fifty(tmp_path):
    result = request_result()
    many = dataclasses.replace(result, findings=result.findings * 10)
    commands = _commands(render_github([_under(tmp_path, many)], _context(tmp_path)))
    assert len(commands) == 51 and "另有 20 条" in commands[-1]["message"]


def test_step_summary_is_appended(tmp_path, monkeypatch, results):
    summary = tmp_path / "summary.md"
    summary.write_text("# 之前的内容\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    render_github([_under(tmp_path, r) for r in results], _context(tmp_path, max_annotations=1))
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# 之前的内容\n## gongwen 审查结果")
    finding_rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
    assert len(finding_rows) == 16  # every finding, not only the annotated one
    assert "| 扫描件/会议纪要.pdf | — | 无法处理 | — |" in text
    assert "&lt;script&gt;" in text and "<script>" not in text


def test_nothing_to_report(tmp_path):
    assert render_github([_under(tmp_path, clean_result())], _context(tmp_path)) == ""


def test_deterministic(tmp_path, results):
    moved = [_under(tmp_path, r) for r in results]
    assert render_github(moved, _context(tmp_path)) == render_github(list(moved), _context(tmp_path))
    assert error_result().path in render_github(moved, _context(tmp_path))

from __future__ import annotations

import re

from report_samples import HOSTILE_TITLE, clean_result, error_result, hostile_result, request_result

from gongwen.reports.base import ReportContext, load_builtins
from gongwen.reports.markdown_report import escape_markdown, location_label, render_markdown

CHECK = ReportContext(command="check", tool_version="0.1.0")


def _table_rows(markdown: str, first_header: str) -> list[list[str]]:
    """Cells of the table whose header starts with ``first_header``, split on unescaped pipes."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]])
    return rows


def test_registered_as_md():
    assert load_builtins()["md"] is render_markdown


def test_summary_table_counts_each_document(results):
    markdown = render_markdown(results, CHECK)
    rows = {row[0]: row[1:] for row in _table_rows(markdown, "文件")}
    assert rows["公文/东安区关于申请经费的请示.docx"] == ["已处理", "2", "3", "2"]
    assert rows["扫描件/会议纪要.pdf"] == ["无法处理（no-text-layer）", "—", "—", "—"]
    assert rows["通知/关于开展安全检查的通知.txt"] == ["已处理", "0", "0", "0"]
    assert "共 5 份文件：成功 4 份，无法处理 1 份" in markdown


def test_document_section_lists_fields_and_findings():
    markdown = render_markdown([request_result()], CHECK)
    fields = dict(_table_rows(markdown, "要素"))
    assert fields == {"文种": "请示", "标题": "东安区人民政府办公室关于申请办公经费和增加编制的请示",
                      "发文机关": "东安区人民政府办公室", "发文字号": "—", "成文日期": "2024年3月5日"}
    assert "### 发现问题 7 条" in markdown
    assert ("1. **错误** `request.one-matter`（第4段 \\[56:76\\]）：请示应当一文一事，本件包含 2 项请示事项。"
            in markdown)
    assert "   - 原文：“申请办公经费20万元，并请求增加编制3名”" in markdown
    assert "   - 依据：《东安区人民政府工作规则》第五十八条：“请示应当一文一事”" in markdown
    assert "   - 建议：将“增加编制”另行请示。" in markdown
    assert "**提示** `request.closing`" in markdown
    assert "**错误** `approval.missing-signer`（全文）：未找到签发人。" in markdown


def test_hostile_text_neither_breaks_the_table_nor_injects_html():
    markdown = render_markdown([hostile_result()], CHECK)
    assert "<script>" not in markdown and "<b>" not in markdown
    fields = dict(_table_rows(markdown, "要素"))
    assert fields["标题"] == "关于\\|\\*危险\\*\\|&lt;script&gt;alert(1)&lt;/script&gt;的通知"
    assert fields["发文字号"] == "\\[x\\](y)〔2024〕1号"
    assert all(len(row) == 5 for row in _table_rows(markdown, "文件"))
    assert "## 1. 恶意/&lt;b&gt;标题&lt;/b&gt;&amp;.txt" in markdown


def test_escape_markdown_keeps_text_on_one_inert_line():
    assert escape_markdown("a|b\n# c*d*_e_`f` [g](h) <i>&") == "a\\|b # c\\*d\\*\\_e\\_\\`f\\` \\[g\\](h) &lt;i&gt;&amp;"
    assert escape_markdown(None) == ""
    assert escape_markdown(HOSTILE_TITLE).count("\\|") == 2


def test_error_and_clean_documents():
    markdown = render_markdown([error_result(), clean_result()], CHECK)
    assert "**无法处理**（no-text-layer）：文件“会议纪要.pdf”没有文字层" in markdown
    assert "未发现问题。" in markdown


def test_extract_report_does_not_claim_a_review():
    markdown = render_markdown([clean_result()], ReportContext(command="extract", tool_version="0.1.0"))
    assert markdown.startswith("# 公文要素提取报告")
    assert "未发现问题" not in markdown


def test_location_label():
    finding = request_result().findings[0]
    assert location_label(finding) == "第4段 [56:76]"
    assert location_label(request_result().findings[-1]) == "全文"


def test_deterministic(results):
    assert render_markdown(results, CHECK) == render_markdown(list(results), CHECK)

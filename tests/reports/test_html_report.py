from __future__ import annotations

import copy
import dataclasses

import lxml.html
import pytest
from report_samples import (HOSTILE_BODY, HOSTILE_TITLE, clean_result, finding_at, hostile_result, make_document,
                            request_result)

from gongwen.pipeline.model import DocResult, Finding, Location
from gongwen.reports.base import ReportContext
from gongwen.reports.html_report import _block_ranges, _highlighted_blocks, render_html

CHECK = ReportContext(command="check", tool_version="0.1.0")


def _page(results, context=CHECK):
    return lxml.html.fromstring(render_html(results, context))


def _section(page, path: str):
    return next(section for section in page.xpath("//section[contains(@class, 'doc')]")
                if section.xpath("string(.//h2)") == path)


def _marked(section, rule: str) -> str:
    """The text highlighted for ``rule``, its pieces joined."""
    return "".join(mark.text_content() for mark in section.xpath(".//mark")
                   if rule in mark.get("data-rules").split())


def _shown_text(section) -> str:
    """The document text as displayed: paragraphs joined, without labels and footnote numbers."""
    paragraphs = []
    for paragraph in section.xpath(".//div[@class='text']/p"):
        paragraph = copy.deepcopy(paragraph)
        for extra in paragraph.xpath(".//sup | .//span[@class='kind']"):
            extra.drop_tree()
        paragraphs.append(paragraph.text_content())
    return "\n".join(paragraphs)


def test_self_contained(results):
    html = render_html(results, CHECK)
    page = lxml.html.fromstring(html)
    assert not page.xpath("//script[@src] | //link | //img | //iframe")
    assert "http://" not in html and "https://" not in html
    assert "Noto Sans CJK SC" in page.xpath("string(//style)")


def test_documents_ordered_errors_then_findings_then_clean(results):
    page = _page(results)
    order = [section.xpath("string(.//h2)") for section in page.xpath("//section")]
    assert order == ["扫描件/会议纪要.pdf", "公文/东安区关于申请经费的请示.docx", "恶意/<b>标题</b>&.txt",
                     "无全文/请示副本.docx", "通知/关于开展安全检查的通知.txt"]
    summary_rows = page.xpath("//table[@class='overview']/tbody/tr")
    assert [row.xpath("string(td[1])") for row in summary_rows] == order
    assert [td.text_content() for td in summary_rows[1].xpath("td")[1:]] == ["存在问题", "2", "3", "2"]


def test_findings_highlighted_in_place():
    result = request_result()
    section = _section(_page([result]), result.path)
    assert _shown_text(section) == result.document.original
    assert _marked(section, "request.one-matter") == "申请办公经费20万元，并请求增加编制3名"
    assert _marked(section, "number.amount-format") == "20万元"  # nested in the one above
    overlap = section.xpath(".//mark[contains(@class, 'overlap')]")
    assert [mark.text_content() for mark in overlap] == ["20万元"]
    assert "sev-error" in overlap[0].get("class")  # the more severe of the two
    assert "request.one-matter：请示应当一文一事" in overlap[0].get("title")
    assert _marked(section, "approval.drafter") == "李四"
    assert _marked(section, "header.issuer-mark") == "东安区人民政府办公室文件"


def test_footnotes_link_marks_and_list_both_ways():
    result = request_result()
    page = _page([result])
    section = _section(page, result.path)
    refs = section.xpath(".//sup[@class='ref']")
    assert sorted(int(ref.text_content()) for ref in refs) == [1, 2, 3, 4, 5, 6]  # 7 has no location
    for ref in refs:
        target = ref.xpath("a/@href")[0].lstrip("#")
        item = page.get_element_by_id(target)
        assert item.tag == "li" and item.xpath("a[@class='back']/@href") == [f"#{ref.get('id')}"]
    point = next(ref for ref in refs if ref.text_content() == "3")  # a finding without width
    paragraph_text = point.getparent().text_content()
    assert paragraph_text.startswith("东安区人民政府办公室3关于")
    items = section.xpath(".//li[contains(@class, 'finding')]")
    assert len(items) == 7
    first = items[0]
    assert first.xpath("string(.//code)") == "request.one-matter"
    assert "《东安区人民政府工作规则》第五十八条：“请示应当一文一事”" in first.text_content()
    assert "将“增加编制”另行请示。" in first.text_content()


def test_hostile_text_is_escaped():
    html = render_html([hostile_result()], CHECK)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '"onload="' not in html
    page = lxml.html.fromstring(html)
    assert len(page.xpath("//script")) == 1 and "alert" not in page.xpath("string(//script)")
    assert not [attribute for element in page.iter() for attribute in element.attrib if attribute.startswith("on")]
    section = _section(page, "恶意/<b>标题</b>&.txt")
    assert not section.xpath(".//b")
    assert _shown_text(section) == f"{HOSTILE_TITLE}\n{HOSTILE_BODY}"
    assert _marked(section, "title.punctuation") == "<script>alert(1)</script>"
    assert _marked(section, "body.attr") == '"onload="alert(2)'


def test_without_document_text_findings_show_their_excerpts():
    result = request_result(keep_document=False)
    section = _section(_page([result]), result.path)
    assert not section.xpath(".//div[@class='text'] | .//mark")
    assert len(section.xpath(".//li[contains(@class, 'finding')]")) == 7
    assert "申请办公经费20万元，并请求增加编制3名" in section.xpath("string(.//span[@class='excerpt'])")
    assert "未保留该文件的全文" in section.text_content()
    assert not section.xpath(".//a[@class='back']")


def test_error_and_clean_documents(results):
    page = _page(results)
    failed = _section(page, "扫描件/会议纪要.pdf")
    assert "[no-text-layer] 文件“会议纪要.pdf”没有文字层" in failed.xpath("string(.//p[@class='error-message'])")
    clean = _section(page, "通知/关于开展安全检查的通知.txt")
    assert "group-clean" in clean.get("class") and "未发现问题。" in clean.text_content()
    assert _shown_text(clean) == clean_result().document.original


def test_findings_across_blocks_and_out_of_range_offsets_keep_markup_valid():
    document = make_document("跨段.txt", [("para", "第一段文字"), ("para", ""), ("para", "第二段文字")], fmt="txt")
    across = finding_at(document, "span.across", "warning", "文字\n\n第二")
    at_end = finding_at(document, "point.end", "info", "第二段文字", width=False)
    broken = dataclasses.replace(across, rule="span.broken",
                                 location=dataclasses.replace(across.location, start=3, end=10_000))
    result = DocResult("跨段.txt", "txt", "ok", findings=(across, at_end, broken), document=document)
    section = _section(_page([result]), "跨段.txt")
    assert _shown_text(section) == document.original
    assert _marked(section, "span.across") == "文字第二"
    assert _marked(section, "span.broken") == "文字第二段文字"
    assert sorted(ref.text_content() for ref in section.xpath(".//sup[@class='ref']")) == ["1", "2", "3"]


def test_rule_doc_from_the_pack(pack):
    result = request_result()
    page = _page([result], ReportContext(command="check", tool_version="0.1.0", pack=pack))
    details = page.xpath("//details[@class='ruledoc']")
    assert len(details) == 2  # request.one-matter and request.closing are in the pack
    assert "一文一事便于领导批办，<避免>推诿。" in details[0].text_content()
    assert "规则包 dongan abc123" in page.xpath("string(//p[@class='meta'])")


def test_extract_report_status(results):
    page = _page([clean_result()], ReportContext(command="extract", tool_version="0.1.0"))
    assert page.xpath("string(//h1)") == "公文要素提取报告"
    assert "未发现问题" not in page.text_content()


@pytest.mark.parametrize("command", ["check", "extract"])
def test_deterministic(results, command):
    context = ReportContext(command=command, tool_version="0.1.0")
    assert render_html(results, context) == render_html(list(results), context)


def _many_findings_result(count: int) -> DocResult:
    """``count`` paragraphs, each with one warning on its first word (the 61 s case: 20,000)."""
    document = make_document("长文/大量问题.docx", [("para", f"第{index}段文字内容") for index in range(count)])
    findings, offset = [], 0
    for block in range(count):
        findings.append(Finding("number.amount-format", "warning", "问题说明", Location(block, None, offset, offset + 1),
                                "第", None, None, "dongan"))
        offset += len(document.raw.blocks[block].text) + 1
    return DocResult(document.raw.path, "docx", "ok", findings=tuple(findings), document=document)


def _highlight(result: DocResult):
    return _highlighted_blocks(result.document.original, _block_ranges(result.document), result.findings)


def test_highlighting_is_linear_in_blocks_and_findings(assert_linear):
    # Blocks x findings before: 20,000 findings on 20,000 paragraphs took 61 s.
    assert_linear(_highlight, _many_findings_result, 1_000)


def test_twenty_thousand_findings_are_all_highlighted_and_linked():
    blocks = _highlight(_many_findings_result(20_000))
    pieces = [piece for block in blocks for piece in block.pieces]
    assert [piece.numbers for piece in pieces if piece.numbers] == [(number,) for number in range(1, 20_001)]
    assert [number for piece in pieces for number, _ in piece.refs] == list(range(1, 20_001))

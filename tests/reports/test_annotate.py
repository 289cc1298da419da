from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from report_samples import SHARED, error_result, finding_at, make_document

from gongwen.extractors.readers import read_document
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import DocResult, Evidence, Finding, Location, Source
from gongwen.reports.annotate import AUTHOR, annotate_docx, comment_text

WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
TEXTBOX_RUN = f"""<w:r {nsdecls('w', 'wp', 'a')} {WPS} {MC}><mc:AlternateContent>
<mc:Choice Requires="wps"><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="box"/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>
<wps:txbx><w:txbxContent><w:p><w:r><w:t>东安区人民政府办公室</w:t></w:r></w:p></w:txbxContent></wps:txbx>
<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>
<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>东安区人民政府办公室</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


@pytest.fixture
def request_docx(tmp_path) -> Path:
    """A 请示 whose runs split the text mid-sentence, with a header, a text box, a table, a field,
    a tracked deletion, a line break and a repeated phrase."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "东安区人民政府办公室文件"
    box_holder = document.add_paragraph()
    box_holder._p.append(parse_xml(TEXTBOX_RUN))
    title = document.add_paragraph()
    title.add_run("东安区人民政府办公室关于").bold = True
    title.add_run("申请办公经费的请示").bold = True
    document.add_paragraph("区政府：")
    body = document.add_paragraph()
    body.add_run("为保障工作正常开展，现申请办公")
    body.add_run("经费20万元，").italic = True
    body._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="9" w:author="a" w:date="2024-01-01T00:00:00Z">'
                             '<w:r><w:delText>删除的文字</w:delText></w:r></w:del>'))
    body.add_run("并请求增加编制3名。")
    fielded = document.add_paragraph()
    fielded._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    fielded._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText> PAGE </w:instrText></w:r>'))
    fielded._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    fielded.add_run("第1页")
    fielded._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    fielded.add_run("，经研究，同意。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "拟稿"
    table.cell(0, 1).text = "李四"
    closing = document.add_paragraph()
    closing.add_run("经研究，同意。")
    closing.add_run().add_break()
    closing.add_run("妥否，请批示。")
    path = tmp_path / "东安区关于申请经费的请示.docx"
    document.save(path)
    return path


def _result(path: Path, findings_on: list[tuple[str, str, str, int]], keep_document=True, extra=()) -> DocResult:
    raw = read_document(path)
    document = dataclasses.replace(make_document(str(path), [(b.kind, b.text) for b in raw.blocks]), raw=raw)
    findings = tuple(finding_at(document, rule, severity, needle, occurrence, suggestion="请修改。")
                     for rule, severity, needle, occurrence in findings_on) + tuple(extra)
    return DocResult(str(path), "docx", "ok", findings=findings, document=document if keep_document else None)


def _commented_text(path: Path) -> dict[int, str]:
    """Comment id -> the text between its range start and end, in document order."""
    body = docx.Document(str(path)).element.body
    open_ids: set[str] = set()
    covered: dict[int, str] = {}
    for element in body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(element.get(qn("w:id")))
            covered.setdefault(int(element.get(qn("w:id"))), "")
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(element.get(qn("w:id")))
        elif element.tag == qn("w:t") and not any(a.tag == qn("w:del") for a in element.iterancestors()):
            for comment_id in open_ids:
                covered[int(comment_id)] += element.text or ""
        elif element.tag == qn("w:br"):
            for comment_id in open_ids:
                covered[int(comment_id)] += "\n"
    return covered


def _comments(path: Path) -> list:
    return sorted(docx.Document(str(path)).comments, key=lambda comment: comment.comment_id)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_comments_cover_exactly_the_finding_text(request_docx, tmp_path):
    result = _result(request_docx, [
        ("request.one-matter", "error", "申请办公经费20万元，并请求增加编制3名", 0),  # crosses 3 runs and a deletion
        ("number.amount-format", "warning", "20万元", 0),  # overlaps the one above
        ("approval.drafter", "warning", "李四", 0),  # in a table cell
        ("request.closing", "info", "同意", 1),  # the second of two identical phrases
        ("title.issuer", "warning", "办公室关于申请", 0),  # crosses two bold runs
    ])
    before = _sha(request_docx)
    output = tmp_path / "out" / "批注.docx"
    assert annotate_docx(request_docx, result, output) == 5
    assert _sha(request_docx) == before
    covered = _commented_text(output)
    assert [covered[comment.comment_id] for comment in _comments(output)] == [
        "申请办公经费20万元，并请求增加编制3名", "20万元", "李四", "同意", "办公室关于申请"]
    # the second "同意" is the one in the paragraph after the table, not the field paragraph
    closing = docx.Document(str(output)).paragraphs[-1]
    assert closing._p.xpath("./w:commentRangeStart")


def test_text_and_formatting_survive_the_run_splits(request_docx, tmp_path):
    result = _result(request_docx, [("title.issuer", "warning", "办公室关于申请", 0),
                                    ("x.amount", "warning", "0万", 0)])
    output = tmp_path / "批注.docx"
    annotate_docx(request_docx, result, output)
    original, annotated = docx.Document(str(request_docx)), docx.Document(str(output))
    assert [p.text for p in annotated.paragraphs] == [p.text for p in original.paragraphs]
    title = next(p for p in annotated.paragraphs if p.text.startswith("东安区人民政府办公室关于"))
    assert all(run.bold for run in title.runs if run.text)
    assert [run.text for run in title.runs if run.text] == ["东安区人民政府", "办公室关于", "申请", "办公经费的请示"]
    amount = next(p for p in annotated.paragraphs if "20万元" in p.text)
    assert [(run.text, bool(run.italic)) for run in amount.runs if run.text] == [
        ("为保障工作正常开展，现申请办公", False), ("经费2", True), ("0万", True), ("元，", True),
        ("并请求增加编制3名。", False)]
    assert read_document(output).blocks == read_document(request_docx).blocks


def test_comment_text_author_and_fallbacks(request_docx, tmp_path):
    unplaced = Finding("approval.missing-signer", "error", "未找到签发人。", None, None,
                       Source("《东安区人民政府工作规则》", "第五十八条"), "请补充签发人签批记录。")
    result = _result(request_docx, [
        ("header.issuer-mark", "warning", "东安区人民政府办公室文件", 0),  # in the header
        ("box.issuer", "warning", "人民政府", 1),  # in the text box (the first is in the header)
    ], extra=(unplaced,))
    point = finding_at(result.document, "title.point", "info", "申请办公经费的请示", width=False)
    result = dataclasses.replace(result, findings=result.findings + (point,))
    output = tmp_path / "批注.docx"
    assert annotate_docx(request_docx, result, output) == 4
    comments = _comments(output)
    assert {comment.author for comment in comments} == {AUTHOR}
    assert {comment.initials for comment in comments} == {"GW"}
    texts = [comment.text for comment in comments]
    assert texts[0].startswith("[header.issuer-mark] header.issuer-mark 的问题说明（位于页眉：“东安区人民政府办公室文件”）")
    assert texts[0].endswith("（依据：《东安区人民政府工作规则》第五十八条：“请示应当一文一事”）建议：请修改。")
    assert "（位于文本框：“人民政府”）" in texts[1]
    assert texts[2] == "[approval.missing-signer] 未找到签发人。（依据：《东安区人民政府工作规则》第五十八条）建议：请补充签发人签批记录。"
    covered = _commented_text(output)
    ids = [comment.comment_id for comment in comments]
    # the header and whole-document findings go to the first body text; the point to its line
    assert covered[ids[0]] == covered[ids[2]] == "东安区人民政府办公室关于申请办公经费的请示"
    assert covered[ids[3]] == "东安区人民政府办公室关于申请办公经费的请示"
    box_holder = docx.Document(str(output)).paragraphs[0]._p
    assert box_holder.xpath("./w:commentRangeStart") and box_holder.xpath("./w:commentRangeEnd")


def test_without_kept_document_the_file_is_read_again(request_docx, tmp_path):
    result = _result(request_docx, [("approval.drafter", "warning", "李四", 0)], keep_document=False)
    output = tmp_path / "批注.docx"
    assert annotate_docx(request_docx, result, output) == 1
    assert list(_commented_text(output).values()) == ["李四"]


def test_comment_text_format():
    finding = Finding("request.one-matter", "error", "请示应当一文一事。", None, "并请求",
                      Source("《工作规则》", "第五条", "一文一事"), "拆分为两份请示。")
    assert comment_text(finding) == "[request.one-matter] 请示应当一文一事。（依据：《工作规则》第五条：“一文一事”）建议：拆分为两份请示。"


def test_failed_result_gives_an_unannotated_copy(request_docx, tmp_path):
    output = tmp_path / "copy.docx"
    assert annotate_docx(request_docx, error_result(str(request_docx)), output) == 0
    assert _comments(output) == []
    assert [p.text for p in docx.Document(str(output)).paragraphs] == [
        p.text for p in docx.Document(str(request_docx)).paragraphs]


def test_refuses_to_overwrite_or_to_read_other_formats(request_docx, tmp_path):
    result = _result(request_docx, [])
    with pytest.raises(ValueError):
        annotate_docx(request_docx, result, request_docx)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(IngestError) as raised:
        annotate_docx(pdf, result, tmp_path / "out.docx")
    assert raised.value.code == "unsupported-format"
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(IngestError) as raised:
        annotate_docx(broken, result, tmp_path / "out.docx")
    assert raised.value.code == "corrupt-file"


def test_text_that_is_not_in_the_file_falls_back_to_the_first_paragraph(request_docx, tmp_path):
    result = _result(request_docx, [("request.one-matter", "error", "区政府：", 0)])
    changed_blocks = [(block.kind, "与文件不符的另一段文字" if block.text == "区政府：" else block.text)
                      for block in result.document.raw.blocks]
    stale = make_document(result.path, changed_blocks)
    finding = finding_at(stale, "request.one-matter", "error", "另一段文字")
    stale_result = dataclasses.replace(result, findings=(finding,), document=stale)
    output = tmp_path / "批注.docx"
    annotate_docx(request_docx, stale_result, output)
    [comment] = _comments(output)
    assert f"（位于第{finding.location.block + 1}段：“另一段文字”）" in comment.text
    assert list(_commented_text(output).values()) == ["东安区人民政府办公室关于申请办公经费的请示"]


def test_anchors_match_the_reader_on_real_documents(tmp_path):
    """A finding on a few characters of every paragraph and table cell of real 公文 lands on
    exactly those characters."""
    files = sorted(SHARED.glob("real-corpus/*.docx"))[:4] if SHARED.is_dir() else []
    if not files:
        pytest.skip("shared real corpus not available")
    for path in files:
        raw = read_document(path)
        document = dataclasses.replace(make_document(str(path), [(b.kind, b.text) for b in raw.blocks]), raw=raw)
        findings, expected = [], []
        for index, (block, (start, _)) in enumerate(zip(raw.blocks, document.block_spans)):
            first_cell = block.text.split("\t")[0]
            needle = first_cell[2:8]
            if block.kind in ("para", "textbox", "table_row") and needle.strip():
                findings.append(Finding("probe", "info", "探针", Location(index, None, start + 2, start + 2 + len(needle)),
                                        needle, None))
                expected.append(needle)
        output = tmp_path / path.name
        annotate_docx(path, DocResult(str(path), "docx", "ok", findings=tuple(findings), document=document), output)
        covered = _commented_text(output)
        assert [covered[comment.comment_id] for comment in _comments(output)] == expected, path.name


@pytest.fixture
def repeated_docx(tmp_path) -> Path:
    """The same sentence in a header, a body paragraph, a text box, the second paragraph of a table
    cell and the second line of a paragraph: only the anchors tell them apart."""
    sentence = "经研究，同意。"
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = sentence
    document.add_paragraph(sentence)
    holder = document.add_paragraph()
    holder._p.append(parse_xml(TEXTBOX_RUN.replace("东安区人民政府办公室", sentence)))
    holder.add_run("关于")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "会签"
    cell = table.cell(0, 1)
    cell.paragraphs[0].text = "区财政局"
    cell.add_paragraph().add_run("经研究，").italic = True
    cell.paragraphs[1].add_run("同意。")
    lines = document.add_paragraph()
    lines.add_run("第一行")
    lines.add_run().add_break()
    lines.add_run(sentence)
    path = tmp_path / "会签意见.docx"
    document.save(path)
    return path


def _paragraph_texts_with_comments(path: Path) -> dict[int, str]:
    """Comment id -> the own text of the paragraph its range starts in (text boxes in it left out)."""
    body = docx.Document(str(path)).element.body
    found = {}
    for start in body.iter(qn("w:commentRangeStart")):
        paragraph = next(start.iterancestors(qn("w:p")))
        found[int(start.get(qn("w:id")))] = "".join(
            t.text or "" for t in paragraph.iter(qn("w:t")) if next(t.iterancestors(qn("w:p"))) is paragraph)
    return found


def test_comments_land_in_the_paragraph_the_block_was_read_from(repeated_docx, tmp_path):
    raw = read_document(repeated_docx)
    document = dataclasses.replace(make_document(str(repeated_docx), [(b.kind, b.text) for b in raw.blocks]), raw=raw)
    findings = []
    for index, ((start, _), block) in enumerate(zip(document.block_spans, raw.blocks)):
        at = block.text.find("同意")
        if at >= 0:
            findings.append(Finding(f"probe.{index}", "info", "探针", Location(index, None, start + at, start + at + 2),
                                    "同意", None))
    assert [raw.blocks[f.location.block].kind for f in findings] == ["header", "para", "textbox", "table_row", "para"]
    output = tmp_path / "批注.docx"
    annotate_docx(repeated_docx, DocResult(str(repeated_docx), "docx", "ok", findings=tuple(findings),
                                           document=document), output)
    comments = _comments(output)
    covered, paragraphs = _commented_text(output), _paragraph_texts_with_comments(output)
    header, body, box, cell, second_line = (comment.comment_id for comment in comments)
    assert "（位于页眉：“同意”）" in comments[0].text  # headers carry no comments: the first body text
    assert (paragraphs[header], covered[header]) == ("经研究，同意。", "经研究，同意。")
    assert (paragraphs[body], covered[body]) == ("经研究，同意。", "同意")
    assert "（位于文本框：“同意”）" in comments[2].text and paragraphs[box] == "关于"
    assert (paragraphs[cell], covered[cell]) == ("经研究，同意。", "同意")
    assert (paragraphs[second_line], covered[second_line]) == ("第一行经研究，同意。", "同意")
    cell_paragraph = docx.Document(str(output)).tables[0].cell(0, 1).paragraphs[1]
    assert cell_paragraph._p.xpath("./w:commentRangeStart")


RUN_TEXTS = st.lists(st.text(alphabet="经研究同意区财政局。，", min_size=1, max_size=5), min_size=1, max_size=4)


@settings(max_examples=25, deadline=5000, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(paragraphs=st.lists(RUN_TEXTS, min_size=1, max_size=4), picks=st.lists(
    st.tuples(st.integers(0, 50), st.integers(0, 20), st.integers(1, 8)), min_size=1, max_size=4))
def test_a_comment_covers_exactly_the_characters_of_its_finding(tmp_path_factory, paragraphs, picks):
    folder = tmp_path_factory.mktemp("annotate")
    word = docx.Document()
    for runs in paragraphs:
        paragraph = word.add_paragraph()
        for number, text in enumerate(runs):
            paragraph.add_run(text).bold = number % 2 == 1
    source = folder / "随机.docx"
    word.save(source)
    raw = read_document(source)
    document = dataclasses.replace(make_document(str(source), [(b.kind, b.text) for b in raw.blocks]), raw=raw)
    findings, expected = [], []
    for block_pick, offset, width in picks:
        index = block_pick % len(raw.blocks)
        text = raw.blocks[index].text
        start = min(offset, len(text) - 1)
        end = min(start + width, len(text))
        base = document.block_spans[index][0]
        findings.append(Finding("probe", "info", "探针", Location(index, None, base + start, base + end),
                                text[start:end], None))
        expected.append(text[start:end])
    output = folder / "批注.docx"
    annotate_docx(source, DocResult(str(source), "docx", "ok", findings=tuple(findings), document=document), output)
    covered = _commented_text(output)
    assert [covered[comment.comment_id] for comment in _comments(output)] == expected
    assert read_document(output).blocks == raw.blocks  # the text itself is untouched


def test_comment_text_names_the_fields_the_finding_rests_on():
    finding = Finding("request.one-matter", "warning", "疑似一文多事。", None, "并请求",
                      Source("《工作规则》", "第五条", "一文一事"), "拆分为两份请示。",
                      evidence=(Evidence("request_items", "request_items", 0.4, 10, 20),
                                Evidence("signer", None, None)))
    text = comment_text(finding)
    assert "（所据要素：请示事项未能可靠识别（" in text
    assert "签发人（未找到）" in text
    assert text.endswith("）建议：拆分为两份请示。")

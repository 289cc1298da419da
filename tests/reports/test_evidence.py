"""Each finding's evidence (the fields it rests on, what read them and how surely) in the human
formats: terminal text, Markdown, HTML; and provenance in `extract`'s text output."""
from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

from report_samples import REQUEST_BLOCKS, make_document, request_result

from gongwen.extractors.fields.doc_type import BASIS_CONFIDENCE
from gongwen.extractors.fields.provenance import METADATA_CONFIDENCE
from gongwen.pipeline.model import ELEMENTS, Evidence, Fields, Provenance
from gongwen.reports import common
from gongwen.reports.base import BUILTIN_MODULES, ReportContext
from gongwen.reports.common import evidence_label, evidence_text, finding_details, producer_label
from gongwen.reports.html_report import render_html
from gongwen.reports.markdown_report import render_markdown
from gongwen.reports.text_report import render_text

CHECK = ReportContext(command="check", tool_version="0.1.0")
EXTRACT = ReportContext(command="extract", tool_version="0.1.0")
REPORTS = Path(common.__file__).parent

TITLE = REQUEST_BLOCKS[1][1]
TITLE_START = len(REQUEST_BLOCKS[0][1]) + 1  # the title is the second block
SURE_TITLE = Evidence("title", "labeller:title", 0.92, TITLE_START, TITLE_START + len(TITLE))
UNSURE_DOC_TYPE = Evidence("doc_type", "doc_type:body_phrases_weak", 0.4, TITLE_START, TITLE_START + 4)
MISSING_SIGNER = Evidence("signer", None, None)


def _with_evidence(*evidence: Evidence, keep_document: bool = True, suspected: bool = False):
    """The sample 请示 whose first finding rests on ``evidence``."""
    result = request_result(keep_document=keep_document)
    first = dataclasses.replace(result.findings[0], evidence=evidence)
    if suspected:
        first = dataclasses.replace(first, severity="warning",
                                    message="疑似" + first.message + "（未能可靠识别本文的文种，此项判断可能有误，请人工核实）")
    return dataclasses.replace(result, findings=(first, *result.findings[1:]))


def test_every_producer_extraction_writes_has_a_chinese_name():
    producers = [f"labeller:{element}" for element in ELEMENTS]
    producers += list(METADATA_CONFIDENCE)
    producers += [f"doc_type:{basis}" for basis in BASIS_CONFIDENCE]
    producers += [f"approval:{source}" for source in ("sidecar", "table", "text")]  # ApprovalReading.source
    producers += ["request_items"]
    labels = {producer: producer_label(producer) for producer in producers}
    assert labels["labeller:title"] == labels["labeller:signature"] == "版式识别"
    assert labels["page_metadata"] == "网页信息栏"
    assert labels["approval:sidecar"] == "签批记录文件"
    assert labels["doc_type:title"] == "标题中的文种"
    assert not [p for p, label in labels.items() if label == common.UNKNOWN_PRODUCER_LABEL]
    assert not [label for label in labels.values() if re.search(r"[A-Za-z_:]", label)]


def test_evidence_label_names_the_field_the_reader_the_confidence_and_the_paragraph():
    document = make_document("x.docx", REQUEST_BLOCKS)
    assert evidence_label(SURE_TITLE, document) == "标题（第2段，版式识别，可信度 92%）"
    assert evidence_label(SURE_TITLE) == "标题（版式识别，可信度 92%）"  # no text at hand: no paragraph
    assert evidence_label(MISSING_SIGNER) == "签发人（未找到）"
    assert evidence_label(Evidence("approval", "approval:sidecar", 1.0)) == "发文稿纸（审批记录）（签批记录文件，可信度 100%）"


def test_a_field_read_below_its_threshold_is_named_as_not_read_reliably():
    assert evidence_label(UNSURE_DOC_TYPE) == "文种未能可靠识别（正文用语推断，依据较弱，可信度 40%）"
    # the approval record's threshold is 0.75: 0.7 is unsure there, sure for any other field
    assert evidence_label(Evidence("approval", "approval:text", 0.7)).startswith("发文稿纸（审批记录）未能可靠识别（")
    assert "未能可靠识别" not in evidence_label(Evidence("title", "labeller:title", 0.7))


def test_details_list_the_evidence_after_the_basis_and_nothing_for_a_finding_without_it():
    finding = _with_evidence(SURE_TITLE, MISSING_SIGNER).findings[0]
    labels = [label for label, _ in finding_details(finding)]
    assert labels == ["原文", "依据", "所据要素", "建议"]
    assert dict(finding_details(finding))["所据要素"] == "标题（版式识别，可信度 92%）；签发人（未找到）"
    assert "所据要素" not in dict(finding_details(request_result().findings[1]))


def test_terminal_text_shows_the_evidence_under_the_finding():
    text = render_text([_with_evidence(SURE_TITLE, UNSURE_DOC_TYPE, keep_document=False, suspected=True)], CHECK)
    lines = text.splitlines()
    head = next(index for index, line in enumerate(lines) if "request.one-matter" in line)
    assert lines[head].startswith("    警告 request.one-matter 第4段 疑似")
    block = lines[head + 1:head + 5]  # 原文, 建议, 依据, 所据要素 under the finding
    assert block[0].startswith("        原文：")
    source = next(index for index, line in enumerate(block) if line.startswith("        依据："))
    assert block[source].startswith("        依据：《东安区人民政府工作规则》第五十八条")
    assert block[source + 1] == ("        所据要素：标题（版式识别，可信度 92%）；"
                                 "文种未能可靠识别（正文用语推断，依据较弱，可信度 40%）")
    assert "labeller" not in text and "doc_type:" not in text


def test_markdown_shows_the_evidence_with_the_paragraph_when_the_text_is_kept():
    markdown = render_markdown([_with_evidence(SURE_TITLE, UNSURE_DOC_TYPE)], CHECK)
    assert ("   - 所据要素：标题（第2段，版式识别，可信度 92%）；"
            "文种未能可靠识别（第2段，正文用语推断，依据较弱，可信度 40%）") in markdown.splitlines()


def test_html_shows_the_evidence_and_marks_the_field_not_read_reliably():
    page = render_html([_with_evidence(SURE_TITLE, UNSURE_DOC_TYPE, suspected=True)], CHECK)
    evidence = re.search(r'<dt>所据要素</dt><dd class="evidence">(.*?)</dd>', page).group(1)
    assert evidence == ('<span>标题（第2段，版式识别，可信度 92%）</span>；'
                        '<span class="unsure">文种未能可靠识别（第2段，正文用语推断，依据较弱，可信度 40%）</span>')
    assert page.count("<dt>所据要素</dt>") == 1  # only the finding that has evidence


def test_extract_text_shows_how_each_field_was_read():
    fields = Fields(doc_type="请示", title=TITLE, issuer=("东安区人民政府办公室",), date="2024-03-05",
                    provenance={"doc_type": Provenance("doc_type:title_first_component", 0.55, 0, 10),
                                "title": Provenance("labeller:title", 0.92, 0, 10),
                                "issuer": Provenance("page_metadata", 0.7)})
    result = dataclasses.replace(request_result(), fields=fields, findings=())
    lines = render_text([result], EXTRACT).splitlines()
    assert "    文种：请示（标题中复合文种的第一个，可信度 55%，未能可靠识别）" in lines
    assert f"    标题：{TITLE}（版式识别，可信度 92%）" in lines
    assert "    发文机关：东安区人民政府办公室（网页信息栏，可信度 70%）" in lines
    assert "    成文日期：2024-03-05" in lines  # no provenance known: the value alone
    assert "    签发人：—" in lines


def test_evidence_text_names_each_field_once():
    finding = _with_evidence(SURE_TITLE, SURE_TITLE).findings[0]
    assert evidence_text(finding) == "标题（版式识别，可信度 92%）"


def test_report_emitters_do_not_import_one_another():
    """Emitters share wording through reports.common (and base), never through each other."""
    allowed = {"gongwen.reports.base", "gongwen.reports.common"}
    for module in BUILTIN_MODULES.values():
        tree = ast.parse((REPORTS / f"{module}.py").read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        reports = {name for name in imported if name and name.startswith("gongwen.reports")}
        assert reports <= allowed, (module, reports - allowed)

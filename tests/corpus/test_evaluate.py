"""The evaluator's comparison rules, with hand-made results (no pipeline needed)."""
from __future__ import annotations

from pathlib import Path

import yaml

from corpus.evaluate import EvalReport, evaluate, format_details, format_table, phrases_matched, score_document
from gongwen.pipeline.model import ApprovalStep, Contact, DocError, DocResult, Fields, Finding, RequestItem

LABEL = {
    "doc_type": "请示",
    "title": "阳泉市城区教育局关于扩建城区第三小学学生食堂的请示",
    "issuer": ["阳泉市城区教育局"],
    "doc_number": "城教字〔2024〕12号",
    "signer": ["武某某"],
    "date": "2024-03-12",
    "recipients": ["阳泉市城区人民政府"],
    "cc": [],
    "contact": {"name": "张某某", "phone": "0353-2021234"},
    "urgency": None,
    "request_items": {"count": 1, "items": ["食堂扩建项目立项"]},
    "approval": [{"role": "拟稿", "name": "张某某", "date": "2024-03-08"},
                 {"role": "签发", "name": "武某某", "post": "局长", "date": "2024-03-12"}],
    "findings": [{"rule": "request.contact-missing"}],
}

GOOD = Fields(
    doc_type="请示", title="阳泉市城区教育局关于扩建城区第三小学学生食堂的请示", issuer=("阳泉市城区教育局",),
    doc_number="城教字〔2024〕12号", signer=("武 某某",), date="2024-03-12", recipients=("阳泉市城区人民政府",),
    contact=Contact("张某某", "0353-2021234"),
    request_items=(RequestItem("恳请区政府同意城区第三小学学生食堂扩建项目立项", 0, 10),),
    approval=(ApprovalStep("拟稿", "张某某", date="2024-03-08"),
              ApprovalStep("签发", "武某某", post="局长", date="2024-03-12")),
)


def finding(rule: str) -> Finding:
    return Finding(rule=rule, severity="warning", message="…", location=None, excerpt=None, source=None)


def scored(fields: Fields | None, findings=(), status="ok") -> EvalReport:
    report = EvalReport()
    error = DocError("no-text", "文件中没有可识别的文字内容。") if status == "error" else None
    score_document(report, "a.docx", LABEL, DocResult("a.docx", "docx", status, error, fields, tuple(findings)))
    return report


def test_a_correct_extraction_scores_every_labelled_field():
    report = scored(GOOD)
    assert report.mismatches == []
    labelled = {name for name in report.fields if name in LABEL}
    assert {name for name, score in report.fields.items() if score.n} == labelled
    assert all(report.fields[name].correct == 1 for name in labelled)
    assert report.fields["attachments"].n == 0  # not in the label: not scored


def test_expected_empty_and_extracted_empty_is_correct():
    report = scored(GOOD)
    assert report.fields["cc"].correct == 1 and report.fields["urgency"].correct == 1


def test_lists_compare_in_order_and_strings_without_spaces():
    import dataclasses

    report = scored(dataclasses.replace(GOOD, recipients=("阳泉市城区人民政府", "区财政局"), title=GOOD.title + "。"))
    assert {m.field for m in report.mismatches} == {"recipients", "title"}


def test_request_items_need_the_count_and_each_phrase_in_its_own_item():
    assert phrases_matched(["增设", "经费"], ["增设服务站", "追加经费"])
    assert not phrases_matched(["增设", "经费"], ["增设服务站并追加经费", "其他"])  # one item cannot serve both
    assert not phrases_matched(["服务站", "服务站"], ["增设服务站", "追加经费"])
    assert phrases_matched(["服务站", "经费"], ["服务站经费", "服务站"])  # needs the augmenting path

    import dataclasses

    two = dataclasses.replace(GOOD, request_items=GOOD.request_items * 2)
    assert [m.field for m in scored(two).mismatches] == ["request_items"]


def test_approval_compares_roles_names_and_dates_in_order():
    import dataclasses

    swapped = dataclasses.replace(GOOD, approval=tuple(reversed(GOOD.approval)))
    undated = dataclasses.replace(GOOD, approval=(GOOD.approval[0], ApprovalStep("签发", "武某某", post="局长")))
    other_post = dataclasses.replace(GOOD, approval=(GOOD.approval[0], ApprovalStep("签发", "武某某", "副局长", "2024-03-12")))
    assert [m.field for m in scored(swapped).mismatches] == ["approval"]
    assert [m.field for m in scored(undated).mismatches] == ["approval"]
    assert scored(other_post).mismatches == []  # post is not scored


def test_a_failed_document_counts_as_wrong_for_every_labelled_field():
    report = scored(None, status="error")
    assert report.errors == {"a.docx": "文件中没有可识别的文字内容。"}
    assert all(score.correct == 0 for score in report.fields.values())
    assert len(report.mismatches) == sum(score.n for score in report.fields.values())


def test_findings_give_precision_and_recall_per_rule():
    report = scored(GOOD, findings=[finding("request.contact-missing"), finding("title.format")])
    assert report.rules["request.contact-missing"].true_positives == 1
    assert report.rules["title.format"].false_positives == 1
    assert report.rules["title.format"].precision == 0.0
    assert report.validated and "request.contact-missing" in format_table(report)
    missed = scored(GOOD, findings=[])
    assert missed.rules["request.contact-missing"].false_negatives == 1
    assert missed.rules["request.contact-missing"].recall == 0.0


def test_rules_are_not_reported_when_no_document_produced_findings():
    report = scored(GOOD, findings=[])
    assert not report.validated
    assert "not scored" in format_table(report) and "request.contact-missing" not in format_table(report)


def test_evaluate_reads_labels_and_uses_the_label_roster(tmp_path: Path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "labels").mkdir()
    (tmp_path / "rosters").mkdir()
    (tmp_path / "rosters" / "da.yaml").write_text("government: 东安区人民政府\npeople: []\n", encoding="utf-8")
    (tmp_path / "documents" / "a.txt").write_text("正文", encoding="utf-8")
    (tmp_path / "documents" / "unlabelled.txt").write_text("正文", encoding="utf-8")
    label = {"doc_type": "函", "date": "2024-01-02", "roster": "rosters/da.yaml"}
    (tmp_path / "labels" / "a.txt.yaml").write_text(yaml.safe_dump(label, allow_unicode=True), encoding="utf-8")
    (tmp_path / "labels" / "gone.pdf.yaml").write_text("doc_type: 函\n", encoding="utf-8")
    calls = []

    def process(path: Path, label: dict) -> DocResult:
        calls.append((path.name, label["roster"]))
        return DocResult(str(path), "txt", "ok", fields=Fields(doc_type="函", date="2024-01-03"))

    report = evaluate(tmp_path, process=process)
    assert calls == [("a.txt", "rosters/da.yaml")]
    assert report.documents == 1
    assert (report.fields["doc_type"].accuracy, report.fields["date"].accuracy) == (1.0, 0.0)
    table = format_table(report)
    assert "doc_type" in table and "1.000" in table
    assert '"2024-01-03"' in format_details(report)


def test_a_set_scores_its_own_folders_and_keeps_its_first_run(tmp_path: Path):
    from corpus.evaluate import EvalSet, evaluate_set, record_first_run, report_from_dict

    (tmp_path / "labels").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.docx").write_bytes(b"")
    (tmp_path / "labels" / "a.docx.yaml").write_text(yaml.safe_dump(LABEL, allow_unicode=True), encoding="utf-8")
    (tmp_path / "labels" / "missing.docx.yaml").write_text("doc_type: 请示\n", encoding="utf-8")
    eval_set = EvalSet("blind", tmp_path / "labels", tmp_path / "docs", roster_base=tmp_path)
    seen = []

    def process(path, label):
        seen.append(path)
        return DocResult(path.name, "docx", "ok", None, GOOD, (finding("request.contact-missing"),))

    report = evaluate_set(eval_set, process)
    assert seen == [tmp_path / "docs" / "a.docx"]  # a label without its document is not scored
    assert report.fields["title"].correct == 1 and report.rules["request.contact-missing"].true_positives == 1

    assert record_first_run(eval_set, report)
    worse = evaluate_set(eval_set, lambda path, label: DocResult(path.name, "docx", "ok", None, Fields()))
    assert not record_first_run(eval_set, worse)  # the first run is never overwritten
    kept = report_from_dict(__import__("json").loads(eval_set.first_run_file.read_text(encoding="utf-8")))
    assert kept.fields["title"].correct == 1 and kept.rules["request.contact-missing"].true_positives == 1


def test_paraphrased_key_phrases_match_by_bigram_share_unless_strict():
    item = "请区政府批准命名上述5个站点为2024年度东安区社区养老服务示范站"
    assert phrases_matched(["命名社区养老服务示范站"], [item])
    assert not phrases_matched(["命名社区养老服务示范站"], [item], strict=True)
    assert not phrases_matched(["举办非遗文化节"], ["活动经费共需45.6万元，其中舞台搭建费用21.3万元"])
    # one item still serves one phrase only
    assert not phrases_matched(["增设服务站", "追加经费"], ["增设服务站并追加经费", "其他事项"])

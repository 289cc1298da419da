"""Extraction accuracy on the labelled corpus: every field at 0.9 or better; and every rule id at
precision and recall 0.9 or better, end to end, over the labelled corpus and the rule cases together.

This runs the whole pipeline over corpus/documents (each with its jurisdiction's pack and roster)
and over corpus/cases; it fails until extraction is complete.
"""
from __future__ import annotations

from pathlib import Path

import pytest

FLOOR = 0.9  # the floor, for rules
# Raised as extraction improved (all fields scored 1.000 when raised); request_items has only 11
# labelled 请示, where one miss is 0.909.
FIELD_FLOOR = 0.95
FIELD_FLOORS = {"request_items": 0.9}
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def report():
    pytest.importorskip("gongwen.pipeline.runner")
    pytest.importorskip("gongwen.pipeline.roster")
    from corpus.evaluate import evaluate

    return evaluate(CORPUS)


@pytest.fixture(scope="module")
def rule_scores(report):
    """Per rule id: (true positives, false positives, false negatives), labelled corpus + cases."""
    from gongwen.validators.cases import evaluate_cases

    totals: dict[str, list[int]] = {}
    for rule, score in report.rules.items():
        totals[rule] = [score.true_positives, score.false_positives, score.false_negatives]
    for rule, score in evaluate_cases(CORPUS / "cases", mode="pipeline").items():
        tally = totals.setdefault(rule, [0, 0, 0])
        tally[0] += score.true_positives
        tally[1] += score.false_positives
        tally[2] += score.false_negatives
    return totals


def _rule_ids() -> list[str]:
    from gongwen.validators.packs import available_packs, load_pack

    return sorted({rule.id for name in available_packs() for rule in load_pack(name).active_rules()})


def test_no_labelled_document_fails(report):
    assert report.errors == {}


@pytest.mark.parametrize("field_name", [
    "doc_type", "title", "issuer", "doc_number", "signer", "date", "recipients", "cc", "attachments",
    "contact", "copy_number", "classification", "urgency", "printed_by", "printed_date",
    "request_items", "approval"])
def test_field_accuracy_floor(report, field_name):
    score = report.fields[field_name]
    assert score.n > 0, f"no label gives {field_name}"
    misses = [m for m in report.mismatches if m.field == field_name]
    assert score.accuracy >= FIELD_FLOORS.get(field_name, FIELD_FLOOR), f"{field_name}: {score.correct}/{score.n}; first misses: {misses[:5]}"


@pytest.mark.parametrize("rule", _rule_ids())
def test_rule_precision_and_recall_floor(report, rule_scores, rule):
    assert report.validated, "no labelled document produced findings: the labels name no pack"
    true_positives, false_positives, false_negatives = rule_scores.get(rule, [0, 0, 0])
    assert true_positives + false_negatives > 0, f"{rule}: no labelled document or case expects it"
    precision = true_positives / (true_positives + false_positives) if true_positives + false_positives else 1.0
    recall = true_positives / (true_positives + false_negatives)
    assert precision >= FLOOR and recall >= FLOOR, (
        f"{rule}: precision {precision:.2f}, recall {recall:.2f} "
        f"(tp {true_positives}, fp {false_positives}, fn {false_negatives}; labelled corpus + corpus/cases)")

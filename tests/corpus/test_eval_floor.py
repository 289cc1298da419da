"""Extraction accuracy on the labelled corpus: every field at 0.9 or better.

This runs the whole pipeline over corpus/documents; it fails until extraction is complete.
"""
from __future__ import annotations

from pathlib import Path

import pytest

FLOOR = 0.9
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def report():
    pytest.importorskip("pipeline.runner")
    pytest.importorskip("pipeline.roster")
    from corpus.evaluate import evaluate

    return evaluate(CORPUS)


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
    assert score.accuracy >= FLOOR, f"{field_name}: {score.correct}/{score.n}; first misses: {misses[:5]}"

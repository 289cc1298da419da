"""A bounded load test of `gongwen serve` on loopback: 200 distinct documents from 20 client
threads through the API, every one stored exactly once with a status (corpus/bench/load.py). The
throughput against `gongwen batch` is measured and checked by `make bench`, not here (timings on a
shared machine make a flaky assertion, and the batch would add its own run to the suite's time).
The figures are printed and written to out/test-artifacts/load.json."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.bench.load import DEFAULT_CLIENTS, DEFAULT_DOCUMENTS, render, run_load_test

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
ARTIFACT = REPO / "out" / "test-artifacts" / "load.json"
DEADLINE_SECONDS = 300


def test_200_uploads_from_20_clients_each_stored_once_with_a_status(tmp_path):
    figures = run_load_test(DEFAULT_DOCUMENTS, DEFAULT_CLIENTS, jobs=2, deadline_seconds=DEADLINE_SECONDS,
                            work=tmp_path, against_batch=False)
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(figures.as_dict(), indent=1), encoding="utf-8")
    print("\n" + render(figures.as_dict()))

    assert figures.problems == []
    assert figures.serve["finished"] == DEFAULT_DOCUMENTS
    assert set(figures.serve["statuses"]) <= {"done", "error"}
    checks = figures.checks
    assert checks["reviews"] == checks["documents"] == checks["api_reviews"] == DEFAULT_DOCUMENTS
    assert set(checks["reviews_by_status"]) <= {"done", "error"}
    assert set(checks["documents_by_status"]) <= {"ok", "error"}
    assert checks["duplicates_recognised"] == checks["uploaded_again"] > 0
    assert figures.batch == {} and figures.as_dict()["ratio"] is None

"""The bench's scale section reads its figures right: the ratio at equal cores, the verdict against
0.85, mismatched documents counted, a failed run shown as such (the runs themselves are measured by
`make bench`, not here)."""
from corpus.bench.scale import TARGET_RATIO, _mismatches, render, targets


def _figures(pool_seconds: float, cluster_seconds: float, mismatches: list[str] | None = None) -> dict:
    def run(seconds: float, **extra) -> dict:
        return {"seconds": seconds, "docs_per_second": 100 / seconds, "errors": 0, "processed": 100,
                "status": "finished", "mismatches": [], "all_seconds": [seconds, seconds + 1], **extra}

    return {"documents": 100, "by_format": {"docx": 60, "txt": 40}, "cpus": 2, "median_bytes": 2048,
            "postgres": False, "target_ratio": TARGET_RATIO,
            "runs": {"pool-2": run(pool_seconds),
                     "cluster-2": run(cluster_seconds, start_seconds=0.8, mismatches=mismatches or [])},
            "comparisons": [{"workers": 2, "ratio": pool_seconds / cluster_seconds,
                             "overhead_ms": (2 * cluster_seconds / 100 - 2 * pool_seconds / 100) * 1000,
                             "pool_core_ms": 2 * pool_seconds / 100 * 1000}],
            "writes": {"sqlite": [{"writers": 1, "documents": 100, "findings": 7, "seconds": 0.25,
                                   "saves_per_second": 400.0}], "postgresql": []}}


def test_the_verdict_follows_the_ratio_at_equal_cores() -> None:
    passing, missing = targets(_figures(10.0, 11.0)), targets(_figures(10.0, 12.5))
    assert [check["pass"] for check in passing] == [True, True]
    assert [check["pass"] for check in missing] == [False, True]
    assert round(missing[0]["value"], 2) == 0.8


def test_documents_stored_otherwise_fail_the_section_and_are_named() -> None:
    stored = {"/c/a.docx": ["ok", None, 2], "/c/b.txt": ["error", "timeout", 0]}
    reference = {"/c/a.docx": ["ok", None, 2], "/c/b.txt": ["ok", None, 1]}
    differing = _mismatches(stored, reference)
    assert differing == ["b.txt: ['error', 'timeout', 0] (pool: ['ok', None, 1])"]
    figures = _figures(10.0, 10.5, differing)
    assert targets(figures)[-1] == {"name": "scale: documents stored otherwise than the pool", "value": 1,
                                    "target": 0, "unit": "", "comparison": "<=", "pass": False}
    assert "1 stored otherwise than the pool, e.g. b.txt" in render(figures)


def test_a_failed_run_is_reported_not_compared() -> None:
    figures = _figures(10.0, 11.0)
    figures["runs"]["cluster-2"] = {"failed": "OSError: no scheduler"}
    figures["comparisons"] = [{"workers": 2, "ratio": None, "overhead_ms": None}]
    text = render(figures)
    assert "FAILED: OSError: no scheduler" in text and "LocalCluster / pool —" in text
    assert [check["pass"] for check in targets(figures)] == [None, None]

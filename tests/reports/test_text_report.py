"""The terminal report marks each document by its worst finding: ✗ errors, ⚠ warnings only, ✓ clean."""
from __future__ import annotations

import dataclasses

from report_samples import clean_result, request_result

from gongwen.reports.base import ReportContext
from gongwen.reports.text_report import render_text

CHECK = ReportContext(command="check", tool_version="0.1.0")


def _first_line(result) -> str:
    return render_text([result], CHECK).splitlines()[0]


def test_a_document_is_marked_by_its_worst_finding():
    with_errors = request_result()
    warnings_only = dataclasses.replace(with_errors, findings=tuple(
        finding for finding in with_errors.findings if finding.severity != "error"))
    assert any(finding.severity == "error" for finding in with_errors.findings)
    assert any(finding.severity == "warning" for finding in warnings_only.findings)
    assert _first_line(with_errors).startswith("✗ ")
    assert _first_line(warnings_only).startswith("⚠ ")
    assert _first_line(clean_result()).startswith("✓ ")


def test_findings_show_their_place_the_text_and_the_advice():
    result = request_result()
    finding = next(finding for finding in result.findings if finding.excerpt and finding.suggestion)
    on_page = dataclasses.replace(finding, location=dataclasses.replace(finding.location, page=2))
    text = render_text([dataclasses.replace(result, findings=(on_page,))], CHECK)
    assert f"第2页第{finding.location.block + 1}段" in text
    assert f"原文：{finding.excerpt}" in text and f"建议：{finding.suggestion}" in text

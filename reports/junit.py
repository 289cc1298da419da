"""JUnit XML for CI test-report views (GitLab merge requests, Jenkins).

Layout, chosen so both GitLab and Jenkins show it well:
- one ``<testsuite>`` per document, named by its path;
- one ``<testcase>`` per finding, named "rule @ location" (e.g. "request.one-matter @ 第3段
  [120:168]") so GitLab never folds two findings of one rule into one line; ``classname`` is the
  path with dots replaced by underscores, since Jenkins reads the part after the last dot as a class
  name ("请示.docx" would otherwise show as class "docx"); ``file`` keeps the real path for GitLab;
- findings at the gate's level and above (``check --fail-on``, default error) are
  ``<failure type="rule id">``; below it (warnings when the gate fails on errors only, info
  always) they pass and carry their text in ``<system-out>``, so a passing gate shows no failures;
- a document without findings gets one passing "未发现问题" testcase, so no suite is ever empty;
- a document that could not be processed gets one ``<error type="error code">`` testcase.
No durations are written: the report stays byte-identical for identical results.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence

from gongwen.pipeline.model import SEVERITY_LABELS, SEVERITY_RANK, DocResult, Finding
from gongwen.pipeline.paths import shown
from gongwen.reports.base import ReportContext, emitter
from gongwen.reports.common import finding_details, location_label

# Characters XML 1.0 cannot carry at all, not even escaped (documents do contain \x0b and \x0c).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str | None) -> str:
    return _XML_INVALID.sub("\ufffd", text or "")


def _details(finding: Finding) -> str:
    lines = [f"{SEVERITY_LABELS[finding.severity]}：{finding.message}", f"位置：{location_label(finding)}",
             *(f"{label}：{text}" for label, text in finding_details(finding))]
    return xml_text("\n".join(lines))


def _testcase(suite: ET.Element, result: DocResult, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {
        "name": xml_text(name),
        "classname": xml_text(shown(result.path).replace(".", "_")),
        "file": xml_text(shown(result.path)),
    })


def _suite(result: DocResult, fail_on: str) -> tuple[ET.Element, Counter[str]]:
    suite = ET.Element("testsuite", {"name": xml_text(shown(result.path))})
    counts: Counter[str] = Counter()
    if result.status == "error":
        case = _testcase(suite, result, "读取与处理")
        error = ET.SubElement(case, "error", {"message": xml_text(result.error.message), "type": result.error.code})
        error.text = xml_text(result.error.message)
        counts.update(tests=1, errors=1)
        return suite, counts
    names: Counter[str] = Counter()
    for finding in result.findings:
        name = f"{finding.rule} @ {location_label(finding)}"
        names[name] += 1
        if names[name] > 1:
            name += f" #{names[name]}"
        case = _testcase(suite, result, name)
        counts["tests"] += 1
        if fails_gate(finding, fail_on):
            failure = ET.SubElement(case, "failure", {"message": xml_text(finding.message), "type": finding.rule})
            failure.text = _details(finding)
            counts["failures"] += 1
        else:
            ET.SubElement(case, "system-out").text = _details(finding)
    if not result.findings:
        _testcase(suite, result, "未发现问题")
        counts["tests"] += 1
    return suite, counts


def _set_counts(element: ET.Element, counts: Counter[str]) -> None:
    for key in ("tests", "failures", "errors"):
        element.set(key, str(counts[key]))
    element.set("skipped", "0")


@emitter("junit")
def render_junit(results: Sequence[DocResult], context: ReportContext) -> str:
    root = ET.Element("testsuites", {"name": "gongwen"})
    totals: Counter[str] = Counter()
    for result in results:
        suite, counts = _suite(result, context.fail_on)
        _set_counts(suite, counts)
        root.append(suite)
        totals.update(counts)
    _set_counts(root, totals)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def fails_gate(finding: Finding, fail_on: str) -> bool:
    return fail_on != "never" and SEVERITY_RANK[finding.severity] >= SEVERITY_RANK.get(fail_on, SEVERITY_RANK["error"])

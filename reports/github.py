"""GitHub Actions workflow commands (``::error file=…::…``), plus the job summary.

GitHub shows at most 10 error and 10 warning annotations per step, so errors come first and the
list is capped (``context.extra["max_annotations"]``, default 50) with a closing notice that says how
many were left out. When ``GITHUB_STEP_SUMMARY`` is set, every finding is also appended to the job
summary as a Markdown table, so nothing is lost to the cap.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path

from gongwen.pipeline.model import SEVERITY_LABELS, DocResult, Finding
from gongwen.pipeline.paths import absolute, shown
from gongwen.reports.base import ReportContext, emitter
from gongwen.reports.common import (base_directory, finding_details, findings_table, line_column, overview_table,
                                    relative_path, summary_line)

DEFAULT_MAX_ANNOTATIONS = 50
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, message: str, **properties: object) -> str:
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items()
                        if value is not None)
    return f"::{command}{' ' + rendered if rendered else ''}::{escape_data(message)}"


def _file(result: DocResult, base_dir: Path) -> str:
    return shown(relative_path(result.path, base_dir) or absolute(result.path))


def _position(result: DocResult, finding: Finding) -> dict[str, int]:
    if finding.location is None or result.document is None:
        return {}
    text = result.document.original
    start = max(0, min(finding.location.start, len(text)))
    end = max(start, min(finding.location.end, len(text)))
    line, col = line_column(text, start)
    end_line, end_col = line_column(text, end)
    return {"line": line, "endLine": end_line, "col": col, "endColumn": end_col}


def _finding_message(finding: Finding) -> str:
    return "\n".join([finding.message, *(f"{label}：{text}" for label, text in finding_details(finding))])


def _annotations(results: Sequence[DocResult], base_dir: Path) -> list[tuple[int, str]]:
    """(severity rank, command) for every failed document and finding, in report order."""
    annotations = []
    for result in results:
        file = _file(result, base_dir)
        if result.status == "error":
            command = workflow_command("error", result.error.message, file=file, title="无法处理该文件")
            annotations.append((SEVERITY_ORDER["error"], command))
            continue
        for finding in result.findings:
            title = f"{finding.rule}（{SEVERITY_LABELS[finding.severity]}）"
            command = workflow_command(COMMANDS[finding.severity], _finding_message(finding),
                                       file=file, **_position(result, finding), title=title)
            annotations.append((SEVERITY_ORDER[finding.severity], command))
    return annotations


def step_summary(results: Sequence[DocResult], base_dir: Path) -> str:
    """All findings as Markdown tables, paths relative to the repository like the annotations."""
    results = [dataclasses.replace(result, path=_file(result, base_dir)) for result in results]
    lines = ["## gongwen 审查结果", "", *overview_table(results), ""]
    if any(result.findings or result.status == "error" for result in results):
        lines += ["### 问题清单", "", *findings_table(results), ""]
    lines += [summary_line(results), ""]
    return "\n".join(lines) + "\n"


@emitter("github")
def render_github(results: Sequence[DocResult], context: ReportContext) -> str:
    limit = int(context.extra.get("max_annotations", DEFAULT_MAX_ANNOTATIONS))
    base_dir = base_directory(context)
    annotations = sorted(_annotations(results, base_dir), key=lambda item: item[0])
    lines = [command for _, command in annotations[:limit]]
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    omitted = len(annotations) - len(lines)
    if omitted > 0:
        if summary_file:
            where = "完整清单见本次运行的摘要页面（Summary）"
        else:
            where = "完整清单请查看 Markdown 或 HTML 格式的报告"
        message = f"另有 {omitted} 条问题未逐条标注（上限 {limit} 条），{where}。"
        lines.append(workflow_command("notice", message))
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as summary:
            summary.write(step_summary(results, base_dir))
    return "\n".join(lines) + "\n" if lines else ""

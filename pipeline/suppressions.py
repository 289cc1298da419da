"""Config-file suppressions: a .docx or .pdf cannot carry inline ignore comments."""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from fnmatch import fnmatch
from pathlib import PurePath

from gongwen.pipeline.config import Suppression
from gongwen.pipeline.model import DocResult, Finding


def _matches(suppression: Suppression, path: str, finding: Finding) -> bool:
    if finding.tool_fault or suppression.rule != finding.rule:
        return False
    if not (PurePath(path).match(suppression.path) or fnmatch(PurePath(path).as_posix(), suppression.path)):
        return False
    return suppression.text is None or suppression.text in (finding.excerpt or "")


def apply_suppressions(results: Sequence[DocResult], suppressions: Sequence[Suppression]
                       ) -> tuple[list[DocResult], list[Suppression]]:
    """Drop suppressed findings; return the filtered results and the suppressions that matched nothing."""
    used: set[int] = set()
    filtered = []
    for result in results:
        kept = []
        for finding in result.findings:
            hits = [index for index, s in enumerate(suppressions) if _matches(s, result.path, finding)]
            used.update(hits)
            if not hits:
                kept.append(finding)
        filtered.append(dataclasses.replace(result, findings=tuple(kept)))
    unused = [s for index, s in enumerate(suppressions) if index not in used]
    return filtered, unused

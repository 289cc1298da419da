"""Baselines: gate a long draft from now on without fixing its past.

A baseline records today's findings keyed on path + rule + matched text (never line numbers, which
move). Checking against it reports only findings beyond what it records; entries whose findings are
gone are pruned, so a baseline only ever shrinks.
"""
from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from gongwen.pipeline import __version__
from gongwen.pipeline.errors import ConfigError
from gongwen.pipeline.model import DocResult
from gongwen.pipeline.paths import absolute, shown

Key = tuple[str, str, str]  # (path relative to the baseline's folder, rule, matched text)


def _key(result: DocResult, rule: str, excerpt: str | None, base: Path) -> Key:
    path = shown(Path(os.path.relpath(absolute(result.path), base)).as_posix())
    return path, rule, excerpt or ""


def _counts(results: Sequence[DocResult], base: Path) -> Counter[Key]:
    return Counter(_key(result, f.rule, f.excerpt, base)
                   for result in results for f in result.findings if not f.tool_fault)


def write_baseline(results: Sequence[DocResult], path: Path, pack_name: str | None) -> int:
    counts = _counts(results, path.resolve().parent)
    _save(path, counts, pack_name)
    return sum(counts.values())


def _save(path: Path, counts: Counter[Key], pack_name: str | None) -> None:
    entries = [{"path": p, "rule": rule, "text": text, "count": n}
               for (p, rule, text), n in sorted(counts.items()) if n > 0]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"tool": {"name": "gongwen", "version": __version__}, "pack": pack_name,
                                "entries": entries}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load_baseline(path: Path) -> tuple[Counter[Key], str | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        counts = Counter({(e["path"], e["rule"], e["text"]): int(e["count"]) for e in data["entries"]})
    except OSError as error:
        raise ConfigError(f"无法读取基线文件“{path}”：{error}") from error
    except (ValueError, KeyError, TypeError) as error:
        raise ConfigError(f"基线文件“{path}”格式有误（{error}），请用 gongwen baseline 重新生成。") from error
    return counts, data.get("pack")


@dataclasses.dataclass(frozen=True)
class BaselineOutcome:
    results: list[DocResult]
    known: int  # findings the baseline covered
    pruned: int  # baseline entries whose findings are gone


def apply_baseline(results: Sequence[DocResult], path: Path) -> BaselineOutcome:
    """Drop findings the baseline records, then rewrite it without the findings that are gone.

    Only entries for documents checked in this run are pruned: checking one file never empties
    the baseline of the others."""
    recorded, pack_name = load_baseline(path)
    base = path.resolve().parent
    remaining = recorded.copy()
    filtered, known = [], 0
    for result in results:
        kept = []
        for finding in result.findings:
            key = _key(result, finding.rule, finding.excerpt, base)
            if remaining[key] > 0 and not finding.tool_fault:
                remaining[key] -= 1
                known += 1
            else:
                kept.append(finding)
        filtered.append(dataclasses.replace(result, findings=tuple(kept)))
    checked = {shown(Path(os.path.relpath(absolute(r.path), base)).as_posix()) for r in results}
    stale = Counter({key: n for key, n in remaining.items() if key[0] in checked and n > 0})
    if stale:
        _save(path, recorded - stale, pack_name)
    return BaselineOutcome(filtered, known, sum(stale.values()))

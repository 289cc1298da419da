"""Run a pack's rules over one document and turn their hits into Findings."""
from __future__ import annotations

import logging
import string

from gongwen.pipeline.model import Document, Finding, Location
from gongwen.validators.context import Hit, RosterLike, RuleContext
from gongwen.validators.packs import Pack, Rule
from gongwen.validators.registry import CHECKS, KINDS, load_builtins

log = logging.getLogger(__name__)

EXCERPT_LIMIT = 80
UNCERTAIN_PREFIX = "疑似"


def validate(doc: Document, pack: Pack, roster: RosterLike | None = None) -> tuple[Finding, ...]:
    """All findings of ``pack`` on ``doc``, sorted by position (findings without a place last)."""
    load_builtins()
    findings: list[Finding] = []
    for rule in pack.active_rules():
        context = RuleContext(doc, rule, roster)
        if not rule.applies_to.matches(context.doc_type, context.issuer_kinds):
            continue
        runner = CHECKS[rule.runner] if rule.kind == "check" else KINDS[rule.runner]
        try:
            hits = list(runner.run(context, rule.options))
        except Exception as error:  # a faulty rule costs only its own check, and fails the gate
            log.exception("rule %s failed on %s", rule.id, doc.raw.path)
            findings.append(_rule_failure(rule, pack, error))
            continue
        findings.extend(_finding(doc, rule, pack, hit) for hit in hits)
    return tuple(sorted(findings, key=_position))


def _position(finding: Finding) -> tuple:
    location = finding.location
    return (location is None, location.start if location else 0, finding.rule)


def _finding(doc: Document, rule: Rule, pack: Pack, hit: Hit) -> Finding:
    values = dict(hit.values)
    message = rule.message.format_map(_Defaults(values))
    severity = hit.severity or rule.severity
    if hit.uncertain:
        message = UNCERTAIN_PREFIX + message
        if severity == "error":
            severity = "warning"
    location, excerpt = _locate(doc, hit)
    return Finding(
        rule=rule.id, severity=severity, message=message, location=location, excerpt=excerpt,
        source=hit.source or rule.source, suggestion=_suggestion(rule, hit, values), pack=pack.name,
    )


def _locate(doc: Document, hit: Hit) -> tuple[Location | None, str | None]:
    if hit.start is None or hit.end is None:
        return None, None
    start, end = doc.to_original(hit.start, hit.end)
    block = doc.block_at(hit.start)
    page = doc.raw.blocks[block].page if block is not None and block < len(doc.raw.blocks) else None
    excerpt = " ".join(doc.original[start:end].split())
    if len(excerpt) > EXCERPT_LIMIT:
        excerpt = excerpt[: EXCERPT_LIMIT - 1] + "…"
    return Location(block=block, page=page, start=start, end=end), excerpt or None


def _suggestion(rule: Rule, hit: Hit, values: dict) -> str | None:
    if rule.suggestion is None:
        return hit.suggestion
    needed = {name for _, name, _, _ in string.Formatter().parse(rule.suggestion) if name}
    available = dict(values)
    if hit.suggestion is not None:
        available["suggested"] = hit.suggestion
    if not needed <= set(available):
        return hit.suggestion
    return rule.suggestion.format_map(available)


class _Defaults(dict):
    """Message values; a placeholder a hit did not fill renders as an empty string."""

    def __missing__(self, key: str) -> str:
        return ""


def _rule_failure(rule: Rule, pack: Pack, error: Exception) -> Finding:
    """A rule that crashed: the document was not fully checked, so it must not pass the gate."""
    return Finding(
        rule=rule.id, severity="error",
        message=(f"规则“{rule.id}”在检查本文件时因程序缺陷（{type(error).__name__}）未能完成，"
                 "本文件未经该项检查，不能视为合格。这是本工具的缺陷，请将本文件和此消息反馈给维护人员。"),
        location=None, excerpt=None, source=rule.source, pack=pack.name,
    )

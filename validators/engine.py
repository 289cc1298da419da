"""Run a pack's rules over one document and turn their hits into Findings."""
from __future__ import annotations

import logging
import string

from gongwen.extractors.fields.provenance import provenance_in_original
from gongwen.pipeline.model import Document, Evidence, Finding, Location
from gongwen.validators.context import Hit, RosterLike, RuleContext
from gongwen.validators.packs import Pack, Rule
from gongwen.validators.registry import CHECKS, KINDS, load_builtins

log = logging.getLogger(__name__)

EXCERPT_LIMIT = 80
UNCERTAIN_PREFIX = "疑似"
# Text read by OCR: below this line confidence a finding resting on it is only 疑似. Format rules
# are 疑似 on any OCR'd text, since OCR reads the brackets they check (〔〕) as 】, 」 or [.
OCR_LOW_CONFIDENCE = 0.9
OCR_FORMAT_RULES = frozenset({"docnumber.format", "date.format", "title.format"})
_QUOTED_OCR_TEXT = 20

# How sure extraction must be of a field (``Fields.provenance``) for a finding resting on it to
# stand as it is: below its threshold the finding is a 疑似 warning naming what could not be read
# reliably. The one table of thresholds; a field not listed here has DEFAULT_CONFIDENCE_THRESHOLD.
DEFAULT_CONFIDENCE_THRESHOLD = 0.6
CONFIDENCE_THRESHOLDS = {
    # a record that is neither titled (发文稿纸) nor before the 版头 may be a process described in the text
    "approval": 0.75,
}
# How a message names each field it could not read reliably ("未能可靠识别本文的文种").
FIELD_NAMES = {
    "doc_type": "文种", "title": "标题", "issuer": "发文机关", "doc_number": "发文字号", "signer": "签发人",
    "date": "成文日期", "date_text": "成文日期", "recipients": "主送机关", "cc": "抄送机关",
    "attachments": "附件说明", "contact": "附注中的联系人和联系电话", "copy_number": "份号",
    "classification": "密级和保密期限", "urgency": "紧急程度", "printed_by": "印发机关",
    "printed_date": "印发日期", "request_items": "请示事项", "approval": "发文稿纸（审批记录）",
}


def validate(doc: Document, pack: Pack, roster: RosterLike | None = None) -> tuple[Finding, ...]:
    """All findings of ``pack`` on ``doc``, sorted by position (findings without a place last)."""
    load_builtins()
    findings: list[Finding] = []
    for rule in pack.active_rules():
        context = RuleContext(doc, rule, roster)
        if not rule.applies_to.matches(context.doc_type, context.issuer_kinds):
            continue
        runner = _runner(rule)
        try:
            hits = list(runner.run(context, rule.options))
        except Exception as error:  # a faulty rule costs only its own check, and fails the gate
            log.exception("rule %s failed on %s", rule.id, doc.raw.path)
            findings.append(_rule_failure(rule, pack, error))
            continue
        findings.extend(_finding(doc, rule, pack, hit) for hit in hits)
    return tuple(sorted(findings, key=_position))


def _runner(rule: Rule):
    return CHECKS[rule.runner] if rule.kind == "check" else KINDS[rule.runner]


def _position(finding: Finding) -> tuple:
    location = finding.location
    return (location is None, location.start if location else 0, finding.rule)


def _finding(doc: Document, rule: Rule, pack: Pack, hit: Hit) -> Finding:
    values = dict(hit.values)
    message = rule.message.format_map(_Defaults(values))
    severity = hit.severity or rule.severity
    location, excerpt = _locate(doc, hit)
    evidence = _evidence(doc, rule, hit)
    ocr_doubt = _ocr_doubt(doc, rule, location) if severity != "info" else None
    unsure = unsure_fields(evidence) if severity != "info" else ()
    if hit.uncertain or ocr_doubt or unsure:
        message = UNCERTAIN_PREFIX + message
        if severity == "error":
            severity = "warning"
    if ocr_doubt:
        message += f"（{ocr_doubt}）"
    if unsure:
        unread = "、".join(dict.fromkeys(FIELD_NAMES.get(item.field, item.field) for item in unsure))
        message += f"（未能可靠识别本文的{unread}，此项判断可能有误，请人工核实）"
    return Finding(
        rule=rule.id, severity=severity, message=message, location=location, excerpt=excerpt,
        source=hit.source or rule.source, suggestion=_suggestion(rule, hit, values), pack=pack.name,
        evidence=evidence,
    )


def confidence_threshold(field: str) -> float:
    return CONFIDENCE_THRESHOLDS.get(field, DEFAULT_CONFIDENCE_THRESHOLD)


def unsure_fields(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """The evidence read below its field's threshold. An empty field (no confidence) is not unsure:
    a finding about what is missing stands as it is (where OCR may have missed it, ``_ocr_doubt`` says so)."""
    return tuple(item for item in evidence
                 if item.confidence is not None and item.confidence < confidence_threshold(item.field))


def _evidence(doc: Document, rule: Rule, hit: Hit) -> tuple[Evidence, ...]:
    """The fields ``hit`` rests on, as extraction read them: the hit's own, else its kind's or
    check's, plus ``doc_type`` and ``issuer`` where the rule applies only to some 文种 or issuers."""
    names = list(hit.rests_on if hit.rests_on is not None else _runner(rule).rested_on(rule.options))
    if rule.applies_to.doc_types:
        names.append("doc_type")
    if rule.applies_to.issuer_kinds:
        names.append("issuer")
    provenance = provenance_in_original(doc, doc.fields.provenance)
    evidence = []
    for name in dict.fromkeys(name.split(".")[0] for name in names):  # contact.phone rests on contact
        read = provenance.get(name)
        evidence.append(Evidence(name, read.producer, read.confidence, read.start, read.end) if read
                        else Evidence(name, None, None))
    return tuple(evidence)


def _ocr_doubt(doc: Document, rule: Rule, location: Location | None) -> str | None:
    """Why the text a finding rests on may have been misread by OCR, or None."""
    blocks = doc.raw.blocks
    block = blocks[location.block] if location and location.block is not None and location.block < len(blocks) else None
    confidence = block.confidence if block is not None else None
    if confidence is not None and confidence < OCR_LOW_CONFIDENCE:
        quoted = block.text if len(block.text) <= _QUOTED_OCR_TEXT else block.text[:_QUOTED_OCR_TEXT - 1] + "…"
        return (f"此处文字由扫描件经文字识别（OCR）读出，“{quoted}”一段识别可信度较低（{confidence:.0%}），"
                "可能有字读错，请对照原件核实")
    read_by_ocr = confidence is not None or (block is None and doc.raw.meta.get("ocr"))
    if rule.id in OCR_FORMAT_RULES and read_by_ocr:
        return "此处文字由扫描件经文字识别（OCR）读出，〔〕、括号、标点等符号可能识别不准，请对照原件核实"
    if _runner(rule).reports_absence and doc.raw.meta.get("ocr"):
        return "本文件为扫描件，文字由文字识别（OCR）读出，所缺内容可能是漏识别所致，请对照原件核实"
    return None


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
        location=None, excerpt=None, source=rule.source, pack=pack.name, tool_fault=True,
    )

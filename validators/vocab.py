"""Shared vocabulary: document types, issuer kinds, sentences and recipients."""
from __future__ import annotations

import re

# 《党政机关公文处理工作条例》第八条: the fifteen statutory types (命令 is also written 令).
LEGAL_DOC_TYPES = (
    "决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报",
    "报告", "请示", "批复", "议案", "函", "纪要",
)
# Meeting materials named by the seed work rules; not 公文 文种 but reviewed all the same.
MATERIAL_TYPES = ("汇报稿", "情况说明", "议题说明")

_TYPE_TAIL = re.compile(
    "(" + "|".join(sorted(LEGAL_DOC_TYPES + MATERIAL_TYPES, key=len, reverse=True)) + ")$"
)
# Status marks appended to draft titles: "（征求意见稿）", "（草案）", "（送审稿）".
DRAFT_SUFFIX = re.compile(r"[（(](征求意见稿|草案|送审稿|讨论稿|修订稿|代拟稿)[）)]\s*$")

ISSUER_KINDS = ("government", "government_office", "department", "party", "other")
_GOVERNMENT = re.compile(r"人民政府$|政府$")
_GOVERNMENT_OFFICE = re.compile(r"(人民)?政府办(公室|公厅)?$")
_PARTY = re.compile(r"(委员会|党委|党组|纪委|党工委)$")
_DEPARTMENT = re.compile(r"(局|分局|委|委员会|办|办公室|中心|署|厅|所|站|院|街道办事处|镇人民政府|乡人民政府)$")

SENTENCE_END = re.compile(r"[。！？；!?;\n]")

# Text forms issued inside a carrier (印发通知) and words written in place of a 文种: a line ending
# in one of them, or in a 文种, reads as a title.
TEXT_FORMS = ("办法", "规定", "细则", "实施意见", "方案", "计划", "规则", "制度", "要点", "规划", "措施", "预案", "章程")
NON_TYPES = ("申请", "汇报", "总结", "报批", "申请书", "说明")
_TITLE_TAIL = re.compile(
    "(?:" + "|".join(sorted(LEGAL_DOC_TYPES + MATERIAL_TYPES + TEXT_FORMS + NON_TYPES, key=len, reverse=True))
    + r")(?:[（(](?:试行|暂行)[）)])?[。.]?$"
)
_MEETING_REPORT = re.compile(r"的汇报(?:稿|提纲|材料)?$")
_RECIPIENT_SEPARATORS = re.compile(r"[、，,；;]")


def strip_draft_suffix(title: str) -> str:
    return DRAFT_SUFFIX.sub("", title.strip()).strip()


def doc_type_from_title(title: str | None) -> str | None:
    if not title:
        return None
    match = _TYPE_TAIL.search(strip_draft_suffix(title))
    return match.group(1) if match else None


def issuer_kind(issuer: str) -> str:
    """Classify one issuer name: a government, its general office, a department, a party organ."""
    name = issuer.strip()
    if _GOVERNMENT_OFFICE.search(name):
        return "government_office"
    if re.search(r"(乡|镇)人民政府$", name):
        return "department"  # a township government reports to the district like a department
    if _GOVERNMENT.search(name):
        return "government"
    if re.search(r"党委$|委员会$", name) and "中共" in name:
        return "party"
    if _DEPARTMENT.search(name):
        return "department"
    if _PARTY.search(name):
        return "party"
    return "other"


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text``, shifted by ``offset``; the end includes the stop."""
    spans = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        if text[start:end].strip():
            spans.append((offset + start, offset + end))
        start = end
    if text[start:].strip():
        spans.append((offset + start, offset + len(text)))
    return spans


def looks_like_title(line: str) -> bool:
    """A line that reads as a title: short, no sentence punctuation inside, and either 「关于…」
    or ending in a 文种, a meeting-material name or a text form (a 「（征求意见稿）」 mark aside)."""
    squeezed = "".join(line.split())
    if not 4 <= len(squeezed) <= 80 or re.search(r"[，；：！？,;:!?]|。.", squeezed):
        return False
    return "关于" in squeezed or bool(_TITLE_TAIL.search(strip_draft_suffix(squeezed.rstrip("。."))))


def is_meeting_report_title(title: str | None) -> bool:
    """「关于…工作情况的汇报」: the title form of a 汇报稿 (or of a 报告 misnamed 汇报)."""
    return bool(title) and bool(_MEETING_REPORT.search(strip_draft_suffix(title)))


def split_recipients(line: str) -> tuple[str, ...]:
    """A 主送 line split into recipients (on 、，, ；), the closing colon dropped."""
    return tuple(part.strip() for part in _RECIPIENT_SEPARATORS.split(line.strip().rstrip("：:")) if part.strip())

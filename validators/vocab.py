"""Shared vocabulary of the checks: the statutory 文种, draft marks, issuer kinds and sentences."""
from __future__ import annotations

import re

# 《党政机关公文处理工作条例》第八条: the fifteen statutory types (命令 is also written 令).
LEGAL_DOC_TYPES = (
    "决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报",
    "报告", "请示", "批复", "议案", "函", "纪要",
)
# Status marks appended to draft titles: "（征求意见稿）", "（草案）", "（送审稿）".
DRAFT_SUFFIX = re.compile(r"[（(](征求意见稿|草案|送审稿|讨论稿|修订稿|代拟稿)[）)]\s*$")

ISSUER_KINDS = ("government", "government_office", "department", "party", "other")
_GOVERNMENT = re.compile(r"人民政府$|政府$")
_GOVERNMENT_OFFICE = re.compile(r"(人民)?政府办(公室|公厅)?$")
_PARTY = re.compile(r"(委员会|党委|党组|纪委|党工委)$")
_DEPARTMENT = re.compile(r"(局|分局|委|委员会|办|办公室|中心|署|厅|所|站|院|街道办事处|镇人民政府|乡人民政府)$")

SENTENCE_END = re.compile(r"[。！？；!?;\n]")


def strip_draft_suffix(title: str) -> str:
    return DRAFT_SUFFIX.sub("", title.strip()).strip()


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

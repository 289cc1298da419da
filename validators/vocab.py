"""Shared vocabulary of the checks: the statutory 文种, draft marks, issuer kinds and sentences."""
from __future__ import annotations

import re
from typing import Annotated

from gongwen.extractors.data import yaml_data
from gongwen.extractors.knowledge.wrapping import is_wrap
from gongwen.validators.params import OneOf

# 《党政机关公文处理工作条例》第八条: the fifteen statutory types (命令 is also written 令).
LEGAL_DOC_TYPES = (
    "决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报",
    "报告", "请示", "批复", "议案", "函", "纪要",
)
# Status marks appended to draft titles: "（征求意见稿）", "（草案）", "（送审稿）".
DRAFT_SUFFIX = re.compile(r"[（(](征求意见稿|草案|送审稿|讨论稿|修订稿|代拟稿)[）)]\s*$")

# What makes a document a 规范性文件 (国办发〔2018〕37号 leaves internal work rules, 纪要, 请示 and
# 报告 out): a title ending in one of these kinds (an issuing 通知 of such a text included), or a
# 通告 (it publishes rules the public must follow). The checks take these as overridable defaults.
NORMATIVE_KINDS = ("办法", "规定", "细则", "实施意见", "规范", "若干措施", "管理制度")
NORMATIVE_TITLES = (
    r"(?:" + "|".join(NORMATIVE_KINDS) + r")(?:[（(]试行[）)]|[（(]暂行[）)])?》?(?:的通知)?$"
)
INTERNAL_TITLES = r"工作规则|议事规则|会议制度|工作细则|会议规则|工作制度"
NORMATIVE_TYPES = ("通告",)

ISSUER_KINDS = ("government", "government_office", "department", "party", "other")
IssuerKind = Annotated[str, OneOf(ISSUER_KINDS)]


def approval_roles() -> tuple[str, ...]:
    """The roles an approval step can carry (拟稿 … 签发), as the approval reader records them."""
    return tuple(yaml_data("approval_labels")["roles"])


Role = Annotated[str, OneOf(approval_roles)]
_GOVERNMENT = re.compile(r"人民政府$|政府$")
_GOVERNMENT_OFFICE = re.compile(r"(人民)?政府办(公室|公厅)?$")
_PARTY = re.compile(r"(委员会|党委|党组|纪委|党工委)$")
_DEPARTMENT = re.compile(r"(局|分局|委|委员会|办|办公室|中心|署|厅|所|站|院|街道办事处|镇人民政府|乡人民政府)$")

SENTENCE_END = re.compile(r"[。！？；!?;\n]")


def strip_draft_suffix(title: str) -> str:
    return DRAFT_SUFFIX.sub("", title.strip()).strip()


def is_normative_draft(title: str | None, doc_type: str | None) -> bool:
    """A draft of a 规范性文件: a normative title that carries a draft mark (「（征求意见稿）」, 「（送审稿）」 …)."""
    return bool(title) and strip_draft_suffix(title) != title.strip() and is_normative(title, doc_type)


def is_normative(title: str | None, doc_type: str | None, *, titles: str = NORMATIVE_TITLES,
                 internal: str = INTERNAL_TITLES, types: tuple[str, ...] = NORMATIVE_TYPES) -> bool:
    """Whether a document is a 规范性文件 (or a draft of one): the title, its draft mark removed,
    ends in a normative kind, or the document is of a normative type; internal rules are not."""
    stem = strip_draft_suffix(title or "")
    if not (re.search(titles, stem) or doc_type in types):
        return False
    return not re.search(internal, stem)


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


def sentence_spans(text: str, offset: int = 0, unwrap: bool = False) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text``, shifted by ``offset``; the end includes the stop.

    A line break ends a sentence, except with ``unwrap`` where it only wraps a long line that ends
    in no stop (text pasted from a PDF: 「…改造需求迫切。恳请\n市政府批准…」): the sentence goes on."""
    spans = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        if unwrap and match.group(0) == "\n" and is_wrap(text, match.start()):
            continue
        if text[start:end].strip():
            spans.append((offset + start, offset + end))
        start = end
    if text[start:].strip():
        spans.append((offset + start, offset + len(text)))
    return spans

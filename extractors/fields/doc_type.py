from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from gongwen.extractors.data import yaml_data
from gongwen.extractors.fields.elements import element_text
from gongwen.extractors.fields.patterns import addressed_aliases, material_aliases, meeting_materials, title_doc_type
from gongwen.extractors.fields.title import title
from gongwen.pipeline.model import Document

STRONG, WEAK = 2, 1
HEAD_LINES = 6  # where a material's name may head the page ("汇报稿" over an untitled speech)


@dataclass(frozen=True)
class BodyPhrase:
    pattern: re.Pattern
    kind: str
    weight: int
    needs_recipients: bool


@cache
def body_phrases() -> tuple[BodyPhrase, ...]:
    return tuple(
        BodyPhrase(re.compile(entry["pattern"]), entry["type"], WEAK if entry.get("weak") else STRONG,
                   bool(entry.get("needs_recipients")))
        for entry in yaml_data("doc_types")["body_phrases"]
    )


@cache
def proper_types() -> tuple[str, ...]:
    """The statutory 文种 and the meeting materials: the values ``doc_type`` may take."""
    table = yaml_data("doc_types")
    return tuple(table["official"] + table["meeting_materials"])


def doc_type(doc: Document) -> str | None:
    """The 文种 the document is. The title's, where it names a proper one ("…的汇报" names the
    汇报稿, or the 报告 it stands for when the document is addressed to an organ); where it names
    an irregular one ("…的请示报告", which a check reports from the title), the one the body's
    phrases tell, else the first proper 文种 inside it; without a title 文种, a meeting material's
    name heading the page, else the body's phrases."""
    written = title_doc_type(title(doc) or "")
    if written in proper_types():
        return written
    if written in addressed_aliases() and addressed(doc):
        return addressed_aliases()[written]
    if written in material_aliases():
        return material_aliases()[written]
    if written is None:
        return headed_material(doc) or body_doc_type(doc)
    told = body_doc_type(doc)
    components = [kind for kind in proper_types() if kind in written]
    if told in components:
        return told
    return min(components, key=written.index) if components else told


def addressed(doc: Document) -> bool:
    """Sent to an organ (a 主送) or numbered as a 公文 (a 发文字号): no meeting material is either."""
    return "recipients" in doc.structure.elements or "doc_number" in doc.structure.elements


def headed_material(doc: Document) -> str | None:
    """A meeting material's name on a line of its own at the head of the page ("汇报稿")."""
    for line in doc.text.split("\n", HEAD_LINES)[:HEAD_LINES]:
        name = re.sub(r"\s+", "", line)
        if name in meeting_materials() and name in proper_types():
            return name
    return None


def body_doc_type(doc: Document) -> str | None:
    """The 文种 the body's phrases tell, every phrase weighed ("现函复如下 … 此复" is a 复函, though
    "此复" alone closes a 批复); on a tie, the one listed first."""
    body = element_text(doc, "body")
    if not body:
        return None
    has_recipients = "recipients" in doc.structure.elements
    scores: Counter[str] = Counter()
    for phrase in body_phrases():
        if (has_recipients or not phrase.needs_recipients) and phrase.pattern.search(body):
            scores[phrase.kind] += phrase.weight
    if not scores:
        return None
    best = max(scores.values())
    return next(kind for kind in scores if scores[kind] == best)

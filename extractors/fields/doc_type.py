from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from gongwen.extractors.data import phrase_list, yaml_data
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


# How sure each kind of evidence makes the 文种 (``Fields.provenance["doc_type"]``): a title
# naming a proper 文种 is the document saying what it is; a body phrase only hints at it, and a
# phrase that other 文种 also use ("此复"), or a tie between two, is weak evidence.
BASIS_CONFIDENCE = {
    "title": 0.95,  # "…的请示"
    "title_alias": 0.8,  # "…的汇报" to an organ is a 报告; "…情况汇报" a 汇报稿
    "heading": 0.85,  # "汇报稿" alone at the head of the page
    "title_component": 0.8,  # "…的请示报告" whose body phrases tell 请示
    "title_first_component": 0.55,  # "…的请示报告" with no body phrase to choose
    "body_phrases": 0.7,  # no 文种 in the title: one strong phrase ("特此请示") decides
    "body_phrases_weak": 0.4,  # only weak phrases, or two 文种 tie
}


@dataclass(frozen=True)
class DocTypeReading:
    value: str | None
    basis: str | None  # a key of BASIS_CONFIDENCE; None when no 文种 was found
    start: int | None = None  # the evidence in Document.text: the title, the heading line or the deciding phrase
    end: int | None = None

    @property
    def confidence(self) -> float:
        return BASIS_CONFIDENCE[self.basis] if self.basis else 0.0


def doc_type(doc: Document) -> str | None:
    """The 文种 the document is (see ``read_doc_type``)."""
    return read_doc_type(doc).value


def read_doc_type(doc: Document) -> DocTypeReading:
    """The 文种 the document is, and on what evidence. The title's, where it names a proper one
    ("…的汇报" names the 汇报稿, or the 报告 it stands for when the document is addressed to an
    organ); where it names an irregular one ("…的请示报告", which a check reports from the title),
    the one the body's phrases tell, else the first proper 文种 inside it; without a title 文种, a
    meeting material's name heading the page, else the body's phrases."""
    written = None if speech_title(title(doc) or "") else title_doc_type(title(doc) or "")
    where = _title_span(doc)
    if written in proper_types():
        return DocTypeReading(written, "title", *where)
    if written in addressed_aliases() and addressed(doc):
        return DocTypeReading(addressed_aliases()[written], "title_alias", *where)
    if written in material_aliases():
        return DocTypeReading(material_aliases()[written], "title_alias", *where)
    if written is None and reply_title(title(doc) or ""):
        return DocTypeReading("函", "title_alias", *where)
    if written is None:
        return headed_material(doc) or body_doc_type(doc)
    told = body_doc_type(doc)
    components = [kind for kind in proper_types() if kind in written]
    if told.value in components:
        return DocTypeReading(told.value, "title_component", *where)
    if components:
        return DocTypeReading(min(components, key=written.index), "title_first_component", *where)
    return told


def speech_title(text: str) -> bool:
    """A speech's name printed as its title ("政府工作报告"): no 关于, ending in a speech's name."""
    return "关于" not in text and speech_name(text) is not None


def speech_name(text: str) -> str | None:
    """The longest speech name the text ends with ("政府工作报告" before "工作报告")."""
    return max((name for name in phrase_list("speech_titles") if text.endswith(name)), key=len, default=None)


def reply_title(text: str) -> bool:
    """A reply to a deputy's 建议 or a member's 提案 ("…提案的答复"), which is sent as a 函."""
    return text.endswith(tuple(phrase_list("reply_titles")))


def _title_span(doc: Document) -> tuple[int | None, int | None]:
    spans = doc.structure.elements.get("title", ())
    return (spans[0].start, spans[-1].end) if spans else (None, None)


def addressed(doc: Document) -> bool:
    """Sent to an organ (a 主送) or numbered as a 公文 (a 发文字号): no meeting material is either."""
    return "recipients" in doc.structure.elements or "doc_number" in doc.structure.elements


def headed_material(doc: Document) -> DocTypeReading | None:
    """A meeting material's name on a line of its own at the head of the page ("汇报稿")."""
    start = 0
    for line in doc.text.split("\n", HEAD_LINES)[:HEAD_LINES]:
        name = re.sub(r"\s+", "", line)
        if name in meeting_materials() and name in proper_types():
            return DocTypeReading(name, "heading", start, start + len(line))
        start += len(line) + 1
    return None


def body_doc_type(doc: Document) -> DocTypeReading:
    """The 文种 the body's phrases tell, every phrase weighed ("现函复如下 … 此复" is a 复函, though
    "此复" alone closes a 批复); on a tie, the one listed first, as weak evidence."""
    body_span = doc.structure.span("body")
    if body_span is None or not doc.text[body_span.start:body_span.end]:
        return DocTypeReading(None, None)
    body = doc.text[body_span.start:body_span.end]
    has_recipients = "recipients" in doc.structure.elements
    scores: Counter[str] = Counter()
    evidence: dict[str, re.Match] = {}
    for phrase in body_phrases():
        found = phrase.pattern.search(body) if has_recipients or not phrase.needs_recipients else None
        if found:
            scores[phrase.kind] += phrase.weight
            if phrase.kind not in evidence or phrase.weight == STRONG:
                evidence[phrase.kind] = found
    if not scores:
        return DocTypeReading(None, None)
    best = max(scores.values())
    kind = next(kind for kind in scores if scores[kind] == best)
    tied = sum(1 for score in scores.values() if score == best) > 1
    basis = "body_phrases" if best >= STRONG and not tied else "body_phrases_weak"
    found = evidence[kind]
    return DocTypeReading(kind, basis, body_span.start + found.start(), body_span.start + found.end())

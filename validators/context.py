"""What a kind or check sees (``RuleContext``) and what it returns (``Hit``)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from gongwen.pipeline.model import ELEMENTS, ApprovalStep, Document, Source
from gongwen.extractors.knowledge.organs import government_place
from gongwen.validators.vocab import NORMATIVE_KINDS, issuer_kind

if TYPE_CHECKING:
    from gongwen.validators.packs import Rule


class RosterLike(Protocol):
    """The part of ``pipeline.roster.Roster`` the validators use."""

    def by_name(self, name: str) -> Any: ...

    def post_of(self, name: str) -> str | None: ...

    def in_charge_of(self, department: str) -> Any: ...

    @property
    def government(self) -> str: ...


@dataclass(frozen=True)
class Hit:
    """One violation found by a kind or check, before the engine turns it into a Finding.

    ``start``/``end`` are offsets into ``Document.text`` (None when the problem has no place in the
    text, e.g. a missing approval step). ``values`` fill the rule's message template. An
    ``uncertain`` hit is reported as a warning whose message starts with 疑似. ``rests_on`` names
    the fields this hit rests on where they differ from its kind's or check's declared ones.
    """

    start: int | None
    end: int | None
    values: dict[str, Any] = field(default_factory=dict)
    uncertain: bool = False
    severity: str | None = None
    suggestion: str | None = None
    source: Source | None = None
    rests_on: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Scope:
    text: str
    start: int  # offset of ``text`` in Document.text
    label: str  # Chinese: which part of the document this is, for messages


SCOPE_NAMES = ("text", *ELEMENTS)  # what ``RuleContext.scope`` can cut out of a document
SCOPE_LABELS = {
    "text": "全文",
    "body": "正文",
    "title": "标题",
    "note": "附注",
    "recipients": "主送机关",
}


@dataclass(frozen=True)
class Written:
    """A part of the document as written (punctuation kept), with its offsets in Document.text."""

    text: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class RuleContext:
    doc: Document
    rule: Rule
    roster: RosterLike | None = None

    @property
    def fields(self):
        return self.doc.fields

    @property
    def doc_type(self) -> str | None:
        return self.doc.fields.doc_type

    @property
    def title(self) -> str | None:
        return self.doc.fields.title

    @cached_property
    def written_title(self) -> Written | None:
        """The title as written (blanks removed, a trailing stop kept), for the checks of its form:
        the structure's title lines, else the extracted title where the text holds it (a title
        taken from the page metadata may not be in the text at all)."""
        spans = self.doc.structure.elements.get("title", ())
        if spans:
            start, end = spans[0].start, spans[-1].end
            return Written(_squeeze(self.doc.text[start:end]), start, end)
        if self.doc.fields.title:
            where = self.locate(self.doc.fields.title)
            return Written(self.doc.fields.title, *(where or (None, None)))
        return None

    @property
    def title_missing(self) -> bool:
        """The document has no title although it has a 主送: extraction, which takes any line where
        the 版头 puts the title for it (with a 文种 or without), found none above the 主送."""
        return self.written_title is None and self.doc.structure.span("recipients") is not None

    @property
    def recipients(self) -> tuple[str, ...]:
        return self.doc.fields.recipients

    @cached_property
    def recipient_line(self) -> Written | None:
        """The 主送 line as written, its closing colon dropped."""
        span = self.doc.structure.span("recipients")
        if span is None:
            return None
        text = self.doc.text[span.start:span.end].strip().rstrip("：:")
        return Written(text, span.start, span.start + len(text))

    @property
    def issuer_kinds(self) -> tuple[str, ...]:
        """The kind of each issuer; a government below the roster's own (兴平市人民政府 writing to
        咸阳市人民政府) reports upward as a department does."""
        kinds = []
        for name in self.doc.fields.issuer:
            kind_ = issuer_kind(name)
            if kind_ == "government" and self.roster is not None and _lower_government(name, self.roster.government):
                kind_ = "department"
            kinds.append(kind_)
        return tuple(kinds)

    def scope(self, name: str) -> Scope:
        """The text of a document part. ``body`` falls back to the whole text, and says so."""
        text = self.doc.text
        if name == "text":
            return Scope(text, 0, SCOPE_LABELS["text"])
        spans = self.doc.structure.elements.get(name, ())
        if spans:
            start, end = min(s.start for s in spans), max(s.end for s in spans)
            return Scope(text[start:end], start, SCOPE_LABELS.get(name, name))
        if name == "body":
            return Scope(text, 0, "全文（未能识别正文范围，版头、版记一并计入）")
        if name == "title" and self.title:
            found = self.locate(self.title)
            return Scope(self.title, found[0] if found else 0, SCOPE_LABELS["title"])
        return Scope("", 0, SCOPE_LABELS.get(name, name))

    def after_title(self) -> Scope:
        """Everything after the title: the body, the signature block and any attached text
        (an 印发 notice carries the issued 办法 after its own signature)."""
        title = self.written_title
        start = title.end if title is not None and title.end is not None else 0
        return Scope(self.doc.text[start:], start, SCOPE_LABELS["text"])

    def step_organs(self, step: ApprovalStep) -> tuple[str, ...]:
        """The organs an approval step stands for: its own, and through the roster the signer's."""
        person = self.roster.by_name(step.name) if step.name and self.roster is not None else None
        return tuple(organ for organ in (step.organ, person.organ if person else None) if organ)

    def drafter_organ(self) -> str | None:
        """The organ of the record's 拟稿 step: written on the step, else the drafter's in the roster
        (never the government itself, whose roster holds everyone without an organ of their own)."""
        drafter = next((step for step in self.fields.approval if step.role == "拟稿"), None)
        if drafter is None:
            return None
        if drafter.organ:
            return drafter.organ
        person = self.roster.by_name(drafter.name) if drafter.name and self.roster is not None else None
        return person.organ if person is not None and person.organ != self.roster.government else None

    def locate(self, needle: str | None, start: int = 0) -> tuple[int, int] | None:
        """Where a field value is written in the text (first occurrence at or after ``start``)."""
        if not needle:
            return None
        index = self.doc.text.find(needle, start)
        if index < 0:
            compact = needle.replace(" ", "").replace("\u3000", "")
            index = self.doc.text.find(compact, start) if compact != needle else -1
            needle = compact
        return (index, index + len(needle)) if index >= 0 else None

    def hit_at_field(self, value: str | None, **kwargs: Any) -> Hit:
        where = self.locate(value)
        return Hit(where[0] if where else None, where[1] if where else None, **kwargs)

    @property
    def siblings(self) -> tuple[str, ...]:
        """The names of the files beside the document that ingest handed over (``RawDocument.companions``:
        those a rule of the pack looks for by name); empty when the document is not a file on disk."""
        return tuple(companion.name for companion in self.doc.raw.companions if companion.role == "sibling")

    def companions(self, keywords: Iterable[str]) -> tuple[str, ...]:
        """The files beside the document that accompany it as material of a given kind.

        A sibling is a companion when its name contains one of ``keywords`` (政策解读, 合法性审查 …)
        and either names this document (it shares a run of at least ``COMPANION_MIN_SHARED``
        characters, or all of it when shorter, with the document's title or file name, draft marks
        and 《》 removed: 「犬只管理办法-政策解读.docx」 beside 「城区犬只管理办法（送审稿）.docx」)
        or names no document at all (no 《》 and no 办法/规定/细则 … in it: 「合法性审查意见书.pdf」
        in a folder kept for one draft). A file naming another regulation is not a companion.
        """
        keywords = tuple(keywords)
        subjects = [s for s in (_subject(self.title or ""), _subject(Path(self.doc.raw.path).stem)) if len(s) >= 2]
        return tuple(name for name in self.siblings if _accompanies(name, keywords, subjects))


def _squeeze(text: str) -> str:
    return "".join(text.split())


COMPANION_MIN_SHARED = 6
_DRAFT_MARK = re.compile(r"[（(【\[]?(?:征求意见稿|草案|送审稿|讨论稿|修订稿|代拟稿|审议稿)[）)】\]]?")
_SUBJECT_NOISE = re.compile(r"[《》〈〉“”\"'\s\-_—·.]|关于印发|的通知$")


def _subject(name: str) -> str:
    """What a title or file name is about: draft marks, book-title marks and separators removed."""
    return _SUBJECT_NOISE.sub("", _DRAFT_MARK.sub("", name))


def _accompanies(name: str, keywords: tuple[str, ...], subjects: list[str]) -> bool:
    stem = Path(name).stem
    if not any(keyword in stem for keyword in keywords):
        return False
    compact = _subject(stem)
    for subject in subjects:
        shared = SequenceMatcher(None, compact, subject, autojunk=False).find_longest_match(
            0, len(compact), 0, len(subject)).size
        if shared >= min(len(subject), COMPANION_MIN_SHARED):
            return True
    names_a_document = "《" in stem or any(kind in stem for kind in NORMATIVE_KINDS)
    return not names_a_document


def _lower_government(name: str, own: str | None) -> bool:
    """Whether ``name`` is another government than ``own`` (its place neither ends nor is ended by own's)."""
    if not own:
        return False
    place, own_place = government_place(name), government_place(own)
    return bool(place) and bool(own_place) and not (place.endswith(own_place) or own_place.endswith(place))

"""What a kind or check sees (``RuleContext``) and what it returns (``Hit``)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from pipeline.model import Document, Source
from validators.vocab import (
    doc_type_from_title, is_meeting_report_title, issuer_kind, looks_like_title, split_recipients,
)

if TYPE_CHECKING:
    from validators.packs import Rule


class RosterLike(Protocol):
    """The part of ``pipeline.roster.Roster`` the validators use."""

    def by_name(self, name: str) -> Any: ...

    def post_of(self, name: str) -> str | None: ...

    def in_charge_of(self, department: str) -> Any: ...


@dataclass(frozen=True)
class Hit:
    """One violation found by a kind or check, before the engine turns it into a Finding.

    ``start``/``end`` are offsets into ``Document.text`` (None when the problem has no place in the
    text, e.g. a missing approval step). ``values`` fill the rule's message template. An
    ``uncertain`` hit is reported as a warning whose message starts with 疑似.
    """

    start: int | None
    end: int | None
    values: dict[str, Any] = field(default_factory=dict)
    uncertain: bool = False
    severity: str | None = None
    suggestion: str | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Scope:
    text: str
    start: int  # offset of ``text`` in Document.text
    label: str  # Chinese: which part of the document this is, for messages


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


# Headings of approval forms (发文稿纸, 审签单 …) printed above the document: never its title.
APPROVAL_FORM_HEADING = re.compile(r"(?:发文稿纸|公文审批单|审签单|签发单|发文单|呈批件|阅文单|审批单)$")
# Lines of the 版头 and of an approval form that come before the title.
_HEADER_LINE = re.compile(
    r"^(?:\d{6}"  # 份号
    r"|[^，。；]{0,12}(?:绝密|机密|秘密)(?:★.*)?"  # 密级
    r"|特急|加急|特提|平急"
    r"|.{2,30}文件"  # 发文机关标志
    r"|(?!.*关于).*(?:〔|\[|［|【|（|\()\d{2,4}(?:〕|]|］|】|）|\)).{0,4}号.*"  # 发文字号
    r"|.*签\s*发\s*人.*"
    r"|[-—_=━─·\s*]+"
    r"|.*\t.*"  # a table row (an approval form in a .docx)
    r"|(?:拟稿|核稿|审核|会签|签发|审签|审阅|发文稿纸|公文审批单)(?:人|单位)?\s*[：:\s].*"
    r")$"
)
_SALUTATION_LINE = re.compile(r"^[^。；！？]{1,80}[：:]$")
_LINES_BEFORE_TITLE = 12
_LINES_AFTER_TITLE = 3


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
        if self.doc.fields.doc_type:
            return self.doc.fields.doc_type
        found = doc_type_from_title(self.title)
        if found is None and self.is_meeting_material_report():
            return "汇报稿"
        return found

    @property
    def title(self) -> str | None:
        """The title: the extracted field, else the title as written in the document."""
        if self.doc.fields.title:
            return self.doc.fields.title
        written = self.written_title
        return written.text if written else None

    @cached_property
    def written_title(self) -> Written | None:
        """The title as written (a trailing stop kept), for the checks of its form.

        The structure's title span is preferred when it is the extracted title plus punctuation;
        when extraction found no title, the first lines of the text are read (a title without a
        statutory 文种 — 「…的申请」, 「…办法（征求意见稿）」 — is often not taken as one).
        """
        fields_title = self.doc.fields.title
        span = self.doc.structure.span("title")
        if span is not None:
            text = _squeeze(self.doc.text[span.start:span.end])
            if text and not APPROVAL_FORM_HEADING.search(text) and (
                fields_title is None or _squeeze(fields_title) == text.rstrip("。，；：、.,;:")
            ):
                return Written(text, span.start, span.end)
        if fields_title:
            where = self.locate(fields_title)
            return Written(fields_title, *(where or (None, None)))
        return self._lines_title[0]

    @property
    def title_missing(self) -> bool:
        """The document confidently has no title: the 主送 line comes straight after the 版头."""
        if self.doc.fields.title or self.written_title is not None:
            return False
        return self._lines_title[1]

    @cached_property
    def recipients(self) -> tuple[str, ...]:
        """The 主送 as extracted, else read from the salutation line under the title."""
        if self.doc.fields.recipients:
            return self.doc.fields.recipients
        line = self.recipient_line
        return split_recipients(line.text) if line else ()

    @cached_property
    def recipient_line(self) -> Written | None:
        """The 主送 line as written (colon dropped): the recipients span, else the first line
        under the title that ends in a colon (「周某某区长：」, which extraction may leave in the body)."""
        span = self.doc.structure.span("recipients")
        if span is not None:
            text = self.doc.text[span.start:span.end].strip().rstrip("：:")
            return Written(text, span.start, span.start + len(text))
        title = self.written_title
        if title is None or title.end is None:
            return None
        for start, line in _lines(self.doc.text, title.end, _LINES_AFTER_TITLE):
            stripped = line.strip()
            if _SALUTATION_LINE.match(stripped):
                text = stripped.rstrip("：:")
                begin = start + line.index(stripped)
                return Written(text, begin, begin + len(text))
            if re.search(r"[，。；！？]", stripped):
                return None
        return None

    def is_meeting_material_report(self) -> bool:
        """A 「…的汇报」 with no 发文字号 and no organ as 主送 is a meeting 汇报稿, not a misnamed 报告."""
        if not is_meeting_report_title(self.title):
            return False
        if self.doc.fields.doc_number:
            return False
        return not any(issuer_kind(name) != "other" for name in self.recipients)

    @cached_property
    def _lines_title(self) -> tuple[Written | None, bool]:
        """(the title read from the first lines, whether the 主送 line comes first instead)."""
        result: tuple[Written | None, bool] = (None, False)
        first_recipient = _squeeze(self.doc.fields.recipients[0]) if self.doc.fields.recipients else None
        recipients_span = self.doc.structure.span("recipients")
        lines = _lines(self.doc.text, 0, _LINES_BEFORE_TITLE)
        previous = ""
        for index, (start, line) in enumerate(lines):
            stripped = line.strip()
            if not stripped or _HEADER_LINE.match(stripped) or APPROVAL_FORM_HEADING.search(stripped):
                continue
            begin = start + line.index(stripped)
            following = lines[index + 1][1].strip() if index + 1 < len(lines) else ""
            if _SALUTATION_LINE.match(stripped):
                is_recipients = (
                    (recipients_span is not None and recipients_span.start <= begin < recipients_span.end)
                    or (first_recipient is not None and _squeeze(stripped).startswith(first_recipient))
                )
                result = (None, bool(is_recipients))
                break
            if looks_like_title(stripped) and not _wrapped(previous, following):
                result = (Written(_squeeze(stripped), begin, begin + len(stripped)), False)
                break
            if re.search(r"[，。；！？]", stripped):
                break
            previous = stripped
        return result

    @property
    def issuer_kinds(self) -> tuple[str, ...]:
        return tuple(issuer_kind(name) for name in self.doc.fields.issuer)

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


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _wrapped(previous: str, following: str) -> bool:
    """A line inside a sentence broken over lines (「…所作的」 / 「政府工作报告」 / 「。会议…」)."""
    return previous.endswith(("的", "和", "与", "及", "、", "了")) or following.startswith(tuple("。，；、：）》”"))


def _lines(text: str, start: int, limit: int) -> list[tuple[int, str]]:
    """(offset, line) of the first ``limit`` non-empty lines of ``text`` from ``start`` on."""
    found: list[tuple[int, str]] = []
    position = start
    while position <= len(text) and len(found) < limit:
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        if text[position:end].strip():
            found.append((position, text[position:end]))
        position = end + 1
    return found

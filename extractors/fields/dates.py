from __future__ import annotations

import re

from gongwen.extractors.fields.elements import metadata_value
from gongwen.extractors.knowledge.dates import WrittenDate, find_dates
from gongwen.pipeline.model import Document

# A 题注 under the title records the meetings that adopted the document: 「（2024年3月8日区政府第5次
# 常务会议通过）」. GB/T 9704—2012 7.3.5.4: a document adopted by a meeting is dated the day it was adopted.
ADOPTED = re.compile(r"通\s*过")
# 「自2021年1月1日起施行」, 「2018年3月30日施行」: when it takes effect, never when it was made.
IN_FORCE = re.compile(r"^\s*(?:起\s*)?(?:施\s*行|生\s*效|实\s*施|公\s*布)")
TITLE_NOTE_LINES = 4  # how far under the title a 题注 may run (PDFs and scrapes break it into lines)


def document_date(doc: Document) -> tuple[str | None, str | None]:
    """成文日期 as (ISO, as written). In order: the date of adoption in a 题注 under the title; the
    date element (the closing one when the document has several); the page's 成文日期 metadata; and
    last, when the text dates nothing at all, the page's 发布日期 (a publication date, not written in
    the document, so no written form is given for the date check to judge). A date that does not
    exist ("2024年2月30日") keeps its written form with no ISO date: the date check needs to see it."""
    date = adoption_date(doc) or element_date(doc)
    if date is None:
        date = _first_dated(find_dates(metadata_value(doc, "成文日期", "成文时间") or ""))
    if date is not None:
        return date.iso, date.text
    published = _first_dated(find_dates(metadata_value(doc, "发布日期", "发布时间") or ""))
    if published is not None and published.iso and not _dates_anything(doc):
        return published.iso, None
    return None, None


def adoption_date(doc: Document) -> WrittenDate | None:
    """The day the document was adopted, from a 题注 under the title: the latest date written before
    「通过」 (a joint document is adopted when its last signatory's meeting adopts it); dates of
    taking effect (「2018年3月30日施行」) are skipped."""
    note = title_note(doc)
    if not note:
        return None
    adopted = [match.start() for match in ADOPTED.finditer(note)]
    if not adopted:
        return None
    dated = [date for date in find_dates(note)
             if date.form.year_digits and date.end <= adopted[-1] and not IN_FORCE.match(note, date.end)]
    existing = [date for date in dated if date.date is not None]
    return max(existing, key=lambda date: date.date) if existing else (dated[-1] if dated else None)


def title_note(doc: Document) -> str:
    """The lines right under the title that may be its 题注: up to the 主送, a line addressing one
    (ending with a colon) or the first sentence of running text (a 。)."""
    elements = doc.structure.elements
    titles = elements.get("title", ())
    if not titles:
        return ""
    start = titles[-1].end
    end = min((span.start for span in elements.get("recipients", ()) if span.start >= start), default=len(doc.text))
    lines: list[str] = []
    for line in doc.text[start:end].split("\n"):
        line = line.strip()
        if not line:
            continue
        if "。" in line or line.endswith(("：", ":")) or len(lines) == TITLE_NOTE_LINES:
            break
        lines.append(line)
    return "\n".join(lines)


def element_date(doc: Document) -> WrittenDate | None:
    """The date element's date: the one closing the document (after the body starts) where there
    are several, as a byline or 题注 date under the title comes before the 成文日期."""
    spans = doc.structure.elements.get("date", ())
    bodies = doc.structure.elements.get("body", ())
    if bodies:
        closing = [span for span in spans if span.start >= bodies[0].start]
        spans = closing or spans
    for span in spans:
        date = _first_dated(find_dates(doc.text[span.start:span.end]))
        if date is not None:
            return date
    return None


def _first_dated(dates: list[WrittenDate]) -> WrittenDate | None:
    """The first date written with its year that exists, else the first written with its year."""
    dated = [date for date in dates if date.form.year_digits]
    return next((date for date in dated if date.iso), dated[0] if dated else None)


def _dates_anything(doc: Document) -> bool:
    """Whether any located element of the document's own text holds a date with its year."""
    return any(_first_dated(find_dates(doc.text[span.start:span.end]))
               for name, spans in doc.structure.elements.items() if name != "body" for span in spans)

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
NOTE_OPENING = re.compile(r"^\s*[（(]?\s*$")  # what may stand before a 题注's first date
TITLE_NOTE_LINES = 4  # how far under the title a 题注 may run (PDFs and scrapes break it into lines)


def document_date(doc: Document) -> tuple[str | None, str | None]:
    """成文日期 as (ISO, as written). In order: the date closing the document (a date element after
    the body starts); the date of adoption in a 题注 under the title; any other date element (a
    byline under the title); the page's 成文日期 metadata; and last, when the text dates nothing at
    all, the page's 发布日期 (a publication date, not written in the document, so no written form is
    given for the date check to judge). A date that does not exist ("2024年2月30日") keeps its
    written form with no ISO date: the date check needs to see it."""
    closing, other = date_elements(doc)
    date = closing or adoption_date(doc) or other
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
    adopted = [match.start() for match in ADOPTED.finditer(note)]
    if not adopted:
        return None
    dated = [date for date in find_dates(note)
             if date.form.year_digits and date.end <= adopted[-1] and not IN_FORCE.match(note, date.end)]
    existing = [date for date in dated if date.date is not None]
    return max(existing, key=lambda date: date.date) if existing else (dated[-1] if dated else None)


def title_note(doc: Document) -> str:
    """The lines right under the title that are its 题注: opening with a date (its bracket may be
    lost), up to the 主送, a line addressing one (ending with a colon) or a sentence of running text."""
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
    opening = find_dates(lines[0]) if lines else []
    return "\n".join(lines) if opening and NOTE_OPENING.match(lines[0][:opening[0].start]) else ""


def date_elements(doc: Document) -> tuple[WrittenDate | None, WrittenDate | None]:
    """The date elements' dates: (the one closing the document, after the body starts; the first
    other one, such as a byline or 题注 date under the title)."""
    bodies = doc.structure.elements.get("body", ())
    body_start = bodies[0].start if bodies else None
    closing = other = None
    for span in doc.structure.elements.get("date", ()):
        date = _first_dated(find_dates(doc.text[span.start:span.end]))
        if date is None:
            continue
        if body_start is not None and span.start >= body_start:
            closing = closing or date
        else:
            other = other or date
    return closing, other


def _first_dated(dates: list[WrittenDate]) -> WrittenDate | None:
    """The first date written with its year that exists, else the first written with its year."""
    dated = [date for date in dates if date.form.year_digits]
    return next((date for date in dated if date.iso), dated[0] if dated else None)


def _dates_anything(doc: Document) -> bool:
    """Whether any located element of the document's own text holds a date with its year."""
    return any(_first_dated(find_dates(doc.text[span.start:span.end]))
               for name, spans in doc.structure.elements.items() if name != "body" for span in spans)

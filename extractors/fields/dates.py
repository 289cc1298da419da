from __future__ import annotations

from gongwen.extractors.fields.elements import element_text, metadata_value
from gongwen.extractors.knowledge.dates import find_dates
from gongwen.pipeline.model import Document


def document_date(doc: Document) -> tuple[str | None, str | None]:
    """成文日期 as (ISO, as written); the page's own 成文日期 metadata only where the text has none.
    A page's 发布日期 is the web publication date, never the 成文日期. A date that does not exist
    ("2024年2月30日") keeps its written form with no ISO date: the date check needs to see it."""
    text = element_text(doc, "date") or metadata_value(doc, "成文日期", "成文时间")
    dated = [date for date in find_dates(text or "") if date.form.year_digits]
    if not dated:
        return None, None
    date = next((date for date in dated if date.iso), dated[0])
    return date.iso, date.text

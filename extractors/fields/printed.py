from __future__ import annotations

from gongwen.extractors.fields.elements import element_texts
from gongwen.extractors.fields.patterns import written_date_in
from gongwen.pipeline.model import Document


def printed(doc: Document) -> tuple[str | None, str | None]:
    """印发机关 and the ISO 印发日期 from "XX办公室 2023年9月8日印发"."""
    text = " ".join(element_texts(doc, "printed"))
    date = written_date_in(text)
    if not text or not date:
        return None, None
    return text[:date.start].strip() or None, date.iso

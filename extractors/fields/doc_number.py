from __future__ import annotations

from gongwen.extractors.fields.elements import element_text, metadata_value
from gongwen.extractors.fields.patterns import DOC_NUMBER
from gongwen.pipeline.model import Document


def doc_number(doc: Document) -> str | None:
    """The 发文字号 exactly as written; the page metadata only where the text has none."""
    number = element_text(doc, "doc_number")
    if number:
        return number
    written = metadata_value(doc, "发文字号", "文号", "文件编号")
    match = DOC_NUMBER.search(written or "")
    return match.group(0) if match else None

from __future__ import annotations

from gongwen.extractors.fields.elements import element_text
from gongwen.pipeline.model import Document


def copy_number(doc: Document) -> str | None:
    return element_text(doc, "copy_number")


def classification(doc: Document) -> str | None:
    text = element_text(doc, "classification")
    return "".join(text.split()) if text else None


def urgency(doc: Document) -> str | None:
    return element_text(doc, "urgency")

"""Reading the located elements back as text, and the reader's page metadata as a fallback."""
from __future__ import annotations

from collections.abc import Iterator

from gongwen.pipeline.model import Document

METADATA_SOURCES = ("page_metadata", "front_matter")


def element_texts(doc: Document, element: str) -> list[str]:
    return [doc.text[span.start:span.end] for span in doc.structure.elements.get(element, ())]


def element_text(doc: Document, element: str) -> str | None:
    texts = element_texts(doc, element)
    return texts[0] if texts else None


def written_text(doc: Document, start: int, end: int) -> str:
    """A normalized stretch with the blanks that separate names as written (``Document.written``)."""
    return doc.written(start, end)


def metadata_value(doc: Document, *keys: str) -> str | None:
    """The first non-empty value under one of ``keys`` in the page metadata or front matter."""
    for source in METADATA_SOURCES:
        table = doc.raw.meta.get(source) or {}
        for key in keys:
            value = table.get(key)
            if value is not None and str(value).strip():
                return str(value).strip()
    return None


def unclaimed_lines_after(doc: Document, position: int) -> Iterator[str]:
    """The lines after the one holding ``position`` that no element claims, stripped, up to a blank
    line or a claimed one: where a wrapped or page-broken element runs on unlabelled."""
    claimed = [span for spans in doc.structure.elements.values() for span in spans]
    line_end = doc.text.find("\n", position)
    while line_end >= 0:
        start = line_end + 1
        line_end = doc.text.find("\n", start)
        end = len(doc.text) if line_end < 0 else line_end
        text = doc.text[start:end].strip()
        if not text or any(span.start < end and start < span.end for span in claimed):
            return
        yield text

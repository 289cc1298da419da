"""Where each extracted field is written, what read it and how sure extraction is of it.

``field_provenance`` gives every non-empty field one ``Provenance`` (``Fields.provenance``, keyed by
field name; a list field's span covers all its items, a request item's own span is on the item):

- a field read from a GB/T 9704 element: producer ``labeller:<element>``, the element's span, and
  the labeller's score for it (the lowest over the element's spans). A span the structure located
  without a score (the labeller gave none) counts ``UNSCORED_ELEMENT_CONFIDENCE``: as sure as the
  rule-based structure finders have always been taken to be, above every threshold, so only a
  labeller's low score or weak evidence makes a field unsure.
- a field the text does not give, read from the reader's page metadata or a Markdown file's front
  matter (``elements.metadata_value``): producer ``page_metadata`` / ``front_matter``, with
  ``METADATA_CONFIDENCE`` (a portal's table may name the hosting site as the issuer).
- ``doc_type``: ``doc_type:<basis>`` with the basis's confidence (``doc_type.BASIS_CONFIDENCE``,
  a title-based basis no surer than the title), spanning the evidence it was decided on.
- ``request_items``: producer ``request_items``, spanning the first to the last item, as sure as
  the body spans they were read from.
- ``approval``: ``approval:<source>`` (sidecar, table, text) with the approval reader's confidence
  that the record is the document's own.

Offsets are into Document.text; ``provenance_in_original`` maps them to the text as written (the
runner does so for a DocResult, the engine for a finding's evidence).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from gongwen.extractors.fields.approval import ApprovalReading
from gongwen.extractors.fields.doc_type import DocTypeReading
from gongwen.extractors.fields.elements import METADATA_SOURCES
from gongwen.pipeline.model import Document, Fields, Provenance

UNSCORED_ELEMENT_CONFIDENCE = 0.8
METADATA_CONFIDENCE = {"page_metadata": 0.7, "front_matter": 0.85}
TITLE_BASED = ("title", "title_alias", "title_component", "title_first_component")

# The elements each field is read from, in the order its reader tries them.
FIELD_ELEMENTS = {
    "title": ("title",),
    "issuer": ("issuer_mark", "signature", "title"),
    "doc_number": ("doc_number",),
    "signer": ("signer",),
    "date": ("date",),
    "date_text": ("date",),
    "recipients": ("recipients",),
    "cc": ("cc",),
    "attachments": ("attachment_note",),
    "contact": ("note",),
    "copy_number": ("copy_number",),
    "classification": ("classification",),
    "urgency": ("urgency",),
    "printed_by": ("printed",),
    "printed_date": ("printed",),
}


def field_provenance(doc: Document, fields: Fields, doc_type: DocTypeReading,
                     approval: ApprovalReading) -> dict[str, Provenance]:
    """The provenance of every non-empty field of ``fields``, read from the located ``doc``."""
    provenance: dict[str, Provenance] = {}
    for name, elements in FIELD_ELEMENTS.items():
        if getattr(fields, name):
            provenance[name] = _read_from(doc, elements, _written_form(fields, name))
    if fields.doc_type:
        confidence = doc_type.confidence
        if doc_type.basis in TITLE_BASED and "title" in provenance:
            confidence = min(confidence, provenance["title"].confidence)
        provenance["doc_type"] = Provenance(f"doc_type:{doc_type.basis}", confidence, doc_type.start, doc_type.end)
    if fields.request_items:
        start, end = fields.request_items[0].start, fields.request_items[-1].end
        provenance["request_items"] = Provenance("request_items", element_confidence(doc, "body", start, end), start, end)
    if fields.approval:
        where = (doc.block_spans[approval.blocks[0]][0], doc.block_spans[approval.blocks[1]][1]) \
            if approval.blocks else (None, None)
        provenance["approval"] = Provenance(f"approval:{approval.source}", approval.confidence, *where)
    return provenance


def element_confidence(doc: Document, element: str, start: int | None = None, end: int | None = None) -> float:
    """The labeller's lowest score over the spans of ``element`` (those overlapping ``start``–``end``
    where given; unscored spans count as ``UNSCORED_ELEMENT_CONFIDENCE``)."""
    spans = doc.structure.elements.get(element, ())
    scores = [doc.structure.confidence_of(element, index) for index, span in enumerate(spans)
              if start is None or end is None or (span.start < end and start < span.end)]
    return min((UNSCORED_ELEMENT_CONFIDENCE if score is None else score for score in scores),
               default=UNSCORED_ELEMENT_CONFIDENCE)


def _read_from(doc: Document, elements: tuple[str, ...], written: str) -> Provenance:
    """What the value was read from: the first of ``elements`` that holds it (blanks ignored), else
    the metadata source that holds it, else the first of ``elements`` located at all (the reader
    read it from there, reshaped: an ISO date), else the metadata."""
    located = [element for element in elements if doc.structure.elements.get(element)]
    holding = [element for element in located if _compact(written) in _compact(_element_text(doc, element))]
    tables = [(source, doc.raw.meta.get(source) or {}) for source in METADATA_SOURCES]
    in_metadata = [source for source, table in tables
                   if any(_compact(written) in _compact(str(value)) for value in table.values())]
    if holding or (located and not in_metadata):
        element = (holding or located)[0]
        spans = doc.structure.elements[element]
        return Provenance(f"labeller:{element}", element_confidence(doc, element), spans[0].start, spans[-1].end)
    source = (in_metadata or [source for source, table in tables if table] or [METADATA_SOURCES[0]])[0]
    start = doc.text.find(written) if written else -1
    where = (start, start + len(written)) if start >= 0 else (None, None)
    return Provenance(source, METADATA_CONFIDENCE[source], *where)


def _written_form(fields: Fields, name: str) -> str:
    """A piece of the field's value as the text or the metadata writes it, to find where it came from."""
    # the ISO dates are not written so: the date as written, the 印发机关 on the 印发日期's line
    value: Any = {"date": fields.date_text, "printed_date": fields.printed_by}.get(name, getattr(fields, name))
    if isinstance(value, tuple):
        value = value[0] if value else ""
    if name == "contact":
        value = value.name or value.phone or ""
    return str(value or "")


def _element_text(doc: Document, element: str) -> str:
    return "".join(doc.text[span.start:span.end] for span in doc.structure.elements.get(element, ()))


def _compact(text: str) -> str:
    return "".join(text.split())


def provenance_in_original(doc: Document, provenance: dict[str, Provenance]) -> dict[str, Provenance]:
    """``provenance`` with its spans mapped to offsets into Document.original."""
    return {name: _in_original(doc, entry) for name, entry in provenance.items()}


def _in_original(doc: Document, entry: Provenance) -> Provenance:
    if entry.start is None or entry.end is None:
        return entry
    start, end = doc.to_original(entry.start, entry.end)
    return replace(entry, start=start, end=end)


def fields_read_from(element: str) -> tuple[str, ...]:
    """The fields read first of all from ``element`` ("attachment_note" -> attachments)."""
    return tuple(name for name, elements in FIELD_ELEMENTS.items() if elements[0] == element)

"""Field extraction: locate the GB/T 9704 elements, then read each field from its element."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from gongwen.extractors.fields.approval import read_approval
from gongwen.extractors.fields.attachments import attachments
from gongwen.extractors.fields.dates import document_date
from gongwen.extractors.fields.doc_number import doc_number
from gongwen.extractors.fields.doc_type import doc_type, read_doc_type
from gongwen.extractors.fields.issuer import issuer
from gongwen.extractors.fields.marks import classification, copy_number, urgency
from gongwen.extractors.fields.notes import contact
from gongwen.extractors.fields.parties import cc, recipients
from gongwen.extractors.fields.printed import printed
from gongwen.extractors.fields.provenance import field_provenance
from gongwen.extractors.fields.requests import request_items
from gongwen.extractors.fields.signer import signer
from gongwen.extractors.fields.structure import recognise_structure
from gongwen.extractors.fields.title import title
from gongwen.pipeline.model import Document, Fields

if TYPE_CHECKING:
    from gongwen.pipeline.roster import Roster


def locate(doc: Document) -> Document:
    """The document with its GB/T 9704 structure recognised."""
    return replace(doc, structure=recognise_structure(doc))


def document_fields(doc: Document, roster: Roster | None = None) -> Fields:
    """Every field that the text tells (all but request_items and approval), from a located
    document; the roster, where there is one, decides how names are cut (「那仁高娃」 is one name)."""
    iso_date, date_text = document_date(doc)
    printed_by, printed_date = printed(doc)
    return Fields(
        doc_type=doc_type(doc),
        title=title(doc),
        issuer=issuer(doc),
        doc_number=doc_number(doc),
        signer=signer(doc, roster),
        date=iso_date,
        date_text=date_text,
        recipients=recipients(doc),
        cc=cc(doc),
        attachments=attachments(doc),
        contact=contact(doc),
        copy_number=copy_number(doc),
        classification=classification(doc),
        urgency=urgency(doc),
        printed_by=printed_by,
        printed_date=printed_date,
    )


def extract(doc: Document, roster: Roster | None = None) -> Document:
    """Structure and fields from the document alone: its approval sidecar arrives in ``doc.raw.companions``."""
    located = locate(doc)
    fields = document_fields(located, roster)
    approval = read_approval(located, roster)
    # Only a 请示 asks its recipient to approve or decide matters (the 一文一事 check's basis).
    items = request_items(located) if fields.doc_type == "请示" else ()
    fields = replace(fields, request_items=items, approval=approval.steps)
    fields = replace(fields, provenance=field_provenance(located, fields, read_doc_type(located), approval))
    return replace(located, fields=fields, approval_source=approval.source)

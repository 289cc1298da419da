from __future__ import annotations

import re
from functools import cache

from extractors.data import yaml_data
from extractors.fields.elements import element_text
from extractors.fields.patterns import title_doc_type
from extractors.fields.title import title
from pipeline.model import Document


@cache
def body_phrases() -> tuple[tuple[re.Pattern, str, bool], ...]:
    return tuple(
        (re.compile(entry["pattern"]), entry["type"], bool(entry.get("needs_recipients")))
        for entry in yaml_data("doc_types")["body_phrases"]
    )


def doc_type(doc: Document) -> str | None:
    """The 文种: the one the title ends with, else the one the body's closing phrase tells."""
    found = title_doc_type(title(doc) or "")
    if found:
        return found
    body = element_text(doc, "body")
    if not body:
        return None
    has_recipients = "recipients" in doc.structure.elements
    for pattern, kind, needs_recipients in body_phrases():
        if pattern.search(body) and (has_recipients or not needs_recipients):
            return kind
    return None

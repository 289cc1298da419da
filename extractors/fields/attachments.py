from __future__ import annotations

import re

from gongwen.extractors.fields.elements import element_texts
from gongwen.extractors.fields.patterns import TRAILING_PUNCTUATION
from gongwen.pipeline.model import Document

LABEL = re.compile(r"^附\s*件\s*[：:]\s*")
NUMBERING = re.compile(r"^\d{1,2}\s*[.．、]\s*")


def attachments(doc: Document) -> tuple[str, ...]:
    """Titles in the 附件说明, without their "1." numbering."""
    titles = []
    for text in element_texts(doc, "attachment_note"):
        name = NUMBERING.sub("", LABEL.sub("", text)).strip().strip(TRAILING_PUNCTUATION)
        if name:
            titles.append(name)
    return tuple(titles)

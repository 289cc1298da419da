from __future__ import annotations

import re

from gongwen.extractors.fields.elements import written_text
from gongwen.pipeline.model import Document


def signer(doc: Document) -> tuple[str, ...]:
    """Names after 签发人 in the 版头; the original text keeps the blanks between names."""
    names: list[str] = []
    for span in doc.structure.elements.get("signer", ()):
        names += [name for name in re.split(r"[\s、，,]+", written_text(doc, span.start, span.end)) if name]
    return tuple(names)

from __future__ import annotations

import re

from gongwen.extractors.fields.elements import element_texts, metadata_value
from gongwen.extractors.fields.patterns import TRAILING_PUNCTUATION
from gongwen.pipeline.model import Document


def title(doc: Document) -> str | None:
    """The title on one line, blanks removed ("通 知" -> "通知"), no trailing punctuation."""
    lines = element_texts(doc, "title")
    text = "".join(lines) if lines else metadata_value(doc, "标题", "title", "名称")
    if not text:
        return None
    return re.sub(r"\s+", "", text).strip(TRAILING_PUNCTUATION) or None

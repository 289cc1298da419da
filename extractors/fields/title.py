from __future__ import annotations

import re

from gongwen.extractors.fields.elements import element_texts, metadata_value
from gongwen.extractors.fields.patterns import (
    TRAILING_NOTE,
    TRAILING_PUNCTUATION,
    title_doc_type,
    untyped_title_endings,
)
from gongwen.pipeline.model import Document

PORTAL_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s)\s*")  # "标题_某某网", "标题 - 某某网", "标题|某某网"


def title(doc: Document) -> str | None:
    """The title on one line, blanks removed ("通 知" -> "通知"), no trailing punctuation."""
    lines = element_texts(doc, "title")
    text = "".join(lines) if lines else metadata_value(doc, "标题", "title", "名称") or page_title(doc)
    if not text:
        return None
    return re.sub(r"\s+", "", text).strip(TRAILING_PUNCTUATION) or None


def page_title(doc: Document) -> str | None:
    """A web page's <title> less the portal's name ("…的实施意见_晋城市城区人民政府网"), where the
    page prints no title of its own and that one names a 文种 or a form."""
    written = doc.raw.meta.get("page_title")
    if not written:
        return None
    text = PORTAL_SUFFIX.split(str(written), maxsplit=1)[0].strip()
    core = TRAILING_NOTE.sub("", text)
    return text if title_doc_type(text) or core.endswith(untyped_title_endings()) else None

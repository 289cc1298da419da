from __future__ import annotations

import re

from gongwen.extractors.fields.elements import element_texts
from gongwen.extractors.fields.names import written_name
from gongwen.pipeline.model import Contact, Document

NAME = re.compile(r"联\s*系\s*人\s*[：:]\s*(?P<name>[\u4e00-\u9fff·]{2,12}?)(?=[\s，,；;、（(）)]|电话|联系电话|$)")
PHONE = re.compile(r"(?:电\s*话|手\s*机|联系方式)\s*[：:]\s*(?P<phone>[\d０-９][\d０-９\-－—()（）\s、/]{5,30}[\d０-９])")


def contact(doc: Document) -> Contact | None:
    """联系人 and 联系电话 from the 附注; the name as the names module reads it (「张某某同志」 is 张某某)."""
    for text in element_texts(doc, "note"):
        name = NAME.search(text)
        phone = PHONE.search(text)
        if name or phone:
            return Contact(written_name(name.group("name")) if name else None, phone.group("phone").strip() if phone else None)
    return None

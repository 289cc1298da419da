from __future__ import annotations

import re

from gongwen.extractors.fields.elements import written_text
from gongwen.extractors.fields.names import name_at_end, read_name, split_names, written_name
from gongwen.extractors.knowledge.organs import is_organ_name
from gongwen.pipeline.model import Contact, Document

# Read on the text as written, whose blanks separate two names (「张敏　王强」) or sit inside one (「王　强」).
NAME = re.compile(r"联\s*系\s*人\s*[：:]\s*(?P<name>[\u4e00-\u9fff·][\u4e00-\u9fff·\s]{0,15}?)\s*"
                  r"(?=[，,；;、（(）)]|电\s*话|联系电话|手\s*机|[\d０-９]|$)")
PHONE = re.compile(r"(?:电\s*话|手\s*机|联系方式)\s*[：:]\s*(?P<phone>[\d０-９][\d０-９\-－—()（）\s、/]{5,30}[\d０-９])")


def contact(doc: Document) -> Contact | None:
    """联系人 and 联系电话 from the 附注, which may run over two lines (「联系人：张敏」 then
    「联系电话：…」). The name is the first one written, as the names module reads it: 「张某某同志」
    is 张某某, 「王　强」 is 王强."""
    name = phone = None
    for span in doc.structure.elements.get("note", ()):
        name = name or NAME.search(written_text(doc, span.start, span.end))
        phone = phone or PHONE.search(doc.text[span.start:span.end])
        if name and phone:
            break
    if not (name or phone):
        return None
    return Contact(_first_name(name.group("name")) if name else None, phone.group("phone").strip() if phone else None)


def _first_name(written: str) -> str:
    """The first name written; 「市交通运输局来斌」 and 「市交通运输局　来斌」 are 来斌 of that bureau."""
    pieces = split_names(written)
    first = next((piece for piece in pieces if not is_organ_name(piece)), pieces[0])
    if read_name(first, segment=False) is None:
        found = name_at_end(first, prefix_ok=is_organ_name)
        if found is not None and found[0]:
            return found[1].name
    return written_name(first)

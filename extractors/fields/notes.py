from __future__ import annotations

import re

from gongwen.extractors.fields.elements import written_text
from gongwen.extractors.fields.names import name_at_end, read_name, split_names, written_name
from gongwen.extractors.knowledge.organs import is_organ_name
from gongwen.pipeline.model import Contact, Document

# Read on the text as written, whose blanks separate two names (「张敏　王强」) or sit inside one (「王　强」).
NAME = re.compile(r"联\s*系\s*人\s*(?:及\s*(?:联\s*系\s*)?(?:电\s*话|方\s*式))?\s*[：:]\s*(?P<name>[\u4e00-\u9fff·][\u4e00-\u9fff·\s]{0,15}?)\s*"
                  r"(?=[，,；;、（(）)]|电\s*话|联系电话|手\s*机|[\d０-９]|$)")
PHONE = re.compile(r"(?:电\s*话|手\s*机|联系方式)\s*[：:]\s*(?P<phone>[\d０-９][\d０-９\-－—()（）\s、/]{5,30}[\d０-９])")
# 「联系人及电话：秦都区住建局彭雪 029-33326517」: the number without its own label
BARE_PHONE = re.compile(r"(?<![\d０-９])(?P<phone>0\d{2,3}[-－—]\d{7,8}|1[3-9]\d{9})(?![\d０-９])")
# the unit written before the name: 「运输科巨宁」, 「秦都区住建局彭雪」
UNIT = re.compile(r"[\u4e00-\u9fff]{1,12}(?:科|股|室|处|办|组|队|站|所|中心)$")
UNIT_LEAD = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:科|股|室|处|组)(?=[\u4e00-\u9fff]{2,4}$)")


def contact(doc: Document) -> Contact | None:
    """联系人 and 联系电话 from the 附注, which may run over two lines (「联系人：张敏」 then
    「联系电话：…」). The name is the first one written, as the names module reads it: 「张某某同志」
    is 张某某, 「王　强」 is 王强."""
    name = phone = None
    for span in doc.structure.elements.get("note", ()):
        named = NAME.search(written_text(doc, span.start, span.end))
        text = doc.text[span.start:span.end]
        name = name or named
        phone = phone or PHONE.search(text) or (BARE_PHONE.search(text) if named else None)
        if name and phone:
            break
    if not (name or phone):
        return None
    return Contact(_first_name(name.group("name")) if name else None, phone.group("phone").strip() if phone else None)


def _first_name(written: str) -> str:
    """The first name written; 「市交通运输局来斌」 and 「市交通运输局　来斌」 are 来斌 of that bureau."""
    pieces = split_names(written)
    first = next((piece for piece in pieces if not (is_organ_name(piece) or UNIT.fullmatch(piece))), pieces[0])
    if read_name(first, segment=False) is None:
        found = name_at_end(first, prefix_ok=lambda before: is_organ_name(before) or bool(UNIT.fullmatch(before)))
        if found is not None and found[0]:
            return found[1].name
        lead = UNIT_LEAD.match(first)  # a name outside the surname list after its unit: 「运输科巨宁」
        if lead is not None:
            return written_name(first[lead.end():])
    return written_name(first)

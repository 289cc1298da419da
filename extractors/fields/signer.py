from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gongwen.extractors.fields.elements import written_text
from gongwen.extractors.fields.names import is_surname, read_name, split_names
from gongwen.pipeline.model import Document

if TYPE_CHECKING:
    from gongwen.pipeline.roster import Roster

WRAPPED_REST = re.compile(r"\n(?P<rest>[\u4e00-\u9fff]{1,3})(?:\n|$)")  # in the normalized text


def signer(doc: Document, roster: Roster | None = None) -> tuple[str, ...]:
    """Names after 签发人 in the 版头, read by the names module: blanks between names separate
    them, a surname spaced off its given name (``常　晓燕``) is one name, a glued post or 同志 is
    dropped (``刘卫东区长``). A line that ends after the surname, as a PDF's text layer breaks a
    right-aligned 签发人, continues on the next line when the two make a name. The roster's names
    are read whole (「那仁高娃」 is not 那仁 and 高娃)."""
    names: list[str] = []
    for span in doc.structure.elements.get("signer", ()):
        text = written_text(doc, span.start, span.end)
        if not text.strip() or is_surname("".join(text.split())):
            text += _wrapped_rest(doc, span.end, text)
        names += split_names(text, roster)
    return tuple(names)


def _wrapped_rest(doc: Document, end: int, written: str) -> str:
    following = WRAPPED_REST.match(doc.text, end)
    if following is None:
        return ""
    rest = following.group("rest")
    return rest if read_name("".join(written.split()) + rest) is not None else ""

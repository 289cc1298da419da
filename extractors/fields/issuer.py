from __future__ import annotations

import re

from extractors.fields.elements import metadata_value, written_text
from extractors.fields.patterns import is_organ_name
from pipeline.model import Document

SEPARATORS = re.compile(r"[\s、，,]+")
ISSUER_MARK_WORD = re.compile(r"\s*文件\s*$")
TITLE_ORGAN_END = re.compile(r"关于|印发|转发|批转")
JOINT_REMAINDER = re.compile(r"等[一二三四五六七八九十\d]+个?(?:部门|单位|机关|部委)$")


def organ_names(written: str) -> tuple[str, ...]:
    names = tuple(name for name in SEPARATORS.split(written.strip("*# \u3000")) if name)
    return names if names and all(is_organ_name(name) for name in names) else ()


def issuer(doc: Document) -> tuple[str, ...]:
    """发文机关 as printed: the 发文机关标志, else the 署名, else the title's organ part;
    the page metadata only where the text names none."""
    elements = doc.structure.elements
    for span in elements.get("issuer_mark", ()):
        names = organ_names(ISSUER_MARK_WORD.sub("", written_text(doc, span.start, span.end)))
        if names:
            return names
    signature = [name for span in elements.get("signature", ()) for name in organ_names(written_text(doc, span.start, span.end))]
    if signature:
        return tuple(signature)
    names = title_organs(doc)
    if names:
        return names
    fallback = metadata_value(doc, "发文机关", "发布单位", "发文单位")
    return organ_names(fallback) if fallback else ()


def title_organs(doc: Document) -> tuple[str, ...]:
    """"国务院关于…" -> 国务院; "最高人民法院、最高人民检察院关于…" -> both; "工业和信息化部等七部门关于…" -> the one named."""
    spans = doc.structure.elements.get("title", ())
    if not spans:
        return ()
    start, end = spans[0].start, spans[-1].end
    cue = TITLE_ORGAN_END.search(doc.text, start, end)
    if not cue or cue.start() == start:
        return ()
    written = written_text(doc, start, cue.start())
    return organ_names(JOINT_REMAINDER.sub("", written.strip()))

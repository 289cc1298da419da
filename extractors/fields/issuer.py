from __future__ import annotations

import re

from gongwen.extractors.fields.doc_type import speech_name
from gongwen.extractors.fields.elements import metadata_value, written_text
from gongwen.extractors.fields.patterns import METADATA_TITLE, is_organ_name, known_organs, title_doc_type, untyped_title_endings
from gongwen.extractors.knowledge.organs import ends_a_name
from gongwen.pipeline.model import Document

SEPARATORS = re.compile(r"[\s、，,]+")
ISSUER_MARK_WORD = re.compile(r"(?<!\s)\s*文件\s*$")  # tried where a run of spaces starts: linear
TITLE_ORGAN_END = re.compile(r"关于|印发|转发|批转")
JOINT_REMAINDER = re.compile(r"等[一二三四五六七八九十\d]+个?(?:部门|单位|机关|部委)$")
SESSION = re.compile(r"第[一二三四五六七八九十]{1,3}届[\u4e00-\u9fff]{2,30}?(?:人民代表大会|委员会)(?:常务委员会)?"
                     r"第[一二三四五六七八九十]{1,3}次(?:全体)?会议")
# 「2025年中华人民共和国国务院政府工作报告」: a year and the state's name before the organ.
STATE_PREFIX = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年\s*)?(?:中华人民共和国)?")
# 「晋城市城区区长办公会议纪要」: the 区长's meeting is the government's, named by its place only.
HEAD_MEETING = re.compile(r"^(.{2,12}?[省市县区旗])[省市县区旗]长办公会议")
PREFIX_ORGAN_MIN_CHARS = 4  # "中心城区…" does not name an organ called 中心
# 文种 whose title names the organ that owns the document even where another organ prints and
# signs it: a 纪要 records the meeting of the government in its 纪要标志, not the office that compiles it.
TITLE_OWNED_TYPES = ("纪要",)
PAGE_TITLE_LINES = 5  # where a scrape header puts its title line


def organ_names(written: str) -> tuple[str, ...]:
    names = tuple(name for name in SEPARATORS.split(written.strip("*# \u3000")) if name)
    return names if names and all(is_organ_name(name) for name in names) else ()


def issuer(doc: Document) -> tuple[str, ...]:
    """发文机关 as printed, each organ once: the 发文机关标志, else the 署名, else the title's organ
    part (first of all for a 纪要); the page metadata only where the text names none."""
    elements = doc.structure.elements
    title_owned = title_doc_type(title_text(doc)) in TITLE_OWNED_TYPES
    sources = (
        lambda: title_organs(doc) if title_owned else (),
        lambda: names_in(doc, "issuer_mark", ISSUER_MARK_WORD),
        lambda: names_in(doc, "signature"),
        lambda: title_organs(doc),
    )
    for source in sources:
        names = source()
        if names:
            return tuple(dict.fromkeys(names))
    fallback = metadata_value(doc, "发文机关", "发布单位", "发文单位")
    if fallback:
        return tuple(dict.fromkeys(organ_names(fallback)))
    return _speech_organ_from_page_title(doc)


def _speech_organ_from_page_title(doc: Document) -> tuple[str, ...]:
    """A speech printed under its bare name (「政府工作报告」) on a page whose own title names the
    organ it is made for (「1957年中华人民共和国国务院政府工作报告」)."""
    own = re.sub(r"\s+", "", title_text(doc))
    header = (METADATA_TITLE.match(line.strip()) for line in doc.text.split("\n", PAGE_TITLE_LINES)[:PAGE_TITLE_LINES])
    written = metadata_value(doc, "title", "标题") or next((found.group("value") for found in header if found), "")
    page_title = STATE_PREFIX.sub("", written.strip())
    speech = speech_name(page_title)
    if not own or own != speech_name(own) or speech is None or page_title == speech:
        return ()
    return organ_names(page_title.removesuffix(speech))


def names_in(doc: Document, element: str, strip: re.Pattern | None = None) -> tuple[str, ...]:
    """The organ names of every span of ``element``, in order; a span that names none is skipped."""
    names: list[str] = []
    for span in doc.structure.elements.get(element, ()):
        written = written_text(doc, span.start, span.end)
        names += organ_names(strip.sub("", written) if strip else written)
    return tuple(names)


def title_text(doc: Document) -> str:
    spans = doc.structure.elements.get("title", ())
    return doc.text[spans[0].start:spans[-1].end] if spans else ""


def title_organs(doc: Document) -> tuple[str, ...]:
    """"国务院关于…" -> 国务院; "最高人民法院、最高人民检察院关于…" -> both; "工业和信息化部等七部门关于…"
    -> the one named. A title without 关于 may still open with its organ: "咸阳市人民政府令",
    "东安区人民政府常务会议纪要"."""
    spans = doc.structure.elements.get("title", ())
    if not spans:
        return ()
    start, end = spans[0].start, spans[-1].end
    cue = TITLE_ORGAN_END.search(doc.text, start, end)
    if cue:
        if cue.start() == start:
            return ()
        written = JOINT_REMAINDER.sub("", written_text(doc, start, cue.start()).strip())
        if SESSION.fullmatch(written):
            return (written,)  # a congress session adopts its 决议: 「第十四届全国人民代表大会第三次会议关于…的决议」
        return organ_names(written)
    written = STATE_PREFIX.sub("", written_text(doc, start, end).strip())
    speech = speech_name(written)
    if speech and written != speech:
        return organ_names(written.removesuffix(speech))  # 「国务院政府工作报告」: the organ before the speech's name
    meeting = HEAD_MEETING.match(re.sub(r"\s+", "", written))
    if meeting:
        return (f"{meeting.group(1)}人民政府",)
    return leading_organ(written)


def leading_organ(title: str) -> tuple[str, ...]:
    """The longest organ name the title opens with, where something follows it; never one that
    ends inside the title's form ("城区犬只管理办" of "…管理办法")."""
    compact = re.sub(r"\s+", "", title).split("《", 1)[0]
    for length in range(len(compact) - 1, PREFIX_ORGAN_MIN_CHARS - 2, -1):
        prefix = compact[:length]
        if is_organ_name(prefix) and (length >= PREFIX_ORGAN_MIN_CHARS or prefix in known_organs()) \
                and ends_a_name(compact, length) and not compact[length - 1:].startswith(untyped_title_endings()):
            return (prefix,)
    return ()

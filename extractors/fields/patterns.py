"""Shared text patterns and the line view the structure and field modules work on."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from gongwen.extractors.data import doc_types, yaml_data
from gongwen.extractors.knowledge.dates import WRITTEN_SEPARATOR, WrittenDate, find_dates, parse_date
# Organ names are known in one place; these are re-exported for the field modules that read them here.
from gongwen.extractors.knowledge.organs import (  # noqa: F401
    is_complete_organ, is_organ_name, known_organs, organ_suffixes,
)
from gongwen.pipeline.model import Document

# The year may be cut to two digits ("咸交发〔24〕5号"): kept, as written, for the format check to flag.
DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,15}\s*[〔\[［(（【]\s*(?:(?:19|20)\d{2}|\d{2})\s*[〕\]］)）】]\s*第?\s*\d{1,5}\s*号"
)
# Keys of web-page metadata and scrape headers; lines that start with one are page furniture.
META_KEYS = (
    "文号", "发文字号", "文件编号", "字号", "索引号", "索取号", "发布机构", "发文机关", "发布单位", "发布时间",
    "发布日期", "成文日期", "成文时间", "名称", "标题", "文件名称", "题名", "主题分类", "主题词", "来源", "原文链接",
    "检索时间", "检索关键词", "分类", "层级", "类型", "状态", "官方链接", "更新时间", "公开类别", "公开方式",
    "载体类型", "记录形式", "关键词", "文档类型", "有效性", "生效日期", "施行日期", "实施日期", "title:", "url:",
)
META_LINE = re.compile(r"^(?:\*\*)?(?:" + "|".join(map(re.escape, META_KEYS)) + r")(?:\*\*)?\s*(?:[:：]|\s|$|[\u4e00-\u9fff])")
TIMESTAMP = re.compile(r"^\d{4}[/-]\d{1,2}[/-]\d{1,2}\s+\d{1,2}:\d{2}")
MARKUP_LEAD = re.compile(r"^(?:#{1,6}\s*|>\s*|[-*+]\s+|\*\*|__)+")
SENTENCE_PUNCTUATION = re.compile(r"[。，,；;！!？?：:]")
LIST_SEPARATORS = re.compile(r"[、，,；;]")
HTML_ENTITY = re.compile(r"&#?\w{1,8};")  # left over by converters: "国务院办公厅 &sp;"
TRAILING_PUNCTUATION = "。.，,；;：:、 "

# A scrape header's title line: 「title: 1957年中华人民共和国国务院政府工作报告」.
METADATA_TITLE = re.compile(r"^(?:title|标题|文件名称|题名)\s*[:：]\s*(?P<value>\S.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """A non-empty block of the normalized text, markup stripped; offsets into Document.text."""

    index: int  # position among the document's lines
    block: int
    start: int
    end: int
    text: str
    markup: str  # the leading markup removed ("# ", "> ", "**"), if any
    front_matter: bool = False  # inside a leading "---" … "---" block of key: value lines
    cover_sheet: bool = False  # part of an approval record (发文稿纸) printed before the document


def document_lines(doc: Document) -> list[Line]:
    lines = text_lines(doc)
    if lines and lines[0].text == "---":
        closing = next((line.index for line in lines[1:] if line.text == "---"), None)
        if closing is not None:
            lines = [replace(line, front_matter=line.index <= closing) for line in lines]
    return lines


def _markup_trail_start(raw: str, head: int) -> int:
    """Where the run of ``**``/``__`` closing ``raw`` begins (a pattern searched for it was
    quadratic in a long run of asterisks)."""
    tail = len(raw)
    while tail - 2 >= head and raw[tail - 2:tail] in ("**", "__"):
        tail -= 2
    return tail


def text_lines(doc: Document) -> list[Line]:
    lines: list[Line] = []
    for block, (start, end) in enumerate(doc.block_spans):
        raw = doc.text[start:end]
        lead = MARKUP_LEAD.match(raw)
        head = lead.end() if lead else 0
        tail = _markup_trail_start(raw, head)
        text = raw[head:tail].strip()
        if not text:
            continue
        offset = start + head + (len(raw[head:tail]) - len(raw[head:tail].lstrip()))
        lines.append(Line(len(lines), block, offset, offset + len(text), text, raw[:head].strip()))
    return lines


def written_date_in(text: str) -> WrittenDate | None:
    """The first date in ``text`` written with 年月日 and its year ("2024年3月8日", "二〇二四年三月八日",
    "２０２４年３月８日"), whether or not it exists ("2024年2月30日")."""
    return next((date for date in find_dates(text) if is_written_with_year(date)), None)


def is_written_with_year(date: WrittenDate) -> bool:
    return date.form.separator == WRITTEN_SEPARATOR and date.form.year_digits > 0


def is_date_only(text: str) -> bool:
    """A line holding a written date and nothing else. An impossible date ("2024年2月30日") is still
    the date line the writer meant: the 署名 above it stays a 署名, and the date check reports it."""
    date = parse_date(text)
    return date is not None and is_written_with_year(date)


def is_numeric_date_only(text: str) -> bool:
    """A line holding a date such as "2019/7/26" or "2019-07-26" and nothing else, one that exists."""
    date = parse_date(text)
    return date is not None and date.form.separator != WRITTEN_SEPARATOR and date.iso is not None


def is_chrome(line: Line) -> bool:
    """Web-page or scrape furniture rather than document text."""
    text = line.text
    return (
        line.front_matter
        or line.cover_sheet
        or line.markup.startswith(">")
        or bool(META_LINE.match(text))
        or bool(TIMESTAMP.match(text))
        or text.startswith(("<", "---", "***", "【", "[", "http", "!["))
        or not text.strip("-=*_ ")
    )


def organ_line_names(doc: Document, line: Line) -> list[str] | None:
    """The organ names on a line (several when printed side by side), or None if it is not an organ line."""
    if SENTENCE_PUNCTUATION.search(HTML_ENTITY.sub("", line.text)):
        return None
    written = HTML_ENTITY.sub(" ", doc.written(line.start, line.end))
    names = [part for part in re.split(r"[\s、]+", written.strip("*# \u3000")) if part]
    if names and all(is_organ_name(name) for name in names):
        return names
    return None


@cache
def doc_type_words() -> tuple[str, ...]:
    """文种 words as titles end with them, longest first so 请示报告 wins over 报告 and 情况说明
    over 说明; with the other names of the meeting materials ("…情况的汇报")."""
    return tuple(sorted(doc_types() + tuple(material_aliases()), key=len, reverse=True))


@cache
def material_aliases() -> dict[str, str]:
    return dict(yaml_data("doc_types").get("material_aliases") or {})


@cache
def untyped_title_endings() -> tuple[str, ...]:
    return tuple(sorted(yaml_data("doc_types")["untyped_title_endings"], key=len, reverse=True))


@cache
def addressed_aliases() -> dict[str, str]:
    """Names of a meeting material that, on a document addressed to an organ, name a 报告."""
    return dict(yaml_data("doc_types").get("addressed_aliases") or {})


@cache
def meeting_materials() -> frozenset[str]:
    """汇报稿, 情况说明, 议题说明 and the other names they go by at the end of a title."""
    return frozenset(yaml_data("doc_types")["meeting_materials"]) | frozenset(material_aliases())


TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
# The 令 form is headed by the organ (or office) and 令 alone: "咸阳市人民政府令", "中华人民共和国主席令".
ORDER_HEADING = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}[部院委府席署局]令$")


def title_doc_type(title: str) -> str | None:
    """The 文种 a title ends with, as written ("请示报告", "汇报"; "命令" for a 令 heading);
    文种 words inside 《》 name the issued document, not this one."""
    text = title.strip().strip(TRAILING_PUNCTUATION)
    while TRAILING_NOTE.search(text):  # 关于…的通知（试行）
        text = TRAILING_NOTE.sub("", text).strip()
    for word in doc_type_words():
        if text.endswith(word):
            return word
    if text.endswith("令") and re.search(r"(?:第\S*号|[部院委府席署局]令$)", text):
        return "命令"
    return None

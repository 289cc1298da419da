from __future__ import annotations

import re

from gongwen.extractors.fields.elements import unclaimed_lines_after
from gongwen.extractors.fields.patterns import MARKUP_LEAD, TRAILING_PUNCTUATION
from gongwen.pipeline.model import Document, Span

LABEL = re.compile(r"^附\s*件\s*[：:]?\s*")  # 「附件：」, or 「附件　1．…」 without its colon
NUMBERING = re.compile(r"^(?:\d{1,2}\s*[.．、：:]|[（(]\s*\d{1,2}\s*[)）])\s*")  # 1. 1、 （1） and 附件1：
# A file name as a portal lists it: 「…空间布局图.pdf」, 「…目录.xlsx (xlsx)」.
FILE_NAME = re.compile(r"^(?P<stem>.+?)\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar|txt)\s*(?:[(（]\s*\w+\s*[)）])?$", re.I)
# A portal's heading over the document's attachment files (not 「原文下载」: that is the document itself).
PAGE_LIST_LABEL = re.compile(r"^[【\[]?\s*(?:相关)?附\s*件(?:下载)?\s*[】\]]?\s*[：:]?$")
CONTENT_ELEMENTS = ("title", "recipients", "body")
BRACKETS = ("（）", "()", "《》", "“”", "〔〕", "［］")


def attachments(doc: Document) -> tuple[str, ...]:
    """Titles in the 附件说明, without their "1." numbering or a file extension; without a 附件说明,
    the attachment files a web page lists for the document."""
    notes = note_spans(doc)
    if not notes:
        return page_attachment_list(doc)
    titles: list[str] = []
    for text in [LABEL.sub("", doc.text[span.start:span.end]).strip() for span in notes]:
        if titles and not NUMBERING.match(text):
            titles[-1] += text  # an item the structure found wrapped onto its next line
        else:
            titles.append(NUMBERING.sub("", text))
    titles = continued(doc, notes[-1].end, titles)
    return tuple(name for name in (_clean(title) for title in titles) if name)


def note_spans(doc: Document) -> list[Span]:
    """The 附件说明 spans after the document's content begins: an 「附件：…」 line heading the document
    (before its title, 主送 or body) is an attachment's own 附件 mark (GB/T 9704—2012 8.2), the
    file being the attachment itself."""
    elements = doc.structure.elements
    content = [span.start for name in CONTENT_ELEMENTS for span in elements.get(name, ())]
    first = min(content, default=None)
    return [span for span in elements.get("attachment_note", ()) if first is not None and span.start > first]


PAGE_HEADER = re.compile(r"第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?\s*$")


def continued(doc: Document, position: int, titles: list[str]) -> list[str]:
    """The 附件说明 read on past ``position`` over the lines no element claims (page numbers
    skipped): a numbered line is the next item (items printed on after a page break); an
    unnumbered one continues the last item only when that item is visibly cut, an open bracket or
    a title the body cites in 《》 only with this line added (「…招生划片」 + 「方案」)."""
    titles = list(titles)
    cited = _compact(doc.text)
    for line in unclaimed_lines_after(doc, position):
        if not re.search(r"[\u4e00-\u9fff]", line) or PAGE_HEADER.search(line):
            continue  # a page number, rule or running header between the items: 「— 1 —」, 「…办事处第 2 页」
        item = LABEL.sub("", line)
        if NUMBERING.match(item):  # 「2．…」, 「附件2：…」
            titles.append(NUMBERING.sub("", item))
        elif _is_cut(titles[-1]) or (f"《{_compact(titles[-1] + line)}》" in cited
                                     and f"《{_compact(titles[-1])}》" not in cited):
            titles[-1] += line
        else:
            break
    return titles


def _is_cut(title: str) -> bool:
    """An item that stops inside brackets: 「…事项目录（1」."""
    return any(title.count(opening) > title.count(closing) for opening, closing in BRACKETS)


def _compact(text: str) -> str:
    return "".join(text.split())


def page_attachment_list(doc: Document) -> tuple[str, ...]:
    """The attachment files a portal page lists under 「附件：」 or 「【相关附件】」, as titles."""
    titles: list[str] = []
    listing = False
    for line in doc.text.split("\n"):
        text = MARKUP_LEAD.sub("", line.strip()).strip("* ")
        if PAGE_LIST_LABEL.match(text):
            listing = True
            continue
        if not text:
            continue
        named = FILE_NAME.match(text)
        if listing and named:
            title = _clean(named.group("stem"))
            if title and title not in titles:
                titles.append(title)
        else:
            listing = False
    return tuple(titles)


def _clean(title: str) -> str:
    named = FILE_NAME.match(title.strip())
    return (named.group("stem") if named else title).strip().strip(TRAILING_PUNCTUATION)

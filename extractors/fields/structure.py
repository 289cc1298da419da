"""Locate the GB/T 9704-2012 elements of a document: which lines (or parts of lines) of the
normalized text are the 版头, the title, the 主送, the body, the 署名 and 成文日期, the 版记 …

Recognition is positional and conservative: an element is reported only where its shape and its
place agree, so a date or a document number cited in the body is never taken for the document's own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongwen.extractors.fields.cover_sheet import PAGE_FURNITURE, mark_cover_sheet
from gongwen.extractors.fields.patterns import (
    DOC_NUMBER,
    ORDER_HEADING,
    Line,
    SENTENCE_PUNCTUATION,
    TRAILING_NOTE,
    addressed_aliases,
    document_lines,
    is_chrome,
    is_date_only,
    is_numeric_date_only,
    is_organ_name,
    meeting_materials,
    organ_line_names,
    title_doc_type,
    untyped_title_endings,
    written_date_in,
)
from gongwen.extractors.knowledge.dates import WrittenDate
from gongwen.extractors.knowledge.numerals import CHINESE_NUMERALS
from gongwen.pipeline.model import ELEMENTS, Document, Span, Structure

CJK = re.compile(r"[\u4e00-\u9fff]")
HEAD_SCAN_LINES = 40  # the 版头 and title of even a chrome-laden web page sit within these
MARKS_SCAN_LINES = 6
TITLE_MAX_LINES = 3
TITLE_MAX_CHARS = 150
RECIPIENTS_MAX_CHARS = 300
SIGNATURE_MAX_LINES = 12  # joint documents: one organ a line
UNSIGNED_DATE_WINDOW = 30  # lines after the body starts
ISSUER_MARK = re.compile(r"^(?P<organ>.*\S|\s)\s*文件$")  # not a lazy organ: quadratic in spaces
SIGNER = re.compile(r"签发人?\s*[：:]\s*(?P<names>[\u4e00-\u9fff][\u4e00-\u9fff\s、，,]*)")
COPY_NUMBER = re.compile(r"(?<!\d)\d{6}(?!\d)")
CLASSIFICATION = re.compile(r"(?:绝密|机密|秘密)(?:\s*★\s*(?:\d+\s*(?:年|个月)|长期))?")
URGENCY = re.compile(r"特急|加急|特提|平急")
MARKS_LINE = re.compile(
    # Possessive spaces: three optional parts in a row otherwise share a run of spaces in every way.
    r"^(?:份号[：:]?\s*+)?(?:\d{6})?\s*+(?:(?:绝密|机密|秘密)(?:\s*+★\s*+(?:\d+\s*+(?:年|个月)|长期))?)?\s*+(?:特急|加急|特提|平急)?$"
)
# A title that names no 文种 is one line of these: no punctuation, so never a sentence or a menu,
# and no heading's numbering ("（一）实施方案", "第三章 附则").
UNTYPED_TITLE_TEXT = re.compile(
    r"(?![（(]|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百\d]{1,4}[章节条])[\u4e00-\u9fff\d（）()《》〈〉“”—－\-、·]+"
)
UNTYPED_TITLE_MIN_CHARS = 6  # a menu item ("规划计划") or a heading ("工作规则") is shorter
TITLE_CUE = re.compile(r"关于|印发|转发|批转|决定|决议|公报|命令|通告|公告|纪要|议案")
TITLE_OPENING = re.compile(r"^(?:关于|印发|转发|批转)")
# 期号 of a 纪要, 简报 or 公报 and 令号 of a 令, printed on a line of their own by the title.
ISSUE_NUMBER = re.compile(
    rf"^[（(]?\s*(?P<number>(?:(?:19|20)\d{{2}}\s*年\s*)?(?:总\s*)?第\s*[\d{CHINESE_NUMERALS}]{{1,6}}\s*[期号])\s*[）)]?$"
)
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[：:]\s*(?!https?:)\S")
NUMBERED_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*\S")
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]?$")
CC = re.compile(r"^抄\s*送\s*[：:]")
PRINTED = re.compile(r"印\s*发$")
NOTE = re.compile(r"^[（(].*[）)]$")
CONTACT = re.compile(r"^[（(]?\s*联\s*系\s*人\s*[：:]")
# A 题注 date under the title: "（2023年1月2日）", "——2020年2月7日…会议通过"
TITLE_NOTE_BEFORE_DATE = re.compile(r"^(?:——)?[（(]?\s*$")
TITLE_NOTE_AFTER_DATE = re.compile(r"^\s*(?:[\u4e00-\u9fff\d（）()\s]{0,50}(?:通过|会议上?|批准|公布|发布))?\s*[）)]?$")
RECIPIENT_ENDINGS = re.compile(
    r"(?:政府|办事处|部门|单位|机构|机关|局|委|办|厅|院|会|处|室|司|组|所|队|站|镇|乡|街道|县|市|区|省|公司|企业|学校|同志|党委|党组|兵团|法院|检察院|人民团体|部|中心|组织)$"
)
# A leader addressed by post, with or without a name ("许市长：", "周某某区长：", "区长："): a fault
# in a 请示 or 报告, but still its 主送.
LEADER_ADDRESSEE = re.compile(
    r"^(?!各)(?:尊敬的)?[\u4e00-\u9fff]{0,3}?(?:常务)?副?"
    r"(?:省长|市长|区长|县长|州长|旗长|镇长|乡长|书记|主任|局长|厅长|部长|秘书长|主席)(?:同志)?$"
)


@dataclass
class Layout:
    """Line indexes of the elements found, and the spans to report."""

    lines: list[Line]
    elements: dict[str, list[Span]] = field(default_factory=dict)
    start: int = 0  # the first line after an approval record printed before the document
    head: int = 0  # the first line of running text: the 版头 and title lie above it
    title: tuple[int, int] | None = None  # first and last line index
    issue_number: int | None = None  # a 期号 or 令号 line next to the title
    recipients: int | None = None
    body_start: int = 0
    closing: int | None = None  # the 成文日期 line
    signature: tuple[int, int] | None = None
    byline: int | None = None  # the date line of a 署名 and date printed under the title

    def add(self, doc: Document, element: str, start: int, end: int) -> None:
        self.elements.setdefault(element, []).append(doc.span(start, end))


def recognise_structure(doc: Document) -> Structure:
    lines = mark_cover_sheet(doc, document_lines(doc))
    start = next((line.index for line in lines if not line.cover_sheet), len(lines))
    layout = Layout(lines, start=start, head=head_end(lines, start))
    find_title(doc, layout)
    find_issue_number(layout)
    find_recipients(doc, layout)
    if layout.recipients is not None:
        line = layout.lines[layout.recipients]
        layout.add(doc, "recipients", line.start, line.end)
    layout.body_start = next_index(layout)
    find_byline(doc, layout)
    find_closing(doc, layout)
    if layout.closing is None and layout.byline is None:
        find_title_note_date(doc, layout)
    find_header(doc, layout)
    find_body_and_attachment_note(doc, layout)
    find_after_closing(doc, layout)
    ordered = {name: tuple(layout.elements[name]) for name in ELEMENTS if name in layout.elements}
    return Structure(ordered)


def next_index(layout: Layout) -> int:
    if layout.recipients is not None:
        return layout.recipients + 1
    if layout.title is not None:
        after_title = layout.title[1] + 1
        return after_title + 1 if layout.issue_number == after_title else after_title
    return layout.start


def head_end(lines: list[Line], start: int) -> int:
    """Index of the first line of running text (a sentence) from ``start``, which ends the 版头 and
    title area."""
    for line in lines[start:start + HEAD_SCAN_LINES]:
        if is_chrome(line):
            continue
        text = line.text
        sentence = "。" in text or (len(text) > 60 and SENTENCE_PUNCTUATION.search(text))
        if sentence and len(CJK.findall(text)) >= 8 and not stop_ended_title(text):
            return line.index
    return min(len(lines), start + HEAD_SCAN_LINES)


def stop_ended_title(text: str) -> bool:
    """A title wrongly closed by a full stop ("…的请示。"), which is not a sentence of the body."""
    bare = text.removesuffix("。")
    return bare != text and not SENTENCE_PUNCTUATION.search(bare) and title_shaped(bare)


def title_shaped(text: str) -> bool:
    """Ends with a 文种 and carries a title cue (关于, 印发 …), or is a 令 heading."""
    return bool(title_doc_type(text)) and bool(TITLE_CUE.search(text) or ORDER_HEADING.match(text))


def leading_doc_number(text: str) -> re.Match | None:
    match = DOC_NUMBER.match(text)
    return match if match and match.end() < len(text) else None


def title_candidate_line(line: Line) -> bool:
    text = line.text
    return not (
        is_chrome(line)
        or text.endswith(("：", ":"))
        or ("。" in text and not stop_ended_title(text))
        or is_date_only(text)
        or DOC_NUMBER.fullmatch(text)
        or ISSUER_MARK.match(text)
        or MARKS_LINE.match(text)
    )


def find_title(doc: Document, layout: Layout) -> None:
    lines = layout.lines
    limit = layout.head
    windows = [window for first in range(limit) if (window := title_window(doc, lines, first, limit))]
    # A title that names its 文种 beats a heading that is merely styled as one (a converted file's
    # name in bold, "## 政策全文").
    cued = [window for window in windows if window[3]]
    found = cued or windows or untyped_title_windows(doc, layout)
    if not found:
        return
    first, last, text, _ = found[0]
    # A web copy may repeat the title with its organ part ("中共中央 国务院关于…"): prefer the fuller one.
    for other_first, other_last, other_text, _ in found[1:]:
        if len(other_text) > len(text) and other_text.endswith(text) and other_first > last:
            first, last, text = other_first, other_last, other_text
            break
    layout.title = (first, last)
    for line in lines[first:last + 1]:
        number = leading_doc_number(line.text)
        start = line.start + number.end() if number else line.start
        while start < line.end and doc.text[start].isspace():
            start += 1
        layout.add(doc, "title", start, line.end)


def title_window(doc: Document, lines: list[Line], first: int, limit: int) -> tuple[int, int, str, bool] | None:
    """A title starting at line ``first``: one to three lines that end with a 文种 and carry a title
    cue (关于, 印发 …) or stand where the 版头 puts the title (under the 发文字号, over the 主送),
    or the head's explicit title (a Markdown heading, centred bold paragraphs).
    A title spanning lines starts with its cue or with the organ part ("晋城市城区人民政府" / "关于…");
    an organ line followed by a title of its own ("阳泉市城区人民政府" / "阳泉市城区人民政府关于…")
    is the 发文机关标志, not the start of the title.
    The flag tells whether the title was recognised by its 文种 and cue or place."""
    opening = lines[first]
    if not title_candidate_line(opening):
        return None
    cued = bool(TITLE_CUE.search(opening.text))
    may_continue = cued or bool(organ_line_names(doc, opening))
    for last in range(first, min(first + TITLE_MAX_LINES, limit)):
        if last > first:
            line = lines[last]
            if not may_continue or not title_candidate_line(line):
                break
            if not cued and not (TITLE_OPENING.match(line.text) or organ_line_names(doc, line)):
                break
            cued = cued or bool(TITLE_CUE.search(line.text))
        text = title_window_text(lines, first, last)
        if text is None or len(text) > TITLE_MAX_CHARS:
            break
        if title_shaped(text) or (title_doc_type(text) and in_title_place(doc, lines, first, last)):
            return first, last, text, True
    previous = lines[first - 1] if first > 0 else None
    if not explicit_title(doc, opening) or (previous and not is_chrome(previous) and explicit_title(doc, previous)):
        return None
    last = first
    while last + 1 < min(first + TITLE_MAX_LINES, limit) and explicit_title(doc, lines[last + 1]) \
            and title_candidate_line(lines[last + 1]) and not lines[last + 1].markup.startswith("#"):
        last += 1
    text = title_window_text(lines, first, last)
    return (first, last, text, False) if text and len(text) <= TITLE_MAX_CHARS else None


def untyped_title_windows(doc: Document, layout: Layout) -> list[tuple[int, int, str, bool]]:
    """A title that names no 文种, on one line: "…补助资金的申请", "…管理办法（征求意见稿）" (ending in
    a form or in a word written for a 文种), "关于加快…建设" (opening with its cue). The first kind is
    the title where it opens the document or stands where the 版头 puts the title; the second only
    where the 版头 puts it (over the 主送, under the 发文字号): a first line opening with 关于 may
    just as well start the body. Kept as written, for the title and 文种 checks to judge."""
    lines = layout.lines
    opening = next((line.index for line in lines[layout.start:layout.head]
                    if not is_chrome(line) and not page_furniture(doc, line)), None)
    for line in lines[layout.start:layout.head]:
        if not title_candidate_line(line) or page_furniture(doc, line):
            continue
        text = re.sub(r"\s+", "", line.text)
        if not (UNTYPED_TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS and UNTYPED_TITLE_TEXT.fullmatch(text)):
            continue
        ending = untyped_ending(text)
        if not (ending or TITLE_OPENING.match(text)):
            continue
        if in_title_place(doc, lines, line.index, line.index) or (ending and line.index == opening):
            return [(line.index, line.index, text, False)]
    return []


def untyped_ending(text: str) -> str | None:
    """The form or 文种-like word the text ends with, a "（征求意见稿）" or "（试行）" mark aside."""
    while TRAILING_NOTE.search(text):
        text = TRAILING_NOTE.sub("", text)
    return next((word for word in untyped_title_endings() if text.endswith(word)), None)


def page_furniture(doc: Document, line: Line) -> bool:
    return doc.raw.blocks[line.block].kind in PAGE_FURNITURE


def in_title_place(doc: Document, lines: list[Line], first: int, last: int) -> bool:
    """Right under the 发文字号 or 发文机关标志, or right over the 主送: where GB/T 9704 puts the title."""
    following = next((line for line in lines[last + 1:] if not is_chrome(line)), None)
    if following is not None and looks_like_recipients(following.text):
        return True
    preceding = next((line for line in reversed(lines[:first]) if not is_chrome(line)), None)
    if preceding is None:
        return False
    number = DOC_NUMBER.match(preceding.text)
    if number and (number.end() == len(preceding.text) or SIGNER.search(preceding.text)):
        return True
    mark = ISSUER_MARK.match(preceding.text)
    return bool(mark and is_organ_name(mark.group("organ")))


def title_window_text(lines: list[Line], first: int, last: int) -> str | None:
    parts = []
    for line in lines[first:last + 1]:
        text = line.text
        number = leading_doc_number(text)
        if number:
            if line.index != first:
                return None
            text = text[number.end():]
        parts.append(re.sub(r"\s+", "", text))
    return "".join(parts)


def explicit_title(doc: Document, line: Line) -> bool:
    if line.markup.startswith("#"):
        return True
    style = doc.raw.blocks[line.block].style
    return style.alignment == "center" and bool(style.bold) and not organ_line_names(doc, line)


def find_issue_number(layout: Layout) -> None:
    """A 期号 ("第4期") or 令号 ("第5号") on its own line right under or right over the title."""
    if layout.title is None:
        return
    first, last = layout.title
    for index in (last + 1, first - 1):
        if layout.start <= index < len(layout.lines) and ISSUE_NUMBER.match(layout.lines[index].text):
            layout.issue_number = index
            return


def title_text(layout: Layout) -> str:
    if layout.title is None:
        return ""
    return "".join(line.text for line in layout.lines[layout.title[0]:layout.title[1] + 1])


def find_recipients(doc: Document, layout: Layout) -> None:
    """The 主送 line under the title. A meeting material has none: the "周区长、各位副区长："
    under its title is the salutation of a speech. A title named only "…的汇报" may be either: an
    organ addressed under it ("区人民政府：") makes it a 报告, and that line its 主送."""
    lines = layout.lines
    organs_only = False
    if layout.title is not None:
        written = title_doc_type(title_text(layout))
        organs_only = written in addressed_aliases()
        if written in meeting_materials() and not organs_only:
            return
        window = lines[layout.title[1] + 1:layout.title[1] + 1 + 12]
    else:
        window = [line for line in lines[layout.start:layout.start + HEAD_SCAN_LINES] if not is_chrome(line)][:5]
    for line in window:
        if is_chrome(line) or is_date_only(line.text) or title_note_date(line.text) \
                or line.index == layout.issue_number:
            continue
        if looks_like_recipients(line.text, organs_only):
            layout.recipients = line.index
            return
        # Under a "…的汇报", a line addressing people is the salutation of a speech: no 主送 follows.
        if "。" in line.text or (organs_only and line.text.endswith(("：", ":"))):
            return


def looks_like_recipients(text: str, organs_only: bool = False) -> bool:
    """A 主送 line: ends with a colon, its last item an organ or a leader addressed by post; with
    ``organs_only``, every item an organ (a speech's salutation addresses people)."""
    if not text.endswith(("：", ":")) or "。" in text or len(text) > RECIPIENTS_MAX_CHARS:
        return False
    head = text.rstrip("：:").strip()
    if len(head) < 2:
        return False
    items = [TRAILING_NOTE.sub("", item.strip()) for item in re.split(r"[、，,；;]", head)]
    if organs_only:
        return all(addressed_organ(item) for item in items)
    return bool(RECIPIENT_ENDINGS.search(items[-1]) or LEADER_ADDRESSEE.match(items[-1]))


def addressed_organ(item: str) -> bool:
    """An organ as 主送, not a person ("周区长", "张某某同志")."""
    return bool(RECIPIENT_ENDINGS.search(item)) and not LEADER_ADDRESSEE.match(item) and not item.endswith("同志")


def find_byline(doc: Document, layout: Layout) -> None:
    """署名 and date printed under the title, before any running text: the department and date of a
    meeting material, the compiling office and date of a 纪要, the organ and date of a 公报. The
    date may be bracketed ("（2024年5月14日）"); the body follows them. A 署名 at the end, if the
    document repeats one there, is found by ``find_closing`` after them."""
    if layout.title is None or layout.recipients is not None:
        return
    lines = layout.lines
    index = layout.body_start
    while index < layout.head and index - layout.body_start < SIGNATURE_MAX_LINES and organ_line_names(doc, lines[index]):
        index += 1
    if index >= layout.head:
        return
    line = lines[index]
    if index > layout.body_start and (date := title_note_date(line.text)):
        add_signature_and_date(doc, layout, line, (layout.body_start, index - 1),
                               line.start + date.start, line.start + date.end)
    elif index == layout.body_start and (inline := inline_signature(doc, line)):
        organ_length, date = inline
        add_signature_and_date(doc, layout, line, (index, index), line.start + date.start, line.start + date.end,
                               line.start + organ_length)
    else:
        return
    layout.byline = index
    layout.body_start = index + 1


def find_closing(doc: Document, layout: Layout) -> None:
    """The 成文日期 under the 署名: the first date-only line after the body starts whose line
    above is an organ name, or a line holding both. Later dates belong to attached rules.
    "2019/7/26"-style dates count only where no written date ("2019年7月26日") qualifies."""
    lines = layout.lines[layout.body_start:]
    candidates = [line for line in lines if not is_chrome(line) and not PRINTED.search(line.text)]
    for line in candidates:
        if is_date_only(line.text):
            signature = signature_lines(doc, layout.lines, line.index, layout.body_start)
            if signature:
                set_closing(doc, layout, line, signature, line.start, line.end)
                return
        inline = inline_signature(doc, line)
        if inline:
            organ_length, date = inline
            set_closing(doc, layout, line, (line.index, line.index), line.start + date.start, line.start + date.end,
                        line.start + organ_length)
            return
    for line in candidates:
        if is_numeric_date_only(line.text):
            signature = signature_lines(doc, layout.lines, line.index, layout.body_start)
            if signature:
                set_closing(doc, layout, line, signature, line.start, line.end)
                return
    if layout.byline is not None:
        return
    # Web copies often drop the 署名 but keep the date: accept the first date-only line soon after
    # the body starts.
    for line in candidates:
        if line.index - layout.body_start > UNSIGNED_DATE_WINDOW:
            return
        if is_date_only(line.text):
            layout.closing = line.index
            layout.add(doc, "date", line.start, line.end)
            return


def find_title_note_date(doc: Document, layout: Layout) -> None:
    """A 题注 date under the title: "（2023年1月2日）" or "2020年2月7日 …会议通过"."""
    first = layout.title[0] if layout.title is not None else 0
    for line in layout.lines[first:layout.head]:
        if date := title_note_date(line.text):
            layout.add(doc, "date", line.start + date.start, line.start + date.end)
            if line.index == layout.body_start:
                layout.body_start += 1
            return


def signature_lines(doc: Document, lines: list[Line], date_index: int, body_start: int) -> tuple[int, int] | None:
    first = date_index
    while first - 1 >= body_start and date_index - (first - 1) <= SIGNATURE_MAX_LINES:
        if not organ_line_names(doc, lines[first - 1]):
            break
        first -= 1
    return (first, date_index - 1) if first < date_index else None


def title_note_date(text: str) -> WrittenDate | None:
    date = written_date_in(text)
    if date and TITLE_NOTE_BEFORE_DATE.match(text[:date.start]) and TITLE_NOTE_AFTER_DATE.match(text[date.end:]):
        return date
    return None


def inline_signature(doc: Document, line: Line) -> tuple[int, WrittenDate] | None:
    """For "东安区人民政府 2019年7月18日" on one line: the length of the organ part, and the date."""
    date = written_date_in(line.text)
    if not date or date.end != len(line.text) or date.start == 0:
        return None
    organ = line.text[:date.start].rstrip()
    probe = Line(line.index, line.block, line.start, line.start + len(organ), organ, "")
    return (len(organ), date) if organ_line_names(doc, probe) else None


def set_closing(
    doc: Document, layout: Layout, date_line: Line, signature: tuple[int, int],
    date_start: int, date_end: int, inline_end: int | None = None,
) -> None:
    layout.closing = date_line.index
    layout.signature = signature
    add_signature_and_date(doc, layout, date_line, signature, date_start, date_end, inline_end)


def add_signature_and_date(
    doc: Document, layout: Layout, date_line: Line, signature: tuple[int, int],
    date_start: int, date_end: int, inline_end: int | None = None,
) -> None:
    if inline_end is not None:
        layout.add(doc, "signature", date_line.start, inline_end)
    else:
        for line in layout.lines[signature[0]:signature[1] + 1]:
            layout.add(doc, "signature", line.start, line.end)
    layout.add(doc, "date", date_start, date_end)


def find_header(doc: Document, layout: Layout) -> None:
    """份号, 密级, 紧急程度 and 发文机关标志 above the title; 发文字号 and 签发人 above the 主送
    (a web copy may print the number under the title, or before it on the title's line)."""
    lines = layout.lines
    title_first, title_last = layout.title if layout.title is not None else (None, None)
    end = layout.recipients if layout.recipients is not None else layout.head
    header = [line for line in lines[:end] if not is_chrome(line)]
    above_title = [line for line in header if title_first is None or line.index < title_first]
    for line in above_title[:MARKS_SCAN_LINES]:
        if not MARKS_LINE.match(line.text):
            continue
        for element, pattern in (("copy_number", COPY_NUMBER), ("classification", CLASSIFICATION), ("urgency", URGENCY)):
            match = pattern.search(line.text)
            if match:
                layout.add(doc, element, line.start + match.start(), line.start + match.end())
    for line in issuer_mark_lines(doc, layout, above_title):
        layout.add(doc, "issuer_mark", line.start, line.end)
    numbered = [line for line in header if title_first is None or not title_first < line.index <= title_last]
    # The last one: a web page's metadata block may repeat the number above the document's own.
    for line in reversed(numbered):
        number = DOC_NUMBER.search(line.text)
        if number and (number.start() == 0 or meta_prefix(line.text[:number.start()])):
            layout.add(doc, "doc_number", line.start + number.start(), line.start + number.end())
            break
    else:
        if layout.issue_number is not None:
            line = layout.lines[layout.issue_number]
            issue = ISSUE_NUMBER.match(line.text)
            layout.add(doc, "doc_number", line.start + issue.start("number"), line.start + issue.end("number"))
    for line in header:
        signer = SIGNER.search(line.text)
        if signer:
            names = signer.group("names").rstrip()
            layout.add(doc, "signer", line.start + signer.start("names"), line.start + signer.start("names") + len(names))
            break


def issuer_mark_lines(doc: Document, layout: Layout, above_title: list[Line]) -> list[Line]:
    """The 发文机关标志: "XX人民政府文件", or the organ's name alone over the title (GB/T 9704 allows
    either; the 发文字号 and 签发人 may stand between it and the title). A joint document stacks
    its organs one a line: those lines are all part of it."""
    for line in above_title:
        mark = ISSUER_MARK.match(line.text)
        organ = mark and Line(line.index, line.block, line.start, line.start + mark.end("organ"), mark.group("organ"), "")
        if organ and organ_line_names(doc, organ):
            return stacked_organ_lines(doc, above_title, line.index) + [line]
    if layout.title is None:
        return []
    for line in reversed(above_title):
        if line.index != layout.issue_number and not DOC_NUMBER.match(line.text) and not SIGNER.search(line.text):
            return stacked_organ_lines(doc, above_title, line.index + 1)
    return []


def stacked_organ_lines(doc: Document, lines: list[Line], below: int) -> list[Line]:
    """The organ-name lines stacked right over line ``below``, in printed order."""
    stacked: list[Line] = []
    for line in reversed(lines):
        if line.index >= below:
            continue
        if line.index != below - 1 - len(stacked) or not organ_line_names(doc, line):
            break
        stacked.append(line)
    return stacked[::-1]


def meta_prefix(text: str) -> bool:
    return bool(re.fullmatch(r"(?:文号|发文字号|文件编号|字号)\s*[：:]?\s*", text))


def find_body_and_attachment_note(doc: Document, layout: Layout) -> None:
    lines = layout.lines
    start = layout.body_start
    end = layout.signature[0] if layout.signature else len(lines)
    if start >= end:
        return
    note_at = None
    for line in lines[start:end]:
        if ATTACHMENT_NOTE.match(line.text):
            note_at = line.index
            break
    body_end = note_at if note_at is not None else end
    if layout.signature is None:
        body_end = min(body_end, first_after_body(lines, start))
    if body_end > start:
        layout.add(doc, "body", lines[start].start, lines[body_end - 1].end)
    if note_at is not None:
        layout.add(doc, "attachment_note", lines[note_at].start, lines[note_at].end)
        for line in lines[note_at + 1:end]:
            if not NUMBERED_ITEM.match(line.text) or "。" in line.text:
                break
            layout.add(doc, "attachment_note", line.start, line.end)


def first_after_body(lines: list[Line], start: int) -> int:
    """Without a 署名, the body runs to the 版记 (抄送, 印发) or the end."""
    for line in lines[start:]:
        if CC.match(line.text) or (PRINTED.search(line.text) and written_date_in(line.text)):
            return line.index
    return len(lines)


def find_after_closing(doc: Document, layout: Layout) -> None:
    """附注 right under the date, then 附件, 抄送 and the 印发 line of the 版记."""
    lines = layout.lines
    tail_start = layout.closing + 1 if layout.closing is not None else layout.body_start
    if layout.closing is not None:
        for line in lines[tail_start:tail_start + 3]:
            if NOTE.match(line.text) or CONTACT.match(line.text):
                layout.add(doc, "note", line.start, line.end)
            else:
                break
        if "note" not in layout.elements and layout.signature is not None:
            # A 函 may end its body with the 联系人 line, above the 署名 rather than under the date.
            first_signature_line = layout.signature[0]
            above = lines[max(layout.body_start, first_signature_line - 3):first_signature_line]
            contact = next((line for line in reversed(above) if CONTACT.match(line.text)), None)
            if contact is not None:
                layout.add(doc, "note", contact.start, contact.end)
    else:
        tail = lines[max(tail_start, len(lines) - 8):]
        for line in tail:
            if CONTACT.match(line.text):
                layout.add(doc, "note", line.start, line.end)
                break
    if layout.closing is not None or layout.byline is not None:
        for line in lines[tail_start:]:
            if ATTACHMENT_HEADING.match(line.text):
                layout.add(doc, "attachments", line.start, lines[-1].end)
                break
    for line in lines[tail_start:]:
        if CC.match(line.text):
            layout.add(doc, "cc", line.start, line.end)
            break
    for line in lines[tail_start:]:
        date = written_date_in(line.text) if PRINTED.search(line.text) else None
        if date and not SENTENCE_PUNCTUATION.search(line.text):
            above = lines[line.index - 1] if line.index else None
            if date.start == 0 and above is not None and organ_line_names(doc, above):
                layout.add(doc, "printed", above.start, above.end)  # organ and date on two lines
            layout.add(doc, "printed", line.start, line.end)
            break

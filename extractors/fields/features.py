"""What the element labeller sees of each line: binary features from the line's text (cue words,
patterns, the organ and 文种 lexicons), its place (before or after the first sentence, next to a
title candidate, in the last lines) and its block's style (centred bold, page furniture).

Features only describe; the weights that turn them into label scores and the order the labels must
follow live in ``labeller``. A feature may look at neighbouring lines (an organ line "stacked over a
date" is a 署名 candidate), never at the labels the decoder chooses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gongwen.extractors.data import phrase_list
from gongwen.extractors.fields.cover_sheet import PAGE_FURNITURE
from gongwen.extractors.fields.doc_type import reply_title
from gongwen.extractors.fields.issuer import leading_organ
from gongwen.extractors.fields.names import is_surname, posts, read_name, split_names
from gongwen.extractors.fields.patterns import (
    METADATA_TITLE,
    DOC_NUMBER,
    LIST_SEPARATORS,
    ORDER_HEADING,
    SENTENCE_PUNCTUATION,
    TRAILING_NOTE,
    Line,
    addressed_aliases,
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
from gongwen.extractors.knowledge.organs import is_leader_addressee
from gongwen.extractors.knowledge.page_furniture import is_page_number
from gongwen.pipeline.model import Document

CJK = re.compile(r"[\u4e00-\u9fff]")
HEAD_SCAN_LINES = 40  # the 版头 and title of even a chrome-laden web page sit within these
MARKS_SCAN_LINES = 6
TITLE_MAX_LINES = 3
SPEECH_HEAD_LINES = 5  # under a speech's title: its 题注 (two lines when wrapped), the speaker, the salutation
SIGNER_REST_MAX = 12  # names wrapped off a 签发人 line: at most three
TITLE_MAX_CHARS = 150
RECIPIENTS_MAX_CHARS = 300
RECIPIENTS_WINDOW = 12  # lines under the title
UNTITLED_RECIPIENTS_WINDOW = 5  # first lines of a document without a title
SIGNATURE_MAX_LINES = 12  # joint documents: one organ a line
UNSIGNED_DATE_WINDOW = 30  # lines after the body starts
RUNNING_HEADER_MAX_CHARS = 40
NOTE_WINDOW = 3  # 附注 lines right under the date
CONTACT_TAIL = 8  # a 联系人 line among the last lines of a document without a 成文日期
ISSUER_MARK = re.compile(r"^(?P<organ>.*\S|\s)\s*文件$")  # not a lazy organ: quadratic in spaces
# 签发人 with or without its colon ("签发人　武某某"); "签发：" only with the colon.
# The names may be wrapped onto the next line, as a PDF's text layer breaks a right-aligned 签发人.
SIGNER = re.compile(r"(?:签发人\s*[：:]?|签发\s*[：:])\s*(?P<names>[\u4e00-\u9fff][\u4e00-\u9fff·•・\s、，,]*)?")
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
# A draft's form mark on a line of its own under its title: "（征求意见稿）", "（草案）", "（试行）".
FORM_MARK = re.compile(r"^[（(][\u4e00-\u9fff]{1,8}[）)]$")
DATE_LABEL = re.compile(r"^(?:起草|报送|编制|成文|印发)(?:日期|时间)\s*[：:]")
ORGAN_LED = re.compile(r"^(?P<organ>[\u4e00-\u9fff]{2,30}?)关于")
# 「（区长办公会议汇报稿）」, 「（提请区长办公会议审议）」 under a title: what the text is for, a subtitle, not the body.
SUBTITLE_MARK = re.compile(r"^[（(][\u4e00-\u9fff]{0,20}(?:汇报稿|汇报材料|会议材料|情况说明|议题说明|讨论稿|征求意见稿|送审稿|代拟稿"
                           r"|会议(?:审议|研究|讨论|审定))[）)]$")
# 期号 of a 纪要, 简报 or 公报 and 令号 of a 令, printed on a line of their own by the title.
ISSUE_NUMBER = re.compile(
    rf"^[（(]?\s*(?P<number>(?:(?:19|20)\d{{2}}\s*年\s*|〔\s*(?:19|20)\d{{2}}\s*〕\s*)?(?:总\s*)?第\s*[\d{CHINESE_NUMERALS}]{{1,6}}\s*[期号])\s*[）)]?$"
)
# 附件说明, with or without its colon ("附件：1．…", "附件　1．…").
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*(?:[：:]\s*(?!https?:)\S|[ \t\u3000]+\d{1,2}\s*[.．、]\s*\S)")
NUMBERED_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*\S")
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]?$")
CC = re.compile(r"^抄\s*送\s*(?:[：:]|[ \t\u3000]+(?=\S))")
PRINTED = re.compile(r"印\s*发$")
NOTE = re.compile(r"^[（(].*[）)]$")
CONTACT = re.compile(r"^[（(]?\s*(?:联\s*系\s*人(?:及\s*(?:联\s*系\s*)?(?:电\s*话|方\s*式))?|(?:联\s*系\s*)?电\s*话|手\s*机|联\s*系\s*方\s*式)\s*[：:]")
# A meeting material's or draft's marker line naming the department that wrote it.
MARKER = re.compile(r"^(?:起草|汇报|报送|承办|提请|呈报|编制)(?:单位|部门|机关)\s*[：:]?\s*(?P<organ>\S.*)$")
# 「城发改发〔2024〕33号　　　　庞振宇」: the last row of a joint document's 签发人 names ends on the 发文字号's line
# (the written text keeps one blank for the gap).
SIGNERS_ROW_END = re.compile(r"[ \t\u3000]+(?P<names>[\u4e00-\u9fff·]{2,8}(?:[ \t\u3000]+[\u4e00-\u9fff·]{1,8})*)")
TRAILING_DOC_NUMBER = re.compile(rf"(?:{DOC_NUMBER.pattern})$")
BRACKETED_DOC_NUMBER = re.compile(rf"[（(]\s*(?P<number>{DOC_NUMBER.pattern})\s*[）)]$")
DOC_NUMBER_PREFIX_MAX = 16  # the 机关代字 before the year: at most 15 characters (DOC_NUMBER)
YEAR_BRACKET = re.compile(r"[〔\[［(（【]")
FILE_NAME_JOIN = re.compile(r"[\u4e00-\u9fff]_[\u4e00-\u9fff]")
ATTACHMENT_OWN_TITLE = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]\s*(?P<value>(?!\d{1,2}\s*[.．、])[^\s：:].{3,})$")
SALUTATION = re.compile(r"^各位[\u4e00-\u9fff、]{1,20}[：:]$")
# A 署名 by a person and post over the date ("区长周某某", as a 议案 is signed).
PERSON_SIGNATURE = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff\s]{1,15}")
# A 题注 date under the title: "（2023年1月2日）", "——2020年2月7日…会议通过"
TITLE_NOTE_BEFORE_DATE = re.compile(r"^(?:——)?[（(]?\s*$")
TITLE_NOTE_AFTER_DATE = re.compile(
    r"^\s*(?:[\u4e00-\u9fff\d（）()\s]{0,50}(?:通过|会[议議]上?|批准|公布|发布))?\s*[）)]?$")
RECIPIENT_ENDINGS = re.compile(
    r"(?:政府|办事处|部门|单位|机构|机关|局|委|办|厅|院|会|处|室|司|组|所|队|站|镇|乡|街道|县|市|区|省|公司|企业|学校|同志|党委|党组|兵团|法院|检察院|人民团体|部|中心|组织|委员|代表)$"
)


@dataclass(frozen=True)
class Candidate:
    """A title candidate: lines ``first``..``last`` and the kind of evidence ("cued", "placed",
    "explicit", "untyped")."""

    first: int
    last: int
    text: str
    kind: str


def document_features(doc: Document, lines: list[Line]) -> list[set[str]]:
    """The features of each of ``lines`` (a parallel list)."""
    start = next((line.index for line in lines if not line.cover_sheet), len(lines))
    head = head_end(lines, start)
    candidates = title_candidates(doc, lines, start, head)
    title = candidates[0] if candidates else None
    features: list[set[str]] = [set() for _ in lines]
    _mark_lines(doc, lines, features, start, head)
    if title is None:
        title = _metadata_title(lines, features, start, head) or _attachment_title(lines, features, start)
    _mark_head(doc, lines, features, start, head, candidates)
    _mark_after_title(doc, lines, features, start, head, title)
    _mark_closing(doc, lines, features, head, title)
    _mark_title_note(lines, features, head, title)
    return features


def _mark_lines(doc: Document, lines: list[Line], features: list[set[str]], start: int, head: int) -> None:
    """Features of a line on its own: chrome, page furniture, cue patterns, sentences."""
    for index in running_headers(doc, lines):
        features[index].add("running_header")
    for line, found in zip(lines, features):
        text = line.text
        if line.cover_sheet:
            found.add("approval")
            continue
        if is_chrome(line) or portal_metadata(text):
            found.add("chrome")
        kind = doc.raw.blocks[line.block].kind
        if kind in PAGE_FURNITURE:
            found.add("furniture")
        if is_page_number(text):
            found.add("page_number")
        if "。" in text or (len(text) > 60 and SENTENCE_PUNCTUATION.search(text)):
            found.add("sentence")
        if ATTACHMENT_NOTE.match(text):
            found.add("attachment_note")
        if CC.match(text) or bare_cc(text):
            found.add("cc")
        if CONTACT.match(text):
            found.add("contact")
        elif NOTE.match(text):
            found.add("bracketed")
        if line.index >= head and ATTACHMENT_HEADING.match(text):
            found.add("attachment_heading")
        if PRINTED.search(text) and written_date_in(text) and not SENTENCE_PUNCTUATION.search(text):
            found.add("printed")
            above = lines[line.index - 1] if line.index else None
            date = written_date_in(text)
            if date.start == 0 and above is not None and organ_line_names(doc, above):
                features[above.index].add("printed_organ")
    # 附件说明 items: numbered lines right under the 附件： line.
    for line in lines:
        found = features[line.index]
        if "attachment_note" in found:
            for item in lines[line.index + 1:]:
                if not NUMBERED_ITEM.match(item.text) or "。" in item.text:
                    break
                features[item.index].add("attachment_item")


def running_headers(doc: Document, lines: list[Line]) -> list[int]:
    """Lines a paged document repeats at the top of its pages after the first (a running header
    pasted into the text): the same short line opening two pages or more."""
    tops: dict[int, Line] = {}
    for line in lines:
        page = doc.raw.blocks[line.block].page
        if page is not None and page not in tops and doc.raw.blocks[line.block].kind not in PAGE_FURNITURE \
                and not is_page_number(line.text):
            tops[page] = line
    seen: dict[str, list[int]] = {}
    for page, line in tops.items():
        if len(line.text) <= RUNNING_HEADER_MAX_CHARS and not SENTENCE_PUNCTUATION.search(line.text):
            seen.setdefault(line.text, []).append(page)
    return [tops[page].index for pages in seen.values() if len(pages) >= 2 for page in pages if page > 1]


def _metadata_title(lines: list[Line], features: list[set[str]], start: int, head: int) -> Candidate | None:
    """Where the text prints no title, a scrape header's title line ("title: …", "标题：…") gives
    it: the line is then the title's, not page chrome."""
    for line in lines[start:head]:
        value = metadata_title_value(line.text)
        if value and title_doc_type(value):
            features[line.index].discard("chrome")
            features[line.index].add("metadata_title")
            return Candidate(line.index, line.index, re.sub(r"\s+", "", value), "metadata")
    return None


def _attachment_title(lines: list[Line], features: list[set[str]], start: int) -> Candidate | None:
    """An attachment sent as a file of its own opens with its 附件 mark and names itself there
    (「附件：…空间布局图」, GB/T 9704—2012 8.2): that name is its title."""
    first = next((line for line in lines[start:] if "chrome" not in features[line.index]), None)
    match = ATTACHMENT_OWN_TITLE.match(first.text) if first is not None else None
    if match is None:
        return None
    features[first.index].add("attachment_own_title")
    return Candidate(first.index, first.index, re.sub(r"\s+", "", match.group("value")), "attachment")


def metadata_title_value(text: str) -> str | None:
    """The title a line names as a value: a scrape header's 「title: …」, an attachment's 「附件：…」."""
    match = METADATA_TITLE.match(text) or ATTACHMENT_OWN_TITLE.match(text)
    return match.group("value") if match else None


def signers_row_end(doc: Document, line: Line) -> int | None:
    """Where the names begin in a 发文字号 line that also ends a joint document's 签发人 rows
    (「城发改发〔2024〕33号　　　　庞振宇」, a gap between), else None."""
    number = DOC_NUMBER.match(line.text)
    if number is None or number.end() == len(line.text):
        return None
    written = doc.written(line.start, line.end).lstrip()
    written_number = DOC_NUMBER.match(written)
    if written_number is None or not SIGNERS_ROW_END.fullmatch(written, written_number.end()):
        return None
    return number.end()


def signer_names_wrapped(doc: Document, previous: Line | None, line: Line) -> bool:
    """A line of names only (「甄丽霞」) right under the line that holds 签发人: the names wrapped onto it."""
    above = SIGNER.search(previous.text) if previous is not None else None
    if above is None or len(line.text) > SIGNER_REST_MAX:
        return False
    written_above = (above.group("names") or "").split()
    if not written_above or is_surname(written_above[-1]):
        return False  # 「签发人：吉」 over 「海波」: one name cut by the text layer, read by the signer field
    pieces = split_names(doc.written(line.start, line.end))  # 「杜　鹏」 is one name
    return bool(pieces) and all(read_name(piece, segment=False) for piece in pieces)


def _mark_head(doc: Document, lines: list[Line], features: list[set[str]], start: int, head: int,
               candidates: list[Candidate]) -> None:
    """The 版头: marks, 发文机关标志, 发文字号, 签发人, title candidates."""
    content = [line for line in lines[start:head] if "chrome" not in features[line.index]]
    for line in content[:MARKS_SCAN_LINES]:
        if MARKS_LINE.match(line.text):
            features[line.index].add("marks")
    for position, line in enumerate(content):
        previous = content[position - 1] if position else None  # the content line right above
        found = features[line.index]
        text = line.text
        mark = ISSUER_MARK.match(text)
        if mark:
            organ = Line(line.index, line.block, line.start, line.start + mark.end("organ"), mark.group("organ"), "")
            if organ_line_names(doc, organ):
                found.add("issuer_mark")
                for above in stacked_organ_lines(doc, content, line.index):
                    features[above.index].add("organ_over_mark")
        number = DOC_NUMBER.match(text)
        if number and (number.end() == len(text) or SIGNER.match(text[number.end():].lstrip())
                       or (previous is not None and SIGNER.match(previous.text) is not None
                           and signers_row_end(doc, line) is not None)):
            found.add("doc_number")
        elif (number := DOC_NUMBER.search(text)) and meta_prefix(text[:number.start()]):
            found.add("doc_number")
        if ISSUE_NUMBER.match(text):
            found.add("issue_number")
        if SIGNER.match(text):
            found.add("signer")
        elif signer_names_wrapped(doc, previous, line):
            found.add("signer_rest")
        if organ_line_names(doc, line):
            found.add("organ_head")
    if candidates:
        title = candidates[0]
        body_size = _body_font_size(doc)
        for index in range(title.first, title.last + 1):
            features[index].add(f"title_{title.kind}")
            style = doc.raw.blocks[lines[index].block].style
            if style.alignment == "center" or (body_size and style.font_size and style.font_size > body_size):
                features[index].add("title_styled")  # centred, or set larger than the body
        if title.last + 1 < len(lines) and FORM_MARK.match(lines[title.last + 1].text) and untyped_ending(title.text):
            features[title.last + 1].add("title_form_mark")
        elif title.last + 1 < len(lines) and SUBTITLE_MARK.match(lines[title.last + 1].text):
            features[title.last + 1].add("subtitle")
        for line in content:
            if not title.first <= line.index <= title.last and re.sub(r"\s+", "", line.text) == title.text:
                features[line.index].add("repeated_title")
        # The organ lines stacked over the title, above its 发文字号 and 签发人 lines if any.
        first = candidates[0].first
        above = [line for line in content if line.index < first]
        while above and ({"doc_number", "signer", "issue_number"} & features[above[-1].index]):
            above.pop()
        if above:
            head_lines = stacked_organ_lines(doc, above, above[-1].index + 1)
            numbered_above = any({"doc_number", "signer"} & features[line.index]
                                 for line in content if head_lines and line.index < head_lines[0].index)
            minutes = title.text.endswith("纪要") and not organ_line_names(doc, lines[title.first])
            for line in head_lines:
                # under the 发文字号, or over a 纪要's meeting name, the organ line opens the title
                opens_title = (numbered_above or minutes) and line.index == first - 1 and len(head_lines) == 1
                features[line.index].add("organ_opens_title" if opens_title else "organ_over_title")


def _mark_after_title(doc: Document, lines: list[Line], features: list[set[str]], start: int, head: int,
                      title: Candidate | None) -> None:
    """Under the title: 主送, the 署名 and date of a meeting material (or a 题注 date), a draft's
    起草单位 line and its date."""
    organs_only = material = False
    if title is not None:
        written = title_doc_type(title.text)
        organs_only = written in addressed_aliases()
        # A meeting material, or a speech named by its 文种 alone ("政府工作报告"), opens with a
        # salutation ("各位代表："), not a 主送.
        material = (written in meeting_materials() and not organs_only) or title.kind == "named"
        window = lines[title.last + 1:title.last + 1 + RECIPIENTS_WINDOW]
    else:
        window = [line for line in lines[start:start + HEAD_SCAN_LINES]
                  if "chrome" not in features[line.index]][:UNTITLED_RECIPIENTS_WINDOW]
    for line in window:
        text = line.text
        if "chrome" in features[line.index] or is_date_only(text) or title_note_date(text):
            continue
        if looks_like_recipients(text, organs_only):
            features[line.index].add("salutation" if material else "recipients")
            if not material and title is not None:
                # 「义井镇人民政府、各街道办事处，区直各部门，」 over 「驻区各有关单位：」: one 主送 over two lines
                above = line.index - 1
                while above > title.last and recipients_run_on(lines[above].text):
                    features[lines[above].index].add("recipients")
                    above -= 1
            break
        if "。" in text or (organs_only and text.endswith(("：", ":"))):
            break
    if title is None:
        # An untitled draft may still open with its 起草单位 line.
        for line in [line for line in lines[start:head] if "chrome" not in features[line.index]][:2]:
            if _marker_organ(line.text):
                features[line.index].add("marker")
        return
    if any("recipients" in found for found in features):
        return
    if title.kind == "named":
        _mark_speech_head(lines, features, title)
    # A portal prints its headline over the document's own title: lines repeating the title are skipped.
    title_text = re.sub(r"\s+", "", title.text)
    following = [line for line in lines[title.last + 1:min(head + 2, len(lines))]
                 if not ({"chrome", "title_form_mark", "subtitle", "issue_number"} & features[line.index])
                 and not (len(compact := re.sub(r"\s+", "", line.text)) >= 4 and compact in title_text)]
    organs = 0
    while organs < min(len(following), SIGNATURE_MAX_LINES) and organ_line_names(doc, following[organs]):
        organs += 1
    marker = bool(following) and not organs and _marker_organ(following[0].text)
    run = 1 if marker else organs
    if run and run < len(following):
        date_line = following[run]
        if title_note_date(date_line.text) or is_date_only(date_line.text) \
                or is_numeric_date_only(date_line.text) or labelled_date(date_line.text):
            features[date_line.index].add("byline_date")
            for line in following[:run]:
                features[line.index].add("byline_organ")
    if marker:
        features[following[0].index].add("marker")
    elif following and not organs and inline_signature(doc, following[0]):
        features[following[0].index].add("byline_inline")


def _mark_speech_head(lines: list[Line], features: list[set[str]], title: Candidate) -> None:
    """Under a speech's title: its 题注 (「——2024年1月9日在…会议上」, wrapped or not) and the
    speaker's line (「牡丹江市东安区人民政府区长崔哲洙」), whose organ is the speech's issuer."""
    following = [line for line in lines[title.last + 1:title.last + 1 + SPEECH_HEAD_LINES]
                 if "chrome" not in features[line.index]]
    if not following:
        return
    date = written_date_in(following[0].text)
    position = 0
    if date is not None and TITLE_NOTE_BEFORE_DATE.match(following[0].text[:date.start]):
        features[following[0].index].add("byline_date")
        note = following[0].text[date.end:]
        position = 1
        while position < len(following) and not TITLE_NOTE_AFTER_DATE.match(note) \
                and not SENTENCE_PUNCTUATION.search(following[position].text) \
                and not SALUTATION.match(following[position].text):
            note += following[position].text
            features[following[position].index].add("title_note_rest")
            position += 1
    if position < len(following) and speaker_organ(following[position].text):
        features[following[position].index].add("speaker")


def speaker_organ(text: str) -> str | None:
    """The organ of a speaker's line 「organ + post + name」 (「东安区人民政府区长崔哲洙」 -> 东安区人民政府)."""
    compact = re.sub(r"\s+", "", text)
    for post in sorted(posts(), key=len, reverse=True):
        at = compact.find(post)
        if at > 0 and is_organ_name(compact[:at]) and read_name(compact[at + len(post):], segment=False):
            return compact[:at]
    return None


def labelled_date(text: str) -> bool:
    """「起草日期：2024年6月18日」 under a draft's 起草单位 line."""
    label = DATE_LABEL.match(text)
    return label is not None and is_date_only(text[label.end():].strip())


def _marker_organ(text: str) -> bool:
    marker = MARKER.match(text)
    return bool(marker) and is_organ_name(marker.group("organ").strip())


def _mark_title_note(lines: list[Line], features: list[set[str]], head: int, title: Candidate | None) -> None:
    """Where the document has no dated 署名, a 题注 date under its title gives its date:
    "（2023年1月2日）", "——2020年2月7日…会议通过"."""
    dated = ("date_signed", "numeric_date_signed", "date_inline", "byline_date", "byline_inline")
    if any(name in found for found in features for name in dated):
        return
    first = title.first if title is not None else 0
    for line in lines[first:head]:
        if "chrome" not in features[line.index] and title_note_date(line.text):
            features[line.index].add("title_note_date")
            return


def _mark_closing(doc: Document, lines: list[Line], features: list[set[str]], head: int,
                  title: Candidate | None) -> None:
    """The 署名 and 成文日期 after the body starts, 附注 under the date, 附件 after it."""
    body_start = title.last + 1 if title is not None else 0
    has_closing = False
    for line in lines[body_start:]:
        found = features[line.index]
        if {"chrome", "printed", "byline_organ", "byline_date", "byline_inline", "marker"} & found or line.cover_sheet:
            continue
        text = line.text
        written = is_date_only(text)
        numeric = not written and is_numeric_date_only(text)
        if written or numeric:
            signature = signature_lines(doc, lines, features, line.index, body_start)
            if signature:
                found.add("date_signed" if written else "numeric_date_signed")
                for index in signature:
                    features[index].add("signature_organ")
                has_closing = True
            elif written and line.index - max(head, body_start) <= UNSIGNED_DATE_WINDOW:
                found.add("date_unsigned")
                has_closing = True
                above = lines[line.index - 1]
                if line.index - 1 >= body_start and PERSON_SIGNATURE.fullmatch(above.text):
                    features[above.index].add("signature_person")
            elif written and line.index >= head:
                found.add("date_late")
        elif text.endswith("日") and inline_signature(doc, line):
            found.add("date_inline")
            has_closing = True
        if written or numeric or "date_inline" in found:
            for below in lines[line.index + 1:line.index + 1 + NOTE_WINDOW]:
                below_found = features[below.index]
                if ISSUER_MARK.match(below.text):
                    below_found.add("running_header")  # the next page's running header 「前进区教育局文件」
                    continue
                if "chrome" in below_found or "page_number" in below_found:
                    continue  # a page break between the date and the 附注
                if "contact" in below_found or "bracketed" in below_found:
                    below_found.add("note_under_date")
                else:
                    break
        if "signature_organ" in found:
            for above in lines[max(body_start, line.index - NOTE_WINDOW):line.index]:
                if "contact" in features[above.index]:
                    features[above.index].add("contact_over_signature")
    for line in lines[max(0, len(lines) - CONTACT_TAIL):]:
        if "contact" in features[line.index]:
            features[line.index].add("contact_at_end")
    for line in lines[body_start:]:
        found = features[line.index]
        # the 署名 and date stand right of the body (or centred over each other)
        if doc.raw.blocks[line.block].style.alignment in ("right", "center"):
            if "signature_organ" in found:
                found.add("signature_aligned")
            if {"date_signed", "numeric_date_signed", "date_inline"} & found:
                found.add("date_aligned")
    if not has_closing and not any("byline_organ" in found or "marker" in found for found in features):
        for found in features:
            found.discard("attachment_heading")


def _body_font_size(doc: Document) -> float | None:
    """The commonest font size of the document's paragraphs, where the format gives sizes."""
    sizes = [block.style.font_size for block in doc.raw.blocks if block.style.font_size]
    return max(set(sizes), key=sizes.count) if sizes else None


def signature_lines(doc: Document, lines: list[Line], features: list[set[str]], date_index: int,
                    body_start: int) -> list[int]:
    """The organ lines stacked right over the date line (chrome passed over)."""
    stacked: list[int] = []
    index = date_index - 1
    while index >= body_start and len(stacked) < SIGNATURE_MAX_LINES:
        if "chrome" in features[index] or "page_number" in features[index]:
            index -= 1
            continue
        if not organ_line_names(doc, lines[index]):
            break
        stacked.append(index)
        index -= 1
    return stacked[::-1]


def head_end(lines: list[Line], start: int) -> int:
    """Index of the first line of running text (a sentence) from ``start``, which ends the 版头 and
    title area."""
    previous = ""
    for line in lines[start:start + HEAD_SCAN_LINES]:
        if is_chrome(line):
            continue
        text = line.text
        sentence = "。" in text or (len(text) > 60 and SENTENCE_PUNCTUATION.search(text))
        # A title's last line may carry the stop that wrongly closes it ("…开" / "学工作情况的报告。").
        if sentence and len(CJK.findall(text)) >= 8 and not stop_ended_title(text) \
                and not stop_ended_title(re.sub(r"\s+", "", previous + text)):
            return line.index
        previous = text
    return min(len(lines), start + HEAD_SCAN_LINES)


def stop_ended_title(text: str) -> bool:
    """A title wrongly closed by a full stop ("…的请示。"), which is not a sentence of the body."""
    bare = text.removesuffix("。")
    return bare != text and not SENTENCE_PUNCTUATION.search(bare) and title_shaped(bare)


def names_doc_type(text: str) -> bool:
    """Ends with a 文种, or with 答复 (a reply to a deputy, sent as a 函)."""
    return bool(title_doc_type(text)) or reply_title(text.strip())


def title_shaped(text: str) -> bool:
    """Ends with a 文种 and carries a title cue (关于, 印发 …), or is a 令 heading."""
    return bool(title_doc_type(text)) and bool(TITLE_CUE.search(text) or ORDER_HEADING.match(text))


def leading_doc_number(text: str) -> re.Match | None:
    match = DOC_NUMBER.match(text)
    return match if match and match.end() < len(text) else None


def trailing_doc_number(text: str) -> re.Match | None:
    """A 发文字号 printed after the title on its line ("…的通知　国发〔2019〕5号", or in brackets as
    portals print it: "…的通知（前政办发〔2024〕6号）"): it starts where the text before it ends with
    a 文种 (normalizing may have taken out the blank between them)."""
    bracketed = BRACKETED_DOC_NUMBER.search(text)
    if bracketed and names_doc_type(text[:bracketed.start()].rstrip()):
        return DOC_NUMBER.match(text, bracketed.start("number"))
    found = TRAILING_DOC_NUMBER.search(text)
    if not found:
        return None
    bracket = YEAR_BRACKET.search(text, found.start()).start()
    for start in range(found.start() + 1, min(bracket, found.start() + DOC_NUMBER_PREFIX_MAX)):
        if names_doc_type(text[:start].rstrip()):
            match = DOC_NUMBER.match(text, start + len(text[start:]) - len(text[start:].lstrip()))
            if match and match.end() == len(text):
                return match
    return None


def title_candidate_line(line: Line) -> bool:
    text = line.text
    return not (
        is_chrome(line)
        or portal_metadata(text)
        or text.endswith(("：", ":"))
        or ("。" in text and not stop_ended_title(text))
        or is_date_only(text)
        or DOC_NUMBER.fullmatch(text)
        or ISSUER_MARK.match(text)
        or MARKS_LINE.match(text)
        or MARKER.match(text)
    )


def title_candidates(doc: Document, lines: list[Line], start: int, head: int) -> list[Candidate]:
    """Title candidates in the head, the likeliest first: a title that names its 文种 beats a
    heading merely styled as one (a converted file's name in bold, "## 政策全文"); a web copy that
    repeats the title with its organ part ("中共中央 国务院关于…") puts the fuller one first."""
    windows = [window for first in range(start, head) if (window := title_window(doc, lines, first, head))]
    # A file name standing as a heading ("…基础研究_增强…") yields to the title printed under it.
    cued = sorted((window for window in windows if window.kind in ("cued", "placed")),
                  key=lambda window: FILE_NAME_JOIN.search(window.text) is not None)
    named = [window for window in windows if window.kind == "named"]
    found = cued or named or windows or untyped_title_windows(doc, lines, start, head)
    if not found:
        return []
    leading = found[0]
    if FILE_NAME_JOIN.search(leading.text):
        # A file name standing as a heading ("…创新_加快…") over the title printed without the underscore.
        plain = leading.text.replace("_", "")
        for line in lines[leading.last + 1:head]:
            if re.sub(r"\s+", "", line.text) == plain:
                return [Candidate(line.index, line.index, plain, leading.kind)]
    for other in found[1:]:
        if len(other.text) > len(leading.text) and other.text.endswith(leading.text) and other.first > leading.last:
            return [other] + [window for window in found if window is not other]
    return found


def title_window(doc: Document, lines: list[Line], first: int, limit: int) -> Candidate | None:
    """A title starting at line ``first``: one to three lines that end with a 文种 and carry a title
    cue (关于, 印发 …) or stand where the 版头 puts the title (under the 发文字号, over the 主送),
    or the head's explicit title (a Markdown heading, centred bold paragraphs).
    A title spanning lines starts with its cue or with the organ part ("晋城市城区人民政府" / "关于…");
    an organ line followed by a title of its own ("阳泉市城区人民政府" / "阳泉市城区人民政府关于…")
    is the 发文机关标志, not the start of the title."""
    opening = lines[first]
    if not title_candidate_line(opening):
        return None
    cued = bool(TITLE_CUE.search(opening.text))
    organ_line = bool(organ_line_names(doc, opening))
    # "咸阳市人民政府同意秦都区" / "调整部分社区规模的批复": a title without 关于, broken after its organ part.
    organ_led = not (cued or organ_line or SENTENCE_PUNCTUATION.search(opening.text)) \
        and bool(leading_organ(opening.text))
    may_continue = cued or organ_line or organ_led or unclosed(opening.text)
    for last in range(first, min(first + TITLE_MAX_LINES, limit)):
        if last > first:
            line = lines[last]
            if not may_continue or not (title_candidate_line(line) or stop_ended_title(
                    (title_window_text(lines, first, last - 1) or "") + re.sub(r"\s+", "", line.text))):
                break  # a title's last line may carry the stop that wrongly closes it: "…开" / "学工作情况的报告。"
            if not (cued or organ_led or unclosed(title_window_text(lines, first, last - 1) or "")) \
                    and not (TITLE_OPENING.match(line.text) or organ_line_names(doc, line)):
                break
            cued = cued or bool(TITLE_CUE.search(line.text))
        text = title_window_text(lines, first, last)
        if text is None or len(text) > TITLE_MAX_CHARS:
            break
        if title_shaped(text):
            return Candidate(first, last, text, "cued")
        if names_doc_type(text) and in_title_place(doc, lines, first, last):
            return Candidate(first, last, text, "placed")
    alone = title_window_text(lines, first, first)
    if alone and not unclosed(alone) and title_doc_type(alone) and report_heading(alone) \
            and addressed_as_speech(lines, first):
        return Candidate(first, first, alone, "named")
    previous = lines[first - 1] if first > 0 else None
    if not explicit_title(doc, opening) or (previous and not is_chrome(previous) and explicit_title(doc, previous)):
        return None
    last = first
    while last + 1 < min(first + TITLE_MAX_LINES, limit) and explicit_title(doc, lines[last + 1]) \
            and title_candidate_line(lines[last + 1]) and not lines[last + 1].markup.startswith("#"):
        last += 1
    text = title_window_text(lines, first, last)
    return Candidate(first, last, text, "explicit") if text and len(text) <= TITLE_MAX_CHARS else None


def addressed_as_speech(lines: list[Line], first: int) -> bool:
    """A heading followed, before any sentence, by a 题注 date (perhaps wrapped over two lines:
    「——2024年1月9日在…第十八届人民代表」 「大会第三次会议上」) or a salutation ("各位代表：") after the
    speaker's line."""
    for line in lines[first + 1:first + 1 + SPEECH_HEAD_LINES]:
        date = written_date_in(line.text)
        opens_note = date is not None and TITLE_NOTE_BEFORE_DATE.match(line.text[:date.start]) is not None
        if opens_note or title_note_date(line.text) or SALUTATION.match(line.text):
            return True
        if "。" in line.text:
            return False
    return False


def report_heading(text: str) -> bool:
    """A title naming its 文种 without any cue, short and unpunctuated: "政府工作报告"."""
    return len(text) <= 40 and not SENTENCE_PUNCTUATION.search(text) and bool(CJK.match(text))


def untyped_title_windows(doc: Document, lines: list[Line], start: int, head: int) -> list[Candidate]:
    """A title that names no 文种, on one line: "…补助资金的申请", "…管理办法（征求意见稿）" (ending in
    a form or in a word written for a 文种), "关于加快…建设" (opening with its cue). The first kind is
    the title where it opens the document or stands where the 版头 puts the title; the second only
    where the 版头 puts it (over the 主送, under the 发文字号), or opening the document when an organ
    leads it (「…人民政府办公室关于…」): a first line opening with a bare 关于 may just as well start
    the body. Kept as written, for the title and 文种 checks to judge."""
    opening = next((line.index for line in lines[start:head]
                    if not is_chrome(line) and not page_furniture(doc, line)), None)
    for line in lines[start:head]:
        if not title_candidate_line(line) or page_furniture(doc, line):
            continue
        last = line.index
        text = re.sub(r"\s+", "", line.text)
        # "…管理办法（征求意见" / "稿）", "…城市绿化" / "管理办法（征求意见稿）": a title broken in two
        following = lines[last + 1] if last + 1 < head else None
        if following is not None and (unclosed(text) or not untyped_ending(text)) \
                and title_candidate_line(following) and untyped_ending(text + re.sub(r"\s+", "", following.text)):
            last += 1
            text += re.sub(r"\s+", "", following.text)
        if not (UNTYPED_TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS and UNTYPED_TITLE_TEXT.fullmatch(text)):
            continue
        ending = untyped_ending(text)
        led = ORGAN_LED.match(text)
        organ_led = led is not None and is_organ_name(led.group("organ"))  # 「…人民政府办公室关于…」
        if not (ending or organ_led or TITLE_OPENING.match(text)):
            continue
        if in_title_place(doc, lines, line.index, last) or ((ending or organ_led) and line.index == opening):
            return [Candidate(line.index, last, text, "untyped")]
    return []


@cache
def portal_metadata_line() -> re.Pattern:
    keys = "|".join(map(re.escape, phrase_list("portal_metadata_keys")))
    return re.compile(rf"^(?:{keys})\s*[：:]")


def portal_metadata(text: str) -> bool:
    """A portal's metadata line that the scrape-header keys do not cover: 「栏目：通知公告」, 「作者：…」."""
    return bool(portal_metadata_line().match(text))


def bare_cc(text: str) -> bool:
    """「抄送区委办公室，区人大常委会办公室。」: 抄送 glued to a list of organs, without its colon."""
    if not text.startswith("抄送"):
        return False
    items = [item.strip() for item in LIST_SEPARATORS.split(text[2:].rstrip("。."))]
    return all(RECIPIENT_ENDINGS.search(item) for item in items)


def unclosed(text: str) -> bool:
    """A bracket opened and not closed: "…管理办法（征求意见"."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def untyped_ending(text: str) -> str | None:
    """The form or 文种-like word the text ends with, a "（征求意见稿）" or "（试行）" mark aside."""
    while TRAILING_NOTE.search(text):
        text = TRAILING_NOTE.sub("", text)
    return next((word for word in untyped_title_endings() if text.endswith(word)), None)


def page_furniture(doc: Document, line: Line) -> bool:
    return doc.raw.blocks[line.block].kind in PAGE_FURNITURE


def in_title_place(doc: Document, lines: list[Line], first: int, last: int) -> bool:
    """Right under the 发文字号 or 发文机关标志, or right over the 主送: where GB/T 9704 puts the title."""
    below = (line for line in lines[last + 1:] if not is_chrome(line))
    following = next(below, None)
    if following is not None and DOC_NUMBER.fullmatch(following.text):
        following = next(below, None)  # a web copy prints the 发文字号 under the title
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
        trailing = trailing_doc_number(text)
        if trailing:
            text = text[:trailing.start()].rstrip().removesuffix("（").removesuffix("(")
        parts.append(re.sub(r"\s+", "", text))
    return "".join(parts)


def explicit_title(doc: Document, line: Line) -> bool:
    if line.markup.startswith("#"):
        return True
    style = doc.raw.blocks[line.block].style
    return style.alignment == "center" and bool(style.bold) and not organ_line_names(doc, line)


def looks_like_recipients(text: str, organs_only: bool = False) -> bool:
    """A 主送 line: ends with a colon, its last item an organ or a leader addressed by post; with
    ``organs_only``, every item an organ (a speech's salutation addresses people)."""
    if not text.endswith(("：", ":")) or "。" in text or len(text) > RECIPIENTS_MAX_CHARS:
        return False
    head = text.rstrip("：:").strip()
    if len(head) < 2:
        return False
    items = [TRAILING_NOTE.sub("", item.strip()) for item in re.split(r"[、，,；;]", head)]
    if SALUTATION.match(text):
        return False  # a speech's salutation: 「各位代表：」, 「各位委员：」
    if organs_only:
        return all(addressed_organ(item) for item in items)
    return bool(RECIPIENT_ENDINGS.search(items[-1]) or is_leader_addressee(items[-1]))


def recipients_run_on(text: str) -> bool:
    """A 主送 line that goes on in the next: organs ending with 、 or ，."""
    if not text.endswith(("、", "，", ",")) or "。" in text or len(text) > RECIPIENTS_MAX_CHARS:
        return False
    items = [TRAILING_NOTE.sub("", item.strip()) for item in re.split(r"[、，,；;]", text) if item.strip()]
    return bool(items) and all(addressed_organ(item) for item in items)


def addressed_organ(item: str) -> bool:
    """An organ as 主送, not a person ("周区长", "张某某同志")."""
    return bool(RECIPIENT_ENDINGS.search(item)) and not is_leader_addressee(item) and not item.endswith("同志")


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

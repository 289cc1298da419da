"""The approval record (发文稿纸 / 公文审批单 / 签发单): who drafted, checked, countersigned and signed, and when.

One reader for every form the record takes, in three steps:

1. **Find the regions** that may hold a record: the sidecar ``NAME.approval.yaml`` beside
   ``NAME.ext`` (or ``NAME.ext.approval.yaml``, which wins when both exist: it tells ``a.docx`` and
   ``a.pdf`` apart), found and read at ingest (``sidecar_companion``) and delivered in
   ``doc.raw.companions``, so extraction touches no file; a table whose cells are role labels
   (签发, 会签单位, 拟稿人 …) and their values, with the labels in the first column or in a row over
   rows of values (one column a step); a block of lines ``角色[：] 值`` under a form title
   (发文稿纸 …), or two such lines without one, labels above their values, or a line of labels over
   lines of values.
2. **Read each region** into steps (role, name, post, organ, opinion, date). A value holds, in any
   order, an opinion (同意 / 拟同意 / 请X阅示), an organ, a post (in brackets, before or glued after
   the name), a name (``extractors/fields/names.py``: roster, surname list, then jieba) and a date
   with or without its year; "意见：", "签名：", "日期：" … may label the parts. Labels come with or
   without a colon.
3. **Decide whether the region is the document's own record** (``own_record_confidence``): before
   the 版头 or after the 版记 it is (surer with the form's title, or, untitled, when someone signed
   it); a table in the body describing a process is not.

The blocks are read as ingest gave them (``doc.raw.blocks``): the normalized view joins a table
row's empty cells and drops indentation, and both place a value under its label.

The sidecar is written by the clerk on purpose, so it is checked strictly: a sidecar that cannot be
read, has an unknown key or role, or a date that is not a date raises
``IngestError("approval-invalid")`` naming the sidecar, the line and the problem::

    steps:
      - {role: 拟稿, name: 张某某, date: 2024-03-01}
      - {role: 会签, organ: 区财政局, name: 王某某, date: 2024-03-03}
      - {role: 签发, name: 韩某某, post: 常务副区长, date: 2024-03-05, opinion: 同意}

Labels, roles and form titles are data (``extractors/data/approval_labels.yaml``). The post comes
from the record, else from the roster; so does the organ. Dates become ISO; a date without a year
(3月5日) takes the year that puts it nearest the document's 成文日期, else nearest the closest step
that has one, else stays None, and its step is marked ``year_inferred``. Steps of a printed
record come in process order: 拟稿 first, 签发 / 审签 last, the steps between as the record gives
them (read bottom-up when the record prints 签发 at the top); a sidecar's steps stay in its order. Rows that
are not steps (标题, 主送, 文号 …) and empty fields are skipped.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

import yaml

from gongwen.extractors.data import yaml_data
from gongwen.extractors.fields.dates import document_date
from gongwen.extractors.fields.names import PersonName, is_surname, name_at_end, posts, read_name
from gongwen.extractors.knowledge.organs import is_organ_name
from gongwen.extractors.knowledge.dates import WrittenDate, find_date, find_short_date, parse_date
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import ApprovalStep, Block, Companion, Document
from gongwen.pipeline.paths import is_regular_file
from gongwen.pipeline.roster import Roster, load_yaml_with_lines
from gongwen.pipeline.safe_read import os_reason, quoted, read_capped_text
from gongwen.pipeline.safe_yaml import error_text as yaml_error_text

SIDECAR_SUFFIX = ".approval.yaml"
SIDECAR_ROLE = "approval_sidecar"  # its Companion role in RawDocument.companions
SIDECAR_KEYS = ("role", "name", "post", "organ", "date", "opinion")
FORM_TITLE_MAX = 30  # "阳泉市城区人民政府办公室发文稿纸" is a title; a sentence mentioning one is not

SEPARATORS = re.compile(r"[\s。，,；;、：:]+")
ENTRY_BREAK = re.compile(r"[；;]")
BRACKETED = re.compile(r"\(([^()]*)\)")
# The parts a value may label: 会签单位：区财政局　意见：同意　王强; 意见：同意 签名：刘卫东 日期：3月8日
PART_LABEL = re.compile(r"(?:^|(?<=\s))(?:意见|签名|签字|姓名|日期|时间|单位|部门|职务)\s*[:：]")
FORM_MARK = re.compile(r"^(?:盖章|公章|章|签字|签名|签章)$")  # 区财政局（盖章）: what the form asks for, not a value
UNIT = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:科|股|室|办|处|组)$")  # 秘书科, 党政办: the drafter's unit
RECORD_AFTER = re.compile(r"印发\s*$|^\s*抄送\s*[:：]")  # the 版记 a form may follow
PAGE_FURNITURE = ("header", "footer")
SIGNING_ROLES = ("审签", "签发")
DASH_LINE = re.compile(r"^[\s\-—－=＝_─━~～.·…*＊]{3,}$")


# --- data -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Labels:
    roles: tuple[str, ...]
    role_of: dict[str, tuple[str, str | None]]  # label -> (role, "organ" | None)
    others: frozenset[str]
    form_titles: frozenset[str]
    opinion: re.Pattern[str]

    @property
    def all_labels(self) -> tuple[str, ...]:
        return tuple(sorted((*self.role_of, *self.others), key=len, reverse=True))


@lru_cache(maxsize=1)
def labels() -> Labels:
    data = yaml_data("approval_labels")
    role_of = {label: (spec["role"], spec.get("field")) for label, spec in data["labels"].items()}
    role_labels = [label for label in data["labels"] if label in data["roles"]]
    for holder in (*data["label_holders"], *posts()):
        for label in role_labels:
            role_of.setdefault(holder + label, (label, None))
    return Labels(
        roles=tuple(data["roles"]),
        role_of=role_of,
        others=frozenset(data["other_labels"]),
        form_titles=frozenset(data["form_titles"]),
        opinion=re.compile(data["opinion_pattern"]),
    )


# --- public API -------------------------------------------------------------------------------

OWN_RECORD_THRESHOLD = 0.5


@dataclass(frozen=True)
class ApprovalReading:
    steps: tuple[ApprovalStep, ...]
    source: str | None  # "sidecar" | "table" | "text" | None
    confidence: float  # that these steps are the document's own record (1.0 for a sidecar)
    blocks: tuple[int, int] | None = None  # the first and last block of the record in the text (None: a sidecar)


def sidecar_path(document_path: Path) -> Path:
    """The approval sidecar for a document: ``NAME.ext.approval.yaml`` when it exists, else
    ``NAME.approval.yaml`` (which may not exist)."""
    document_path = Path(document_path)
    specific = document_path.with_name(document_path.name + SIDECAR_SUFFIX)
    if is_regular_file(specific):  # False for a name too long to have a sidecar
        return specific
    return document_path.with_name(document_path.stem + SIDECAR_SUFFIX)


def sidecar_companion(document_path: Path) -> Companion | None:
    """At ingest: the document's approval sidecar with its text, or None when it has none. Raises
    ``IngestError("approval-invalid")`` when the sidecar exists but cannot be read as UTF-8 text."""
    sidecar = sidecar_path(Path(document_path))
    if not is_regular_file(sidecar):
        return None

    def fail(reason: str) -> IngestError:
        return IngestError("approval-invalid", document_path, sidecar=sidecar.name, reason=reason)

    try:
        text = read_capped_text(sidecar)
    except UnicodeDecodeError:
        raise fail("不是 UTF-8 编码，请另存为 UTF-8") from None
    except OSError as error:
        raise fail(f"无法读取（{os_reason(error)}）") from None
    return Companion(sidecar.name, SIDECAR_ROLE, text)


def approval_record(doc: Document, roster: Roster | None = None) -> tuple[tuple[ApprovalStep, ...], str | None]:
    """The approval steps of ``doc`` and where they came from ("sidecar", "table", "text" or None).

    Raises ``IngestError("approval-invalid")`` when the document's sidecar (``doc.raw.companions``)
    is wrong.
    """
    reading = read_approval(doc, roster)
    return reading.steps, reading.source


def read_approval(doc: Document, roster: Roster | None = None) -> ApprovalReading:
    """The document's own approval record: the sidecar that came with it, else the best record
    region of the text that is the document's own (a table before a text block, each at least
    ``OWN_RECORD_THRESHOLD`` sure), else none."""
    sidecar = next((companion for companion in doc.raw.companions if companion.role == SIDECAR_ROLE), None)
    if sidecar is not None:
        # A sidecar lists the steps as they happened (an OA export): its order is evidence (a review
        # after the signing), never rearranged.
        return ApprovalReading(_finish(_read_sidecar(sidecar, doc.raw.path, roster), roster, doc, as_given=True),
                               "sidecar", 1.0)
    best: tuple[float, Region, list[Entry]] | None = None
    for region in record_regions(doc.raw.blocks):
        entries = _entries_from_pairs(region.pairs, roster)
        confidence = own_record_confidence(region, doc.raw.blocks, entries)
        if confidence < OWN_RECORD_THRESHOLD:
            continue
        rank = (region.kind == "table", confidence)
        if best is None or rank > (best[1].kind == "table", best[0]):
            best = (confidence, region, entries)
    if best is None:
        return ApprovalReading((), None, 0.0)
    confidence, region, entries = best
    return ApprovalReading(_finish(entries, roster, doc), region.kind, confidence, (region.first, region.last))


# --- values: "同意。区财政局 王某某 2024年3月3日" ---------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """One step as read from a record, before posts come from the roster and years are filled in."""

    role: str
    name: str | None = None
    post: str | None = None
    organ: str | None = None
    opinion: str | None = None
    date: WrittenDate | None = None

    def is_empty(self) -> bool:
        return not (self.name or self.organ or self.opinion or self.date)

    def merge(self, other: Entry) -> Entry | None:
        """Join two halves of one step (拟稿单位 + 拟稿人); None when they overlap."""
        fields = ("name", "post", "organ", "opinion", "date")
        if any(getattr(self, f) is not None and getattr(other, f) is not None for f in fields):
            return None
        return replace(self, **{f: getattr(other, f) for f in fields if getattr(other, f) is not None})


def _compact(text: str) -> str:
    return "".join(text.split())


def _post_and_organ(text: str) -> tuple[str | None, str | None]:
    """(post, organ) when ``text`` is a post, an organ, or an organ followed by a post
    ("区财政局局长"); (None, None) when it is neither (an opinion)."""
    post = next((post for post in posts() if text.endswith(post)), None)
    head = text[: len(text) - len(post)] if post else text
    if not head:
        return post, None
    if is_organ_name(head):
        return post, head
    return None, None


def _is_opinion(token: str) -> bool:
    return bool(labels().opinion.match(token))


def _name_in(token: str, roster: Roster | None, segment: bool) -> tuple[str, PersonName] | None:
    """(what comes before, the name) when ``token`` ends with a person's name standing alone or
    after a post or an organ ("区财政局王强", "常务副区长韩某某", "刘卫东区长")."""
    return name_at_end(token, roster, segment, prefix_ok=lambda before: _post_and_organ(before) != (None, None))


def _join_spaced_names(tokens: list[str], roster: Roster | None) -> list[str]:
    """"王 强" and "欧阳 文斌" are one name each (a surname spaced off its given name)."""
    joined: list[str] = []
    for token in tokens:
        if (joined and is_surname(joined[-1]) and len(token) <= 2 and not _is_opinion(token)
                and _post_and_organ(token) == (None, None)
                and read_name(joined[-1] + token, roster, segment=False) is not None):
            joined[-1] += token
        else:
            joined.append(token)
    return joined


def _bracketed_post(match: re.Match[str], found: list[tuple[str | None, str | None]]) -> str:
    """"（区长）" after a name is its post; "（盖章）" is dropped; other brackets stay as written."""
    inner = _compact(match.group(1))
    if FORM_MARK.match(inner):
        return " "
    post, organ = _post_and_organ(inner)
    if post or organ:
        found.append((post, organ))
        return " "
    return f" {inner} "


def parse_entry(role: str, value: str, roster: Roster | None, field_hint: str | None = None) -> Entry:
    """Read one step's value: opinion, organ, post, name and date in any order, the post in brackets
    or glued to the name, "意见：" before the opinion; each part where present."""
    value = unicodedata.normalize("NFKC", value).strip()
    date = find_date(value) or find_short_date(value)
    if date is not None:
        value = f"{value[:date.start]} {value[date.end:]}"
    bracketed: list[tuple[str | None, str | None]] = []
    value = BRACKETED.sub(lambda match: _bracketed_post(match, bracketed), value)
    value = PART_LABEL.sub(" ", value)
    tokens = _join_spaced_names([token for token in SEPARATORS.split(value) if token], roster)
    name: PersonName | None = None
    for segment in (False, True):  # jieba only when nothing cheaper finds the name
        for index in range(len(tokens) - 1, -1, -1):
            token = tokens[index]
            whole_post_or_organ = _post_and_organ(token) != (None, None)  # 区教育局办公室 holds no 公室
            if _is_opinion(token) or (whole_post_or_organ and not (roster and token in roster.names())):
                continue
            split = _name_in(token, roster, segment)
            if split is not None:
                tokens[index], name = split
                break
        if name is not None:
            break
    post = name.post if name else None
    organ = None
    for found_post, found_organ in bracketed:
        post, organ = post or found_post, organ or found_organ
    opinions: list[str] = []
    for token in filter(None, tokens):
        token_post, token_organ = (None, None) if _is_opinion(token) else _post_and_organ(token)
        if token_post or token_organ:
            post, organ = post or token_post, organ or token_organ
        elif organ is None and not _is_opinion(token) and (field_hint == "organ" or UNIT.match(token)):
            organ = token  # 拟稿单位：环卫科
        else:
            opinions.append(token)
    return Entry(role, name=name.name if name else None, post=post, organ=organ,
                 opinion="，".join(opinions) or None, date=date)


def _entries(role: str, value: str, roster: Roster | None, field_hint: str | None) -> list[Entry]:
    """One value may hold several steps: "区财政局 王某某 3月3日；区住建局 李某某 3月4日"."""
    entries = []
    for piece in ENTRY_BREAK.split(value):
        for chunk in _split_after_dates(piece):
            entry = parse_entry(role, chunk, roster, field_hint)
            if not entry.is_empty():
                entries.append(entry)
    return entries


def _split_after_dates(text: str) -> list[str]:
    """Cut after each date but the last, so two dated signatures in one cell become two steps."""
    chunks, rest = [], text
    while True:
        found = find_date(rest)
        if found is None:
            break
        end = found.end
        if not find_date(rest[end:]) or not rest[end:].strip():
            break
        chunks.append(rest[:end])
        rest = rest[end:]
    chunks.append(rest)
    return chunks


# --- label/value pairs from cells and lines ----------------------------------------------------

Pair = tuple[str | None, str]  # (label, value); a None label continues the label before it


def _label_key(text: str) -> str:
    return _compact(unicodedata.normalize("NFKC", text)).rstrip(":：")


def _is_label(text: str) -> bool:
    key = _label_key(text)
    return key in labels().role_of or key in labels().others


@lru_cache(maxsize=1)
def _label_keys() -> tuple[frozenset[str], int]:
    """Every label, and the longest one's length: labels are matched on the text's non-blank
    characters ("拟 稿 人：" holds 拟稿人), with no regular expression of 500 alternatives to compile."""
    keys = frozenset(labels().all_labels)
    return keys, max(map(len, keys))


@lru_cache(maxsize=1)
def _label_starts() -> re.Pattern[str]:
    """Where a label may start: a character that opens some label, at the text's start or after a
    blank (most lines hold none, and are passed over without reading them character by character)."""
    firsts = "".join(sorted({key[0] for key in _label_keys()[0]}))
    return re.compile(rf"(?<!\S)[{re.escape(firsts)}]")


def _label_at(text: str, start: int, bare_ok: bool) -> tuple[str, int] | None:
    """(label, end of the label and its colon) when a label starts at ``start``: the longest label
    followed by a colon (blanks allowed between), else, where ``bare_ok``, the longest followed by a
    blank ("审核　张敏　副区长")."""
    keys, longest = _label_keys()
    read, ends = "", []
    for position in range(start, len(text)):
        char = text[position]
        if char.isspace():
            continue
        read += char
        if len(read) > longest:
            break
        if read in keys:
            ends.append((read, position + 1))
    for label, end in reversed(ends):
        after = end
        while after < len(text) and text[after].isspace():
            after += 1
        if after < len(text) and text[after] in ":：":
            return label, after + 1
    if bare_ok:
        for label, end in reversed(ends):
            if end < len(text) and text[end].isspace():
                return label, end
    return None


def _label_matches(text: str) -> list[tuple[str, int, int]]:
    """(label, start, end of the label and its colon) of each label in ``text``: a label after a
    blank (or opening the text) followed by a colon ("会签：区财政局 王某某"), or followed by a blank
    where it opens the text or follows another label's value ("审核　张敏　副区长", a table row
    read as one line: "拟稿　张敏　3月1日　核稿　李娜　3月2日")."""
    found: list[tuple[str, int, int]] = []
    position = 0
    for start in _label_starts().finditer(text):
        if start.start() < position:
            continue
        match = _label_at(text, start.start(), bare_ok=bool(found) or not text[:start.start()].strip())
        if match is not None:
            label, end = match
            found.append((label, start.start(), end))
            position = end
    return found


def _pairs(cells: list[str]) -> list[Pair]:
    """(label, value) pairs from cells in reading order. A bare label cell labels the value cells
    after it; a cell "label：value" or "label value" is a pair of its own (several may share a line)."""
    pairs: list[Pair] = []
    for cell in cells:
        if _is_label(cell):
            pairs.append((_label_key(cell), ""))
            continue
        matches = _label_matches(cell)
        if not matches:
            pairs.append((None, cell))
            continue
        if cell[: matches[0][1]].strip():
            pairs.append((None, cell[: matches[0][1]]))
        for (label, _, end), following in zip(matches, [*matches[1:], None]):
            pairs.append((label, cell[end: following[1] if following else len(cell)]))
    return pairs


def _roles(pairs: list[Pair]) -> set[str]:
    role_of = labels().role_of
    return {role_of[label][0] for label, _ in pairs if label in role_of}


def _entries_from_pairs(pairs: list[Pair], roster: Roster | None) -> list[Entry]:
    """Join each label with the unlabelled values after it, then read the steps."""
    known = labels()
    grouped: list[tuple[str, list[str]]] = []
    current: tuple[str, list[str]] | None = None
    for label, value in pairs:
        if label is not None:
            current = (label, [value] if value.strip() else [])
            grouped.append(current)
        elif current is not None and value.strip():
            current[1].append(value)
    entries: list[Entry] = []
    for label, values in grouped:
        if label not in known.role_of or not values:
            continue
        role, hint = known.role_of[label]
        entries.extend(_entries(role, " ".join(values), roster, hint))
    return _merge_halves(entries)


def _merge_halves(entries: list[Entry]) -> list[Entry]:
    merged: list[Entry] = []
    for entry in entries:
        if merged and merged[-1].role == entry.role:
            joined = merged[-1].merge(entry)
            if joined is not None:
                merged[-1] = joined
                continue
        merged.append(entry)
    return merged


# --- record regions: where a record may be, and whether it is the document's own ---------------

@dataclass(frozen=True)
class Region:
    kind: str  # "table" | "text"
    first: int  # index of its first block (the form's title line when it has one)
    last: int  # index of its last block
    titled: bool  # under or holding the form's title (发文稿纸 …)
    pairs: list[Pair]


@lru_cache(maxsize=1)  # asked twice per document: by the structure stage (cover_sheet) and read_approval
def record_regions(blocks: tuple[Block, ...]) -> tuple[Region, ...]:
    """Every stretch of blocks that reads as an approval record: a table whose cells are mostly
    role labels and their values (labels in the first column, or a row of labels over a row of
    values), or a block of "角色[：] 值" lines under a form title (or, without one, two steps)."""
    return tuple(sorted([*_table_regions(blocks), *_text_regions(blocks)], key=lambda region: region.first))


def _table_regions(blocks: tuple[Block, ...]) -> list[Region]:
    regions = []
    tables: dict[int | None, list[int]] = {}
    for index, block in enumerate(blocks):
        if block.kind == "table_row":
            tables.setdefault(block.table, []).append(index)
    for indexes in tables.values():
        rows = [blocks[index] for index in indexes]
        pairs = _table_pairs(rows)
        before = _previous_text(blocks, indexes[0])
        titled = any(_is_form_title(cell) for row in rows for cell in _distinct_cells(row)) or (
            before is not None and _is_form_title(blocks[before].text))
        # under the form's title a table is the record whatever its labels (领导批示, 经办科室意见)
        if len(_roles(pairs)) >= 2 or titled:
            first = before if titled and before is not None and _is_form_title(blocks[before].text) else indexes[0]
            regions.append(Region("table", first, indexes[-1], titled, pairs))
    return regions


def _table_pairs(rows: list[Block]) -> list[Pair]:
    """Pairs in reading order; a row of labels over rows without labels (one column a step) pairs
    column by column."""
    pairs: list[Pair] = []
    grid = [list(row.cells or (row.text,)) for row in rows]
    index = 0
    while index < len(grid):
        taken = _column_pairs(grid, index)
        if taken is not None:
            column_pairs, index = taken
            pairs += column_pairs
            continue
        pairs += _pairs(_distinct_cells(rows[index]))
        index += 1
    return pairs


def _column_pairs(grid: list[list[str]], index: int) -> tuple[list[Pair], int] | None:
    """When row ``index`` of ``grid`` is a row of labels (its first cell may head the rows instead:
    环节) over rows of as many cells holding no label: the pairs of each column, top to bottom,
    and the index of the row after them; else None."""
    labels_row = grid[index]
    heads_rows = not _is_label(labels_row[0]) and bool(labels_row[0].strip())
    label_cells = labels_row[1:] if heads_rows else labels_row
    filled = [cell for cell in label_cells if cell.strip()]
    if len(filled) < (2 if heads_rows else 1) or not all(_is_label(cell) for cell in filled):
        return None
    values_end = index + 1
    while (values_end < len(grid) and len(grid[values_end]) == len(labels_row)
           and not any(_is_label(cell) or _label_matches(cell) for cell in grid[values_end])):
        values_end += 1
    if values_end == index + 1:
        return None
    pairs: list[Pair] = []
    for column, label in enumerate(labels_row):
        if (heads_rows and column == 0) or not label.strip():
            continue
        pairs.append((_label_key(label), ""))
        pairs += [(None, grid[row][column]) for row in range(index + 1, values_end)]
    return pairs, values_end


def _distinct_cells(row: Block) -> list[str]:
    """The row's non-empty cells; a merged cell that Word repeats across the row counts once."""
    cells = row.cells or (row.text,)
    distinct: list[str] = []
    for cell in cells:
        if cell.strip() and (not distinct or cell != distinct[-1]):
            distinct.append(cell)
    return distinct


def _previous_text(blocks: tuple[Block, ...], index: int) -> int | None:
    """The non-empty paragraph right before block ``index`` (skipping page furniture)."""
    for before in range(index - 1, -1, -1):
        block = blocks[before]
        if block.kind in PAGE_FURNITURE or not block.text.strip():
            continue
        return before if block.kind != "table_row" else None
    return None


def _is_form_title(text: str) -> bool:
    """"发文稿纸", "发 文 稿 纸", "城区教育局发文稿纸", "发文稿纸（区政府）"."""
    key = re.sub(r"[（(][^（）()]{1,12}[）)]$", "", _label_key(text))
    return len(key) <= FORM_TITLE_MAX and any(key.endswith(title) for title in labels().form_titles)


def _text_regions(blocks: tuple[Block, ...]) -> list[Region]:
    # the blocks as written: normalizing glues "区财政局 王某某" into one word
    regions: list[Region] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        titled = block.kind != "table_row" and _is_form_title(block.text)
        start = index + 1 if titled else index
        if not titled and (block.kind == "table_row" or not _label_matches(block.text)):
            index += 1
            continue
        pairs, last = _text_pairs(blocks, start)
        if (titled and _roles(pairs)) or len(_roles(pairs)) >= 2:
            regions.append(Region("text", index, last, titled, pairs))
            index = last + 1
        else:
            index += 1
    return regions


def _text_pairs(blocks: tuple[Block, ...], start: int) -> tuple[list[Pair], int]:
    """The pairs of the record's lines from ``start`` and the index of its last line: a line
    opening with a label; an unlabelled line continues the label above it when it is indented
    (a second 会签 line) or the label stood alone (labels above values). A blank line (after the
    first line), a line of dashes or any other line ends the record."""
    pairs: list[Pair] = []
    last = start - 1
    index = start
    while index < len(blocks) and not blocks[index].text.strip() and not pairs:
        index += 1
    while index < len(blocks):
        block = blocks[index]
        text = block.text
        if block.kind == "table_row" or not text.strip() or DASH_LINE.match(text):
            if DASH_LINE.match(text) and pairs:
                last = index
            break
        columns = _text_columns(blocks, index)
        if columns is not None:
            column_pairs, index = columns
            pairs.extend(column_pairs)
            last = index - 1
            continue
        line_pairs = _pairs([text])
        if line_pairs[0][0] is None:
            after_bare_label = bool(pairs) and pairs[-1][0] is not None and not pairs[-1][1].strip()
            if not pairs or not (text[:1].isspace() or after_bare_label):
                break
            line_pairs[0] = (None, " " + line_pairs[0][1])
        pairs.extend(line_pairs)
        last = index
        index += 1
    return pairs, last


def _text_columns(blocks: tuple[Block, ...], start: int) -> tuple[list[Pair], int] | None:
    """Labels above values in text: a line of labels set apart by blanks ("拟稿　核稿　签发") over
    lines of as many values; the pairs column by column and the index of the line after them."""
    grid = []
    for block in blocks[start:]:
        if block.kind == "table_row" or not block.text.strip() or DASH_LINE.match(block.text):
            break
        grid.append(block.text.split())
    if len(grid) < 2 or len(grid[0]) < 2:
        return None
    taken = _column_pairs(grid, 0)
    return None if taken is None else (taken[0], start + taken[1])


def own_record_confidence(region: Region, blocks: tuple[Block, ...], entries: list[Entry]) -> float:
    """How sure it is that ``region`` is the document's own approval record, from where it stands:
    before the 版头 (nothing but page furniture above it), or after the 版记 (the 印发 line, 抄送)
    as a form on its last page, is the record; a table or lines inside the body describe a process
    unless they carry the form's title. A region naming nobody and no date records nothing."""
    if not any(entry.name or entry.date for entry in entries):
        return 0.0
    above = [block for block in blocks[: region.first] if block.kind not in PAGE_FURNITURE and block.text.strip()]
    below = [block for block in blocks[region.last + 1:] if block.kind not in PAGE_FURNITURE and block.text.strip()]
    if not above:
        return 0.95 if region.titled else 0.85
    if any(RECORD_AFTER.search(block.text) for block in above) or not below:
        # after the 版记, or closing the file: untitled, it is still the record when someone signed it
        signed = any(entry.role in SIGNING_ROLES and entry.name for entry in entries)
        return 0.9 if region.titled else 0.8 if signed else 0.7
    return 0.7 if region.titled else 0.2


# --- sidecar ----------------------------------------------------------------------------------

def _read_sidecar(sidecar: Companion, document: str, roster: Roster | None) -> list[Entry]:
    def fail(reason: str) -> IngestError:
        return IngestError("approval-invalid", document, sidecar=sidecar.name, reason=reason)

    text = sidecar.text or ""
    try:
        data, lines = load_yaml_with_lines(text)
    except yaml.YAMLError as error:
        raise fail(yaml_error_text(error)) from None
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise fail("应包含 steps 列表，每项写明一个环节，如 {role: 签发, name: 韩某某, date: 2024-03-05}")
    entries = []
    for number, step in enumerate(data["steps"], start=1):
        line = lines.line(data["steps"], number - 1)
        where = f"第 {line} 行（第 {number} 个环节）" if line else f"第 {number} 个环节"
        entries.append(_sidecar_entry(step, where, roster, fail))
    return entries


def _sidecar_entry(step: Any, where: str, roster: Roster | None, fail) -> Entry:
    known = labels()
    if not isinstance(step, dict):
        raise fail(f"{where}应为键值结构，如 {{role: 拟稿, name: 张某某, date: 2024-03-01}}")
    unknown = [str(key) for key in step if key not in SIDECAR_KEYS]
    if unknown:
        raise fail(f"{where}有无法识别的项“{quoted('、'.join(unknown))}”，可用的项为 {'、'.join(SIDECAR_KEYS)}")
    texts: dict[str, str | None] = {}
    for key in ("role", "name", "post", "organ", "opinion"):
        value = step.get(key)
        if value is not None and not isinstance(value, str):
            raise fail(f"{where}的 {key} 应为文字，实际为“{quoted(value)}”")
        texts[key] = _compact(value) if key != "opinion" and value else value
    role_label = texts["role"]
    if not role_label:
        raise fail(f"{where}缺少 role（环节），可用的环节为 {'、'.join(known.roles)}")
    if role_label not in known.role_of:
        raise fail(f"{where}的环节“{quoted(role_label)}”无法识别，可用的环节为 {'、'.join(known.roles)}")
    if not texts["name"] and not texts["organ"]:
        raise fail(f"{where}缺少 name（姓名）或 organ（单位）")
    return Entry(known.role_of[role_label][0], name=texts["name"], post=texts["post"],
                 organ=texts["organ"], opinion=texts["opinion"],
                 date=_sidecar_date(step.get("date"), where, fail))


def _sidecar_date(value: Any, where: str, fail) -> WrittenDate | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.strftime("%Y-%m-%d")
    found = parse_date(value.strip()) if isinstance(value, str) else None
    if found is None or (found.year is not None and found.date is None):
        raise fail(f"{where}的日期“{quoted(value)}”无法识别，请写成 2024-03-05 或 2024年3月5日")
    return found


# --- finishing: order, years, posts -----------------------------------------------------------

def _finish(entries: list[Entry], roster: Roster | None, doc: Document,
            as_given: bool = False) -> tuple[ApprovalStep, ...]:
    ordered = entries if as_given else _process_order(entries)
    dates = _resolve_dates([entry.date for entry in ordered], doc)
    steps = []
    for entry, date in zip(ordered, dates):
        person = roster.by_name(entry.name) if roster is not None and entry.name else None
        steps.append(ApprovalStep(
            role=entry.role, name=entry.name,
            post=entry.post or (person.post if person else None),
            date=date.isoformat() if date else None,
            organ=entry.organ or (person.organ if person else None),
            opinion=entry.opinion,
            year_inferred=date is not None and entry.date is not None and not entry.date.form.year_digits,
        ))
    return tuple(steps)


def _process_order(entries: list[Entry]) -> list[Entry]:
    """The steps as the record gives them, read bottom-up when it prints the signing first (a docx
    发文稿纸 puts 签发 at the top); then 拟稿 first and the signing last, the steps between in
    record order (offices 会签 before or after 审核)."""
    signing = SIGNING_ROLES
    if entries and entries[0].role in signing and any(entry.role not in signing for entry in entries):
        groups = [list(group) for _, group in groupby(entries, key=lambda entry: entry.role)]
        entries = [entry for group in reversed(groups) for entry in group]  # one cell's 会签 keep their order
    first, last = labels().roles[0], signing
    return sorted(entries, key=lambda entry: 0 if entry.role == first else 2 if entry.role in last else 1)


def _resolve_dates(dates: list[WrittenDate | None], doc: Document) -> list[dt.date | None]:
    """Full dates as they are; a month and day written without a year take the year that puts them
    nearest the document's 成文日期 (so 12月30日 in a record of a document dated 2025-01-02 is
    2024-12-30), else nearest the closest fully dated step of the record."""
    anchors = {index: date.date for index, date in enumerate(dates)
               if date is not None and date.form.year_digits and date.date is not None}
    document_day: dt.date | None = None
    if any(date is not None and not date.form.year_digits for date in dates):
        document_day = _document_day(doc)
    resolved: list[dt.date | None] = []
    for index, date in enumerate(dates):
        if date is None or date.form.year_digits:
            resolved.append(date.date if date is not None else None)
        elif document_day is not None:
            resolved.append(date.near(document_day).date)
        elif anchors:
            resolved.append(date.near(anchors[min(anchors, key=lambda other: (abs(other - index), other))]).date)
        else:
            resolved.append(None)
    return resolved


def _document_day(doc: Document) -> dt.date | None:
    iso, _ = document_date(doc)
    return dt.date.fromisoformat(iso) if iso else None

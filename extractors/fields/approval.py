"""The approval record (发文稿纸 / 公文审批单): who drafted, checked, countersigned and signed, and when.

Three forms are read, in this priority:

1. **sidecar** — ``NAME.approval.yaml`` beside ``NAME.ext`` (or ``NAME.ext.approval.yaml``, which
   wins when both exist: it tells ``a.docx`` and ``a.pdf`` apart)::

       steps:
         - {role: 拟稿, name: 张某某, date: 2024-03-01}
         - {role: 会签, organ: 区财政局, name: 王某某, date: 2024-03-03}
         - {role: 签发, name: 韩某某, post: 常务副区长, date: 2024-03-05, opinion: 同意}

   The clerk wrote it on purpose, so it is checked strictly: a sidecar that cannot be read, has an
   unknown key or role, or a date that is not a date raises ``IngestError("approval-invalid")``
   naming the sidecar, the line and the problem. That document gets the error; the batch goes on.
2. **table** — a table (``table_row`` blocks) holding role labels (签发, 会签单位, 拟稿人 …) in its
   cells, each followed by its value cells: "韩某某 2024.3.5", "同意。韩某某 3月5日". A table counts
   when it has two different role labels, or one and the form's title (发文稿纸 …).
3. **text** — a line ``发文稿纸`` / ``公文审批单`` / ``发文审批单``, then one line a step,
   ``角色：[单位] [职务] 姓名 日期``, closed by a blank line or a line of dashes.

Labels, roles and form titles are data (``extractors/data/approval_labels.yaml``). A value is read as
``[意见] [单位] [职务] 姓名 [日期]``; the name is a roster name where a roster is given, else a
surname followed by 某某/某 (the corpus' placeholders) or a 2–4 character name starting with a
known surname. The post comes from the record, else from the roster; so does the organ. Dates
become ISO; a date without a year (3月5日) takes the year of the nearest step that has one, else
stays None. Steps come in process order (拟稿 → 核稿 → 会签 → 审核 → 审阅 → 审签 → 签发), steps of
one role in record order. Rows that are not steps (标题, 主送, 文号 …) and empty fields are skipped.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from gongwen.extractors.data import phrase_list, yaml_data
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import ApprovalStep, Block, Document
from gongwen.pipeline.paths import is_regular_file
from gongwen.pipeline.roster import Roster, load_yaml_with_lines
from gongwen.pipeline.safe_read import os_reason, quoted, read_capped_text
from gongwen.pipeline.safe_yaml import error_text as yaml_error_text

SIDECAR_SUFFIX = ".approval.yaml"
SIDECAR_KEYS = ("role", "name", "post", "organ", "date", "opinion")
FORM_TITLE_MAX = 30  # "阳泉市城区人民政府办公室发文稿纸" is a title; a sentence mentioning one is not

SEPARATORS = re.compile(r"[\s。，,；;、：:]+")
ENTRY_BREAK = re.compile(r"[；;]")
DASH_LINE = re.compile(r"^[\s\-—－=＝_─━~～.·…*＊]{3,}$")
HAN = r"\u4e00-\u9fff"
CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
CN_NUM = "〇○零一二三四五六七八九十"
FULL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:年|[.\-/])\s*(?P<m>\d{1,2})\s*(?:月|[.\-/])\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    rf"|(?P<cy>[{CN_NUM}]{{4}})年(?P<cm>[{CN_NUM}]{{1,2}})月(?P<cd>[{CN_NUM}]{{1,3}})日")
MONTH_DAY = re.compile(rf"(?<![\d年.\-/])(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日?"
                       rf"|(?<![{CN_NUM}年])(?P<cm>[{CN_NUM}]{{1,2}})月(?P<cd>[{CN_NUM}]{{1,3}})日")


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
    return Labels(
        roles=tuple(data["roles"]),
        role_of={label: (spec["role"], spec.get("field")) for label, spec in data["labels"].items()},
        others=frozenset(data["other_labels"]),
        form_titles=frozenset(data["form_titles"]),
        opinion=re.compile(data["opinion_pattern"]),
    )


@dataclass(frozen=True)
class Lexicon:
    posts: tuple[str, ...]  # longest first
    organ: re.Pattern[str]  # a whole organ name
    name: re.Pattern[str]  # a whole person's name: a surname, then 某某 / 某 / one or two characters


def _longest_first(words: tuple[str, ...]) -> list[str]:
    return sorted(set(words), key=len, reverse=True)


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    """Posts, organ endings and surnames from the phrase lists the extractors share."""
    organ_endings = "|".join(map(re.escape, _longest_first(phrase_list("organ_suffixes"))))
    surnames = "|".join(map(re.escape, _longest_first(phrase_list("surnames"))))
    return Lexicon(
        posts=tuple(_longest_first(phrase_list("posts"))),
        organ=re.compile(rf"[{HAN}（）()]+?(?:{organ_endings})"),
        name=re.compile(rf"(?:{surnames})(?:某某|某|[{HAN}]{{1,2}})"),
    )


# --- public API -------------------------------------------------------------------------------

def sidecar_path(document_path: Path) -> Path:
    """The approval sidecar for a document: ``NAME.ext.approval.yaml`` when it exists, else
    ``NAME.approval.yaml`` (which may not exist)."""
    document_path = Path(document_path)
    specific = document_path.with_name(document_path.name + SIDECAR_SUFFIX)
    if is_regular_file(specific):  # False for a name too long to have a sidecar
        return specific
    return document_path.with_name(document_path.stem + SIDECAR_SUFFIX)


def approval_record(doc: Document, roster: Roster | None = None,
                    sidecar: Path | None = None) -> tuple[tuple[ApprovalStep, ...], str | None]:
    """The approval steps of ``doc`` and where they came from ("sidecar", "table", "text" or None).

    ``sidecar`` defaults to the one beside ``doc.raw.path``. Raises ``IngestError("approval-invalid")``
    when a sidecar exists but is wrong.
    """
    if sidecar is None and Path(doc.raw.path).name:
        sidecar = sidecar_path(Path(doc.raw.path))
    if sidecar is not None and is_regular_file(sidecar):
        sidecar = Path(sidecar)
        return _finish(_read_sidecar(sidecar, doc.raw.path, roster), roster), "sidecar"
    for steps, source in ((_from_table(doc.raw.blocks, roster), "table"),
                          (_from_text(doc, roster), "text")):
        if steps:
            return _finish(steps, roster), source
    return (), None


# --- values: "同意。区财政局 王某某 2024年3月3日" ---------------------------------------------------

@dataclass(frozen=True)
class DateParts:
    year: int | None
    month: int
    day: int


def _cn_number(text: str) -> int:
    if all(ch in CN_DIGITS for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def find_date(text: str) -> tuple[DateParts, int, int] | None:
    """The first date in ``text`` (with or without its year) and its span."""
    for pattern in (FULL_DATE, MONTH_DAY):
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("cm"):
            year = _cn_number(groups["cy"]) if groups.get("cy") else None
            parts = DateParts(year, _cn_number(groups["cm"]), _cn_number(groups["cd"]))
        else:
            year = int(groups["y"]) if groups.get("y") else None
            parts = DateParts(year, int(groups["m"]), int(groups["d"]))
        return parts, match.start(), match.end()
    return None


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class Entry:
    """One step as read from a record, before posts come from the roster and years are filled in."""

    role: str
    name: str | None = None
    post: str | None = None
    organ: str | None = None
    opinion: str | None = None
    date: DateParts | None = None

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


def _split_name(token: str, roster: Roster | None) -> tuple[str, str] | None:
    """(text before the name, name) when ``token`` ends with a person's name.

    A roster name is trusted anywhere; otherwise a placeholder (韩某某) is, and a plain 2–4
    character name only when alone or after a post or organ ("区财政局王明").
    """
    if roster is not None:
        for name in sorted(roster.names(), key=len, reverse=True):
            if token.endswith(name):
                return token[: -len(name)], name
    lexicon = _lexicon()
    for start in range(max(0, len(token) - 4), len(token) - 1):
        candidate, before = token[start:], token[:start]
        if not lexicon.name.fullmatch(candidate) or _post_and_organ(candidate) != (None, None):
            continue
        if "某" in candidate or not before or _post_and_organ(before) != (None, None):
            return before, candidate
    return None


def _post_and_organ(text: str) -> tuple[str | None, str | None]:
    """(post, organ) when ``text`` is a post, an organ, or an organ followed by a post
    ("区财政局局长"); (None, None) when it is neither (an opinion)."""
    lexicon = _lexicon()
    post = next((post for post in lexicon.posts if text.endswith(post)), None)
    head = text[: len(text) - len(post)] if post else text
    if not head:
        return post, None
    if lexicon.organ.fullmatch(head):
        return post, head
    return None, None


def _is_opinion(token: str) -> bool:
    return bool(labels().opinion.match(token))


def parse_entry(role: str, value: str, roster: Roster | None, field_hint: str | None = None) -> Entry:
    """Read one step's value "[意见] [单位] [职务] 姓名 [日期]", each part where present."""
    value = unicodedata.normalize("NFKC", value).strip()
    date = None
    found = find_date(value)
    if found:
        date, start, end = found
        value = f"{value[:start]} {value[end:]}"
    if field_hint == "organ":
        return Entry(role, organ=_compact(value) or None, date=date)
    tokens = [token for token in SEPARATORS.split(value) if token]
    name = None
    for index in range(len(tokens) - 1, -1, -1):
        split = _split_name(tokens[index], roster)
        if split is not None:
            tokens[index], name = split
            break
    post = organ = None
    opinions: list[str] = []
    for token in filter(None, tokens):
        token_post, token_organ = (None, None) if _is_opinion(token) else _post_and_organ(token)
        if token_post or token_organ:
            post, organ = post or token_post, organ or token_organ
        else:
            opinions.append(token)
    return Entry(role, name=name, post=post, organ=organ, opinion="，".join(opinions) or None, date=date)


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
        if not found:
            break
        _, _, end = found
        if not find_date(rest[end:]) or not rest[end:].strip():
            break
        chunks.append(rest[:end])
        rest = rest[end:]
    chunks.append(rest)
    return chunks


# --- label/value pairs from cells and lines ----------------------------------------------------

def _label_key(text: str) -> str:
    return _compact(unicodedata.normalize("NFKC", text)).rstrip(":：")


@lru_cache(maxsize=1)
def _labelled_value() -> re.Pattern[str]:
    """A label followed by a colon and its value, e.g. "会签：区财政局 王某某"."""
    spaced = ("\\s*".join(map(re.escape, label)) for label in labels().all_labels)
    return re.compile(rf"(?:^|(?<=\s))(?P<label>{'|'.join(spaced)})\s*[:：]")


def _pairs(cells: list[str]) -> list[tuple[str | None, str]]:
    """(label, value) pairs from cells in reading order. A bare label cell labels the value cells
    after it; a cell "label：value" is a pair of its own (several may share a line)."""
    known = labels()
    pairs: list[tuple[str | None, str]] = []
    for cell in cells:
        key = _label_key(cell)
        if key in known.role_of or key in known.others:
            pairs.append((key, ""))
            continue
        matches = list(_labelled_value().finditer(cell))
        if not matches:
            pairs.append((None, cell))
            continue
        if cell[: matches[0].start()].strip():
            pairs.append((None, cell[: matches[0].start()]))
        for match, following in zip(matches, [*matches[1:], None]):
            end = following.start() if following else len(cell)
            pairs.append((_label_key(match.group("label")), cell[match.end():end]))
    return pairs


def _entries_from_pairs(pairs: list[tuple[str | None, str]], roster: Roster | None) -> list[Entry]:
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


def _from_table(blocks: tuple[Block, ...], roster: Roster | None) -> list[Entry]:
    known = labels()
    tables: dict[int | None, list[Block]] = {}
    for block in blocks:
        if block.kind == "table_row":
            tables.setdefault(block.table, []).append(block)
    for rows in tables.values():
        cells = [cell for row in rows for cell in _distinct_cells(row)]
        keys = {_label_key(cell) for cell in cells}
        roles = {known.role_of[key][0] for key in keys if key in known.role_of}
        roles |= {known.role_of[_label_key(m.group("label"))][0]
                  for cell in cells for m in _labelled_value().finditer(cell)
                  if _label_key(m.group("label")) in known.role_of}
        titled = any(_is_form_title(cell) for cell in cells)
        if len(roles) >= 2 or (roles and titled):
            entries = _entries_from_pairs(_pairs(cells), roster)
            if entries:
                return entries
    return []


def _distinct_cells(row: Block) -> list[str]:
    """The row's non-empty cells; a merged cell that Word repeats across the row counts once."""
    cells = row.cells or (row.text,)
    distinct: list[str] = []
    for cell in cells:
        if cell.strip() and (not distinct or cell != distinct[-1]):
            distinct.append(cell)
    return distinct


def _is_form_title(text: str) -> bool:
    """"发文稿纸", "发 文 稿 纸", "城区教育局发文稿纸"."""
    key = _label_key(text)
    return len(key) <= FORM_TITLE_MAX and any(key.endswith(title) for title in labels().form_titles)


def _from_text(doc: Document, roster: Roster | None) -> list[Entry]:
    # the blocks as written: normalizing glues "区财政局 王某某" into one word
    lines = [block.text for block in doc.raw.blocks]
    for index, line in enumerate(lines):
        if not _is_form_title(line):
            continue
        pairs: list[tuple[str | None, str]] = []
        following_lines = lines[index + 1:]
        while following_lines and not following_lines[0].strip():
            following_lines = following_lines[1:]
        for following in following_lines:
            if not following.strip() or DASH_LINE.match(following):
                break
            line_pairs = _pairs([following])
            if line_pairs and line_pairs[0][0] is None and pairs:
                # an unlabelled line continues the label above it (a second 会签 line)
                line_pairs[0] = (None, " " + line_pairs[0][1])
            pairs.extend(line_pairs)
        entries = _entries_from_pairs(pairs, roster)
        if entries:
            return entries
    return []


# --- sidecar ----------------------------------------------------------------------------------

def _read_sidecar(sidecar: Path, document: str, roster: Roster | None) -> list[Entry]:
    def fail(reason: str) -> IngestError:
        return IngestError("approval-invalid", document, sidecar=sidecar.name, reason=reason)

    try:
        text = read_capped_text(sidecar)
    except UnicodeDecodeError:
        raise fail("不是 UTF-8 编码，请另存为 UTF-8") from None
    except OSError as error:
        raise fail(f"无法读取（{os_reason(error)}）") from None
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


def _sidecar_date(value: Any, where: str, fail) -> DateParts | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return DateParts(value.year, value.month, value.day)
    found = find_date(unicodedata.normalize("NFKC", value)) if isinstance(value, str) else None
    if found is None or (found[0].year and not _valid(found[0].year, found[0].month, found[0].day)):
        raise fail(f"{where}的日期“{quoted(value)}”无法识别，请写成 2024-03-05 或 2024年3月5日")
    return found[0]


# --- finishing: order, years, posts -----------------------------------------------------------

def _finish(entries: list[Entry], roster: Roster | None) -> tuple[ApprovalStep, ...]:
    order = {role: rank for rank, role in enumerate(labels().roles)}
    ordered = sorted(entries, key=lambda entry: order.get(entry.role, len(order)))
    dates = _resolve_dates([entry.date for entry in ordered])
    steps = []
    for entry, date in zip(ordered, dates):
        person = roster.by_name(entry.name) if roster is not None and entry.name else None
        steps.append(ApprovalStep(
            role=entry.role, name=entry.name,
            post=entry.post or (person.post if person else None),
            date=date.isoformat() if date else None,
            organ=entry.organ or (person.organ if person else None),
            opinion=entry.opinion,
        ))
    return tuple(steps)


def _resolve_dates(parts: list[DateParts | None]) -> list[dt.date | None]:
    """Full dates as they are; a month and day take the year that puts them nearest the closest
    fully dated step (so 12月30日 next to 2025-01-02 is 2024-12-30)."""
    full = {index: _valid(p.year, p.month, p.day) for index, p in enumerate(parts) if p and p.year}
    anchors = {index: date for index, date in full.items() if date}
    resolved: list[dt.date | None] = []
    for index, part in enumerate(parts):
        if part is None:
            resolved.append(None)
        elif part.year:
            resolved.append(full[index])
        elif not anchors:
            resolved.append(None)
        else:
            anchor = anchors[min(anchors, key=lambda other: (abs(other - index), other))]
            candidates = [d for year in (anchor.year - 1, anchor.year, anchor.year + 1)
                          if (d := _valid(year, part.month, part.day))]
            resolved.append(min(candidates, key=lambda d: abs(d - anchor)) if candidates else None)
    return resolved

"""The matters a 请示 asks its recipient to approve or decide (the basis of the 一文一事 check).

Algorithm (phrases and word classes are data: ``extractors/data/request_phrases.yaml``):

1. **Units.** The body (``structure`` "body"; else the whole text after the 主送 line, without
   title, 附件 and 附注 lines) is cut into lines, each line at enumeration markers (一是 / 第一， /
   （一） / 一、 / 1. / ①) and at sentence ends (。！？；). A unit is one sentence or enumerated
   piece; a short enumerated line without punctuation is a heading. Units are cut into clauses
   at ，：.
2. **Asks.** The clauses are walked in order:
   - a closing formula (妥否，请批示 / 特此请示 / 恳请批准) asks for nothing new;
   - an intro (请示如下 / 请示事项 / "恳请区政府：" before a list) opens the request section, and
     so does an enumerated piece opening with a decision only the recipient takes ("（一）同意…");
     after an intro, "关于…问题" headings stay inside it, other headings close it;
   - a past or reported decision (经区政府同意 / 已拨付 / 根据…批复) is not an ask;
   - a detail (其中 / 用于 / "活动时间：" / the rest of an asking sentence) belongs to its ask; so
     does where its money comes from (通过申请中央资金解决 / 由区财政局纳入预算予以保障), even in a
     sentence of its own;
   - an explicit ask has a request cue (恳请 / 申请 / 请予批准 …, unless someone else asked:
     "群众多次申请", "我局将积极申请"), or heads a piece of the request section, or joins the ask
     before it with 并 / 同时 ("，并追加…"), or follows a plea for help ("协调区委编办，为…增加编制");
   - our proposal (拟 + action) and money from finance (由区财政安排) are weak asks: they show what
     is asked for, but are no matter of their own where the body asks explicitly;
   - a cue with no object of its own takes the clause before it ("现将《办法》报上，请审定"); so
     does a closing formula ending a sentence that asks nothing explicitly: it makes the proposal
     before it an explicit ask ("拟于5月实施维修，所需资金86万元，请予审批"). A closing sentence
     of its own ("妥否，请批示。") closes the whole request and takes nothing.
   Each ask's object (the text after its cue) gets a category (staffing, personnel, fund, org,
   land, event, policy, project) and a core: the object without parties, dates, amounts,
   fund/project heads, verbs and filler ("南山路提质改造工程建设资金200万元" -> "南山路提质").
   Amounts joined by 和 / 、 are separate asks ("A资金60万元和B资金90万元").
3. **Matters.** Asks are grouped in order: a detail, an ask that only reinforces (给予支持,
   协调…落实) and an ask that refers back (该项目…, 所需资金…, 由X作为实施主体, more of the same
   kind after 并) join the matter before it. Otherwise an ask joins an earlier matter whose core
   is the same object (one core contains the other, or their character bigrams mostly coincide),
   except that staffing and personnel matters only ever hold asks of their own kind (the funds
   of a centre and its staffing are two matters). Else it opens a new matter. A leading matter
   that names nothing (only money, only "给予支持") joins the matter after it.
4. **Items.** One ``RequestItem`` per matter, on its principal ask (the first explicit ask with
   an object of its own), widened over the matter's asks and details that touch it. If no ask is
   found but the body asks at all, the sentence that asks is the one item; where no sentence asks
   but the body closes with 妥否，请批示, the matter the title names is the one item.
5. **Subjects.** The body often names the matter by reference only (「请予审批」 after the plan,
   「上述配套资金」, 「启用新址」): each item also carries the matter as the title names it
   (「关于申请北大街片区老旧小区改造配套资金的请示」), the whole of it for a single item, the title's
   parts (joined by 并/和/及/、) for as many items, each to the item it shares most with.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gongwen.extractors.data import yaml_data
from gongwen.extractors.knowledge.wrapping import is_wrap
from gongwen.pipeline.model import Document, RequestItem

SENTENCE_END = "。！？!?；;"
CLAUSE_BREAK = re.compile(r"[，,：:\t]")  # a tab parts a table's cells
ENUMERATION = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，,、]|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[①-⑳])")
# a table row read as text opens with its number cell: 「2\t同意增设数据管理科\t承担…」
# 「恳请区政府一是协调…，二是拨付…」: 一是/二是 may part a sentence anywhere (not 之一是, 统一是)
ENUMERATION_AT = re.compile(rf"(?:(?:^|(?<=[。；;：:！？]))\s*(?P<marker>{ENUMERATION.pattern}|(?<![^\n])\d{{1,2}}\t)"
                            rf"|(?<=[，,\u4e00-\u9fff])(?<![之统唯第单同万])[一二三四五六七八九十]{{1,2}}是(?=[\u4e00-\u9fff]))")
SKIPPED_LINE = re.compile(r"^\s*(?:[（(]?(?:附件|附：|联系人|联系电话|抄送|印发|主题词)|.{0,60}关于.{1,80}的请示\s*$)")
RECIPIENT_LINE = re.compile(r"^\s*[^，。；\s]{2,40}[：:]\s*$")
AMOUNT = re.compile(r"(?<!\d)\d+(?:\.\d+)?\s*(?:万元|亿元|元)")  # starts where digits start: linear
HEADING_MAX = 20
BARE_CUE_MAX = 16  # 「为此，恳请市人民政府」
PIECE_LABEL_MAX = 24
PLAN_WHEN = re.compile(r"(?:于|自)[^，。；]{1,20}[，,]")  # 「拟自2025年秋季学期起，」: only when, the action follows
# 「协调区城管局将沿江停车场作为早市疏导点」: help that disposes of something is an ask of its own
DISPOSAL = re.compile(r"将[^，。；]{2,30}?(?:作为|列为|改为|改作|用作|用于|交由|移交|划归|调整为)")
# 「二、扩大招生规模。」 names a change asked for, not a section of one plan (「一、改造范围。」)
MATTER_LABEL = re.compile(r"^(?:关于)?(?:扩大|增加|调整|提高|新增|增设|更名|设立|撤销|合并|划转|延长|减少|核增)")
DEMONSTRATIVE = re.compile(r"(?:该|此|上述)(?P<noun>[\u4e00-\u9fff]{2})")
# a noun named anew (「…推广中心」), not pointed at again (「该中心」) nor opening a sentence
NAMING_BEFORE = re.compile(r"[\u4e00-\u9fff](?<![该此述本各全我])$")
RECIPIENT_SEARCH_LINES = 20


@dataclass(frozen=True)
class Phrases:
    closing: re.Pattern[str]
    closing_filler: re.Pattern[str]
    intro: re.Pattern[str]
    strong: re.Pattern[str]
    cue_blockers: re.Pattern[str]
    plan: re.Pattern[str]
    plan_cue: re.Pattern[str]
    finance: re.Pattern[str]
    action: re.Pattern[str]
    action_at_head: re.Pattern[str]
    decision_at_head: re.Pattern[str]
    connector_head: re.Pattern[str]
    past: re.Pattern[str]
    detail: re.Pattern[str]
    funding_source: re.Pattern[str]
    label_detail: re.Pattern[str]
    section_label: re.Pattern[str]
    categories: tuple[tuple[str, re.Pattern[str]], ...]
    exclusive: frozenset[str]
    anaphora: re.Pattern[str]
    support: re.Pattern[str]
    help_words: re.Pattern[str]
    parties: re.Pattern[str]
    strip: tuple[re.Pattern[str], ...]


def _either(patterns: list[str] | str) -> str:
    return patterns if isinstance(patterns, str) else "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=1)
def phrases() -> Phrases:
    data = yaml_data("request_phrases")
    actions = "|".join(sorted(map(re.escape, data["action_verbs"]), key=len, reverse=True))
    connectors = data["connectors"]
    return Phrases(
        closing=re.compile(_either(data["closing"])),
        closing_filler=re.compile(data["closing_filler"]),
        intro=re.compile(_either(data["intro"])),
        strong=re.compile(_either(data["strong_cues"])),
        cue_blockers=re.compile(data["cue_blockers"]),
        # "拟于2024年5月18日至20日在城区古书院矿工业遗址公园举办…": time and place come between
        plan=re.compile(rf"(?:{data['plan_cue']})[^，。；]{{0,40}}?(?:{actions})"),
        plan_cue=re.compile(data["plan_cue"]),
        finance=re.compile(data["finance_cue"]),
        action=re.compile(actions),
        action_at_head=re.compile(rf"{connectors}(?:{actions})"),
        decision_at_head=re.compile(rf"(?:{data['decision_verbs']})"),
        connector_head=re.compile(r"(?:并且|并|同时|另外|另|此外|以及|还|再)"),
        past=re.compile(_either(data["past"])),
        detail=re.compile(data["detail_openers"]),
        funding_source=re.compile(data["funding_source"]),
        label_detail=re.compile(data["label_detail"]),
        section_label=re.compile(data["section_label"]),
        categories=tuple((name, re.compile(pattern)) for name, pattern in data["categories"].items()),
        exclusive=frozenset(data["exclusive_categories"]),
        anaphora=re.compile(data["anaphora"]),
        support=re.compile(rf"^(?:{data['support_verbs']})"),
        help_words=re.compile(data["help_words"]),
        parties=re.compile(data["parties"]),
        strip=(re.compile(data["parties"]), *map(re.compile, data["strip"]), re.compile(actions),
               re.compile(_either(data["strong_cues"]))),
    )


# --- units and clauses ------------------------------------------------------------------------

@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str  # stripped of blanks, without wrapping line breaks; keeps its closing delimiter


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    text: str
    clauses: tuple[Clause, ...]
    enumerated: bool
    heading: bool


def body_range(doc: Document) -> tuple[int, int]:
    span = doc.structure.span("body")
    return (span.start, span.end) if span is not None else (0, len(doc.text))


def units(text: str, start: int, end: int, whole_text: bool) -> list[Unit]:
    """The units of text[start:end]. For the whole text (no body found by the structure stage),
    the body starts after the 主送 line ("区人民政府：") when there is one near the top."""
    lines = _unwrapped_lines(text[start:end])
    first = _after_recipient(lines) if whole_text else 0
    found: list[Unit] = []
    position = start + sum(len(line) + 1 for line in lines[:first])
    for line in lines[first:]:
        line_start, position = position, position + len(line) + 1
        if not line.strip() or SKIPPED_LINE.match(line):
            continue
        pieces = _enumerated_pieces(line)
        heading_line = len(pieces) == 1 and pieces[0][2] and len(line.strip()) <= HEADING_MAX \
            and not any(ch in line for ch in SENTENCE_END + "，,")
        for piece_start, piece_end, enumerated in pieces:
            for index, (s, e) in enumerate(_sentences(line, piece_start, piece_end)):
                found.append(_unit(text, line_start + s, line_start + e, enumerated and index == 0, heading_line))
    return found


def _unwrapped_lines(text: str) -> list[str]:
    """The lines of ``text``, a line wrapped by a hard break (text pasted from a PDF) joined with the
    next; the break stays in the joined line, so lengths and offsets are unchanged."""
    lines: list[str] = []
    begin = 0
    for position, char in enumerate(text):
        if char == "\n" and not (is_wrap(text, position) and not ENUMERATION_AT.match(text, position + 1)):
            lines.append(text[begin:position])
            begin = position + 1
    lines.append(text[begin:])
    return lines


def _after_recipient(lines: list[str]) -> int:
    """The index of the line after the 主送 line among the first lines, else 0."""
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if RECIPIENT_LINE.match(line) and not phrases().intro.search(line) and not _request_cue(line):
            return index + 1
        seen += 1
        if seen >= RECIPIENT_SEARCH_LINES:
            break
    return 0


def _enumerated_pieces(line: str) -> list[tuple[int, int, bool]]:
    """Spans of the line split before each enumeration marker; True where a marker was dropped."""
    marks = list(ENUMERATION_AT.finditer(line))
    pieces: list[tuple[int, int, bool]] = []
    previous, enumerated = 0, False
    for mark in marks:
        if mark.start() > previous or (mark.start() == previous and previous > 0):
            pieces.append((previous, mark.start(), enumerated))
        previous, enumerated = mark.end(), True
    pieces.append((previous, len(line), enumerated))
    return [piece for piece in pieces if line[piece[0]:piece[1]].strip()]


def _sentences(line: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, begin = [], start
    for index in range(start, end):
        if line[index] in SENTENCE_END:
            spans.append((begin, index + 1))
            begin = index + 1
    spans.append((begin, end))
    return [(s, e) for s, e in spans if line[s:e].strip()]


def _unit(text: str, start: int, end: int, enumerated: bool, heading: bool) -> Unit:
    start, end = _trim(text, start, end)
    clauses: list[Clause] = []
    begin = start
    for match in CLAUSE_BREAK.finditer(text, start, end):
        clauses.append(_clause(text, begin, match.end()))
        begin = match.end()
    if begin < end:
        clauses.append(_clause(text, begin, end))
    return Unit(start, end, text[start:end], tuple(c for c in clauses if c.text), enumerated, heading)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _clause(text: str, start: int, end: int) -> Clause:
    """A clause; its text is read without the hard breaks that only wrap a line (「统筹解\n决」), its
    span stays that of the text as written."""
    start, end = _trim(text, start, end)
    written = text[start:end]
    return Clause(start, end, _unwrapped(text, start, end) if "\n" in written else written)


# --- asks ---------------------------------------------------------------------------------------

@dataclass
class Ask:
    start: int
    end: int
    detail: bool = False
    strong: bool = False  # an explicit request (恳请…, 请示事项 lists), not only our plan (拟…)
    category: str | None = None
    core: str = ""
    refers_back: bool = False  # 该项目…, 所需资金…, or no object of its own
    reinforces: bool = False  # 给予支持, 协调解决: adds no matter of its own
    piece: int = 0  # which enumerated piece of the body (一、… 二、…) the ask is in
    unit: int = 0  # which unit (sentence or enumerated piece) of the body
    endorsed: bool = False  # the proposal a bare request right after it asks for ("请批准设立。")
    demonstrative: str = ""  # what 「该中心」 / 「上述项目」 points at: 中心, 项目
    label: bool = False  # the short label of a numbered piece of the request section (「二、扩大招生规模。」)


def is_closing(text: str) -> bool:
    """A clause or sentence made only of closing formulas ("以上请示当否，请批示。")."""
    p = phrases()
    rest = p.closing_filler.sub("", text)
    return not rest or not p.closing.sub("", rest)


def is_past(text: str) -> bool:
    p = phrases()
    match = p.past.search(text)
    return match is not None and not _request_cue(text[match.end():])


def _request_cue(text: str) -> re.Match[str] | None:
    """The first request cue in ``text`` not preceded by a word that makes it someone else's."""
    p = phrases()
    for match in p.strong.finditer(text):
        if not p.cue_blockers.search(text[: match.start()]):
            return match
    return None


def _head_action(text: str) -> re.Match[str] | None:
    """The action a clause opens with; not 「调整后，」 or 「建设期间」, which tell when."""
    found = phrases().action_at_head.match(text)
    if found is not None and re.match(r"(?:后|以后|之后|期间|完成后|到位后)", text[found.end():]):
        return None
    return found


@dataclass
class _Section:
    """Whether the walk is inside the part of the body that lists the asks."""

    open: bool = False
    announced: bool = False  # an intro has been seen: later "关于…" headings name asks

    def heading(self, text: str) -> None:
        intro = bool(phrases().intro.search(text))
        self.open = intro or (self.announced and text.startswith("关于"))
        self.announced |= intro


def find_asks(unit_list: list[Unit]) -> list[Ask]:
    p = phrases()
    asks: list[Ask] = []
    section = _Section()
    piece = 0
    described = False  # inside a numbered piece headed by a label of the plan ("一、改造范围。")
    for number, unit in enumerate(unit_list):
        piece += unit.enumerated
        if unit.enumerated:
            described = bool(unit.clauses) and bool(p.section_label.match(unit.clauses[0].text)) \
                and not MATTER_LABEL.match(unit.clauses[0].text)
        if unit.heading:
            section.heading(unit.text)
            continue
        if number + 1 < len(unit_list) and unit_list[number + 1].enumerated and _bare_cue(unit.text):
            section.open = section.announced = True  # 「恳请区政府」 right before 一是…二是…
            continue
        if is_closing(unit.text):
            continue
        if section.open and unit.enumerated and not described and _piece_label(unit):
            # 「现就两个事项请示如下：一、学校更名。…二、扩大招生规模。…」: each labelled piece is a matter asked
            label = _make_ask(unit.start, unit.end, unit.text.rstrip("。；;"), strong=True)
            label.label, label.piece, label.unit = True, piece, number
            asks.append(label)
            continue
        previous: Ask | None = None  # the last ask of this unit
        for index, clause in enumerate(unit.clauses):
            text = clause.text
            if described and previous is None and not _request_cue(text) and not is_closing(text):
                continue  # the plan described; once a clause asks, the rest of its sentence is read as usual
            if p.intro.search(text) or _is_list_header(text):
                section.open = section.announced = True
                continue
            if is_closing(text):
                if index:
                    _endorse(asks, unit)
                continue
            if is_past(text):
                continue
            if asks and p.funding_source.search(text) and not _request_cue(text):
                asks.append(Ask(clause.start, clause.end, detail=True))  # how the ask before is paid for
                continue
            before = unit.clauses[index - 1] if index else None
            if unit.enumerated and index == 0 and p.decision_at_head.match(text):
                section.open = True
            found = _ask_in_clause(clause, before, unit, index, section.open, previous)
            if found is None:
                if previous is not None:
                    asks.append(Ask(clause.start, clause.end, detail=True))
                continue
            if previous is not None and previous.reinforces and found[0].start == previous.start:
                asks.remove(previous)
            for ask in found:
                ask.piece, ask.unit = piece, number
            if len(unit.clauses) == 1 and all(ask.strong and not ask.core for ask in found):
                # "…拟将该中心命名为….。请批准设立。": a request naming no object of its own is for
                # the proposal of the sentence before
                for ask in asks:
                    if ask.unit == number - 1 and not ask.detail:
                        ask.strong = ask.endorsed = True
            asks.extend(found)
            previous = next((ask for ask in reversed(found) if not ask.detail), previous)
    return asks


def _endorse(asks: list[Ask], unit: Unit) -> None:
    """A closing formula inside a sentence ("…，请予批准。") asks for the proposals of that sentence
    when the sentence has no explicit ask of its own."""
    own = [ask for ask in asks if ask.start >= unit.start and not ask.detail]
    if not any(ask.strong for ask in own):
        for ask in own:
            ask.strong = True


def _piece_label(unit: Unit) -> bool:
    """A numbered piece's short label naming an action: one clause, no sentence of its own
    (「学校更名。」, 「关于举办冰雪文化节。」, 「调整北山、东风两个社区的管辖范围。」)."""
    text = unit.text.rstrip("。；;")
    return len(unit.clauses) == 1 and len(text) <= PIECE_LABEL_MAX and not re.search(r"[，,：:]", text) \
        and not is_closing(text) and phrases().action.search(text) is not None


def _bare_cue(text: str) -> bool:
    """A request cue and its addressee with nothing asked yet: 「为此，恳请区政府」."""
    cue = _request_cue(text)
    if cue is None or len(text) > BARE_CUE_MAX or CLAUSE_BREAK.search(text, cue.end()):
        return False
    rest = text[cue.end():]
    return not _core(rest) and _category(rest) is None


def _is_list_header(text: str) -> bool:
    """"恳请区政府：" / "我局建议：" before a list of asks: a cue with nothing after it but a colon."""
    if not text.endswith(("：", ":")):
        return False
    cue = _request_cue(text)
    return cue is not None and not _core(text[cue.end():]) and _category(text[cue.end():]) is None


def _ask_in_clause(clause: Clause, before: Clause | None, unit: Unit, index: int, in_section: bool,
                   previous: Ask | None) -> list[Ask] | None:
    p = phrases()
    text = clause.text
    if p.detail.match(text) or (index == 0 and p.label_detail.match(text) and not _request_cue(text)):
        return [Ask(clause.start, clause.end, detail=True)] if previous is not None or in_section else None
    cue = _request_cue(text)
    if cue is not None:
        obj_start = cue.end()
        if not _core(text[obj_start:]) and _category(text[obj_start:]) is None and before is not None \
                and not _request_cue(before.text) and not p.intro.search(before.text):
            return _asks_for(before.start, clause.end, before.text + text[obj_start:], strong=True)
        return _asks_for(clause.start, clause.end, text[obj_start:], strong=True)
    listed = in_section and index == 0  # the head of a piece in the request section
    plan = p.plan.search(text)
    if plan is not None and not is_past(text[: plan.start()]):
        return _asks_for(clause.start, clause.end, text[plan.start() + 1:], strong=listed)
    opened = p.plan_cue.search(before.text) if before is not None else None
    if opened is not None and PLAN_WHEN.fullmatch(before.text, opened.end()) and p.action.search(text) \
            and not is_past(before.text):
        # 「我校拟自2025年秋季学期起，七年级招生由8个班增加到10个班」: the plan's action in the next clause
        return _asks_for(before.start, clause.end, before.text[opened.end():] + text, strong=False)
    if p.finance.search(text):
        return _asks_for(clause.start, clause.end, text, strong=listed)
    if not _head_action(text):
        if in_section and unit.enumerated and index == 0 and AMOUNT.search(text):
            return _asks_for(clause.start, clause.end, text, strong=True)
        return None
    if previous is not None and p.connector_head.match(text):
        joined = _asks_for(clause.start, clause.end, text, strong=previous.strong)
        for ask in joined:
            # "增加教师编制9名，并于秋季学期前完成招聘": more of the same kind is the same matter; so is
            # what we will do next in our own plan ("拟从预算中调剂解决上述资金，并在暑假期间完成采购")
            ask.refers_back = ask.refers_back or ask.category == previous.category or not previous.strong
        return joined
    if previous is not None and previous.reinforces:
        # "恳请区政府协调区委编办，为我镇执法队增加编制3名": the help asked for is this ask
        return _asks_for(previous.start, clause.end, text, strong=previous.strong)
    if listed:
        return _asks_for(clause.start, clause.end, text, strong=True)
    return None


def _asks_for(start: int, end: int, obj: str, strong: bool) -> list[Ask]:
    """One ask per object; "A资金60万元和B资金90万元" holds two, each with its own span
    (``obj`` ends where the clause ends)."""
    parts = _split_amounts(obj)
    if len(parts) == 1:
        return [_make_ask(start, end, obj, strong)]
    obj_start = end - len(obj)
    asks = []
    for index, (offset, part) in enumerate(parts):
        part_start = start if index == 0 else obj_start + offset
        asks.append(_make_ask(part_start, obj_start + offset + len(part), part, strong))
    return asks


def _split_amounts(obj: str) -> list[tuple[int, str]]:
    """(offset, text) of each object; several only when every one has its own amount."""
    if len(AMOUNT.findall(obj)) < 2:
        return [(0, obj)]
    parts, begin = [], 0
    for joint in re.finditer(r"(?<=元)(?:和|及|以及|、|与)", obj):
        parts.append((begin, obj[begin:joint.start()]))
        begin = joint.end()
    parts.append((begin, obj[begin:]))
    return parts if all(AMOUNT.search(part) for _, part in parts) else [(0, obj)]


def _make_ask(start: int, end: int, obj: str, strong: bool) -> Ask:
    p = phrases()
    purpose = re.search(r"(?:专项)?用于", obj)
    core = _core(obj[purpose.end():]) if purpose else _core(obj)
    category = _category(obj)
    head = _head(obj)
    support = p.support.match(head)
    pointed = DEMONSTRATIVE.search(obj)
    return Ask(start, end, strong=strong, category=category, core=core,
               refers_back=not core or bool(p.anaphora.search(obj[: purpose.start()] if purpose else obj)),
               demonstrative=pointed.group("noun") if pointed else "",
               # "协调区委编办" adds nothing; "协调有关部门为二中增加编制" asks for the 编制
               reinforces=support is not None and not p.action.search(p.help_words.sub("", head[support.end():]))
               and not DISPOSAL.search(head[support.end():]))


def _head(obj: str) -> str:
    """The object from its verb on, without joining words and addressee ("并协调…" -> "协调…")."""
    p = phrases()
    joining = p.connector_head.match(obj)
    text = p.parties.sub("", obj[joining.end():] if joining else obj)
    return re.sub(r"^(?:予以|给予|尽快|及时|[，,。：:；;、\s])+", "", text)


def _category(obj: str) -> str | None:
    for name, pattern in phrases().categories:
        if pattern.search(obj):
            return name
    return None


def _core(obj: str) -> str:
    text = obj
    for pattern in phrases().strip:
        text = pattern.sub("", text)
    return text


# --- matters ------------------------------------------------------------------------------------

@dataclass
class Matter:
    asks: list[Ask] = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        """The category of the ask that opened the matter."""
        return next((ask.category for ask in self.asks if not ask.detail), None)

    @property
    def cores(self) -> list[str]:
        return [ask.core for ask in self.asks if ask.core and not ask.detail]

    @property
    def money_only(self) -> bool:
        main = [ask for ask in self.asks if not ask.detail]
        return bool(main) and all(ask.category == "fund" and not ask.core for ask in main)

    @property
    def reinforcing_only(self) -> bool:
        return all(ask.reinforces or ask.detail for ask in self.asks)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def same_object(a: str, b: str) -> bool:
    """Two cores name one object when one contains the other, or their character bigrams mostly
    coincide (Dice ≥ 0.5), or nearly all of the shorter one's bigrams are in the longer one.

    Dice rather than the overlap alone: a long core ("南山路街道翠峰苑小区配套公建用房内…服务站")
    shares a few common bigrams (服务, 配套) with almost anything."""
    if not a or not b:
        return False
    if (a in b and len(a) >= 2) or (b in a and len(b) >= 2):
        return True
    grams_a, grams_b = _bigrams(a), _bigrams(b)
    if not grams_a or not grams_b:
        return False
    shared = len(grams_a & grams_b)
    return (2 * shared / (len(grams_a) + len(grams_b)) >= 0.5
            or shared / min(len(grams_a), len(grams_b)) >= 0.8)


def _compatible(category: str | None, matter: Matter) -> bool:
    """Whether an ask of this category may join the matter: a staffing (or personnel) ask only
    joins a matter of its own kind, and nothing else joins such a matter."""
    exclusive = phrases().exclusive
    kind = matter.kind
    if category in exclusive or kind in exclusive:
        return category == kind
    return True


def group_asks(asks: list[Ask], text: str = "", turns: list[tuple[int, int]] = ()) -> list[Matter]:
    """Asks grouped into matters (module docstring, step 3); the same sum asked twice (「剩余1280万元拟
    申请区级财政安排」, 「恳请区政府…安排…资金1280万元」) is one matter; nothing folds forward into a
    paragraph that turns to another matter (``turns``)."""
    matters: list[Matter] = []
    labelled: dict[int, Matter] = {}  # piece -> the matter holding its label
    sums = {id(ask): set(AMOUNT.findall(text[ask.start:ask.end])) if text else set() for ask in asks}
    for ask in asks:
        home = _matter_for(ask, matters, labelled, sums, text)
        if home is None:
            if not matters and ask.detail:
                continue  # a detail with nothing before it to detail
            home = Matter([])
            matters.append(home)
        home.asks.append(ask)
        if ask.label:
            labelled.setdefault(ask.piece, home)
    return _fold_forward(matters, turns)


def _matter_for(ask: Ask, matters: list[Matter], labelled: dict[int, Matter], sums: dict[int, set[str]],
                text: str) -> Matter | None:
    """The matter an ask joins, or None when it opens one."""
    if not matters:
        return None
    last = matters[-1]
    if ask.piece in labelled and not ask.label:
        return labelled[ask.piece]  # an ask inside a labelled piece is that piece's matter
    if ask.detail or ask.reinforces or (ask.refers_back and _compatible(ask.category, last)
                                        and not _opens_own_piece(ask, last)
                                        and not _points_at_newly_named(ask, last, text)):
        return last
    return next((matter for matter in matters
                 if _compatible(ask.category, matter)
                 and (any(same_object(ask.core, core) for core in matter.cores)
                      or any(sums[id(ask)] & sums[id(member)] for member in matter.asks))), None)


def _points_at_newly_named(ask: Ask, matter: Matter, text: str) -> bool:
    """「另外，我局下属区农业技术推广中心…。恳请区政府同意该中心购置…」: 该中心 points at what a sentence
    after the matter before named, not at that matter."""
    if not ask.demonstrative or not text:
        return False
    gap_start = max(member.end for member in matter.asks)
    gap = text[gap_start:ask.start]
    if not re.search(f"[{SENTENCE_END}]", gap):
        return False
    return any(NAMING_BEFORE.search(gap[:found.start()])
               for found in re.finditer(re.escape(ask.demonstrative), gap))


def _opens_own_piece(ask: Ask, matter: Matter) -> bool:
    """An ask with an object of its own in a later enumerated piece, after sentences that ask nothing
    ("二、关于增设临时停车场。近年来…。经排查，…地块…。请批准利用上述两处地块增设临时停车场"), refers to
    what its own piece told ("上述两处地块"), not to the matter of the piece before, unless it is more
    of the same kind."""
    last = matter.asks[-1]
    return bool(ask.core) and ask.piece > last.piece and ask.unit - last.unit > 1 and ask.category != matter.kind


def _fold_forward(matters: list[Matter], turns: list[tuple[int, int]] = ()) -> list[Matter]:
    """A matter that names nothing (only money, or only "给予支持") belongs to the matter after it,
    unless that one opens a paragraph turning to another matter (「同时，…拟将上述公厕移交…」)."""
    folded: list[Matter] = []
    for index, matter in enumerate(matters):
        following = matters[index + 1] if index + 1 < len(matters) else None
        turned = following is not None and any(
            start <= min(ask.start for ask in following.asks) < end and max(ask.end for ask in matter.asks) <= start
            for start, end in turns)
        if following is not None and not turned and (matter.reinforcing_only or (
                matter.money_only and _compatible("fund", following))):
            following.asks[:0] = matter.asks
            continue
        folded.append(matter)
    return folded


# --- items --------------------------------------------------------------------------------------

def _principal(matter: Matter) -> Ask:
    """The ask that names the matter best: an explicit request with its own object, else any ask
    with an object, else the first."""
    main = [ask for ask in matter.asks if not ask.detail]
    for wanted in (lambda a: a.strong and a.core and not (a.refers_back or a.reinforces),
                   lambda a: a.endorsed and a.core,
                   lambda a: a.core and not (a.refers_back or a.reinforces),
                   lambda a: a.strong, lambda a: True):
        chosen = next((ask for ask in main if wanted(ask)), None)
        if chosen is not None:
            return chosen
    return matter.asks[0]


def _span(matter: Matter, text: str) -> tuple[int, int]:
    """The principal ask, widened over the matter's asks and details that touch it."""
    members = sorted(matter.asks, key=lambda ask: ask.start)
    principal = _principal(matter)
    start, end = principal.start, principal.end
    at = members.index(principal)
    for ask in reversed(members[:at]):
        if ask.end < start and _meaningful(text[ask.end:start]):
            break
        start = min(start, ask.start)
    for ask in members[at + 1:]:
        if ask.start > end and _meaningful(text[end:ask.start]):
            break
        end = max(end, ask.end)
    joining = phrases().connector_head.match(text, start, end)
    if joining and joining.end() < end:
        start = joining.end()
    return start, _strip_end(text, start, end)


def _meaningful(gap: str) -> bool:
    return bool(re.sub(r"[\s，,。；;：:、！？!?]", "", ENUMERATION.sub("", gap)))


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in "，,。；;：:、"):
        end -= 1
    return end


TURN = re.compile(r"^\s*(?:另|另外|此外|同时|另有一事|还有一事)[，,：:]")
# 「请区政府一并批准追加招商推介会经费」: asked along with the matter before, so it is another one
ALSO_ASKED = re.compile(r"一并(?:批准|审批|请示|恳请|申请|予以|解决)|(?:请|恳请)[^，。；]{0,8}一并")


def _turns(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The paragraphs that turn to another matter (「另，今年5月…恳请市政府安排救灾资金」), and the
    clauses that ask for something along with it (「…，请区政府一并批准追加…经费。」)."""
    found, position = [], start
    for line in _unwrapped_lines(text[start:end]):
        if TURN.match(line):
            found.append((position, position + len(line)))
        position += len(line) + 1
    for also in ALSO_ASKED.finditer(text, start, end):
        sentence_start = max((text.rfind(stop, start, also.start()) for stop in SENTENCE_END + "，,\n"), default=-1) + 1
        stops = [found_at for stop in SENTENCE_END + "\n" if (found_at := text.find(stop, also.end(), end)) >= 0]
        found.append((max(sentence_start, start), min(stops, default=end)))
    return sorted(found)


def _explicit_where_asked(matters: list[Matter], turns: list[tuple[int, int]]) -> list[Matter]:
    """Our plans (拟…) only show what an explicit request is about and are no matter of their own,
    where the body asks explicitly. Unless the only explicit requests are made in paragraphs that
    turn to another matter (另，…恳请…): then a plan before them, with an object of its own, is the
    matter the closing formula (妥否，请批示) asks about."""
    def strong(matter: Matter) -> bool:
        return any(ask.strong for ask in matter.asks)

    def first(matter: Matter) -> int:
        return min(ask.start for ask in matter.asks)

    explicit = [matter for matter in matters if strong(matter)]
    if not explicit:
        return matters
    if not turns or not all(any(s <= first(matter) < e for s, e in turns) for matter in explicit):
        return explicit
    kept = []
    for matter in matters:
        if strong(matter) or (matter.cores and first(matter) < turns[0][0] and not any(
                same_object(a, b) for other in explicit for a in other.cores for b in matter.cores)):
            kept.append(matter)
    return kept


def _fallback(unit_list: list[Unit]) -> list[Unit]:
    """The sentence that asks, when no ask could be told apart from the rest (never one that tells
    what was done: 「方案已经局党组会议研究通过」)."""
    p = phrases()
    candidates = [unit for unit in unit_list
                  if not (unit.heading or is_closing(unit.text) or p.intro.search(unit.text) or is_past(unit.text))]
    cued = [unit for unit in candidates if _request_cue(unit.text)]
    if cued:
        return [cued[-1]]
    for index, unit in enumerate(unit_list):
        if index and is_closing(unit.text) and unit_list[index - 1] in candidates:
            return [unit_list[index - 1]]
    return []


def request_items(doc: Document) -> tuple[RequestItem, ...]:
    """The distinct matters asked for in the body of ``doc``, in order of first mention, each with
    the matter as the title names it where the title names it (``title_matters``)."""
    start, end = body_range(doc)
    unit_list = units(doc.text, start, end, whole_text=doc.structure.span("body") is None)
    turns = _turns(doc.text, start, end)
    matters = _explicit_where_asked(group_asks(find_asks(unit_list), doc.text, turns), turns)
    if matters:
        spans = sorted(_span(matter, doc.text) for matter in matters)
    else:
        spans = [(unit.start, _strip_end(doc.text, unit.start, unit.end)) for unit in _fallback(unit_list)]
    spans = [(s, e) for s, e in spans if e > s]
    named = title_matters(doc)
    if not spans and len(named) == 1 and any(is_closing(unit.text) for unit in unit_list):
        # 「关于《…方案》的请示」 whose body only presents the plan and closes with 妥否，请批示:
        # the title names what is asked for
        title_start, title_end, matter = named[0]
        return (RequestItem(doc.text[title_start:title_end], title_start, title_end, matter),)
    texts = [_unwrapped(doc.text, s, e) for s, e in spans]
    whole = title_matter(doc)
    subjects = _subjects(named, texts, whole[2] if whole else None)
    return tuple(RequestItem(text, s, e, subject) for (s, e), text, subject in zip(spans, texts, subjects))


def _unwrapped(text: str, start: int, end: int) -> str:
    """text[start:end] without the hard breaks that only wrap a line (text pasted from a PDF), a
    table's cells parted by a space."""
    return "".join(" " if char == "\t" else char for position, char in enumerate(text[start:end], start)
                   if char != "\n" or not is_wrap(text, position))


TITLE_MATTER = re.compile(r"关于(?P<matter>.+?)的(?:请示|请示报告|报告|申请)$")
TITLE_MATTER_JOINS = re.compile(r"(?:并|以及|及|和|、)(?=[^》]*(?:《|$))")  # not inside a cited 《title》


def title_matter(doc: Document) -> tuple[int, int, str] | None:
    """(start, end, matter) of what the title asks about: 「区教育局关于增设学校并追加经费的请示」 ->
    「增设学校并追加经费」; the span is the title's."""
    spans = doc.structure.elements.get("title", ())
    if not spans:
        return None
    start, end = spans[0].start, spans[-1].end
    found = TITLE_MATTER.search(re.sub(r"\s+", "", doc.text[start:end]).rstrip("。."))
    return (start, end, found.group("matter")) if found else None


def title_matters(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, matter) for each matter the title names: 「区教育局关于增设学校并追加经费的请示」 ->
    「增设学校」, 「追加经费」; the span is the title's."""
    whole = title_matter(doc)
    if whole is None:
        return []
    start, end, matter = whole
    return [(start, end, part) for part in TITLE_MATTER_JOINS.split(matter) if len(part) >= 2]


def _subjects(named: list[tuple[int, int, str]], items: list[str], whole: str | None) -> list[str | None]:
    """The title's matter for each item: the whole matter for the one item of a 请示, and for several
    items the title's parts when it names as many, each to the item sharing most with it."""
    if len(items) == 1 and named:
        return [whole]
    if not items or len(named) != len(items):
        return [None] * len(items)
    subjects: list[str | None] = [None] * len(items)
    free = list(range(len(items)))
    for _, _, part in named:
        best = max(free, key=lambda index: len(_bigrams(part) & _bigrams(items[index])))
        subjects[best] = part
        free.remove(best)
    return subjects

"""Check ``countersign.missing``: the text gives another department a part, but it has not countersigned.

Which departments a 请示 gives a part (``assigned_departments``), sentence by sentence, on the body
element: the department names are found by ``extractors.knowledge.organs.find_departments`` (never
cut: 「阳泉市城区财政局」 whole; 「财政部门」 and 「财政局」 too), and a department is given a task when

- it is the agent of an action: 「由区财政局负责…」, 「请区财政局纳入预算」, 「会同区人社局」;
- an action follows it in its clause, possibly after a modal word: 「区财政局负责安排资金」,
  「区住建局要加强监管」, 「区人社局会同…」; in a list (「区住建局、区城管局等单位共同实施」) the action
  after the list counts for every member;
- it stands alone before the task, which comes in the next clause: 「区财政局：负责资金保障」.

A department merely mentioned is not given a task: inside or before a cited title (「区财政局《…》」),
after 根据/依据/按照/据 (「据区统计局提供的数据」), as the owner of something (「区统计局提供的数据显示」,
「区财政局安排的资金」), or with a past action (「区财政局已于去年拨付」, 「经区发改局批复」).

Each such department other than the issuer and the recipient (asking the 主送 is no task for a third
department; and other than the issuer's own units: 「街道城管办」 in a 街道办事处's 请示,
「局办公室」 in a 局's) needs a 会签 step in the approval record: the step's
organ, or through the roster the organ of the person who signed, names the same organ (compared
through ``OrganIndex``: 区财政局 = 阳泉市城区财政局 = 财政部门, with the roster's and the pack's
organ names). A joint issuer counts as countersigned for the tasks; a joint document of any 文种
itself needs a step by each co-issuer after the lead (``joint_issuers``). Where the pack accepts it (东安: 「书面征求相关
部门意见」), a sentence recording the consultation also counts. Documents without an approval record
are not checked: only the record can show a countersignature. When a 会签 step names neither an
organ nor a person the roster knows, the finding is a 疑似 warning (that step may be the department's).

Parameters:
  organs                department names of this jurisdiction (full names; abbreviations and generic
                        names in the text are matched to them); the roster's are always used
  action_pattern        regex of the actions that give a department a part
  exclude               departments never counted (the office that routes the document …)
  accept_consultation   a recorded written consultation counts as countersigning
  consultation_pattern  regex of such a record; ``{department}`` stands for the departments named
                        (any name of the department counts; regex braces need no doubling)
  countersign_roles     approval roles that count as countersigning
  doc_types             the document types checked (default 请示)
  department_drafts     also check a department's draft of a 规范性文件 (「…办法（征求意见稿）」 with
                        a 起草单位): a draft written for the government is agreed like a 请示
  joint_issuers         a joint document (any 文种) needs a step by each co-issuer after the lead
                        (条例第二十二条: 联合发文由所有联署机关的负责人会签)
  drafts_for_government also check what the government or its office issues but a department drafted
                        (代拟文稿: the record's 拟稿 step is the department's, which then needs no 会签 of
                        its own). Off by default: offices differ on whether the record of such a draft
                        shows the 会签 (of three blind writers, one expected it)
Message placeholders: {department}, {found} (the sentence part that involves it).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gongwen.extractors.knowledge.organs import Mention, OrganIndex, find_departments, generic_field, split_place
from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.params import Regex
from gongwen.validators.registry import check
from gongwen.validators.vocab import Role, issuer_kind, is_normative_draft, sentence_spans

CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")
# Words before a name that make the department the one who acts: 由区财政局…, 请区财政局…, 会同区人社局.
AGENT_BEFORE = re.compile(r"(?:由|请|交由|委托|责成|要求|商请|提请|会同|联合|配合|协同|协助|需要|需)$")
# Before a name: the department is a source, not a party (据区统计局…, 根据区住建局提供的数据).
# 「接受财政、审计部门监督」: the department oversees, it is given no task.
CITING_BEFORE = re.compile(r"(?:根据|依据|按照|依照|据|参照|接受)")
# After a name: a past action (已于去年拨付, 曾经批复) — a report, not a task.
PAST_AFTER = re.compile(r"^(?:已经?|业已|曾经?|先后|此前|前期|去年|上年|早在|于(?:\d{4}|去|上|今)年)")
# After a name: what it produced or owns (提供的数据, 安排的资金) — the department is no agent.
OWNER_AFTER = re.compile(r"^[^，。；,;]{0,8}?的(?![^，。；,;]{0,2}(?:负责|牵头))")
MODAL = r"(?:要|应|应当|须|需|需要|必须|将|负责(?!同志|人)|按|按照[^，。；]{0,10}?|及时|统一|具体|共同|另行|分别|主动|积极|做好|进一步)*"
# Before the agent word: the task was carried out already (已由区住建局…实施).
PAST_AGENT = re.compile(r"(?:已|已经|业已|曾|先后|此前)(?:由|经|会同|委托)$")
# After the department: it drew up a proposal together with us, a step of the process told, not a task.
NARRATED_PROPOSAL = re.compile(r"^[^，。；,;]{0,20}?(?:提出|拟定|起草|形成)(?:了)?[^，。；,;]{0,6}(?:方案|意见|建议|初稿)")
# 「2023年区市场监管局开展检查时，发现…」: a clause telling when something happened.
NARRATED_WHEN = re.compile(r"(?:时|期间|之际|过程中)$")
CONSULTED = r"[^。；]{2,40}?"  # the departments a consultation names, in the consultation pattern
TASK_GAP = r"[^，。；,;]{0,10}?"  # 要在6月底前足额拨付: when and how before the action
LIST_TAIL = re.compile(r"^(?:等|等有关|等相关)?(?:单位|部门)?")
# 「街道城管办」, 「局办公室」: a unit named after the issuer's own kind, without a place, is the issuer's.
OWN_UNIT = re.compile(r"^(?:我|本)?(?P<kind>街道|镇|乡|局|委|中心)(?=[\u4e00-\u9fff]{2})")


@dataclass(frozen=True)
class CountersignParams:
    organs: tuple[str, ...] = ()
    action_pattern: Regex = (r"负责(?!同志|人)|牵头|配合|协调|安排|拨付|审批|审核|核定|承担|落实|办理|会同|联合|组织|实施|统筹|"
                             r"保障|出资|监管|调配|划拨|核拨|提供|纳入|督促|指导|开展|完成|解决|筹措|协助|参与|制定|"
                             r"核查|验收|监督|管理|执法|查处|审查|清理|整治|建设|改造|招标")
    exclude: tuple[str, ...] = ("区人民政府办公室", "区政府办公室", "区政府办", "市人民政府办公室", "市政府办公室", "县人民政府办公室")
    accept_consultation: bool = False
    consultation_pattern: str = r"(?:书面征求|征求了?|征得)[^。；]{0,12}{department}[^。；]{0,6}(?:意见|同意)|与{department}[^。；]{0,8}(?:协商一致|达成一致)"
    countersign_roles: tuple[Role, ...] = ("会签",)
    doc_types: tuple[str, ...] = ("请示",)
    department_drafts: bool = True
    drafts_for_government: bool = False
    joint_issuers: bool = True

    def __post_init__(self) -> None:
        try:
            re.compile(self.consultation_pattern.replace("{department}", "区财政局"))
        except re.error as error:
            raise ValueError(f"consultation_pattern 无效（{error}）") from None


@check("countersign.missing", params=CountersignParams, placeholders=("department", "found"),
      reports_absence=True, rests_on=("approval", "issuer"))
def countersign_missing(ctx: RuleContext, params: CountersignParams) -> Iterator[Hit]:
    record = ctx.fields.approval
    if not record:
        return
    index = organ_index(ctx, params)
    if params.joint_issuers:
        yield from _unsigned_co_issuers(ctx, index)
    if not _applies(ctx, params):
        return
    body = ctx.scope("body")
    signed, unreadable = _countersigned(ctx, params)
    signed += [*ctx.fields.issuer, *ctx.fields.recipients, *_drafting_department(ctx, params)]
    excluded = list(params.exclude)
    reported: list[str] = []
    for mention, found_start, found_end in assigned_departments(body.text, index, params.action_pattern):
        name = mention.name
        if _is_government(name) or _own_unit(name, ctx.fields.issuer) or any(index.same(name, other) for other in (*signed, *excluded, *reported)):
            continue
        if generic_field(split_place(name, index.places)[1]) and mention.canonical == name:
            continue  # 「财政部门」 that no known organ answers to: which department is meant is unsure
        if params.accept_consultation and _consulted(ctx.doc.text, params.consultation_pattern, name, index):
            continue
        reported.append(name)
        yield Hit(body.start + mention.start, body.start + mention.end,
                  {"department": name, "found": body.text[found_start:found_end]}, uncertain=unreadable)


def _applies(ctx: RuleContext, params: CountersignParams) -> bool:
    """A 请示, or a department's draft of a 规范性文件 written for the government to issue."""
    if ctx.doc_type in params.doc_types or _drafting_department(ctx, params):
        return True
    return params.department_drafts and is_normative_draft(ctx.title, ctx.doc_type) \
        and any(issuer_kind(name) == "department" for name in ctx.fields.issuer)


def _unsigned_co_issuers(ctx: RuleContext, index: OrganIndex) -> Iterator[Hit]:
    """A joint document (any 文种) is countersigned by every co-issuer (条例第二十二条: 联合发文由所有联署机关的
    负责人会签): each issuer after the lead needs a step by its organ or by a person of it."""
    organs = [organ for step in ctx.fields.approval for organ in ctx.step_organs(step)]
    for name in ctx.fields.issuer[1:]:
        if not any(index.same(name, organ) for organ in organs):
            where = ctx.locate(name)
            yield Hit(where[0] if where else None, where[1] if where else None,
                      {"department": name, "found": f"{name}为联合发文机关"})


def _drafting_department(ctx: RuleContext, params: CountersignParams) -> list[str]:
    """The department that drafted what the government or its office issues (代拟文稿), if any."""
    if not params.drafts_for_government or not ctx.fields.issuer \
            or not all(issuer_kind(name) in ("government", "government_office") for name in ctx.fields.issuer):
        return []
    drafted = ctx.drafter_organ()
    return [drafted] if drafted and issuer_kind(drafted) == "department" else []


def _own_unit(name: str, issuers: tuple[str, ...]) -> bool:
    unit = OWN_UNIT.match(name)
    return unit is not None and any(unit["kind"] in issuer for issuer in issuers)


def organ_index(ctx: RuleContext, params: CountersignParams) -> OrganIndex:
    organs = [step.organ for step in ctx.fields.approval if step.organ]
    return OrganIndex.build(ctx.roster, extra=(*params.organs, *organs, *ctx.fields.issuer))


def assigned_departments(text: str, index: OrganIndex, action_pattern: str) -> Iterator[tuple[Mention, int, int]]:
    """The departments ``text`` gives a task to, each with the stretch that gives it (offsets in ``text``)."""
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        mentions = find_departments(sentence, index)
        for group in _lists(sentence, mentions):
            where = _assignment(sentence, group, action_pattern)
            if where is not None:
                for mention in group:
                    yield (Mention(start + mention.start, start + mention.end, mention.name, mention.canonical),
                           start + where[0], start + where[1])


def _lists(sentence: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions joined only by 、/和/与/及 form one list: the action after it is every member's."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        # 「公安城区分局交警大队」 (a unit of an organ) and 「区住建局、区城管局」 are one list
        if groups and re.fullmatch(r"[、和与及]?|以及", sentence[groups[-1][-1].end:mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _assignment(sentence: str, group: list[Mention], action_pattern: str) -> tuple[int, int] | None:
    """The stretch that gives the listed departments a task, or None when they are only mentioned."""
    first, last = group[0], group[-1]
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, first.start)), default=0)
    left = sentence[clause_start:first.start]
    tail = LIST_TAIL.match(sentence, last.end)
    after = tail.end() if tail else last.end
    clause_end = next((m.start() for m in CLAUSE_BREAK.finditer(sentence, after)), len(sentence))
    right = sentence[after:clause_end]
    if sentence.count("《", 0, first.start) > sentence.count("》", 0, first.start) or right.startswith("《"):
        return None
    if CITING_BEFORE.search(left) or PAST_AFTER.match(right) or re.search(r"(?:^|[^请])经$", left) \
            or NARRATED_WHEN.search(right):
        return None
    if NARRATED_PROPOSAL.match(right):
        return None
    if AGENT_BEFORE.search(left):
        if PAST_AGENT.search(left):
            return None  # 「已由区住建局统一招标实施」, 「区民政局会同区住建局提出初步方案」: what was done
        return clause_start, clause_end
    if OWNER_AFTER.match(right):
        return None
    if re.match(rf"{MODAL}{TASK_GAP}(?:{action_pattern})", right):
        return clause_start, clause_end
    if not left.strip() and not right.strip() and clause_end < len(sentence):
        # 「区财政局：负责资金保障」「区财政局，要在…前拨付」: the task comes in the next clause
        following_end = next((m.start() for m in CLAUSE_BREAK.finditer(sentence, clause_end + 1)), len(sentence))
        following = sentence[clause_end + 1:following_end].strip()
        if re.match(rf"{MODAL}{TASK_GAP}(?:{action_pattern})", following):
            return clause_start, following_end
    return None


def _is_government(name: str) -> bool:
    """A government, or a body outside it (人大常委会, 政协) that a 议案 is put to: no department to countersign."""
    return bool(re.search(r"(?:人民政府|政府|人大常委会?|人民代表大会(?:常务委员会)?|政协(?:委员会)?)$", name))


def _consulted(text: str, pattern: str, name: str, index: OrganIndex) -> bool:
    """A recorded consultation of the department, under any of its names (「已书面征求财政部门意见」
    for 「区财政局」; 「征求了区财政局、区住建局的意见」 for each)."""
    anyone = pattern.replace("{department}", CONSULTED)
    return any(index.same(name, consulted.name)
               for found in re.finditer(anyone, text) for consulted in find_departments(found.group(0), index))


def _countersigned(ctx: RuleContext, params: CountersignParams) -> tuple[list[str], bool]:
    """The organs that countersigned, and whether a 会签 step could not be told apart (no organ,
    and no person the roster knows)."""
    signed: list[str] = []
    unreadable = False
    for step in ctx.fields.approval:
        if step.role in params.countersign_roles:
            organs = ctx.step_organs(step)
            signed += organs
            unreadable |= not organs
    return signed, unreadable

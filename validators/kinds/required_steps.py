"""Kind ``required_steps``: the approval record must follow the pack's signing chain.

Parameters:
  chains          a list of chains; the first whose conditions match the document is used:
                    name               Chinese name of the case, e.g. 以区政府名义发文
                    issuer_kinds       government | government_office | department | party | other
                    doc_types          document types (empty: any)
                    exclude_doc_types  document types the chain does not cover (an office's own 请示
                                       to its government is no document issued in the office's name)
                    title_pattern      regex the title must match (e.g. 专题会议 for 专题会议纪要)
                    steps              the required steps, in order: {label, roles, posts?,
                                       in_charge?, final?, severity?}
                                       roles      roles that fulfil the step (审核, 审阅, 签发 …)
                                       posts      posts allowed to take it (empty: anyone)
                                       in_charge  the person must be a leader in charge of the
                                                  department the matter belongs to (roster
                                                  ``in_charge_of``): the drafting department, or,
                                                  when the government office drafted it, the
                                                  departments it is addressed to
                                       each_in_charge  every leader of an allowed post in charge of
                                                  a department whose matter the text decides
                                                  (a sentence with one of ``topic_cues`` names it:
                                                  会议听取了区教育局…的汇报, 由区住建局牵头) must
                                                  take the step (a 纪要's 会签 by each 分管副区长)
                                       chaired    the person must be the one the text says chaired
                                                  the meeting (a roster name before 主持:
                                                  「强卫平副市长主持召开专项会议」); not checked
                                                  where the text names no chair the roster knows
                                       organs     regex the step's organ must match (its own, or
                                                  through the roster the person's), or its opinion:
                                                  a legality review by the 司法局 (「司法|法制」)
                                       final      the step must be the last signing (签发/审签)
                    source             optional clause cited for this chain
  post_aliases    {written post: canonical post}, e.g. 负责常务工作的副区长: 常务副区长
  acting_marks    words in a step's opinion or post that record an acting or delegated signer
                  (代, 受委托 …); such a step is accepted in place of the required post
  signing_roles   the roles that count as signing (default 签发, 审签)
  topic_cues      words of a sentence that puts a department's matter before the meeting or
                  gives it the task (for ``each_in_charge``)
  check_dates     dates must not go backwards along the record; the final signing needs a full
                  date (with its year). Both hold for every record, even where no chain applies
Message placeholders: {detail} (what is wrong), {chain} (which chain was applied).
Documents without an approval record are not checked: the record, not the text, is evidence. Where no
chain applies, a record of a numbered (issued) document must still hold a signing step.
Steps are matched in order; where several steps carry a step's role, the first one by a person of
an allowed post is taken (东安: the office's 审核 before the 副区长's 审阅 is not the 分管 step).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from gongwen.extractors.knowledge.organs import OrganIndex, find_departments
from gongwen.pipeline.model import ApprovalStep
from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.params import Regex, SourceRef
from gongwen.validators.registry import kind
from gongwen.validators.vocab import IssuerKind, Role, issuer_kind, sentence_spans


@dataclass(frozen=True)
class StepSpec:
    label: str
    roles: tuple[Role, ...]
    posts: tuple[str, ...] = ()
    in_charge: bool = False
    each_in_charge: bool = False
    chaired: bool = False
    organs: Regex | None = None
    final: bool = False
    severity: Literal["error", "warning", "info"] | None = None


@dataclass(frozen=True)
class Chain:
    name: str
    steps: tuple[StepSpec, ...]
    issuer_kinds: tuple[IssuerKind, ...] = ()
    doc_types: tuple[str, ...] = ()
    exclude_doc_types: tuple[str, ...] = ()
    title_pattern: Regex | None = None
    source: SourceRef | None = None

    def __post_init__(self) -> None:
        if sum(step.final for step in self.steps) > 1:
            raise ValueError(f"签批链“{self.name}”只能有一个 final 环节")


@dataclass(frozen=True)
class RequiredStepsParams:
    chains: tuple[Chain, ...]  # ordered (the first that applies is used): an override replaces the list
    post_aliases: dict[str, str] = field(default_factory=dict)
    acting_marks: tuple[str, ...] = ("代", "受委托", "委托", "主持工作")
    signing_roles: tuple[Role, ...] = ("签发", "审签")
    check_dates: bool = True
    topic_cues: tuple[str, ...] = ("汇报", "牵头", "负责", "承办", "落实")


def _rests_on(params: RequiredStepsParams) -> tuple[str, ...]:
    """The record, and what chooses the chain it is held against."""
    return ("approval", "issuer",
            *(("doc_type",) if any(chain.doc_types for chain in params.chains) else ()),
            *(("title",) if any(chain.title_pattern for chain in params.chains) else ()))


@kind("required_steps", params=RequiredStepsParams, placeholders=("detail", "chain"),
      reports_absence=True, rests_on=_rests_on)
def required_steps(ctx: RuleContext, params: RequiredStepsParams) -> Iterator[Hit]:
    record = ctx.fields.approval
    if not record:
        return
    chain = next((c for c in params.chains if _applies(c, ctx)), None)
    source = chain.source.to_source() if chain is not None and chain.source else None
    posts = [_post(step, ctx, params) for step in record]
    organs = [_organ(step, ctx) for step in record]

    def hit(step: ApprovalStep | None, detail: str, spec: StepSpec | None = None, uncertain: bool = False) -> Hit:
        where = ctx.locate(step.name) if step is not None and ctx.doc.approval_source == "text" else None
        return Hit(where[0] if where else None, where[1] if where else None,
                   {"detail": detail, "chain": chain.name if chain is not None else "签发记录要素"},
                   uncertain=uncertain, severity=spec.severity if spec else None, source=source)

    if chain is None:
        # No local chain for this kind of document, but an issued document is still signed, and
        # every signing entry owes the national elements (条例第二十二条: 意见、姓名和完整日期).
        signings = [step for step in record if step.role in params.signing_roles]
        if not signings and ctx.fields.doc_number:
            yield hit(None, "签批记录中没有签发环节，已编发文字号的公文应经机关负责人签发")
        if params.check_dates:
            for step in signings:
                yield from _signing_date(step, step.role, hit)
            yield from _date_order(record, hit)
        return

    cursor = 0
    for spec in chain.steps:
        index = _find(record, spec, cursor, posts, organs, params)
        if index is None:
            earlier = _find(record, spec, 0, posts, organs, params)
            if earlier is not None and earlier < cursor:
                yield hit(record[earlier], f"“{spec.label}”环节顺序不对，应在“{_label_before(chain, spec)}”之后", spec)
            else:
                yield hit(None, f"缺少“{spec.label}”环节", spec)
            continue
        cursor = index + 1
        step, post = record[index], posts[index]
        if spec.posts and post is None and not _acting(step, params):
            # Without the post (no roster entry, none in the record) the chain cannot be verified.
            yield hit(step, f"“{spec.label}”环节记录为{step.name or '（未署名）'}，职务不明，无法核实是否为"
                            f"规定的{'、'.join(spec.posts[:4])}{'等' if len(spec.posts) > 4 else ''}；"
                            "人员名单中未找到此人，签批记录也未注明职务，请人工核实", spec, uncertain=True)
        elif spec.posts and post not in spec.posts and not _acting(step, params):
            who = f"{step.name or '（未署名）'}（{post}）"
            yield hit(step, f"“{spec.label}”环节记录为{who}，{_allowed(spec.posts)}", spec)
        elif spec.in_charge and ctx.roster is not None:
            departments = _topic_departments(ctx)
            in_charge = {name for department in departments for name in _in_charge_names(ctx, department)}
            if in_charge and step.name not in in_charge and not _acting(step, params):
                yield hit(step, f"“{spec.label}”由{step.name}办理，但{'、'.join(departments)}的分管领导是{'、'.join(sorted(in_charge))}", spec)
        if spec.chaired and ctx.roster is not None:
            chairs = _chairs(ctx)
            if chairs and step.name not in chairs and not _acting(step, params):
                yield hit(step, f"“{spec.label}”由{step.name}办理，但会议由{'、'.join(chairs)}主持", spec)
        if spec.each_in_charge and ctx.roster is not None:
            taken = {record[i].name for i in range(len(record)) if record[i].role in spec.roles}
            for leader, department in _leaders_of_topics(ctx, spec, params):
                if leader not in taken:
                    yield hit(None, f"“{spec.label}”缺少{leader}（{department}的分管领导）", spec)
        if spec.final:
            later = [s for s in record[index + 1:] if s.role in params.signing_roles]
            if later:
                yield hit(later[-1], f"“{spec.label}”之后又有{later[-1].role}（{later[-1].name or '未署名'}），签发应为最后环节", spec)
            if params.check_dates:
                yield from _signing_date(step, spec.label, hit, spec)
    if params.check_dates:
        yield from _date_order(record, hit)


def _applies(chain: Chain, ctx: RuleContext) -> bool:
    if (chain.doc_types and ctx.doc_type not in chain.doc_types) or ctx.doc_type in chain.exclude_doc_types:
        return False
    if chain.title_pattern and not re.search(chain.title_pattern, ctx.title or ""):
        return False
    return not chain.issuer_kinds or bool(set(ctx.issuer_kinds) & set(chain.issuer_kinds))


def _post(step: ApprovalStep, ctx: RuleContext, params: RequiredStepsParams) -> str | None:
    post = step.post
    if not post and step.name and ctx.roster is not None:
        post = ctx.roster.post_of(step.name)
    if post:
        post = post.replace("同志", "").strip()
        post = params.post_aliases.get(post, post)
    return post


def _organ(step: ApprovalStep, ctx: RuleContext) -> str:
    """What tells whose step it is: the step's organ, the person's organ in the roster, the opinion."""
    return " ".join(filter(None, (*ctx.step_organs(step), step.opinion)))


def _find(record: tuple[ApprovalStep, ...], spec: StepSpec, start: int,
          posts: list[str | None], organs: list[str], params: RequiredStepsParams) -> int | None:
    """The first step from ``start`` on with one of the spec's roles (by one of its organs, where it
    names them), preferring one whose post fits."""
    candidates = [i for i in range(start, len(record)) if record[i].role in spec.roles
                  and (spec.organs is None or re.search(spec.organs, organs[i]))]
    if spec.posts:
        fitting = [i for i in candidates if posts[i] in spec.posts or _acting(record[i], params)]
        if fitting:
            return fitting[0]
    return candidates[0] if candidates else None


def _allowed(posts: tuple[str, ...]) -> str:
    if len(posts) <= 4:
        return f"应由{'或'.join(posts)}办理"
    return "不是规定的签发职务（代行签发的，请在签批意见中注明“代签”或委托情况）"


def _label_before(chain: Chain, spec: StepSpec) -> str:
    index = chain.steps.index(spec)
    return chain.steps[index - 1].label if index else "前一环节"


def _acting(step: ApprovalStep, params: RequiredStepsParams) -> bool:
    marks = " ".join(filter(None, (step.opinion, step.post)))
    return any(mark in marks for mark in params.acting_marks)


CHAIRED = re.compile(r"[^，。；]{0,8}?(?:主持|召集)")


def _chairs(ctx: RuleContext) -> list[str]:
    """The roster's people the text names as chairing the meeting: 「强卫平副市长主持召开…」,
    「会议由强卫平同志主持」 (a name within a few characters before 主持/召集)."""
    text = ctx.doc.text
    found = []
    for name in ctx.roster.names():
        for match in re.finditer(re.escape(name), text):
            if CHAIRED.match(text, match.end()) and name not in found:
                found.append(name)
    return found


def _topic_departments(ctx: RuleContext) -> list[str]:
    """The departments whose matter this is: the drafting department; when the government or its
    office drafted the text (a 批复 to a department's 请示), the departments it is addressed to."""
    department = _drafting_department(ctx)
    if department is not None and issuer_kind(department) == "department":
        return [department]
    addressed = [name for name in ctx.recipients if issuer_kind(name) == "department"]
    return addressed or ([department] if department else [])


def _drafting_department(ctx: RuleContext) -> str | None:
    drafted = ctx.drafter_organ()
    if drafted:
        return drafted
    departments = [name for name, kind_ in zip(ctx.fields.issuer, ctx.issuer_kinds) if kind_ == "department"]
    return departments[0] if departments else None


def _leaders_of_topics(ctx: RuleContext, spec: StepSpec, params: RequiredStepsParams) -> list[tuple[str, str]]:
    """(leader, department) for each department a topic sentence names whose leader in charge holds
    one of the step's posts, in the order the text names them."""
    index = OrganIndex.build(ctx.roster, extra=ctx.fields.issuer)
    text = ctx.doc.text
    found: dict[str, str] = {}
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if not any(cue in sentence for cue in params.topic_cues):
            continue
        for mention in find_departments(sentence, index):
            for person in ctx.roster.in_charge_of(mention.canonical):
                post = params.post_aliases.get(person.post, person.post)
                if post in spec.posts:
                    found.setdefault(person.name, mention.name)
    return list(found.items())


def _in_charge_names(ctx: RuleContext, department: str) -> set[str]:
    found = ctx.roster.in_charge_of(department)
    if found is None:
        return set()
    if hasattr(found, "name"):
        return {found.name}
    return {person.name for person in found}


def _signing_date(step: ApprovalStep, label: str, hit, spec: StepSpec | None = None) -> Iterator[Hit]:
    if not step.date:
        yield hit(step, f"“{label}”未署日期（签发人应签署意见、姓名和完整日期）", spec)
    elif step.year_inferred:
        yield hit(step, f"“{label}”的日期未写年份（签发人应签署完整日期）", spec)


def _date_order(record: tuple[ApprovalStep, ...], hit) -> Iterator[Hit]:
    latest: ApprovalStep | None = None
    for step in record:
        if not step.date:
            continue
        if latest is not None and step.date < latest.date:
            yield hit(step, f"{step.role}（{step.name or '未署名'}，{step.date}）早于此前的{latest.role}（{latest.date}），签批日期顺序有误")
        else:
            latest = step

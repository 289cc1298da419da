"""Kind ``required_evidence``: a 规范性文件 draft must come with the record of a procedure step.

The 规范性文件 procedure rules (合法性审查, 公开征求意见, 政策解读) all ask the same question of a
draft submitted for deliberation or issue: is there evidence that the step was done? Evidence is
taken from three places, any one of which suffices:

  the approval record   a step whose organ or post (the step's own, or the roster's for the
                        person named) matches ``steps.organs`` (区司法局, 法制机构 …), or whose
                        opinion matches ``steps.opinions`` (「经合法性审查，未发现……」)
  the text              a sentence matching one of ``text`` and none of ``negations`` (the 起草说明
                        paragraph 「已经区司法局合法性审查」; 「尚未征求意见」 is no evidence)
  the accompanying files  a file in the draft's folder whose name holds one of ``companions`` and
                        names the draft or no document at all (``RuleContext.companions``: the
                        names ingest handed over, the folder is never read here):
                        「犬只管理办法-政策解读.docx」, 「合法性审查意见书.pdf」

Which documents: a 规范性文件 (``validators.vocab.is_normative``, the test regulation.creates-power
uses; ``normative_titles``, ``internal_titles``, ``normative_types`` override it) whose title carries
one of ``draft_marks`` in brackets (「（送审稿）」「（草案）」 …) or whose file name holds one
(「犬只管理办法-送审稿.docx」): the version submitted for review and decision.
A 「征求意见稿」 is the version published for comment, before review, and is not checked by default;
issued documents are not checked (their procedure lies behind them, in the file, not in the text).
``only_if_text`` restricts a rule to drafts whose text matches one of its regexes (东安: drafts
that concern enterprises); ``exemptions`` are regexes whose match exempts the draft (阳泉: 「依法
需要保密」).

Parameters: evidence_name (Chinese name of the missing record, for the message), steps {organs,
opinions, roles}, text, negations, companions, draft_marks, only_if_text, exemptions,
normative_titles, internal_titles, normative_types.
Message placeholders: {missing} (evidence_name), {title} (the draft's title without its mark),
{looked} (the places searched, in Chinese). The finding points at the title.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gongwen.pipeline.model import ApprovalStep
from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.params import Regex
from gongwen.validators.registry import kind
from gongwen.validators.vocab import (
    INTERNAL_TITLES, NORMATIVE_TITLES, NORMATIVE_TYPES, Role, is_normative, sentence_spans, strip_draft_suffix,
)


@dataclass(frozen=True)
class StepEvidence:
    organs: Regex | None = None
    opinions: Regex | None = None
    roles: tuple[Role, ...] = ()  # empty: a step of any role (drafting by the 法制机构 counts too)

    def __post_init__(self) -> None:
        if self.organs is None and self.opinions is None:
            raise ValueError("steps 须给出 organs 或 opinions")


@dataclass(frozen=True)
class RequiredEvidenceParams:
    evidence_name: str
    steps: StepEvidence | None = None
    text: tuple[Regex, ...] = ()
    negations: tuple[Regex, ...] = ()
    companions: tuple[str, ...] = ()
    draft_marks: Regex = r"送审稿|草案|代拟稿|讨论稿|审议稿|修订稿"
    only_if_text: tuple[Regex, ...] = ()
    exemptions: tuple[Regex, ...] = ()
    normative_titles: Regex = NORMATIVE_TITLES
    internal_titles: Regex = INTERNAL_TITLES
    normative_types: tuple[str, ...] = NORMATIVE_TYPES

    def __post_init__(self) -> None:
        if not (self.steps or self.text or self.companions):
            raise ValueError("steps、text、companions 至少须给出一项证据来源")
        if any(not keyword.strip() for keyword in self.companions):
            raise ValueError("companions 中的关键词不能为空")


@kind("required_evidence", params=RequiredEvidenceParams, placeholders=("missing", "title", "looked"),
      reports_absence=True, rests_on=("title",))
def required_evidence(ctx: RuleContext, params: RequiredEvidenceParams) -> Iterator[Hit]:
    if not _is_submitted_draft(ctx, params):
        return
    text = ctx.doc.text
    if params.only_if_text and not any(re.search(p, text) for p in params.only_if_text):
        return
    if any(re.search(p, text) for p in params.exemptions):
        return
    if params.steps and any(_step_shows(step, ctx, params.steps) for step in ctx.fields.approval):
        return
    if params.text and _text_shows(ctx, params):
        return
    if params.companions and ctx.companions(params.companions):
        return
    title = ctx.written_title
    yield Hit(
        title.start if title else None, title.end if title else None,
        {"missing": params.evidence_name, "title": strip_draft_suffix(ctx.title or Path(ctx.doc.raw.path).stem),
         "looked": _places(params)},
    )


def _is_submitted_draft(ctx: RuleContext, params: RequiredEvidenceParams) -> bool:
    if not is_normative(ctx.title, ctx.doc_type, titles=params.normative_titles,
                        internal=params.internal_titles, types=params.normative_types):
        return False
    in_title = rf"[（(【\[](?:{params.draft_marks})[）)】\]]"  # a bracketed mark: 「（送审稿）」
    return bool(re.search(in_title, ctx.title or "") or re.search(params.draft_marks, Path(ctx.doc.raw.path).stem))


def _step_shows(step: ApprovalStep, ctx: RuleContext, spec: StepEvidence) -> bool:
    if spec.roles and step.role not in spec.roles:
        return False
    if spec.opinions and step.opinion and re.search(spec.opinions, step.opinion):
        return True
    if spec.organs is None:
        return False
    person = ctx.roster.by_name(step.name) if step.name and ctx.roster is not None else None
    described = (step.organ, step.post, person.organ if person else None, person.post if person else None)
    return any(value and re.search(spec.organs, value) for value in described)


def _text_shows(ctx: RuleContext, params: RequiredEvidenceParams) -> bool:
    text = ctx.doc.text
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if any(re.search(p, sentence) for p in params.text) and not any(re.search(n, sentence) for n in params.negations):
            return True
    return False


def _places(params: RequiredEvidenceParams) -> str:
    places = []
    if params.steps:
        places.append("签批记录")
    if params.text:
        places.append("正文（含起草说明）")
    if params.companions:
        places.append("同一文件夹中的随附材料")
    return "、".join(places)

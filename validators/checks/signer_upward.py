"""Check ``request.signer-missing``: an upward document names its signer in the 版头, correctly.

GB/T 9704 7.2.6 and 条例第九条（六）: 「签发人」, a full-width colon, the name of the person who
actually signed. Three faults, each its own finding:

  missing   a formally issued (numbered) upward document with no 签发人 (an error; unless a
            ``text_fallback`` pattern finds one the extraction missed, so a missed reading is
            never a false alarm)
  mismatch  the 版头 names someone other than the signer of the approval record (an error,
            resting on the record as well as the 签发人)
  colon     「签发人:」 written with an ASCII colon (a warning)

Parameters:
  only_if_numbered  check only documents with a 发文字号 (an unnumbered draft has no 版头 yet)
  text_fallback     regexes; a match counts as a 签发人 the extraction missed
  signing_roles     the approval roles whose person is the actual signer
  ascii_colon       regex of the 签发人 label written with a half-width colon
Message placeholders: {detail} (what is wrong), {doc_type}.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.params import Regex
from gongwen.validators.registry import check
from gongwen.validators.vocab import Role


@dataclass(frozen=True)
class SignerUpwardParams:
    only_if_numbered: bool = True
    text_fallback: tuple[Regex, ...] = ()
    signing_roles: tuple[Role, ...] = ("签发", "审签")
    ascii_colon: Regex = r"签\s*发\s*人\s*:"


@check("request.signer-missing", params=SignerUpwardParams, placeholders=("detail", "doc_type"),
       reports_absence=True, rests_on=("signer", "doc_number"))
def signer_upward(ctx: RuleContext, params: SignerUpwardParams) -> Iterator[Hit]:
    if params.only_if_numbered and not ctx.fields.doc_number:
        return
    signers = ctx.fields.signer
    values = {"doc_type": ctx.doc_type or "公文"}
    if not signers:
        if not any(re.search(pattern, ctx.doc.text) for pattern in params.text_fallback):
            yield ctx.hit_at_field(ctx.fields.doc_number, values={
                **values, "detail": f"上行文应当标注签发人姓名，本{values['doc_type']}的版头未见“签发人：姓名”"})
        return
    colon = re.search(params.ascii_colon, ctx.doc.text)
    if colon:
        yield Hit(colon.start(), colon.end(), {**values, "detail": "“签发人”后应使用全角冒号“：”"},
                  severity="warning", rests_on=("signer",))
    actual = [step.name for step in ctx.fields.approval if step.role in params.signing_roles and step.name]
    if actual and not set(actual) & set(signers):
        yield ctx.hit_at_field(signers[0], values={
            **values, "detail": f"版头标注的签发人为{'、'.join(signers)}，签批记录中的签发人为{'、'.join(actual)}，"
                                "所标姓名应与实际签发人一致"}, rests_on=("signer", "approval"))

"""Check ``request.single-recipient``: a 请示 goes to one superior organ only (不得多头报文).

Uses ``Fields.recipients`` (the 主送 line split on 、，, ；). More than one recipient is a
violation; the suggestion keeps the first as 主送 and moves the others to 抄送.

A pack may apply the rule to other upward documents (东安, 「不得多头报文」: a 报告 too); for the
document types in ``warning_doc_types`` the finding is a warning (the source hedges or says it
only by implication).

Parameters:
  max_recipients     the number allowed (default 1)
  warning_doc_types  document types for which more recipients are a warning, not an error
Message placeholders: {count}, {recipients}.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.registry import check


@dataclass(frozen=True)
class SingleRecipientParams:
    max_recipients: int = 1
    warning_doc_types: tuple[str, ...] = ()


@check("request.single-recipient", params=SingleRecipientParams, placeholders=("count", "recipients"),
       rests_on=("recipients",))
def single_recipient(ctx: RuleContext, params: SingleRecipientParams) -> Iterator[Hit]:
    recipients = tuple(dict.fromkeys(r.strip() for r in ctx.fields.recipients if r.strip()))
    if len(recipients) <= params.max_recipients:
        return
    first = ctx.locate(recipients[0])
    last = ctx.locate(recipients[-1], first[0] if first else 0)
    start = first[0] if first else None
    end = last[1] if last and first else (first[1] if first else None)
    kept, copied = recipients[: params.max_recipients], recipients[params.max_recipients:]
    yield Hit(
        start, end, {"count": len(recipients), "recipients": "、".join(recipients)},
        suggestion=f"主送：{'、'.join(kept)}；抄送：{'、'.join(copied)}",
        severity="warning" if ctx.doc_type in params.warning_doc_types else None,
    )

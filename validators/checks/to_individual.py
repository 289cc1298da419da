"""Check ``request.to-individual``: a document is addressed to a leader personally, not to the organ.

A recipient is personal when it ends in a post or form of address (区长, 副市长, 书记, 主任,
同志, 领导 …: an organ's name never ends so), or when it begins with the name of a person in the
roster. The 主送 is the extracted one or, when extraction found none, the line ending in a colon
right under the title (「周某某区长：」 is easily taken for body text). Exceptions stated by the seeds (领导交办事项, directly reported secrets) are recognised
from the text and the 密级.

Parameters:
  personal_tail       regex a personal recipient ends with
  organ_tail          regex an organ's name ends with (such a recipient is never personal)
  exception_patterns  regexes; when the text matches one (e.g. 交办), nothing is reported
  secret_exception    none | any (any 密级 exempts: 阳泉) | top_secret (only 绝密: 东安, 咸阳)
Message placeholders: {found} (the recipient).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.params import Regex
from gongwen.validators.registry import check


@dataclass(frozen=True)
class ToIndividualParams:
    personal_tail: Regex = r"(?:长|书记|主任|秘书长|同志|领导|首长)$"
    organ_tail: Regex = r"(?:人民政府|政府|办公室|办公厅|局|委员会|委|厅|部|院|中心|所|站|会议)$"
    exception_patterns: tuple[Regex, ...] = (r"交办", r"批示要求")
    secret_exception: Literal["none", "any", "top_secret"] = "none"


@check("request.to-individual", params=ToIndividualParams, placeholders=("found",), rests_on=("recipients",))
def to_individual(ctx: RuleContext, params: ToIndividualParams) -> Iterator[Hit]:
    if any(re.search(p, ctx.doc.text) for p in params.exception_patterns) or _secret_exempt(ctx, params):
        return
    for recipient in ctx.recipients:
        name = recipient.strip().removeprefix("尊敬的")
        if re.search(params.organ_tail, name):
            continue
        if re.search(params.personal_tail, name) or _roster_person(ctx, name):
            line = ctx.recipient_line
            where = ctx.locate(recipient, line.start if line is not None and line.start is not None else 0)
            yield Hit(where[0] if where else None, where[1] if where else None, {"found": recipient})


def _roster_person(ctx: RuleContext, recipient: str) -> bool:
    if ctx.roster is None:
        return False
    return any(recipient.startswith(name) for name in _names(ctx.roster))


def _names(roster) -> tuple[str, ...]:
    return roster.names() if hasattr(roster, "names") else ()


def _secret_exempt(ctx: RuleContext, params: ToIndividualParams) -> bool:
    marking = ctx.fields.classification or ""
    if params.secret_exception == "any":
        return any(level in marking for level in ("绝密", "机密", "秘密"))
    if params.secret_exception == "top_secret":
        return "绝密" in marking
    return False

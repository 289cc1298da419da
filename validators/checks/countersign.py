"""Check ``countersign.missing``: the text gives another department a part, but it has not countersigned.

A department is involved when the body names it next to an action word (「由区财政局安排资金」,
「区住建局负责」, 「会同区公安分局」); in a list (「区住建局、区城管局等单位共同实施」) the action word
after the list counts for every member. A department merely cited is not involved: before a
document title (「区财政局《…》」) or after 根据/依据/按照 (「根据区住建局提供的数据」).
Each involved department other than the issuer needs a 会签 step in the approval record (matched
by organ, or through the roster by the signer's name), or must be a joint issuer. Where the pack
accepts it (东安: 「书面征求相关部门意见」), a sentence recording the consultation also counts.
Documents without an approval record are not checked: only the record can show a countersignature.

Parameters:
  department_pattern    regex of a department name
  action_pattern        regex of the action words that make a mention an involvement
  window                characters either side of the mention searched for an action word
  exclude               departments never counted (the office that routes the document …)
  accept_consultation   a recorded written consultation counts as countersigning
  consultation_pattern  regex of such a record; ``{department}`` stands for the department name
                        (replaced literally, so regex braces need no doubling)
  countersign_roles     approval roles that count as countersigning
Message placeholders: {department}, {found} (the sentence part that involves it).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.params import Regex
from gongwen.validators.registry import check
from gongwen.validators.vocab import Role

PLACE_PREFIX = re.compile(r"^.*?(?:市|县|区|旗)(?=[^市县区旗]{2,}$)")
# 「根据区住建局提供的数据」「按照区财政局要求」: the department is a source, not a party.
CITING = re.compile(r"(?:根据|依据|按照|依照|据)$")
# The rest of a list the department opens: 「、区城管局等单位」 (the action word follows the list).
LIST_TAIL = re.compile(r"(?:、[\u4e00-\u9fff]{2,16}?(?:大队|支队|分局|局|委员会|委|办公室|办|中心|站|所))*(?:等(?:单位|部门))?")


@dataclass(frozen=True)
class CountersignParams:
    department_pattern: Regex = r"(?<![社小园景校营片辖街])(?:区|市|县)[\u4e00-\u9fff]{1,10}?(?:分局|局|委员会|委|中心|办公室|办)"
    action_pattern: Regex = r"负责|牵头|配合|协调|安排|拨付|审批|审核|核定|承担|落实|办理|会同|联合|组织实施|共同实施|参与实施|统筹|保障|出资|监管|调配|划拨|核拨|提供"
    window: int = 10
    exclude: tuple[str, ...] = ("区人民政府办公室", "区政府办公室", "区政府办", "市人民政府办公室", "市政府办公室", "县人民政府办公室")
    accept_consultation: bool = False
    consultation_pattern: str = r"(?:书面征求|征求了?|征得)[^。；]{0,12}{department}[^。；]{0,6}(?:意见|同意)|与{department}[^。；]{0,8}(?:协商一致|达成一致)"
    countersign_roles: tuple[Role, ...] = ("会签",)

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
    body = ctx.scope("body")
    own = {_core(name) for name in ctx.fields.issuer}
    signed = _countersigned(ctx, params)
    excluded = {_core(name) for name in params.exclude}
    reported: set[str] = set()
    for match in re.finditer(params.department_pattern, body.text):
        department = match.group(0)
        core = _core(department)
        if core in own or core in excluded or core in reported or core in signed:
            continue
        left = body.text[max(0, match.start() - params.window): match.start()]
        left = re.split(r"[。；，,]", left)[-1]
        if _cited(body.text, match.start(), match.end()) or CITING.search(left):
            continue
        listed = LIST_TAIL.match(body.text, match.end())
        right_start = listed.end() if listed else match.end()
        right = body.text[right_start: right_start + params.window]
        right = re.split(r"[。；，,]", right)[0]
        if not re.search(params.action_pattern, left + "|" + right):
            continue
        if params.accept_consultation and re.search(
            params.consultation_pattern.replace("{department}", re.escape(department)), ctx.doc.text
        ):
            continue
        reported.add(core)
        quoted_left = left if re.search(params.action_pattern, left) else ""
        start = body.start + match.start() - len(quoted_left)
        end = body.start + right_start + len(right)
        yield Hit(body.start + match.start(), body.start + match.end(),
                  {"department": department, "found": ctx.doc.text[start:end]})


def _core(name: str) -> str:
    """「阳泉市城区财政局」 and 「区财政局」 name the same department: compare without the place."""
    name = "".join(name.split())
    return PLACE_PREFIX.sub("", name)


def _cited(text: str, start: int, end: int) -> bool:
    """The mention is inside or right before a cited document title (「区财政局《…》」)."""
    before = text[:start]
    inside = before.count("《") > before.count("》")
    return inside or text[end:end + 1] == "《"


def _countersigned(ctx: RuleContext, params: CountersignParams) -> set[str]:
    signed = set()
    for step in ctx.fields.approval:
        if step.role not in params.countersign_roles:
            continue
        if step.organ:
            signed.add(_core(step.organ))
        if step.name and ctx.roster is not None:
            person = ctx.roster.by_name(step.name)
            if person is not None:
                signed.add(_core(person.organ))
    for issuer in ctx.fields.issuer:
        signed.add(_core(issuer))
    return signed

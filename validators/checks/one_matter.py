"""Check ``request.one-matter``: a 请示 asks for one matter only (一文一事).

Uses ``Fields.request_items`` (one item per distinct matter; several reasons for one ask, or the
budget lines of one project, are one item). Two or more items are a violation; when the items
share a long common phrase (probably one project asked about twice), or when no 正文 was told apart
(the asks were read from the whole text, 版头 and 版记 included), it is reported as 疑似. With
one item or none, a title joining two asks (「关于增设…并追加…的请示」, 「关于维修…及增加…的请示」)
is reported as 疑似, unless the one ask read from the body takes in both parts and ties the second to
the first (「批准实施《方案》，并按方案测算安排资金」: the body shows them as one matter). 「及」 joins two asks only when an ask verb follows it directly: 「扩建及设备
购置资金」 joins two budget lines of one project and is left alone.

Parameters:
  related_overlap  length of a shared phrase that makes two items look like one matter (default 6)
  title_joiners    regex splitting a title into two parts at a joining word (并, 同时, 暨, 以及,
                   及 before a verb)
  ask_verbs        regex of request verbs; both parts of a joined title must contain one
  refers_back      regex of words tying the second ask to the first (按方案, 该项目, 所需资金)
Message placeholders: {count}, {items} (the items, quoted and joined).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.params import Regex
from gongwen.validators.registry import check
from gongwen.validators.vocab import strip_draft_suffix


@dataclass(frozen=True)
class OneMatterParams:
    related_overlap: int = 6
    title_joiners: Regex = (r"^(?:.*?关于)?(?P<first>.{2,}?)(?:并|同时|暨|以及|及(?=申请|增设|新建|新增|追加|拨付|设立|"
                            r"设置|撤销|调整|购置|延长|变更|启动|招聘|增加|核增|维修))(?P<second>.{2,})的请示$")
    refers_back: Regex = r"按(?:照)?(?:该|上述|此|本)?(?:方案|计划|规划)|(?:该|上述|此)(?:方案|计划|项目|工程)|所需(?:资金|经费)"
    ask_verbs: Regex = r"申请|增设|新建|新增|改建|扩建|修建|维修|追加|拨付|批准|审批|设立|设置|撤销|调整|安排|购置|购买|建设|实施|延长|补助|解决|核定|核增|变更|启动|招聘|增加"


@check("request.one-matter", params=OneMatterParams, placeholders=("count", "items"),
       rests_on=("request_items",))
def one_matter(ctx: RuleContext, params: OneMatterParams) -> Iterator[Hit]:
    items = ctx.fields.request_items
    if len(items) > 1:
        quoted = "；".join(f"“{item.text}”" for item in items)
        related = any(
            _overlap(a.text, b.text) >= params.related_overlap
            for i, a in enumerate(items) for b in items[i + 1:]
        )
        no_body = ctx.doc.structure.span("body") is None
        yield Hit(items[1].start, items[1].end, {"count": len(items), "items": quoted}, uncertain=related or no_body)
        return
    title = strip_draft_suffix(ctx.title or "")
    match = re.search(params.title_joiners, title)
    if match and all(re.search(params.ask_verbs, match.group(part)) for part in ("first", "second")) \
            and not (len(items) == 1 and re.search(params.refers_back, items[0].text)
                     and all(_covers(items[0].text, match.group(part)) for part in ("first", "second"))):
        items_text = f"“{match.group('first')}”；“{match.group('second')}”"
        yield ctx.hit_at_field(ctx.title, values={"count": 2, "items": items_text}, uncertain=True,
                               rests_on=("title",))


def _covers(item: str, part: str) -> bool:
    """Whether the one ask read from the body takes in this part of the title (most of its
    character pairs): the body then shows the two as one matter (「批准实施方案，并按方案安排资金」)."""
    pairs = {part[i:i + 2] for i in range(len(part) - 1)}
    return bool(pairs) and len(pairs & {item[i:i + 2] for i in range(len(item) - 1)}) / len(pairs) >= 0.5


def _overlap(a: str, b: str) -> int:
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size

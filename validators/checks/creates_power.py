"""Check ``regulation.creates-power``: a 规范性文件 draft sets a licence, a penalty or a coercive measure.

《阳泉市城区人民政府工作规则》第二十一条: 「规范性文件不得设定行政许可、行政处罚、行政强制等事项」.

Which documents (``validators.vocab.is_normative``, shared with the 规范性文件 procedure rules):
a document is treated as a 规范性文件 (or its draft) when its title (after removing
a 「（征求意见稿）」「（草案）」 mark) ends in one of ``normative_titles`` (办法, 规定, 细则, 实施意见 …,
optionally 「（试行）」), or is an 印发 notice carrying one, or when its 文种 is one of
``normative_types`` (a 通告 sets rules the public must obey), and it is not an internal work rule
(``internal_titles``: 工作规则, 议事规则, 会议制度 …). 请示, 报告, 纪要 and meeting materials
are excluded in the pack's ``applies_to``. Everything after the title is read: an 印发 notice
carries the issued 办法 after its own signature.

What is reported, sentence by sentence: a sentence that sets its own licence (「须经区市场监管局
审批」), penalty (「处500元以上2000元以下罚款」) or coercive measure (「查封、扣押」「暂扣」). A sentence
that refers to a superior law (「依照《……法》有关规定处理」) or to measures 「依法」 taken by the
competent authority sets nothing and stays clean. When the document states it is made under named
superior laws (``basis``: 「根据《中华人民共和国电信条例》……制定本规定」), a licence, penalty or
measure it mentions may be restated from them: such hits are reported as 疑似.

Parameters: normative_titles, internal_titles, licence, penalty, coercion (regexes), citation
(regex of a reference to existing law), normative_types, basis. Message placeholders: {found}, {power}.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gongwen.validators.context import Hit, RuleContext
from gongwen.validators.params import Regex
from gongwen.validators.registry import check
from gongwen.validators.vocab import (
    INTERNAL_TITLES, NORMATIVE_TITLES, NORMATIVE_TYPES, is_normative, sentence_spans,
)


@dataclass(frozen=True)
class CreatesPowerParams:
    normative_titles: Regex = NORMATIVE_TITLES
    internal_titles: Regex = INTERNAL_TITLES
    licence: Regex = r"(?:须|需|应当|必须|应)(?:先)?(?:经|报|取得|办理)[^。；，]{0,14}(?:许可|审批|批准|核准|准予)|未经[^。；，]{0,14}(?:许可|审批|批准|核准)[^。；]{0,6}(?:不得|禁止)|(?:取得|办理|领取|持有)[^。；]{0,30}?(?:证|证书|执照|许可|批准文件|登记|备案)[》」”]?[^。；，]{0,4}?后?(?:方可|才能|方能|始得|方准)|未(?:取得|办理|领取)[^。；]{0,30}?(?:证|证书|执照|许可|登记|备案)[》」”]?[^。；]{0,6}?(?:不得|禁止)"
    penalty: Regex = r"(?:处以?|并处|给予)[^。；]{0,16}?(?:罚款|警告|罚金)|没收[^。；]{0,10}(?:违法所得|非法财物|工具|物品)|吊销[^。；]{0,8}(?:许可证|执照)|责令停(?:产|业)|行政拘留"
    coercion: Regex = r"查封|扣押|暂扣|冻结(?:存款|汇款|账户|资金|财产)|强制(?:拆除|执行|清除|搬迁|隔离)"
    citation: Regex = r"(?:依照|依据|按照|根据|适用)[^。；]{0,20}《[^》]+(?:法|条例|规定|办法)》|依法(?:予以)?(?:处理|处罚|查处|追究)"
    normative_types: tuple[str, ...] = NORMATIVE_TYPES
    basis: Regex = r"根据《[^》]+》[^。]{0,120}?制定本(?:办法|规定|细则|规范|措施|意见|通告)"


@check("regulation.creates-power", params=CreatesPowerParams, placeholders=("found", "power"),
       rests_on=("title", "doc_type"))
def creates_power(ctx: RuleContext, params: CreatesPowerParams) -> Iterator[Hit]:
    if not is_normative(ctx.title, ctx.doc_type, titles=params.normative_titles,
                        internal=params.internal_titles, types=params.normative_types):
        return
    scope = ctx.after_title()
    restated = bool(re.search(params.basis, scope.text))
    powers = (("行政许可", params.licence), ("行政处罚", params.penalty), ("行政强制", params.coercion))
    for start, end in sentence_spans(scope.text, scope.start):
        sentence = ctx.doc.text[start:end]
        if re.search(params.citation, sentence):
            continue
        for power, pattern in powers:
            match = re.search(pattern, sentence)
            if match:
                yield Hit(start + match.start(), start + match.end(),
                          {"found": sentence.strip().rstrip("。；;"), "power": power}, uncertain=restated)
                break

"""Rule listings and rule documentation (``gongwen rules list`` / ``gongwen rules show ID``)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from gongwen.pipeline.model import SEVERITY_LABELS
from gongwen.validators.packs import Example, Pack, Rule, available_packs, load_pack
from gongwen.validators.params import describe
from gongwen.validators.registry import CHECKS, KINDS, load_builtins
from gongwen.validators.engine import FIELD_NAMES

STATUS_LABELS = {"stable": "正式", "preview": "试行", "removed": "已停用"}
EXAMPLE_PREVIEW = 160


@dataclass(frozen=True)
class RuleSummary:
    id: str
    severity: str
    status: str
    enabled: bool
    what: str
    source: str
    defined_in: str


def list_rules(pack: Pack) -> list[RuleSummary]:
    return [
        RuleSummary(rule.id, rule.severity, rule.status, rule.enabled, rule.doc.what,
                    _cite(rule), rule.defined_in)
        for rule in sorted(pack.rules.values(), key=lambda r: r.id)
    ]


PLACEHOLDER = re.compile(r"\{(\w+)\}")  # 「{department}」 in a message, filled in per finding
PLACEHOLDER_NAMES = {
    "department": "相关部门", "found": "原文", "count": "事项数", "items": "各项事项", "detail": "具体问题",
    "chain": "签批流程", "doc_type": "文种", "limit": "字数上限", "over": "超出字数", "scope": "统计范围",
    "missing": "缺少的材料", "title": "文件标题", "looked": "查看范围", "recipients": "主送机关", "power": "所设权力",
    "field": "要素", "value": "所填内容",
}


def readable(value: object) -> str:
    """A parameter or field value as a clerk reads it: 是/否, lists joined with 、, 键：值 pairs."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return "（无）"
    if isinstance(value, dict):
        return "；".join(f"{key}：{readable(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return "、".join(readable(item) for item in value) or "（无）"
    return str(value)


def render_rule(rule: Rule, packs: list[Pack] | None = None) -> str:
    """The rule's documentation in Chinese; ``packs`` adds how each pack sets it."""
    lines = [
        f"{rule.id}（{SEVERITY_LABELS[rule.severity]}，{STATUS_LABELS[rule.status]}）",
        "",
        f"检查内容：{rule.doc.what}",
        f"依据：{rule.doc.why}",
        f"条款原文：{_cite(rule)}",
    ]
    for heading, examples in (("违规示例", rule.doc.fail), ("合规示例", rule.doc.pass_)):
        lines += ["", f"{heading}："]
        for example in examples:
            lines += ["  " + line for line in _example_lines(example)]
    if rule.suggestion:
        lines += ["", f"修改建议：{PLACEHOLDER.sub(lambda found: f'〔{PLACEHOLDER_NAMES.get(found.group(1), found.group(1))}〕', rule.suggestion)}"]
    if packs:
        lines += ["", "各规则包的设置："]
        for pack in packs:
            other = pack.rules.get(rule.id)
            if other is None:
                lines.append(f"  {pack.name}：不适用")
            elif not other.enabled:
                lines.append(f"  {pack.name}：已关闭")
            else:
                params = f"；参数：{readable(other.params)}" if other.params else ""
                lines.append(f"  {pack.name}：{SEVERITY_LABELS[other.severity]}；依据 {_cite(other, quote=False)}{params}")
    return "\n".join(lines)


def render_rule_everywhere(rule_id: str) -> str:
    """``gongwen rules show ID``: the doc from the first pack that has the rule, plus every pack's setting."""
    packs = [load_pack(name) for name in available_packs()]
    owner = next((p for p in packs if rule_id in p.rules), None)
    if owner is None:
        known = sorted({r for p in packs for r in p.rules})
        raise KeyError(f"没有编号为“{rule_id}”的规则。现有规则：{'、'.join(known)}")
    return render_rule(owner.rules[rule_id], packs)


def render_kinds() -> str:
    """``gongwen rules --kinds``: each kind and check with its parameters."""
    load_builtins()
    lines = []
    for title, registry in (("规则类型（kind）", KINDS), ("代码检查（kind: check）", CHECKS)):
        lines.append(title)
        for name, runner in sorted(registry.items()):
            lines.append(f"  {name}  占位符：{'、'.join('{' + p + '}' for p in sorted(runner.placeholders))}")
            for param, type_name, default in describe(runner.params):
                lines.append(f"    {param}: {type_name} = {default}")
        lines.append("")
    return "\n".join(lines).rstrip()


def render_rests_on() -> str:
    """What fields the findings of each kind and check rest on (the registry's ``rests_on``), in
    Chinese; where the rule's parameters decide, the fields the built-in packs' rules rest on."""
    load_builtins()
    rules = [rule for name in available_packs() for rule in load_pack(name).rules.values()]

    def names(fields) -> str:  # contact.phone rests on contact, as in the engine
        return "、".join(dict.fromkeys(FIELD_NAMES.get(field.split(".")[0], field.split(".")[0]) for field in fields))

    lines = ["各规则类型与代码检查的问题所依据的要素（任一要素识别的可信度不足时，问题只作为“疑似”警告提出）"]
    for title, registry in (("规则类型（kind）", KINDS), ("代码检查（kind: check）", CHECKS)):
        lines.append(title)
        for name, runner in sorted(registry.items()):
            if callable(runner.rests_on):
                used = [field for rule in rules if rule.runner == name and (CHECKS if rule.kind == "check" else KINDS) is registry
                        for field in runner.rested_on(rule.options)]
                which = f"内置规则包中为：{names(used)}" if used else "内置规则包中的规则均不依据要素"
                lines.append(f"  {name}  所据要素：随规则参数而定（{which}）")
            else:
                lines.append(f"  {name}  所据要素：{names(runner.rests_on) or '无'}")
    lines.append("只适用于部分文种或部分发文机关的规则，还依据文种、发文机关。")
    return "\n".join(lines)


def _cite(rule: Rule, quote: bool = True) -> str:
    source = rule.source
    text = source.document + (source.article or "")
    if quote and source.quote:
        text += f"：「{source.quote}」"
    return text


def _example_lines(example: Example) -> list[str]:
    text = example.text.strip()
    if len(text) > EXAMPLE_PREVIEW:
        text = text[:EXAMPLE_PREVIEW] + f"……（共{len(text)}字符）"
    lines = text.splitlines() or ["（无正文）"]
    facts = {k: v for k, v in example.fields.items() if k != "doc_type"}
    if facts:
        lines.append(f"（字段：{readable({FIELD_NAMES.get(key, key): value for key, value in facts.items()})}）")
    if example.approval:
        steps = "；".join(f"{s.get('role')} {s.get('organ') or ''}{s.get('name') or ''}"
                         + (f"（{s['post']}）" if s.get("post") else "") for s in example.approval)
        lines.append(f"（签批记录：{steps}）")
    if example.companions:
        lines.append(f"（同一文件夹中的随附材料：{'、'.join(example.companions)}）")
    if example.note:
        lines.append(f"说明：{example.note}")
    return ["— " + lines[0]] + ["  " + line for line in lines[1:]]


def write_rule_docs(out_dir: str | Path) -> list[Path]:
    """Write docs/rules/<rule-id>.md from the packs (`make rule-docs`); returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    packs = [load_pack(name) for name in available_packs()]
    written = []
    for rule_id in sorted({r for p in packs for r in p.rules}):
        path = out / f"{rule_id}.md"
        path.write_text(f"# {rule_id}\n\n```text\n{render_rule_everywhere(rule_id)}\n```\n", encoding="utf-8")
        written.append(path)
    kinds = out / "kinds.md"
    kinds.write_text(f"# 规则类型与参数\n\n{KINDS_INTRO}\n\n```text\n{render_kinds()}\n\n{render_rests_on()}\n```\n",
                     encoding="utf-8")
    return [*written, kinds]


KINDS_INTRO = """\
下列参数在加载规则包时逐项校验：取值限定的参数（如 `scope`、`field`、签批角色、发文机关类别）写错时，
加载即报错，指出文件、行号、可用取值和最接近的写法。

继承（`extends`）时，子规则包只需写出要改变的参数，其余沿用上级规则包。标有“继承时按 某键 合并”的列表
按该键逐条合并：键相同的条目整条替换上级的条目，新键的条目追加在后，未提及的条目保留；
删除上级的某一条目写作 `{doc_type: 情况说明, remove: true}`（只写键和 `remove: true`）。
其他列表和映射整体替换上级的取值。"""

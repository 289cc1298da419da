from gongwen.validators.catalog import list_rules, render_kinds, render_rule, render_rule_everywhere


def test_list_rules(pack):
    rows = list_rules(pack("qianjin"))
    ids = [row.id for row in rows]
    assert ids == sorted(ids) and "length.limit" in ids
    (length,) = [row for row in rows if row.id == "length.limit"]
    assert length.defined_in == "qianjin" and "第五部分第3项" in length.source


def test_render_rule_has_every_section(pack):
    text = render_rule(pack("national").rules["docnumber.format"])
    for part in ("docnumber.format（错误，正式）", "检查内容：", "依据：", "条款原文：GB/T 9704—2012",
                 "违规示例：", "国发[2024]5号", "合规示例：", "国发〔2024〕5号"):
        assert part in text


def test_render_everywhere_lists_per_pack_settings():
    text = render_rule_everywhere("request.to-individual")
    assert "yangquan-chengqu：警告" in text and "xianyang：错误" in text and "national：错误" in text


def test_render_kinds_lists_parameters():
    text = render_kinds()
    assert "count_limit" in text and "limits:" in text and "request.one-matter" in text


def test_rules_show_prints_no_python_values_or_unfilled_placeholders():
    import re

    from gongwen.validators.catalog import render_rule_everywhere
    from gongwen.validators.packs import available_packs, load_pack

    ids = sorted({rule_id for name in available_packs() for rule_id in load_pack(name).rules})
    for rule_id in ids:
        text = render_rule_everywhere(rule_id)
        assert not re.search(r"\{'|\['|\bTrue\b|\bFalse\b|\bNone\b", text), (rule_id, text)
        advice = [line for line in text.splitlines() if line.startswith("修改建议")]
        assert not any(re.search(r"\{\w+\}", line) for line in advice), (rule_id, advice)

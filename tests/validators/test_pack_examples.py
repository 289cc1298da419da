"""Every rule's documented fail/pass examples, in every pack that has the rule (rule docs are executable)."""
import pytest

from gongwen.validators.engine import validate
from gongwen.validators.examples import example_document, roster_from_example
from gongwen.validators.packs import available_packs, load_pack

CASES = [
    (name, rule.id, verdict, index, example)
    for name in available_packs()
    for rule in load_pack(name).active_rules()
    for verdict, examples in (("fail", rule.doc.fail), ("pass", rule.doc.pass_))
    for index, example in enumerate(examples)
]


@pytest.mark.parametrize(("pack_name", "rule_id", "verdict", "index", "example"), CASES,
                         ids=[f"{c[0]}:{c[1]}:{c[2]}{c[3]}" for c in CASES])
def test_rule_example(pack, pack_name, rule_id, verdict, index, example):
    findings = validate(example_document(example), pack(pack_name), roster_from_example(example))
    fired = [f for f in findings if f.rule == rule_id]
    if verdict == "fail":
        assert fired, f"{rule_id} should fire on its fail example"
        assert all(f.pack == pack_name and f.source is not None for f in fired)
    else:
        assert not fired, [f.message for f in fired]

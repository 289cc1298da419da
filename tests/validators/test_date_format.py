"""date.format judges the 成文日期 from the form the one date parser read it in."""
import pytest

from gongwen.validators.engine import validate


def fired(findings, rule):
    return [finding for finding in findings if finding.rule == rule]


@pytest.mark.parametrize(("written", "suggested", "details"), [
    ("２０２４年０９月０８日", "2024年9月8日", ("半角", "不编虚位")),
    ("2024年3月8号", "2024年3月8日", ("年、月、日标全",)),
    ("3月8日", None, ("应标明年份",)),
    ("二〇二四年二月三十日", None, ("阿拉伯数字", "不存在")),
    ("2024.03.08", "2024年3月8日", ("分隔", "不编虚位")),
])
def test_every_fault_of_the_written_form_is_named(make_doc, pack, written, suggested, details):
    (finding,) = fired(validate(make_doc([written], {"date_text": written}), pack()), "date.format")
    assert finding.suggestion == suggested
    for detail in details:
        assert detail in finding.message


@pytest.mark.parametrize("written", ["2024年3月8日", "2024 年 3 月 8 日", "一九九六年二月五日"])
def test_standard_and_legacy_dates_pass(make_doc, pack, written):
    assert not fired(validate(make_doc([written], {"date_text": written}), pack()), "date.format")

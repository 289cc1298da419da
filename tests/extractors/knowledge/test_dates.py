"""The one date finder: every surface form offices write, read back to the same date, inside text."""
from __future__ import annotations

import datetime as dt

import cn2an
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongwen.extractors.knowledge.dates import find_date, find_dates, find_short_date, parse_date

PROPERTY = settings(max_examples=100, deadline=2000, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

# Text around a date: no digit, numeral or date character, so the only date is the one put there.
SURROUNDING = st.text(alphabet="的是在关于区政府办公室请示报告签发拟稿同意王强张敏，。：；（）、ABCxyz 　-", max_size=12)
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


def chinese_digits(number: int, zero: str) -> str:
    return "".join("〇一二三四五六七八九"[int(char)] for char in str(number)).replace("〇", zero)


def surface_forms(date: dt.date, zero: str) -> dict[str, str]:
    y, m, d = date.year, date.month, date.day
    return {
        "standard": f"{y}年{m}月{d}日",
        "padded": f"{y}年{m:02d}月{d:02d}日",
        "full-width": f"{y}年{m}月{d}日".translate(FULL_WIDTH),
        "chinese": f"{chinese_digits(y, zero)}年{cn2an.an2cn(m)}月{cn2an.an2cn(d)}日",
        "dots": f"{y}.{m}.{d}",
        "dashes": f"{y}-{m:02d}-{d:02d}",
        "slashes": f"{y}/{m}/{d}",
        "spaced": f"{y} 年 {m} 月 {d} 日",
    }


@PROPERTY
@given(DATES, st.sampled_from("〇○零Ｏ"), SURROUNDING, SURROUNDING)
def test_every_surface_form_reads_back_to_the_date_with_its_span(date, zero, before, after):
    for form, written in surface_forms(date, zero).items():
        text = before + written + after
        found = find_dates(text)
        assert len(found) == 1, (form, text)
        assert found[0].iso == date.isoformat(), (form, text)
        assert (found[0].start, found[0].end) == (len(before), len(before) + len(written)), (form, text)
        assert found[0].text == written


@PROPERTY
@given(DATES, SURROUNDING, SURROUNDING)
def test_a_date_without_its_year_takes_the_context_year_and_says_so(date, before, after):
    written = f"{date.month}月{date.day}日"
    found = find_date(before + written + after, context_year=date.year)
    assert found is not None and found.iso == date.isoformat()
    assert found.year_from_context and found.form.year_digits == 0
    assert found.text == written and found.start == len(before)
    assert find_date(written).iso is None  # no year, no context: not a date one can name


@PROPERTY
@given(st.integers(1900, 2099), st.integers(1, 12), st.integers(29, 31), SURROUNDING)
def test_impossible_dates_have_no_iso_date_but_keep_their_text(year, month, day, before):
    try:
        dt.date(year, month, day)
    except ValueError:
        pass
    else:
        return
    written = f"{year}年{month}月{day}日"
    found = find_date(before + written)
    assert found is not None and found.iso is None
    assert (found.text, found.month, found.day, found.start) == (written, month, day, len(before))
    assert found.confidence < 1


@settings(max_examples=100, deadline=2000, derandomize=True, database=None)
@given(st.text(max_size=300))
def test_the_finder_never_fails_and_every_span_is_its_text(text):
    for found in find_dates(text, context_year=2024):
        assert text[found.start:found.end] == found.text
        assert 0 < found.confidence <= 1


@pytest.mark.parametrize("unit", ["2024年", "2024 ", "3月", "2024.3.", "二〇二四年三", "1" + " " * 5, "十月十", "年月日号."])
def test_the_finder_stays_linear(assert_linear, unit):
    assert_linear(find_dates, lambda n: unit * n, 5000)


@pytest.mark.parametrize(("text", "form"), [
    ("2024年3月8日", dict(numerals="arabic", separator="年月日", year_digits=4, padded=False, day_mark="日", spaced=False)),
    ("2024年03月08日", dict(padded=True)),
    ("２０２４年３月８日", dict(numerals="full-width")),
    ("二〇二四年三月八日", dict(numerals="chinese")),
    ("2024.3.8", dict(separator=".", day_mark="")),
    ("24年3月8日", dict(year_digits=2)),
    ("3月8号", dict(year_digits=0, day_mark="号")),
    ("2024 年 3 月 8 日", dict(spaced=True)),
])
def test_the_form_says_how_the_date_was_written(text, form):
    found = parse_date(text)
    assert found is not None
    for key, value in form.items():
        assert getattr(found.form, key) == value, key
    assert found.form.is_standard == ("".join(text.split()) == "2024年3月8日")  # spaces are the layout's business


@pytest.mark.parametrize("text", [
    "第1234年3月", "共12.3.4版", "v2024.1.2.3", "于3月5万元", "十月一", "1898 年 3 月 8 日", "2024年3月", "电话 2024-3",
])
def test_what_is_not_a_date(text):
    assert find_date(text) is None


def test_a_year_less_date_takes_the_year_that_puts_it_nearest_its_anchor():
    assert find_date("会签 12月30日").near(dt.date(2025, 1, 2)).iso == "2024-12-30"
    assert find_date("签发 1月2日").near(dt.date(2024, 12, 30)).iso == "2025-01-02"
    assert find_date("2023年1月2日").near(dt.date(2025, 1, 2)).iso == "2023-01-02"  # its own year stays


def test_parse_date_takes_only_a_text_that_is_one_date():
    assert parse_date("  2024年3月8日 ").start == 2
    assert parse_date("2024年3月8日印发") is None


@pytest.mark.parametrize(("text", "month_day"), [
    ("廉文杰 5.15", (5, 15)), ("5/14", (5, 14)), ("同意 12.1", (12, 1)), ("苗雨涵 05.04 ", (5, 4)),
    ("同意拨付2.5万元", None), ("第3.2条", None), ("13.5", None), ("2025.5.16", None),
])
def test_a_signature_dated_with_month_and_day_only(text, month_day):
    found = find_short_date(text)
    assert (None if found is None else (found.month, found.day)) == month_day
    if found is not None:
        assert found.year is None and found.form.year_digits == 0 and text[found.start:found.end] == found.text

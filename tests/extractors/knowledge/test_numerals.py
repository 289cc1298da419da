"""Chinese numerals through cn2an, for the range documents use (years, 期号, 文号 numbers)."""
from __future__ import annotations

import subprocess
import sys

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen.extractors.knowledge.numerals import chinese_value, number_value

PROPERTY = settings(max_examples=100, deadline=2000, derandomize=True, database=None)
DIGIT_BY_DIGIT = str.maketrans("0123456789", "〇一二三四五六七八九")


@PROPERTY
@given(st.integers(1, 9999))
def test_chinese_counting_numerals_round_trip(number):
    assert chinese_value(cn2an.an2cn(number)) == number
    assert number_value(cn2an.an2cn(number)) == number


@PROPERTY
@given(st.integers(1, 9999), st.sampled_from("〇○零Ｏ"))
def test_digit_by_digit_numerals_read_with_any_zero_glyph(number, zero):
    written = str(number).translate(DIGIT_BY_DIGIT).replace("〇", zero)
    assert number_value(written) == number


@PROPERTY
@given(st.integers(0, 99999))
def test_arabic_numbers_half_and_full_width(number):
    assert number_value(str(number)) == number
    assert number_value(str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == number


def test_malformed_numerals_are_not_numbers():
    assert chinese_value("十十") is None
    assert chinese_value("二十〇") is None
    assert number_value("第三") is None


def test_cn2an_is_not_imported_until_a_chinese_numeral_is_read():
    probe = ("import sys\n"
             "from gongwen.extractors.knowledge.dates import find_date\n"
             "assert find_date('2024年3月8日').iso == '2024-03-08'\n"
             "assert 'cn2an' not in sys.modules\n"
             "assert find_date('二〇二四年三月八日').iso == '2024-03-08'\n"
             "assert 'cn2an' in sys.modules\n")
    subprocess.run([sys.executable, "-c", probe], check=True)


@PROPERTY
@given(st.integers(1, 9999))
def test_the_docx_readers_numbering_labels_read_back_to_their_number(number):
    """The .docx reader writes Word's Chinese numbering labels itself (cn2an is not imported for
    every numbered document); what it writes must read back through the one numeral reader."""
    from gongwen.extractors.readers.docx import _NUMBER_FORMATS

    for number_format in ("chineseCounting", "chineseLegalSimplified", "ideographDigital"):
        assert number_value(_NUMBER_FORMATS[number_format](number)) == number, number_format

"""The 成文日期 and 印发日期 in every form offices write them, read by the one date finder."""
import pytest

from gongwen.extractors.fields import document_fields, locate

LETTER = [
    "关于商请支持江滨步道贯通工程的函",
    "市城市管理综合执法局：",
    "我区已完成该段工程的方案设计，商请贵局在施工期间给予支持。",
    "盼予函复。",
    "联系人：姜涛　联系电话：0453-6920133",
    "牡丹江市东安区人民政府办公室",
]


@pytest.mark.parametrize(("written", "iso"), [
    ("2024年6月3日", "2024-06-03"),
    ("２０２４年６月３日", "2024-06-03"),
    ("二〇二四年六月三日", "2024-06-03"),
    ("二○二四年六月三日", "2024-06-03"),
    ("2024年06月03日", "2024-06-03"),
    ("2024 年 6 月 3 日", "2024-06-03"),
    ("2024年2月30日", None),
])
def test_the_closing_date_in_any_written_form(make_document, written, iso):
    fields = document_fields(locate(make_document(LETTER + [written])))
    assert (fields.date, fields.date_text) == (iso, written)


def test_a_contact_line_above_the_signature_is_the_note_once_the_date_is_read(make_document):
    """Before the full-width date was read, the contact was found only because no 成文日期 was."""
    fields = document_fields(locate(make_document(LETTER + ["２０２４年６月３日"])))
    assert (fields.contact.name, fields.contact.phone) == ("姜涛", "0453-6920133")


def test_a_full_width_printed_date(make_document):
    lines = LETTER + ["2024年6月3日", "抄送：市政府办公室。", "牡丹江市东安区人民政府办公室　　２０２４年６月３日印发"]
    fields = document_fields(locate(make_document(lines)))
    assert (fields.printed_by, fields.printed_date) == ("牡丹江市东安区人民政府办公室", "2024-06-03")

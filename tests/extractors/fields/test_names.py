"""The names module (extractors/fields/names.py) as the approval record, the 签发人 and the 附注's
联系人 use it: roster first, the surname list, then jieba's person tags."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen.extractors.fields import document_fields, locate
from gongwen.extractors.fields.names import is_surname, read_name, written_name
from tests.extractors.fields.conftest import make_document

REQUEST = ["阳泉市城区教育局关于更新课桌椅的请示", "阳泉市城区人民政府：", "恳请批准。", "阳泉市城区教育局", "2024年5月8日"]


@pytest.mark.parametrize("note", ["（联系人：张某某同志，联系电话：0353-2021234）", "联系人：张某某同志　电话：0353-2021234",
                                  "（联系人：张某某，联系电话：0353-2021234）"])
def test_the_contact_name_loses_tongzhi(note):
    contact = document_fields(locate(make_document([*REQUEST, note]))).contact
    assert (contact.name, contact.phone) == ("张某某", "0353-2021234")


@pytest.mark.parametrize(("note", "name"), [("（联系人：王　强，联系电话：0353-2021234）", "王强"),
                                          ("（联系人：张敏　王强，联系电话：0353-2021234）", "张敏"),
                                          ("联系人：阿依古丽·买买提　电话：0353-2021234", "阿依古丽·买买提")])
def test_the_contact_name_is_the_first_name_as_written(note, name):
    assert document_fields(locate(make_document([*REQUEST, note]))).contact.name == name


def test_a_contact_with_a_rare_surname_loses_tongzhi_too():
    contact = document_fields(locate(make_document([*REQUEST, "（联系人：禤国华同志，联系电话：0353-2021234）"]))).contact
    assert contact.name == "禤国华"


@pytest.mark.parametrize("surname", ["禤", "亓官", "欧阳", "上官", "仝", "逯", "贠", "郜", "毋", "赫连", "宇文", "司马", "诸葛",
                                     "粘", "禚", "啜", "琚"])
def test_the_surname_list_covers_compound_and_rare_surnames(surname):
    assert is_surname(surname)
    given = "晓东" if len(surname) == 1 else "明"
    assert read_name(surname + given).source == "surname"


@pytest.mark.parametrize(("written", "name"), [("张某某同志", "张某某"), ("王　强", "王强"), ("刘卫东区长", "刘卫东"),
                                              ("阿依古丽·买买提", "阿依古丽·买买提"), ("区财政局", "区财政局")])
def test_written_name(written, name):
    assert written_name(written) == name


# --- property: a surname from the list and a given name, however written, read back -------------

GIVEN = "伟敏强静丽军杰娟涛明超霞刚英华玉萍红燕芳鹏飞俊婷"
SURNAMES = sorted(line.strip() for line in (Path(__file__).parents[3] / "extractors" / "data" / "surnames.txt")
                  .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))


@settings(max_examples=100, deadline=2000, derandomize=True, database=None)
@given(st.sampled_from(SURNAMES), st.text(GIVEN, min_size=1, max_size=2), st.sampled_from(["", "同志", "区长", "副局长"]),
       st.booleans())
def test_any_listed_surname_and_given_name_reads_back(surname, given_name, after, spaced):
    name = surname + given_name
    written = (f"{surname}　{given_name}" if spaced and len(name) == 2 else name) + after
    found = read_name(written, segment=False)
    assert found is not None and found.name == name
    assert found.post == (after if after not in ("", "同志") else None)


@pytest.mark.parametrize("lines", [["联系人：郗春雨", "电话：18945402638"], ["（联系人：汲海涛", "联系电话：0453-6263517）"]])
def test_a_contact_over_two_lines_is_read_whole(lines):
    contact = document_fields(locate(make_document([*REQUEST, *lines]))).contact
    assert contact.name in ("郗春雨", "汲海涛") and contact.phone in ("18945402638", "0453-6263517")


def test_the_roster_keeps_a_four_character_name_whole_on_the_signer_line():
    from gongwen.pipeline.roster import Person, Roster
    roster = Roster("牡丹江市东安区人民政府", (Person("那仁高娃", "局长", "牡丹江市东安区民政局"),))
    doc = locate(make_document(["牡东民发〔2024〕9号　签发人：那仁高娃", *REQUEST]))
    assert document_fields(doc, roster).signer == ("那仁高娃",)


@pytest.mark.parametrize("note", ["联系人：市交通运输局来斌，联系电话：029-33286105", "联系人：市交通运输局　来斌，联系电话：029-33286105"])
def test_a_contact_named_with_the_bureau_is_the_person(note):
    assert document_fields(locate(make_document([*REQUEST, note]))).contact.name == "来斌"


@pytest.mark.parametrize(("lines", "expected"), [
    (["联系人及电话：秦都区住建局彭雪 029-33326517"], ("彭雪", "029-33326517")),
    (["（联系人：运输科巨宁电话：029-33218874）"], ("巨宁", "029-33218874")),
    (["— 1 —", "前进区教育局文件", "（联系人：邵文静，联系电话：0454-8226170）"], ("邵文静", "0454-8226170")),
])
def test_contact_notes_in_the_forms_offices_print(lines, expected):
    contact = document_fields(locate(make_document([*REQUEST, *lines]))).contact
    assert (contact.name, contact.phone) == expected

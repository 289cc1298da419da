"""request.contact-missing: the 附注's 联系人 and 电话; a contact written elsewhere is not missing."""
from __future__ import annotations

import pytest

from gongwen.validators.engine import validate

HEAD = ["阳泉市城区卫生健康局关于增设东城社区卫生服务站的请示", "阳泉市城区人民政府：", "拟在东城社区增设卫生服务站一处。"]
TAIL = ["阳泉市城区卫生健康局", "2024年3月5日"]


def _fired(make_doc, pack, lines, contact=None):
    fields = {"doc_type": "请示", "date_text": "2024年3月5日", "contact": contact}
    return [f for f in validate(make_doc(lines, fields), pack()) if f.rule == "request.contact-missing"]


@pytest.mark.parametrize("lines", [
    pytest.param([*HEAD, "如有疑问，请与我局办公室王强同志联系，电话0353-1234567。妥否，请批示。", *TAIL], id="in-the-body"),
    pytest.param([*HEAD, "妥否，请批示。", *TAIL, "（联系人：王强同志，联系电话：0353-1234567）"], id="name-with-tongzhi"),
    pytest.param([*HEAD, "妥否，请批示。", *TAIL, "联系人：欧阳丽娜　　手机：13903531234"], id="mobile"),
    pytest.param([*HEAD, "妥否，请批示。", *TAIL, "（联系人：王强，联系电话：０３５３－１２３４５６７）"], id="full-width-digits"),
])
def test_a_contact_written_in_another_form_or_place_is_not_missing(make_doc, pack, lines):
    assert not _fired(make_doc, pack, lines)


@pytest.mark.parametrize("lines", [
    pytest.param([*HEAD, "妥否，请批示。", *TAIL], id="none"),
    pytest.param([*HEAD, "妥否，请批示。", *TAIL, "（联系电话：0353-1234567）"], id="phone-without-a-name"),
    pytest.param([*HEAD, "妥否，请批示。", *TAIL, "（联系人：王强）"], id="name-without-a-phone"),
])
def test_a_missing_contact_is_reported(make_doc, pack, lines):
    (finding,) = _fired(make_doc, pack, lines)
    assert finding.severity == "warning"

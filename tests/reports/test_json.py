"""The JSON shape, and reading fields back from it (the store keeps fields as JSON)."""
from gongwen.pipeline.model import ApprovalStep, Contact, Fields, RequestItem
from gongwen.reports.json_report import fields_from_dict, fields_to_dict


def test_fields_round_trip_through_json() -> None:
    fields = Fields(
        doc_type="请示", title="关于申请维修资金的请示", issuer=("阳泉市城区教育局",), doc_number="城教发〔2024〕3号",
        signer=("武某某",), date="2024-03-05", date_text="2024年3月5日", recipients=("区人民政府",),
        contact=Contact("张某某", "0353-1234567"), request_items=(RequestItem("恳请拨付维修资金50万元", 60, 77),),
        approval=(ApprovalStep("签发", "武某某", "局长", "2024-03-05"),),
    )
    assert fields_from_dict(fields_to_dict(fields)) == fields


def test_unknown_keys_from_a_newer_version_are_ignored() -> None:
    data = fields_to_dict(Fields(doc_type="函"))
    data["added_later"] = "x"
    assert fields_from_dict(data) == Fields(doc_type="函")

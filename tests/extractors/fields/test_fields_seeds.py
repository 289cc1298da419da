"""The five seed documents (real local-government notices): issuer, number, date and 文种."""
from pathlib import Path

import pytest

from gongwen.extractors.fields import document_fields, locate
from gongwen.extractors.normalize import normalize
from gongwen.pipeline.model import Block, RawDocument

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
EXPECTED = {
    "000": (("阳泉市城区人民政府",), None, "2021-11-11"),
    "001": (("东安区人民政府",), "牡东政发〔2019〕7号", "2019-07-18"),
    "002": (("佳木斯市前进区人民政府办公室",), None, "2021-03-01"),
    "003": (("晋城市城区人民政府",), "城政发〔2023〕8号", "2023-09-08"),
    "004": (("咸阳市人民政府",), "咸政发〔2013〕16号", "2013-06-17"),
}


def seed_fields(prefix: str):
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip("shared seeds are not available")
    lines = paths[0].read_text(encoding="utf-8").splitlines()
    raw = RawDocument(path=str(paths[0]), format="txt", blocks=tuple(Block("para", line) for line in lines))
    return document_fields(locate(normalize(raw)))


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_issuer_number_date_and_type(prefix):
    fields = seed_fields(prefix)
    assert (fields.issuer, fields.doc_number, fields.date) == EXPECTED[prefix]
    assert fields.doc_type == "通知"


def test_seed_000_recipients():
    assert seed_fields("000").recipients == ("义井镇人民政府", "各街道办事处", "区直各部门")


def test_seed_003_colophon():
    fields = seed_fields("003")
    assert fields.title == "晋城市城区人民政府关于印发晋城市城区区长办公会议工作细则的通知"
    assert fields.cc[0] == "区委" and len(fields.cc) == 7
    assert (fields.printed_by, fields.printed_date) == ("晋城市城区人民政府办公室", "2023-09-08")


def test_seed_000_has_no_title():
    """It opens with its 主送; the 《工作规则》 it issues follows the signature and is not its title."""
    fields = seed_fields("000")
    assert fields.title is None

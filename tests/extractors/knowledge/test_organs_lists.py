"""Where a list of organs splits into recipients (LABELS.md: on 、 where each part is a complete
organ name), for the forms real 主送 lines take."""
import pytest

from gongwen.extractors.knowledge.organs import is_complete_organ, joins_previous, split_organ_list


@pytest.mark.parametrize("name", ["冶金部", "科技部", "发改委", "新疆生产建设兵团", "各直属海关"])
def test_short_and_unsuffixed_organ_names_are_complete(name):
    assert is_complete_organ(name)


@pytest.mark.parametrize("fragment", ["各部委", "办公室", "各省"])
def test_fragments_are_not(fragment):
    assert not is_complete_organ(fragment)


@pytest.mark.parametrize(("text", "items"), [
    ("国家经贸委、冶金部", ("国家经贸委", "冶金部")),
    ("科技部、新疆维吾尔自治区人民政府、新疆生产建设兵团", ("科技部", "新疆维吾尔自治区人民政府", "新疆生产建设兵团")),
    ("海关总署广东分署、各直属海关", ("海关总署广东分署", "各直属海关")),
    ("解放军军事法院、军事检察院", ("解放军军事法院、军事检察院",)),
    ("各省、自治区、直辖市高级人民法院、人民检察院，解放军军事法院、军事检察院",
     ("各省、自治区、直辖市高级人民法院、人民检察院", "解放军军事法院、军事检察院")),
])
def test_a_part_splits_off_only_when_it_names_an_organ_of_its_own(text, items):
    assert split_organ_list(text) == items


@pytest.mark.parametrize(("previous", "part"), [
    ("区财政局", "区住建局"), ("教育部", "财政部"), ("国务院办公厅", "国家发展改革委"), ("国家经贸委", "冶金部"),
])
def test_a_part_with_its_own_place_or_owner_does_not_share_the_previous_one(previous, part):
    assert not joins_previous(previous, part)

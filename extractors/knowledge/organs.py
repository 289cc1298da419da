"""Organs (机关, 部门, 单位): what an organ name is, and which mentions name the same organ.

One module for every stage: the field extractors (is this line an organ, where does a list of
recipients split), segmentation (the organ suffixes) and the checks (which department a sentence
gives a task to, and has it countersigned).

A name is a place prefix and a core: 「阳泉市城区财政局」 = 「阳泉市城区」 + 「财政局」, 「区财政局」 =
「区」 + 「财政局」. Two mentions name the same organ when their cores agree and their places do not
contradict each other (「区财政局」 is not 「市财政局」; 「财政局」 without a place is either). Cores
agree when they are equal, when one is the other's abbreviation (「人社局」 of
「人力资源和社会保障局」: same first character, same suffix, its characters in order in the longer),
or when one names the other's field of work generically (「财政部门」, 「公安机关」, 「教育行政部门」 name
「财政局」, 「公安分局」, 「教育局」).

Which organs exist comes from data, never from code: the organ lists ``extractors/data/organs.txt``
and ``organ_suffixes.txt``, the roster (the government, each person's organ, the departments in
their charge) and the pack (a check's ``organs`` parameter). ``OrganIndex`` holds them for one
document and gives each mention its canonical name: the full name the roster or pack writes.
``find_departments`` reads the department names in running text, whole ("由区财政局负责" ->
「区财政局」, never 「市城区财政局」 of 「阳泉市城区财政局」): a name ends in a department suffix and
begins after the word before it (由, 会同, 根据 …), a place prefix or the roster's name deciding.
(jieba's words do not help here: it cuts 「由区|财政局」, 「局和区|商务局」, 「区人|社局」.)
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from gongwen.extractors.data import phrase_list

CJK_NAME = re.compile(r"[\u4e00-\u9fff（）()·]+")
# Words that name an organ by its field of work, without its form: 财政部门, 公安机关, 教育行政部门.
GENERIC_HEADS = ("行政主管部门", "主管部门", "行政部门", "职能部门", "部门", "机关", "机构")
# Endings that make a group of organs a complete recipient ("各有关单位", "市政府各部门").
GROUP_HEADS = ("单位", "部门", "机构", "团体", "企业")
PLACE_LEVELS = "省市区县旗州盟镇乡"
# A level character followed by these does not end a place: 市场监督管理局, 市政, 区域, 乡村振兴局.
NOT_PLACE_BIGRAMS = frozenset({"市场", "市政", "市容", "市民", "区域", "县域", "乡村", "乡镇", "镇街", "州府"})
PLACE_PART = re.compile(r"(?:中共|中国共产党)?[\u4e00-\u9fff]{0,7}?[省市区县旗州盟镇乡](?:街道)?")
SHORT_ORGAN = re.compile(r"^各?[区市县省镇乡]?(?:委|政府|人大|政协|纪委|监委|法院|检察院)$")
TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
# In a list, a part that opens with 各/有关 and names no owner belongs to the owner before it:
# 「国务院各部委、各直属机构」, 「省政府各部门、各直属机构」.
OWNED_GROUP = re.compile(r"^(?:(?:各|有关|各有关)(?:直属|派出|下属|所属)?[\u4e00-\u9fff]{0,4}|(?:直属|派出|下属|所属)[\u4e00-\u9fff]{1,4})$")
OWNER_WITH_GROUP = re.compile(r"^(?P<owner>[\u4e00-\u9fff]{2,}?)(?:各|有关|各有关)[\u4e00-\u9fff]{1,6}$")


@cache
def organ_suffixes() -> tuple[str, ...]:
    """Endings of organ names (局, 委员会, 人民政府 …), longest first."""
    return tuple(sorted(phrase_list("organ_suffixes"), key=len, reverse=True))


@cache
def known_organs() -> frozenset[str]:
    """Organs whose names carry no place prefix (国务院, 财政部 …)."""
    return frozenset(phrase_list("organs"))


def compact(text: str) -> str:
    return "".join(text.split())


# --- is it an organ name ------------------------------------------------------------------------

def is_organ_name(text: str) -> bool:
    """An organ name: CJK only (brackets allowed), ending in an organ suffix or a known organ."""
    text = text.strip()
    if not 2 <= len(text) <= 40 or not CJK_NAME.fullmatch(text):
        return False
    return text in known_organs() or text.endswith(organ_suffixes())


def is_complete_organ(text: str) -> bool:
    """A name that stands on its own as one recipient: 「区财政局」, 「国务院」, 「各有关单位」,
    「区委」; not a fragment of a list sharing a head (「各省」, 「办」, 「局」)."""
    bare = TRAILING_NOTE.sub("", compact(text))
    if SHORT_ORGAN.match(bare) or bare in known_organs():
        return True
    suffix = next((suffix for suffix in organ_suffixes() + GROUP_HEADS if bare.endswith(suffix)), None)
    if suffix is None:
        return False
    # 「冶金部」, 「发改委」: a field of work of two characters and a one-character suffix is a name too
    return len(bare) >= 4 or (len(bare) - len(suffix) >= 2 and not bare.startswith(("各", "有关")))


# A leader addressed by post, with or without a name ("许市长：", "周某某区长：", "区长："): a fault
# in a 请示 or 报告, but still its 主送; 「区政府刘区长」 and 「区领导」 too.
_LEADER_POSTS = r"(?:常务)?副?(?:省长|市长|区长|县长|州长|旗长|镇长|乡长|书记|主任|局长|厅长|部长|秘书长|主席|领导)"
# 「周某某区长」, 「第五明远市长」 (a four-character name), 「区长关德明同志」 (the post first)
LEADER_ADDRESSEE = re.compile(
    r"^(?!各)(?:尊敬的)?(?:[\u4e00-\u9fff]{1,12}?(?:人民政府|政府|委员会|办公室|局))?"
    rf"(?:[\u4e00-\u9fff]{{0,4}}?{_LEADER_POSTS}(?:同志)?|{_LEADER_POSTS}[\u4e00-\u9fff]{{2,4}}同志)$"
)


def is_leader_addressee(text: str) -> bool:
    """A person addressed by post (「周某某区长」, 「区政府刘区长」, 「分管副区长」), not an organ."""
    return bool(LEADER_ADDRESSEE.match(compact(text)))


def joins_previous(previous: str, part: str) -> bool:
    """Whether ``part``, after a 、 in a list of organs, is no recipient of its own but shares the
    previous part's head or owner: 「办」 in 「市政府各委、办、局」 (no complete name), 「各直属机构」
    after 「国务院各部委」 (a group of the same owner)."""
    part, previous = compact(part), compact(previous)
    if is_leader_addressee(part):
        return False  # 「区人民政府、刘卫东区长」: a person addressed beside the organ
    if not is_complete_organ(part):
        return True
    return bool(OWNED_GROUP.match(part) and OWNER_WITH_GROUP.match(previous)) or shares_owner(previous, part)


def shares_owner(previous: str, part: str) -> bool:
    """「军事检察院」 after 「解放军军事法院」: a part with no place or owner of its own, written like
    the previous part's name after its owner (the same first two characters), is that owner's too."""
    if split_place(part)[0] or part in known_organs() or any(part.startswith(organ) for organ in known_organs()):
        return False
    return any(previous[cut:cut + 2] == part[:2] for cut in range(2, len(previous) - 2))


def split_organ_list(text: str) -> tuple[str, ...]:
    """A list of organs split into recipients: on ，,；; always, on 、 only between parts that are
    recipients of their own. Parts sharing one head stay one recipient: 「各省、自治区、直辖市人民政府」,
    「市政府各委、办、局」, 「国务院各部委、各直属机构」, 「市人民政府各工作部门、派出机构、直属事业机构」."""
    items: list[str] = []
    for chunk in re.split(r"[，,；;]", text):
        parts = [part.strip().strip("。.，,；;：:、 ") for part in chunk.split("、")]
        parts = [part for part in parts if part]
        if not parts:
            continue
        if not all(is_complete_organ(part) or is_leader_addressee(part) for part in parts):
            items.append("、".join(parts))  # 各省、自治区、直辖市人民政府: one head for all
            continue
        group = [parts[0]]
        for part in parts[1:]:
            if joins_previous(group[-1], part) or (OWNED_GROUP.match(compact(part)) and OWNER_WITH_GROUP.match(group[0])):
                group.append(part)
            else:
                items.append("、".join(group))
                group = [part]
        items.append("、".join(group))
    return tuple(items)


# --- place and core -----------------------------------------------------------------------------

def split_place(name: str, places: Iterable[str] = ()) -> tuple[str, str]:
    """(place, core) of an organ name: 「阳泉市城区财政局」 -> (「阳泉市城区」, 「财政局」); 「区市场监督管理局」
    -> (「区」, 「市场监督管理局」); a core never loses a character of its own. ``places`` are place
    names known for this document (the government's, without 人民政府), tried first."""
    return _split_place(compact(name), tuple(places))


@lru_cache(maxsize=8192)
def _split_place(name: str, places: tuple[str, ...]) -> tuple[str, str]:
    for place in sorted(places, key=len, reverse=True):
        if place and name.startswith(place) and len(name) - len(place) >= 2:
            return place, name[len(place):]
    cut = 0
    for match in PLACE_PART.finditer(name):
        if match.start() != cut:
            break
        end = match.end()
        rest = name[end:]
        part = match.group(0)
        if len(rest) < 2 or name[end - 1:end + 1] in NOT_PLACE_BIGRAMS or "和" in part or "与" in part:
            break
        if len(part) == 1 and cut > 0:
            break  # one level character alone only opens a name: 区财政局, not 城区 → 城 + 区
        if rest in known_organs() or not _core_like(rest):
            break
        cut = end
    return name[:cut], name[cut:]


def _core_like(text: str) -> bool:
    return text.endswith(organ_suffixes() + GENERIC_HEADS) and len(text) >= 2


def level(place: str) -> str | None:
    """The level of a place prefix: its last level character (阳泉市城区 -> 区), None without one."""
    place = place.removesuffix("街道")
    return place[-1] if place and place[-1] in PLACE_LEVELS else None


# Long and short forms of one suffix: 发展和改革委员会 = 发改委, 区委办公室 = 区委办.
SUFFIX_SHORT_FORMS = (("委员会", "委"), ("办公室", "办"))
# Fields of work that name no organ: 有关部门, 相关部门, 上级机关.
NO_FIELD = frozenset({"有关", "相关", "其他", "其它", "上级", "下级", "各级", "各有关", "各", "职能", "主管", "行政",
                      "本级", "同级", "业务", "政府", "各相关", "涉及", "责任", "执法"})


def _short_suffix(core: str) -> str:
    for long, short in SUFFIX_SHORT_FORMS:
        if core.endswith(long):
            return core[: -len(long)] + short
    return core


def _suffix_of(core: str) -> str:
    return next((suffix for suffix in organ_suffixes() if core.endswith(suffix)), core[-1:])


def generic_field(core: str) -> str | None:
    """The field of work of a generic name: 「财政部门」 -> 「财政」, 「教育行政部门」 -> 「教育」."""
    for head in GENERIC_HEADS:
        if core.endswith(head) and len(core) > len(head):
            work = core[: -len(head)]
            return None if work in NO_FIELD or len(work) < 2 else work
    return None


def is_abbreviation(short: str, long: str) -> bool:
    """「人社局」 abbreviates 「人力资源和社会保障局」: same first character and suffix, and the short
    name's characters appear in order in the long one."""
    if len(short) >= len(long) or len(short) < 2 or short[0] != long[0]:
        return False
    suffix = _suffix_of(short)
    if not long.endswith(suffix) or _suffix_of(long) != suffix:
        return False
    position = 0
    for char in short:
        position = long.find(char, position)
        if position < 0:
            return False
        position += 1
    return True


@lru_cache(maxsize=8192)
def same_core(a: str, b: str) -> bool:
    a, b = _short_suffix(a), _short_suffix(b)
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if is_abbreviation(shorter, longer):
        return True
    for generic, other in ((a, b), (b, a)):
        work = generic_field(generic)
        if work and generic_field(other) is None and (other.startswith(work) or is_abbreviation(work, other[:-1])):
            return True
    return False


def same_organ(a: str, b: str, places: Iterable[str] = ()) -> bool:
    """Whether two mentions name one organ (see the module docstring)."""
    places = tuple(places)
    place_a, core_a = split_place(a, places)
    place_b, core_b = split_place(b, places)
    if not core_a or not core_b or not same_core(core_a, core_b):
        return False
    level_a, level_b = level(place_a), level(place_b)
    return level_a is None or level_b is None or level_a == level_b


# --- the organs of one document -----------------------------------------------------------------

def government_place(government: str) -> str:
    """「阳泉市城区人民政府」 -> 「阳泉市城区」."""
    return re.sub(r"(?:人民政府|政府)(?:办公室|办公厅)?$", "", compact(government))


@dataclass(frozen=True)
class OrganIndex:
    """The organs known for one document (roster, pack, approval record) and its places."""

    names: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    @classmethod
    def build(cls, roster=None, extra: Iterable[str] = ()) -> OrganIndex:
        """From a roster (``pipeline.roster.Roster``; its government, people's organs and
        departments) and further names (a pack's organ list, the organs of an approval record)."""
        names: list[str] = []
        places: list[str] = []
        if roster is not None:
            names.append(roster.government)
            places.append(government_place(roster.government))
            for person in roster.people:
                names.append(person.organ)
                names.extend(person.departments)
        names.extend(extra)
        unique = tuple(dict.fromkeys(compact(name) for name in names if name and compact(name)))
        return cls(unique, tuple(place for place in dict.fromkeys(places) if place))

    def canonical(self, mention: str) -> str:
        """The full name the roster or pack gives the organ ``mention`` names; the mention itself
        (compacted) when none or several match."""
        return _canonical(self, compact(mention))

    @property
    def cores(self) -> frozenset[str]:
        return _cores(self)

    def same(self, a: str, b: str) -> bool:
        """Whether two mentions name one organ, through the known names where they help."""
        if same_organ(a, b, self.places):
            return True
        canonical_a, canonical_b = self.canonical(a), self.canonical(b)
        return canonical_a == canonical_b or same_organ(canonical_a, canonical_b, self.places)


@lru_cache(maxsize=256)
def _cores(index: OrganIndex) -> frozenset[str]:
    return frozenset(split_place(name, index.places)[1] for name in index.names)


@lru_cache(maxsize=8192)
def _canonical(index: OrganIndex, mention: str) -> str:
    core = split_place(mention, index.places)[1]
    matches = [name for name in index.names if same_organ(mention, name, index.places)]
    chosen = [name for name in matches if split_place(name, index.places)[1] == core] or matches
    if len(set(chosen)) == 1:
        return chosen[0]
    if chosen and len({split_place(name, index.places)[1] for name in chosen}) == 1:
        return max(chosen, key=len)  # 区财政局 and 阳泉市城区财政局 both listed: the full name
    return mention


# --- organ mentions in running text -------------------------------------------------------------

# Where a department's name may end in running text (the organs a sentence gives a task to).
DEPARTMENT_ENDINGS = ("行政主管部门", "主管部门", "管理委员会", "委员会", "办公室", "分局", "大队", "支队", "部门", "机关", "局", "委", "办")
# A unit named after its parent, written glued to it: 市自然资源局城区分局, 市公安局交警支队.
SUBORDINATE_ENDINGS = ("分局", "大队", "支队")
# 举办, 承办, 督办 …: verbs, not offices.
NOT_AN_OFFICE = re.compile(r"[举承主督交查开创代兴协包操筹申合联试停民公]办$")
# An ending followed by these is another word: 局长, 局面, 委托, 委员, 办理, 办法, 机关事务 …
NOT_AN_ENDING = re.compile(r"[长面势限部托屈员书理法公事好学班证件结案编园]|预算|经费|职责|之间|事务")
# Words that end the text before a name: 由区财政局, 会同区人社局, 根据区统计局 … (never inside a
# department's name; the exceptions keep 区经济和信息化局, 区对外贸易局, 区应急管理局, 区能源局).
LEFT_STOPS = re.compile(
    r"(?:交由|会同|联合|配合|协同|协调|牵头|负责|组织|按照|根据|依据|依照|要求|督促|指导|支持|协助|邀请|委托|商请|提请|"
    r"需要|建议|确保|推动|及时|资金|经费|工作|项目|任务|事项|通过|积极|主动|分别|具体|同时|此外|其中|包括|应当|必须|责成|提供|上述|以上|相关|有关|"
    r"经(?![济信营贸管开侦])|应(?!急)|能(?!源)|对(?!外)|为(?!民)|由|请|并|将|向|从|在|是|等|以|按|据|的|了|已|于|需|即|"
    r"要|须|可|该|本|我|各|另|年|月|日|时)"
)
SOFT_STOPS = "和与及或、"  # a boundary only right after another organ: 区财政局和区住建局, not 区住房和城乡建设局
MENTION_MAX = 16


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str  # as written
    canonical: str  # the roster's or pack's name for it, else the name


def ends_a_name(text: str, end: int) -> bool:
    """Whether an organ name may end at ``end`` of ``text``: not where the next character makes its
    last one part of another word (区长办|公会议, 财政局|长)."""
    return not NOT_AN_ENDING.match(text, end)


def _ending_pattern() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(map(re.escape, DEPARTMENT_ENDINGS)) + ")")


def find_departments(text: str, index: OrganIndex | None = None) -> list[Mention]:
    """The department names in running text, left to right, never cut: 「由区财政局负责」 ->
    「区财政局」, 「阳泉市城区财政局」 whole, 「区住房和城乡建设局、区城市管理局」 -> both, 「财政部门」.
    A generic word that names no field of work (「有关部门」, 「各部门」) is no mention."""
    index = index or OrganIndex()
    found: list[Mention] = []
    for ending in _ending_pattern().finditer(text):
        if not ends_a_name(text, ending.end()):
            continue
        start = _name_start(text, ending.start(), found[-1].end if found else 0)
        name = text[start:ending.end()]
        core = split_place(name, index.places)[1]
        if core in DEPARTMENT_ENDINGS:
            core = name  # 「公安城区分局」: no place before a bare ending
        if len(core) < 3 and core not in known_organs() or NOT_AN_OFFICE.search(name) \
                or (core.endswith(GENERIC_HEADS) and generic_field(core) is None):
            continue
        if found and found[-1].end > start:
            continue
        if found and found[-1].end == start and name.endswith(SUBORDINATE_ENDINGS):
            start = found.pop().start  # 「市自然资源局城区分局」: a branch is named after its parent
        else:
            start = _known_tail(text, start, ending.end(), index)
        name = text[start:ending.end()]
        found.append(Mention(start, ending.end(), name, index.canonical(name)))
    return found


def _known_tail(text: str, start: int, end: int, index: OrganIndex) -> int:
    """Where the longest known organ name inside text[start:end] that reaches ``end`` begins: the text
    before a bare name has no stop word to end it (「所需资金财政局」 -> 「财政局」). ``start`` when none."""
    if not index.names:
        return start
    for position in range(start, end - 1):
        core = split_place(text[position:end], index.places)[1]
        if any(same_core(core, known) for known in index.cores):
            return position
    return start


def _name_start(text: str, ending_start: int, floor: int) -> int:
    """Where the name ending at ``ending_start`` begins: after the last non-CJK character (or soft
    joiner right after another organ) within MENTION_MAX characters, then after the last word that
    ends the text before a name."""
    begin = max(floor, ending_start - MENTION_MAX)
    for position in range(ending_start - 1, begin - 1, -1):
        char = text[position]
        if not "\u4e00" <= char <= "\u9fff" or (
                char in SOFT_STOPS and text[max(0, position - 4):position].endswith(DEPARTMENT_ENDINGS + ("政府",))):
            begin = position + 1
            break
    for stop in LEFT_STOPS.finditer(text, begin, ending_start):
        begin = max(begin, stop.end())
    return begin

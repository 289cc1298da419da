"""Person names: one reading for the approval record, the 签发人, the 附注's 联系人 and whatever else
names people.

A stretch of text is a person's name when, after its blanks are closed (``王　强``), a trailing
同志 and a post glued to it (``刘卫东区长``) are taken off:

1. it is a roster name (the clerk's list of people wins over everything);
2. it is a minority name written with a middle dot (``阿依古丽·买买提``);
3. it is a surname from ``extractors/data/surnames.txt`` (single or compound) followed by one or
   two characters, and not a word a record uses for something else (an opinion, a post, an organ);
4. jieba tags it as a person (``nr``), with the one jieba set-up the segmenter uses
   (``extractors.segment.government_jieba``). jieba's dictionary takes seconds to load, so it is
   asked only here, for a candidate the roster and the surname list could not decide: a cold
   ``check`` of a record whose names are on the list never loads it.

Nothing depends on how a document anonymises people: ``韩某某`` is a surname and two characters.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Callable, Literal

from gongwen.extractors.data import phrase_list
from gongwen.extractors.knowledge.organs import is_organ_name

if TYPE_CHECKING:
    from gongwen.pipeline.roster import Roster

HAN = "\u4e00-\u9fff"
MIDDLE_DOTS = "·•・‧"
MINORITY_NAME = re.compile(rf"[{HAN}]{{1,8}}(?:[{MIDDLE_DOTS}][{HAN}]{{1,8}}){{1,3}}")
HONORIFIC = "同志"
UNSURE_CANDIDATE = re.compile(rf"[{HAN}]{{2,4}}")
PERSON_TAGS = ("nr", "nrt", "nrfg")
# Words that open with a surname character but are what a record writes besides names.
NOT_NAMES = re.compile(r"^(?:拟?同意|原则|已阅|阅示|阅处|审批|审定|审签|审核|签发|会签|核稿|拟稿|特此|妥否|如拟|"
                       r"不同意|无意见|经办|主办|承办|办理|意见|单位|部门|领导|科室|日期|时间|年度|附件|签名|签字|盖章)")

Source = Literal["roster", "pattern", "surname", "segmentation"]
CONFIDENCE: dict[Source, float] = {"roster": 1.0, "pattern": 0.9, "surname": 0.85, "segmentation": 0.7}


@dataclass(frozen=True)
class PersonName:
    name: str
    source: Source
    post: str | None = None  # a post written glued to the name (刘卫东区长) or after it

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.source]


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single, compound) surnames."""
    words = phrase_list("surnames")
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) > 1)


@cache
def posts() -> tuple[str, ...]:
    """Posts, longest first (常务副区长 before 副区长 before 区长)."""
    return tuple(sorted(set(phrase_list("posts")), key=len, reverse=True))


def compact(text: str) -> str:
    """``text`` in NFKC without blanks: ``王　强`` is ``王强``."""
    return "".join(unicodedata.normalize("NFKC", text).split()).replace("・", "·")


def is_surname(text: str) -> bool:
    single, compound = _surnames()
    return text in single or text in compound


def _surname_shaped(text: str) -> bool:
    single, compound = _surnames()
    if len(text) >= 3 and text[:2] in compound and len(text) <= 4:
        return True
    return 2 <= len(text) <= 3 and text[0] in single


def _jieba_person(text: str) -> bool:
    # deferred: seconds of loading, only for names nothing else decides
    import jieba.posseg

    from gongwen.extractors.segment import government_jieba

    government_jieba()
    pairs = list(jieba.posseg.cut(text))
    return len(pairs) == 1 and pairs[0].flag in PERSON_TAGS


def _bare_name(text: str, roster: Roster | None, segment: bool) -> Source | None:
    if roster is not None and text in roster.names():
        return "roster"
    if MINORITY_NAME.fullmatch(text):
        return "pattern"
    if not re.fullmatch(rf"[{HAN}]+", text) or NOT_NAMES.match(text) or _is_post(text) or _is_organ(text):
        return None
    if _surname_shaped(text):
        return "surname"
    if segment and UNSURE_CANDIDATE.fullmatch(text) and _jieba_person(text):
        return "segmentation"
    return None


def _is_post(text: str) -> bool:
    return any(text.endswith(post) for post in posts())


def _is_organ(text: str) -> bool:
    return len(text) > 2 and is_organ_name(text)


def read_name(text: str, roster: Roster | None = None, segment: bool = True) -> PersonName | None:
    """``text`` as a whole read as one person's name, or None.

    Blanks inside are closed, a trailing 同志 and a glued post are taken off (the post is kept):
    ``姚丹同志`` → 姚丹, ``刘卫东区长`` → 刘卫东 (区长), ``阿依古丽·买买提`` stays whole.
    ``segment=False`` never asks jieba (for callers that only need the cheap answer).
    """
    core = compact(text).removesuffix(HONORIFIC)
    if core in posts():
        return None
    post = None
    source = _bare_name(core, roster, segment=False)
    if source is None:
        post = next((p for p in posts() if core.endswith(p) and len(core) > len(p)), None)
        if post is not None:
            core = core[: -len(post)].removesuffix(HONORIFIC)
            source = _bare_name(core, roster, segment=False)
    if source is None and segment:
        source = _bare_name(core, roster, segment=True)
    return PersonName(core, source, post) if source else None


def written_name(text: str, roster: Roster | None = None) -> str:
    """The name a clerk writes down for ``text``: blanks closed, a trailing 同志 and a glued post
    dropped (``张某某同志`` → 张某某); where no name is read, ``text`` without blanks and 同志."""
    found = read_name(text, roster, segment=False)
    return found.name if found else compact(text).removesuffix(HONORIFIC)


def name_at_end(text: str, roster: Roster | None = None, segment: bool = False,
                prefix_ok: Callable[[str], bool] = lambda before: True) -> tuple[str, PersonName] | None:
    """(what comes before, the name) when ``text`` ends with a person's name, perhaps with 同志 or
    a post glued after it: ``区财政局王强``, ``常务副区长韩某某``, ``刘卫东区长``. A roster name is
    taken after anything; another only where ``prefix_ok`` accepts what comes before it (the
    longest such name wins). jieba is asked only with ``segment=True``."""
    core = compact(text)
    if roster is not None:
        stem = core.removesuffix(HONORIFIC)
        for name in sorted(roster.names(), key=len, reverse=True):
            if stem.endswith(name):
                return stem[: -len(name)], PersonName(name, "roster")
    for start in range(len(core)):
        before = core[:start]
        if before and not prefix_ok(before):
            continue
        found = read_name(core[start:], roster, segment)
        if found is not None:
            return before, found
    return None


def split_names(text: str, roster: Roster | None = None) -> list[str]:
    """The names of a list written with blanks or 、，: ``王强　李明``, and ``常　晓燕``,
    ``欧阳　文斌`` (a surname spaced off its given name) or ``粟　雅　琴`` read as one name each; a glued post or
    同志 is dropped. Pieces that are no name are kept as written."""
    pieces = [piece for piece in re.split(r"[\s、，,；;]+", unicodedata.normalize("NFKC", text)) if piece]
    names: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        singles = next((count for count, other in enumerate(pieces[index:]) if len(other) != 1), len(pieces) - index)
        if singles == 3 and is_surname(piece):
            joined = read_name("".join(pieces[index:index + 3]), roster, segment=False)
            if joined is not None:  # 「粟　雅　琴」: a three-character name spaced out evenly
                names.append(joined.name)
                index += 3
                continue
        if index + 1 < len(pieces) and (is_surname(piece) or read_name(piece, roster, segment=False) is None):
            joined = read_name(piece + pieces[index + 1], roster, segment=False)
            if joined is not None and (is_surname(piece) or len(piece) == 1):
                names.append(joined.name)
                index += 2
                continue
        found = read_name(piece, roster, segment=False) or read_name(piece, roster)
        names += [found.name] if found else _glued_pair(piece, roster) or [piece]
        index += 1
    return names


def _glued_pair(text: str, roster: Roster | None) -> list[str] | None:
    """Two names written with nothing between them, as OCR reads ``萧某某　贾某某``: the cut where
    both halves read as names, halves of three characters preferred (the commonest length)."""
    if not 4 <= len(text) <= 8:
        return None
    cuts = [(text[:cut], text[cut:]) for cut in range(2, len(text) - 1)]
    pairs = [(a, b) for a, b in cuts
             if read_name(a, roster, segment=False) and read_name(b, roster, segment=False)
             and a not in posts() and b not in posts()]
    if not pairs:
        return None
    first, second = min(pairs, key=lambda pair: abs(len(pair[0]) - 3) + abs(len(pair[1]) - 3))
    return [first, second]

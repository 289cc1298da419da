"""Word segmentation and entity tagging: jieba (with the bundled government vocabulary) inside a
spaCy blank("zh") pipeline with an entity_ruler for ORG, POST, PERSON and DOCTYPE.

Segmentation is the pipeline's most expensive step (jieba is its ceiling), so it covers only the
text where organs, posts and people are named: everything but the body (版头, 标题, 主送, 署名,
日期, 附注, 版记) once the structure is known, the whole text when no body was found. Each region
is segmented exactly once, by ``nlp(text)``; tokens and entities both come from that spaCy Doc.
jieba's dictionary and the pipeline are loaded once per process (``get_segmenter``).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

import jieba
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH

from gongwen.extractors.data import USER_DICT, doc_types, phrase_list
from gongwen.extractors.knowledge.organs import known_organs, organ_suffixes
from gongwen.pipeline.model import Document, Entity, Token

CJK_WORD = r"^[\u4e00-\u9fff]+$"
# Tokens that name a place: 阳泉市, 城区, 东安区, 兴隆镇, 中共 …
PLACE_TOKEN = (
    r"^(?:[\u4e00-\u9fff]{0,8}(?:省|市|区|县|镇|乡|州|旗|盟|街道|自治区|自治州|自治县)"
    r"|中共|中国共产党|中华人民共和国|全国|各)$"
)
# Words that end in an organ suffix but are not organs.
NOT_ORGANS = [
    "全部", "内部", "外部", "干部", "局部", "部分", "部署", "举办", "承办", "主办", "督办", "交办", "查办",
    "开办", "创办", "代办", "法院", "学院", "医院", "中心", "重心", "核心", "用心", "决心",
]
FUNCTION_WORDS = ["的", "和", "与", "及", "对", "在", "为", "关于", "印发", "转发", "由", "经", "向", "是", "将"]
PERSON_CONTEXT_LABELS = ("签发人", "联系人", "拟稿人", "核稿人", "拟稿", "核稿", "签发", "审核", "会签", "审签", "审阅")


def organ_suffix_regex() -> str:
    return "^[\\u4e00-\\u9fff]*(?:" + "|".join(map(re.escape, organ_suffixes())) + ")$"


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns: phrase lists for known organs, posts and 文种; token shapes for
    organs built from a place and an organ suffix (阳泉市 城区 人民政府, 区 财政局)."""
    patterns: list[dict] = []
    patterns += [{"label": "ORG", "pattern": name} for name in sorted(known_organs())]
    patterns += [{"label": "POST", "pattern": post} for post in phrase_list("posts")]
    patterns += [{"label": "DOCTYPE", "pattern": kind} for kind in doc_types()]
    place = {"TEXT": {"REGEX": PLACE_TOKEN}}
    suffix_regex = organ_suffix_regex()
    # Filler words sit between the place and the suffix (阳泉市 城区 人民政府) and never end an organ
    # name themselves, so one organ does not run on into the next ("区财政局会同工业和信息化部").
    not_an_organ = "^(?!" + suffix_regex.lstrip("^") + ")" + CJK_WORD.lstrip("^")
    filler = {"TEXT": {"REGEX": not_an_organ, "NOT_IN": FUNCTION_WORDS}, "OP": "{,3}"}
    suffix = {"TEXT": {"REGEX": suffix_regex, "NOT_IN": NOT_ORGANS}, "OP": "{1,2}"}
    patterns.append({"label": "ORG", "pattern": [place, {**place, "OP": "*"}, filler, suffix]})
    return patterns


@cache
def government_jieba() -> None:
    """jieba's default tokenizer with the government vocabulary (user dictionary, posts, organs,
    文种), set up once per process: the segmenter and the names module (person tags) share it."""
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    jieba.load_userdict(str(USER_DICT))
    for word in phrase_list("posts"):
        jieba.add_word(word, freq=100, tag="n")
    for word in sorted(known_organs()):
        jieba.add_word(word, freq=100, tag="nt")
    for word in doc_types():
        jieba.add_word(word, tag="n")


class Segmenter:
    """jieba with the government vocabulary, plus a spaCy zh pipeline tagging entities."""

    def __init__(self) -> None:
        government_jieba()
        self.surnames = frozenset(phrase_list("surnames"))
        self.person_words = self._dictionary_person_names()
        # The tokenizer config must sit under "nlp": elsewhere spaCy silently falls back to
        # one token per character.
        self.nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        ruler = self.nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
        ruler.add_patterns(ruler_patterns())

    def _dictionary_person_names(self) -> frozenset[str]:
        """jieba's dictionary words tagged ``nr`` that also look like a name: 2-4 characters and a
        known surname (jieba tags many idioms ``nr`` too: 一劳永逸). Read straight from the
        dictionary file: importing jieba.posseg for its tag table costs over half a second."""
        names = []
        with jieba.dt.get_dict_file() as handle:
            for line in handle:
                word, _, tag = line.decode("utf-8").split()
                if tag == "nr" and 2 <= len(word) <= 4 and (word[0] in self.surnames or word[:2] in self.surnames):
                    names.append(word)
        return frozenset(names)

    def is_person_name(self, word: str) -> bool:
        return word in self.person_words

    def person_spans(self, text: str, words: Iterable[tuple[str, int]], roster_names: Iterable[str]) -> list[tuple[int, int]]:
        spans = [(start, start + len(word)) for word, start in words if self.is_person_name(word)]
        # 张某某 / 王某: how anonymised and template documents write names; jieba splits them.
        surname_class = "".join(sorted(name for name in self.surnames if len(name) == 1))
        spans += [match.span() for match in re.finditer(f"[{surname_class}]某某?", text)]
        for name in set(roster_names):
            if not name:
                continue
            start = text.find(name)
            while start != -1:
                spans.append((start, start + len(name)))
                start = text.find(name, start + len(name))
        return spans

    def analyse(self, text: str, roster_names: Iterable[str] = ()) -> tuple[tuple[Token, ...], tuple[Entity, ...]]:
        parsed = self.nlp(text)
        # Reading offsets as arrays is an order of magnitude cheaper than iterating spaCy Tokens.
        tokens = tuple(
            Token(text[start:start + length], start, start + length)
            for start, length, is_space in parsed.to_array([IDX, LENGTH, IS_SPACE]).tolist()
            if not is_space
        )
        entities = [Entity(span.label_, span.text, span.start_char, span.end_char) for span in parsed.ents]
        taken = [(entity.start, entity.end) for entity in entities]
        for start, end in sorted(self.person_spans(text, ((t.text, t.start) for t in tokens), roster_names)):
            if all(end <= other_start or start >= other_end for other_start, other_end in taken):
                entities.append(Entity("PERSON", text[start:end], start, end))
                taken.append((start, end))
        return tokens, tuple(sorted(entities, key=lambda entity: (entity.start, entity.end)))


@cache
def get_segmenter() -> Segmenter:
    return Segmenter()


def regions(doc: Document) -> list[tuple[int, int]]:
    """The stretches of ``doc.text`` to segment: all but the body, or everything without one."""
    body = doc.structure.span("body")
    if body is None:
        return [(0, len(doc.text))]
    return [(start, end) for start, end in ((0, body.start), (body.end, len(doc.text))) if end > start]


def segment(doc: Document, roster_names: Iterable[str] = ()) -> Document:
    segmenter = get_segmenter()
    tokens: list[Token] = []
    entities: list[Entity] = []
    for start, end in regions(doc):
        region_tokens, region_entities = segmenter.analyse(doc.text[start:end], roster_names)
        tokens += [Token(t.text, t.start + start, t.end + start) for t in region_tokens]
        entities += [Entity(e.label, e.text, e.start + start, e.end + start) for e in region_entities]
    return replace(doc, tokens=tuple(tokens), entities=tuple(entities))

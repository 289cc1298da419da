"""Property tests (hypothesis, bounded) for the normalizer's offset map and the word count.

The normalizer must be a reversible view: every normalized offset maps into the text as written,
in order, and the original stretch a normalized stretch maps back to normalizes to that stretch.
The word count must behave like Word's 字数: additive over paragraphs, blind to whitespace around
East-Asian characters, one per CJK character.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen.extractors.normalize import ZERO_WIDTH, normalize
from gongwen.pipeline.model import Block, RawDocument
from gongwen.validators.wordcount import count_words

BOUNDED = settings(max_examples=50, deadline=2000)

# The characters that matter to the normalizer: CJK and full-width marks, ASCII letters and digits,
# every kind of blank (ideographic, no-break, tab, CR), zero-width characters and line breaks.
CHARACTERS = st.sampled_from(
    list("公文通知关于的请示区政府２０２４〔〕（），。：、《》“”—…") + list("ab1 -.:()[]")
    + ["\u3000", "\u00a0", "\t", "\r", "\u2003", *sorted(ZERO_WIDTH), "\n"]
)
BLOCK_TEXTS = st.text(CHARACTERS, max_size=30)
BLOCKS = st.lists(st.tuples(st.sampled_from(("para", "table_row")), BLOCK_TEXTS), max_size=6)


def raw_document(blocks: list[tuple[str, str]]) -> RawDocument:
    return RawDocument(path="x.txt", format="txt", blocks=tuple(Block(kind, text) for kind, text in blocks))


@BOUNDED
@given(BLOCKS)
def test_every_normalized_offset_maps_into_the_original_in_order(blocks):
    doc = normalize(raw_document(blocks))
    assert len(doc.offset_map) == len(doc.text) + 1
    assert all(0 <= offset <= len(doc.original) for offset in doc.offset_map)
    assert all(a <= b for a, b in zip(doc.offset_map, doc.offset_map[1:]))


@BOUNDED
@given(BLOCKS)
def test_each_kept_character_maps_to_itself_as_written(blocks):
    doc = normalize(raw_document(blocks))
    for index, char in enumerate(doc.text):
        if not char.isspace():
            assert doc.original[doc.offset_map[index]] == char


@BOUNDED
@given(BLOCKS, st.data())
def test_the_mapped_original_stretch_normalizes_to_the_normalized_stretch(blocks, data):
    """For a stretch that starts and ends on a character as written (not on a blank the normalizer
    inserted or a block break), the original it maps to, cut into blocks where the document's
    blocks meet, normalizes back to the stretch."""
    doc = normalize(raw_document(blocks))
    anchors = [i for i, char in enumerate(doc.text) if not char.isspace()]
    if not anchors:
        return
    start = data.draw(st.sampled_from(anchors))
    end = data.draw(st.sampled_from([i + 1 for i in anchors if i >= start]))
    original_start, original_end = doc.to_original(start, end)
    pieces = []  # the stretch cut at the block boundaries as written (a block may hold line breaks)
    block_start = 0
    for block in doc.raw.blocks:
        block_end = block_start + len(block.text)
        if block_end >= original_start and block_start <= original_end:
            pieces.append((block.kind, doc.original[max(block_start, original_start):min(block_end, original_end)]))
        block_start = block_end + 1
    again = normalize(raw_document(pieces))
    assert again.text == doc.text[start:end]


PARAGRAPH = st.text(st.sampled_from(list("公文通知，。“”２０ab12 -.")), max_size=25)


@BOUNDED
@given(st.lists(PARAGRAPH, max_size=6), st.sampled_from(["\n", "\r\n", "\u3000\n", "\n\n"]))
def test_word_count_adds_up_over_paragraphs(paragraphs, separator):
    assert count_words(separator.join(paragraphs)) == sum(count_words(p) for p in paragraphs)


@BOUNDED
@given(st.text(st.sampled_from(list("公文通知关于，。、《》")), max_size=40),
       st.lists(st.sampled_from([" ", "\u3000", "\t", "\n", "\u00a0"]), max_size=10), st.data())
def test_word_count_ignores_whitespace_between_east_asian_characters(text, blanks, data):
    spaced = text
    for blank in blanks:
        position = data.draw(st.integers(0, len(spaced)))
        spaced = spaced[:position] + blank + spaced[position:]
    assert count_words(spaced) == count_words(text) == len(text)


@BOUNDED
@given(st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=40),
       st.text(st.sampled_from(list("abcXYZ0123456789.%/")), min_size=1, max_size=10))
def test_word_count_counts_each_cjk_character_once_and_an_ascii_run_once(cjk, run):
    assert count_words(cjk) == len(cjk)
    assert count_words(cjk + run) == len(cjk) + 1
    assert count_words(cjk + " " + run + " " + run) == len(cjk) + 2


@BOUNDED
@given(st.text(st.sampled_from([" ", "\u3000", "\t", "\r", "\n", "\u00a0", "\u200b"]), max_size=20))
def test_whitespace_alone_counts_nothing(blanks):
    assert count_words(blanks) == 0

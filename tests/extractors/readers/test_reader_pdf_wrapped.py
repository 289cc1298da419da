"""Lines a PDF's line width wrapped are joined even when the wrapped-over line is short.

Two facts of real files, reproduced with reportlab's STSong-Light (a CJK font the file names but does
not embed, as some office tools write it):
- a character wrapped onto a line of its own is a text object of one glyph, which pdfium's text page
  leaves out (its box has no width): the title's 「示」, the signer's last character;
- a writer that counts digits as wide as a Chinese character wraps a line holding digits short of
  the right margin, where its narrow glyphs end (「…0353-204116」 / 「3）」).
"""
from __future__ import annotations

from gongwen.extractors.readers import read_document
from gongwen.pipeline.runner import process_path
from reader_builders import write_pdf

SIZE = 16.0
LEFT, RIGHT = 80.0, 512.0  # the text area: 27 characters of 16 pt
INDENT = LEFT + 2 * SIZE
TITLE_SIZE = 20.0
PAGE_WIDTH = 595.0

TITLE = "关于在上站街道设立区级嵌入式养老服务中心的请示"
BODY = ("上站街道六十周岁以上户籍老年人口占街道户籍人口的比例居全区首位，街道现有日间照料中心均为多年前建成，"
        "面积小、功能单一，不能提供短期托养服务。")
ASK = "妥否，请批示。"
SIGNATURE = "阳泉市城区民政局"
DATE = "2024年2月26日"
# The writer wraps at 25 characters after the indent, digits counted one em each.
NUMBER_LINE = "阳城民请〔2024〕4号" + "\u3000" * 7 + "签发人：仝建"
NOTE_LINE = "（联系人：白玉洁，联系电话：0353-204116"


def _centred(text: str, size: float) -> float:
    return (PAGE_WIDTH - size * len(text)) / 2


def _request(tmp_path, page_number: str = "— 1 —"):
    assert len(NUMBER_LINE) == len(NOTE_LINE) == 25 and len(TITLE[:-1]) * TITLE_SIZE > RIGHT - LEFT
    lines = [
        (_centred(SIGNATURE, 26.0), SIGNATURE, 26.0),
        (INDENT, NUMBER_LINE, SIZE),
        (LEFT, "军", SIZE),
        ((PAGE_WIDTH - TITLE_SIZE * len(TITLE[:-1])) / 2, TITLE[:-1], TITLE_SIZE),
        (_centred(TITLE[-1], TITLE_SIZE), TITLE[-1], TITLE_SIZE),
        (LEFT, "区人民政府：", SIZE),
        (INDENT, BODY[:25], SIZE),
        (LEFT, BODY[25:52], SIZE),
        (LEFT, BODY[52:], SIZE),
        (INDENT, ASK, SIZE),
        (RIGHT - 4 * SIZE - SIZE * len(SIGNATURE), SIGNATURE, SIZE),
        (RIGHT - 4 * SIZE - SIZE * 7, DATE, SIZE),
        (INDENT, NOTE_LINE, SIZE),
        (LEFT, "3）", SIZE),
    ]
    assert all(x + SIZE * len(text) == RIGHT for x, text, _ in lines[6:8]), "body lines reach the margin"
    page = [(x, 760.0 - 34 * index, text, size) for index, (x, text, size) in enumerate(lines)]
    page.append((_centred(page_number, 14.0), 60.0, page_number, 14.0))
    return write_pdf(tmp_path / "请示.pdf", [page])


def test_a_glyph_wrapped_onto_a_line_of_its_own_is_read(tmp_path):
    texts = [block.text for block in read_document(_request(tmp_path)).blocks]
    assert TITLE[:-1] in texts and TITLE[-1] in texts


def test_a_title_wrapped_before_its_last_character_keeps_its_document_type(tmp_path):
    fields = process_path(_request(tmp_path)).fields
    assert (fields.title, fields.doc_type) == (TITLE, "请示")


def test_a_name_wrapped_after_its_first_characters_is_whole(tmp_path):
    texts = [block.text for block in read_document(_request(tmp_path)).blocks]
    assert NUMBER_LINE + "军" in texts
    assert process_path(_request(tmp_path)).fields.signer == ("仝建军",)


def test_a_phone_number_wrapped_inside_its_digits_is_whole(tmp_path):
    texts = [block.text for block in read_document(_request(tmp_path)).blocks]
    assert NOTE_LINE + "3）" in texts
    assert process_path(_request(tmp_path)).fields.contact.phone == "0353-2041163"


def test_short_lines_of_their_own_stay_apart(tmp_path):
    """A 署名 over its date, the body's last line before the ask, and a page number of one glyph (which
    pdfium's text page also leaves out) are lines of their own."""
    blocks = read_document(_request(tmp_path, page_number="1")).blocks
    texts = [block.text for block in blocks]
    assert [BODY, ASK, SIGNATURE, DATE] == texts[texts.index(BODY):texts.index(DATE) + 1]
    assert (blocks[-1].kind, blocks[-1].text) == ("footer", "1")


def test_a_short_line_of_digits_is_not_taken_for_a_wrapped_one(tmp_path):
    """Counted one em each, the digits of 「联系电话：0353-2041163」 still leave it well short of the margin."""
    full = "区民政局将会同上站街道办事处做好中心建设运营的监督管理工作，确"
    lines = [(INDENT, full[:25]), (LEFT, full[25:] + "保服务质量。"), (LEFT, "联系电话：0353-2041163"),
             (LEFT, "阳泉市城区民政局办公室")]
    page = [(x, 760.0 - 34 * index, text, SIZE) for index, (x, text) in enumerate(lines)]
    texts = [block.text for block in read_document(write_pdf(tmp_path / "short.pdf", [page])).blocks]
    assert texts[-2:] == ["联系电话：0353-2041163", "阳泉市城区民政局办公室"]


def test_a_wrapped_glyph_printed_twice_as_simulated_bold_is_read_once(tmp_path):
    title = TITLE[:-1]
    page = [((PAGE_WIDTH - TITLE_SIZE * len(title)) / 2, 760.0, title, TITLE_SIZE)]
    page += [(_centred(TITLE[-1], TITLE_SIZE) + offset, 730.0, TITLE[-1], TITLE_SIZE) for offset in (0.0, 0.4)]
    page += [(LEFT, 700.0, "区人民政府：", SIZE)]
    texts = [block.text for block in read_document(write_pdf(tmp_path / "bold.pdf", [page])).blocks]
    assert texts == [title, TITLE[-1], "区人民政府："]


def test_a_file_pdfminer_cannot_parse_keeps_pdfiums_text(tmp_path, monkeypatch):
    from pdfminer.pdfparser import PDFSyntaxError

    from gongwen.extractors.readers import pdf_glyphs

    attempts = []

    def unparsable(*args, **kwargs):
        attempts.append(args)
        raise PDFSyntaxError("No /Root object!")

    monkeypatch.setattr(pdf_glyphs, "PDFDocument", unparsable)
    texts = [block.text for block in read_document(_request(tmp_path)).blocks]
    assert attempts and TITLE[:-1] in texts and BODY in texts

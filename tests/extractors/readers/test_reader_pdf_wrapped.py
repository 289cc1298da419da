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
from reader_builders import write_pdf, write_pdf_with_boxless_glyphs

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


def _request_with_a_boxless_glyph(tmp_path):
    """The request's title wrapped before 「示」, that glyph's box without width on any machine: pdfium
    leaves out a lone STSong-Light glyph only where it finds no CJK font to stand in for it."""
    lines = [((PAGE_WIDTH - TITLE_SIZE * len(TITLE[:-1])) / 2, 760.0, TITLE[:-1], TITLE_SIZE),
             (_centred(TITLE[-1], TITLE_SIZE), 730.0, TITLE[-1], TITLE_SIZE),
             (LEFT, 700.0, "区人民政府：", SIZE),
             (INDENT, 672.0, BODY[:25], SIZE), (LEFT, 644.0, BODY[25:52], SIZE), (LEFT, 616.0, BODY[52:], SIZE),
             (INDENT, 588.0, ASK, SIZE)]
    return write_pdf_with_boxless_glyphs(tmp_path / "请示.pdf", lines, boxless={1})


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


def test_a_glyph_whose_box_has_no_width_is_read_in_its_place(tmp_path):
    texts = [block.text for block in read_document(_request_with_a_boxless_glyph(tmp_path)).blocks]
    assert texts == [TITLE[:-1], TITLE[-1], "区人民政府：", BODY, ASK]


def test_a_file_pdfminer_cannot_parse_keeps_pdfiums_text(tmp_path, monkeypatch):
    from pdfminer.pdfparser import PDFSyntaxError

    from gongwen.extractors.readers import pdf_glyphs

    attempts = []

    def unparsable(*args, **kwargs):
        attempts.append(args)
        raise PDFSyntaxError("No /Root object!")

    monkeypatch.setattr(pdf_glyphs, "PDFDocument", unparsable)
    texts = [block.text for block in read_document(_request_with_a_boxless_glyph(tmp_path)).blocks]
    assert attempts and TITLE[:-1] in texts and BODY in texts


def test_a_glyph_the_page_copy_cannot_give_is_read_from_the_files_own_page(tmp_path, monkeypatch):
    """The dropped glyph is read first from a one-page copy holding only its object; where pdfium
    cannot write that copy, pdfminer reads the page as the file has it."""
    from gongwen.extractors.readers import pdf

    copies = []

    def failing_copy(*args):
        copies.append(args)
        raise RuntimeError("the page could not be written")

    monkeypatch.setattr(pdf, "_page_copy", failing_copy)
    texts = [block.text for block in read_document(_request_with_a_boxless_glyph(tmp_path)).blocks]
    assert copies and TITLE[:-1] in texts and TITLE[-1] in texts


def test_a_glyph_dropped_inside_a_form_xobject_is_read(tmp_path):
    """A form XObject (a letterhead or stamp template) drawing a lone glyph: the copy keeps the whole form."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "form.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, 842.0))
    pdf.beginForm("heading")
    pdf.setFont("STSong-Light", TITLE_SIZE)
    pdf.drawString((PAGE_WIDTH - TITLE_SIZE * len(TITLE[:-1])) / 2, 760.0, TITLE[:-1])
    pdf.drawString(_centred(TITLE[-1], TITLE_SIZE), 730.0, TITLE[-1])
    pdf.endForm()
    pdf.doForm("heading")
    pdf.setFont("STSong-Light", SIZE)
    pdf.drawString(LEFT, 700.0, "区人民政府：")
    pdf.drawString(INDENT, 672.0, ASK)
    pdf.showPage()
    pdf.save()
    texts = [block.text for block in read_document(path).blocks]
    assert texts == [TITLE[:-1], TITLE[-1], "区人民政府：", ASK]


def _one_object_per_glyph(tmp_path, lines: list[str]):
    """A page whose writer set every glyph as a text object of its own: pdfium's text page has none."""
    page = [(LEFT + SIZE * column, 760.0 - 28 * row, glyph, SIZE)
            for row, text in enumerate(lines) for column, glyph in enumerate(text)]
    return write_pdf(tmp_path / "glyphs.pdf", [page])


def test_a_page_set_one_text_object_per_glyph_is_read_whole_and_in_order(tmp_path):
    lines = ["区人民政府：", BODY[:27], BODY[27:54], BODY[54:]]
    blocks = read_document(_one_object_per_glyph(tmp_path, lines)).blocks
    assert "".join(block.text for block in blocks) == "".join(lines)
    assert all(block.anchor is not None for block in blocks)


def test_reading_glyphs_the_text_page_dropped_is_linear(tmp_path, assert_linear):
    """Thousands of lone glyphs on one page (small type, one text object each): each is matched to
    the character pdfminer draws at its origin through a grid, not by comparing every pair."""
    from pathlib import Path

    from gongwen.extractors.readers import ReadLimits
    from gongwen.extractors.readers.pdf import read_pdf

    def make_input(glyphs: int) -> bytes:
        text = (BODY * (glyphs // len(BODY) + 1))[:glyphs]
        rows = [text[start:start + 100] for start in range(0, glyphs, 100)]
        page = [(60 + 4.5 * column, 800.0 - 5 * row, glyph, 4.0)
                for row, line in enumerate(rows) for column, glyph in enumerate(line)]
        return write_pdf(tmp_path / f"glyphs-{glyphs}.pdf", [page]).read_bytes()

    assert_linear(lambda data: read_pdf(Path("glyphs.pdf"), data, ReadLimits()), make_input, 400)

"""Every file of the shared real corpus reads to text blocks or to one structured error."""
from __future__ import annotations

from gongwen.extractors.readers import SUPPORTED_SUFFIXES, read_document
from gongwen.pipeline.errors import CATALOGUE, IngestError

IMAGE_ONLY_PDF = "Huace__杨“数”浦新质秀带创新区空间布局图.pdf"


def test_every_real_file_reads_or_fails_with_a_structured_error(shared_dir):
    files = sorted(path for path in (shared_dir / "real-corpus").iterdir() if path.name != "README.md")
    assert len(files) == 55
    outcomes = {}
    for path in files:
        assert path.suffix.lower() in SUPPORTED_SUFFIXES
        try:
            document = read_document(path)
        except IngestError as error:
            assert error.code in CATALOGUE
            assert path.name in error.to_error().message
            outcomes[path.name] = error.code
            continue
        assert any(block.text.strip() for block in document.blocks), path.name
        assert len(document.sha256) == 64
        outcomes[path.name] = document.format
        if path.name == IMAGE_ONLY_PDF:  # a scanned map: read by OCR
            assert document.meta["ocr_pages"] == [1]
    assert outcomes[IMAGE_ONLY_PDF] == "pdf"
    assert [name for name, outcome in outcomes.items() if outcome not in ("docx", "html", "md", "txt", "ofd")] \
        == [IMAGE_ONLY_PDF]


def test_real_docx_keeps_body_text_in_order(shared_dir):
    path = shared_dir / "real-corpus" / "Huace__十四五数字经济发展规划_高亮文档_58.5.docx"
    blocks = read_document(path).blocks
    texts = [block.text for block in blocks]
    assert texts[0] == "十四五数字经济发展规划"
    assert blocks[0].style.alignment == "center" and blocks[0].style.bold is True
    number = texts.index("国发〔2021〕29号")
    recipients = texts.index("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：")
    assert number < recipients

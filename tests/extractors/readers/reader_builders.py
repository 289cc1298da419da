"""Builders for small documents of every format, written into tmp_path by each test."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from gongwen.pipeline.errors import IngestError

SHARED = Path(__file__).resolve().parents[3].parent / "shared"

DOCX_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def write_docx(path: Path, body_xml: str, header: str | None = None, footer: str | None = None) -> Path:
    """A real .docx from python-docx whose body is replaced by ``body_xml`` (w: elements)."""
    document = _docx_with_body(body_xml)
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        document.sections[0].footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


def write_numbered_docx(path: Path, body_xml: str, numbering_xml: str | None, styles_xml: str = "") -> Path:
    """A .docx whose numbering.xml holds ``numbering_xml`` (w:abstractNum and w:num elements), or
    that has no numbering part when it is None; ``styles_xml`` (w:style elements) is added to styles.xml."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml

    document = _docx_with_body(body_xml)
    numbering_part = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)
    if numbering_xml is None:
        for relationship_id, relationship in list(document.part.rels.items()):
            if relationship.reltype == RELATIONSHIP_TYPE.NUMBERING:
                document.part.drop_rel(relationship_id)
    else:
        numbering_part._element = parse_xml(f"<w:numbering {DOCX_NAMESPACES}>{numbering_xml}</w:numbering>")
    styles = document.styles.element
    for style in parse_xml(f"<w:styles {DOCX_NAMESPACES}>{styles_xml}</w:styles>"):
        styles.append(style)
    document.save(str(path))
    return path


def _docx_with_body(body_xml: str):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    body = document.element.body
    section_properties = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not section_properties:
            body.remove(child)
    for child in parse_xml(f"<w:body {DOCX_NAMESPACES}>{body_xml}</w:body>"):
        section_properties.addprevious(child)
    return document


def write_pdf(path: Path, pages: list[list[tuple[float, float, str, float]]], encrypt: str | None = None,
              images: list[tuple[int, float, float, float, float]] = ()) -> Path:
    """A PDF with the CID font STSong-Light: each page is a list of (x, y, text, size) strings;
    ``images`` are (page index, x, y, width, height) grey rectangles drawn as raster images."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    encryption = StandardEncryption(encrypt, canPrint=0) if encrypt else None
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encryption)
    for index, strings in enumerate(pages):
        for page_index, x, y, width, height in images:
            if page_index == index:
                picture = ImageReader(Image.new("RGB", (40, 40), (120, 120, 120)))
                pdf.drawImage(picture, x, y, width, height)
        for x, y, text, size in strings:
            pdf.setFont("STSong-Light", size)
            pdf.drawString(x, y, text)
        if not strings and not any(image[0] == index for image in images):
            pdf.rect(100, 100, 200, 200, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def write_pdf_with_boxless_glyphs(path: Path, strings: list[tuple[float, float, str, float]],
                                  boxless: set[int]) -> Path:
    """A one-page PDF written byte by byte: ``strings`` (x, y, text, size) in STSong-Light, named and
    not embedded, in content order; the strings at the indices ``boxless`` (one glyph each) are text
    objects whose box has no width on every machine, which pdfium's text page leaves out.

    A lone STSong-Light glyph has no box only where pdfium finds no CJK font to stand in for it (a
    machine with fonts-noto-cjk installed gives it one): the boxless glyphs are drawn instead with a
    Type3 font whose glyphs draw nothing and declare an empty box, their text given by ToUnicode."""
    def utf16(text: str) -> str:
        return text.encode("utf-16-be").hex().upper()

    glyphs = [strings[index][2] for index in sorted(boxless)]
    codes = {index: code for code, index in enumerate(sorted(boxless), start=1)}
    content = "".join(f"BT /F2 {size:g} Tf {x:g} {y:g} Td <{codes[index]:02X}> Tj ET\n" if index in codes
                      else f"BT /F1 {size:g} Tf {x:g} {y:g} Td <{utf16(text)}> Tj ET\n"
                      for index, (x, y, text, size) in enumerate(strings))
    to_unicode = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Boxless def "
                  "/CMapType 2 def 1 begincodespacerange <01> <FF> endcodespacerange "
                  f"{len(glyphs)} beginbfchar "
                  + " ".join(f"<{code:02X}> <{utf16(glyph)}>" for code, glyph in enumerate(glyphs, start=1))
                  + " endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")

    def stream(data: str) -> str:
        return f"<< /Length {len(data.encode('latin-1'))} >>\nstream\n{data}\nendstream"

    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.27 841.89] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R /F2 8 0 R >> >> >>",
        stream(content),
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /FontDescriptor 7 0 R /DW 1000 "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>",
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
        "/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 0 0] /FontMatrix [0.001 0 0 0.001 0 0] "
        f"/CharProcs << /blank 9 0 R >> /Encoding << /Type /Encoding /Differences [1 {'/blank ' * len(glyphs)}] >> "
        f"/FirstChar 1 /LastChar {len(glyphs)} /Widths [{'1000 ' * len(glyphs)}] /ToUnicode 10 0 R "
        "/Resources << >> >>",
        stream("1000 0 0 0 0 0 d1"),
        stream(to_unicode),
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    pdf += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    pdf += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(pdf)
    return path


OFD_NS = "http://www.ofdspec.org/2016"


def text_object(x: float, y: float, text: str, size: float = 5.6, weight: int = 400) -> str:
    width = size * len(text)
    return (f'<ofd:TextObject ID="1" Font="1" Size="{size}" Weight="{weight}" Boundary="{x} {y} {width} {size * 1.5}">'
            f'<ofd:TextCode X="0" Y="{size}" DeltaX="g {max(len(text) - 1, 1)} {size}">{text}</ofd:TextCode>'
            "</ofd:TextObject>")


def write_ofd(path: Path, pages: list[str]) -> Path:
    """An OFD package whose pages hold the given Content.xml layer bodies."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
                                    "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        page_list = "".join(f'<ofd:Page ID="{index + 10}" BaseLoc="Pages/Page_{index}/Content.xml"/>'
                            for index in range(len(pages)))
        archive.writestr("Doc_0/Document.xml", f'<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
                                               "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
                                               f"</ofd:PageArea></ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages>"
                                               "</ofd:Document>")
        for index, layer in enumerate(pages):
            archive.writestr(f"Doc_0/Pages/Page_{index}/Content.xml",
                             f'<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="2">{layer}</ofd:Layer>'
                             "</ofd:Content></ofd:Page>")
    path.write_bytes(buffer.getvalue())
    return path


def assert_ingest_error(error: pytest.ExceptionInfo[IngestError], code: str, path: Path) -> None:
    assert error.value.code == code
    assert path.name in error.value.to_error().message

"""Property-based fuzzing of ``read_document``: whatever the bytes, the answer is a RawDocument or an
IngestError with a catalogue code other than ``internal`` (a parser's own exception reaching the
user is a bug), within the deadline. Random bytes, then inputs that are nearly right for each format.
"""
from __future__ import annotations

import io
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongwen.extractors.readers import SUPPORTED_SUFFIXES, read_document
from gongwen.pipeline.errors import CATALOGUE, IngestError
from gongwen.pipeline.model import RawDocument
from reader_builders import DOCX_NAMESPACES, OFD_NS, text_object, write_docx, write_ofd, write_pdf

FUZZ = settings(max_examples=50, deadline=2000, suppress_health_check=[HealthCheck.too_slow], derandomize=True,
                database=None)
_FOLDER = Path(tempfile.mkdtemp(prefix="gongwen-fuzz-"))


def _read(data: bytes, suffix: str) -> None:
    path = _FOLDER / f"输入{suffix}"
    path.write_bytes(data)
    try:
        document = read_document(path)
    except IngestError as error:
        assert error.code in CATALOGUE and error.code != "internal", error.to_error().message
        assert "Errno" not in error.to_error().message
        return
    assert isinstance(document, RawDocument) and document.blocks


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@cache
def _base_docx() -> dict[str, bytes]:
    body = '<w:p><w:r><w:t>关于开展检查的通知</w:t></w:r></w:p>'
    return _members(write_docx(_FOLDER / "base.docx", body, header="东安区人民政府").read_bytes())


@cache
def _base_ofd() -> dict[str, bytes]:
    return _members(write_ofd(_FOLDER / "base.ofd", [text_object(20, 30, "关于开展检查的通知")]).read_bytes())


@cache
def _base_pdf() -> bytes:
    return write_pdf(_FOLDER / "base.pdf", [[(72, 700, "关于开展检查的通知", 16)]]).read_bytes()


def _soup(tokens: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(tokens), max_size=max_size).map("".join)


_MARKDOWN_TOKENS = ["|", "-", ":", "#", "*", "**", "_", ">", "`", "```", "[", "]", "(", ")", "!", "<", ">", "<!--",
                    "-->", "---\n", " ", "\t", "\n", "\r\n", "1. ", "- ", "&amp;", "\\", "关于", "通知", "　", "：",
                    "a: &a [1, *a]\n", "x: *y\n", "key: [\n"]
_HTML_TOKENS = ["<div>", "</div>", "<p>", "</p>", "<table>", "</table>", "<tr>", "<td>", "</td>", "<th>", "<a href=#>",
                "</a>", "<br>", "<script>", "</script>", "<h1>", '<div class="nav">', '<span style="font-size:1e999px">',
                "<meta charset=big5>", "<meta charset=x-unknown>", "<!DOCTYPE html>", "<html>", "<body>", "<?pi x?>",
                "&#0;", "&#xD800;", "&nbsp;", "正文内容", "发文机关：", "东安区", "\n", " "]
_WORD_TOKENS = ["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>",
                "<w:tc>", "</w:tc>", "<w:br/>", "<w:tab/>", '<w:fldChar w:fldCharType="begin"/>',
                '<w:fldChar w:fldCharType="separate"/>', '<w:fldChar w:fldCharType="end"/>', "<w:ins>", "</w:ins>",
                "<w:del>", "</w:del>", '<w:numPr><w:ilvl w:val="99"/><w:numId w:val="-1"/></w:numPr>',
                "<w:pPr>", "</w:pPr>", '<w:jc w:val="bogus"/>', '<w:sz w:val="x"/>', "<w:sdt>", "<w:sdtContent>",
                "</w:sdtContent>", "</w:sdt>", "<mc:AlternateContent>", "</mc:AlternateContent>", "正文", "<", "&", "]]>"]
_OFD_VALUES = ["0", "-1", "1e308", "inf", "nan", "g", "g 3", "g 400000000 1", "", "a b c d", "0 0 0 0", "10 10 100 20",
               "../../OFD.xml", "/", "Doc_0/Pages/Page_0/Content.xml", "Pages/Page_0/Content.xml", "\x00".encode().hex()]


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUPPORTED_SUFFIXES))
def test_random_bytes(data, suffix):
    _read(data, suffix)


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".docx", ".ofd"]), lead=st.sampled_from([b"PK\x03\x04", b"PK\x05\x06"]))
def test_random_bytes_that_open_like_a_zip(data, suffix, lead):
    _read(lead + data, suffix)


@FUZZ
@given(text=_soup(_MARKDOWN_TOKENS, 80), suffix=st.sampled_from([".md", ".txt"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_markdown_and_text(text, suffix, encoding):
    _read(text.encode(encoding, errors="replace"), suffix)


@FUZZ
@given(text=_soup(_HTML_TOKENS, 80), encoding=st.sampled_from(["utf-8", "gb18030"]))
def test_html(text, encoding):
    _read(text.encode(encoding, errors="replace"), ".html")


@FUZZ
@given(body=_soup(_WORD_TOKENS), part=st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml",
                                                        "word/_rels/document.xml.rels", "[Content_Types].xml"]),
       wrap=st.booleans())
def test_docx_with_a_wrong_part(body, part, wrap):
    members = dict(_base_docx())
    members[part] = (f"<w:document {DOCX_NAMESPACES}><w:body>{body}</w:body></w:document>" if wrap else body).encode()
    _read(_zip(members), ".docx")


@FUZZ
@given(values=st.lists(st.sampled_from(_OFD_VALUES), min_size=6, max_size=6), text=st.text(max_size=12),
       drop=st.sampled_from([None, "OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml"]))
def test_ofd_with_wrong_values(values, text, drop):
    members = dict(_base_ofd())
    boundary, size, x, delta, base, root = values
    members["Doc_0/Pages/Page_0/Content.xml"] = (
        f'<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="2"><ofd:TextObject ID="1" Size="{size}" '
        f'Boundary="{boundary}"><ofd:TextCode X="{x}" Y="{size}" DeltaX="{delta}">{_xml_text(text)}</ofd:TextCode>'
        "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>").encode()
    members["Doc_0/Document.xml"] = members["Doc_0/Document.xml"].replace(b"Pages/Page_0/Content.xml", base.encode())
    members["OFD.xml"] = members["OFD.xml"].replace(b"Doc_0/Document.xml", root.encode())
    if drop:
        del members[drop]
    _read(_zip(members), ".ofd")


def _xml_text(text: str) -> str:
    allowed = "".join(char for char in text if char in "\t\n\r" or (" " <= char <= "\ud7ff") or ("\ue000" <= char <= "\ufffd"))
    return allowed.replace("&", "&amp;").replace("<", "&lt;")


@FUZZ
@given(cuts=st.lists(st.tuples(st.integers(min_value=0, max_value=5000), st.binary(min_size=0, max_size=8)), max_size=6),
       truncate=st.integers(min_value=10, max_value=5000))
def test_pdf_damaged_in_place(cuts, truncate):
    data = bytearray(_base_pdf())
    for offset, patch in cuts:
        offset %= len(data)
        data[offset:offset + len(patch)] = patch
    _read(bytes(data[: max(truncate, 10)]), ".pdf")

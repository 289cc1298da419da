"""Bad input: every case gives one structured IngestError whose Chinese message names the file."""
from __future__ import annotations

import builtins
import errno
import io
import os
import zipfile
from pathlib import Path

import pytest

from gongwen.extractors.readers import SUPPORTED_SUFFIXES, ReadLimits, read_document
from gongwen.extractors.readers.guard import MIB, ZipBudget
from gongwen.pipeline.errors import IngestError
from reader_builders import assert_ingest_error, write_docx, write_ofd, write_pdf


def _read_error(path: Path, limits: ReadLimits = ReadLimits()) -> pytest.ExceptionInfo[IngestError]:
    with pytest.raises(IngestError) as error:
        read_document(path, limits)
    return error


def test_supported_suffixes_are_the_documented_ones():
    assert SUPPORTED_SUFFIXES == (".docx", ".doc", ".wps", ".pdf", ".ofd", ".txt", ".md", ".html", ".htm",
                                  ".png", ".jpg", ".jpeg", ".tif", ".tiff")


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_empty_file(tmp_path, suffix):
    path = tmp_path / f"空文件{suffix}"
    path.write_bytes(b"")
    assert_ingest_error(_read_error(path), "empty-file", path)


def test_unknown_extension(tmp_path):
    path = tmp_path / "请示.pages"
    path.write_text("关于申请经费的请示", encoding="utf-8")
    error = _read_error(path)
    assert_ingest_error(error, "unsupported-format", path)
    assert ".pages" in error.value.to_error().message


def test_pdf_bytes_named_docx_are_a_format_mismatch(tmp_path):
    source = write_pdf(tmp_path / "a.pdf", [[(72, 700, "关于开展检查的通知", 16)]])
    path = tmp_path / "通知.docx"
    path.write_bytes(source.read_bytes())
    error = _read_error(path)
    assert_ingest_error(error, "format-mismatch", path)
    assert "PDF" in error.value.to_error().message


def test_docx_named_pdf_is_a_format_mismatch(tmp_path):
    source = write_docx(tmp_path / "a.docx", "<w:p><w:r><w:t>正文</w:t></w:r></w:p>")
    path = tmp_path / "通知.pdf"
    path.write_bytes(source.read_bytes())
    error = _read_error(path)
    assert_ingest_error(error, "format-mismatch", path)
    assert "Word" in error.value.to_error().message


def test_text_named_pdf_is_a_format_mismatch(tmp_path):
    path = tmp_path / "通知.pdf"
    path.write_text("各科室：请于周五前报送材料。", encoding="utf-8")
    assert_ingest_error(_read_error(path), "format-mismatch", path)


def test_image_named_ofd_is_a_format_mismatch(tmp_path):
    path = tmp_path / "扫描件.ofd"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    error = _read_error(path)
    assert_ingest_error(error, "format-mismatch", path)
    assert "PNG" in error.value.to_error().message


def test_zip_without_word_document_is_a_format_mismatch(tmp_path):
    path = tmp_path / "附件.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a word document")
    error = _read_error(path)
    assert_ingest_error(error, "format-mismatch", path)
    assert "ZIP" in error.value.to_error().message


def test_corrupt_zip(tmp_path):
    path = tmp_path / "损坏.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x14\x00broken" * 40)
    assert_ingest_error(_read_error(path), "corrupt-file", path)


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "损坏.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref\n")
    assert_ingest_error(_read_error(path), "corrupt-file", path)


def test_password_protected_docx(tmp_path):
    # An encrypted OOXML file is an OLE compound file holding an "EncryptedPackage" stream.
    path = tmp_path / "加密.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
                     + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    assert_ingest_error(_read_error(path), "encrypted", path)


def test_legacy_word_file_named_docx_is_a_format_mismatch(tmp_path):
    path = tmp_path / "旧版.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le"))
    error = _read_error(path)
    assert_ingest_error(error, "format-mismatch", path)
    assert ".doc" in error.value.to_error().message


def test_password_protected_pdf(tmp_path):
    path = write_pdf(tmp_path / "加密.pdf", [[(72, 700, "机密文件", 16)]], encrypt="userpw")
    assert_ingest_error(_read_error(path), "encrypted", path)


def _zip_with_zeros(path: Path, size: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * size)
    return path


def test_zip_bomb_by_declared_total_size(tmp_path):
    path = _zip_with_zeros(tmp_path / "炸弹.docx", 2 * MIB)
    error = _read_error(path, ReadLimits(max_uncompressed_bytes=1 * MIB))
    assert_ingest_error(error, "zip-bomb", path)


def test_zip_bomb_by_compression_ratio(tmp_path):
    path = _zip_with_zeros(tmp_path / "炸弹.docx", 8 * MIB)  # deflates about a thousandfold
    assert_ingest_error(_read_error(path), "zip-bomb", path)


def test_zip_budget_caps_the_bytes_actually_inflated(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", b" " * (2 * MIB))
    path = tmp_path / "a.ofd"
    with zipfile.ZipFile(buffer) as archive, pytest.raises(IngestError) as error:
        ZipBudget(path, archive, ReadLimits(max_uncompressed_bytes=1 * MIB)).read("Doc_0/Pages/Page_0/Content.xml")
    assert_ingest_error(error, "zip-bomb", path)


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "大文件.txt"
    path.write_text("正文" * 100, encoding="utf-8")
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda file, *args, **kwargs: opened.append(file) or real_open(file, *args, **kwargs))
    error = _read_error(path, ReadLimits(max_bytes=100))
    assert_ingest_error(error, "too-large", path)
    assert str(path) not in map(str, opened)


def test_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "无权限.txt"
    path.write_text("正文", encoding="utf-8")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    error = _read_error(path)
    assert_ingest_error(error, "unreadable", path)
    assert "权限" in error.value.to_error().message


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root: chmod 000 does not stop root from reading (see test_permission_denied)")
def test_chmod_000_is_unreadable(tmp_path):
    path = tmp_path / "无权限.txt"
    path.write_text("正文", encoding="utf-8")
    path.chmod(0)
    try:
        assert_ingest_error(_read_error(path), "unreadable", path)
    finally:
        path.chmod(0o644)


def test_directory_is_unreadable(tmp_path):
    path = tmp_path / "文件夹.docx"
    path.mkdir()
    error = _read_error(path)
    assert_ingest_error(error, "unreadable", path)
    assert "文件夹" in error.value.to_error().message


def test_broken_symlink_is_unreadable(tmp_path):
    path = tmp_path / "链接.txt"
    path.symlink_to(tmp_path / "不存在.txt")
    assert_ingest_error(_read_error(path), "unreadable", path)


def test_missing_file_is_unreadable(tmp_path):
    path = tmp_path / "不存在.pdf"
    assert_ingest_error(_read_error(path), "unreadable", path)


@pytest.mark.parametrize("name, content", [
    ("空白.txt", " \n\u3000\u3000\n\t\n".encode("utf-8")),
    ("空白.md", b"---\ntitle: x\n---\n\n<!-- nothing -->\n"),
    ("空白.html", b"<html><head><script>var a='\xe6\x96\x87';</script></head><body> </body></html>"),
])
def test_no_text_after_decoding(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    assert_ingest_error(_read_error(path), "no-text", path)


def test_docx_with_only_empty_paragraphs_has_no_text(tmp_path):
    path = write_docx(tmp_path / "空白.docx", "<w:p/><w:p><w:r><w:t xml:space='preserve'>   </w:t></w:r></w:p>")
    assert_ingest_error(_read_error(path), "no-text", path)


def test_pdf_without_text_or_pictures_has_no_text(tmp_path):
    path = write_pdf(tmp_path / "扫描件.pdf", [[], []])
    assert_ingest_error(_read_error(path), "no-text", path)


def test_ofd_with_paths_only_has_no_text_layer(tmp_path):
    path = write_ofd(tmp_path / "印章.ofd", ['<ofd:PathObject ID="3" Boundary="10 10 50 50">'
                                            "<ofd:AbbreviatedData>M 0 0 L 10 10 C</ofd:AbbreviatedData>"
                                            "</ofd:PathObject>"])
    assert_ingest_error(_read_error(path), "no-text-layer", path)


def test_ofd_without_doc_root_is_corrupt(tmp_path):
    path = tmp_path / "残缺.ofd"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody/></ofd:OFD>')
    assert_ingest_error(_read_error(path), "corrupt-file", path)


def test_ofd_with_broken_xml_is_corrupt(tmp_path):
    path = tmp_path / "残缺.ofd"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody>")
    assert_ingest_error(_read_error(path), "corrupt-file", path)


def test_zip_bomb_by_ratio_states_the_part_its_size_and_the_ratio(tmp_path):
    # A 1.1 MB part deflating a thousandfold was reported as "超过 200 MB".
    path = _zip_with_zeros(tmp_path / "样式过多.docx", int(1.1 * MIB))
    message = _read_error(path).value.to_error().message
    assert "word/document.xml 解压后为 1.1 MB" in message and "倍" in message
    assert "200 MB" not in message


def test_zip_bomb_by_total_size_states_the_limit(tmp_path):
    path = _zip_with_zeros(tmp_path / "炸弹.docx", 2 * MIB)
    message = _read_error(path, ReadLimits(max_uncompressed_bytes=1 * MIB)).value.to_error().message
    assert "超过 1 MB 的上限" in message


def test_symlink_loop_reason_is_chinese(tmp_path):
    path = tmp_path / "循环.txt"
    path.symlink_to(path)
    message = _read_error(path).value.to_error().message
    assert "符号链接层数过多" in message
    assert "Too many" not in message and "Errno" not in message


@pytest.mark.parametrize("number", [errno.EIO, errno.ENAMETOOLONG, errno.ESTALE, errno.EBADMSG])
def test_os_errors_become_chinese_reasons(tmp_path, monkeypatch, number):
    path = tmp_path / "请示.txt"
    path.write_text("正文", encoding="utf-8")
    real_open = builtins.open

    def failing_open(file, *args, **kwargs):
        if Path(file) == path:
            raise OSError(number, os.strerror(number), str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", failing_open)
    message = _read_error(path).value.to_error().message
    prefix = "无法读取文件“请示.txt”："
    assert message.startswith(prefix)
    assert not any(char.isascii() and char.isalpha() for char in message[len(prefix):]), message

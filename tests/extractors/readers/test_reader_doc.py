"""Old Word binary (.doc) and WPS Office (.wps) files: read through LibreOffice or antiword where
installed, else refused in a way that fails the gate; what is saved under those names but is RTF,
a web page or a .docx is routed to its own reader.

The .doc fixtures in data/ were saved by LibreOffice from the .docx files of doc_fixtures.py.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doc_fixtures import CORPUS_DOCX, DATA, write_official_docx
from gongwen.extractors.readers import doc, read_document
from gongwen.pipeline.cli import main
from gongwen.pipeline.errors import CATALOGUE, IngestError
from reader_builders import assert_ingest_error, write_docx

OFFICIAL_DOC = DATA / "official.doc"
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                       reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
needs_antiword = pytest.mark.skipif(shutil.which("antiword") is None,
                                    reason="antiword is not installed: apt-get install antiword")


def _blocks(document) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(block.kind, block.text, block.cells) for block in document.blocks]


def _only_on_path(monkeypatch, tmp_path: Path, *tools: str) -> None:
    """PATH holds only these tools, as on a machine where the others are not installed."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in tools:
        (bin_dir / tool).symlink_to(shutil.which(tool))
    monkeypatch.setenv("PATH", str(bin_dir))


def _read_error(path: Path) -> pytest.ExceptionInfo[IngestError]:
    with pytest.raises(IngestError) as error:
        read_document(path)
    return error


def test_fixture_is_a_word_binary_compound_file() -> None:
    import olefile

    with olefile.OleFileIO(str(OFFICIAL_DOC)) as compound:
        assert compound.exists("WordDocument") and compound.exists("1Table")
        assert compound.openstream("WordDocument").read(2) == b"\xec\xa5"  # the FIB's wIdent


@pytest.fixture(scope="module")
def official_document():
    """official.doc read once through LibreOffice (about 2 s)."""
    return read_document(OFFICIAL_DOC)


@needs_libreoffice
def test_doc_reads_as_the_docx_it_was_saved_from(tmp_path: Path, official_document) -> None:
    original = read_document(write_official_docx(tmp_path / "original.docx"))
    document = official_document

    assert document.format == "doc" and document.meta["converter"] == "libreoffice"
    assert _blocks(document) == _blocks(original)
    texts = [block.text for block in document.blocks]
    assert texts[0] == "阳泉市城区教育局文件" and document.blocks[0].kind == "header"
    assert document.blocks[-1].kind == "footer"
    assert "一、扩建的必要性" in texts and "（二）安全隐患较为突出。" in texts and "2.售餐区拥挤。" in texts
    rows = [block.cells for block in document.blocks if block.kind == "table_row"]
    assert rows[1:3] == [("土建工程", "260", "含拆除"), ("", "40", "附属设施")]  # merged cell not repeated


@needs_libreoffice
def test_doc_gives_the_same_fields_and_findings_as_its_docx() -> None:
    converted = DATA / "yq-01-qingshi-shitang.doc"  # the corpus 请示 saved as .doc by LibreOffice

    result = CliRunner().invoke(main, ["check", str(converted), str(CORPUS_DOCX), "--rules", "yangquan-chengqu",
                                       "--format", "json"], catch_exceptions=False)

    documents = {Path(item["path"]).suffix: item for item in json.loads(result.stdout)["documents"]}
    assert documents[".doc"]["status"] == "ok" and documents[".doc"]["format"] == "doc"
    assert documents[".doc"]["fields"] == documents[".docx"]["fields"]
    assert documents[".doc"]["fields"]["approval"]  # the 发文稿纸 table was read as table rows
    assert ([(finding["rule"], finding["excerpt"]) for finding in documents[".doc"]["findings"]]
            == [(finding["rule"], finding["excerpt"]) for finding in documents[".docx"]["findings"]])


@needs_antiword
def test_antiword_reads_the_text_where_libreoffice_is_missing(tmp_path: Path, monkeypatch) -> None:
    original = read_document(write_official_docx(tmp_path / "original.docx"))
    _only_on_path(monkeypatch, tmp_path, "antiword")

    document = read_document(OFFICIAL_DOC)

    assert document.meta["converter"] == "antiword"
    # antiword has no numbering labels, headers or footers; the rest is the original's text and rows
    labels = dict(original.meta["numbering_labels"])
    expected = [(block.kind, block.text[len(labels.get(index, "")):], block.cells)
                for index, block in enumerate(original.blocks) if block.kind in ("para", "table_row")]
    assert _blocks(document) == expected


def test_without_a_converter_the_file_needs_conversion_and_fails_the_gate(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "请示.doc"
    shutil.copy(OFFICIAL_DOC, path)
    wps = tmp_path / "汇报.wps"
    shutil.copy(OFFICIAL_DOC, wps)
    recording = tmp_path / "会议录音.mp3"  # a file of a type gongwen does not review
    recording.write_bytes(b"ID3\x03\x00 recording")
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))

    error = _read_error(path)
    assert_ingest_error(error, "needs-conversion", path)
    assert "请另存为 .docx 后重新提交" in error.value.to_error().message
    result = CliRunner().invoke(main, ["check", str(path), str(wps), str(recording), "--rules", "yangquan-chengqu",
                                       "--format", "json"], catch_exceptions=False)
    statuses = {Path(item["path"]).name: (item["error"] or {}).get("code")
                for item in json.loads(result.stdout)["documents"]}
    assert statuses == {"请示.doc": "needs-conversion", "汇报.wps": "needs-conversion",
                        "会议录音.mp3": "unsupported-format"}
    assert result.exit_code == 1
    # the recording alone still does not fail the gate: only files gongwen should have read do
    alone = CliRunner().invoke(main, ["check", str(recording), "--rules", "yangquan-chengqu"], catch_exceptions=False)
    assert alone.exit_code == 0


def test_password_protected_doc_is_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "加密.doc"
    shutil.copy(DATA / "official-encrypted.doc", path)  # saved by LibreOffice with a password
    assert_ingest_error(_read_error(path), "encrypted", path)


def test_damaged_compound_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "损坏.doc"
    path.write_bytes(OFFICIAL_DOC.read_bytes()[:3000])  # cut off, as by a failed download
    assert_ingest_error(_read_error(path), "corrupt-file", path)


def test_compound_file_that_is_not_word(tmp_path: Path) -> None:
    # An Excel workbook (an OLE file whose main stream is "Workbook") saved under a Word name.
    data = bytearray(OFFICIAL_DOC.read_bytes())
    entry = data.index("WordDocument".encode("utf-16-le"))
    data[entry:entry + 24] = "Workbook".encode("utf-16-le") + bytes(8)
    data[entry + 64:entry + 66] = (len("Workbook") * 2 + 2).to_bytes(2, "little")
    as_doc, as_wps = tmp_path / "表格.doc", tmp_path / "表格.wps"
    as_doc.write_bytes(bytes(data))
    as_wps.write_bytes(bytes(data))

    assert_ingest_error(_read_error(as_doc), "format-mismatch", as_doc)
    assert_ingest_error(_read_error(as_wps), "needs-conversion", as_wps)


def test_rtf_saved_as_doc_is_read(tmp_path: Path) -> None:
    def gbk(text: str) -> str:
        return "".join(f"\\'{byte:02x}" for byte in text.encode("gbk"))

    path = tmp_path / "通知.doc"
    path.write_text(
        "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\n"
        f"\\pard {gbk('关于做好安全生产工作的通知')}\\par\n"
        f"\\pard {gbk('一、')}\\u8203?{gbk('压实责任')}\\par\n"
        "\\trowd\\cellx2000\\cellx4000\n"
        f"\\pard\\intbl {gbk('单位')}\\cell {gbk('联系人')}\\cell\\row\n"
        f"\\pard\\intbl {gbk('区应急局')}\\cell {gbk('张某某')}\\cell\\row\n"
        f"\\pard {gbk('阳泉市城区人民政府')}\\par}}", encoding="ascii")

    document = read_document(path)

    assert document.format == "doc" and document.meta["content"] == "rtf"
    assert _blocks(document) == [("para", "关于做好安全生产工作的通知", ()), ("para", "一、\u200b压实责任", ()),
                                 ("table_row", "单位\t联系人", ("单位", "联系人")),
                                 ("table_row", "区应急局\t张某某", ("区应急局", "张某某")),
                                 ("para", "阳泉市城区人民政府", ())]


def test_web_page_saved_as_doc_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "批复.doc"
    path.write_text("<html><head><meta charset='gbk'></head><body><p>东安区人民政府关于同意调整的批复</p>"
                    "<p>兴隆镇人民政府：你镇的请示收悉。</p></body></html>", encoding="gbk")

    document = read_document(path)

    assert document.format == "doc" and document.meta["content"] == "html"
    assert [block.text for block in document.blocks] == ["东安区人民政府关于同意调整的批复", "兴隆镇人民政府：你镇的请示收悉。"]


def test_docx_saved_under_a_doc_name_is_read(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "请示.doc", "<w:p><w:r><w:t>关于扩建食堂的请示</w:t></w:r></w:p>")
    document = read_document(path)
    assert document.format == "doc" and [block.text for block in document.blocks] == ["关于扩建食堂的请示"]


@pytest.mark.parametrize(("name", "data", "code"), [
    ("说明.doc", "这是一份纯文本说明。".encode("gbk"), "format-mismatch"),
    ("照片.doc", b"\x89PNG\r\n\x1a\n" + bytes(64), "format-mismatch"),
    ("旧稿.doc", b"\x00\x01\x02 binary", "format-mismatch"),
    ("旧稿.wps", b"\x00\x01\x02 WPS 2000", "needs-conversion"),  # pre-2005 WPS is not OLE
])
def test_other_content_under_word_names(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert_ingest_error(_read_error(path), code, path)


def test_a_hanging_converter_is_killed_with_its_children(tmp_path: Path, monkeypatch) -> None:
    child_pid = tmp_path / "child.pid"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    soffice = bin_dir / "soffice"  # stands in for a LibreOffice stuck on a document
    soffice.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {child_pid}\nwait\n", encoding="utf-8")
    soffice.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.defpath}")
    monkeypatch.setattr(doc, "CONVERT_TIMEOUT", 1)
    path = tmp_path / "卡住.doc"
    shutil.copy(OFFICIAL_DOC, path)

    started = time.monotonic()
    error = _read_error(path)

    assert_ingest_error(error, "timeout", path)
    assert time.monotonic() - started < 10
    stat = Path(f"/proc/{child_pid.read_text().strip()}/stat")
    assert not stat.exists() or stat.read_text().split()[2] == "Z"  # gone, or dead and not yet reaped


def _read_in_a_worker(path: Path, timeout: int) -> None:
    import tempfile

    tempfile.tempdir = str(path.parent)  # the killed worker cannot remove its work folder
    doc.CONVERT_TIMEOUT = timeout
    read_document(path)


def test_a_converter_does_not_outlive_a_killed_worker(tmp_path: Path, monkeypatch) -> None:
    import multiprocessing
    import signal

    child_pid = tmp_path / "child.pid"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    soffice = bin_dir / "soffice"  # stands in for a LibreOffice spinning on a hostile document
    soffice.write_text(f"#!/bin/sh\nsh -c 'while :; do :; done' &\necho $! > {child_pid}\nwait\n", encoding="utf-8")
    soffice.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.defpath}")
    path = tmp_path / "卡住.doc"
    shutil.copy(OFFICIAL_DOC, path)
    worker = multiprocessing.get_context("fork").Process(target=_read_in_a_worker, args=(path, 1))
    worker.start()
    deadline = time.monotonic() + 10
    while not child_pid.exists() or not child_pid.read_text().strip():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(worker.pid, signal.SIGKILL)  # as the OOM killer or the batch's time limit would
    worker.join()

    pid = int(child_pid.read_text())
    stat = Path(f"/proc/{pid}/stat")
    while stat.exists() and stat.read_text().split()[2] != "Z" and time.monotonic() < deadline:
        time.sleep(0.1)
    still_running = stat.exists() and stat.read_text().split()[2] != "Z"
    if still_running:
        os.kill(pid, signal.SIGKILL)
    assert not still_running  # stopped by its CPU limit


@needs_libreoffice
def test_libreoffice_fetches_nothing_from_the_network(tmp_path: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    requests: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = str(server.server_address[1])  # ephemeral ports have five digits, as the fixture's 49999
    data = (DATA / "linked-picture.doc").read_bytes()  # a picture linked to http://127.0.0.1:49999/linked.png
    data = data.replace(b"49999", port.encode()).replace("49999".encode("utf-16-le"), port.encode("utf-16-le"))
    path = tmp_path / "链接图片.doc"
    path.write_bytes(data)

    try:
        document = read_document(path)
    finally:
        server.shutdown()

    assert [block.text for block in document.blocks] == ["Before", "After"]
    assert requests == []


@needs_libreoffice
def test_wps_office_files_read_as_word_binary_in_parallel(tmp_path: Path, official_document) -> None:
    # Since WPS 2005, WPS writes .wps as a Word-binary compound file. Each conversion has its own
    # LibreOffice: with one shared profile, a second LibreOffice hands its work to the first and exits.
    from concurrent.futures import ThreadPoolExecutor

    paths = [tmp_path / "关于扩建学生食堂的请示.wps", tmp_path / "请示.doc"]
    for path in paths:
        shutil.copy(OFFICIAL_DOC, path)

    with ThreadPoolExecutor(max_workers=2) as pool:
        wps, doc_file = pool.map(read_document, paths)

    assert wps.format == "wps" and doc_file.format == "doc"
    assert _blocks(wps) == _blocks(doc_file) == _blocks(official_document)


_FUZZ = settings(max_examples=60, deadline=2000, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
_RTF_TOKENS = ["{", "}", "\\rtf1", "\\ansicpg936", "\\ansicpg99999", "\\'b0", "\\'zz", "\\u20013?", "\\u-70000?",
               "\\u99999999?", "\\par", "\\intbl", "\\cell", "\\row", "\\*", "\\field", "\\fldinst", "\\fldrslt",
               "\\bin5 ", "\\", "|", "\\uc0", "文", " ", "\n"]


def _read_outcome(path: Path) -> None:
    """A RawDocument, or a catalogue error that is not ``internal``."""
    try:
        read_document(path)
    except IngestError as error:
        assert error.code in CATALOGUE and error.code != "internal", error.to_error().message


@_FUZZ
@given(edits=st.lists(st.tuples(st.integers(0, OFFICIAL_DOC.stat().st_size - 1), st.binary(min_size=1, max_size=32)),
                      min_size=1, max_size=4),
       keep=st.integers(600, OFFICIAL_DOC.stat().st_size))
def test_damaged_word_binary(tmp_path: Path, edits, keep) -> None:
    # Without a converter on PATH this exercises the compound-file and encryption checks quickly.
    data = bytearray(OFFICIAL_DOC.read_bytes())
    for offset, replacement in edits:
        data[offset:offset + len(replacement)] = replacement
    path = tmp_path / "损坏.doc"
    path.write_bytes(bytes(data[:keep]))
    saved_path = os.environ["PATH"]
    os.environ["PATH"] = str(tmp_path / "no-tools")
    try:
        _read_outcome(path)
    finally:
        os.environ["PATH"] = saved_path


@_FUZZ
@given(tokens=st.lists(st.sampled_from(_RTF_TOKENS), max_size=80), suffix=st.sampled_from([".doc", ".wps"]))
def test_rtf_soup(tmp_path: Path, tokens, suffix) -> None:
    path = tmp_path / f"格式{suffix}"
    path.write_text("{\\rtf1 " + "".join(tokens), encoding="utf-8")
    _read_outcome(path)

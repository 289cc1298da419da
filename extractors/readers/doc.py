"""Old Word binary (.doc, Word 97–2003) and Kingsoft WPS (.wps) reader.

Since WPS 2005 a .wps is an OLE compound file with a Word-binary ``WordDocument`` stream: it is
read exactly as a .doc. The text comes from a converter found on the machine, best first:

1. LibreOffice headless converts the file to .docx, which the docx reader reads: blocks, tables
   as rows, headers/footers, automatic numbering labels and style hints as for a .docx.
2. antiword prints the text: paragraphs and table rows, but no numbering labels, headers or footers.
3. Neither installed: ``needs-conversion``, which fails the gate ("请另存为 .docx").

Measured on the corpus .docx files converted to .doc by LibreOffice (issue 7): character error
rate against the docx reader of the originals 0.00 % for LibreOffice (~2 s a file, most of it the
start of LibreOffice), 0.35 % for antiword (4 ms; the missing numbering labels), 31.7 % for catdoc
(cuts CJK lines), so catdoc is not used.

What a clerk saves as .doc is not always Word binary: Word's and WPS's "RTF 格式" and "网页" are
often saved under .doc, and a .docx renamed .doc opens in Word without complaint. Those are read by
their own readers; anything else is ``format-mismatch``. A .wps that is neither Word binary nor one
of those is an early (before 2005) WPS or a Microsoft Works file: ``needs-conversion``.

Each conversion runs in its own temporary directory with its own LibreOffice profile, so parallel
workers never share one; it is killed with its whole process group after ``CONVERT_TIMEOUT`` seconds.
Its processes also get that many seconds of CPU as a resource limit, which LibreOffice's own child
(soffice.bin) inherits: a worker killed mid-conversion cannot leave a converter spinning for ever.
The profile points every internet access at a closed local port and disables macros and link updates.
"""
from __future__ import annotations

import dataclasses
import io
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from gongwen.extractors.readers import html, rtf
from gongwen.extractors.readers.docx import read_docx
from gongwen.extractors.readers.guard import KIND_LABELS, ReadLimits, sniff
from gongwen.extractors.readers.pipe_tables import blocks_from_lines
from gongwen.pipeline.errors import IngestError
from gongwen.pipeline.model import RawDocument

CONVERT_TIMEOUT = 60  # seconds for one file; LibreOffice takes ~2 s, antiword milliseconds

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_FORMAT_LABELS = {"doc": "旧版 Word 文档（.doc）", "wps": "WPS 文字文档（.wps）"}

_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetProxyType" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetFTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetFTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
</oor:items>
"""

Converter = Callable[[Path, bytes, ReadLimits], RawDocument]


def read_doc(path: Path, data: bytes, limits: ReadLimits) -> RawDocument:
    return _read(path, data, limits, "doc")


def read_wps(path: Path, data: bytes, limits: ReadLimits) -> RawDocument:
    return _read(path, data, limits, "wps")


def _read(path: Path, data: bytes, limits: ReadLimits, format_name: str) -> RawDocument:
    if data.startswith(_OLE_MAGIC):
        return _read_compound_file(path, data, limits, format_name)
    if data.startswith(_ZIP_MAGIC):
        document = read_docx(path, data, limits)  # the caller has sniffed a .docx package
        content = "docx"
    elif rtf.is_rtf(data):
        document = rtf.read_rtf(path, data, limits)
        content = "rtf"
    elif sniff(data) == "html":
        document = html.read_html(path, data, limits)
        content = "html"
    elif format_name == "wps":
        raise IngestError("needs-conversion", path, kind="早期版本的 WPS 文字文档")
    else:
        raise IngestError("format-mismatch", path, suffix=f".{format_name}", actual=KIND_LABELS[sniff(data)])
    return dataclasses.replace(document, format=format_name, meta={**document.meta, "content": content})


def _read_compound_file(path: Path, data: bytes, limits: ReadLimits, format_name: str) -> RawDocument:
    import msoffcrypto
    import olefile
    from msoffcrypto.exceptions import FileFormatError

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as compound:
            streams = {"/".join(entry) for entry in compound.listdir()}
    except (OSError, ValueError, IndexError) as error:  # olefile's errors are OSError subclasses
        raise IngestError("corrupt-file", path, reason=f"OLE 复合文档结构无效（{error}）") from None
    if "EncryptedPackage" in streams:  # an encrypted .docx under a .doc name
        raise IngestError("encrypted", path)
    if "WordDocument" not in streams:
        if format_name == "wps":
            raise IngestError("needs-conversion", path, kind="早期版本的 WPS 或 Works 文档")
        raise IngestError("format-mismatch", path, suffix=".doc", actual=KIND_LABELS["ole"])
    try:
        encrypted = msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
    except (FileFormatError, OSError, ValueError, IndexError, KeyError) as error:
        raise IngestError("corrupt-file", path, reason=f"Word 文档头无效（{error}）") from None
    if encrypted:
        raise IngestError("encrypted", path)
    converter = find_converter()
    if converter is None:
        raise IngestError("needs-conversion", path, kind=_FORMAT_LABELS[format_name])
    document = converter(path, data, limits)
    return dataclasses.replace(document, format=format_name)


def find_converter() -> Converter | None:
    """The best Word-binary converter installed on this machine, or None."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        return lambda path, data, limits: _via_libreoffice(soffice, path, data, limits)
    antiword = shutil.which("antiword")
    if antiword:
        return lambda path, data, limits: _via_antiword(antiword, path, data)
    return None


def _via_libreoffice(soffice: str, path: Path, data: bytes, limits: ReadLimits) -> RawDocument:
    with tempfile.TemporaryDirectory(prefix="gongwen-doc-") as work:
        work_dir = Path(work)
        source = work_dir / "source.doc"  # an ASCII name: the clerk's name may not be valid UTF-8
        source.write_bytes(data)
        profile = work_dir / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
        result = _run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
                       "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--nofirststartwizard",
                       "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work_dir / "out"), str(source)],
                      path, env={**os.environ, "HOME": str(work_dir)})
        converted = work_dir / "out" / "source.docx"
        if not converted.is_file():  # LibreOffice exits 0 when it cannot load the source
            reason = _last_line(result.stderr) or "LibreOffice 无法打开该文件"
            raise IngestError("corrupt-file", path, reason=f"Word 文档无法转换（{reason}）")
        document = read_docx(path, converted.read_bytes(), limits)
    return dataclasses.replace(document, meta={**document.meta, "content": "word-binary", "converter": "libreoffice"})


def _via_antiword(antiword: str, path: Path, data: bytes) -> RawDocument:
    with tempfile.TemporaryDirectory(prefix="gongwen-doc-") as work:
        source = Path(work) / "source.doc"
        source.write_bytes(data)
        result = _run([antiword, "-m", "UTF-8.txt", "-w", "0", str(source)], path)
    if result.returncode != 0:
        reason = _last_line(result.stderr) or f"antiword 退出码 {result.returncode}"
        raise IngestError("corrupt-file", path, reason=f"Word 文档无法读取（{reason}）")
    blocks, tables = blocks_from_lines(result.stdout.decode("utf-8", "replace").splitlines(), _antiword_row)
    return RawDocument(path=str(path), format="doc", blocks=tuple(blocks),
                       meta={"content": "word-binary", "converter": "antiword", "tables": tables})


def _antiword_row(line: str) -> list[str] | None:
    """antiword draws a table row as "|cell |cell |" on one line."""
    return line[1:-1].split("|") if len(line) > 1 and line.startswith("|") and line.endswith("|") else None


def _run(command: list[str], path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a converter in its own process group, killed as a whole when it overruns."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, env=env, preexec_fn=_limit_cpu)
    try:
        stdout, stderr = process.communicate(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise IngestError("timeout", path, seconds=CONVERT_TIMEOUT) from None
    except BaseException:  # the runner's own time limit, or the worker being stopped
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _limit_cpu() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (CONVERT_TIMEOUT, CONVERT_TIMEOUT + 5))


def _last_line(output: bytes) -> str:
    lines = [line.strip() for line in output.decode("utf-8", "replace").splitlines() if line.strip()]
    meaningful = [line for line in lines if not line.startswith("Warning:")]
    return meaningful[-1][:200] if meaningful else ""

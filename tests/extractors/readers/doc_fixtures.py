"""The .docx that tests/extractors/readers/data/official.doc was saved from, and how the .doc
fixtures were made (run this file with LibreOffice installed to rebuild them).

linked-picture.doc was saved by LibreOffice from ``<p>Before</p><p><img
src="http://127.0.0.1:49999/linked.png"></p><p>After</p>``: Word binary with an INCLUDEPICTURE link."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from reader_builders import write_numbered_docx

DATA = Path(__file__).parent / "data"
CORPUS_DOCX = Path(__file__).resolve().parents[3] / "corpus" / "documents" / "yq-01-qingshi-shitang.docx"


def _level(level: int, number_format: str, text: str) -> str:
    return (f"<w:lvl w:ilvl='{level}'><w:start w:val='1'/><w:numFmt w:val='{number_format}'/>"
            f"<w:lvlText w:val='{text}'/><w:suff w:val='nothing'/></w:lvl>")


_NUMBERING = ("<w:abstractNum w:abstractNumId='0'>" + _level(0, "chineseCounting", "%1、")
              + _level(1, "chineseCounting", "（%2）") + _level(2, "decimal", "%3.")
              + "</w:abstractNum><w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>")


def _paragraph(text: str, level: int | None = None, centered: bool = False) -> str:
    properties = f"<w:numPr><w:ilvl w:val='{level}'/><w:numId w:val='1'/></w:numPr>" if level is not None else ""
    properties += "<w:jc w:val='center'/>" if centered else ""
    return f"<w:p><w:pPr>{properties}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def _cell(text: str, merge: str | None = None) -> str:
    merge_element = {"restart": "<w:vMerge w:val='restart'/>", "continue": "<w:vMerge/>"}.get(merge, "")
    return f"<w:tc><w:tcPr>{merge_element}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


_TABLE = ("<w:tbl><w:tblPr><w:tblW w:w='0' w:type='auto'/></w:tblPr><w:tblGrid><w:gridCol w:w='2000'/>"
          "<w:gridCol w:w='3000'/><w:gridCol w:w='3000'/></w:tblGrid>"
          "<w:tr>" + _cell("项目") + _cell("金额（万元）") + _cell("备注") + "</w:tr>"
          "<w:tr>" + _cell("土建工程", "restart") + _cell("260") + _cell("含拆除") + "</w:tr>"
          "<w:tr>" + _cell("", "continue") + _cell("40") + _cell("附属设施") + "</w:tr>"
          "<w:tr>" + _cell("设备购置") + _cell("86") + _cell("") + "</w:tr></w:tbl>")

_BODY = (_paragraph("阳泉市城区教育局关于扩建学生食堂的请示", centered=True) + _paragraph("阳泉市城区人民政府：")
         + _paragraph("扩建的必要性", 0) + _paragraph("就餐需求持续增长。学校现有学生1600余人。", 1)
         + _paragraph("安全隐患较为突出。", 1) + _paragraph("操作间面积不足。", 2) + _paragraph("售餐区拥挤。", 2)
         + _paragraph("扩建方案", 0) + _paragraph("拟新建单层食堂一座，投资如下：") + _TABLE
         + _paragraph("请示事项", 0) + _paragraph("妥否，请批示。") + _paragraph("阳泉市城区教育局")
         + _paragraph("2024年3月12日"))


def write_official_docx(path: Path) -> Path:
    """A 请示 with a header and footer, automatic 一、/（一）/1. numbering and a table with a merged cell."""
    import docx

    write_numbered_docx(path, _BODY, _NUMBERING)
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0].text = "阳泉市城区教育局文件"
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    document.save(str(path))
    return path


_ENCRYPT = """
import sys, time, uno
from com.sun.star.beans import PropertyValue
def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p
context = uno.getComponentContext()
resolver = context.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", context)
for _ in range(120):
    try:
        remote = resolver.resolve("uno:pipe,name=gongwen_fixtures;urp;StarOffice.ComponentContext"); break
    except Exception:
        time.sleep(0.5)
desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(sys.argv[1]), "_blank", 0, (prop("Hidden", True),))
document.storeToURL(uno.systemPathToFileUrl(sys.argv[2]), (prop("FilterName", "MS Word 97"), prop("Password", "gongwen")))
document.close(True)
try:
    desktop.terminate()
except Exception:
    pass
"""


def rebuild() -> None:
    """official.doc, official-encrypted.doc (password "gongwen", through LibreOffice's UNO bridge and
    the system python3 that has it) and yq-01-qingshi-shitang.doc."""
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        profile = f"-env:UserInstallation={(work_dir / 'profile').as_uri()}"
        source = write_official_docx(work_dir / "official.docx")
        shutil.copy(CORPUS_DOCX, work_dir / CORPUS_DOCX.name)
        convert = ["soffice", profile, "--headless", "--norestore", "--convert-to"]
        subprocess.run([*convert, "doc:MS Word 97", "--outdir", str(DATA), str(source),
                        str(work_dir / CORPUS_DOCX.name)], check=True)
        office = subprocess.Popen(["soffice", profile, "--headless", "--norestore",
                                   "--accept=pipe,name=gongwen_fixtures;urp;"])
        subprocess.run(["/usr/bin/python3", "-c", _ENCRYPT, str(DATA / "official.doc"),
                        str(DATA / "official-encrypted.doc")], check=True)
        office.wait(timeout=60)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    rebuild()
